import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { FORMATION_PROBLEM_LABELS, formationGaps, formationRequirement } from './formation';
import { resolvePolicy } from './policy';

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

describe('forming Party organisations (001 §2)', () => {
  it('≥50 employees: own org by year end, even with fewer than 3 members', () => {
    expect(
      formationRequirement({ id: 'e', employees: 50, members: 0 }, 2012, policy),
    ).toMatchObject({
      path: 'own_org_by_year_end',
      needsLeaderOrNewMembers: true,
      deadline: '2012-12-31',
    });
    expect(
      formationRequirement({ id: 'e', employees: 500, members: 3 }, 2012, policy),
    ).toMatchObject({ path: 'own_org_by_year_end', needsLeaderOrNewMembers: false });
  });
  it('smaller: 3 members → own org; 1-2 → joint org; none → instructor and union', () => {
    expect(formationRequirement({ id: 'e', employees: 49, members: 3 }, 2012, policy).path).toBe(
      'own_org',
    );
    expect(formationRequirement({ id: 'e', employees: 49, members: 2 }, 2012, policy).path).toBe(
      'joint_org',
    );
    expect(
      formationRequirement({ id: 'e', employees: 10, members: 0 }, 2012, policy),
    ).toMatchObject({ path: 'instructor_and_union', deadline: null });
  });
  it('rejects negative counts and bad years', () => {
    expect(
      errorOf(() => formationRequirement({ id: 'e', employees: -1, members: 0 }, 2012, policy)),
    ).toBe('INVALID_INPUT:employees');
    expect(
      errorOf(() => formationRequirement({ id: 'e', employees: 1, members: 0 }, 12.5, policy)),
    ).toBe('INVALID_INPUT:year');
  });

  it('gaps: overdue own org after year end, missing joint org or union, and not exactly one instructor', () => {
    const one = ['i'];
    const enterprises = [
      { id: 'big', employees: 60, members: 1, instructorIds: one },
      { id: 'small3', employees: 20, members: 3, instructorIds: one },
      { id: 'joint', employees: 20, members: 2, instructorIds: one },
      { id: 'none', employees: 5, members: 0, instructorIds: one },
      { id: 'noInstructor', employees: 5, members: 0, hasUnion: true },
      {
        id: 'twoInstructors',
        employees: 60,
        members: 5,
        hasOwnOrg: true,
        instructorIds: ['i', 'j'],
      },
      { id: 'fine', employees: 5, members: 2, inJointOrg: true, instructorIds: one },
    ];
    const before = formationGaps({ year: 2012, asOf: '2012-12-31', enterprises }, policy);
    expect(before.gaps.map((g) => [g.enterpriseId, g.problems])).toEqual([
      ['big', ['no_own_org']],
      ['small3', ['no_own_org']],
      ['joint', ['no_joint_org']],
      ['none', ['no_union']],
      ['noInstructor', ['instructor_count']],
      ['twoInstructors', ['instructor_count']],
    ]);
    const after = formationGaps(
      { year: 2012, asOf: '2013-01-01', enterprises: enterprises.slice(0, 1) },
      policy,
    );
    expect(after.gaps[0]?.problems).toEqual(['own_org_overdue']);
  });
});

describe('coverage gap labels (001 §2)', () => {
  it('a 60-employee enterprise with 2 members and no org, before year end, is a gap in plain words', () => {
    const { gaps } = formationGaps(
      {
        year: 2012,
        asOf: '2012-11-25',
        enterprises: [{ id: 'e60', employees: 60, members: 2, instructorIds: ['i'] }],
      },
      policy,
    );
    expect(gaps).toEqual([
      { enterpriseId: 'e60', path: 'own_org_by_year_end', problems: ['no_own_org'] },
    ]);
    expect(gaps[0]?.problems.map((p) => FORMATION_PROBLEM_LABELS[p])).toEqual(['未单独组建党组织']);
  });
});
