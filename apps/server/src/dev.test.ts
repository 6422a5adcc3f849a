import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, workspaceRoot, type DatabaseHandle, type Driver } from '@dangjian/db';
import { TEST_DRIVERS } from '@dangjian/db/testing';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `pnpm dev` runs the server through turbo, which hands a task only the environment variables
 * turbo.json declares. This starts the server the same way (turbo run dev) and checks that its
 * configuration arrived: the port it listens on, the database it opened, the proxies it trusts.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

function turboDev(env: Record<string, string>): Started {
  const child = spawn(
    'pnpm',
    ['exec', 'turbo', 'run', 'dev', '--filter=@dangjian/server', '--ui=stream'],
    {
      cwd: workspaceRoot(),
      // Only what a shell would have: no variable a test runner or an outer turbo set.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  return { child, output: () => text };
}

async function waitForHealth(
  port: number,
  started: Started,
  ms = 50_000,
): Promise<{ ok: boolean; driver: string }> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    // tsx watch keeps running after a failed start: stop at the configuration error.
    if (started.child.exitCode !== null || started.output().includes('环境变量配置有误')) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return (await res.json()) as { ok: boolean; driver: string };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new RangeError(`server did not answer /healthz on ${port}; output:\n${started.output()}`);
}

let running: Started | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

/** Stops turbo and everything it started (the whole process group). */
async function stop(): Promise<void> {
  const pid = running?.child.pid;
  if (pid !== undefined && running?.child.exitCode === null) {
    const exited = new Promise((r) => running?.child.once('exit', r));
    process.kill(-pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
  }
  running = undefined;
}

afterEach(async () => {
  await stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const KEY = randomBytes(32).toString('base64');

/** A fresh, empty (unmigrated) database for the server to open: its variables and a probe. */
async function freshDatabase(driver: Driver): Promise<{
  env: Record<string, string>;
  /** Where the log says the database is. */
  location: string;
  /** How many migrations the server applied there. */
  migrations: () => Promise<number>;
}> {
  if (driver === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'dj-dev-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'pg');
    return {
      env: { PGLITE_DATA_DIR: dataDir },
      location: dataDir,
      async migrations() {
        // The server has stopped (afterEach runs later): read the folder it wrote.
        const handle = await openDatabase({ url: '', dataDir, migrate: false });
        try {
          return await countMigrations(handle);
        } finally {
          await handle.close();
        }
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const admin = await openDatabase({ url: adminUrl, migrate: false, poolSize: 1 });
  const name = `dj_dev_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.db.execute(sql.raw(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), migrate: false, poolSize: 1 });
  cleanups.push(async () => {
    await handle.close();
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    await admin.close();
  });
  return {
    env: { DATABASE_URL: url.toString(), PII_ENCRYPTION_KEY: KEY },
    location: name,
    migrations: () => countMigrations(handle),
  };
}

async function countMigrations(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return (result as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

// One start is enough to prove the variables arrive: on the test server when there is one (a
// fresh PostgreSQL database migrates in seconds), else on a fresh embedded database.
const DRIVER: Driver = TEST_DRIVERS.includes('postgres') ? 'postgres' : 'pglite';

describe('pnpm dev (turbo run dev) hands the server its configuration', () => {
  it.each([DRIVER])(
    'on %s: listens on PORT, opens and migrates the database its variables name, trusts TRUST_PROXY',
    async (driver) => {
      const database = await freshDatabase(driver);
      const port = await freePort();
      const started = turboDev({
        ...database.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTO_SEED: '0',
        TRUST_PROXY: '127.0.0.1',
      });
      running = started;
      expect(await waitForHealth(port, started, 80_000)).toEqual({ ok: true, driver });
      expect(started.output()).toContain('"trustProxy":["127.0.0.1"]');
      expect(started.output()).toContain(database.location);
      await stop();
      expect(await database.migrations()).toBeGreaterThan(20);
    },
    90_000,
  );
});
