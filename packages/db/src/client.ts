import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';
import { databaseEnv } from './env';
import { defaultDataDir, migrationsFolder } from './paths';

export type Schema = typeof schema;
/** The database handle every package uses; the same type on PGlite and on a real server. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle (what `db.transaction(async (tx) => …)` passes in). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Driver = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  /** Human-readable location, for logs (never contains a password). */
  location: string;
  /** The PGlite data folder (embedded only). */
  dataDir?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a real server; unset for embedded PGlite. Defaults to DATABASE_URL. */
  url?: string | undefined;
  /** PGlite data folder; 'memory://' for an in-memory database. Defaults to defaultDataDir(). */
  dataDir?: string | undefined;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
  /** Pool size on a real server (default 10). */
  poolSize?: number;
  /** Called when an idle pooled connection fails (default: ignored; the pool replaces it). */
  onIdleError?: (err: Error) => void;
}

const casing = 'snake_case' as const;

/**
 * Queries on one connection run one after another: a transaction is one connection, and a
 * handler may start several queries at once (`Promise.all`). node-postgres queues overlapping
 * queries itself but deprecates that (removed in pg 9); this keeps the same first-in, first-out
 * order in our own chain. Callback and submittable (stream, cursor) calls pass straight through.
 */
export function queueQueries(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  const queued = (...args: unknown[]): unknown => {
    const first = args[0] as { submit?: unknown } | null | undefined;
    const passThrough =
      typeof args[args.length - 1] === 'function' ||
      (typeof first === 'object' && first !== null && typeof first.submit === 'function');
    if (passThrough) return query(...args);
    const run = tail.then(() => query(...args) as Promise<unknown>);
    tail = run.catch(() => undefined);
    return run;
  };
  client.query = queued as typeof client.query;
}
const MIGRATION_LOCK_ID = 4307_2012;

/**
 * Opens the database: a node-postgres pool when a postgres:// URL is given (or DATABASE_URL is
 * set), otherwise embedded PGlite stored in a data folder. Runs the committed migrations on both.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const url = options.url ?? databaseEnv().DATABASE_URL;
  const shouldMigrate = options.migrate ?? true;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, admin termination) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => {
      options.onIdleError?.(err);
    });
    pool.on('connect', queueQueries);
    const db = drizzlePg({ client: pool, schema, casing });
    if (shouldMigrate) {
      // One migrator at a time across processes: hold an advisory lock on one connection.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg({ client, schema, casing }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    }
    const safe = new URL(url);
    safe.password = '';
    return {
      db: db as unknown as Database,
      driver: 'postgres',
      location: safe.toString(),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the trigram indexes of substring search (migration 0025).
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing });
  if (shouldMigrate) await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    location: dataDir,
    dataDir,
    close: () => client.close(),
  };
}
