import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { formatPolicySource } from '../policy';
import { parseInput } from '../validation';
import {
  duesBracketsSchema,
  MEMBER_POLICY_DEFAULTS,
  MEMBER_POLICY_KEYS,
  MEMBER_POLICY_PARAMETERS,
  MEMBER_POLICY_VALUE_SCHEMAS,
  MEMBER_POLICY_VALUES,
} from './member-policy';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

describe('member policy parameters', () => {
  it('gives every parameter a valid reference value, a label and a source', () => {
    for (const key of MEMBER_POLICY_KEYS) {
      expect(
        MEMBER_POLICY_VALUE_SCHEMAS[key].safeParse(MEMBER_POLICY_DEFAULTS[key].value).success,
      ).toBe(true);
      expect(MEMBER_POLICY_PARAMETERS[key].label).not.toBe('');
      expect(formatPolicySource(MEMBER_POLICY_DEFAULTS[key].source)).not.toMatch(/本地区决定|§/);
    }
  });

  it('cites documents by name or number and article, and notices by document number', () => {
    expect(formatPolicySource(MEMBER_POLICY_DEFAULTS.probationMonths.source)).toBe(
      '《中国共产党章程》 第七条',
    );
    expect(formatPolicySource(MEMBER_POLICY_DEFAULTS.duesSalariedBrackets.source)).toBe(
      '中组发〔2008〕3号 第二条',
    );
    expect(formatPolicySource(MEMBER_POLICY_DEFAULTS.branchCommitteePerMonthMin.source)).toBe(
      '《中国共产党支部工作条例（试行）》 第十二条',
    );
    expect(formatPolicySource(MEMBER_POLICY_DEFAULTS.activityWeekDonationMin.source)).toBe(
      '常委〔2012〕5号 第二十四条',
    );
    expect(formatPolicySource(MEMBER_POLICY_DEFAULTS.pointsStarThresholds.source)).toBe(
      '岳阳市委组织部2015年基层党建通知 第六部分',
    );
  });

  it('holds the 2008 dues table: 0.5 % to 3000 yuan, 1 % to 5000, 1.5 % to 10000, 2 % above', () => {
    expect(
      MEMBER_POLICY_VALUES.duesSalariedBrackets.map((b) => [b.upToFen, b.rateBasisPoints]),
    ).toEqual([
      [300_000, 50],
      [500_000, 100],
      [1_000_000, 150],
      [null, 200],
    ]);
  });

  it('rejects a dues table whose bounds do not increase or whose last bracket is bounded', () => {
    expect(
      errorOf(() =>
        parseInput(duesBracketsSchema, [
          { upToFen: 500_000, rateBasisPoints: 50 },
          { upToFen: 300_000, rateBasisPoints: 100 },
          { upToFen: null, rateBasisPoints: 100 },
        ]),
      ),
    ).toBe('INVALID_INPUT:[1].upToFen');
    expect(
      errorOf(() => parseInput(duesBracketsSchema, [{ upToFen: 1, rateBasisPoints: 50 }])),
    ).toBe('INVALID_INPUT:[0].upToFen');
  });

  it('rejects star thresholds that do not increase', () => {
    expect(MEMBER_POLICY_VALUE_SCHEMAS.pointsStarThresholds.safeParse([60, 60, 80]).success).toBe(
      false,
    );
  });
});
