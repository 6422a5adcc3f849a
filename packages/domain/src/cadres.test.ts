import { describe, expect, it } from 'vitest';
import {
  assertNominationAllowed,
  assertPreFiledBeforeAdmission,
  assertStageAdvance,
  checkDevelopmentQuota,
  checkGraduateOfficials,
  checkReserveCadres,
  checkRuralNewMemberStructure,
  checkStagnantVillages,
  preFilingReasons,
  youngLeaderLedger,
} from './cadres';
import { isDomainError } from './errors';
import type { EducationLevel } from './models';
import { DONGGUAN_POLICY_SET, resolvePolicy } from './policy';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const changde = resolvePolicy([], '430700000000', 2012);
const dongguan = resolvePolicy([DONGGUAN_POLICY_SET], '441900000000', 2015);

describe('reserve cadres (001 §8 one per village; 003 §3.2 about two per post in problem villages)', () => {
  const villages = [
    { id: 'ok', reserveCount: 1 },
    { id: 'none', reserveCount: 0 },
    { id: 'problem', problemVillage: true, reserveCount: 1 },
  ];
  it('default: one per village, problem villages included', () => {
    const r = checkReserveCadres({ villages }, changde);
    expect(r.lines.map((l) => [l.villageId, l.required, l.shortfall])).toEqual([
      ['ok', 1, 0],
      ['none', 1, 1],
      ['problem', 1, 0],
    ]);
    expect(r.short.map((l) => l.villageId)).toEqual(['none']);
  });
  it('Dongguan: a problem village needs 2 per secretary post', () => {
    const r = checkReserveCadres(
      {
        villages: [
          ...villages,
          { id: 'two-posts', problemVillage: true, secretaryPosts: 2, reserveCount: 3 },
        ],
      },
      dongguan,
    );
    expect(r.lines.map((l) => [l.villageId, l.required, l.shortfall])).toEqual([
      ['ok', 1, 0],
      ['none', 1, 1],
      ['problem', 2, 1],
      ['two-posts', 4, 1],
    ]);
  });
});

describe('ledger of village leaders aged 35 and under (001 §8)', () => {
  it('includes those who are 35 on the date, excludes those who turned 36', () => {
    const people = [
      { id: 'turns35today', birthDate: '1980-06-01' },
      { id: 'turns36tomorrow', birthDate: '1979-06-02' },
      { id: 'turned36today', birthDate: '1979-06-01' },
    ];
    expect(youngLeaderLedger({ asOf: '2015-06-01', people }, changde)).toEqual([
      'turns35today',
      'turns36tomorrow',
    ]);
  });
});

describe('member development quota (001 §11)', () => {
  it('an excess must be reported; an unreported excess is a violation', () => {
    const r = checkDevelopmentQuota(
      {
        units: [
          { id: 'A', kind: 'county', quota: 300, developed: 320, excessReported: true },
          { id: 'B', kind: 'county', quota: 200, developed: 210 },
          { id: 'U', kind: 'university', quota: 100, developed: 100 },
        ],
      },
      changde,
    );
    expect(r.units.map((u) => [u.id, u.excess, u.mustReport, u.unreportedExcess])).toEqual([
      ['A', 20, true, false],
      ['B', 10, true, true],
      ['U', 0, false, false],
    ]);
    expect([r.violations, r.totalQuota, r.totalDeveloped, r.cityQuota]).toEqual([
      ['B'],
      600,
      630,
      5000,
    ]);
  });
});

describe('rural new member structure (001 §11): ≥80 % aged ≤35 and ≥80 % high school+', () => {
  const member = (id: string, birthDate: string, education: EducationLevel, preFiled = false) => ({
    id,
    birthDate,
    education,
    admittedOn: '2012-07-01',
    preFiled,
  });
  const young = (i: number) => member(`y${i}`, '1985-01-01', 'high_school');
  it('8 of 10 meets both exactly; the other two must be pre-filed', () => {
    const r = checkRuralNewMemberStructure(
      {
        members: [
          ...Array.from({ length: 8 }, (_, i) => young(i)),
          member('old', '1976-06-30', 'bachelor', true),
          member('low', '1990-01-01', 'junior_high'),
        ],
      },
      changde,
    );
    expect([r.young.percent, r.highSchoolOrAbove.percent, r.youngMet, r.educationMet]).toEqual([
      90,
      90,
      true,
      true,
    ]);
    expect([r.needPreFiling, r.notPreFiled]).toEqual([['old', 'low'], ['low']]);
  });
  it('36 at admission is not "35 and under"; 7 of 10 is below 80 %', () => {
    const r = checkRuralNewMemberStructure(
      {
        members: [
          ...Array.from({ length: 7 }, (_, i) => young(i)),
          member('o1', '1976-07-01', 'high_school'), // 36 on 2012-07-01
          member('o2', '1970-01-01', 'primary_or_below'),
          member('o3', '1977-07-01', 'college'), // 35 on 2012-07-01
        ],
      },
      changde,
    );
    expect([r.young.numerator, r.youngMet, r.highSchoolOrAbove.numerator, r.educationMet]).toEqual([
      8,
      true,
      9,
      true,
    ]);
    const fewer = checkRuralNewMemberStructure(
      {
        members: [
          ...Array.from({ length: 7 }, (_, i) => young(i)),
          member('a', '1960-01-01', 'college'),
          member('b', '1960-01-01', 'college'),
          member('c', '1960-01-01', 'college'),
        ],
      },
      changde,
    );
    expect(fewer.youngMet).toBe(false);
  });
  it('no new members: targets vacuously met, rates undefined', () => {
    const r = checkRuralNewMemberStructure({ members: [] }, changde);
    expect([r.youngMet, r.educationMet, r.young.percent]).toEqual([true, true, null]);
  });
  it('rejects an unknown education level', () => {
    expect(
      errorOf(() =>
        checkRuralNewMemberStructure(
          { members: [member('x', '1990-01-01', 'phd' as EducationLevel)] },
          changde,
        ),
      ),
    ).toBe('UNKNOWN_VALUE:members[0].education');
  });
});

describe('the two-year rule (001 §11)', () => {
  it('two years without a new member: must develop one this year, and the secretary cannot be nominated', () => {
    const r = checkStagnantVillages(
      {
        year: 2015,
        villages: [
          {
            id: 'X',
            history: [
              { year: 2012, developed: 1 },
              { year: 2013, developed: 0 },
              { year: 2014, developed: 0 },
              { year: 2015, developed: 1 },
            ],
          },
          {
            id: 'Y',
            history: [
              { year: 2013, developed: 0 },
              { year: 2014, developed: 2 },
            ],
          },
          { id: 'W', history: [{ year: 2014, developed: 0 }], termStartYear: 2013 },
          { id: 'Z', history: [] },
        ],
      },
      changde,
    );
    expect(
      r.villages.map((v) => [
        v.villageId,
        v.streakBeforeYear,
        v.mustDevelopThisYear,
        v.obligationMet,
        v.secretaryNominationBarred,
      ]),
    ).toEqual([
      ['X', 2, true, true, true],
      ['Y', 0, false, null, false],
      ['W', 2, true, false, true],
      ['Z', 0, false, null, false],
    ]);
  });
  it('one year without members is not yet a streak; the bar counts the current year too', () => {
    const r = checkStagnantVillages(
      {
        year: 2015,
        villages: [
          {
            id: 'V',
            history: [
              { year: 2013, developed: 3 },
              { year: 2014, developed: 0 },
            ],
          },
        ],
      },
      changde,
    );
    expect(r.villages[0]).toMatchObject({
      streakBeforeYear: 1,
      mustDevelopThisYear: false,
      developedThisYear: 0,
      secretaryNominationBarred: true,
    });
  });
});

describe('college-graduate village officials (001 §6): ≥5 per county, ≥1 year in the village', () => {
  it('counts selections this year with a full year of service', () => {
    const ok = (id: string) => ({
      id,
      inVillageSince: '2011-03-01',
      selectedOn: '2012-03-01',
      post: 'secretary' as const,
    });
    const r = checkGraduateOfficials(
      {
        year: 2012,
        counties: [
          { countyCode: '430702000000', officials: ['a', 'b', 'c', 'd', 'e'].map(ok) },
          {
            countyCode: '430703000000',
            officials: [
              ok('f'),
              {
                id: 'short',
                inVillageSince: '2011-03-02',
                selectedOn: '2012-03-01',
                post: 'deputy_secretary',
              },
              {
                id: 'last-year',
                inVillageSince: '2009-01-01',
                selectedOn: '2011-12-31',
                post: 'secretary',
              },
              { id: 'not-selected', inVillageSince: '2009-01-01', selectedOn: null, post: null },
            ],
          },
        ],
      },
      changde,
    );
    expect(
      r.counties.map((c) => [c.countyCode, c.qualifying, c.shortfall, c.ineligibleSelections]),
    ).toEqual([
      ['430702000000', 5, 0, []],
      ['430703000000', 1, 4, ['short']],
    ]);
  });
});

describe('developing a member: one step at a time (申请 → 积极分子 → 发展对象 → 预备党员 → 正式党员)', () => {
  it('moves forward one step on or after the current step date', () => {
    expect(() =>
      assertStageAdvance({
        from: 'candidate',
        to: 'probationary',
        since: '2026-03-01',
        on: '2026-03-01',
      }),
    ).not.toThrow();
  });
  it('refuses skipping or going back, naming the stage, and a date before the current step', () => {
    expect(
      errorOf(() =>
        assertStageAdvance({
          from: 'applicant',
          to: 'candidate',
          since: '2026-01-01',
          on: '2026-05-01',
        }),
      ),
    ).toBe('RULE_VIOLATION:stage');
    expect(
      errorOf(() =>
        assertStageAdvance({
          from: 'full',
          to: 'probationary',
          since: '2026-01-01',
          on: '2026-05-01',
        }),
      ),
    ).toBe('RULE_VIOLATION:stage');
    expect(
      errorOf(() =>
        assertStageAdvance({
          from: 'activist',
          to: 'candidate',
          since: '2026-05-02',
          on: '2026-05-01',
        }),
      ),
    ).toBe('RULE_VIOLATION:on');
  });
});

describe('pre-filing of rural exceptions with the city (001 §11 事前报市委组织部备案)', () => {
  const young = {
    birthDate: '1991-05-01',
    education: 'high_school' as const,
    admittedOn: '2026-05-01',
    rural: true,
  };
  it('35 on the admission day and high school: nothing to file; 36 or junior high: filed', () => {
    expect(preFilingReasons(young, changde)).toEqual([]);
    expect(preFilingReasons({ ...young, birthDate: '1990-05-01' }, changde)).toEqual(['over_age']);
    expect(
      preFilingReasons({ ...young, birthDate: '1980-01-01', education: 'junior_high' }, changde),
    ).toEqual(['over_age', 'below_high_school']);
  });
  it('only rural members are concerned', () => {
    expect(
      preFilingReasons({ ...young, education: 'primary_or_below', rural: false }, changde),
    ).toEqual([]);
  });
  it('an exception is admitted only when filed on or before the admission day', () => {
    const old = { ...young, birthDate: '1970-01-01' };
    expect(errorOf(() => assertPreFiledBeforeAdmission(old, changde))).toBe(
      'RULE_VIOLATION:preFiledOn',
    );
    expect(
      errorOf(() => assertPreFiledBeforeAdmission({ ...old, preFiledOn: '2026-05-02' }, changde)),
    ).toBe('RULE_VIOLATION:preFiledOn');
    expect(assertPreFiledBeforeAdmission({ ...old, preFiledOn: '2026-05-01' }, changde)).toEqual([
      'over_age',
    ]);
    expect(assertPreFiledBeforeAdmission(young, changde)).toEqual([]);
  });
});

describe('the nomination bar of the two-year rule (001 §11)', () => {
  it('a barred village cannot re-elect its sitting secretary; another person, or an unbarred village, can', () => {
    expect(
      errorOf(() =>
        assertNominationAllowed({ nomineeId: 's', currentSecretaryId: 's', barred: true }),
      ),
    ).toBe('RULE_VIOLATION:secretaryId');
    expect(() =>
      assertNominationAllowed({ nomineeId: 'n', currentSecretaryId: 's', barred: true }),
    ).not.toThrow();
    expect(() =>
      assertNominationAllowed({ nomineeId: 's', currentSecretaryId: 's', barred: false }),
    ).not.toThrow();
  });
});
