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
  /** The embedded database itself (embedded only): backups dump its data folder. */
  pglite?: PGlite;
  /**
   * Why the server's connection is not the production shape (a superuser, or the tables' owner),
   * for a warning at start; null when it is (a login role that owns nothing) or on PGlite.
   */
  roleWarning: string | null;
  /**
   * Runs `fn` as the tables' owner over the whole country (the seed, maintenance): on a server
   * through the owner's URL (migrationUrl, else url) with the maintenance range set; on PGlite
   * it is `db` itself.
   */
  asOwner<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a real server; unset for embedded PGlite. Defaults to DATABASE_URL. */
  url?: string | undefined;
  /**
   * The tables' owner's postgres://… URL: migrations (and asOwner) run through it, while `url`
   * is the runtime login role that owns nothing. Defaults to MIGRATION_DATABASE_URL, else `url`.
   */
  migrationUrl?: string | undefined;
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
 * The owner's maintenance connection sets the whole country as its range: with row-level
 * security FORCEd, the owner (a member of dangjian_app) reaches rows only inside the range its
 * connection declares, and migrations and the seed write every region.
 */
const MAINTENANCE_SCOPE = '-c app.scope_from=000000000000 -c app.scope_to=999999999999';

/** A pool on the owner's URL with the maintenance range, for migrations and asOwner. */
function maintenancePool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: MAINTENANCE_SCOPE });
  pool.on('error', () => {});
  pool.on('connect', queueQueries);
  return pool;
}

/**
 * Why a server connection is not the production shape: a superuser (RESET ROLE inside a scoped
 * transaction would give it back), a BYPASSRLS role, or the owner of tables (it could disable
 * the audit triggers). Null for a login role that owns nothing.
 */
export async function describeRuntimeRole(client: pg.Pool | pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{
    name: string;
    superuser: boolean;
    bypass: boolean;
    owned: string;
  }>(
    `select current_user as name, r.rolsuper as superuser, r.rolbypassrls as bypass,
       (select count(*) from pg_class c
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
           and pg_has_role(current_user, c.relowner, 'USAGE'))::text as owned
     from pg_roles r where r.rolname = current_user`,
  );
  const row = rows[0];
  if (!row) return null;
  if (row.superuser)
    return `数据库连接角色 ${row.name} 是超级用户：请按 tooling/ops/setup-postgres.sh 使用不拥有任何表的运行角色（DATABASE_URL）与单独的所有者（MIGRATION_DATABASE_URL）`;
  if (row.bypass)
    return `数据库连接角色 ${row.name} 可绕过行级安全（BYPASSRLS）：请改用 tooling/ops/setup-postgres.sh 创建的运行角色`;
  if (Number(row.owned) > 0)
    return `数据库连接角色 ${row.name} 拥有数据表（可停用审计触发器）：请改用 tooling/ops/setup-postgres.sh 创建的运行角色，迁移用 MIGRATION_DATABASE_URL`;
  return null;
}

/**
 * Opens the database: a node-postgres pool when a postgres:// URL is given (or DATABASE_URL is
 * set), otherwise embedded PGlite stored in a data folder. Runs the committed migrations on both.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const url = options.url ?? databaseEnv().DATABASE_URL;
  const shouldMigrate = options.migrate ?? true;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const ownerUrl = options.migrationUrl ?? databaseEnv().MIGRATION_DATABASE_URL ?? url;
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, admin termination) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => {
      options.onIdleError?.(err);
    });
    pool.on('connect', queueQueries);
    const db = drizzlePg({ client: pool, schema, casing });
    const asOwner = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
      const owner = maintenancePool(ownerUrl);
      try {
        return await fn(drizzlePg({ client: owner, schema, casing }));
      } finally {
        await owner.end();
      }
    };
    if (shouldMigrate) {
      // One migrator at a time across processes: hold an advisory lock on one connection. The
      // owner migrates (MIGRATION_DATABASE_URL); the runtime role could not create a table.
      const owner = maintenancePool(ownerUrl);
      try {
        const client = await owner.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
          await migratePg(drizzlePg({ client, schema, casing }), { migrationsFolder });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
          client.release();
        }
      } finally {
        await owner.end();
      }
    }
    let roleWarning: string | null;
    try {
      roleWarning = await describeRuntimeRole(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const safe = new URL(url);
    safe.password = '';
    return {
      db: db as unknown as Database,
      driver: 'postgres',
      location: safe.toString(),
      roleWarning,
      asOwner,
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
    pglite: client,
    roleWarning: null,
    asOwner: (fn) => fn(db),
    close: () => client.close(),
  };
}
