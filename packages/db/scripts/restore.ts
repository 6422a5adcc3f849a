/**
 * pnpm db:restore <backup.tar.gz> [--key-file <file>] [--force]
 *
 * Restores an embedded-database backup into the data folder (PGLITE_DATA_DIR, default
 * <repository>/data/pg). The server must be stopped. The folder there is moved aside
 * (…before-restore-<time>), never deleted. The archive is checked against its manifest, the PII
 * key against the fingerprint the backup recorded (the key's backup beside the archive, or
 * --key-file, is put in place when there is no key); the row counts are checked after.
 * A PostgreSQL server (DATABASE_URL) is restored with pg_restore: see the README (生产部署).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreEmbedded, serverState } from '../src/backup';
import { databaseEnv, EnvError } from '../src/env';
import { defaultDataDir } from '../src/paths';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'key-file': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const from = process.env.INIT_CWD ?? process.cwd();
try {
  const env = databaseEnv();
  if (env.DATABASE_URL) {
    throw new BackupError(
      '设置了 DATABASE_URL：PostgreSQL 的备份请用 pg_restore 恢复（README「生产部署」一节），本命令只恢复内嵌数据库',
    );
  }
  const [archive] = positionals;
  if (!archive)
    throw new BackupError(
      '用法：pnpm db:restore <备份文件 .tar.gz> [--key-file <密钥备份>] [--force]',
    );
  const dataDir = path.resolve(defaultDataDir());
  const state = serverState(dataDir);
  if (state)
    throw new BackupError(`服务器（进程 ${state.pid}）正在使用 ${dataDir}：请先停止服务器再恢复`);
  const result = await restoreEmbedded({
    archive: path.resolve(from, archive),
    dataDir,
    envKey: env.PII_ENCRYPTION_KEY,
    keyFile: values['key-file'] ? path.resolve(from, values['key-file']) : undefined,
    force: values.force,
  });
  console.log(`已恢复 ${result.manifest.createdAt} 的备份到 ${dataDir}（${result.ms} ms）`);
  console.log(
    `  行数与备份清单一致：${Object.entries(result.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join('，')}`,
  );
  if (result.movedAside)
    console.log(`  原数据目录已移到 ${result.movedAside}（确认无误后可自行删除）`);
  if (result.keyRestored) console.log(`  PII 密钥已从备份放回 ${result.keyRestored}`);
  console.log('  现在可以启动服务器（pnpm start）');
} catch (err) {
  console.error(
    err instanceof BackupError || err instanceof EnvError || err instanceof Error
      ? err.message
      : err,
  );
  process.exit(1);
}
