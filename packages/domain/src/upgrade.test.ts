import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import type { Grade } from './orgs';
import { resolvePolicy } from './policy';
import {
  computeUpgradeTargets,
  dispatchFor,
  gradeMovement,
  healthCheckEligibility,
  isEligibleForHonours,
  planDispatch,
  sanctionList,
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
    expect((['poor', 'average', 'fair', 'good'] as Grade[]).map(dispatchFor)).toEqual([
      'work_team',
      'first_secretary',
      'township_contact',
      null,
    ]);
    expect(errorOf(() => dispatchFor('great' as Grade))).toBe('UNKNOWN_VALUE:grade');
  });

  it("Changde's totals: 300 较差, 1,000 一般 and 1,500 较好 orgs need 300 teams, 1,000 first secretaries, 1,500 contacts", () => {
    const grades: Grade[] = [
      ...repeat<Grade>(300, 'poor'),
      ...repeat<Grade>(1000, 'average'),
      ...repeat<Grade>(1500, 'fair'),
      ...repeat<Grade>(10, 'good'),
    ];
    const list = grades.map((grade, i) => ({ orgId: `o${i}`, grade }));
    expect(planDispatch({ orgs: list }).needed).toEqual({
      work_team: 300,
      first_secretary: 1000,
      township_contact: 1500,
    });
  });

  it('flags missing dispatch and a work team whose leader is not first secretary', () => {
    const r = planDispatch({
      orgs: [
        {
          orgId: 'A',
          grade: 'poor',
          dispatched: [{ kind: 'work_team', leaderIsFirstSecretary: true }],
        },
        { orgId: 'B', grade: 'poor', dispatched: [{ kind: 'work_team' }] },
        { orgId: 'C', grade: 'average', dispatched: [{ kind: 'township_contact' }] },
        { orgId: 'D', grade: 'fair', dispatched: [{ kind: 'township_contact' }] },
      ],
    });
    expect(r.missing.map((m) => [m.orgId, m.problem])).toEqual([
      ['B', 'leader_not_first_secretary'],
      ['C', 'not_dispatched'],
    ]);
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
