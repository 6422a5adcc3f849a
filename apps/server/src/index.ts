/**
 * Starts the platform: reads the configuration (env.ts), opens the database (PGlite in
 * ./data/pg, or DATABASE_URL), applies the migrations, and serves the API and the front ends
 * on one port (PORT, default 3000). With WEB_CONCURRENCY=N (a PostgreSQL server only) this
 * process migrates and seeds, then forks N processes that share the port (cluster.ts): the
 * server keeps no state in memory, so any of them answers any request.
 */
import cluster from 'node:cluster';
import {
  EnvError,
  loadPiiCipher,
  openDatabase,
  workspaceRoot,
  type DatabaseHandle,
  type PiiCipher,
} from '@dangjian/db';
import { regions } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { count, sql } from 'drizzle-orm';
import { buildServer } from './app';
import { backupSettings, startBackups } from './backups';
import { runPrimary } from './cluster';
import { parseServerEnv, trustProxyOption, type ServerEnv } from './env';

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

function readEnv(): ServerEnv {
  try {
    return parseServerEnv(process.env);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

/**
 * First start on an empty database: load 常德市 (SEED_CITY to change, AUTO_SEED=0 to skip), so
 * every screen has real regions and realistic volume without a separate step. Then, on PGlite,
 * refresh the planner's statistics.
 */
async function prepareData(database: DatabaseHandle, pii: PiiCipher, env: ServerEnv, log: Log) {
  const [{ n: regionCount } = { n: 0 }] = await database.db.select({ n: count() }).from(regions);
  if (regionCount === 0 && env.AUTO_SEED) {
    const prefix = env.SEED_CITY;
    log.info({ prefix }, '空数据库：正在载入区划与演示数据');
    // As the tables' owner (MIGRATION_DATABASE_URL): the runtime role may not write every region.
    const { result, accounts } = await database.asOwner(async (db) => ({
      result: await seed(db, { prefix, pii, onProgress: (m) => log.info({}, m) }),
      accounts: await seedAccounts(db, { prefix }),
    }));
    log.info(
      { ...result, accounts: accounts.map((a) => a.username), password: DEMO_PASSWORD },
      '演示数据与演示账号已载入',
    );
  }
  // PGlite has no autovacuum: refresh the planner's statistics at every start, or the plans of a
  // database that grew since the last start are made from stale row counts. (A server analyzes
  // on its own.)
  if (database.driver === 'pglite') {
    const started = performance.now();
    await database.db.execute(sql`analyze`);
    log.info({ ms: Math.round(performance.now() - started) }, '已更新查询规划统计信息');
  }
}

function piiOf(database: DatabaseHandle, env: ServerEnv): PiiCipher {
  return loadPiiCipher({
    driver: database.driver,
    dataDir: database.dataDir,
    key: env.PII_ENCRYPTION_KEY,
  });
}

/** The cluster's primary: migrates and seeds once, then forks the serving processes. */
async function startPrimary(env: ServerEnv): Promise<void> {
  const log: Log = {
    info: (obj, msg) => console.log(JSON.stringify({ level: 30, pid: process.pid, msg, ...obj })),
    warn: (obj, msg) => console.warn(JSON.stringify({ level: 40, pid: process.pid, msg, ...obj })),
  };
  const database = await openDatabase({ url: env.DATABASE_URL ?? '' });
  try {
    await prepareData(database, piiOf(database, env), env, log);
  } finally {
    await database.close();
  }
  runPrimary(env.WEB_CONCURRENCY, log);
}

/** One serving process: the whole server alone, or a clustered worker (already migrated). */
async function startServer(env: ServerEnv, worker: boolean): Promise<void> {
  let log: Log = {
    info: (obj, msg) => console.log(msg, obj),
    warn: (obj, msg) => console.warn(msg, obj),
  };
  const database = await openDatabase({
    url: env.DATABASE_URL ?? '',
    dataDir: env.PGLITE_DATA_DIR,
    migrate: !worker,
    onIdleError: (err) => log.warn({ err }, '数据库空闲连接断开，已丢弃'),
  });
  const pii = piiOf(database, env);
  const app = await buildServer({
    database,
    pii,
    allowedOrigins: env.ALLOWED_ORIGINS,
    secureCookies: env.COOKIE_SECURE,
    trustProxy: trustProxyOption(env.TRUST_PROXY),
    logger: { level: env.LOG_LEVEL },
  });
  log = app.log;
  app.log.info(
    { driver: database.driver, location: database.location, trustProxy: env.TRUST_PROXY },
    '数据库已就绪',
  );
  // A server connection that is a superuser or owns the tables is not the production shape
  // (tooling/ops/setup-postgres.sh): say so at every start.
  if (database.roleWarning) app.log.warn({ location: database.location }, database.roleWarning);
  if (!worker) await prepareData(database, pii, env, app.log);

  // The embedded database backs itself up daily into BACKUP_DIR (backups.ts); `pnpm db:backup`
  // asks this process for one.
  const backups = startBackups(app, database, {
    ...backupSettings(env, workspaceRoot()),
    envKey: env.PII_ENCRYPTION_KEY,
  });

  let closing = false;
  async function shutdown(signal: string) {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在关闭：停止接收新请求，等待进行中的请求完成');
    const timer = setTimeout(() => {
      app.log.error('关闭超时，强制退出');
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      backups?.close();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, '关闭时出错');
      process.exit(1);
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  if (backups && address && typeof address === 'object') backups.announce(env.HOST, address.port);
}

const env = readEnv();
if (env.WEB_CONCURRENCY > 1 && cluster.isPrimary) await startPrimary(env);
else await startServer(env, cluster.isWorker);
