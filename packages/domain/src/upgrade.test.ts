import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import type { Grade } from './orgs';
import { DISPATCH_MODES, resolvePolicy } from './policy';
import {
  computeUpgradeTargets,
  DISPATCH_KINDS,
  dispatchFor,
  dispatchSentence,
  gradeMovement,
  gradeMovementCounts,
  healthCheckEligibility,
  isEligibleForHonours,
  parseDispatchRecord,
  planDispatch,
  sanctionList,
  upgradeTargetsFromCounts,
  upgradeTargetsSentence,
} from './upgrade';
import type { GradedOrg } from './upgrade';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const policy = resolvePolicy([], '430700000000', 2012);
const orgs = (prefix: string, last: Grade, moves: Grade[]): GradedOrg[] =>
  moves.map((g, i) => ({ orgId: `${prefix}${i}`, lastYearGrade: last, thisYearGrade: g }));
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('grade movement', () => {
  it('up means a better grade, down a worse one', () => {
    expect([
      gradeMovement('poor', 'average'),
      gradeMovement('fair', 'fair'),
      gradeMovement('good', 'poor'),
    ]).toEqual(['up', 'same', 'down']);
  });
});

describe('upgrade targets (001 §9): 较差 ≥90 %, 一般 ≥20 %, 较好 ≥10 % upgraded; 好 100 % retained', () => {
  it('meets every target exactly at the threshold', () => {
    const r = computeUpgradeTargets(
      {
        orgs: [
          ...orgs('p', 'poor', [...repeat<Grade>(8, 'average'), 'good', 'poor']), // 9 of 10 up
          ...orgs('a', 'average', ['fair', ...repeat<Grade>(4, 'average')]), // 1 of 5 up
          ...orgs('f', 'fair', ['good', ...repeat<Grade>(9, 'fair')]), // 1 of 10 up
          ...orgs('g', 'good', ['good', 'good']),
        ],
      },
      policy,
    );
    expect(
      r.lines.map((l) => [l.grade, l.measure, l.orgCount, l.achieved, l.required, l.met]),
    ).toEqual([
      ['good', 'retain', 2, 2, 2, true],
      ['fair', 'upgrade', 10, 1, 1, true],
      ['average', 'upgrade', 5, 1, 1, true],
      ['poor', 'upgrade', 10, 9, 9, true],
    ]);
    expect(r.basis.map((b) => b.source)).toEqual(Array(4).fill('常委〔2012〕5号 第九条'));
  });

  it('falls short by one org, and a 较好 org moving down is not an upgrade', () => {
    const r = computeUpgradeTargets(
      {
        orgs: [
          ...orgs('p', 'poor', [...repeat<Grade>(8, 'average'), 'poor', 'poor']),
          ...orgs('f', 'fair', ['average', ...repeat<Grade>(9, 'fair')]),
          ...orgs('g', 'good', ['good', 'good', 'fair']),
        ],
      },
      policy,
    );
    const line = (g: Grade) => r.lines.find((l) => l.grade === g);
    expect([line('poor')?.met, line('poor')?.rate.percent]).toEqual([false, 80]);
    expect(line('fair')?.met).toBe(false);
    expect([line('good')?.met, line('good')?.rate.percent]).toEqual([false, 66.67]);
    expect([line('average')?.met, line('average')?.rate.percent]).toEqual([null, null]);
  });

  it('a quota that rounds: 7 较差 orgs need ⌈6.3⌉ = 7 upgraded', () => {
    const r = computeUpgradeTargets(
      { orgs: orgs('p', 'poor', [...repeat<Grade>(6, 'average'), 'poor']) },
      policy,
    );
    expect(r.lines.find((l) => l.grade === 'poor')).toMatchObject({
      required: 7,
      achieved: 6,
      met: false,
    });
  });

  it('rejects a duplicate org and an unknown grade', () => {
    expect(
      errorOf(() =>
        computeUpgradeTargets(
          { orgs: [...orgs('x', 'poor', ['poor']), ...orgs('x', 'poor', ['poor'])] },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:orgs[1].orgId');
    expect(
      errorOf(() =>
        computeUpgradeTargets(
          { orgs: [{ orgId: 'a', lastYearGrade: 'bad' as Grade, thisYearGrade: 'poor' }] },
          policy,
        ),
      ),
    ).toBe('UNKNOWN_VALUE:orgs[0].lastYearGrade');
  });

  it('the movement table gives the same lines as the org list, and split tables add up', () => {
    const list = [
      ...orgs('p', 'poor', [...repeat<Grade>(8, 'average'), 'good', 'poor']),
      ...orgs('a', 'average', ['fair', 'poor', ...repeat<Grade>(3, 'average')]),
      ...orgs('f', 'fair', ['good', 'average', ...repeat<Grade>(8, 'fair')]),
      ...orgs('g', 'good', ['good', 'fair']),
    ];
    const table = gradeMovementCounts({ orgs: list });
    expect(table.find((c) => c.lastYearGrade === 'poor' && c.thisYearGrade === 'average')).toEqual({
      lastYearGrade: 'poor',
      thisYearGrade: 'average',
      count: 8,
    });
    const fromList = computeUpgradeTargets({ orgs: list }, policy);
    expect(upgradeTargetsFromCounts({ movements: table }, policy)).toEqual(fromList);
    const halves = [
      ...gradeMovementCounts({ orgs: list.slice(0, 13) }),
      ...gradeMovementCounts({ orgs: list.slice(13) }),
    ];
    expect(upgradeTargetsFromCounts({ movements: halves }, policy)).toEqual(fromList);
    expect(
      upgradeTargetsFromCounts({ movements: [] }, policy).lines.map((l) => [l.orgCount, l.met]),
    ).toEqual(Array(4).fill([0, null]));
  });

  it('rejects a negative count in the movement table', () => {
    expect(
      errorOf(() =>
        upgradeTargetsFromCounts(
          { movements: [{ lastYearGrade: 'poor', thisYearGrade: 'fair', count: -1 }] },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:movements[0].count');
  });
});

describe('sanction list (001 §9)', () => {
  it('lists the secretary and dispatched cadres of 一般/较差 orgs not moved up and 好/较好 orgs moved down', () => {
    const list = sanctionList({
      orgs: [
        {
          orgId: 'A',
          lastYearGrade: 'average',
          thisYearGrade: 'average',
          secretaryId: 's1',
          dispatchedCadreIds: ['c1'],
        },
        { orgId: 'B', lastYearGrade: 'good', thisYearGrade: 'fair', secretaryId: 's2' },
        { orgId: 'C', lastYearGrade: 'fair', thisYearGrade: 'fair', secretaryId: 's3' },
        {
          orgId: 'D',
          lastYearGrade: 'poor',
          thisYearGrade: 'average',
          secretaryId: 's4',
          dispatchedCadreIds: ['c4'],
        },
        { orgId: 'E', lastYearGrade: 'good', thisYearGrade: 'good', secretaryId: 's5' },
        {
          orgId: 'F',
          lastYearGrade: 'poor',
          thisYearGrade: 'poor',
          secretaryId: null,
          dispatchedCadreIds: ['c6'],
        },
      ],
    });
    expect(list.map((e) => [e.personId, e.role, e.orgId, e.reason])).toEqual([
      ['s1', 'secretary', 'A', 'not_upgraded'],
      ['c1', 'dispatched_cadre', 'A', 'not_upgraded'],
      ['s2', 'secretary', 'B', 'downgraded'],
      ['c6', 'dispatched_cadre', 'F', 'not_upgraded'],
    ]);
  });
});

describe('dispatch by grade (001 §9)', () => {
  it('较差 → work team, 一般 → first secretary, 较好 → township contact, 好 → none', () => {
    expect(
      (['poor', 'average', 'fair', 'good'] as Grade[]).map((g) => dispatchFor(g, policy)),
    ).toEqual(['work_team', 'first_secretary', 'township_contact', 'none']);
    expect(errorOf(() => dispatchFor('great' as Grade, policy))).toBe('UNKNOWN_VALUE:grade');
  });

  it('a region that sends 一般 orgs a work team too is checked against its own rule', () => {
    const own = resolvePolicy(
      [
        {
          id: 'wuling-dispatch',
          version: 1,
          name: '武陵区选派办法',
          regionCode: '430702000000',
          fromYear: 2012,
          toYear: null,
          parameters: {
            dispatchForAverage: {
              value: 'work_team',
              source: { seed: null, document: '武组发〔2012〕9号', section: '§2' },
            },
          },
        },
      ],
      '430702000000',
      2012,
    );
    expect(dispatchFor('average', own)).toBe('work_team');
    const r = planDispatch(
      {
        orgs: [
          {
            orgId: 'A',
            grade: 'average',
            dispatched: [{ kind: 'first_secretary', firstSecretary: true }],
          },
        ],
      },
      own,
    );
    expect(r.checks.map((c) => [c.needs, c.status])).toEqual([['work_team', 'wrong_kind']]);
    expect(dispatchSentence(own).citation).toContain('武组发〔2012〕9号');
  });

  it("the kinds that can be sent are exactly the policy's dispatch modes other than 'none'; a region sending 较好 orgs nobody checks none of them", () => {
    expect([...DISPATCH_KINDS]).toEqual(DISPATCH_MODES.filter((m) => m !== 'none'));
    const none = resolvePolicy(
      [
        {
          id: 'no-contact',
          version: 1,
          name: '不派联系干部',
          regionCode: '430702000000',
          fromYear: 2012,
          toYear: null,
          parameters: {
            dispatchForFair: {
              value: 'none',
              source: { seed: null, document: '武组发〔2012〕10号', section: '§1' },
            },
          },
        },
      ],
      '430702000000',
      2012,
    );
    const r = planDispatch(
      {
        orgs: [
          { orgId: 'F', grade: 'fair' },
          { orgId: 'P', grade: 'poor' },
        ],
      },
      none,
    );
    expect(r.checks.map((c) => c.orgId)).toEqual(['P']);
    expect(r.needed.township_contact).toBe(0);
    expect(dispatchSentence(none).text).toContain('“较好”类：不选派');
  });

  it("Changde's totals: 300 较差, 1,000 一般 and 1,500 较好 orgs need 300 teams, 1,000 first secretaries, 1,500 contacts", () => {
    const grades: Grade[] = [
      ...repeat<Grade>(300, 'poor'),
      ...repeat<Grade>(1000, 'average'),
      ...repeat<Grade>(1500, 'fair'),
      ...repeat<Grade>(10, 'good'),
    ];
    const list = grades.map((grade, i) => ({ orgId: `o${i}`, grade }));
    const r = planDispatch({ orgs: list }, policy);
    expect(r.needed).toEqual({
      work_team: 300,
      first_secretary: 1000,
      township_contact: 1500,
    });
    expect(r.checks).toHaveLength(2800);
    expect(r.basis.map((b) => b.source)).toEqual(Array(3).fill('常委〔2012〕5号 第九条'));
  });

  it('each org needing a dispatch is met, missing, of the wrong kind, or a work team without a leader serving as first secretary', () => {
    const r = planDispatch(
      {
        orgs: [
          {
            orgId: 'A',
            grade: 'poor',
            dispatched: [
              { kind: 'work_team', leader: true, firstSecretary: true },
              { kind: 'work_team' },
            ],
          },
          { orgId: 'B', grade: 'poor', dispatched: [{ kind: 'work_team' }] },
          { orgId: 'C', grade: 'average', dispatched: [{ kind: 'township_contact' }] },
          { orgId: 'D', grade: 'fair', dispatched: [{ kind: 'township_contact' }] },
          { orgId: 'E', grade: 'average' },
          { orgId: 'F', grade: 'good' },
        ],
      },
      policy,
    );
    expect(r.checks.map((m) => [m.orgId, m.status])).toEqual([
      ['A', 'met'],
      ['B', 'no_leader'],
      ['C', 'wrong_kind'],
      ['D', 'met'],
      ['E', 'missing'],
    ]);
  });

  it('a dispatch record: a work team leader must serve as first secretary, a first secretary is one, only a team has a leader, dates fall in the year', () => {
    const base = {
      orgId: '1',
      year: 2026,
      kind: 'work_team' as const,
      cadreName: '张三',
      unit: '市委组织部',
      fromDate: '2026-03-01',
    };
    expect(parseDispatchRecord({ ...base, leader: true, firstSecretary: true })).toMatchObject({
      leader: true,
      toDate: null,
      post: null,
    });
    expect(errorOf(() => parseDispatchRecord({ ...base, leader: true }))).toBe(
      'INVALID_INPUT:firstSecretary',
    );
    expect(errorOf(() => parseDispatchRecord({ ...base, kind: 'first_secretary' }))).toBe(
      'INVALID_INPUT:firstSecretary',
    );
    expect(
      errorOf(() => parseDispatchRecord({ ...base, kind: 'township_contact', leader: true })),
    ).toBe('INVALID_INPUT:leader');
    expect(errorOf(() => parseDispatchRecord({ ...base, fromDate: '2027-01-01' }))).toBe(
      'INVALID_INPUT:fromDate',
    );
    expect(errorOf(() => parseDispatchRecord({ ...base, toDate: '2026-02-01' }))).toBe(
      'INVALID_INPUT:toDate',
    );
    expect(errorOf(() => parseDispatchRecord({ ...base, cadreName: ' ' }))).toBe(
      'INVALID_INPUT:cadreName',
    );
  });
});

describe('rule sentences read the policy in force', () => {
  it("常德's targets read 90 / 20 / 10 / 100 % and cite 常委〔2012〕5号 第九条", () => {
    const s = upgradeTargetsSentence(policy);
    expect(s.text).toContain('“较差”类党组织晋位升级率达到 90% 以上');
    expect(s.text).toContain('“好”类巩固率达到 100%');
    expect(s.citation).toBe('常委〔2012〕5号 第九条');
    expect(dispatchSentence(policy).text).toContain('县以上机关工作组（组长任第一书记）');
  });

  it('a regional override changes the number and the citation', () => {
    const own = resolvePolicy(
      [
        {
          id: 'wuling-upgrade',
          version: 1,
          name: '武陵区晋位升级目标',
          regionCode: '430702000000',
          fromYear: 2012,
          toYear: null,
          parameters: {
            upgradeTargetPoorPct: {
              value: 95,
              source: { seed: null, document: '武组发〔2012〕8号', section: '§3' },
            },
          },
        },
      ],
      '430702000000',
      2012,
    );
    const s = upgradeTargetsSentence(own);
    expect(s.text).toContain('“较差”类党组织晋位升级率达到 95% 以上');
    expect(s.citation).toBe('武组发〔2012〕8号 §3；常委〔2012〕5号 第九条');
  });
});

describe('honours only from 好 orgs (001 §7, §21)', () => {
  it('好 is eligible, 较好 is not, a sanctioned 好 secretary is not', () => {
    expect([
      isEligibleForHonours('good', policy),
      isEligibleForHonours('fair', policy),
      isEligibleForHonours('good', policy, true),
    ]).toEqual([true, false, false]);
  });
});

describe('health check-up (001 §20): ≥6 consecutive years in office and ≥2 years graded 好', () => {
  const grades = [
    { year: 2008, grade: 'good' as const },
    { year: 2012, grade: 'good' as const },
    { year: 2014, grade: 'good' as const },
  ];
  it('the sixth anniversary decides; years graded before the tenure do not count', () => {
    expect(
      healthCheckEligibility({ inOfficeSince: '2009-03-15', asOf: '2015-03-14', grades }, policy),
    ).toMatchObject({ eligible: false, consecutiveYears: 5, goodYears: 2 });
    expect(
      healthCheckEligibility({ inOfficeSince: '2009-03-15', asOf: '2015-03-15', grades }, policy),
    ).toMatchObject({ eligible: true, consecutiveYears: 6 });
    expect(
      healthCheckEligibility(
        { inOfficeSince: '2009-03-15', asOf: '2016-01-01', grades: grades.slice(0, 2) },
        policy,
      ),
    ).toMatchObject({ eligible: false, goodYears: 1 });
  });
  it('a year listed twice counts once; an asOf before the start counts 0 years', () => {
    expect(
      healthCheckEligibility(
        {
          inOfficeSince: '2009-01-01',
          asOf: '2016-01-01',
          grades: [grades[1], grades[1]] as never,
        },
        policy,
      ).goodYears,
    ).toBe(1);
    expect(
      healthCheckEligibility({ inOfficeSince: '2009-01-01', asOf: '2008-01-01' }, policy)
        .consecutiveYears,
    ).toBe(0);
  });
});
