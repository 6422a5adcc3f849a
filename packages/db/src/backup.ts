/**
 * Backups of the embedded database (PGlite). PGlite is PostgreSQL in this process: one process
 * holds a data folder at a time, so the running server takes the backups itself (daily, and on
 * request from `pnpm db:backup`), and the command opens the folder directly only when no server
 * holds it (see serverState). A backup is
 *
 *   dangjian-<time>.tar.gz   the whole data folder (PGlite's dumpDataDir, gzip): the database and
 *                            the attachment files under files/, at one instant
 *   dangjian-<time>.json     its manifest: time, SHA-256 of the archive, migrations applied, row
 *                            counts, and the PII key's fingerprint (never the key)
 *   dangjian-<time>.pii.key  the key itself, only when the operator asks (--with-key)
 *
 * ID numbers in the backup are encrypted with the PII key, so a backup without its key restores
 * everything but them: keep a copy of the key apart from the backups, and check its fingerprint.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export const BACKUP_FORMAT = 'dangjian-backup-1';
/** Tables whose row counts a manifest records and a restore checks. */
export const COUNTED_TABLES = ['regions', 'orgs', 'people', 'users', 'audit_log', 'attachments'];

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  archive: string;
  bytes: number;
  sha256: string;
  /** Migrations applied in the backed-up database, and the newest one's time. */
  migrations: { count: number; last: number | null };
  counts: Record<string, number>;
  /** SHA-256 fingerprint of the PII key in use (never the key itself). */
  piiKeyFingerprint: string | null;
  /** The key was written beside the archive (operator asked: --with-key). */
  keyIncluded: boolean;
  /** What took it: the running server, or the command on a folder no server held. */
  takenBy: 'server' | 'command';
  ms: number;
}

export interface BackupResult {
  manifest: BackupManifest;
  archivePath: string;
  manifestPath: string;
  keyPath: string | null;
  /** Older backups removed to keep `keep`. */
  removed: string[];
}

/** The PII key as the server loads it: PII_ENCRYPTION_KEY, else pii.key beside the data folder. */
export interface PiiKeySource {
  base64: string;
  from: 'env' | 'file';
  file: string | null;
}

/** The key file loadPiiCipher uses for an embedded database in `dataDir`. */
export function piiKeyFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'pii.key');
}

export function findPiiKey(dataDir: string, envKey: string | undefined): PiiKeySource | null {
  if (envKey) return { base64: envKey, from: 'env', file: null };
  const file = piiKeyFile(dataDir);
  if (!existsSync(file)) return null;
  return { base64: readFileSync(file, 'utf8').trim(), from: 'file', file };
}

/** A short, one-way fingerprint of a key (base64): enough to tell keys apart, useless to decrypt. */
export function keyFingerprint(base64: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
  return `sha256:${digest.slice(0, 16)}`;
}

/** 20261130T124500123Z: sorts by time, unique to the millisecond. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

async function countRows(pglite: PGlite): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const { rows } = await pglite.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

async function migrationsOf(pglite: PGlite): Promise<{ count: number; last: number | null }> {
  const { rows } = await pglite.query<{ n: number; last: string | null }>(
    `select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  const row = rows[0];
  return { count: row?.n ?? 0, last: row?.last ? Number(row.last) : null };
}

export interface BackupOptions {
  /** Folder for backups (created). */
  dir: string;
  /** How many backups to keep (older ones are removed after a successful backup). */
  keep: number;
  /** The PII key in use (its fingerprint is recorded). */
  piiKey: PiiKeySource | null;
  /** Also write the key beside the archive (mode 0600). */
  withKey?: boolean;
  takenBy: 'server' | 'command';
  now?: () => Date;
}

/**
 * Backs up a PGlite database while it serves: a checkpoint, then, holding PGlite's transaction
 * lock (no other transaction runs meanwhile, so the counts and the archive are one instant),
 * the row counts and the dump of the whole data folder. Written under a temporary name and
 * renamed, so a crash never leaves a half archive that looks whole.
 */
export async function backupEmbedded(
  pglite: PGlite,
  options: BackupOptions,
): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const at = now();
  await mkdir(options.dir, { recursive: true });
  const base = `dangjian-${stamp(at)}`;
  const archivePath = path.join(options.dir, `${base}.tar.gz`);
  const manifestPath = path.join(options.dir, `${base}.json`);
  await pglite.exec('checkpoint');
  const { blob, counts, migrations } = await pglite.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      counts[table] = rows[0]?.n ?? 0;
    }
    const { rows } = await tx.query<{ n: number; last: string | null }>(
      `select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
    );
    const migrations = {
      count: rows[0]?.n ?? 0,
      last: rows[0]?.last ? Number(rows[0].last) : null,
    };
    const blob = await pglite.dumpDataDir('gzip');
    return { blob, counts, migrations };
  });
  const partial = `${archivePath}.partial`;
  await writeFile(partial, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  await rename(partial, archivePath);
  return finishBackup(options, {
    base,
    at,
    started,
    archivePath,
    manifestPath,
    migrations,
    counts,
  });
}

/**
 * What every backup ends with, once its archive is in place: the key's copy when asked for, the
 * manifest (checksum, counts, the key's fingerprint, never the key) and pruning to `keep`.
 */
async function finishBackup(
  options: BackupOptions,
  taken: {
    base: string;
    at: Date;
    started: number;
    archivePath: string;
    manifestPath: string;
    migrations: BackupManifest['migrations'];
    counts: BackupManifest['counts'];
  },
): Promise<BackupResult> {
  const { archivePath, manifestPath } = taken;
  let keyPath: string | null = null;
  if (options.withKey && options.piiKey) {
    keyPath = path.join(options.dir, `${taken.base}.pii.key`);
    await writeFile(keyPath, options.piiKey.base64, { mode: 0o600 });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: taken.at.toISOString(),
    archive: path.basename(archivePath),
    bytes: (await stat(archivePath)).size,
    sha256: await sha256File(archivePath),
    migrations: taken.migrations,
    counts: taken.counts,
    piiKeyFingerprint: options.piiKey ? keyFingerprint(options.piiKey.base64) : null,
    keyIncluded: keyPath !== null,
    takenBy: options.takenBy,
    ms: Math.round(performance.now() - taken.started),
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const removed = await pruneBackups(options.dir, options.keep);
  return { manifest, archivePath, manifestPath, keyPath, removed };
}

/** The backups in `dir`, newest first (archive file names: .tar.gz embedded, .dump pg_dump). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^dangjian-\d{8}T\d{9}Z\.(tar\.gz|dump)$/.test(f))
    .sort()
    .reverse();
}

/** When the newest backup in `dir` was taken, or null. */
export function newestBackupTime(dir: string): Date | null {
  const [newest] = listBackups(dir);
  return newest ? statSync(path.join(dir, newest)).mtime : null;
}

/** Removes all but the newest `keep` backups (archive, manifest and key file). */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const old = listBackups(dir).slice(Math.max(1, keep));
  for (const archive of old) {
    const base = archive.replace(/\.(tar\.gz|dump)$/, '');
    for (const file of [archive, `${base}.json`, `${base}.pii.key`]) {
      await rm(path.join(dir, file), { force: true });
    }
  }
  return old;
}

/** A backup or restore refused or failed, with the reason in Chinese (the command prints it). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface RestoreOptions {
  /** The backup's archive (…tar.gz); its manifest (…json) must sit beside it. */
  archive: string;
  /** The data folder to restore into; an existing one is moved aside, never deleted. */
  dataDir: string;
  /** PII_ENCRYPTION_KEY of the environment the restored database will run in, if any. */
  envKey?: string | undefined;
  /** The key's own backup (a .pii.key file); defaults to the one beside the archive, if any. */
  keyFile?: string | undefined;
  /** Restore even though the key is missing or different (ID numbers will not decrypt). */
  force?: boolean;
  now?: () => Date;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the data folder that was there before now is, or null (there was none). */
  movedAside: string | null;
  /** The key file put back from the backup, or null. */
  keyRestored: string | null;
  counts: Record<string, number>;
  ms: number;
}

/**
 * Restores a backup into `dataDir` (no server may hold it): checks the archive against its
 * manifest and the PII key against the recorded fingerprint (putting the key's backup in place
 * when there is none), moves the current folder aside, unpacks, and checks the row counts.
 */
export async function restoreEmbedded(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const manifestPath = options.archive.replace(/\.tar\.gz$/, '.json');
  if (!existsSync(options.archive)) throw new BackupError(`找不到备份文件 ${options.archive}`);
  if (!existsSync(manifestPath))
    throw new BackupError(`找不到备份清单 ${manifestPath}（与备份文件同名的 .json）`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
  // Read from a file: its format is checked before the rest is believed.
  const format: unknown = manifest.format;
  if (format !== BACKUP_FORMAT)
    throw new BackupError(`无法识别的备份格式：${String(manifest.format)}`);
  const sha = await sha256File(options.archive);
  if (sha !== manifest.sha256)
    throw new BackupError('备份文件与清单中的校验和不符：文件已损坏或被改动，拒绝恢复');

  // The key: the environment's, the one beside the data folder, or the key's own backup.
  const keyTarget = piiKeyFile(options.dataDir);
  const keyBackup = options.keyFile ?? options.archive.replace(/\.tar\.gz$/, '.pii.key');
  let current = findPiiKey(options.dataDir, options.envKey);
  let keyRestored: string | null = null;
  if (!current && existsSync(keyBackup)) {
    const backupKey = (await readFile(keyBackup, 'utf8')).trim();
    if (manifest.piiKeyFingerprint && keyFingerprint(backupKey) !== manifest.piiKeyFingerprint)
      throw new BackupError(
        `密钥文件 ${keyBackup} 的指纹与备份记录的 ${manifest.piiKeyFingerprint} 不符`,
      );
    await mkdir(path.dirname(keyTarget), { recursive: true });
    await copyFile(keyBackup, keyTarget);
    await chmod(keyTarget, 0o600);
    keyRestored = keyTarget;
    current = findPiiKey(options.dataDir, options.envKey);
  }
  if (manifest.piiKeyFingerprint && !options.force) {
    if (!current)
      throw new BackupError(
        `缺少 PII 密钥（备份时指纹 ${manifest.piiKeyFingerprint}）：请把密钥放回 ${keyTarget} 或设置 PII_ENCRYPTION_KEY，` +
          '或用 --key-file 指定密钥备份；否则身份证号将无法解密（确需恢复请加 --force）',
      );
    const fingerprint = keyFingerprint(current.base64);
    if (fingerprint !== manifest.piiKeyFingerprint)
      throw new BackupError(
        `当前 PII 密钥（指纹 ${fingerprint}）与备份时的密钥（指纹 ${manifest.piiKeyFingerprint}）不同：` +
          '请先放回备份时的密钥，否则身份证号将无法解密（确需恢复请加 --force）',
      );
  }

  let movedAside: string | null = null;
  if (existsSync(options.dataDir) && readdirSync(options.dataDir).length > 0) {
    movedAside = `${options.dataDir}.before-restore-${stamp(now())}`;
    await rename(options.dataDir, movedAside);
  }
  await mkdir(options.dataDir, { recursive: true });
  const archive = await readFile(options.archive);
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: new Blob([archive]),
    // The trigram indexes (migration 0025) need their extension wherever the folder is opened.
    extensions: { pg_trgm },
  });
  try {
    const counts = await countRows(pglite);
    const migrations = await migrationsOf(pglite);
    const differs = Object.entries(manifest.counts).filter(([t, n]) => counts[t] !== n);
    if (differs.length > 0 || migrations.count !== manifest.migrations.count) {
      throw new BackupError(
        `恢复后的数据与备份清单不符（${differs.map(([t, n]) => `${t}: ${n} → ${counts[t]}`).join('，')}）`,
      );
    }
    return {
      manifest,
      movedAside,
      keyRestored,
      counts,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await pglite.close();
  }
}

/**
 * The running server that holds an embedded data folder announces itself in this file (beside
 * the folder, outside it, so it is never in a backup): its process, port and a random token that
 * `pnpm db:backup` presents to ask it for a backup.
 */
export function serverStateFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.server.json`);
}

export interface ServerState {
  pid: number;
  /** Where to reach it from this machine (127.0.0.1 when it listens on every address). */
  host: string;
  port: number;
  token: string;
}

/** The server holding `dataDir`, if its state file names a process that is alive. */
export function serverState(dataDir: string): ServerState | null {
  const file = serverStateFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as ServerState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/**
 * Backs up a PostgreSQL database with pg_dump (custom format) as the backup role
 * (BACKUP_DATABASE_URL: dangjian_backup reads every row, BYPASSRLS, and writes nothing). Same
 * files and manifest as the embedded backups, with `.dump` for the archive.
 */
export async function backupServer(
  url: string,
  options: Omit<BackupOptions, 'takenBy'>,
): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const at = now();
  await mkdir(options.dir, { recursive: true });
  const base = `dangjian-${stamp(at)}`;
  const archivePath = path.join(options.dir, `${base}.dump`);
  const manifestPath = path.join(options.dir, `${base}.json`);
  const partial = `${archivePath}.partial`;
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${url}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`pg_dump 失败（退出码 ${code}）`)),
    );
  });
  await rename(partial, archivePath);
  return finishBackup(
    { ...options, takenBy: 'command' },
    {
      base,
      at,
      started,
      archivePath,
      manifestPath,
      migrations: { count: 0, last: null },
      counts: {},
    },
  );
}

/**
 * Restores a pg_dump archive into `url` (a superuser's connection to an empty database that
 * setup-postgres.sh made): a superuser, because row-level security is forced and the owner may
 * not COPY rows into the tables. Ownership and grants come back as they were.
 */
export async function restoreServer(archive: string, url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_restore', ['--exit-on-error', `--dbname=${url}`, archive], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`pg_restore 失败（退出码 ${code}）`)),
    );
  });
}
