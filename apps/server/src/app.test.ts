import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import type { DatabaseHandle } from '@dangjian/db';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';

interface TrpcErrorBody {
  error: {
    json: {
      message: string;
      data: { httpStatus: number; fieldErrors: { field: string }[] | null };
    };
  };
}

function query(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

describe.each(TEST_DRIVERS)('HTTP server on %s', (driver) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seed(database.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(database.db, { prefix: '4307' });
    app = await buildServer({ database, pii: TEST_PII_CIPHER, appsDir: '/nonexistent' });
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: {
        origin: 'http://localhost',
        host: 'localhost',
        'content-type': 'application/json',
      },
      payload: JSON.stringify(
        superjson.serialize({ username: 'city_admin', password: DEMO_PASSWORD }),
      ),
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'dj_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    session = `dj_session=${cookie?.value ?? ''}`;
  });
  let session = '';
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: session } });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers the health check with the database driver', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, driver });
  });

  it('serves a page of organisations through tRPC', async () => {
    const res = await get(query('org.list', { regionCode: '430702000000', page: 1, pageSize: 5 }));
    expect(res.statusCode).toBe(200);
    const body = superjson.deserialize<{ items: { regionCode: string }[]; total: number }>(
      res.json<{ result: { data: Parameters<typeof superjson.deserialize>[0] } }>().result.data,
    );
    expect(body.items).toHaveLength(5);
    expect(body.items.every((o) => o.regionCode.startsWith('430702'))).toBe(true);
    expect(body.total).toBeGreaterThan(5);
  });

  it('refuses a page size of 10^9 with a 400 that names 每页条数 in Chinese', async () => {
    const res = await get(
      query('org.list', { regionCode: '430700000000', page: 1, pageSize: 1e9 }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<TrpcErrorBody>();
    expect(body.error.json.message).toContain('每页条数（pageSize）');
    expect(body.error.json.data.fieldErrors?.[0]?.field).toBe('pageSize');
  });

  it('refuses wrong types with a 400 naming the field', async () => {
    // The region is checked first (regionProcedure loads it for the handler), then the
    // procedure's own fields, each problem named in Chinese.
    const region = await get(query('org.list', { regionCode: 4307, page: 'first' }));
    expect(region.statusCode).toBe(400);
    expect(region.json<TrpcErrorBody>().error.json.message).toContain('区划代码（regionCode）');
    const res = await get(
      query('org.list', { regionCode: '430700000000', page: 'first', pageSize: 'all' }),
    );
    expect(res.statusCode).toBe(400);
    const message = res.json<TrpcErrorBody>().error.json.message;
    expect(message).toContain('页码（page）');
    expect(message).toContain('每页条数（pageSize）');
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an unknown region code with a 400, not a 500', async () => {
    const res = await get(query('region.children', { regionCode: '430799000000' }));
    expect(res.statusCode).toBe(400);
    expect(res.json<TrpcErrorBody>().error.json.message).toBe('区划代码「430799000000」不存在');
  });

  it('answers 401 in Chinese without a session, and 403 for a region outside the scope', async () => {
    const anonymous = await app.inject({ method: 'GET', url: query('region.root', undefined) });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<TrpcErrorBody>().error.json.message).toBe(
      '未登录或登录已过期，请重新登录',
    );
    const foreign = await get(
      query('org.list', { regionCode: '430600000000', page: 1, pageSize: 5 }),
    );
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses a login posted from another site (Origin check)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: {
        origin: 'https://evil.example',
        host: 'localhost',
        'content-type': 'application/json',
      },
      payload: JSON.stringify(
        superjson.serialize({ username: 'city_admin', password: DEMO_PASSWORD }),
      ),
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();
  });

  it('compares the whole origin: https://localhost is not this http server, http://localhost is', async () => {
    const post = (origin: string) =>
      app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { origin, host: 'localhost', 'content-type': 'application/json' },
        payload: JSON.stringify(
          superjson.serialize({ username: 'township', password: DEMO_PASSWORD }),
        ),
      });
    expect((await post('https://localhost')).statusCode).toBe(403);
    expect((await post('http://localhost:8080')).statusCode).toBe(403);
    expect((await post('http://localhost')).statusCode).toBe(200);
  });

  it('refuses malformed JSON input with a 400', async () => {
    const res = await get('/trpc/org.list?input=%7Bnot-json');
    expect(res.statusCode).toBe(400);
  });
});
