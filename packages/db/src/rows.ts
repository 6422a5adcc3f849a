import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

/**
 * The rows of a raw SQL query, typed by the caller. Both drivers answer `execute` with
 * `{ rows }` (node-postgres' QueryResult, PGlite's Results), but drizzle types the union of the two
 * as unknown: this is the one place that says so.
 */
export async function rowsOf<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
