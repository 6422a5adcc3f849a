/**
 * pnpm db:backup [--dir <folder>] [--keep <n>] [--with-key]
 *
 * Embedded database: when a server holds the data folder, asks it for the backup (it alone may
 * read the folder while it runs); otherwise opens the folder itself. DATABASE_URL: pg_dump as
 * BACKUP_DATABASE_URL (the dangjian_backup role). Either way the archive and its manifest go to
 * --dir (BACKUP_DIR, default <repository>/data/backups) and all but the newest --keep
 * (BACKUP_KEEP, default 7) are removed. The PII key's fingerprint is recorded, the key itself
 * only with --with-key (a separate file, mode 0600).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  backupEmbedded,
  backupServer,
  findPiiKey,
  serverState,
  type BackupManifest,
  type BackupResult,
} from '../src/backup';
import { openDatabase } from '../src/client';
import { databaseEnv, EnvError, optional, parseEnv } from '../src/env';
import { defaultDataDir, workspaceRoot } from '../src/paths';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    keep: { type: 'string' },
    'with-key': { type: 'boolean', default: false },
  },
});

function settings(): { dir: string; keep: number } {
  const env = parseEnv(
    z.object({
      BACKUP_DIR: optional(z.string()),
      BACKUP_KEEP: optional(
        z
          .string()
          .regex(/^\d+$/)
          .transform(Number)
          .refine((n) => n >= 1),
      ),
    }),
    {
      BACKUP_DIR: { zh: '备份文件目录', en: 'a folder for backups' },
      BACKUP_KEEP: { zh: '≥ 1 的整数（保留的备份份数）', en: 'an integer ≥ 1 (backups kept)' },
    },
    {
      BACKUP_DIR: values.dir ?? process.env.BACKUP_DIR,
      BACKUP_KEEP: values.keep ?? process.env.BACKUP_KEEP,
    },
  );
  // Relative folders are the operator's: from where the command was typed (pnpm runs it here).
  const from = process.env.INIT_CWD ?? workspaceRoot();
  return {
    dir: path.resolve(from, env.BACKUP_DIR ?? path.join(workspaceRoot(), 'data', 'backups')),
    keep: env.BACKUP_KEEP ?? 7,
  };
}

function report(result: {
  manifest: BackupManifest;
  archivePath: string;
  keyPath: string | null;
  removed: string[];
}) {
  const m = result.manifest;
  console.log(
    `备份完成：${result.archivePath}（${(m.bytes / 1048576).toFixed(1)} MB，${m.ms} ms）`,
  );
  if (Object.keys(m.counts).length > 0)
    console.log(
      `  行数：${Object.entries(m.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join('，')}`,
    );
  if (m.piiKeyFingerprint) {
    console.log(`  PII 密钥指纹：${m.piiKeyFingerprint}`);
    console.log(
      result.keyPath
        ? `  密钥已按要求写入 ${result.keyPath}：把它与备份分开存放（不同介质、不同地点）`
        : '  注意：备份不含 PII 密钥。没有密钥，恢复后身份证号无法解密：请另行备份密钥，并核对上面的指纹',
    );
  }
  if (result.removed.length > 0)
    console.log(`  按保留份数删除旧备份：${result.removed.join('，')}`);
}

try {
  const { dir, keep } = settings();
  const env = databaseEnv();
  if (env.DATABASE_URL) {
    const url = env.BACKUP_DATABASE_URL ?? env.DATABASE_URL;
    const key = env.PII_ENCRYPTION_KEY;
    report(
      await backupServer(url, {
        dir,
        keep,
        piiKey: key ? { base64: key, from: 'env', file: null } : null,
        withKey: values['with-key'],
      }),
    );
  } else {
    const dataDir = path.resolve(defaultDataDir());
    const state = serverState(dataDir);
    if (state) {
      console.log(
        `服务器（进程 ${state.pid}）正在使用 ${dataDir}：请它做备份（目录与保留份数按服务器的设置）`,
      );
      const res = await fetch(`http://${state.host}:${state.port}/internal/backup`, {
        method: 'POST',
        headers: { 'x-backup-token': state.token, 'content-type': 'application/json' },
        body: JSON.stringify({ withKey: values['with-key'] }),
      });
      if (!res.ok)
        throw new TypeError(`服务器拒绝备份请求（HTTP ${res.status}）：${await res.text()}`);
      report((await res.json()) as BackupResult);
    } else {
      const handle = await openDatabase({ url: '', dataDir, migrate: false });
      try {
        if (!handle.pglite) throw new TypeError('not an embedded database');
        report(
          await backupEmbedded(handle.pglite, {
            dir,
            keep,
            piiKey: findPiiKey(dataDir, env.PII_ENCRYPTION_KEY),
            withKey: values['with-key'],
            takenBy: 'command',
          }),
        );
      } finally {
        await handle.close();
      }
    }
  }
} catch (err) {
  console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
  process.exit(1);
}
