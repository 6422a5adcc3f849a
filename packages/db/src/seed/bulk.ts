import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../client';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Inserts many rows through one JSON parameter (`json_to_recordset`) and returns the new ids in
 * input order. On PGlite this is several times faster than a VALUES list with thousands of bind
 * parameters. Column names and types come from the drizzle table; only the keys the rows carry
 * are written (the rest take their defaults).
 */
export async function insertJson<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const { name, columns } = getTableConfig(table);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const typed = keys.map((key) => {
    const column = columns.find((c) => c.name === key);
    if (!column) throw new TypeError(`${name} has no column ${key}`);
    return { key, column: snake(key), type: column.getSQLType() };
  });
  const payload = rows.map((r, n) => {
    const row: Record<string, unknown> = { n };
    for (const t of typed) row[t.column] = (r as Record<string, unknown>)[t.key] ?? null;
    return row;
  });
  const list = sql.raw(typed.map((t) => t.column).join(', '));
  const result = (await tx.execute(sql`
    insert into ${sql.raw(name)} (${list})
    select ${list}
    from json_to_recordset(${JSON.stringify(payload)}::json)
      as x(n int, ${sql.raw(typed.map((t) => `${t.column} ${t.type}`).join(', '))})
    order by n
    returning id
  `)) as { rows: { id: number }[] };
  return result.rows.map((r) => r.id);
}
