import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import {
  graduateOfficials,
  orgDispatches,
  orgGrades,
  orgs,
  people,
  regions,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import type { Grade } from '@dangjian/domain';
import { and, asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../permissions';
import { callerAs, createTestContext } from '../testing';

const DINGCHENG = '430703000000';
const WULING = '430702000000';
const YEAR = 2026;

/**
 * A hand-built year in one township of 鼎城区 (last year → this year):
 * - 10 较差: 9 moved up (one of them two grades), 1 stayed → 90 %, target 90 % met exactly;
 * - 5 一般: 1 up, 3 stayed, 1 down → 20 %, target 20 % met exactly;
 * - 4 较好: 0 up, 3 stayed, 1 down → 0 %, target 10 % missed;
 * - 3 好: 2 stayed, 1 down → retained 66.67 %, target 100 % missed;
 * - 1 一般 not graded this year (not measured, not sanctioned).
 * Sanctioned secretaries: 1 (较差 stayed) + 4 (一般 stayed or down) + 1 (较好 down) + 1 (好 down) = 7.
 */
const CASES: [Grade, Grade | null, number][] = [
  ['poor', 'average', 8],
  ['poor', 'fair', 1],
  ['poor', 'poor', 1],
  ['average', 'fair', 1],
  ['average', 'average', 3],
  ['average', 'poor', 1],
  ['fair', 'fair', 3],
  ['fair', 'average', 1],
  ['good', 'good', 2],
  ['good', 'fair', 1],
  ['average', null, 1],
];

describe.each(TEST_DRIVERS)('upgrade report, dispatch, sanctions and dashboard on %s', (driver) => {
  let handle: DatabaseHandle;
  let township: { code: string; name: string };

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', demo: false });
    await seedAccounts(handle.db, { prefix: '4307' });
    const [t] = await handle.db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(eq(regions.level, 'township'), eq(regions.parentCode, DINGCHENG)))
      .orderBy(asc(regions.code))
      .limit(1);
    township = defined(t);
    const villages = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'village'), like(regions.code, `${township.code.slice(0, 9)}%`)))
      .orderBy(asc(regions.code));
    const flat = CASES.flatMap(([last, current, n]) =>
      Array.from({ length: n }, () => ({ last, current })),
    );
    const secretaries = await handle.db
      .insert(people)
      .values(
        flat.map((_, i) => ({
          name: `书记${i + 1}`,
          gender: 'male' as const,
          regionCode: township.code,
        })),
      )
      .returning({ id: people.id });
    const made = await handle.db
      .insert(orgs)
      .values(
        flat.map((_, i) => ({
          name: `测试党支部${i + 1}`,
          kind: 'branch' as const,
          category: 'rural' as const,
          // spread over the township's villages; the dashboard groups by village under the township
          regionCode: defined(villages[i % villages.length]).code,
          secretaryId: defined(secretaries[i]).id,
        })),
      )
      .returning({ id: orgs.id, regionCode: orgs.regionCode });
    await handle.db.insert(orgGrades).values(
      flat.flatMap((c, i) => [
        {
          orgId: defined(made[i]).id,
          regionCode: defined(made[i]).regionCode,
          year: YEAR - 1,
          grade: c.last,
        },
        ...(c.current
          ? [
              {
                orgId: defined(made[i]).id,
                regionCode: defined(made[i]).regionCode,
                year: YEAR,
                grade: c.current,
              },
            ]
          : []),
      ]),
    );
    // A corrected grade: the first 较差 org was first graded 较差 again, then corrected to 一般.
    // Only the current row (superseded_at null) counts.
    await handle.db.insert(orgGrades).values({
      orgId: defined(made[0]).id,
      regionCode: defined(made[0]).regionCode,
      year: YEAR,
      grade: 'poor',
      supersededAt: new Date('2026-11-01T00:00:00Z'),
    });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('upgrade rates per last-year grade are measured against 90 / 20 / 10 / 100 %, met exactly at the target', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const report = await api.upgrade.report({ regionCode: DINGCHENG, year: YEAR });
    const by = Object.fromEntries(report.lines.map((l) => [l.grade, l]));
    expect(by.poor).toMatchObject({
      orgCount: 10,
      achieved: 9,
      up: 9,
      same: 1,
      down: 0,
      targetPercent: 90,
      met: true,
    });
    expect(by.poor?.rate.percent).toBe(90);
    expect(by.average).toMatchObject({
      orgCount: 5,
      achieved: 1,
      up: 1,
      same: 3,
      down: 1,
      targetPercent: 20,
      met: true,
      notGraded: 1,
    });
    expect(by.fair).toMatchObject({
      orgCount: 4,
      achieved: 0,
      up: 0,
      same: 3,
      down: 1,
      targetPercent: 10,
      met: false,
    });
    expect(by.good).toMatchObject({
      orgCount: 3,
      achieved: 2,
      same: 2,
      down: 1,
      targetPercent: 100,
      met: false,
    });
    expect(by.good?.rate.percent).toBe(66.67);
  });

  it('the sanction list names the secretaries of orgs that did not move up from 一般/较差 or moved down from 好/较好', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const { items } = await api.upgrade.sanctions({ regionCode: DINGCHENG, year: YEAR });
    expect(items).toHaveLength(7);
    expect(items.filter((i) => i.reason === 'not_upgraded')).toHaveLength(5);
    expect(
      items
        .filter((i) => i.reason === 'downgraded')
        .map((i) => i.grades)
        .sort(),
    ).toEqual(['好 → 较好', '较好 → 一般']);
    // Nothing dispatched is recorded yet: only secretaries.
    expect(items.every((i) => i.role === 'secretary' && i.personName?.startsWith('书记'))).toBe(
      true,
    );
    expect(items[0]?.reasonLabel).toContain('不得提拔重用和评先评优');
    // The 较差 org corrected to 一般 moved up: not sanctioned.
    expect(items.some((i) => i.orgName === '测试党支部1')).toBe(false);
  });

  it('dispatch follows the grade carried in: 较差 → work team, 一般 → first secretary, 较好 → township contact; nothing recorded → all missing', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const plan = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    expect(Object.fromEntries(plan.needed.map((n) => [n.kind, n.count]))).toEqual({
      work_team: 10,
      first_secretary: 6,
      township_contact: 4,
    });
    expect(plan.items).toHaveLength(20);
    expect(plan.items.every((i) => i.status === '尚未登记选派')).toBe(true);
    expect(plan.rule.text).toContain('“较差”类：县以上机关工作组（组长任第一书记）');
    expect(plan.rule.citation).toBe('常委〔2012〕5号 第九条');
    expect(plan.policyLabel).toContain('常委〔2012〕5号');
  });

  it('recorded dispatches are checked: met, wrong kind, a work team without a leader serving as first secretary; a team has one leader in post', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const before = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    const poor = before.items.filter((i) => i.grade === 'poor');
    const average = defined(before.items.find((i) => i.grade === 'average'));
    const base = { year: YEAR, unit: '鼎城区委组织部', fromDate: `${YEAR}-03-01` };
    // A team with its leader as first secretary: met.
    await api.upgrade.saveDispatch({
      ...base,
      orgId: defined(poor[0]).orgId,
      kind: 'work_team',
      cadreName: '组长甲',
      post: '副部长',
      leader: true,
      firstSecretary: true,
    });
    await api.upgrade.saveDispatch({
      ...base,
      orgId: defined(poor[0]).orgId,
      kind: 'work_team',
      cadreName: '队员乙',
    });
    // A team member only: no leader.
    await api.upgrade.saveDispatch({
      ...base,
      orgId: defined(poor[1]).orgId,
      kind: 'work_team',
      cadreName: '队员丙',
    });
    // A township contact for a 一般 org (needs a first secretary): wrong kind.
    await api.upgrade.saveDispatch({
      ...base,
      orgId: average.orgId,
      kind: 'township_contact',
      cadreName: '联系人丁',
    });
    // A leader who is not first secretary is refused, in Chinese, naming the field.
    await expect(
      api.upgrade.saveDispatch({
        ...base,
        orgId: defined(poor[1]).orgId,
        kind: 'work_team',
        cadreName: '组长戊',
        leader: true,
      }),
    ).rejects.toThrow('工作组组长应担任第一书记');
    // A second leader in post is refused.
    await expect(
      api.upgrade.saveDispatch({
        ...base,
        orgId: defined(poor[0]).orgId,
        kind: 'work_team',
        cadreName: '组长己',
        leader: true,
        firstSecretary: true,
      }),
    ).rejects.toThrow('已有在任工作组组长「组长甲」');

    const after = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    const status = (orgId: number) =>
      defined(after.items.find((i) => i.orgId === orgId)).statusCode;
    expect(status(defined(poor[0]).orgId)).toBe('met');
    expect(status(defined(poor[1]).orgId)).toBe('no_leader');
    expect(status(average.orgId)).toBe('wrong_kind');
    expect(after.needed.find((n) => n.kind === 'work_team')).toMatchObject({ count: 10, met: 1 });
    expect(
      defined(after.items.find((i) => i.orgId === defined(poor[0]).orgId)).cadres.map(
        (c) => c.cadreName,
      ),
    ).toEqual(['组长甲', '队员乙']);

    // The leader leaves: the team has no leader in post any more.
    const listed = await api.upgrade.dispatches({ orgId: defined(poor[0]).orgId, year: YEAR });
    const leader = defined(listed.items.find((c) => c.leader));
    await api.upgrade.endDispatch({ dispatchId: leader.id, toDate: `${YEAR}-04-30` });
    const ended = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    expect(defined(ended.items.find((i) => i.orgId === defined(poor[0]).orgId)).statusCode).toBe(
      'no_leader',
    );
    await expect(
      api.upgrade.endDispatch({ dispatchId: leader.id, toDate: `${YEAR}-05-30` }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A replacement leader is accepted now.
    await api.upgrade.saveDispatch({
      ...base,
      fromDate: `${YEAR}-05-01`,
      orgId: defined(poor[0]).orgId,
      kind: 'work_team',
      cadreName: '组长庚',
      leader: true,
      firstSecretary: true,
    });
    const again = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    expect(defined(again.items.find((i) => i.orgId === defined(poor[0]).orgId)).statusCode).toBe(
      'met',
    );
  });

  it('a cadre counts from the day they arrive: on 1 June a first secretary arriving in July is not yet in post', async () => {
    const { api } = await callerAs(handle, 'county2_admin', {
      now: () => new Date(`${YEAR}-06-01T04:00:00Z`),
    });
    const plan = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    const target = defined(
      plan.items.find((i) => i.needs === 'first_secretary' && i.statusCode === 'missing'),
    );
    await api.upgrade.saveDispatch({
      year: YEAR,
      unit: '鼎城区委办公室',
      fromDate: `${YEAR}-07-01`,
      orgId: target.orgId,
      kind: 'first_secretary',
      cadreName: '第一书记壬',
      firstSecretary: true,
    });
    const june = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    expect(june.asOf).toBe(`${YEAR}-06-01`);
    expect(defined(june.items.find((i) => i.orgId === target.orgId)).statusCode).toBe('missing');
    const later = await callerAs(handle, 'county2_admin', {
      now: () => new Date(`${YEAR}-07-02T04:00:00Z`),
    });
    const july = await later.api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    expect(defined(july.items.find((i) => i.orgId === target.orgId)).statusCode).toBe('met');
  });

  it('the sanction list names the dispatched cadres (驻联干部) of a sanctioned org beside its secretary', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    // The one 较差 org that stayed 较差 (测试党支部10): give it a work team.
    const [stayed] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.name, '测试党支部10'));
    await api.upgrade.saveDispatch({
      year: YEAR,
      unit: '常德市农业农村局',
      fromDate: `${YEAR}-02-01`,
      orgId: defined(stayed).id,
      kind: 'work_team',
      cadreName: '驻村组长辛',
      leader: true,
      firstSecretary: true,
    });
    const { items } = await api.upgrade.sanctions({ regionCode: DINGCHENG, year: YEAR });
    const forOrg = items.filter((i) => i.orgId === defined(stayed).id);
    expect(forOrg.map((i) => [i.role, i.personName])).toEqual([
      ['secretary', '书记10'],
      ['dispatched_cadre', '驻村组长辛'],
    ]);
    expect(forOrg[1]).toMatchObject({
      roleLabel: '驻联干部（工作组组长（第一书记））',
      unit: '常德市农业农村局',
    });
    expect(defined(forOrg[1]).reasonLabel).toContain('常委〔2012〕5号 第九条');
  });

  it("another county's dispatch cannot be read, recorded or ended", async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const plan = await api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR });
    const orgId = defined(plan.items[0]).orgId;
    const mine = await api.upgrade.dispatches({ orgId, year: YEAR });
    const other = await callerAs(handle, 'county_admin');
    await expect(other.api.upgrade.dispatches({ orgId, year: YEAR })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      other.api.upgrade.saveDispatch({
        orgId,
        year: YEAR,
        kind: 'first_secretary',
        cadreName: '越权',
        unit: '武陵区',
        firstSecretary: true,
        fromDate: `${YEAR}-01-05`,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    if (mine.items[0]) {
      await expect(
        other.api.upgrade.endDispatch({ dispatchId: mine.items[0].id, toDate: `${YEAR}-12-01` }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it("the dashboard splits this year's grades by child region and drills down to the township's villages", async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const county = await api.dashboard.overview({ regionCode: DINGCHENG, year: YEAR });
    expect(county.childLevel).toBe('township');
    const mine = defined(county.children.find((c) => c.code === township.code));
    // this year's grades counted from CASES: 好 2; 较好 1+1+3+1; 一般 8+3+1; 较差 1+1
    expect(mine.grades).toEqual({ good: 2, fair: 6, average: 12, poor: 2 });
    expect(mine.upgrade.find((u) => u.grade === 'poor')).toMatchObject({
      orgCount: 10,
      achieved: 9,
      met: true,
    });
    expect(county.children.filter((c) => c.code !== township.code).length).toBeGreaterThan(0);
    expect(
      county.children.filter((c) => c.code !== township.code).every((c) => c.graded === 0),
    ).toBe(true);
    const down = await api.dashboard.overview({ regionCode: township.code, year: YEAR });
    expect(down.childLevel).toBe('village');
    expect(down.children.reduce((t, c) => t + c.graded, 0)).toBe(22);
  });

  it("a county user sees its own county's organisations and none of another county's, which it is refused", async () => {
    // 鼎城区 holds the hand-built year: its own department sees every graded organisation of it.
    const dingcheng = (await callerAs(handle, 'county2_admin')).api;
    const mine = await dingcheng.upgrade.report({ regionCode: DINGCHENG, year: YEAR });
    const counts = Object.fromEntries(mine.lines.map((l) => [l.grade, l.orgCount]));
    expect(counts).toMatchObject({ poor: 10, fair: 4, good: 3 });
    const mineSanctions = await dingcheng.upgrade.sanctions({ regionCode: DINGCHENG, year: YEAR });
    expect(mineSanctions.items.length).toBeGreaterThan(0);
    // 武陵区 has no graded organisation: its department's report counts none, so none of those
    // of 鼎城区 next door are in it.
    const { api } = await callerAs(handle, 'county_admin');
    const own = await api.upgrade.report({ regionCode: WULING, year: YEAR });
    expect(own.lines.map((l) => l.grade).sort()).toEqual(mine.lines.map((l) => l.grade).sort());
    expect(own.lines.map((l) => l.orgCount)).toEqual(own.lines.map(() => 0));
    expect((await api.upgrade.sanctions({ regionCode: WULING, year: YEAR })).items).toEqual([]);
    // …and each is refused the other's county outright.
    for (const call of [
      () => api.upgrade.report({ regionCode: DINGCHENG, year: YEAR }),
      () => api.upgrade.sanctions({ regionCode: DINGCHENG, year: YEAR }),
      () => api.upgrade.dispatch({ regionCode: DINGCHENG, year: YEAR }),
      () => api.dashboard.overview({ regionCode: DINGCHENG, year: YEAR }),
      () => dingcheng.upgrade.report({ regionCode: WULING, year: YEAR }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it("row-level security hides another county's dispatches and graduate officials even from a query that forgets its filter", async () => {
    const { createTRPCRouter, scopedProcedure, createCallerFactory } = await import('../trpc');
    const [village] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'village'), like(regions.code, `${township.code.slice(0, 9)}%`)))
      .limit(1);
    const [person] = await handle.db
      .insert(people)
      .values({ name: '村官RLS', gender: 'female', regionCode: defined(village).code })
      .returning({ id: people.id, regionCode: people.regionCode });
    await handle.db.insert(graduateOfficials).values({
      personId: defined(person).id,
      regionCode: defined(person).regionCode,
      inVillageSince: '2024-09-01',
    });
    const leaky = createTRPCRouter({
      countAll: scopedProcedure.query(async ({ ctx }) => {
        const [d] = await ctx.db.select({ n: count() }).from(orgDispatches);
        const [g] = await ctx.db.select({ n: count() }).from(graduateOfficials);
        return { dispatches: d?.n ?? 0, officials: g?.n ?? 0 };
      }),
    });
    PERMISSIONS['countAll'] = ['county_admin'];
    try {
      const { cookies } = await callerAs(handle, 'county_admin');
      const caller = createCallerFactory(leaky)(createTestContext(handle, { cookies }));
      const [d] = await handle.db.select({ n: count() }).from(orgDispatches);
      const [g] = await handle.db.select({ n: count() }).from(graduateOfficials);
      expect(d?.n).toBeGreaterThan(0);
      expect(g?.n).toBeGreaterThan(0);
      expect(await caller.countAll()).toEqual({ dispatches: 0, officials: 0 });
    } finally {
      delete PERMISSIONS['countAll'];
    }
  });

  // Last: it changes 鼎城区's policy for the year.
  it('the targets sentence reads the policy in force: a county override of the 较差 target changes the text, the number and the citation', async () => {
    const city = await callerAs(handle, 'city_admin');
    const county = await callerAs(handle, 'county2_admin');
    const before = await county.api.upgrade.report({ regionCode: DINGCHENG, year: YEAR });
    expect(before.rule.text).toContain('“较差”类党组织晋位升级率达到 90% 以上');
    expect(before.rule.citation).toBe('常委〔2012〕5号 第九条');
    await city.api.policy.saveOverride({
      name: '鼎城区晋位升级目标',
      regionCode: DINGCHENG,
      fromYear: YEAR,
      effectiveDate: `${YEAR}-01-01`,
      parameters: {
        upgradeTargetPoorPct: {
          value: 95,
          source: { seed: null, document: '鼎组发〔2026〕2号', section: '§1' },
        },
      },
    });
    const after = await county.api.upgrade.report({ regionCode: DINGCHENG, year: YEAR });
    expect(after.rule.text).toContain('“较差”类党组织晋位升级率达到 95% 以上');
    expect(after.rule.citation).toBe('鼎组发〔2026〕2号 §1；常委〔2012〕5号 第九条');
    expect(after.lines.find((l) => l.grade === 'poor')).toMatchObject({
      targetPercent: 95,
      met: false,
    });
    expect(after.policyLabel).not.toBe(before.policyLabel);
    expect(after.policyLabel).not.toContain('#');
  });
});
