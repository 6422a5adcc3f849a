import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { MEMBER_POLICY_VALUES } from './member-policy';
import {
  assertSchemeWithinCounty,
  branchPointsTotals,
  rankByTotal,
  schemeIssuesAgainstCounty,
  starRating,
  validatePointsAward,
} from './points';
import type { PointsAward, PointsSchemeInput } from './points';

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

const county: PointsSchemeInput = {
  level: 'county',
  regionCode: '430702000000',
  year: 2015,
  basePoints: 60,
  items: [
    { code: 'life', label: '参加组织生活', points: 2, yearCap: 24, awarders: ['branch'] },
    {
      code: 'service',
      label: '志愿服务',
      points: 5,
      yearCap: null,
      awarders: ['branch', 'township'],
    },
    { code: 'honour', label: '受到乡镇以上表彰', points: 10, yearCap: 20, awarders: ['township'] },
    { code: 'absent', label: '无故缺席组织生活', points: -3, yearCap: 12, awarders: ['branch'] },
  ],
};
const award = (
  memberId: string,
  itemCode: string,
  awardedOn: string,
  awarder: PointsAward['awarder'] = 'branch',
): PointsAward => ({
  memberId,
  itemCode,
  awardedOn,
  awarder,
});

describe('积分: awards against the scheme (党员管理积分制)', () => {
  it('returns the points of a valid award, negative for a deduction', () => {
    expect(validatePointsAward(county, award('m1', 'life', '2015-03-01'))).toBe(2);
    expect(validatePointsAward(county, award('m1', 'absent', '2015-03-01'))).toBe(-3);
  });

  it('refuses an unknown item, a wrong awarder and a date outside the year', () => {
    expect(errorOf(() => validatePointsAward(county, award('m1', 'nope', '2015-03-01')))).toBe(
      'UNKNOWN_VALUE:itemCode',
    );
    expect(
      errorOf(() => validatePointsAward(county, award('m1', 'honour', '2015-03-01', 'branch'))),
    ).toBe('RULE_VIOLATION:awarder');
    expect(errorOf(() => validatePointsAward(county, award('m1', 'life', '2016-01-01')))).toBe(
      'RULE_VIOLATION:awardedOn',
    );
  });

  it('allows awards up to the yearly cap exactly and refuses the one that would pass it', () => {
    const eleven = Array.from({ length: 11 }, (_, i) =>
      award('m1', 'life', `2015-${String(i + 1).padStart(2, '0')}-05`),
    );
    expect(validatePointsAward(county, award('m1', 'life', '2015-12-05'), eleven)).toBe(2);
    const twelve = [...eleven, award('m1', 'life', '2015-12-05')];
    expect(
      errorOf(() => validatePointsAward(county, award('m1', 'life', '2015-12-20'), twelve)),
    ).toBe('RULE_VIOLATION:itemCode');
  });

  it('counts the cap per member and per item (another member or item does not use it)', () => {
    const others = [
      award('m2', 'honour', '2015-01-01', 'township'),
      award('m2', 'honour', '2015-02-01', 'township'),
    ];
    expect(
      validatePointsAward(county, award('m1', 'honour', '2015-03-01', 'township'), others),
    ).toBe(10);
  });

  it('caps deductions by their size too', () => {
    const four = Array.from({ length: 4 }, () => award('m1', 'absent', '2015-05-01'));
    expect(
      errorOf(() => validatePointsAward(county, award('m1', 'absent', '2015-06-01'), four)),
    ).toBe('RULE_VIOLATION:itemCode');
  });

  it('never caps an item without a cap', () => {
    const many = Array.from({ length: 50 }, () => award('m1', 'service', '2015-05-01'));
    expect(validatePointsAward(county, award('m1', 'service', '2015-06-01'), many)).toBe(5);
  });

  it('rejects a scheme with a repeated item code, a zero item or a cap below one award', () => {
    const items = county.items;
    expect(
      errorOf(() =>
        validatePointsAward(
          { ...county, items: [...items, { ...items[0], label: 'x' } as (typeof items)[number]] },
          award('m1', 'life', '2015-03-01'),
        ),
      ),
    ).toBe('INVALID_INPUT:items[4].code');
    expect(
      errorOf(() =>
        validatePointsAward(
          {
            ...county,
            items: [{ code: 'z', label: 'z', points: 0, yearCap: null, awarders: ['branch'] }],
          },
          award('m1', 'z', '2015-03-01'),
        ),
      ),
    ).toBe('INVALID_INPUT:items[0].points');
    expect(
      errorOf(() =>
        validatePointsAward(
          {
            ...county,
            items: [{ code: 'z', label: 'z', points: 5, yearCap: 4, awarders: ['branch'] }],
          },
          award('m1', 'z', '2015-03-01'),
        ),
      ),
    ).toBe('INVALID_INPUT:items[0].yearCap');
  });
});

describe('星级 and ranking', () => {
  it('gives as many stars as thresholds reached, a threshold itself included', () => {
    expect([59, 60, 69, 70, 94, 95, 200].map((t) => starRating(t, v))).toEqual([
      0, 1, 1, 2, 4, 5, 5,
    ]);
    expect(starRating(10, { pointsStarThresholds: [10, 20] })).toBe(1);
  });

  it('ranks by total with ties sharing a rank and the next rank skipping', () => {
    const ranked = rankByTotal([
      { memberId: 'c', total: 95 },
      { memberId: 'a', total: 100 },
      { memberId: 'b', total: 95 },
      { memberId: 'd', total: 90 },
    ]);
    expect(ranked.map((r) => [r.memberId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
    expect(
      rankByTotal([
        { memberId: 'x', total: 1 },
        { memberId: 'y', total: 1 },
      ]).map((r) => r.rank),
    ).toEqual([1, 1]);
    expect(rankByTotal([])).toEqual([]);
  });

  it('totals a branch year from the base points, with stars and ranks; members without awards keep the base', () => {
    const awards = [
      award('m1', 'service', '2015-04-01'),
      award('m1', 'honour', '2015-05-01', 'township'),
      award('m2', 'absent', '2015-02-01'),
      award('m3', 'service', '2015-06-01', 'township'),
      award('m3', 'service', '2015-07-01'),
    ];
    const rows = branchPointsTotals(county, ['m1', 'm2', 'm3', 'm4'], awards, v);
    expect(rows.map((r) => [r.memberId, r.total, r.stars, r.rank])).toEqual([
      ['m1', 75, 2, 1],
      ['m3', 70, 2, 2],
      ['m4', 60, 1, 3],
      ['m2', 57, 0, 4],
    ]);
  });

  it('checks the awards in date order and names the first bad one by its position', () => {
    const awards = [
      award('m1', 'honour', '2015-09-01', 'township'),
      award('m1', 'honour', '2015-02-01', 'township'),
      award('m1', 'honour', '2015-03-01', 'township'),
    ];
    expect(errorOf(() => branchPointsTotals(county, ['m1'], awards, v))).toBe(
      'RULE_VIOLATION:awards[0].itemCode',
    );
    expect(
      errorOf(() => branchPointsTotals(county, ['m1'], [award('m9', 'life', '2015-01-01')], v)),
    ).toBe('RULE_VIOLATION:awards[0].memberId');
  });
});

describe('a township scheme within its county scheme', () => {
  const township: PointsSchemeInput = {
    level: 'township',
    regionCode: '430702001000',
    year: 2015,
    basePoints: 60,
    items: [
      { code: 'life', label: '参加组织生活', points: 2, yearCap: 20, awarders: ['branch'] },
      { code: 'service', label: '志愿服务', points: 3, yearCap: 30, awarders: ['township'] },
    ],
  };

  it('accepts a subset of items with caps and points no higher and fewer awarders', () => {
    expect(schemeIssuesAgainstCounty(township, county)).toEqual([]);
    expect(() => {
      assertSchemeWithinCounty(township, county);
    }).not.toThrow();
  });

  it('refuses an item the county does not have', () => {
    const extra = {
      ...township,
      items: [
        ...township.items,
        { code: 'new', label: '新项目', points: 1, yearCap: null, awarders: ['branch' as const] },
      ],
    };
    expect(schemeIssuesAgainstCounty(extra, county).map((i) => i.field)).toEqual(['items[2].code']);
    expect(errorOf(() => assertSchemeWithinCounty(extra, county))).toBe(
      'RULE_VIOLATION:items[2].code',
    );
  });

  it('refuses larger points, a flipped sign, a higher cap, an uncapped capped item and a foreign awarder', () => {
    const bad: PointsSchemeInput = {
      ...township,
      items: [
        { code: 'life', label: 'x', points: 3, yearCap: 25, awarders: ['branch', 'township'] },
        { code: 'absent', label: 'x', points: 3, yearCap: null, awarders: ['branch'] },
      ],
    };
    expect(schemeIssuesAgainstCounty(bad, county).map((i) => i.field)).toEqual([
      'items[0].points',
      'items[0].yearCap',
      'items[0].awarders',
      'items[1].points',
      'items[1].yearCap',
    ]);
  });

  it('allows capping an item the county left uncapped', () => {
    expect(
      schemeIssuesAgainstCounty(
        {
          ...township,
          items: [{ code: 'service', label: 'x', points: 5, yearCap: 50, awarders: ['branch'] }],
        },
        county,
      ),
    ).toEqual([]);
  });

  it('refuses another year, a township outside the county, a higher base and swapped levels', () => {
    const issues = schemeIssuesAgainstCounty(
      { ...township, year: 2016, regionCode: '430703001000', basePoints: 61 },
      county,
    );
    expect(issues.map((i) => i.field)).toEqual(['year', 'regionCode', 'basePoints']);
    expect(
      schemeIssuesAgainstCounty(county, { ...township, level: 'county' }).map((i) => i.field)[0],
    ).toBe('level');
  });
});
