import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, requirePostgres, type TestDatabaseHandle } from '@dangjian/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * WEB_CONCURRENCY=2 on a PostgreSQL server: two processes serve one port, a session signed in
 * through one is honoured by whichever answers next (nothing is kept in a process), a process
 * that dies is replaced, and SIGTERM stops them all.
 */
const serverDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

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

/** The pids of a process's server children (the cluster's workers; not tsx's esbuild). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'src/index.ts'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new RangeError(`timed out waiting for ${what}`);
}

const url = requirePostgres('the clustered server (WEB_CONCURRENCY) test');

describe.runIf(url)('the server as two processes (WEB_CONCURRENCY=2)', () => {
  let handle: TestDatabaseHandle;
  let primary: ChildProcess;
  let output = '';
  let base = '';

  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    await handle.db.execute(sql`insert into regions (code, name, level, kind, parent_code)
      values ('430000000000', '湖南省', 'province', 'other', null),
             ('430700000000', '常德市', 'city', 'other', '430000000000'),
             ('430702000000', '武陵区', 'county', 'other', '430700000000'),
             ('430702001000', '启明街道', 'township', 'street', '430702000000')
      on conflict do nothing`);
    await seedAccounts(handle.db, { prefix: '4307' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: handle.runtimeUrl ?? '',
        MIGRATION_DATABASE_URL: handle.ownerUrl ?? '',
        PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        AUTO_SEED: '0',
        WEB_CONCURRENCY: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    primary.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await until('/healthz', async () => {
      if (primary.exitCode !== null) throw new RangeError(`server exited:\n${output}`);
      const res = await fetch(`${base}/healthz`).catch(() => null);
      return res?.ok ? true : null;
    });
  }, 120_000);

  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    for (const pid of childrenOf(primary.pid ?? 0)) process.kill(pid, 'SIGKILL');
    await handle.close();
  });

  it('serves one port from two processes, honours a session in either, replaces a dead one and stops on SIGTERM', async () => {
    const pid = primary.pid ?? 0;
    const workers = await until('two workers', () =>
      childrenOf(pid).length === 2 ? childrenOf(pid) : null,
    );

    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ json: { username: 'city_admin', password: DEMO_PASSWORD } }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^dj_session=/);

    // A new connection per call (agent: false), as separate browsers would make: a kept-alive
    // socket would stay with one process.
    const me = () =>
      new Promise<{ status: number | undefined; username: string | undefined }>(
        (resolve, reject) => {
          get(`${base}/trpc/auth.me`, { agent: false, headers: { cookie } }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => {
              const body = JSON.parse(text) as {
                result?: { data: { json: { username: string } } };
              };
              resolve({ status: res.statusCode, username: body.result?.data.json.username });
            });
          })
            .setTimeout(15_000, function (this: { destroy(e: Error): void }) {
              this.destroy(new Error('no answer in 15 s'));
            })
            .on('error', reject);
        },
      );
    // One of the two processes dies: the other answers with the session at once.
    process.kill(workers[0] ?? 0, 'SIGKILL');
    await until('the primary to see it', () => (output.includes('服务进程意外退出') ? true : null));
    for (let i = 0; i < 10; i++)
      expect(await me()).toEqual({ status: 200, username: 'city_admin' });
    // …and a new process takes the dead one's place.
    const replaced = await until('a replacement worker', () => {
      const now = childrenOf(pid);
      return now.length === 2 && !now.includes(workers[0] ?? 0) ? now : null;
    });
    expect(replaced).toContain(workers[1]);
    for (let i = 0; i < 10; i++)
      expect(await me()).toEqual({ status: 200, username: 'city_admin' });

    const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(childrenOf(pid)).toEqual([]);
  }, 300_000);
});
