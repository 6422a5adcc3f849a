import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPiiCipher, openDatabase, type Database, type DatabaseHandle } from '@dangjian/db';
import {
  backupServer,
  keyFingerprint,
  listBackups,
  restoreEmbedded,
  restoreServer,
  serverState,
  serverStateFile,
  type BackupResult,
} from '@dangjian/db/backup';
import {
  BACKUP_ROLE,
  createServerDatabase,
  dropServerDatabase,
  OWNER_ROLE,
  RUNTIME_ROLE,
  urlAs,
} from '@dangjian/db/roles';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, requirePostgres, type TestDatabaseHandle } from '@dangjian/db/testing';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { backupDue, startBackups } from './backups';

/** The test server's roles' password (packages/db/src/testing.ts; ignored under trust auth). */
const TEST_PASSWORD = 'dangjian-test-only';

/** A sign-in through the API, as the login page sends it. */
function login(app: FastifyInstance, username: string) {
  return app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json' },
    payload: JSON.stringify(superjson.serialize({ username, password: DEMO_PASSWORD })),
  });
}

/** Every row of the tables a department cares about, as one fingerprint per table. */
async function snapshot(db: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of ['regions', 'orgs', 'people', 'users', 'org_grades', 'audit_log']) {
    const key = table === 'regions' ? 'code' : 'id';
    const res: unknown = await db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t.${key})), '') as f from ${table} t`,
      ),
    );
    result[table] = (res as { rows: { f: string }[] }).rows[0]?.f ?? '';
  }
  return result;
}

describe('restore drill (embedded database)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dj-drill-'));
  const dataDir = path.join(root, 'pg');
  const backupDir = path.join(root, 'backups');
  let database: DatabaseHandle | undefined;
  let app: FastifyInstance | undefined;
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('seed, back up through the running server, lose the disk, restore: the same rows, the same audit log, and the demo accounts sign in', async () => {
    // The embedded default: the key beside the data folder.
    const key = randomBytes(32).toString('base64');
    writeFileSync(path.join(root, 'pii.key'), key, { mode: 0o600 });
    database = await openDatabase({ url: '', dataDir });
    const pii = loadPiiCipher({ driver: 'pglite', dataDir });
    // 嘉峪关 (6202): a whole city (no counties, three towns) with demo people and accounts,
    // small enough for the drill to run in CI in well under a minute.
    await seed(database.db, { prefix: '6202', pii });
    await seedAccounts(database.db, { prefix: '6202' });
    app = await buildServer({ database, pii, appsDir: '/nonexistent' });
    const backups = startBackups(app, database, {
      dir: backupDir,
      keep: 2,
      firstCheckMs: 3_600_000,
    });
    if (!backups) throw new TypeError('an embedded database on disk is backed up');
    backups.announce('0.0.0.0', 3000);

    // A sign-in through the API writes an audit row the backup must carry.
    expect((await login(app, 'city_admin')).statusCode).toBe(200);

    // pnpm db:backup finds the server in its state file and asks it, with the token.
    const state = serverState(dataDir);
    expect(state).toMatchObject({ pid: process.pid, host: '127.0.0.1', port: 3000 });
    const refused = await app.inject({
      method: 'POST',
      url: '/internal/backup',
      headers: { 'x-backup-token': 'guess' },
      payload: {},
    });
    expect(refused.statusCode).toBe(404);
    const proxied = await app.inject({
      method: 'POST',
      url: '/internal/backup',
      headers: { 'x-backup-token': state?.token ?? '', 'x-forwarded-for': '203.0.113.9' },
      payload: {},
    });
    expect(proxied.statusCode).toBe(404);
    const res = await app.inject({
      method: 'POST',
      url: '/internal/backup',
      headers: { 'x-backup-token': state?.token ?? '' },
      payload: { withKey: true },
    });
    expect(res.statusCode).toBe(200);
    const backup = res.json<BackupResult>();
    expect(backup.manifest).toMatchObject({
      takenBy: 'server',
      piiKeyFingerprint: keyFingerprint(key),
      keyIncluded: true,
    });
    // The manifest names the key by its fingerprint only; the key is a separate file.
    expect(readFileSync(backup.manifestPath, 'utf8')).not.toContain(key);
    expect(listBackups(backupDir)).toEqual([path.basename(backup.archivePath)]);

    const before = await snapshot(database.db);
    expect(before.audit_log).toMatch(/^[1-9]\d*:/);
    backups.close();
    expect(existsSync(serverStateFile(dataDir))).toBe(false);
    await app.close();
    await database.close();
    app = undefined;
    database = undefined;

    // The disk is lost: the data folder and the key beside it.
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.join(root, 'pii.key'));

    const restored = await restoreEmbedded({ archive: backup.archivePath, dataDir });
    expect(restored.keyRestored).toBe(path.join(root, 'pii.key'));
    expect(restored.counts).toEqual(backup.manifest.counts);

    database = await openDatabase({ url: '', dataDir });
    const after = await snapshot(database.db);
    expect(after).toEqual(before);
    const piiAfter = loadPiiCipher({ driver: 'pglite', dataDir });
    const enc: unknown = await database.db.execute(
      sql`select id_number_enc as v from people where id_number_enc is not null limit 1`,
    );
    const stored = (enc as { rows: { v: string }[] }).rows[0]?.v ?? '';
    expect(piiAfter.decrypt(stored)).toMatch(/^\d{17}[\dX]$/);

    app = await buildServer({ database, pii: piiAfter, appsDir: '/nonexistent' });
    expect((await login(app, 'city_admin')).statusCode).toBe(200);
    expect((await login(app, 'township')).statusCode).toBe(200);
  }, 120_000);

  it('refuses to restore over a key that is not the backup’s, and moves an existing folder aside instead of deleting it', async () => {
    const [archive] = listBackups(backupDir);
    if (!archive) throw new TypeError('the drill above left a backup');
    await app?.close();
    await database?.close();
    app = undefined;
    database = undefined;
    const other = randomBytes(32).toString('base64');
    await expect(
      restoreEmbedded({ archive: path.join(backupDir, archive), dataDir, envKey: other }),
    ).rejects.toThrow(/与备份时的密钥（指纹 sha256:[0-9a-f]{16}）不同/);
    const again = await restoreEmbedded({ archive: path.join(backupDir, archive), dataDir });
    expect(again.movedAside).toMatch(/pg\.before-restore-\d{8}T\d{9}Z$/);
    expect(existsSync(path.join(again.movedAside ?? '', 'PG_VERSION'))).toBe(true);
  }, 60_000);
});

describe('when the server backs up (backupDue)', () => {
  const at = (iso: string) => new Date(iso);
  it('backs up at once when there is no backup yet', () => {
    expect(backupDue(null, at('2026-11-30T06:00:00Z'))).toBe(true);
  });
  it('takes the daily backup at night in China (01:00–05:00), not in office hours', () => {
    const newest = at('2026-11-29T18:30:00Z'); // 02:30 China time
    expect(backupDue(newest, at('2026-11-30T02:00:00Z'))).toBe(false); // 10:00, 7.5 h later
    expect(backupDue(newest, at('2026-11-30T18:00:00Z'))).toBe(true); // 02:00, 23.5 h later
    expect(backupDue(newest, at('2026-11-30T23:00:00Z'))).toBe(false); // 07:00, not night
  });
  it('catches up whatever the hour when the newest backup is a day and a half old', () => {
    expect(backupDue(at('2026-11-28T02:00:00Z'), at('2026-11-29T14:00:00Z'))).toBe(true);
  });
});

/**
 * The PostgreSQL procedure of the README (生产部署): pg_dump as the backup role, then pg_restore
 * as a superuser into a database made as the setup script makes it; the server, connected as
 * the runtime role, finds the same rows and signs people in.
 */
const serverUrl = requirePostgres('pg_dump/pg_restore restore drill');
if (serverUrl) {
  describe('restore drill (PostgreSQL: pg_dump and pg_restore)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dj-pgdrill-'));
    const target = `dj_restore_${process.pid}_${randomBytes(3).toString('hex')}`;
    let source: TestDatabaseHandle | undefined;
    let superuser: DatabaseHandle | undefined;
    let restored: DatabaseHandle | undefined;
    let app: FastifyInstance | undefined;
    afterAll(async () => {
      await app?.close();
      await restored?.close();
      await superuser?.close();
      await source?.close();
      await dropServerDatabase(serverUrl, target);
      rmSync(root, { recursive: true, force: true });
    });

    it('the dump restored into a fresh database has the same rows and audit log, row-level security still forced, and the demo accounts sign in through the runtime role', async () => {
      source = await createTestDatabase('postgres');
      const key = randomBytes(32).toString('base64');
      const pii = loadPiiCipher({ driver: 'postgres', key });
      await source.asOwner(async (db) => {
        await seed(db, { prefix: '6202', pii });
        await seedAccounts(db, { prefix: '6202' });
      });
      await source.db.execute(
        sql`insert into audit_log (procedure, target, region_code) values ('auth.login', 'user:1', '620200000000')`,
      );
      const before = await snapshot(source.db);
      expect(before.audit_log).toMatch(/^1:/);
      const dump = await backupServer(urlAs(source.ownerUrl ?? '', BACKUP_ROLE, TEST_PASSWORD), {
        dir: path.join(root, 'backups'),
        keep: 3,
        piiKey: { base64: key, from: 'env', file: null },
      });
      expect(dump.manifest.piiKeyFingerprint).toBe(keyFingerprint(key));

      const targetUrl = await createServerDatabase(serverUrl, target);
      await restoreServer(dump.archivePath, targetUrl);

      superuser = await openDatabase({ url: targetUrl, migrate: false });
      expect(await snapshot(superuser.db)).toEqual(before);
      const unforced: unknown = await superuser.db.execute(
        sql`select count(*)::int as n from pg_class where relrowsecurity and not relforcerowsecurity`,
      );
      expect((unforced as { rows: { n: number }[] }).rows[0]?.n).toBe(0);

      restored = await openDatabase({
        url: urlAs(targetUrl, RUNTIME_ROLE, TEST_PASSWORD),
        migrationUrl: urlAs(targetUrl, OWNER_ROLE, TEST_PASSWORD),
      });
      expect(restored.roleWarning).toBeNull();
      app = await buildServer({ database: restored, pii, appsDir: '/nonexistent' });
      expect((await login(app, 'city_admin')).statusCode).toBe(200);
    }, 120_000);
  });
}
