import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const WULING = '430702000000'; // county_admin's county
const DINGCHENG = '430703000000'; // county2_admin's county
const YEAR = 2026;
const now = () => new Date('2026-11-20T04:00:00Z');

async function townshipOf(handle: DatabaseHandle, county: string) {
  const [row] = await handle.db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.level, 'township'), like(regions.code, `${county.slice(0, 6)}%`)))
    .orderBy(asc(regions.code))
    .limit(1);
  return defined(row).code;
}

describe.each(TEST_DRIVERS)('non-public dues paid up and returned (001 §22) on %s', (driver) => {
  let handle: DatabaseHandle;
  let enterprise: number;
  let society: number;
  let rural: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', demo: false });
    await seedAccounts(handle.db, { prefix: '4307' });
    const [wlTown, dcTown] = await Promise.all([
      townshipOf(handle, WULING),
      townshipOf(handle, DINGCHENG),
    ]);
    const made = await handle.db
      .insert(orgs)
      .values([
        {
          name: '某科技有限公司党支部',
          kind: 'branch',
          category: 'non_public',
          regionCode: wlTown,
          memberCount: 12,
        },
        {
          name: '某行业协会党支部',
          kind: 'branch',
          category: 'social_org',
          regionCode: dcTown,
          memberCount: 5,
        },
        {
          name: '某村党支部',
          kind: 'branch',
          category: 'rural',
          regionCode: wlTown,
          memberCount: 20,
        },
      ])
      .returning({ id: orgs.id });
    [enterprise, society, rural] = made.map((m) => m.id) as [number, number, number];
  });
  afterAll(async () => {
    await handle.close();
  });

  it('an organisation that paid 1,200 yuan and got 800 back is owed 400; a full return clears it', async () => {
    const { api } = await callerAs(handle, 'city_admin', { now });
    await api.dues.record({
      orgId: enterprise,
      year: YEAR,
      direction: 'paid',
      date: '2026-03-31',
      amountFen: 120_000,
    });
    await api.dues.record({
      orgId: enterprise,
      year: YEAR,
      direction: 'returned',
      date: '2026-06-30',
      amountFen: 80_000,
    });
    const report = await api.dues.list({ regionCode: CITY, year: YEAR });
    expect(report.items).toEqual([
      expect.objectContaining({
        orgId: enterprise,
        paidFen: 120_000,
        returnedFen: 80_000,
        dueFen: 120_000,
        owedFen: 40_000,
        met: false,
        unitCode: WULING,
        citation: '常委〔2012〕5号 第二十二条',
      }),
    ]);
    expect(defined(report.items[0]).entries.map((e) => [e.kindLabel, e.on, e.amountFen])).toEqual([
      ['上缴', '2026-03-31', 120_000],
      ['返还', '2026-06-30', 80_000],
    ]);
    expect(report.units).toEqual([
      expect.objectContaining({ code: WULING, owedFen: 40_000, owing: 1, paidFen: 120_000 }),
    ]);
    expect(report.totals).toMatchObject({ orgs: 1, owedFen: 40_000, owing: 1 });
    expect(report.rule).toContain('全额返还');
    expect(report.policyLabel).toContain('常委〔2012〕5号');

    await api.dues.record({
      orgId: enterprise,
      year: YEAR,
      direction: 'returned',
      date: '2026-09-30',
      amountFen: 40_000,
    });
    const cleared = await api.dues.list({ regionCode: CITY, year: YEAR });
    expect(cleared.items[0]).toMatchObject({ returnedFen: 120_000, owedFen: 0, met: true });
    expect(cleared.totals).toMatchObject({ owedFen: 0, owing: 0 });
    expect((await api.dues.list({ regionCode: CITY, year: YEAR, owedOnly: true })).items).toEqual(
      [],
    );
  });

  it('a return voided as entered in error owes the money again; totals add up per county', async () => {
    const { api } = await callerAs(handle, 'city_admin', { now });
    await api.dues.record({
      orgId: society,
      year: YEAR,
      direction: 'paid',
      date: '2026-04-01',
      amountFen: 50_000,
    });
    const wrong = await api.dues.record({
      orgId: society,
      year: YEAR,
      direction: 'returned',
      date: '2026-04-02',
      amountFen: 50_000,
    });
    expect((await api.dues.list({ regionCode: CITY, year: YEAR })).totals.owedFen).toBe(0);
    await api.dues.void({ entryId: wrong.id, reason: '重复录入' });
    const report = await api.dues.list({ regionCode: CITY, year: YEAR, owedOnly: true });
    expect(report.items.map((i) => [i.orgId, i.owedFen])).toEqual([[society, 50_000]]);
    expect(report.units.map((u) => [u.code, u.owedFen])).toEqual([
      [DINGCHENG, 50_000],
      [WULING, 0],
    ]);
    await expect(api.dues.void({ entryId: wrong.id, reason: '再次' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('only non-public and social organisations take part; another county’s org is not found; a township only reads', async () => {
    const { api } = await callerAs(handle, 'city_admin', { now });
    await expect(
      api.dues.record({
        orgId: rural,
        year: YEAR,
        direction: 'paid',
        date: '2026-04-01',
        amountFen: 1,
      }),
    ).rejects.toThrow(/只适用于非公企业和社会组织/);
    await expect(
      api.dues.record({
        orgId: enterprise,
        year: YEAR,
        direction: 'paid',
        date: '2026-12-01',
        amountFen: 1,
      }),
    ).rejects.toThrow(/不能晚于今天/);
    const { api: dingcheng } = await callerAs(handle, 'county2_admin', { now });
    await expect(
      dingcheng.dues.record({
        orgId: enterprise,
        year: YEAR,
        direction: 'returned',
        date: '2026-04-01',
        amountFen: 1,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await dingcheng.dues.list({ regionCode: DINGCHENG, year: YEAR })).items.map((i) => i.orgId),
    ).toEqual([society]);
    const { api: township, user } = await callerAs(handle, 'township', { now });
    await expect(
      township.dues.record({
        orgId: enterprise,
        year: YEAR,
        direction: 'paid',
        date: '2026-04-01',
        amountFen: 1,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      township.dues.list({ regionCode: user.regionCode, year: YEAR }),
    ).resolves.toBeTruthy();
  });
});
