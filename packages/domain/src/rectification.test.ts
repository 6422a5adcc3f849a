import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { parseInput } from './validation';
import { DONGGUAN_POLICY_SET, resolvePolicy } from './policy';
import {
  rectificationQuotaMet,
  assertCaseCorrectable,
  assertProblemCorrectable,
  assertProblemWithdrawable,
  correctionDiff,
  correctionReasonSchema,
  acceptRectificationCase,
  assessSoftAndLax,
  carryOverCases,
  checkRectificationConversion,
  closeRectificationItem,
  computeRectificationQuota,
  isElectionDifficultVillage,
  PUBLIC_CONFIRMATION_REQUIRED,
  overdueRectificationItems,
  parseRectificationCase,
  quotaGroupOf,
  rectificationCaseProgress,
  rectificationCaseStatus,
  summarizeSoftAndLax,
} from './rectification';
import type { RectificationCaseInput, SummaryRow } from './rectification';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const yueyang = resolvePolicy([], '430600000000', 2015);
const dongguan = resolvePolicy([DONGGUAN_POLICY_SET], '441900000000', 2015);

describe('six criteria and key rectification (002 §1)', () => {
  it('an org meeting any criterion is soft and lax; criteria are numbered (1)-(6) in notice order', () => {
    const a = assessSoftAndLax({
      category: 'rural',
      criteria: ['weak_service', 'team_incomplete'],
    });
    expect(a).toMatchObject({
      softAndLax: true,
      keyRectification: false,
      criterionNumbers: [1, 6],
      mayPostponeElection: true,
    });
    expect(assessSoftAndLax({ category: 'rural', criteria: [] })).toMatchObject({
      softAndLax: false,
      mayPostponeElection: false,
    });
  });

  it('key flags call for key rectification of rural and community orgs only', () => {
    expect(
      assessSoftAndLax({
        category: 'street_community',
        criteria: ['term_overdue'],
        keyFlags: ['vote_buying'],
      }),
    ).toMatchObject({ keyRectification: true, mayPostponeElection: false });
    expect(
      assessSoftAndLax({ category: 'soe', criteria: ['term_overdue'], keyFlags: ['vote_buying'] })
        .keyRectification,
    ).toBe(false);
  });

  it('rejects unknown and repeated criteria', () => {
    expect(
      errorOf(() => assessSoftAndLax({ category: 'rural', criteria: ['lazy' as 'term_overdue'] })),
    ).toBe('UNKNOWN_VALUE:criteria[0]');
    expect(
      errorOf(() =>
        assessSoftAndLax({ category: 'rural', criteria: ['term_overdue', 'term_overdue'] }),
      ),
    ).toBe('INVALID_INPUT:criteria[1]');
  });
});

describe('yearly quotas (000 §3; 003 §2)', () => {
  it('maps field categories to quota groups', () => {
    expect([
      quotaGroupOf('rural'),
      quotaGroupOf('street_community'),
      quotaGroupOf('school'),
    ]).toEqual(['village', 'community', 'other']);
  });

  it('"at least 10 % / 5 %" rounds up: 25 villages → 3, 40 communities → 2, 7 others → 1', () => {
    const r = computeRectificationQuota(
      {
        orgCounts: { village: 25, community: 40, other: 7 },
        listed: { village: 3, community: 1, other: 1 },
      },
      yueyang,
    );
    expect(r.lines.map((l) => l.rounding)).toEqual(['ceil', 'ceil', 'ceil']);
    expect(r.lines.map((l) => [l.group, l.percent, l.required, l.shortfall, l.met])).toEqual([
      ['village', 10, 3, 0, true],
      ['community', 5, 2, 1, false],
      ['other', 5, 1, 0, true],
    ]);
    expect(r.policyVersion).toBe(yueyang.version);
  });

  it('zero organisations need zero listed; without a list, only the requirement is given', () => {
    const r = computeRectificationQuota(
      { orgCounts: { village: 0, community: 0, other: 0 } },
      yueyang,
    );
    expect(r.lines.map((l) => [l.required, l.listed, l.met])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
    ]);
  });

  it('Dongguan "about 10 %" of villages and communities rounds half-up: 25 → 3, 24 → 2', () => {
    expect(
      computeRectificationQuota(
        { orgCounts: { village: 25, community: 24, other: 7 } },
        dongguan,
      ).lines.map((l) => [l.required, l.rounding]),
    ).toEqual([
      [3, 'round'],
      [2, 'round'],
      [1, 'ceil'],
    ]);
  });

  it('each group keeps its own rounding: Dongguan’s half-up does not reach other fields, where “at least 5 %” of 29 is 2', () => {
    const r = computeRectificationQuota(
      { orgCounts: { village: 0, community: 0, other: 29 } },
      dongguan,
    );
    expect(r.lines[2]).toMatchObject({ group: 'other', percent: 5, rounding: 'ceil', required: 2 });
    expect(r.basis.find((b) => b.key === 'rectQuotaOtherRounding')?.source).toBe(
      '岳阳市委组织部2015年基层党建通知 第三部分',
    );
  });

  it('conversion ≥ 90 % (Dongguan): 9 of 10 meets it, 8 of 9 does not; the default sets no target', () => {
    expect(checkRectificationConversion({ listed: 10, converted: 9 }, dongguan)).toMatchObject({
      applicable: true,
      required: 9,
      met: true,
    });
    const r = checkRectificationConversion({ listed: 9, converted: 8 }, dongguan);
    expect([r.met, r.required, r.rate.percent]).toEqual([false, 9, 88.89]);
    expect(checkRectificationConversion({ listed: 9, converted: 8 }, yueyang)).toMatchObject({
      applicable: false,
      met: null,
      required: null,
    });
    expect(errorOf(() => checkRectificationConversion({ listed: 2, converted: 3 }, dongguan))).toBe(
      'INVALID_INPUT:converted',
    );
  });
});

const confirmation = (on: string) => ({
  confirmedBy: '村党支部书记 张三',
  confirmedOn: on,
  method: 'mass_meeting' as const,
  evidence: '党员群众大会记录',
});
function sampleCase(overrides: Partial<RectificationCaseInput> = {}): RectificationCaseInput {
  return {
    id: 'case-1',
    orgId: 'org-1',
    orgName: '某村党支部',
    year: 2015,
    category: 'rural',
    criteria: ['team_disunited'],
    plan: {
      problems: [
        {
          id: 'p1',
          description: '班子不团结',
          measures: ['调整班子分工'],
          goal: '班子团结',
          deadline: '2015-04-30',
          responsiblePerson: '张三',
        },
        {
          id: 'p2',
          description: '村务公开不及时',
          measures: ['每月公开'],
          goal: '按月公开',
          deadline: '2015-06-30',
          responsiblePerson: '李四',
        },
      ],
      workTeam: { leader: '王五', members: ['赵六'] },
      leadingCadre: { name: '刘书记', post: '镇党委书记' },
    },
    ...overrides,
  };
}

describe('one org, one plan (002 §2)', () => {
  it('a plan needs problems, each with measures, goal, deadline and a responsible person, a work team and a leading cadre', () => {
    expect(parseRectificationCase(sampleCase()).plan.problems).toHaveLength(2);
    const c = sampleCase();
    expect(errorOf(() => parseRectificationCase({ ...c, plan: { ...c.plan, problems: [] } }))).toBe(
      'EMPTY_INPUT:plan.problems',
    );
    const noMeasures = { ...c.plan, problems: [{ ...c.plan.problems[0], measures: [] }] };
    expect(errorOf(() => parseRectificationCase({ ...c, plan: noMeasures as never }))).toBe(
      'EMPTY_INPUT:plan.problems[0].measures',
    );
    const noOwner = { ...c.plan, problems: [{ ...c.plan.problems[0], responsiblePerson: '' }] };
    expect(errorOf(() => parseRectificationCase({ ...c, plan: noOwner as never }))).toBe(
      'INVALID_INPUT:plan.problems[0].responsiblePerson',
    );
    const badDeadline = {
      ...c.plan,
      problems: [{ ...c.plan.problems[0], deadline: '2015-02-30' }],
    };
    expect(errorOf(() => parseRectificationCase({ ...c, plan: badDeadline as never }))).toBe(
      'INVALID_INPUT:plan.problems[0].deadline',
    );
    const dup = { ...c.plan, problems: [c.plan.problems[0], c.plan.problems[0]] };
    expect(errorOf(() => parseRectificationCase({ ...c, plan: dup as never }))).toBe(
      'INVALID_INPUT:plan.problems[1].id',
    );
    expect(
      errorOf(() =>
        parseRectificationCase({
          ...c,
          plan: { ...c.plan, leadingCadre: { name: '', post: 'x' } },
        }),
      ),
    ).toBe('INVALID_INPUT:plan.leadingCadre.name');
    expect(errorOf(() => parseRectificationCase({ ...c, criteria: [] }))).toBe(
      'EMPTY_INPUT:criteria',
    );
  });

  it('only a rural (village) org may postpone its election', () => {
    expect(parseRectificationCase(sampleCase({ electionPostponed: true })).electionPostponed).toBe(
      true,
    );
    expect(
      errorOf(() =>
        parseRectificationCase(
          sampleCase({ category: 'street_community', electionPostponed: true }),
        ),
      ),
    ).toBe('RULE_VIOLATION:electionPostponed');
  });
});

describe('ledger close-out (000 §1): 群众认可一件、销号一件', () => {
  it('closes an item with a recorded public confirmation, without changing the input', () => {
    const input = sampleCase();
    const closed = closeRectificationItem(input, 'p1', {
      closedOn: '2015-04-20',
      publicConfirmation: confirmation('2015-04-18'),
    });
    expect(closed.plan.problems[0]?.closure?.publicConfirmation.method).toBe('mass_meeting');
    expect(closed.plan.problems[1]?.closure).toBeNull();
    expect(input.plan.problems[0]).not.toHaveProperty('closure');
  });

  it('refuses to close without confirmation, with a confirmation dated after closing, twice, or an unknown item', () => {
    expect(
      errorOf(() => closeRectificationItem(sampleCase(), 'p1', { closedOn: '2015-04-20' })),
    ).toBe('INVALID_INPUT:closure.publicConfirmation');
    expect(
      errorOf(() =>
        closeRectificationItem(sampleCase(), 'p1', {
          closedOn: '2015-04-20',
          publicConfirmation: confirmation('2015-04-21'),
        }),
      ),
    ).toBe('INVALID_INPUT:closure.publicConfirmation.confirmedOn');
    expect(
      errorOf(() =>
        closeRectificationItem(sampleCase(), 'p1', {
          closedOn: '2015-04-20',
          publicConfirmation: { ...confirmation('2015-04-20'), evidence: ' ' },
        }),
      ),
    ).toBe('INVALID_INPUT:closure.publicConfirmation.evidence');
    const once = closeRectificationItem(sampleCase(), 'p1', {
      closedOn: '2015-04-20',
      publicConfirmation: confirmation('2015-04-20'),
    });
    expect(
      errorOf(() =>
        closeRectificationItem(once, 'p1', {
          closedOn: '2015-04-21',
          publicConfirmation: confirmation('2015-04-21'),
        }),
      ),
    ).toBe('RULE_VIOLATION:plan.problems[0].closure');
    expect(errorOf(() => closeRectificationItem(sampleCase(), 'p9', {}))).toBe(
      'UNKNOWN_VALUE:problemId',
    );
  });

  it('overdue items given an asOf date: open items past their deadline; due today is not overdue', () => {
    expect(overdueRectificationItems(sampleCase(), '2015-04-30')).toEqual([]);
    expect(overdueRectificationItems(sampleCase(), '2015-05-01')).toEqual([
      { problemId: 'p1', deadline: '2015-04-30', daysOverdue: 1 },
    ]);
    const closed = closeRectificationItem(sampleCase(), 'p1', {
      closedOn: '2015-05-10',
      publicConfirmation: confirmation('2015-05-10'),
    });
    expect(
      overdueRectificationItems(closed, '2016-01-01').map((i) => [i.problemId, i.daysOverdue]),
    ).toEqual([['p2', 185]]);
    expect(errorOf(() => overdueRectificationItems(sampleCase(), '2015/05/01'))).toBe(
      'INVALID_INPUT:asOf',
    );
  });
});

describe('acceptance by county/township (002 §5) and progress', () => {
  const closedAll = () => {
    const one = closeRectificationItem(sampleCase(), 'p1', {
      closedOn: '2015-04-20',
      publicConfirmation: confirmation('2015-04-20'),
    });
    return closeRectificationItem(one, 'p2', {
      closedOn: '2015-06-20',
      publicConfirmation: confirmation('2015-06-19'),
    });
  };
  const acceptance = {
    by: 'county',
    acceptedOn: '2015-07-01',
    passed: true,
    publicOpinionHeard: true,
  };

  it('the status follows the acceptance when there is one, else whether items are open', () => {
    expect(rectificationCaseStatus({ passed: true }, 3)).toBe('accepted');
    expect(rectificationCaseStatus({ passed: false }, 0)).toBe('failed_acceptance');
    expect(rectificationCaseStatus(null, 0)).toBe('ready_for_acceptance');
    expect(rectificationCaseStatus(null, 1)).toBe('in_progress');
  });

  it('progress moves from in progress to ready for acceptance to accepted', () => {
    expect(rectificationCaseProgress(sampleCase(), '2015-05-01')).toMatchObject({
      status: 'in_progress',
      openItems: 2,
      closedItems: 0,
    });
    expect(rectificationCaseProgress(closedAll(), '2015-07-01')).toMatchObject({
      status: 'ready_for_acceptance',
      openItems: 0,
      overdueItems: [],
    });
    expect(
      rectificationCaseProgress(acceptRectificationCase(closedAll(), acceptance), '2015-07-01')
        .status,
    ).toBe('accepted');
    expect(
      rectificationCaseProgress(
        acceptRectificationCase(closedAll(), { ...acceptance, passed: false }),
        '2015-07-01',
      ).status,
    ).toBe('failed_acceptance');
  });

  it('cannot accept with an open item, before the last close-out, or pass without hearing the public', () => {
    expect(errorOf(() => acceptRectificationCase(sampleCase(), acceptance))).toBe(
      'RULE_VIOLATION:plan.problems[0].closure',
    );
    expect(
      errorOf(() =>
        acceptRectificationCase(closedAll(), { ...acceptance, acceptedOn: '2015-06-01' }),
      ),
    ).toBe('RULE_VIOLATION:acceptance.acceptedOn');
    expect(
      errorOf(() =>
        acceptRectificationCase(closedAll(), { ...acceptance, publicOpinionHeard: false }),
      ),
    ).toBe('RULE_VIOLATION:acceptance.publicOpinionHeard');
    expect(errorOf(() => acceptRectificationCase(closedAll(), { ...acceptance, by: 'city' }))).toBe(
      'UNKNOWN_VALUE:acceptance.by',
    );
  });
});

describe('carry-over (000 §3 回头看)', () => {
  it("last year's cases not accepted as passed move into this year; passed ones and older years do not", () => {
    const passed = acceptRectificationCase(
      closeRectificationItem(
        closeRectificationItem(sampleCase({ id: 'done' }), 'p1', {
          closedOn: '2014-04-20',
          publicConfirmation: confirmation('2014-04-20'),
        }),
        'p2',
        { closedOn: '2014-06-20', publicConfirmation: confirmation('2014-06-20') },
      ),
      { by: 'township', acceptedOn: '2014-07-01', passed: true, publicOpinionHeard: true },
    );
    const cases = [
      sampleCase({ id: 'open', year: 2014 }),
      { ...passed, year: 2014 },
      sampleCase({ id: 'old', year: 2013 }),
      sampleCase({ id: 'again', year: 2014, carriedOverFrom: 2013 }),
    ];
    const carried = carryOverCases(cases, 2015);
    expect(carried.map((c) => [c.id, c.year, c.carriedOverFrom, c.acceptance])).toEqual([
      ['open', 2015, 2014, null],
      ['again', 2015, 2013, null],
    ]);
  });
});

describe('附件1 汇总表 (002 附件1)', () => {
  const rows: SummaryRow[] = [
    { filingUnit: '娄星区', category: 'rural', orgKind: 'committee', criteria: [] },
    {
      filingUnit: '娄星区',
      category: 'rural',
      orgKind: 'general_branch',
      criteria: ['team_incomplete', 'term_overdue'],
    },
    { filingUnit: '娄星区', category: 'rural', orgKind: 'branch', criteria: ['term_overdue'] },
    { filingUnit: '娄星区', category: 'rural', orgKind: 'branch', criteria: [] },
    { filingUnit: '娄星区', category: 'rural', orgKind: 'branch', criteria: ['weak_service'] },
    { filingUnit: '娄星区', category: 'rural', orgKind: 'branch', criteria: [] },
    { filingUnit: '双峰县', category: 'street_community', orgKind: 'branch', criteria: [] },
    {
      filingUnit: '娄星区',
      category: 'street_community',
      orgKind: 'branch',
      criteria: ['rules_on_paper'],
    },
  ];

  it('counts orgs by kind and criteria, with % of the unit’s orgs and % of the soft-and-lax total', () => {
    const tables = summarizeSoftAndLax({ rows });
    expect(tables.map((t) => [t.filingUnit, t.category])).toEqual([
      ['双峰县', 'street_community'],
      ['娄星区', 'rural'],
      ['娄星区', 'street_community'],
    ]);
    const rural = tables[1];
    expect(rural?.totalOrgs).toBe(6);
    expect(rural?.categoryLabel).toBe('农村');
    expect(rural?.byKind.map((k) => [k.label, k.count, k.ofOrgs.percent])).toEqual([
      ['党委', 1, 16.67],
      ['党总支', 1, 16.67],
      ['党支部', 4, 66.67],
    ]);
    // 3 of 6 orgs are soft and lax; criterion (4) is met by 2 of them: 33.33 % of orgs, 66.67 % of soft-and-lax
    expect(rural?.softAndLax).toEqual({
      count: 3,
      ofOrgs: { numerator: 3, denominator: 6, percent: 50 },
    });
    expect(
      rural?.criteria.map((c) => [c.number, c.count, c.ofOrgs.percent, c.ofSoftAndLax.percent]),
    ).toEqual([
      [1, 1, 16.67, 33.33],
      [2, 0, 0, 0],
      [3, 0, 0, 0],
      [4, 2, 33.33, 66.67],
      [5, 0, 0, 0],
      [6, 1, 16.67, 33.33],
    ]);
  });

  it('a unit with no soft-and-lax org shows "——" (null) for % of the soft-and-lax total', () => {
    const t = summarizeSoftAndLax({ rows })[0];
    expect(t?.softAndLax.count).toBe(0);
    expect(t?.criteria.length).toBeGreaterThan(0);
    expect(
      t?.criteria.every((c) => c.ofSoftAndLax.percent === null && c.ofOrgs.percent === 0),
    ).toBe(true);
  });

  it('zero organisations: an included empty table has nulls everywhere; no rows gives no tables', () => {
    const [t] = summarizeSoftAndLax({
      rows: [],
      include: [{ filingUnit: '新化县', category: 'school' }],
    });
    expect(t?.totalOrgs).toBe(0);
    expect(t?.byKind.length).toBeGreaterThan(0);
    expect(t?.byKind.every((k) => k.ofOrgs.percent === null)).toBe(true);
    expect(summarizeSoftAndLax({ rows: [] })).toEqual([]);
  });

  it('rejects a row without a filing unit or with an unknown kind', () => {
    expect(
      errorOf(() =>
        summarizeSoftAndLax({ rows: [{ filingUnit: '', category: 'rural', orgKind: 'branch' }] }),
      ),
    ).toBe('INVALID_INPUT:rows[0].filingUnit');
    expect(
      errorOf(() =>
        summarizeSoftAndLax({
          rows: [{ filingUnit: 'x', category: 'rural', orgKind: 'cell' as 'branch' }],
        }),
      ),
    ).toBe('UNKNOWN_VALUE:rows[0].orgKind');
  });
});

describe('附件3 换届选举难点村 (002)', () => {
  it('lists a rural org whose election is postponed, long overdue, or troubled by vote-buying; never a non-rural org', () => {
    const base = { category: 'rural' as const, criteria: ['weak_service' as const] };
    expect(isElectionDifficultVillage(base)).toBe(false);
    expect(isElectionDifficultVillage({ ...base, electionPostponed: true })).toBe(true);
    expect(isElectionDifficultVillage({ ...base, criteria: ['term_overdue'] })).toBe(true);
    expect(isElectionDifficultVillage({ ...base, keyFlags: ['vote_buying'] })).toBe(true);
    expect(isElectionDifficultVillage({ ...base, keyFlags: ['disclosure_chaos'] })).toBe(false);
    expect(
      isElectionDifficultVillage({
        category: 'street_community',
        criteria: ['term_overdue'],
        keyFlags: ['vote_buying'],
      }),
    ).toBe(false);
  });
});

describe('public confirmation before close-out (000 §1)', () => {
  it('refuses a close-out with no confirmation at all in plain Chinese, and one without who confirmed', () => {
    expect(() => closeRectificationItem(sampleCase(), 'p1', { closedOn: '2015-04-20' })).toThrow(
      PUBLIC_CONFIRMATION_REQUIRED,
    );
    expect(
      errorOf(() =>
        closeRectificationItem(sampleCase(), 'p1', {
          closedOn: '2015-04-20',
          publicConfirmation: { ...confirmation('2015-04-20'), confirmedBy: ' ' },
        }),
      ),
    ).toBe('INVALID_INPUT:closure.publicConfirmation.confirmedBy');
  });
});

describe('corrections to a saved plan (issue 16)', () => {
  it('a case accepted as passed, withdrawn or carried into a later year is not corrected', () => {
    const live = { accepted: false, withdrawn: false, carriedInto: null };
    expect(() => assertCaseCorrectable(live)).not.toThrow();
    expect(() => assertCaseCorrectable({ ...live, accepted: true })).toThrow('已验收通过');
    expect(() => assertCaseCorrectable({ ...live, withdrawn: true })).toThrow('已撤销');
    expect(() => assertCaseCorrectable({ ...live, carriedInto: 2027 })).toThrow('已结转至 2027 年');
  });

  it('a problem closed on public confirmation stays as confirmed; an open one can be corrected', () => {
    expect(() => assertProblemCorrectable({ closed: false, withdrawn: false })).not.toThrow();
    expect(() => assertProblemCorrectable({ closed: true, withdrawn: false })).toThrow(
      '群众认可一件、销号一件',
    );
    expect(() => assertProblemCorrectable({ closed: false, withdrawn: true })).toThrow('已撤销');
  });

  it('the last problem of a plan is not withdrawn: the case is withdrawn instead', () => {
    expect(() => assertProblemWithdrawable(2)).not.toThrow();
    expect(() => assertProblemWithdrawable(1)).toThrow('请撤销整顿对象');
  });

  it('a reason is required', () => {
    expect(() => parseInput(correctionReasonSchema, '  ')).toThrow('请写明更正或撤销的原因');
    expect(parseInput(correctionReasonSchema, ' 录入错误 ')).toBe('录入错误');
  });

  it('a correction keeps the previous values of exactly the fields it changes, and must change one', () => {
    const current = { goal: '旧目标', measures: ['a', 'b'], deadline: '2026-06-30' };
    expect(
      correctionDiff(current, { goal: '新目标', measures: ['a', 'b'], deadline: undefined }),
    ).toEqual({ before: { goal: '旧目标' }, after: { goal: '新目标' } });
    expect(() => correctionDiff(current, { measures: ['a', 'b'] })).toThrow('没有需要更正的内容');
  });
});

describe('the year’s rectification quota is met (000 §3)', () => {
  it('only when no group falls short; a group with an unknown listed count does not fail it', () => {
    const counts = { village: 20, community: 20, other: 20 };
    const enough = computeRectificationQuota(
      { orgCounts: counts, listed: { village: 2, community: 1, other: 1 } },
      yueyang,
    );
    const short = computeRectificationQuota(
      { orgCounts: counts, listed: { village: 1, community: 1, other: 1 } },
      yueyang,
    );
    expect(rectificationQuotaMet(enough)).toBe(true);
    expect(rectificationQuotaMet(short)).toBe(false);
    expect(rectificationQuotaMet(computeRectificationQuota({ orgCounts: counts }, yueyang))).toBe(
      true,
    );
  });
});
