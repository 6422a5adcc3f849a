import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { activityWeekCompletion, activityWeekOf } from './activity-week';
import type { ActivityWeekInput } from './activity-week';
import { MEMBER_POLICY_VALUES } from './member-policy';

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

describe('七一 activity week (常委〔2012〕5号 第二十四条)', () => {
  it('is the Monday-to-Sunday week holding 1 July', () => {
    expect(activityWeekOf(2015)).toEqual({ start: '2015-06-29', end: '2015-07-05' });
    expect(activityWeekOf(2018)).toEqual({ start: '2018-06-25', end: '2018-07-01' });
    expect(activityWeekOf(2019)).toEqual({ start: '2019-07-01', end: '2019-07-07' });
  });

  it('rejects a year out of range', () => {
    expect(errorOf(() => activityWeekOf(1900))).toBe('INVALID_INPUT:input');
  });

  const input: ActivityWeekInput = {
    year: 2015,
    memberIds: ['m1', 'm2', 'm3'],
    records: [
      { memberId: 'm1', kind: 'volunteer_service', on: '2015-06-29' },
      { memberId: 'm1', kind: 'donation', on: '2015-07-05' },
      { memberId: 'm2', kind: 'volunteer_service', on: '2015-07-01' },
      { memberId: 'm2', kind: 'donation', on: '2015-07-06' },
      { memberId: 'm3', kind: 'donation', on: '2015-07-02' },
      { memberId: 'm3', kind: 'donation', on: '2015-07-03' },
    ],
  };

  it('needs one volunteer service and one donation per member inside the week, its first and last day included', () => {
    const r = activityWeekCompletion(input, v);
    expect(
      r.members.map((m) => [m.memberId, m.volunteerServices, m.donations, m.complete]),
    ).toEqual([
      ['m1', 1, 1, true],
      ['m2', 1, 0, false],
      ['m3', 0, 2, false],
    ]);
    expect(r.completed.numerator).toBe(1);
    expect(r.completed.percent).toBe(33.33);
    expect(r.complete).toBe(false);
  });

  it('is complete for the branch when every member did both', () => {
    const all = activityWeekCompletion(
      { ...input, memberIds: ['m1'], records: input.records.slice(0, 2) },
      v,
    );
    expect(all.complete).toBe(true);
  });

  it('is not complete for a branch without members', () => {
    const r = activityWeekCompletion({ year: 2015, memberIds: [], records: [] }, v);
    expect([r.complete, r.completed.percent]).toEqual([false, null]);
  });

  it('takes the minimums from the policy', () => {
    const r = activityWeekCompletion(input, {
      activityWeekVolunteerMin: 0,
      activityWeekDonationMin: 2,
    });
    expect(r.members.map((m) => m.complete)).toEqual([false, false, true]);
  });

  it('refuses a record of someone not in the branch', () => {
    expect(
      errorOf(() =>
        activityWeekCompletion(
          { ...input, records: [{ memberId: 'x', kind: 'donation', on: '2015-07-01' }] },
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:records[0].memberId');
  });
});
