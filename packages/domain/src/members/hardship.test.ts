import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { resolvePolicy } from '../policy';
import { checkHardshipAid, cityHardshipFund, hardshipLedger } from './hardship';
import type { HardshipFundBudgetInput } from './hardship';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const policy = resolvePolicy([], '430700000000', 2015);
const county: HardshipFundBudgetInput = {
  level: 'county',
  regionCode: '430702000000',
  year: 2015,
  financeFen: 100_000,
  duesFen: 50_000,
};
const needy = new Set(['m1', 'm2']);

describe('hardship-care fund (常委〔2012〕5号 第二十三条)', () => {
  it('budgets the city fund at 100 万元 finance + 50 万元 dues from the policy', () => {
    const f = cityHardshipFund('430700000000', 2015, policy.values);
    expect([f.financeFen, f.duesFen, f.carriedOverFen]).toEqual([100_000_000, 50_000_000, 0]);
  });

  it('refuses a fund whose region is not of its level', () => {
    expect(
      errorOf(() => hardshipLedger({ ...county, regionCode: '430700000000' }, [], needy)),
    ).toBe('INVALID_INPUT:regionCode');
  });

  it('keeps the balance: budget with carry-over, minus aids; each member listed once', () => {
    const l = hardshipLedger(
      { ...county, carriedOverFen: 10_000 },
      [
        { memberId: 'm1', amountFen: 60_000, on: '2015-02-01' },
        { memberId: 'm2', amountFen: 50_000, on: '2015-03-01' },
        { memberId: 'm1', amountFen: 50_000, on: '2015-12-31' },
      ],
      needy,
    );
    expect(l).toEqual({
      budgetFen: 160_000,
      spentFen: 160_000,
      balanceFen: 0,
      membersAided: ['m1', 'm2'],
    });
  });

  it('refuses an aid that overdraws the fund, judged in date order', () => {
    const aids = [
      { memberId: 'm1', amountFen: 100_000, on: '2015-09-01' },
      { memberId: 'm2', amountFen: 100_000, on: '2015-02-01' },
    ];
    expect(errorOf(() => hardshipLedger(county, aids, needy))).toBe(
      'RULE_VIOLATION:aids[0].amountFen',
    );
  });

  it('refuses an aid to a member not flagged in difficulty, outside the year, or of no amount', () => {
    expect(
      errorOf(() =>
        hardshipLedger(county, [{ memberId: 'm3', amountFen: 1, on: '2015-02-01' }], needy),
      ),
    ).toBe('RULE_VIOLATION:aids[0].memberId');
    expect(
      errorOf(() =>
        hardshipLedger(county, [{ memberId: 'm1', amountFen: 1, on: '2016-01-01' }], needy),
      ),
    ).toBe('RULE_VIOLATION:aids[0].on');
    expect(
      errorOf(() =>
        hardshipLedger(county, [{ memberId: 'm1', amountFen: 0, on: '2015-02-01' }], needy),
      ),
    ).toBe('INVALID_INPUT:aids[0].amountFen');
  });

  it('checks one more aid against the balance left, naming the new aid’s field', () => {
    const earlier = [{ memberId: 'm1', amountFen: 100_000, on: '2015-02-01' }];
    expect(
      checkHardshipAid(
        county,
        earlier,
        { memberId: 'm2', amountFen: 50_000, on: '2015-03-01' },
        needy,
      ),
    ).toBe(0);
    expect(
      errorOf(() =>
        checkHardshipAid(
          county,
          earlier,
          { memberId: 'm2', amountFen: 50_001, on: '2015-03-01' },
          needy,
        ),
      ),
    ).toBe('RULE_VIOLATION:amountFen');
    expect(
      errorOf(() =>
        checkHardshipAid(
          county,
          earlier,
          { memberId: 'm9', amountFen: 1, on: '2015-03-01' },
          needy,
        ),
      ),
    ).toBe('RULE_VIOLATION:memberId');
  });
});
