import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, orgs, people } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { isValidIdNumber, summarizeIssues } from '@dangjian/domain';
import { ZodError } from 'zod';
import { and, between, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../permissions';
import { createCaller } from '../root';
import { callerAs, createTestContext, memoryCookieJar } from '../testing';
import { createCallerFactory, createTRPCRouter, scopedProcedure } from '../trpc';

const T0 = new Date('2026-11-25T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(TEST_DRIVERS)('accounts, sessions and audit on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  function anonymous(now: () => Date = () => T0, origin?: string | null) {
    const cookies = memoryCookieJar();
    return {
      api: createCaller(
        createTestContext(handle, { cookies, now, ...(origin === undefined ? {} : { origin }) }),
      ),
      cookies,
    };
  }

  it('logs in with the right password: an opaque session cookie, the user and an audit row', async () => {
    const { api, cookies } = anonymous();
    const me = await api.auth.login({ username: 'county_admin', password: DEMO_PASSWORD });
    expect(me).toMatchObject({
      username: 'county_admin',
      role: 'county_admin',
      regionCode: '430702000000',
    });
    expect(cookies.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await api.auth.me()).toMatchObject({ username: 'county_admin' });
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.procedure, 'auth.login'), eq(auditLog.username, 'county_admin')));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('an unknown user and a wrong password get the same message', async () => {
    const { api } = anonymous();
    await expect(api.auth.login({ username: 'nobody', password: 'x' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: '用户名或密码错误',
    });
    await expect(api.auth.login({ username: 'poverty', password: 'wrong' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: '用户名或密码错误',
    });
  });

  it('refuses an address after 5 failures of an account in 15 minutes, even for the right password, then lets it in', async () => {
    for (let i = 0; i < 5; i++) {
      const { api } = anonymous(() => minutes(i));
      await expect(
        api.auth.login({ username: 'trainer', password: `Wrong-${i}` }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    const locked = anonymous(() => minutes(6));
    await expect(
      locked.api.auth.login({ username: 'trainer', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: '登录失败次数过多，请 15 分钟后再试',
    });
    const later = anonymous(() => minutes(16));
    await expect(
      later.api.auth.login({ username: 'trainer', password: DEMO_PASSWORD }),
    ).resolves.toMatchObject({
      username: 'trainer',
    });
  });

  it('a session ends after 30 idle minutes', async () => {
    let now = T0;
    const { api } = anonymous(() => now);
    await api.auth.login({ username: 'township', password: DEMO_PASSWORD });
    now = minutes(29);
    expect(await api.auth.me()).not.toBeNull();
    now = minutes(29 + 30);
    expect(await api.auth.me()).toBeNull();
    await expect(api.region.root()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('a session ends 12 hours after login even when it is used all the time', async () => {
    let now = T0;
    const { api } = anonymous(() => now);
    await api.auth.login({ username: 'city_admin', password: DEMO_PASSWORD });
    for (let m = 20; m < 12 * 60; m += 20) {
      now = minutes(m);
      expect(await api.auth.me()).not.toBeNull();
    }
    now = minutes(12 * 60);
    expect(await api.auth.me()).toBeNull();
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const { api, cookies } = anonymous(() => new Date());
    await api.auth.login({ username: 'county2_admin', password: DEMO_PASSWORD });
    const token = cookies.token;
    await api.auth.logout();
    expect(cookies.token).toBeNull();
    // Replaying the old token does not work either.
    const replay = createCaller(createTestContext(handle, { cookies: memoryCookieJar(token) }));
    expect(await replay.auth.me()).toBeNull();
  });

  it('refuses a mutation from a foreign Origin or without one', async () => {
    const foreign = anonymous(() => T0, 'https://evil.example');
    await expect(
      foreign.api.auth.login({ username: 'city_admin', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '请求来源（Origin）不被允许',
    });
    const none = anonymous(() => T0, null);
    await expect(
      none.api.auth.login({ username: 'city_admin', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('password change enforces the policy and ends the other sessions', async () => {
    const first = await callerAs(handle, 'poverty');
    const second = await callerAs(handle, 'poverty');
    const weak: unknown = await first.api.auth
      .changePassword({ currentPassword: DEMO_PASSWORD, newPassword: 'short1' })
      .catch((e: unknown) => e);
    expect(weak).toMatchObject({ code: 'BAD_REQUEST' });
    // The HTTP error formatter turns this into one sentence naming the field.
    const cause = (weak as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(ZodError);
    expect(summarizeIssues((cause as ZodError).issues)).toBe(
      '新密码（newPassword）：密码至少 8 位',
    );
    await first.api.auth.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Poverty#2027',
    });
    expect(await first.api.auth.me()).not.toBeNull();
    expect(await second.api.auth.me()).toBeNull();
    const { api } = anonymous(() => new Date());
    await expect(
      api.auth.login({ username: 'poverty', password: 'Poverty#2027' }),
    ).resolves.toBeDefined();
    const [row] = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.procedure, 'auth.changePassword'));
    expect(JSON.stringify(row)).not.toContain('Poverty#2027');
  });

  it('masks phone numbers for roles that do not need them, shows them to departments', async () => {
    const county = await callerAs(handle, 'county_admin');
    const trainer = await callerAs(handle, 'trainer');
    const input = { regionCode: '430702000000', page: 1, pageSize: 3 } as const;
    const full = await county.api.org.list(input);
    const masked = await trainer.api.org.list(input);
    expect(full.items[0]?.secretaryPhone).toMatch(/^100\d{8}$/);
    expect(masked.items[0]?.secretaryPhone).toMatch(/^100\*{4}\d{4}$/);
    expect(masked.items[0]?.secretaryPhone?.slice(-4)).toBe(
      full.items[0]?.secretaryPhone?.slice(-4),
    );
  });

  it('keeps ID numbers encrypted at rest; revealing one is audited', async () => {
    const [person] = await handle.db.select().from(people).limit(1);
    expect(person?.idNumberEnc).toMatch(/^v1:/);
    expect(person?.idNumberEnc).not.toMatch(/\d{17}[\dX]/);
    const { api } = await callerAs(handle, 'city_admin');
    const revealed = await api.person.revealIdNumber({ personId: defined(person).id });
    expect(isValidIdNumber(revealed.idNumber)).toBe(true);
    expect(revealed.idNumber.slice(0, 6)).toBe(defined(person).regionCode.slice(0, 6));
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.procedure, 'person.revealIdNumber'),
          eq(auditLog.target, `person:${defined(person).id}`),
        ),
      );
    expect(audit).toMatchObject({ username: 'city_admin', role: 'city_admin', ip: '127.0.0.1' });
  });

  it('the audit log refuses UPDATE and DELETE, even from the table owner', async () => {
    const [before] = await handle.db.select({ n: count() }).from(auditLog);
    expect(before?.n).toBeGreaterThan(0);
    for (const statement of [
      sql`update audit_log set username = 'x'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ]) {
      const error: unknown = await handle.db.execute(statement).then(
        () => null,
        (e: unknown) => e,
      );
      // drizzle wraps the driver's error; the trigger's message is in the cause.
      expect(String((error as { cause?: unknown } | null)?.cause)).toContain('审计日志只可追加');
    }
    const [after] = await handle.db.select({ n: count() }).from(auditLog);
    expect(after?.n).toBe(before?.n);
  });

  it('a mutation that fails leaves neither its change nor an audit row', async () => {
    const [org] = await handle.db
      .select()
      .from(orgs)
      .where(between(orgs.regionCode, '430702000000', '430702999999'))
      .limit(1);
    expect(org).toBeDefined();
    const failing = createTRPCRouter({
      renameThenFail: scopedProcedure.mutation(async ({ ctx }) => {
        await ctx.db
          .update(orgs)
          .set({ name: '改名后' })
          .where(eq(orgs.id, defined(org).id));
        ctx.audit({
          target: `org:${defined(org).id}`,
          before: { name: defined(org).name },
          after: { name: '改名后' },
        });
        throw new RangeError('boom');
      }),
      renameOk: scopedProcedure.mutation(async ({ ctx }) => {
        await ctx.db
          .update(orgs)
          .set({ name: `${defined(org).name}` })
          .where(eq(orgs.id, defined(org).id));
        ctx.audit({
          target: `org:${defined(org).id}`,
          before: { name: defined(org).name },
          after: { name: defined(org).name },
        });
        return 'ok';
      }),
    });
    PERMISSIONS['renameThenFail'] = ['county_admin'];
    PERMISSIONS['renameOk'] = ['county_admin'];
    try {
      const { cookies } = await callerAs(handle, 'county_admin');
      const caller = createCallerFactory(failing)(createTestContext(handle, { cookies }));
      await expect(caller.renameThenFail()).rejects.toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
      });
      const [after] = await handle.db
        .select()
        .from(orgs)
        .where(eq(orgs.id, defined(org).id));
      expect(after?.name).toBe(defined(org).name);
      const [failedAudit] = await handle.db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.procedure, 'renameThenFail'));
      expect(failedAudit?.n).toBe(0);
      // The same path succeeding does write its audit row, with who, role, region and target.
      await caller.renameOk();
      const [ok] = await handle.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.procedure, 'renameOk'));
      expect(ok).toMatchObject({
        username: 'county_admin',
        role: 'county_admin',
        actorRegionCode: '430702000000',
        regionCode: '430702000000',
        target: `org:${defined(org).id}`,
      });
    } finally {
      delete PERMISSIONS['renameThenFail'];
      delete PERMISSIONS['renameOk'];
    }
  });

  it('admins browse the audit log of their own region only', async () => {
    const county2 = await callerAs(handle, 'county2_admin');
    const page = await county2.api.audit.list({ page: 1, pageSize: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r) => r.regionCode?.startsWith('430703'))).toBe(true);
    const city = await callerAs(handle, 'city_admin');
    const all = await city.api.audit.list({ page: 1, pageSize: 200, procedure: 'auth.login' });
    expect(all.items.some((r) => r.username === 'county_admin')).toBe(true);
  });
});
