/**
 * Change tracking for the fuzz database (tests only): a row trigger on every table appends
 * (table, operation) to `fuzz_changes`. The trigger's row is part of the writing transaction, so
 * a write that rolls back leaves nothing, and "did this call change the database?" is one indexed
 * read (any fuzz_changes row past a mark) however large the tables are: far cheaper than hashing
 * every table around each call, and it names the table that changed.
 */
import { rowsOf, type Database } from '@dangjian/db';
import { sql } from 'drizzle-orm';

/**
 * Tables a refused call may legitimately write, so they are not watched:
 * - audit_log: the append-only audit trail (its rows are written in the call's own transaction
 *   and only for a mutation that succeeded; refused calls are recorded as security events);
 * - security_events: refused calls are recorded there on purpose, in their own transaction;
 * - login_attempts: every login attempt is recorded, a refused one (wrong password) too;
 * - sessions: reading the session slides its idle timeout (last_seen_at) on every call.
 */
export const UNWATCHED_TABLES: readonly string[] = [
  'audit_log',
  'security_events',
  'login_attempts',
  'sessions',
];

export { rowsOf };

/** Installs the triggers on every table of the public schema but the unwatched ones. */
export async function installChangeWatch(db: Database): Promise<string[]> {
  await db.execute(sql`
    create table fuzz_changes (
      id bigint generated always as identity primary key,
      table_name text not null,
      operation text not null
    )`);
  await db.execute(sql`
    create function fuzz_note_change() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      insert into fuzz_changes (table_name, operation) values (tg_table_name, tg_op);
      return null;
    end $$`);
  const tables = await rowsOf<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public'
        and tablename <> 'fuzz_changes' order by tablename`,
  );
  const watched = tables.map((t) => t.name).filter((name) => !UNWATCHED_TABLES.includes(name));
  for (const name of watched) {
    await db.execute(
      sql.raw(`create trigger fuzz_watch after insert or update or delete on "${name}"
               for each row execute function fuzz_note_change()`),
    );
    await db.execute(
      sql.raw(`create trigger fuzz_watch_truncate after truncate on "${name}"
               for each statement execute function fuzz_note_change()`),
    );
  }
  return watched;
}

/** A mark to compare against: the last change recorded so far. */
export async function changeMark(db: Database): Promise<number> {
  const [row] = await rowsOf<{ id: string | number | null }>(
    db,
    sql`select max(id) as id from fuzz_changes`,
  );
  return Number(row?.id ?? 0);
}

/**
 * In one read: the tables changed (and how) since `mark`, e.g. ["orgs UPDATE", "people INSERT"]
 * (empty when none), and the new mark.
 */
export async function changesSince(
  db: Database,
  mark: number,
): Promise<{ changed: string[]; mark: number }> {
  const [row] = await rowsOf<{ last: string | number | null; what: string | null }>(
    db,
    sql`select max(id) as last,
          string_agg(distinct table_name || ' ' || operation, ', ') as what
        from fuzz_changes where id > ${mark}`,
  );
  return {
    changed: row?.what ? row.what.split(', ') : [],
    mark: row?.last === null || row?.last === undefined ? mark : Number(row.last),
  };
}
