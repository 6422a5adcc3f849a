import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

/**
 * 东莞 (4419) is a prefecture-level city without counties: its 镇/街道 sit directly under the
 * city. Every roll-up, quota and form must work there, and its own notice (东组通〔2015〕34号)
 * is in force without anyone storing it.
 */
const DONGGUAN = '441900000000';
const YEAR = 2026;

describe.each(TEST_DRIVERS)('a city without counties (东莞) on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4419', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4419' });
  }, 120_000);
  afterAll(async () => {
    await handle.close();
  });

  it('the demo year loads: grades, fund records, rectification cases, classes and joint meetings', async () => {
    const counts = await handle.db.execute<{ t: string; n: number }>(`
      select 'grades' as t, count(*)::int as n from org_grades
      union all select 'funds', count(*)::int from fund_records
      union all select 'cases', count(*)::int from rectification_cases
      union all select 'classes', count(*)::int from training_classes
      union all select 'meetings', count(*)::int from org_meetings`);
    const rows = (counts as { rows: { t: string; n: number }[] }).rows;
    for (const r of rows) expect(r.n, r.t).toBeGreaterThan(0);
  });

  it('the region tree goes from the city straight to its towns, each with its own organisation count', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const towns = await api.region.children({ regionCode: DONGGUAN });
    expect(towns.length).toBeGreaterThan(30);
    expect(new Set(towns.map((t) => t.level))).toEqual(new Set(['township']));
    const total = towns.reduce((sum, t) => sum + t.orgCount, 0);
    const [one] = towns;
    expect(defined(one).orgCount).toBeGreaterThan(0);
    expect(defined(one).orgCount).toBeLessThan(total);
  });

  it('东组通〔2015〕34号 is in force for 东莞市 as its own notice', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const p = await api.policy.effective({ regionCode: DONGGUAN, year: YEAR });
    expect(p.label.startsWith('东组通〔2015〕34号')).toBe(true);
    const pick = (key: string) => defined(p.parameters.find((r) => r.key === key));
    expect(pick('rectQuotaVillageRounding')).toMatchObject({ value: 'round', kind: 'notice' });
    expect(pick('rectConversionMinPct')).toMatchObject({ value: 90, kind: 'notice' });
    expect(pick('reservePerPostProblemVillage')).toMatchObject({ value: 2, kind: 'notice' });
    expect(pick('communitySecretaryPayFloorMode').value).toBe('each_basic_vs_farmer_net_income');
    expect(pick('teamMeetingsPerWeekMin')).toMatchObject({ value: 1, kind: 'notice' });
    expect(pick('payRatioPoor').kind).toBe('system');
  });

  it('the dashboard rolls up by town, not into one county column', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const overview = await api.dashboard.overview({ regionCode: DONGGUAN, year: YEAR });
    expect(overview.childLevel).toBe('township');
    const columns = overview.children;
    expect(columns.length).toBeGreaterThan(30);
    expect(columns.filter((c) => c.level === 'township').length).toBeGreaterThan(30);
    const graded = columns.reduce(
      (n, c) => n + Object.values(c.grades).reduce((a, b) => a + b, 0),
      0,
    );
    expect(graded).toBeGreaterThan(600);
  });

  it('the rectification list has the city as its own filing unit, with Dongguan’s half-up quota and 90 % conversion', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const list = await api.rectification.list({ regionCode: DONGGUAN, year: YEAR });
    expect(list.byCounty.map((u) => u.regionName)).toEqual(['东莞市']);
    expect(list.quota.lines.map((l) => [l.group, l.rounding])).toEqual([
      ['village', 'round'],
      ['community', 'round'],
      ['other', 'ceil'],
    ]);
    expect(list.conversion.applicable).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('training coverage and the poverty overview group by town', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const coverage = await api.training.coverage({ regionCode: DONGGUAN, year: YEAR });
    const groups = coverage.regions;
    expect(groups.length).toBeGreaterThan(30);
    expect(groups.every((g) => g.regionCode.slice(6, 9) !== '000')).toBe(true);
    const poverty = await callerAs(handle, 'poverty');
    const overview = await poverty.api.poverty.overview({ regionCode: DONGGUAN, year: YEAR });
    expect(overview.rows.length).toBeGreaterThan(0);
    expect(overview.rows.every((r) => r.regionCode.slice(6, 9) !== '000')).toBe(true);
  });
});
