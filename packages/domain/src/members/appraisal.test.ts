import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { advanceAppraisal, appraisalState, memberHandlingStatus } from './appraisal';
import type { AppraisalInput } from './appraisal';
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
const members = ['m1', 'm2', 'm3'];
const steps: AppraisalInput['steps'] = [
  { step: 'self_assessment', on: '2015-12-01' },
  { step: 'mutual_appraisal', on: '2015-12-10' },
  { step: 'democratic_poll', on: '2015-12-10' },
  { step: 'verdict', on: '2016-01-15' },
];
const verdicts: NonNullable<AppraisalInput['verdicts']> = [
  { memberId: 'm1', grade: 'excellent' },
  { memberId: 'm2', grade: 'qualified' },
  { memberId: 'm3', grade: 'unqualified' },
];
const full: AppraisalInput = { branchId: 'b1', year: 2015, steps, verdicts };

describe('民主评议党员: the yearly appraisal of a branch (常委〔2012〕5号 第十四条)', () => {
  it('has not started with no steps; the next step is the self-assessment', () => {
    const s = appraisalState({ branchId: 'b1', year: 2015, steps: [] }, members, '2015-12-31');
    expect([s.reached, s.next, s.complete]).toEqual([null, 'self_assessment', false]);
  });

  it('completes with the verdict, counting grades and listing the unqualified', () => {
    const s = appraisalState(full, members, '2016-02-01');
    expect(s.complete).toBe(true);
    expect(s.next).toBeNull();
    expect(s.counts).toEqual({
      excellent: 1,
      qualified: 1,
      basically_qualified: 0,
      unqualified: 1,
    });
    expect(s.unqualified).toEqual(['m3']);
  });

  it('refuses a skipped step and a step after the verdict', () => {
    expect(
      errorOf(() =>
        appraisalState(
          { ...full, steps: [steps[0], steps[2]] as typeof steps, verdicts: [] },
          members,
          '2016-02-01',
        ),
      ),
    ).toBe('RULE_VIOLATION:steps[1].step');
    expect(
      errorOf(() =>
        appraisalState(
          { ...full, steps: [...steps, { step: 'verdict', on: '2016-01-20' }] },
          members,
          '2016-02-01',
        ),
      ),
    ).toBe('RULE_VIOLATION:steps[4].step');
  });

  it('refuses a step dated before the previous one, before the year, or after today; same day is fine', () => {
    const back = [
      steps[0],
      { step: 'mutual_appraisal' as const, on: '2015-11-30' },
    ] as typeof steps;
    expect(
      errorOf(() => appraisalState({ ...full, steps: back, verdicts: [] }, members, '2016-02-01')),
    ).toBe('RULE_VIOLATION:steps[1].on');
    const early = [{ step: 'self_assessment' as const, on: '2014-12-31' }];
    expect(
      errorOf(() => appraisalState({ ...full, steps: early, verdicts: [] }, members, '2016-02-01')),
    ).toBe('RULE_VIOLATION:steps[0].on');
    expect(errorOf(() => appraisalState(full, members, '2016-01-14'))).toBe(
      'RULE_VIOLATION:steps[3].on',
    );
  });

  it('takes grades only at the verdict, for every member, once each, and only for members appraised', () => {
    expect(
      errorOf(() => appraisalState({ ...full, steps: steps.slice(0, 3) }, members, '2016-02-01')),
    ).toBe('RULE_VIOLATION:verdicts');
    expect(
      errorOf(() =>
        appraisalState({ ...full, verdicts: verdicts.slice(0, 2) }, members, '2016-02-01'),
      ),
    ).toBe('RULE_VIOLATION:verdicts');
    expect(
      errorOf(() =>
        appraisalState(
          { ...full, verdicts: [...verdicts, { memberId: 'm1', grade: 'qualified' }] },
          members,
          '2016-02-01',
        ),
      ),
    ).toBe('RULE_VIOLATION:verdicts[3].memberId');
    expect(errorOf(() => appraisalState(full, ['m1', 'm2'], '2016-02-01'))).toBe(
      'RULE_VIOLATION:verdicts[2].memberId',
    );
  });

  it('advances one step at a time, the verdict step carrying the grades', () => {
    let a: AppraisalInput = { branchId: 'b1', year: 2015, steps: [] };
    a = advanceAppraisal(a, 'self_assessment', '2015-12-01', members);
    a = advanceAppraisal(a, 'mutual_appraisal', '2015-12-10', members);
    a = advanceAppraisal(a, 'democratic_poll', '2015-12-10', members);
    expect(errorOf(() => advanceAppraisal(a, 'verdict', '2016-01-15', members))).toBe(
      'RULE_VIOLATION:verdicts',
    );
    a = advanceAppraisal(a, 'verdict', '2016-01-15', members, verdicts);
    expect(appraisalState(a, members, '2016-01-15').complete).toBe(true);
    expect(
      errorOf(() =>
        advanceAppraisal(
          { branchId: 'b1', year: 2015, steps: [] },
          'verdict',
          '2015-12-01',
          members,
        ),
      ),
    ).toBe('RULE_VIOLATION:steps[0].step');
  });

  it('rejects an unknown grade', () => {
    expect(
      errorOf(() =>
        appraisalState(
          { ...full, verdicts: [{ memberId: 'm1', grade: 'good' as 'qualified' }] },
          members,
          '2016-02-01',
        ),
      ),
    ).toBe('UNKNOWN_VALUE:verdicts[0].grade');
  });
});

describe('handling a member rated 不合格 (党章 第九条)', () => {
  const base = { verdictOn: '2016-01-15', probationary: false };

  it('starts awaiting handling: correction first (no removal straight away)', () => {
    const s = memberHandlingStatus(base, '2016-01-20', v);
    expect(s).toEqual({
      state: 'unqualified',
      correctionDeadline: null,
      correctionOverdue: false,
      allowed: ['correction'],
    });
    expect(
      errorOf(() =>
        memberHandlingStatus(
          { ...base, actions: [{ action: 'removed', on: '2016-02-01' }] },
          '2016-02-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:actions[0].action');
  });

  it('sets the correction deadline from the policy months, month end kept', () => {
    const s = memberHandlingStatus(
      { ...base, actions: [{ action: 'correction', on: '2016-08-31' }] },
      '2016-09-01',
      v,
    );
    expect(s.correctionDeadline).toBe('2017-02-28');
    expect(
      memberHandlingStatus(
        { ...base, actions: [{ action: 'correction', on: '2016-01-20' }] },
        '2016-02-01',
        { appraisalCorrectionMonths: 3 },
      ).correctionDeadline,
    ).toBe('2016-04-20');
  });

  it('flags a correction period ended with nothing recorded, not on the deadline day itself', () => {
    const correcting = { ...base, actions: [{ action: 'correction' as const, on: '2016-01-20' }] };
    expect(memberHandlingStatus(correcting, '2016-07-20', v).correctionOverdue).toBe(false);
    expect(memberHandlingStatus(correcting, '2016-07-21', v).correctionOverdue).toBe(true);
  });

  it('closes with 经教育已改正 at any time during the correction', () => {
    const s = memberHandlingStatus(
      {
        ...base,
        actions: [
          { action: 'correction', on: '2016-01-20' },
          { action: 'corrected', on: '2016-03-01' },
        ],
      },
      '2016-08-01',
      v,
    );
    expect([s.state, s.correctionOverdue, s.allowed]).toEqual(['corrected', false, []]);
  });

  it('persuades to withdraw only once the deadline has come without change', () => {
    const early = [
      { action: 'correction' as const, on: '2016-01-20' },
      { action: 'persuade_withdraw' as const, on: '2016-07-19' },
    ];
    expect(errorOf(() => memberHandlingStatus({ ...base, actions: early }, '2016-08-01', v))).toBe(
      'RULE_VIOLATION:actions[1].on',
    );
    const onTime = [
      early[0],
      { action: 'persuade_withdraw' as const, on: '2016-07-20' },
    ] as typeof early;
    expect(memberHandlingStatus({ ...base, actions: onTime }, '2016-08-01', v).allowed).toEqual([
      'withdrawn',
      'removed',
    ]);
  });

  it('removes a member who insists on staying after being persuaded', () => {
    const s = memberHandlingStatus(
      {
        ...base,
        actions: [
          { action: 'correction', on: '2016-01-20' },
          { action: 'persuade_withdraw', on: '2016-08-01' },
          { action: 'removed', on: '2016-09-01' },
        ],
      },
      '2016-09-01',
      v,
    );
    expect(s.state).toBe('removed');
  });

  it('refuses an action dated before the previous one or before the verdict', () => {
    expect(
      errorOf(() =>
        memberHandlingStatus(
          { ...base, actions: [{ action: 'correction', on: '2016-01-14' }] },
          '2016-02-01',
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:actions[0].on');
  });

  it('cancels probationary status only for a probationary member', () => {
    const cancel = { actions: [{ action: 'probation_cancelled' as const, on: '2016-02-01' }] };
    expect(
      memberHandlingStatus({ ...base, probationary: true, ...cancel }, '2016-02-01', v).state,
    ).toBe('probation_cancelled');
    expect(errorOf(() => memberHandlingStatus({ ...base, ...cancel }, '2016-02-01', v))).toBe(
      'RULE_VIOLATION:actions[0].action',
    );
    expect(memberHandlingStatus({ ...base, probationary: true }, '2016-02-01', v).allowed).toEqual([
      'correction',
      'probation_cancelled',
    ]);
  });
});
