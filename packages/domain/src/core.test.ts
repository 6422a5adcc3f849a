import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addDays,
  chinaToday,
  dayNumber,
  daysBetween,
  fromDayNumber,
  fullYearsBetween,
  quarterOf,
  weekStart,
  yearOf,
} from './dates';
import { DomainError, isDomainError } from './errors';
import { isHighSchoolOrAbove, partyOrgSchema, personSchema } from './models';
import { fenSchema, formatYuan, yuanToFen } from './money';
import {
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  GRADES,
  GRADE_LABELS,
  ORG_KIND_LABELS,
  gradeSchema,
} from './orgs';
import { meetsPercent, percentOfCount, rate } from './rates';
import {
  isWithinRegion,
  normalizeRegionCode,
  parentRegionCode,
  regionCodeRange,
  regionLevelOf,
  regionPrefix,
  townshipKindFromName,
  villageKindFromName,
  childRegionLevel,
} from './regions';
import {
  configureChineseValidation,
  describeField,
  fieldPath,
  isoDateSchema,
  pagingSchema,
  parseInput,
  summarizeIssues,
  toFieldIssues,
} from './validation';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

describe('regions', () => {
  it('pads short codes and rejects malformed ones', () => {
    expect(normalizeRegionCode('4307')).toBe('430700000000');
    expect(normalizeRegionCode('430702101')).toBe('430702101000');
    expect(errorOf(() => normalizeRegionCode('43070'))).toBe('INVALID_INPUT:regionCode');
    expect(errorOf(() => normalizeRegionCode('43a7'))).toBe('INVALID_INPUT:regionCode');
  });
  it('reads the level from the trailing zeros', () => {
    expect(
      ['430000000000', '430700000000', '430702000000', '430702101000', '430702101201'].map(
        regionLevelOf,
      ),
    ).toEqual(['province', 'city', 'county', 'township', 'village']);
    expect(errorOf(() => regionLevelOf('4307'))).toBe('INVALID_INPUT:regionCode');
  });
  it('prefix, parent, containment and SQL range agree', () => {
    expect(regionPrefix('430702000000')).toBe('430702');
    expect(parentRegionCode('430702101201')).toBe('430702101000');
    expect(parentRegionCode('430000000000')).toBeNull();
    expect(isWithinRegion('430702101201', '430700000000')).toBe(true);
    expect(isWithinRegion('430602101201', '430700000000')).toBe(false);
    expect(regionCodeRange('430702000000')).toEqual({ from: '430702000000', to: '430702999999' });
  });
  it('tells villages from communities and towns from streets by name', () => {
    expect([villageKindFromName('桃花村委会'), villageKindFromName('城东社区居委会')]).toEqual([
      'village',
      'community',
    ]);
    expect([
      townshipKindFromName('武陵镇'),
      townshipKindFromName('丹阳街道'),
      townshipKindFromName('某开发区'),
    ]).toEqual(['town', 'street', 'other']);
  });
});

describe('orgs', () => {
  it('has four grades best to worst with Chinese labels, and nine field categories', () => {
    expect(GRADES.map((g) => GRADE_LABELS[g])).toEqual(['好', '较好', '一般', '较差']);
    expect(FIELD_CATEGORIES.length).toBe(9);
    expect(FIELD_CATEGORY_LABELS.non_public).toBe('非公有制经济组织');
    expect(ORG_KIND_LABELS.general_branch).toBe('党总支');
    expect(gradeSchema.safeParse('excellent').success).toBe(false);
  });
});

describe('validation helpers', () => {
  it('prints paths and labels', () => {
    expect(fieldPath(['secretaries', 2, 'grade'])).toBe('secretaries[2].grade');
    expect(describeField(['secretaries', 2, 'grade'])).toBe('等次（secretaries[2].grade）');
    expect(describeField(['unlabelled'])).toBe('unlabelled');
    expect(describeField([])).toBe('输入');
    expect(describeField([0])).toBe('[0]');
  });
  it('turns zod issues into field issues and a sentence', () => {
    const r = z
      .object({
        pageSize: z.number().max(2, '过大'),
        items: z.array(z.object({ code: z.string().min(2, '太短') })),
      })
      .safeParse({ pageSize: 3, items: [{ code: 'x' }] });
    const issues = r.error?.issues ?? [];
    expect(toFieldIssues(issues)).toEqual([
      { field: 'pageSize', label: '每页条数（pageSize）', message: '过大' },
      { field: 'items[0].code', label: '区划代码（items[0].code）', message: '太短' },
    ]);
    expect(summarizeIssues(issues)).toBe(
      '每页条数（pageSize）：过大；区划代码（items[0].code）：太短',
    );
    expect(
      toFieldIssues(z.object({ zz: z.number() }).safeParse({ zz: 'a' }).error?.issues ?? [])[0]
        ?.field,
    ).toBe('zz');
  });
  it('parseInput maps issue kinds to error codes and writes Chinese messages', () => {
    const schema = z.object({ list: z.array(z.number()).min(1), g: gradeSchema.optional() });
    expect(errorOf(() => parseInput(schema, { list: [] }))).toBe('EMPTY_INPUT:list');
    expect(errorOf(() => parseInput(schema, { list: [1], g: 'x' }))).toBe('UNKNOWN_VALUE:g');
    expect(errorOf(() => parseInput(schema, null))).toBe('INVALID_INPUT:input');
    expect(() => parseInput(schema, { list: ['a'] })).toThrow(DomainError);
    expect(() => parseInput(schema, { list: ['a'] })).toThrow(/期望/);
    expect(parseInput(schema, { list: [1] })).toEqual({ list: [1] });
  });
  it('paging defaults and caps', () => {
    expect(pagingSchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(pagingSchema.safeParse({ pageSize: 201 }).success).toBe(false);
  });
  it('dates must be real calendar dates', () => {
    expect(isoDateSchema.safeParse('2016-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2015-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2015-2-1').success).toBe(false);
  });
  it('Chinese zod messages can be switched on globally, once', () => {
    configureChineseValidation();
    configureChineseValidation();
    expect(z.number().safeParse('x').error?.issues[0]?.message).toMatch(/期望/);
  });
});

describe('money', () => {
  it('fen are non-negative safe integers', () => {
    expect(fenSchema.safeParse(0).success).toBe(true);
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])
      expect(fenSchema.safeParse(bad).success).toBe(false);
  });
  it('yuan convert to fen exactly or are rejected', () => {
    expect([yuanToFen(60_000), yuanToFen(12.34), yuanToFen(0.1 + 0.2)]).toEqual([
      6_000_000, 1_234, 30,
    ]);
    expect(errorOf(() => yuanToFen(-1, 'poolYuan'))).toBe('INVALID_INPUT:poolYuan');
    expect(errorOf(() => yuanToFen(1.234))).toBe('INVALID_INPUT:yuan');
    expect(errorOf(() => yuanToFen(Number.NaN))).toBe('INVALID_INPUT:yuan');
  });
  it('formats fen as yuan', () => {
    expect([formatYuan(600_000), formatYuan(5), formatYuan(-1_234)]).toEqual([
      '6000.00',
      '0.05',
      '-12.34',
    ]);
  });
});

describe('rates', () => {
  it('rounds percentages half-up to two decimals; 0/0 is null', () => {
    expect([
      rate(1, 3).percent,
      rate(2, 3).percent,
      rate(1, 8).percent,
      rate(0, 5).percent,
      rate(0, 0).percent,
    ]).toEqual([33.33, 66.67, 12.5, 0, null]);
    expect(rate(1, 200_000).percent).toBe(0); // 0.0005 % rounds down to 0.00
    expect(rate(1, 20_000).percent).toBe(0.01); // 0.005 % rounds half-up to 0.01
    expect(errorOf(() => rate(-1, 2))).toBe('INVALID_INPUT:numerator');
    expect(errorOf(() => rate(1, 1.5))).toBe('INVALID_INPUT:denominator');
  });
  it('compares against a percentage exactly', () => {
    expect([
      meetsPercent(9, 10, 90),
      meetsPercent(8, 9, 90),
      meetsPercent(0, 0, 90),
      meetsPercent(1, 8, 12.5),
    ]).toEqual([true, false, true, true]);
    expect(errorOf(() => meetsPercent(1, 2, 12.345))).toBe('INVALID_INPUT:percent');
    expect(errorOf(() => meetsPercent(1, 2, -5))).toBe('INVALID_INPUT:percent');
  });
  it('a percentage of a count rounds as told', () => {
    expect([
      percentOfCount(25, 10, 'ceil'),
      percentOfCount(25, 10, 'round'),
      percentOfCount(25, 10, 'floor'),
    ]).toEqual([3, 3, 2]);
    expect([
      percentOfCount(24, 10, 'ceil'),
      percentOfCount(24, 10, 'round'),
      percentOfCount(24, 10, 'floor'),
    ]).toEqual([3, 2, 2]);
    expect([
      percentOfCount(40, 5, 'ceil'),
      percentOfCount(0, 10, 'ceil'),
      percentOfCount(7, 12.5, 'round'),
    ]).toEqual([2, 0, 1]);
  });
});

describe('dates', () => {
  it("counts today in China's calendar: from 16:00 UTC it is already the next day", () => {
    expect(chinaToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(chinaToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(chinaToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('day arithmetic in UTC', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(addDays('2015-12-31', 1)).toBe('2016-01-01');
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2);
    expect(yearOf('2015-07-01')).toBe(2015);
    expect(errorOf(() => dayNumber('2015-02-30', 'deadline'))).toBe('INVALID_INPUT:deadline');
  });
  it('completed years use the anniversary; 29 February turns over on 28 February', () => {
    expect(fullYearsBetween('2010-03-15', '2016-03-14')).toBe(5);
    expect(fullYearsBetween('2010-03-15', '2016-03-15')).toBe(6);
    expect(fullYearsBetween('2012-02-29', '2013-02-27')).toBe(0);
    expect(fullYearsBetween('2012-02-29', '2013-02-28')).toBe(1);
    expect(fullYearsBetween('2010-05-01', '2016-04-30')).toBe(5);
  });
  it('quarters and Monday week starts, across year ends', () => {
    expect(['2015-01-01', '2015-03-31', '2015-04-01', '2015-12-31'].map(quarterOf)).toEqual([
      1, 1, 2, 4,
    ]);
    expect(weekStart('2015-01-01')).toBe('2014-12-29');
    expect(weekStart('2015-01-05')).toBe('2015-01-05');
    expect(weekStart('2015-01-11')).toBe('2015-01-05');
    expect(weekStart('1969-12-31')).toBe('1969-12-29');
  });
});

describe('models', () => {
  it('validates an org and its term order', () => {
    const org = {
      id: 'o',
      name: '桃花村党支部',
      regionCode: '430702101201',
      kind: 'branch',
      category: 'rural',
      memberCount: 30,
      secretaryId: 's',
      termStart: '2014-01-01',
      termEnd: '2016-12-31',
    };
    expect(partyOrgSchema.parse(org).memberCount).toBe(30);
    expect(errorOf(() => parseInput(partyOrgSchema, { ...org, termEnd: '2013-12-31' }))).toBe(
      'INVALID_INPUT:termEnd',
    );
    expect(partyOrgSchema.safeParse({ ...org, termStart: null }).success).toBe(true);
  });
  it('validates people', () => {
    const p = {
      id: 'p',
      name: '张三',
      regionCode: '430702101201',
      roles: ['village_secretary'],
      idNumber: '43070219800101123X',
      phone: '13812345678',
    };
    expect(personSchema.parse(p).roles).toEqual(['village_secretary']);
    expect(errorOf(() => parseInput(personSchema, { ...p, phone: '12345' }))).toBe(
      'INVALID_INPUT:phone',
    );
  });
  it('high school or above', () => {
    expect([
      isHighSchoolOrAbove('junior_high'),
      isHighSchoolOrAbove('high_school'),
      isHighSchoolOrAbove('postgraduate'),
    ]).toEqual([false, true, true]);
  });
});

describe('childRegionLevel', () => {
  it('goes one level down the tree and stops below a village', () => {
    expect(childRegionLevel('city')).toBe('county');
    expect(childRegionLevel('township')).toBe('village');
    expect(childRegionLevel('village')).toBeNull();
  });
});
