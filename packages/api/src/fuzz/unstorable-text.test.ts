/**
 * Text PostgreSQL or the audit log cannot store (NUL, unpaired surrogates, C0 control characters
 * other than tab and line breaks) is refused with 400 naming the field, before anything runs.
 */
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, people } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { getTRPCErrorShape, TRPCError } from '@trpc/server';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '../root';
import { callerAs, createTestContext } from '../testing';

/** The code and the Chinese message the HTTP client would get for a refused call. */
async function refusal(
  promise: Promise<unknown>,
  path: string,
): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError))
    throw new TypeError(`expected a refusal, got ${String(error)}`);
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: 'mutation',
    path,
    input: undefined,
    ctx: undefined,
  });
  return { code: error.code, message: shape.message };
}

describe.each(TEST_DRIVERS)('unstorable text on %s', (driver) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', demo: false });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a NUL in the anonymous login is refused with 400 naming the field, not a 500', async () => {
    const anonymous = createCaller(createTestContext(handle));
    const result = await refusal(
      anonymous.auth.login({ username: 'city\u0000admin', password: 'x' }),
      'auth.login',
    );
    expect(result.code).toBe('BAD_REQUEST');
    expect(result.message).toMatch(/^输入有误：/);
    expect(result.message).toContain('username');
    expect(result.message).toContain('U+0000');
  });

  it('a NUL, a lone surrogate, an escape character or U+FFFF is refused in any field, before the session is checked', async () => {
    const anonymous = createCaller(createTestContext(handle));
    for (const bad of ['\u0000', 'a\ud800', '\u001b[0m', '\u0001', '\uffff']) {
      const result = await refusal(
        anonymous.person.create({ name: `张${bad}三`, gender: 'male', regionCode: '430702000000' }),
        'person.create',
      );
      expect(result.code).toBe('BAD_REQUEST');
      expect(result.message).toContain('name');
    }
  });

  it('a NUL in an unknown key of a signed-in mutation is refused, and nothing is written, not even the audit entry', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const [auditBefore] = await handle.db.select({ n: count() }).from(auditLog);
    const [peopleBefore] = await handle.db.select({ n: count() }).from(people);
    const input = { name: '张三', gender: 'male', regionCode: '430702000000' } as const;
    Object.defineProperty(input, 'a\u0000b', { value: 1, enumerable: true });
    const result = await refusal(api.person.create(input), 'person.create');
    expect(result.code).toBe('BAD_REQUEST');
    expect(result.message).toContain('字段名');
    const [auditAfter] = await handle.db.select({ n: count() }).from(auditLog);
    const [peopleAfter] = await handle.db.select({ n: count() }).from(people);
    expect(auditAfter?.n).toBe(auditBefore?.n);
    expect(peopleAfter?.n).toBe(peopleBefore?.n);
  });

  it('tabs, line breaks and emoji are ordinary text and pass', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const created = await api.person.create({
      name: '张三😀',
      gender: 'male',
      regionCode: '430702000000',
      phone: '10012345678',
    });
    expect(created).toBeTruthy();
    const anonymous = createCaller(createTestContext(handle));
    const result = await refusal(
      anonymous.auth.login({ username: 'city_admin', password: 'a\tb\r\nc' }),
      'auth.login',
    );
    expect(result.code).toBe('UNAUTHORIZED');
  });
});
