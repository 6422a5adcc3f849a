/**
 * Backups of the embedded database, taken by the server that holds it (PGlite is one process:
 * nobody else may open the folder while it runs). Checked every hour so a restarted server still
 * backs up: one at first start, then one a night (backupDue), keeping the newest BACKUP_KEEP. `pnpm db:backup` asks for one through POST /internal/backup, which
 * answers only a caller on this machine presenting the token the server wrote beside its data
 * folder at start (packages/db/src/backup.ts serverState). A PostgreSQL server is backed up by
 * pg_dump and WAL archiving instead (README 生产部署): nothing to schedule here.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '@dangjian/db';
import {
  backupEmbedded,
  findPiiKey,
  newestBackupTime,
  serverStateFile,
  type BackupResult,
  type ServerState,
} from '@dangjian/db/backup';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface BackupSettings {
  /** Where backups go (created). */
  dir: string;
  /** How many to keep. */
  keep: number;
  /** PII_ENCRYPTION_KEY, if set (else the key file beside the data folder): its fingerprint is recorded. */
  envKey?: string | undefined;
  /** A backup is due when the newest is this old (default 24 h). */
  everyMs?: number;
  /** How often to look (default hourly; the first look a minute after start). */
  checkMs?: number;
  firstCheckMs?: number;
}

export interface BackupService {
  /** Takes a backup now; one at a time (a second call waits for the first). */
  run(withKey?: boolean): Promise<BackupResult>;
  /** Writes the state file `pnpm db:backup` reads: call once the server listens. */
  announce(host: string, port: number): void;
  /** Stops the schedule and removes the state file. */
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const HOUR = 3_600_000;
const backupRequest = z.object({ withKey: z.boolean().default(false) }).strict();

/** The same bytes, compared in constant time. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const CHINA_HOUR = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  hourCycle: 'h23',
  timeZone: 'Asia/Shanghai',
});

/**
 * Whether a backup is due: none yet; or the newest is a day old and it is night in China
 * (01:00–05:00, when nobody waits on the few seconds the backup holds PGlite's transaction lock);
 * or the newest is a day and a half old whatever the hour (a server that sleeps at night).
 */
export function backupDue(newest: Date | null, now: Date, everyMs = 24 * HOUR): boolean {
  if (!newest) return true;
  const age = now.getTime() - newest.getTime();
  if (age >= everyMs * 1.5) return true;
  const hour = Number(CHINA_HOUR.format(now));
  return age >= everyMs - HOUR && hour >= 1 && hour < 5;
}

/**
 * Schedules the daily backup of an embedded database on disk and adds POST /internal/backup to
 * `app` (before it listens). Null for a PostgreSQL server or an in-memory database.
 */
export function startBackups(
  app: FastifyInstance,
  database: DatabaseHandle,
  settings: BackupSettings,
): BackupService | null {
  const { pglite, dataDir } = database;
  if (!pglite || !dataDir || dataDir.startsWith('memory://')) return null;
  const { dir } = settings;
  mkdirSync(dir, { recursive: true });
  if (statSync(dir).dev === statSync(dataDir).dev) {
    app.log.warn(
      { dir, dataDir },
      '备份目录与数据库在同一块磁盘上：磁盘损坏时两者一起丢失。请把 BACKUP_DIR 设到另一块磁盘，或每天把备份复制到别处',
    );
  }
  const token = randomBytes(32).toString('base64url');
  const stateFile = serverStateFile(dataDir);
  const run = serialisedBackup(app, pglite, dataDir, settings);
  addBackupRoute(app, token, run);

  const check = async () => {
    if (!backupDue(newestBackupTime(dir), new Date(), settings.everyMs)) return;
    try {
      await run();
    } catch (err) {
      app.log.error({ err, dir }, '数据库备份失败');
    }
  };
  const first = setTimeout(() => void check(), settings.firstCheckMs ?? 60_000);
  const timer = setInterval(() => void check(), settings.checkMs ?? HOUR);
  first.unref();
  timer.unref();

  return {
    run,
    announce(host, port) {
      const state: ServerState = {
        pid: process.pid,
        host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host,
        port,
        token,
      };
      writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    },
    close() {
      clearTimeout(first);
      clearInterval(timer);
      rmSync(stateFile, { force: true });
    },
  };
}

/** Takes a backup of `pglite` when called, one at a time (a call waits for the one before), and logs it. */
function serialisedBackup(
  app: FastifyInstance,
  pglite: Parameters<typeof backupEmbedded>[0],
  dataDir: string,
  settings: BackupSettings,
): BackupService['run'] {
  let chain: Promise<unknown> = Promise.resolve();
  return (withKey = false) => {
    const next = chain.then(() =>
      backupEmbedded(pglite, {
        dir: settings.dir,
        keep: settings.keep,
        piiKey: findPiiKey(dataDir, settings.envKey),
        withKey,
        takenBy: 'server',
      }),
    );
    chain = next.catch(() => undefined);
    return next.then((result) => {
      app.log.info(
        {
          archive: result.archivePath,
          bytes: result.manifest.bytes,
          ms: result.manifest.ms,
          piiKeyFingerprint: result.manifest.piiKeyFingerprint,
          removed: result.removed,
        },
        '数据库备份完成（PII 密钥不在备份中：请另行保管，指纹见 piiKeyFingerprint）',
      );
      return result;
    });
  };
}

/** POST /internal/backup: answers only a caller on this machine presenting `token`; 404 to anyone else. */
function addBackupRoute(app: FastifyInstance, token: string, run: BackupService['run']): void {
  app.post('/internal/backup', async (req, reply) => {
    // The socket's own addresses, never X-Forwarded-For: only this machine may ask, and not
    // through the reverse proxy (which sits on this machine too but adds X-Forwarded-For).
    const remote = req.socket.remoteAddress ?? '';
    const sameHost =
      (LOOPBACK.has(remote) || remote === req.socket.localAddress) &&
      req.headers['x-forwarded-for'] === undefined;
    const given = req.headers['x-backup-token'];
    if (!sameHost || typeof given !== 'string' || !sameToken(given, token)) {
      return reply.code(404).send({ message: '未找到' });
    }
    const body = backupRequest.safeParse(req.body ?? {});
    if (!body.success)
      return reply.code(400).send({ message: '请求格式有误（withKey 应为布尔值）' });
    return run(body.data.withKey);
  });
}

/** BACKUP_DIR (relative to the repository root), default <root>/data/backups; BACKUP_KEEP, default 7. */
export function backupSettings(
  env: { BACKUP_DIR?: string | undefined; BACKUP_KEEP?: number | undefined },
  root: string,
): { dir: string; keep: number } {
  return {
    dir: path.resolve(root, env.BACKUP_DIR ?? path.join('data', 'backups')),
    keep: env.BACKUP_KEEP ?? 7,
  };
}
