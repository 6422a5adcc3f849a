import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, orgs, rectificationCases, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, zodMessage } from '../testing';

const WULING = '430702000000';
const YEAR = 2031; // no seeded cases: hand-built ones only
const NOW = () => new Date('2031-05-10T02:00:00Z');

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

const problem = (n: number) => ({
  description: `问题${n}`,
  measures: [`措施${n}`],
  goal: `目标${n}`,
  deadline: '2031-06-30',
  responsiblePerson: `责任人${n}`,
});
const confirmation = {
  confirmedBy: '村党支部书记 张三',
  confirmedOn: '2031-05-01',
  method: 'mass_meeting' as const,
  evidence: '党员群众大会记录',
};

describe.each(TEST_DRIVERS)('rectification corrections on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api; // 武陵区
  let county2: Api; // 鼎城区
  let orgIds: number[] = [];

  async function newCase(problems = 2): Promise<number> {
    const orgId = defined(orgIds.shift());
    const { id } = await county.rectification.create({
      orgId,
      year: YEAR,
      criteria: ['weak_service'],
      workTeam: { leader: '李组长', members: ['王成员'] },
      leadingCadre: { name: '周书记', post: '镇党委副书记' },
      problems: Array.from({ length: problems }, (_, i) => problem(i + 1)),
    });
    return id;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    county = (await callerAs(handle, 'county_admin', { now: NOW })).api;
    county2 = (await callerAs(handle, 'county2_admin', { now: NOW })).api;
    orgIds = (
      await handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .innerJoin(regions, eq(regions.code, orgs.regionCode))
        .where(
          and(
            between(orgs.regionCode, WULING, '430702999999'),
            eq(regions.level, 'village'),
            eq(orgs.category, 'rural'),
          ),
        )
        .orderBy(asc(orgs.id))
        .limit(20)
    ).map((o) => o.id);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a problem is added to a saved plan, with who, when and why in the history and an audit row', async () => {
    const id = await newCase(1);
    const added = await county.rectification.addProblem({
      caseId: id,
      reason: '督导组反馈遗漏了阵地建设问题',
      problem: problem(2),
    });
    const d = await county.rectification.byId({ id });
    expect(d.problems.map((p) => p.description)).toEqual(['问题1', '问题2']);
    expect(d.openItems).toBe(2);
    expect(d.corrections).toHaveLength(1);
    expect(d.corrections[0]).toMatchObject({
      kind: 'add_problem',
      problemId: added.id,
      reason: '督导组反馈遗漏了阵地建设问题',
      byName: '武陵区委组织部',
    });
    const audit = await handle.db
      .select({ procedure: auditLog.procedure })
      .from(auditLog)
      .where(eq(auditLog.target, `rectification_problem:${added.id}`));
    expect(audit).toEqual([{ procedure: 'rectification.addProblem' }]);
  });

  it('a correction changes only the fields entered wrongly and keeps their previous values; one that changes nothing is refused', async () => {
    const id = await newCase(2);
    const before = await county.rectification.byId({ id });
    const p = defined(before.problems[0]);
    await county.rectification.correctProblem({
      problemId: p.id,
      reason: '时限录入错误',
      deadline: '2031-09-30',
      goal: p.goal,
    });
    const after = await county.rectification.byId({ id });
    expect(defined(after.problems[0]).deadline).toBe('2031-09-30');
    expect(after.corrections[0]).toMatchObject({
      kind: 'correct_problem',
      reason: '时限录入错误',
      before: { deadline: '2031-06-30' },
      after: { deadline: '2031-09-30' },
    });
    await expect(
      county.rectification.correctProblem({ problemId: p.id, reason: '再改', goal: p.goal }),
    ).rejects.toThrow('没有需要更正的内容');

    await county.rectification.correctCase({
      caseId: id,
      reason: '包联领导调整前录错了职务',
      leadingCadre: { name: '周书记', post: '镇党委书记' },
    });
    const c = await county.rectification.byId({ id });
    expect(c.leadingCadre.post).toBe('镇党委书记');
    expect(c.corrections[0]).toMatchObject({
      kind: 'correct_case',
      before: { leadingCadrePost: '镇党委副书记' },
      after: { leadingCadrePost: '镇党委书记' },
    });
  });

  it('a correction without a reason is refused in Chinese', async () => {
    const id = await newCase(2);
    expect(
      await zodMessage(county.rectification.withdrawCase({ caseId: id, reason: ' ' })),
    ).toContain('请写明更正或撤销的原因');
  });

  it('a problem closed on public confirmation is not corrected or withdrawn; the only problem of a plan is not withdrawn (the case is)', async () => {
    const id = await newCase(2);
    const d = await county.rectification.byId({ id });
    const [a, b] = d.problems;
    await county.rectification.closeItem({
      problemId: defined(a).id,
      closedOn: '2031-05-02',
      publicConfirmation: confirmation,
    });
    await expect(
      county.rectification.correctProblem({ problemId: defined(a).id, reason: '改错', goal: '新' }),
    ).rejects.toThrow('群众认可一件、销号一件');
    await expect(
      county.rectification.withdrawProblem({ problemId: defined(a).id, reason: '改错' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(defined(b).closedOn).toBeNull();
    const single = await newCase(1);
    const only = defined((await county.rectification.byId({ id: single })).problems[0]);
    await expect(
      county.rectification.withdrawProblem({ problemId: only.id, reason: '列错' }),
    ).rejects.toThrow('至少保留一个问题');
  });

  it('a withdrawn problem is kept with its reason and no longer needs closing before acceptance', async () => {
    const id = await newCase(2);
    const d = await county.rectification.byId({ id });
    const [a, b] = d.problems;
    await county.rectification.withdrawProblem({ problemId: defined(b).id, reason: '与问题1重复' });
    const after = await county.rectification.byId({ id });
    expect(defined(after.problems.find((p) => p.id === defined(b).id)).withdrawn).toMatchObject({
      reason: '与问题1重复',
    });
    expect(after.openItems).toBe(1);
    await expect(
      county.rectification.addEntry({
        problemId: defined(b).id,
        entryDate: '2031-05-03',
        note: '进展',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await county.rectification.closeItem({
      problemId: defined(a).id,
      closedOn: '2031-05-02',
      publicConfirmation: confirmation,
    });
    await county.rectification.accept({
      caseId: id,
      acceptedOn: '2031-05-05',
      passed: true,
      publicOpinionHeard: true,
    });
    // Nothing changes after acceptance.
    await expect(
      county.rectification.addProblem({ caseId: id, reason: '补充', problem: problem(3) }),
    ).rejects.toThrow('已验收通过');
    await expect(county.rectification.withdrawCase({ caseId: id, reason: '列错' })).rejects.toThrow(
      '已验收通过',
    );
  });

  it('a withdrawn case is kept, shown as withdrawn, and no longer counts for the quota', async () => {
    const id = await newCase(1);
    const before = await county.rectification.list({ regionCode: WULING, year: YEAR });
    const listedBefore = before.quota.lines.reduce((n, l) => n + (l.listed ?? 0), 0);
    await county.rectification.withdrawCase({ caseId: id, reason: '该村并非软弱涣散，误列' });
    const after = await county.rectification.list({ regionCode: WULING, year: YEAR });
    expect(after.quota.lines.reduce((n, l) => n + (l.listed ?? 0), 0)).toBe(listedBefore - 1);
    expect(after.items.find((i) => i.id === id)).toMatchObject({
      withdrawn: true,
      statusLabel: '已撤销',
    });
    expect(after.conversion).not.toEqual(before.conversion);
    const d = await county.rectification.byId({ id });
    expect(d.withdrawn).toMatchObject({ reason: '该村并非软弱涣散，误列' });
    expect(d.correctable).toBe(false);
    await expect(
      county.rectification.addEntry({
        problemId: defined(d.problems[0]).id,
        entryDate: '2031-05-03',
        note: '进展',
      }),
    ).rejects.toThrow('已撤销');
  });

  it('a withdrawn case is not carried into the next year (回头看 takes only real unfinished cases)', async () => {
    const withdrawn = await newCase(1);
    const open = await newCase(1);
    await county.rectification.withdrawCase({ caseId: withdrawn, reason: '误列' });
    await county.rectification.carryOver({ regionCode: WULING, toYear: YEAR + 1 });
    const carried = await handle.db
      .select({ from: rectificationCases.carriedOverFromId })
      .from(rectificationCases)
      .where(eq(rectificationCases.year, YEAR + 1));
    const from = carried.map((c) => c.from);
    expect(from).toContain(open);
    expect(from).not.toContain(withdrawn);
  });

  it('another county can neither correct nor withdraw', async () => {
    const id = await newCase(2);
    await expect(
      county2.rectification.withdrawCase({ caseId: id, reason: '越权' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const d = await county.rectification.byId({ id });
    await expect(
      county2.rectification.correctProblem({
        problemId: defined(d.problems[0]).id,
        reason: '越权',
        goal: 'x',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await county.rectification.byId({ id });
    expect(after.withdrawn).toBeNull();
    expect(after.corrections).toEqual([]);
  });
});
