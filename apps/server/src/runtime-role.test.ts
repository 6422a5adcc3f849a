import { openDatabase, type DatabaseHandle } from '@dangjian/db';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import {
  createTestDatabase,
  TEST_DRIVERS,
  TEST_PII_CIPHER,
  type TestDatabaseHandle,
} from '@dangjian/db/testing';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';

const headers = {
  origin: 'http://localhost',
  host: 'localhost',
  'content-type': 'application/json',
};

/**
 * The server in its production shape: on PostgreSQL it connects as the runtime login role
 * (owns nothing, no superuser) and the seed runs as the owner (asOwner), as index.ts does at a
 * first start; on PGlite the one embedded superuser does both.
 */
describe.each(TEST_DRIVERS)('server connected as the runtime role (%s)', (driver) => {
  let created: TestDatabaseHandle;
  let runtime: DatabaseHandle;
  let app: FastifyInstance;
  let session = '';
  beforeAll(async () => {
    created = await createTestDatabase(driver);
    runtime =
      driver === 'postgres'
        ? await openDatabase({
            url: created.runtimeUrl,
            migrationUrl: created.ownerUrl,
            migrate: false,
          })
        : created;
    await runtime.asOwner(async (db) => {
      await seed(db, { prefix: '4307', pii: TEST_PII_CIPHER });
      await seedAccounts(db, { prefix: '4307' });
    });
    app = await buildServer({ database: runtime, pii: TEST_PII_CIPHER, appsDir: '/nonexistent' });
  }, 180_000);
  afterAll(async () => {
    await app.close();
    if (runtime !== created) await runtime.close();
    await created.close();
  });

  it('is the production shape: no warning about a superuser or an owner connection (PGlite has none to give)', () => {
    expect(runtime.roleWarning).toBeNull();
  });

  it('the seed, run as the owner under forced row-level security, loaded every region and the demo accounts', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers,
      payload: JSON.stringify(
        superjson.serialize({ username: 'city_admin', password: DEMO_PASSWORD }),
      ),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dj_session');
    session = `dj_session=${cookie?.value ?? ''}`;
    expect(cookie?.value).toBeTruthy();
  });

  it('a signed-in county admin lists only its county’s organisations, and a wrong password is refused', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers,
      payload: JSON.stringify(
        superjson.serialize({ username: 'county_admin', password: DEMO_PASSWORD }),
      ),
    });
    expect(login.statusCode).toBe(200);
    const cookie = `dj_session=${login.cookies.find((c) => c.name === 'dj_session')?.value ?? ''}`;
    const input = encodeURIComponent(
      JSON.stringify(superjson.serialize({ regionCode: '430702000000', page: 1, pageSize: 50 })),
    );
    const res = await app.inject({
      method: 'GET',
      url: `/trpc/org.list?input=${input}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = superjson.deserialize<{ items: { regionCode: string }[]; total: number }>(
      res.json<{ result: { data: Parameters<typeof superjson.deserialize>[0] } }>().result.data,
    );
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((o) => o.regionCode.startsWith('430702'))).toBe(true);
    const wrong = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers,
      payload: JSON.stringify(
        superjson.serialize({ username: 'county_admin', password: 'Wrong@2026x' }),
      ),
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('signs out (the session row is deleted by the runtime role)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/auth.logout',
      headers: { ...headers, cookie: session },
      payload: '{}',
    });
    expect(res.statusCode).toBe(200);
    const me = await app.inject({
      method: 'GET',
      url: '/trpc/auth.me',
      headers: { cookie: session },
    });
    expect(me.json<{ result: { data: { json: unknown } } }>().result.data.json).toBeNull();
  });
});
