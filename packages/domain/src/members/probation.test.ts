import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { MEMBER_POLICY_VALUES } from './member-policy';
import { checkProbationDecision, probationFromAdmission, probationStatus } from './probation';

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

describe('probation year (党章 第七条)', () => {
  it('starts a candidate admitted via 发展党员 on the admission day, due a year later', () => {
    expect(probationFromAdmission('2015-07-01', v)).toEqual({
      probationStartOn: '2015-07-01',
      conversionDueOn: '2016-07-01',
    });
  });

  it('falls due on 28 February for an admission on 29 February', () => {
    expect(probationFromAdmission('2016-02-29', v).conversionDueOn).toBe('2017-02-28');
  });

  it('rejects an invalid admission date', () => {
    expect(errorOf(() => probationFromAdmission('2015-02-29', v))).toBe('INVALID_INPUT:input');
  });

  it('is in probation up to and on the due date, overdue the day after without a decision', () => {
    const r = { admittedOn: '2015-07-01' };
    expect(probationStatus(r, '2016-07-01', v).state).toBe('in_probation');
    const late = probationStatus(r, '2016-07-11', v);
    expect(late.state).toBe('overdue');
    expect(late.overdueDays).toBe(10);
    expect(probationStatus(r, '2016-06-30', v).overdueDays).toBe(0);
  });

  it('converts on or after the due date; party standing counts from the due date', () => {
    const s = probationStatus(
      { admittedOn: '2015-07-01', decisions: [{ outcome: 'converted', decidedOn: '2016-07-20' }] },
      '2016-08-01',
      v,
    );
    expect(s.state).toBe('converted');
    expect(s.fullSince).toBe('2016-07-01');
  });

  it('refuses a conversion decided before the probation ended', () => {
    expect(
      errorOf(() =>
        probationStatus(
          {
            admittedOn: '2015-07-01',
            decisions: [{ outcome: 'converted', decidedOn: '2016-06-30' }],
          },
          '2016-08-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[0].decidedOn');
  });

  it('extends once by up to 12 months and moves the due date', () => {
    const s = probationStatus(
      {
        admittedOn: '2015-07-01',
        decisions: [{ outcome: 'extended', decidedOn: '2016-07-05', months: 6 }],
      },
      '2016-12-31',
      v,
    );
    expect(s).toMatchObject({
      state: 'in_probation',
      conversionDueOn: '2017-01-01',
      extendedMonths: 6,
    });
    expect(
      probationStatus(
        {
          admittedOn: '2015-07-01',
          decisions: [{ outcome: 'extended', decidedOn: '2016-07-05', months: 6 }],
        },
        '2017-01-02',
        v,
      ).state,
    ).toBe('overdue');
  });

  it('refuses a second extension, an extension over a year, and one without months', () => {
    const ext = { outcome: 'extended' as const, decidedOn: '2016-07-05', months: 6 };
    expect(
      errorOf(() =>
        probationStatus(
          {
            admittedOn: '2015-07-01',
            decisions: [ext, { ...ext, decidedOn: '2017-01-02', months: 3 }],
          },
          '2017-02-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[1].outcome');
    expect(
      errorOf(() =>
        probationStatus(
          { admittedOn: '2015-07-01', decisions: [{ ...ext, months: 13 }] },
          '2016-08-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[0].months');
    expect(
      errorOf(() =>
        probationStatus(
          {
            admittedOn: '2015-07-01',
            decisions: [{ outcome: 'extended', decidedOn: '2016-07-05' }],
          },
          '2016-08-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[0].months');
  });

  it('allows two extensions totalling at most a year where a policy allows two', () => {
    const two = { ...v, probationExtensionsMax: 2 };
    const s = probationStatus(
      {
        admittedOn: '2015-07-01',
        decisions: [
          { outcome: 'extended', decidedOn: '2016-07-01', months: 6 },
          { outcome: 'extended', decidedOn: '2017-01-01', months: 6 },
        ],
      },
      '2017-03-01',
      two,
    );
    expect(s.conversionDueOn).toBe('2017-07-01');
    expect(
      errorOf(() =>
        probationStatus(
          {
            admittedOn: '2015-07-01',
            decisions: [
              { outcome: 'extended', decidedOn: '2016-07-01', months: 6 },
              { outcome: 'extended', decidedOn: '2017-01-01', months: 7 },
            ],
          },
          '2017-03-01',
          two,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[1].months');
  });

  it('cancels at any time after admission and accepts no decision afterwards', () => {
    const cancelled = { outcome: 'cancelled' as const, decidedOn: '2015-12-01' };
    const s = probationStatus(
      { admittedOn: '2015-07-01', decisions: [cancelled] },
      '2016-08-01',
      v,
    );
    expect([s.state, s.fullSince]).toEqual(['cancelled', null]);
    expect(
      errorOf(() =>
        probationStatus(
          {
            admittedOn: '2015-07-01',
            decisions: [cancelled, { outcome: 'converted', decidedOn: '2016-07-01' }],
          },
          '2016-08-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[1].outcome');
    expect(
      errorOf(() =>
        probationStatus(
          { admittedOn: '2015-07-01', decisions: [{ ...cancelled, decidedOn: '2015-06-30' }] },
          '2016-08-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:decisions[0].decidedOn');
  });

  it('checks a next decision without throwing', () => {
    const record = { admittedOn: '2015-07-01' };
    expect(
      checkProbationDecision(record, { outcome: 'converted', decidedOn: '2016-07-01' }, v),
    ).toBeNull();
    expect(
      checkProbationDecision(record, { outcome: 'converted', decidedOn: '2016-06-01' }, v)?.field,
    ).toBe('decisions[0].decidedOn');
  });
});
