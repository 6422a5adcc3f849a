import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { yuanToFen } from '../money';
import {
  defaultDuesCategory,
  duesStatement,
  isFlatDuesCategory,
  monthlyDues,
  shareOfFen,
} from './dues';
import type { DuesStatementInput } from './dues';
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
const salaried = (yuan: number) =>
  monthlyDues({ category: 'salaried', incomeFen: yuanToFen(yuan) }, v).dueFen;
const retired = (yuan: number) =>
  monthlyDues({ category: 'retired', incomeFen: yuanToFen(yuan) }, v).dueFen;

describe('monthly dues (中组发〔2008〕3号)', () => {
  it('takes 0.5 % up to 3000 yuan inclusive, 1 % to 5000, 1.5 % to 10000, 2 % above (第二条)', () => {
    expect(salaried(2000)).toBe(1000);
    expect(salaried(3000)).toBe(1500);
    expect(salaried(3000.01)).toBe(3000);
    expect(salaried(5000)).toBe(5000);
    expect(salaried(5000.01)).toBe(7500);
    expect(salaried(10000)).toBe(15000);
    expect(salaried(10000.01)).toBe(20000);
    expect(salaried(0)).toBe(0);
  });

  it('rounds a share to whole fen half-up by default, or as the policy says', () => {
    expect(salaried(1234.5)).toBe(617); // 617.25 fen
    expect(salaried(1234.9)).toBe(617); // 617.45 fen
    expect(salaried(1235)).toBe(618); // 617.5 fen
    expect(
      monthlyDues({ category: 'salaried', incomeFen: 123_500 }, { ...v, duesRounding: 'floor' })
        .dueFen,
    ).toBe(617);
    expect(
      monthlyDues({ category: 'salaried', incomeFen: 123_410 }, { ...v, duesRounding: 'ceil' })
        .dueFen,
    ).toBe(618);
    expect(shareOfFen(100, 150, 'ceil')).toBe(2);
    expect(shareOfFen(10_000, 50, 'ceil')).toBe(50);
  });

  it('takes 0.5 % of a pension up to 5000 yuan inclusive and 1 % above (第五条)', () => {
    expect(retired(5000)).toBe(2500);
    expect(retired(5000.01)).toBe(5000);
  });

  it('takes the chosen 0.2–1 yuan from a farmer and refuses amounts outside it (第六条)', () => {
    expect(monthlyDues({ category: 'farmer', amountFen: 20 }, v)).toEqual({
      dueFen: 20,
      rateBasisPoints: null,
    });
    expect(monthlyDues({ category: 'farmer', amountFen: 100 }, v).dueFen).toBe(100);
    expect(errorOf(() => monthlyDues({ category: 'farmer', amountFen: 19 }, v))).toBe(
      'RULE_VIOLATION:amountFen',
    );
    expect(errorOf(() => monthlyDues({ category: 'farmer', amountFen: 101 }, v))).toBe(
      'RULE_VIOLATION:amountFen',
    );
  });

  it('takes 0.2 yuan from students, laid-off members and those on relief or the minimum allowance (第六条)', () => {
    for (const category of ['student', 'unemployed', 'relief', 'minimum_allowance'] as const) {
      expect(monthlyDues({ category }, v).dueFen).toBe(20);
      expect(isFlatDuesCategory(category)).toBe(true);
    }
    expect(isFlatDuesCategory('salaried')).toBe(false);
  });

  it('reports the rate applied', () => {
    expect(monthlyDues({ category: 'salaried', incomeFen: 600_000 }, v).rateBasisPoints).toBe(150);
  });

  it('rejects a fractional or negative income and an unknown category', () => {
    expect(errorOf(() => monthlyDues({ category: 'salaried', incomeFen: 1.5 }, v))).toBe(
      'INVALID_INPUT:incomeFen',
    );
    expect(errorOf(() => monthlyDues({ category: 'retired', incomeFen: -1 }, v))).toBe(
      'INVALID_INPUT:incomeFen',
    );
    expect(
      errorOf(() => monthlyDues({ category: 'soldier' } as unknown as { category: 'student' }, v)),
    ).toBe('INVALID_INPUT:category');
  });

  it('refuses a table that does not cover the income', () => {
    expect(
      errorOf(() =>
        monthlyDues(
          { category: 'salaried', incomeFen: 500 },
          { ...v, duesSalariedBrackets: [{ upToFen: 100, rateBasisPoints: 50 }] },
        ),
      ),
    ).toBe('POLICY_NOT_FOUND:incomeFen');
  });

  it('maps roster occupations to their usual dues category', () => {
    expect(
      ['farmer', 'student', 'retired', 'unemployed', 'worker', 'public_servant'].map((o) =>
        defaultDuesCategory(o as 'farmer'),
      ),
    ).toEqual(['farmer', 'student', 'retired', 'unemployed', 'salaried', 'salaried']);
  });
});

describe('dues paid and owed per month', () => {
  const input: DuesStatementInput = {
    joinedOn: '2015-03-20',
    bases: [
      { fromMonth: '2015-01', basis: { category: 'salaried', incomeFen: 400_000 } },
      { fromMonth: '2015-06', basis: { category: 'salaried', incomeFen: 600_000 } },
    ],
    payments: [
      { month: '2015-03', amountFen: 4000, paidOn: '2015-03-25' },
      { month: '2015-04', amountFen: 2000, paidOn: '2015-04-25' },
      { month: '2015-05', amountFen: 10_000, paidOn: '2015-05-25' },
      { month: '2015-06', amountFen: 5000, paidOn: '2015-06-25' },
      { month: '2015-06', amountFen: 4000, paidOn: '2015-07-02' },
    ],
    from: '2015-01',
    to: '2015-08',
  };

  it('owes from the month of joining, with a new income from its month', () => {
    const s = duesStatement(input, v);
    expect(s.months.map((m) => [m.month, m.dueFen, m.paidFen, m.owedFen])).toEqual([
      ['2015-03', 4000, 4000, 0],
      ['2015-04', 4000, 2000, 2000],
      ['2015-05', 4000, 10_000, 0],
      ['2015-06', 9000, 9000, 0],
      ['2015-07', 9000, 0, 9000],
      ['2015-08', 9000, 0, 9000],
    ]);
    expect([s.dueFen, s.paidFen, s.owedFen]).toEqual([39_000, 25_000, 20_000]);
    expect([s.trailingUnpaidMonths, s.lapsed]).toEqual([2, false]);
  });

  it('flags six months at the end with nothing paid (党章 第九条), not five', () => {
    const noPay = { ...input, payments: [], from: '2015-03', to: '2015-08' };
    expect(duesStatement(noPay, v)).toMatchObject({ trailingUnpaidMonths: 6, lapsed: true });
    expect(duesStatement({ ...noPay, to: '2015-07' }, v)).toMatchObject({
      trailingUnpaidMonths: 5,
      lapsed: false,
    });
  });

  it('refuses payments for months before joining and bases out of order or starting too late', () => {
    expect(
      errorOf(() =>
        duesStatement(
          { ...input, payments: [{ month: '2015-02', amountFen: 1, paidOn: '2015-02-01' }] },
          v,
        ),
      ),
    ).toBe('RULE_VIOLATION:payments[0].month');
    expect(errorOf(() => duesStatement({ ...input, bases: [...input.bases].reverse() }, v))).toBe(
      'RULE_VIOLATION:bases[1].fromMonth',
    );
    expect(errorOf(() => duesStatement({ ...input, bases: input.bases.slice(1) }, v))).toBe(
      'RULE_VIOLATION:bases[0].fromMonth',
    );
  });

  it('lists nothing when the span ends before joining', () => {
    expect(duesStatement({ ...input, payments: [], to: '2015-02' }, v).months).toEqual([]);
  });
});
