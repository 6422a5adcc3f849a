import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { MEMBER_POLICY_VALUES } from './member-policy';
import {
  branchMeetingCompliance,
  meetingComplianceFromCounts,
  meetingComplianceRollup,
  meetingPeriodBounds,
} from './meetings';
import type { BranchMeetingKind } from './meetings';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const v = MEMBER_POLICY_VALUES;

/** A full quarter of 三会一课: committee and group every month, one assembly and one lecture. */
function fullQuarter(year: number, q: number): { kind: BranchMeetingKind; heldOn: string }[] {
  const m = (i: number) => String((q - 1) * 3 + i).padStart(2, '0');
  return [
    ...[1, 2, 3].flatMap((i) => [
      { kind: 'branch_committee' as const, heldOn: `${year}-${m(i)}-10` },
      { kind: 'party_group' as const, heldOn: `${year}-${m(i)}-15` },
    ]),
    { kind: 'branch_assembly', heldOn: `${year}-${m(2)}-20` },
    { kind: 'party_lecture', heldOn: `${year}-${m(3)}-25` },
  ];
}
const statusOf = (r: ReturnType<typeof branchMeetingCompliance>) =>
  Object.fromEntries(r.kinds.map((k) => [k.kind, k.status]));

describe('三会一课 compliance of a branch', () => {
  it('is compliant for a quarter with every monthly and quarterly meeting held', () => {
    const r = branchMeetingCompliance(
      { meetings: fullQuarter(2015, 2), period: { kind: 'quarter', year: 2015, quarter: 2 } },
      v,
    );
    expect(r.compliant).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it('counts each month separately: two committee meetings in one month do not cover another', () => {
    const meetings = fullQuarter(2015, 2).filter(
      (m) => !(m.kind === 'branch_committee' && m.heldOn.startsWith('2015-05')),
    );
    meetings.push({ kind: 'branch_committee', heldOn: '2015-04-28' });
    const r = branchMeetingCompliance(
      { meetings, period: { kind: 'quarter', year: 2015, quarter: 2 } },
      v,
    );
    expect(r.missing).toEqual(['branch_committee']);
    expect(r.kinds.find((k) => k.kind === 'branch_committee')?.units.map((u) => u.held)).toEqual([
      2, 0, 1,
    ]);
  });

  it('counts meetings on the first and last day of a month, in leap February too', () => {
    const r = branchMeetingCompliance(
      {
        meetings: [
          { kind: 'branch_committee', heldOn: '2016-02-29' },
          { kind: 'party_group', heldOn: '2016-02-01' },
        ],
        period: { kind: 'month', month: '2016-02' },
      },
      v,
    );
    expect(statusOf(r)).toEqual({
      branch_assembly: 'not_judged',
      branch_committee: 'compliant',
      party_group: 'compliant',
      party_lecture: 'not_judged',
    });
    expect(r.compliant).toBe(true);
  });

  it('ignores meetings outside the period', () => {
    const r = branchMeetingCompliance(
      {
        meetings: [{ kind: 'branch_committee', heldOn: '2016-03-01' }],
        period: { kind: 'month', month: '2016-02' },
      },
      v,
    );
    expect(r.missing).toEqual(['branch_committee', 'party_group']);
  });

  it('needs every quarter of a year for the quarterly kinds, every month for the monthly ones', () => {
    const year = [1, 2, 3, 4].flatMap((q) => fullQuarter(2015, q));
    expect(
      branchMeetingCompliance({ meetings: year, period: { kind: 'year', year: 2015 } }, v)
        .compliant,
    ).toBe(true);
    const noQ4Lecture = year.filter(
      (m) => !(m.kind === 'party_lecture' && m.heldOn >= '2015-10-01'),
    );
    expect(
      branchMeetingCompliance({ meetings: noQ4Lecture, period: { kind: 'year', year: 2015 } }, v)
        .missing,
    ).toEqual(['party_lecture']);
  });

  it('reports a unit not yet ended as pending, not missing, and the branch not yet compliant', () => {
    const r = branchMeetingCompliance(
      {
        meetings: fullQuarter(2015, 2).filter((m) => m.heldOn < '2015-06-01'),
        period: { kind: 'quarter', year: 2015, quarter: 2 },
        asOf: '2015-06-10',
      },
      v,
    );
    expect(r.missing).toEqual([]);
    expect(statusOf(r).branch_committee).toBe('pending');
    expect(statusOf(r).party_lecture).toBe('pending');
    expect(r.compliant).toBe(false);
  });

  it('judges a unit missing on its last day once asOf reaches it', () => {
    const r = branchMeetingCompliance(
      { meetings: [], period: { kind: 'month', month: '2015-06' }, asOf: '2015-06-30' },
      v,
    );
    expect(r.missing).toEqual(['branch_committee', 'party_group']);
  });

  it('does not require committee or group meetings of a branch without them', () => {
    const meetings = fullQuarter(2015, 1).filter(
      (m) => m.kind === 'branch_assembly' || m.kind === 'party_lecture',
    );
    const r = branchMeetingCompliance(
      {
        meetings,
        period: { kind: 'quarter', year: 2015, quarter: 1 },
        hasCommittee: false,
        hasGroups: false,
      },
      v,
    );
    expect(statusOf(r).branch_committee).toBe('not_required');
    expect(r.compliant).toBe(true);
  });

  it('takes the minimum per unit from the policy (two assemblies a quarter when a region asks for two)', () => {
    const r = branchMeetingCompliance(
      { meetings: fullQuarter(2015, 1), period: { kind: 'quarter', year: 2015, quarter: 1 } },
      { ...v, branchAssemblyPerQuarterMin: 2 },
    );
    expect(r.missing).toEqual(['branch_assembly']);
  });

  it('gives the bounds of each period kind', () => {
    expect(meetingPeriodBounds({ kind: 'quarter', year: 2016, quarter: 1 })).toEqual({
      start: '2016-01-01',
      end: '2016-03-31',
    });
    expect(meetingPeriodBounds({ kind: 'year', year: 2015 })).toEqual({
      start: '2015-01-01',
      end: '2015-12-31',
    });
    expect(meetingPeriodBounds({ kind: 'month', month: '2015-02' })).toEqual({
      start: '2015-02-01',
      end: '2015-02-28',
    });
  });

  it('rejects an unknown meeting kind and a fifth quarter', () => {
    expect(
      errorOf(() =>
        branchMeetingCompliance(
          {
            meetings: [{ kind: 'x' as 'party_lecture', heldOn: '2015-01-01' }],
            period: { kind: 'year', year: 2015 },
          },
          v,
        ),
      ),
    ).toBe('UNKNOWN_VALUE:meetings[0].kind');
    expect(errorOf(() => meetingPeriodBounds({ kind: 'quarter', year: 2015, quarter: 5 }))).toBe(
      'INVALID_INPUT:quarter',
    );
  });
});

describe('三会一课 roll-up township → county → city', () => {
  const T1 = '430702001000';
  const T2 = '430702002000';
  const T3 = '430703001000';
  const period = { kind: 'quarter' as const, year: 2015, quarter: 2 };
  const good = fullQuarter(2015, 2);
  const branches = [
    { id: 'b1', regionCode: '430702001001', meetings: good },
    { id: 'b2', regionCode: '430702001002', meetings: [] },
    { id: 'b3', regionCode: '430702002001', meetings: good },
    { id: 'b4', regionCode: T3, meetings: good },
    { id: 'b5', regionCode: '430703001009', meetings: good.slice(1) },
  ];

  it('counts compliant branches and the rate per township', () => {
    const rows = meetingComplianceRollup({ branches, period, level: 'township' }, v);
    expect(rows.map((r) => [r.regionCode, r.branches, r.compliant, r.rate.percent])).toEqual([
      [T1, 2, 1, 50],
      [T2, 1, 1, 100],
      [T3, 2, 1, 50],
    ]);
  });

  it('gives the same county and city rows from township counts as from the branches', () => {
    const townships = meetingComplianceRollup({ branches, period, level: 'township' }, v);
    for (const level of ['county', 'city'] as const) {
      expect(meetingComplianceFromCounts({ regions: townships, level })).toEqual(
        meetingComplianceRollup({ branches, period, level }, v),
      );
    }
    const counties = meetingComplianceFromCounts({ regions: townships, level: 'county' });
    expect(meetingComplianceFromCounts({ regions: counties, level: 'city' })).toEqual([
      {
        regionCode: '430700000000',
        branches: 5,
        compliant: 3,
        rate: { numerator: 3, denominator: 5, percent: 60 },
      },
    ]);
  });

  it('computes the rate from summed counts, never by averaging township rates', () => {
    const rows = meetingComplianceFromCounts({
      regions: [
        { regionCode: T1, branches: 1, compliant: 1 },
        { regionCode: T2, branches: 3, compliant: 0 },
      ],
      level: 'county',
    });
    expect(rows[0]?.rate.percent).toBe(25);
  });

  it('refuses more compliant branches than branches, and a region above the roll-up level', () => {
    expect(
      errorOf(() =>
        meetingComplianceFromCounts({
          regions: [{ regionCode: T1, branches: 1, compliant: 2 }],
          level: 'county',
        }),
      ),
    ).toBe('INVALID_INPUT:regions[0].compliant');
    expect(
      errorOf(() =>
        meetingComplianceFromCounts({
          regions: [{ regionCode: '430702000000', branches: 1, compliant: 1 }],
          level: 'township',
        }),
      ),
    ).toBe('INVALID_INPUT:regions[0].regionCode');
    expect(
      errorOf(() =>
        meetingComplianceRollup(
          {
            branches: [{ id: 'x', regionCode: '430700000000', meetings: [] }],
            period,
            level: 'county',
          },
          v,
        ),
      ),
    ).toBe('INVALID_INPUT:branches[0].regionCode');
  });

  it('returns no rows for no branches', () => {
    expect(meetingComplianceRollup({ branches: [], period, level: 'city' }, v)).toEqual([]);
  });
});
