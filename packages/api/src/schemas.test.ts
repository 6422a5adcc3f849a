import type { DatabaseHandle } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT4_MAX, idSchema } from './schemas';
import { callerAs } from './testing';

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

/** Procedures that take a record number, each called with `id`. */
const ID_CALLS: [string, (api: Api, id: number) => Promise<unknown>][] = [
  ['org.byId', (api, id) => api.org.byId({ id })],
  ['org.history', (api, id) => api.org.history({ orgId: id })],
  ['person.byId', (api, id) => api.person.byId({ id })],
  ['pay.run', (api, id) => api.pay.run({ id })],
  ['grading.history', (api, id) => api.grading.history({ orgId: id })],
  [
    'user.update',
    (api, id) =>
      api.user.update({
        userId: id,
        displayName: '测试',
        role: 'township',
        regionCode: '430702001000',
      }),
  ],
  ['training.classById', (api, id) => api.training.classById({ classId: id })],
  ['rectification.byId', (api, id) => api.rectification.byId({ id })],
  ['poverty.village', (api, id) => api.poverty.village({ villageId: id, year: 2026 })],
];

describe('the shared id schema', () => {
  it('accepts the largest int4 number and refuses the next one with a Chinese message', () => {
    expect(idSchema.parse(INT4_MAX)).toBe(INT4_MAX);
    const refused = idSchema.safeParse(INT4_MAX + 1);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('编号超出范围');
  });
});

describe.each(TEST_DRIVERS)('record numbers beyond int4 on %s', (driver) => {
  let handle: DatabaseHandle;
  let api: Api;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307' });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api } = await callerAs(handle, 'city_admin'));
  });
  afterAll(async () => {
    await handle.close();
  });

  it.each(ID_CALLS)(
    '%s answers 2147483648 as a bad request (400), not a server error',
    async (_name, call) => {
      await expect(call(api, INT4_MAX + 1)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    },
  );

  it.each(ID_CALLS)(
    '%s answers the largest int4 number as not found or refused, not a server error',
    async (_name, call) => {
      const error: unknown = await call(api, INT4_MAX).then(
        () => null,
        (e: unknown) => e,
      );
      expect(['NOT_FOUND', 'BAD_REQUEST']).toContain((error as { code?: string } | null)?.code);
    },
  );
});
