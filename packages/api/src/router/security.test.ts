import { openDatabase, type DatabaseHandle } from '@dangjian/db';
import { loginAttempts, securityEvents } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import {
  createTestDatabase,
  TEST_DRIVERS,
  TEST_PII_CIPHER,
  type TestDatabaseHandle,
} from '@dangjian/db/testing';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_EVENTS_PER_MINUTE, SUPPRESSED_DETAIL } from '../auth/events';
import { LOGIN_LIMITS, loginRefusal } from '../auth/throttle';
import { createCaller } from '../root';
import { callerAs, createTestContext, memoryCookieJar, TEST_HOST } from '../testing';
import type { Context } from '../trpc';

const T0 = new Date('2026-11-25T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The error code of a call, or 'ok'. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

describe('login throttling rules', () => {
  const none = { pair: 0, address: 0, account: 0, lastAccountFailure: null };
  it('5 failures of one account from one address refuse that address only', () => {
    expect(loginRefusal({ ...none, pair: 4, address: 4, account: 4 }, T0)).toBeNull();
    expect(loginRefusal({ ...none, pair: 5, address: 5, account: 5 }, T0)?.rule).toBe('pair');
    // The owner's address has no failures of its own: not refused by the other's five.
    expect(loginRefusal({ ...none, pair: 0, address: 0, account: 5 }, T0)).toBeNull();
  });
  it('20 failures from one address refuse it for every account', () => {
    expect(loginRefusal({ ...none, address: 19 }, T0)).toBeNull();
    expect(loginRefusal({ ...none, address: 20 }, T0)?.rule).toBe('address');
  });
  it('after 10 failures of an account, one attempt every 10 seconds; 50 lock it for everyone', () => {
    const last = at(0);
    expect(loginRefusal({ ...none, account: 10, lastAccountFailure: last }, at(9))?.rule).toBe(
      'slowdown',
    );
    expect(loginRefusal({ ...none, account: 10, lastAccountFailure: last }, at(10))).toBeNull();
    expect(loginRefusal({ ...none, account: 50, lastAccountFailure: last }, at(600))?.rule).toBe(
      'account',
    );
  });
});

describe.each(TEST_DRIVERS)('login throttling and security events on %s', (driver) => {
  let handle: TestDatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  function from(ip: string, now: () => Date = () => T0, extra: Partial<Context> = {}) {
    return createCaller({ ...createTestContext(handle, { ip, now }), ...extra });
  }
  const login = (ip: string, username: string, password: string, now?: () => Date) =>
    outcome(from(ip, now).auth.login({ username, password }));

  async function events(where: { kind?: string; username?: string; ip?: string } = {}) {
    return handle.db
      .select()
      .from(securityEvents)
      .where(
        and(
          where.kind ? sql`${securityEvents.kind} = ${where.kind}` : undefined,
          where.username ? eq(securityEvents.username, where.username) : undefined,
          where.ip ? eq(securityEvents.ip, where.ip) : undefined,
        ),
      )
      .orderBy(asc(securityEvents.id));
  }

  it('five wrong passwords from one address do not stop the owner signing in from another; that address is refused', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await login('10.1.0.1', 'city_admin', `Wrong-${i}`, () => at(i))).toBe('UNAUTHORIZED');
    }
    // The prober's address is refused even with the right password, without checking it.
    expect(await login('10.1.0.1', 'city_admin', DEMO_PASSWORD, () => at(10))).toBe(
      'TOO_MANY_REQUESTS',
    );
    // The owner, from her own address, signs in.
    expect(await login('10.1.0.2', 'city_admin', DEMO_PASSWORD, () => at(11))).toBe('ok');
    // The window passes (15 minutes after the first failures): the address may try again.
    expect(await login('10.1.0.1', 'city_admin', DEMO_PASSWORD, () => at(15 * 60 + 5))).toBe('ok');
    const failed = await events({ kind: 'login_failed', ip: '10.1.0.1' });
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({
      username: 'city_admin',
      role: 'city_admin',
      regionCode: '430700000000',
      procedure: 'auth.login',
      detail: '密码错误',
    });
    expect(failed[0]?.userId).toBeGreaterThan(0);
    const throttled = await events({ kind: 'login_throttled', ip: '10.1.0.1' });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.detail).toBe('登录失败次数过多，请 15 分钟后再试');
  });

  it('one address testing many accounts is refused after 20 failures, for every account', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      expect(await login(ip, `nobody${i}`, 'Wrong-1', () => at(i))).toBe('UNAUTHORIZED');
    }
    expect(await login(ip, 'township', DEMO_PASSWORD, () => at(30))).toBe('TOO_MANY_REQUESTS');
    expect(await login('10.2.0.2', 'township', DEMO_PASSWORD, () => at(31))).toBe('ok');
    const [unknown] = await events({ kind: 'login_failed', username: 'nobody0' });
    expect(unknown).toMatchObject({ userId: null, regionCode: null, detail: '用户名不存在' });
  });

  it('guesses from many addresses are slowed after 10 failures and lock the account at 50, once', async () => {
    const user = 'county2_admin';
    const ipOf = (i: number) => `10.3.${Math.floor(i / LOGIN_LIMITS.perAccountAndAddress)}.1`;
    let t = 0;
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      if (i === LOGIN_LIMITS.accountSlowdownAfter) {
        // The slowdown: 10 failures in the window, the next attempt within 10 seconds is refused.
        expect(await login('10.3.99.1', user, DEMO_PASSWORD, () => at(t + 1))).toBe(
          'TOO_MANY_REQUESTS',
        );
      }
      t += LOGIN_LIMITS.accountSlowdownSeconds;
      expect(await login(ipOf(i), user, `Wrong-${i}`, () => at(t))).toBe('UNAUTHORIZED');
    }
    // Locked for everyone, the right password and a fresh address included.
    expect(await login('10.3.100.1', user, DEMO_PASSWORD, () => at(t + 60))).toBe(
      'TOO_MANY_REQUESTS',
    );
    const locked = await events({ kind: 'account_locked', username: user });
    expect(locked).toHaveLength(1);
    const [checked] = await handle.db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, user), eq(loginAttempts.success, false)));
    expect(checked?.n).toBe(LOGIN_LIMITS.perAccount);
    // The window passes: the owner signs in again.
    expect(await login('10.3.100.1', user, DEMO_PASSWORD, () => at(t + 15 * 60 + 1))).toBe('ok');
  });

  it('16 parallel wrong guesses from one address check at most 5 passwords', async () => {
    const user = 'trainer';
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login('10.4.0.1', user, `Wrong-${i}`, () => T0)),
    );
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(
      LOGIN_LIMITS.perAccountAndAddress,
    );
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(
      16 - LOGIN_LIMITS.perAccountAndAddress,
    );
    const [checked] = await handle.db
      .select({ n: count() })
      .from(loginAttempts)
      .where(eq(loginAttempts.username, user));
    expect(checked?.n).toBe(LOGIN_LIMITS.perAccountAndAddress);
  });

  it('the Origin must match the server’s whole origin: scheme, host and port', async () => {
    const attempt = (origin: string, extra: Partial<Context> = {}) =>
      outcome(
        from('10.5.0.1', () => T0, { origin, ...extra }).auth.login({
          username: 'poverty',
          password: DEMO_PASSWORD,
        }),
      );
    // An http server: https on the same host is another origin, and so is another port.
    expect(await attempt(`https://${TEST_HOST}`)).toBe('FORBIDDEN');
    expect(await attempt(`http://${TEST_HOST}:8080`)).toBe('FORBIDDEN');
    expect(await attempt(`http://${TEST_HOST}.evil.example`)).toBe('FORBIDDEN');
    expect(await attempt('null')).toBe('FORBIDDEN');
    expect(await attempt(`http://${TEST_HOST}:80`)).toBe('ok');
    expect(await attempt(`http://${TEST_HOST}`)).toBe('ok');
    // Behind HTTPS the server's own origin is the https one.
    expect(await attempt(`https://${TEST_HOST}`, { protocol: 'https' })).toBe('ok');
    expect(await attempt(`http://${TEST_HOST}`, { protocol: 'https' })).toBe('FORBIDDEN');
    // An allowed origin (ALLOWED_ORIGINS) is compared as a whole origin too.
    const allowedOrigins = ['http://localhost:5173/'];
    expect(await attempt('http://localhost:5173', { allowedOrigins })).toBe('ok');
    expect(await attempt('https://localhost:5173', { allowedOrigins })).toBe('FORBIDDEN');
    const refused = await events({ kind: 'origin_refused', ip: '10.5.0.1' });
    expect(refused.map((e) => e.detail)).toContain(
      `请求来源（Origin）不被允许：https://${TEST_HOST}`,
    );
  });

  it('refused calls leave a security event that outlives the call’s rolled-back transaction', async () => {
    const county = await callerAs(handle, 'county_admin', { ip: '10.6.0.1' });
    // Another county's region.
    expect(
      await outcome(county.api.org.list({ regionCode: '430703000000', page: 1, pageSize: 5 })),
    ).toBe('FORBIDDEN');
    // A role calling what it may not.
    const township = await callerAs(handle, 'township', { ip: '10.6.0.2' });
    expect(await outcome(township.api.user.list({ page: 1, pageSize: 5 }))).toBe('FORBIDDEN');
    // A change of a record that does not exist (or lies outside the region).
    expect(await outcome(county.api.org.update({ id: 999_999_999, name: '不存在' }))).toBe(
      'NOT_FOUND',
    );
    // A change without a session.
    expect(
      await outcome(
        createCaller(createTestContext(handle, { ip: '10.6.0.3' })).org.update({
          id: 1,
          name: '匿名',
        }),
      ),
    ).toBe('UNAUTHORIZED');
    // A query without a session (an idle timeout) is ordinary: no event.
    expect(
      await outcome(createCaller(createTestContext(handle, { ip: '10.6.0.4' })).region.root()),
    ).toBe('UNAUTHORIZED');

    const [cross] = await events({ kind: 'cross_region', ip: '10.6.0.1' });
    expect(cross).toMatchObject({
      username: 'county_admin',
      role: 'county_admin',
      procedure: 'org.list',
      regionCode: '430703000000',
      detail: '请求本辖区以外的区域',
    });
    const [forbidden] = await events({ kind: 'forbidden', ip: '10.6.0.2' });
    expect(forbidden).toMatchObject({ username: 'township', procedure: 'user.list' });
    const [missing] = await events({ kind: 'not_found_on_write', ip: '10.6.0.1' });
    expect(missing).toMatchObject({ username: 'county_admin', procedure: 'org.update' });
    const [anonymous] = await events({ kind: 'unauthenticated', ip: '10.6.0.3' });
    expect(anonymous).toMatchObject({ username: null, procedure: 'org.update' });
    expect(await events({ ip: '10.6.0.4' })).toEqual([]);
  });

  it(`writes at most ${SECURITY_EVENTS_PER_MINUTE} events per kind and address a minute, then one row counting the rest`, async () => {
    let now = at(3600);
    const { api } = await callerAs(handle, 'township', { ip: '10.7.0.1', now: () => now });
    const calls = 25;
    for (let i = 0; i < calls; i++) {
      now = at(3600 + i); // all inside one minute
      expect(await outcome(api.user.list({ page: 1, pageSize: 5 }))).toBe('FORBIDDEN');
    }
    const rows = await events({ kind: 'forbidden', ip: '10.7.0.1' });
    expect(rows.filter((r) => r.suppressed === 0)).toHaveLength(SECURITY_EVENTS_PER_MINUTE);
    const summaries = rows.filter((r) => r.suppressed > 0);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      suppressed: calls - SECURITY_EVENTS_PER_MINUTE,
      detail: SUPPRESSED_DETAIL,
    });
    // Another address, and the next minute, are counted afresh.
    now = at(3600 + 60);
    expect(await outcome(api.user.list({ page: 1, pageSize: 5 }))).toBe('FORBIDDEN');
    expect(
      (await events({ kind: 'forbidden', ip: '10.7.0.1' })).filter((r) => r.suppressed === 0),
    ).toHaveLength(SECURITY_EVENTS_PER_MINUTE + 1);
  });

  it('the city admin reads the events in words, filtered and paged; a county admin may not', async () => {
    const city = await callerAs(handle, 'city_admin');
    const page = await city.api.security.events({ kind: 'login_failed', page: 1, pageSize: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(3);
    expect(page.items.every((e) => e.kindLabel === '登录失败' && e.action === '登录')).toBe(true);
    const mine = await city.api.security.events({
      username: 'city_admin',
      address: '10.1.0.1',
      page: 1,
      pageSize: 50,
    });
    expect(mine.items.map((e) => e.kind).sort()).toEqual([
      ...Array<string>(5).fill('login_failed'),
      'login_throttled',
    ]);
    expect(mine.items[0]).toMatchObject({ regionName: '常德市', roleLabel: '市委组织部管理员' });
    const cross = await city.api.security.events({ kind: 'cross_region', page: 1, pageSize: 5 });
    expect(cross.items[0]).toMatchObject({ regionName: '鼎城区', kindLabel: '越区访问' });
    const none = await city.api.security.events({
      from: at(-86_400 * 365),
      to: at(-86_400 * 300),
      page: 1,
      pageSize: 5,
    });
    expect(none.total).toBe(0);
    expect(await outcome(city.api.security.events({ address: '10.1', page: 1, pageSize: 5 }))).toBe(
      'BAD_REQUEST',
    );
    const county = await callerAs(handle, 'county_admin');
    expect(await outcome(county.api.security.events({ page: 1, pageSize: 5 }))).toBe('FORBIDDEN');
  });

  it('row-level security: only a city scope reads events; the app role adds but never changes or deletes them', async () => {
    const asApp = async (from: string, to: string, statement: ReturnType<typeof sql>) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('app.scope_from', ${from}, true), set_config('app.scope_to', ${to}, true), set_config('role', 'dangjian_app', true)`,
        );
        return tx.execute(statement);
      });
    const countRows = (r: unknown) =>
      Number((r as { rows: { n: number | string }[] }).rows[0]?.n ?? -1);
    const seen = sql`select count(*) as n from security_events`;
    expect(countRows(await asApp('430702000000', '430702999999', seen))).toBe(0);
    expect(countRows(await asApp('430700000000', '430799999999', seen))).toBeGreaterThan(0);
    await asApp(
      '430702000000',
      '430702999999',
      sql`insert into security_events (kind, detail) values ('forbidden', 'app role insert')`,
    );
    for (const statement of [
      sql`update security_events set detail = 'x'`,
      sql`delete from security_events`,
    ]) {
      const error: unknown = await asApp('430700000000', '430799999999', statement).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String((error as { cause?: unknown } | null)?.cause)).toMatch(/permission denied/);
    }
  });

  it('as the server’s runtime login role (no owner, no superuser) failures, refusals and the suppressed count are all recorded', async () => {
    // On PostgreSQL the server connects as the runtime role; PGlite has only its one superuser.
    const runtime: DatabaseHandle =
      driver === 'postgres' && handle.runtimeUrl
        ? await openDatabase({ url: handle.runtimeUrl, migrate: false })
        : handle;
    try {
      const caller = (ip: string, origin?: string) =>
        createCaller(
          createTestContext(runtime, {
            ip,
            now: () => at(7200),
            ...(origin ? { origin } : {}),
          }),
        );
      const results: string[] = [];
      for (let i = 0; i < 6; i++) {
        results.push(
          await outcome(
            caller('10.9.0.1').auth.login({ username: 'secretary', password: 'Wrong-1' }),
          ),
        );
      }
      expect(results).toEqual([...Array<string>(5).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS']);
      for (let i = 0; i < SECURITY_EVENTS_PER_MINUTE + 2; i++) {
        expect(await outcome(caller('10.9.0.2', 'https://evil.example').auth.logout())).toBe(
          'FORBIDDEN',
        );
      }
      expect(
        await outcome(
          caller('10.9.0.3').auth.login({ username: 'secretary', password: DEMO_PASSWORD }),
        ),
      ).toBe('ok');
    } finally {
      if (runtime !== handle) await runtime.close();
    }
    expect(await events({ kind: 'login_failed', ip: '10.9.0.1' })).toHaveLength(5);
    expect(await events({ kind: 'login_throttled', ip: '10.9.0.1' })).toHaveLength(1);
    const refused = await events({ kind: 'origin_refused', ip: '10.9.0.2' });
    expect(refused.map((e) => e.suppressed)).toEqual([
      ...Array<number>(SECURITY_EVENTS_PER_MINUTE).fill(0),
      2,
    ]);
    const [success] = await handle.db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, '10.9.0.3'), eq(loginAttempts.success, true)));
    expect(success?.n).toBe(1);
  });

  it('the session cookie of a refused caller is not needed: an anonymous foreign-origin call is recorded too', async () => {
    const api = createCaller({
      ...createTestContext(handle, { ip: '10.8.0.1', origin: 'https://evil.example' }),
      cookies: memoryCookieJar(),
    });
    expect(await outcome(api.auth.logout())).toBe('FORBIDDEN');
    const [event] = await events({ kind: 'origin_refused', ip: '10.8.0.1' });
    expect(event).toMatchObject({
      username: null,
      procedure: 'auth.logout',
      detail: '请求来源（Origin）不被允许：https://evil.example',
    });
  });
});
