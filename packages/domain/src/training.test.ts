import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { citeParameter, resolvePolicy } from './policy';
import {
  assertTrainingClassAllowed,
  checkYearlyClasses,
  isNewSecretary,
  isQualifyingSpecialTraining,
  trainingCoverage,
  trainingCoverageFromCounts,
  unfulfilledDutyStatus,
  trainingEligibility,
  attendanceSummary,
  classDays,
  classTiming,
  orderClassesForTrainee,
  timeOfDay,
  timeOfDaySchema,
  trainingClassSchema,
} from './training';
import type { TrainingCoverageInput } from './training';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const policy = resolvePolicy([], '430600000000', 2015);
const T1 = '430602001000';
const T2 = '430602002000';

const input: TrainingCoverageInput = {
  year: 2015,
  asOf: '2015-09-01',
  secretaries: [
    { id: 'v1', regionCode: `${T1.slice(0, 9)}201`, post: 'village', appointedOn: '2012-01-01' },
    { id: 'v2', regionCode: `${T1.slice(0, 9)}202`, post: 'community', appointedOn: '2013-05-01' },
    { id: 'v3', regionCode: `${T2.slice(0, 9)}201`, post: 'village', appointedOn: '2015-03-01' },
    { id: 'o4', regionCode: T2, post: 'other', appointedOn: '2010-01-01' },
    { id: 'v5', regionCode: `${T2.slice(0, 9)}203`, post: 'village', appointedOn: '2015-08-01' },
    { id: 'v6', regionCode: T2, post: 'village', appointedOn: '2016-01-01' },
  ],
  records: [
    { personId: 'v1', kind: 'rotation', completedOn: '2015-06-30', days: 3 },
    { personId: 'v2', kind: 'rotation', completedOn: '2015-07-01', days: 3 },
    { personId: 'v3', kind: 'special', completedOn: '2015-03-10', days: 3 },
    { personId: 'o4', kind: 'rotation', completedOn: '2014-11-01', days: 3 },
    { personId: 'v5', kind: 'special', completedOn: '2015-08-10', days: 2 },
    { personId: 'v5', kind: 'reserve', completedOn: '2015-08-20', days: 5 },
  ],
};

describe('training duties (000 §2, 002 §3)', () => {
  const r = trainingCoverage(input, policy);
  const duties = (id: string) =>
    Object.fromEntries(
      r.people.find((p) => p.personId === id)?.duties.map((d) => [d.duty, d.status]) ?? [],
    );

  it('rotation finished by 30 June counts; on 1 July it is late', () => {
    expect(duties('v1')).toEqual({ rotation_first_half: 'done', annual: 'done' });
    expect(duties('v2')).toEqual({ rotation_first_half: 'late', annual: 'done' });
  });

  it('a new secretary owes ≥3 days of special training; that training also counts as the annual one', () => {
    expect(duties('v3')).toEqual({
      rotation_first_half: 'overdue',
      annual: 'done',
      new_secretary_special: 'done',
    });
  });

  it('other-field secretaries owe only the annual training; last year’s record does not count', () => {
    expect(duties('o4')).toEqual({ annual: 'pending' });
  });

  it('appointed after the rotation deadline: no rotation duty; a 2-day class counts as a training but not as the ≥3-day special one', () => {
    expect(duties('v5')).toEqual({ annual: 'done', new_secretary_special: 'pending' });
    expect(r.people.find((p) => p.personId === 'v5')?.missing).toEqual(['new_secretary_special']);
  });

  it('reserve-cadre training does not count as a secretary’s annual training', () => {
    const only = trainingCoverage(
      {
        ...input,
        records: [{ personId: 'o4', kind: 'reserve', completedOn: '2015-03-01', days: 5 }],
      },
      policy,
    );
    expect(only.people.find((p) => p.personId === 'o4')?.missing).toEqual(['annual']);
  });

  it('people appointed after the year owe nothing that year', () => {
    expect(r.people.map((p) => p.personId)).toEqual(['v1', 'v2', 'v3', 'o4', 'v5']);
  });

  it('summarises per township', () => {
    expect(
      r.regions.map((g) => [
        g.regionCode,
        g.duties.map((d) => [d.required, d.fulfilled, d.overdue]),
      ]),
    ).toEqual([
      [
        T1,
        [
          [2, 2, 0],
          [2, 2, 0],
          [0, 0, 0],
        ],
      ],
      [
        T2,
        [
          [1, 0, 1],
          [3, 2, 0],
          [2, 1, 0],
        ],
      ],
    ]);
    expect(r.basis.map((b) => b.source)).toEqual([
      '岳阳市委组织部2015年基层党建通知 第二部分',
      '岳阳市委组织部2015年基层党建通知 第二部分',
      '娄组通〔2014〕10号 第三部分',
    ]);
  });

  it('after year end, missing trainings are overdue; groupBy county merges townships', () => {
    const late = trainingCoverage({ ...input, asOf: '2016-01-01', groupBy: 'county' }, policy);
    expect(late.people.find((p) => p.personId === 'o4')?.duties[0]?.status).toBe('overdue');
    expect(late.regions.map((g) => g.regionCode)).toEqual(['430602000000']);
  });

  it('rejects a bad date naming the field', () => {
    expect(
      errorOf(() =>
        trainingCoverage(
          {
            ...input,
            secretaries: [{ id: 'x', regionCode: T1, post: 'village', appointedOn: '2015-13-01' }],
          },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:secretaries[0].appointedOn');
  });
});

const cls = {
  id: 'c',
  name: '新任村党组织书记专题培训班',
  level: 'county' as const,
  regionCode: '430602000000',
  kind: 'special' as const,
  startDate: '2015-03-09',
  endDate: '2015-03-11',
  days: 3,
};

describe('special training classes (002 §3) and yearly classes (001 §6)', () => {
  it('a 3-day county class qualifies; 2 days or a township class does not', () => {
    expect(isQualifyingSpecialTraining(cls, policy)).toBe(true);
    expect(isQualifyingSpecialTraining({ ...cls, days: 2 }, policy)).toBe(false);
    expect(isQualifyingSpecialTraining({ ...cls, level: 'township' }, policy)).toBe(false);
  });

  it('rejects a class with more days than its dates allow, or ending before it starts', () => {
    expect(errorOf(() => isQualifyingSpecialTraining({ ...cls, days: 4 }, policy))).toBe(
      'INVALID_INPUT:days',
    );
    expect(
      errorOf(() => isQualifyingSpecialTraining({ ...cls, endDate: '2015-03-08' }, policy)),
    ).toBe('INVALID_INPUT:endDate');
  });

  it('the city model class and each county class must be held every year', () => {
    const classes = [
      {
        ...cls,
        id: 'm',
        level: 'city' as const,
        regionCode: '430600000000',
        kind: 'model_class' as const,
      },
      { ...cls, id: 'k', kind: 'county_class' as const },
      {
        ...cls,
        id: 'old',
        regionCode: '430603000000',
        kind: 'county_class' as const,
        startDate: '2014-03-09',
        endDate: '2014-03-11',
      },
    ];
    const r = checkYearlyClasses({
      year: 2015,
      cityCode: '430600000000',
      countyCodes: ['430602000000', '430603000000'],
      classes,
    });
    expect(r).toEqual({ cityModelClassHeld: true, countiesWithoutClass: ['430603000000'] });
    expect(
      checkYearlyClasses({ year: 2016, cityCode: '430600000000', countyCodes: [], classes })
        .cityModelClassHeld,
    ).toBe(false);
    expect(
      errorOf(() =>
        checkYearlyClasses({
          year: 2015,
          cityCode: '430600000000',
          countyCodes: ['430100000000'],
          classes,
        }),
      ),
    ).toBe('INVALID_INPUT:countyCodes[0]');
  });
});

describe('creating classes (002 §3) and who may enrol', () => {
  it('a new-secretary special class shorter than 3 days is refused, naming the days field', () => {
    expect(errorOf(() => assertTrainingClassAllowed({ ...cls, days: 2 }, policy))).toBe(
      'RULE_VIOLATION:days',
    );
    expect(() => assertTrainingClassAllowed({ ...cls, days: 2 }, policy)).toThrow(
      `培训天数：新任书记专题培训不少于 3 天（${citeParameter(policy, 'trainingNewSecretaryMinDays')}），当前为 2 天`,
    );
    expect(() => assertTrainingClassAllowed(cls, policy)).not.toThrow();
    // Cited in people's words (document number and part), never a seed number like 「002 §3」.
    expect(citeParameter(policy, 'trainingNewSecretaryMinDays')).not.toMatch(/§|00\d/);
  });

  it('a township may not hold the special class of new secretaries; other kinds may be short', () => {
    expect(errorOf(() => assertTrainingClassAllowed({ ...cls, level: 'township' }, policy))).toBe(
      'RULE_VIOLATION:level',
    );
    expect(() => assertTrainingClassAllowed({ ...cls, level: 'township' }, policy)).toThrow(
      '（娄组通〔2014〕10号 第三部分）',
    );
    expect(() =>
      assertTrainingClassAllowed({ ...cls, kind: 'rotation', level: 'township', days: 1 }, policy),
    ).not.toThrow();
  });

  it('a new secretary is one appointed within the year', () => {
    expect(isNewSecretary('2015-01-01', 2015)).toBe(true);
    expect(isNewSecretary('2015-12-31', 2015)).toBe(true);
    expect(isNewSecretary('2014-12-31', 2015)).toBe(false);
    expect(isNewSecretary('2016-01-01', 2015)).toBe(false);
  });

  const county = '430602000000';
  const village = '430602001201';
  const secretary = { regionCode: village, secretaryAppointedOn: '2012-03-01', reserve: false };

  it('a secretary inside the organiser region may enrol in a class for secretaries', () => {
    expect(
      trainingEligibility({ regionCode: county, year: 2015, roles: ['secretary'] }, secretary),
    ).toEqual({ eligible: true });
  });

  it('outside the organiser region, or outside the narrower regions named, is refused with the reason', () => {
    expect(
      trainingEligibility(
        { regionCode: '430603000000', year: 2015, roles: ['secretary'] },
        secretary,
      ),
    ).toMatchObject({ eligible: false, reason: 'region' });
    expect(
      trainingEligibility(
        { regionCode: county, year: 2015, roles: ['secretary'], regionCodes: ['430602002000'] },
        secretary,
      ),
    ).toEqual({
      eligible: false,
      reason: 'region',
      message: '您所在的区域不在本培训班限定的报名范围内',
    });
    expect(
      trainingEligibility(
        { regionCode: county, year: 2015, roles: ['secretary'], regionCodes: ['430602001000'] },
        secretary,
      ).eligible,
    ).toBe(true);
  });

  it('a secretary is refused by a reserve-cadre class, a reserve cadre by a secretaries class', () => {
    expect(
      trainingEligibility({ regionCode: county, year: 2015, roles: ['reserve'] }, secretary),
    ).toEqual({ eligible: false, reason: 'role', message: '本培训班仅限后备干部报名' });
    const reserve = { regionCode: village, secretaryAppointedOn: null, reserve: true };
    expect(
      trainingEligibility({ regionCode: county, year: 2015, roles: ['secretary'] }, reserve),
    ).toMatchObject({ eligible: false, reason: 'role' });
    expect(
      trainingEligibility(
        { regionCode: county, year: 2015, roles: ['secretary', 'reserve'] },
        reserve,
      ),
    ).toEqual({ eligible: true });
  });

  it('a class for new secretaries refuses secretaries appointed in an earlier year and reserve cadres', () => {
    const criteria = {
      regionCode: county,
      year: 2015,
      roles: ['secretary', 'reserve'] as ('secretary' | 'reserve')[],
      newSecretariesOnly: true,
    };
    expect(trainingEligibility(criteria, secretary)).toEqual({
      eligible: false,
      reason: 'new_secretary',
      message: '本培训班仅限 2015 年新任职的党组织书记报名',
    });
    expect(
      trainingEligibility(criteria, {
        regionCode: village,
        secretaryAppointedOn: null,
        reserve: true,
      }),
    ).toMatchObject({ reason: 'new_secretary' });
    expect(
      trainingEligibility(criteria, { ...secretary, secretaryAppointedOn: '2015-04-01' }),
    ).toEqual({ eligible: true });
  });
});

describe('class times, a trainee’s list and her attendance', () => {
  it('a class day has a start and an end time; the end must come after the start', () => {
    const base = {
      id: '1',
      name: '轮训班',
      level: 'county' as const,
      regionCode: '430702000000',
      kind: 'rotation' as const,
      startDate: '2026-06-01',
      endDate: '2026-06-02',
      days: 2,
    };
    expect(
      trainingClassSchema.safeParse({ ...base, startTime: '08:30', endTime: '17:30' }).success,
    ).toBe(true);
    const wrong = trainingClassSchema.safeParse({ ...base, startTime: '14:00', endTime: '09:00' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['endTime'],
      message: '结束时间须晚于开始时间',
    });
    expect(timeOfDaySchema.safeParse('24:00').success).toBe(false);
    expect(timeOfDay('08:30:00')).toBe('08:30');
  });

  it('today’s class is at the top of a trainee’s list, then the coming ones soonest first, then past ones', () => {
    const c = (id: number, startDate: string, endDate = startDate, startTime = '08:30') => ({
      id,
      startDate,
      endDate,
      startTime,
    });
    const list = [
      c(1, '2026-05-01'), // past
      c(2, '2026-07-01'), // later
      c(3, '2026-06-01', '2026-06-01', '14:00'), // today, afternoon
      c(4, '2026-06-10'), // soon
      c(5, '2026-05-30', '2026-06-02'), // running, started before today
      c(6, '2026-05-20'), // past, more recent
      c(7, '2026-06-01', '2026-06-01', '08:30'), // today, morning
    ];
    expect(orderClassesForTrainee(list, '2026-06-01').map((x) => x.id)).toEqual([
      5, 7, 3, 4, 2, 6, 1,
    ]);
    expect(classTiming(c(1, '2026-05-01'), '2026-06-01')).toBe('past');
  });

  it('her attendance counts each class day up to today as present, absent or not yet marked', () => {
    const s = attendanceSummary(
      { startDate: '2026-06-01', endDate: '2026-06-04' },
      [
        { sessionDate: '2026-06-01', present: true },
        { sessionDate: '2026-06-02', present: false },
      ],
      '2026-06-03',
    );
    expect(s).toEqual({
      held: ['2026-06-01', '2026-06-02', '2026-06-03'],
      present: ['2026-06-01'],
      absent: ['2026-06-02'],
      unmarked: ['2026-06-03'],
      remaining: 1,
    });
    expect(classDays('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
  });
});

describe('training coverage from counts (000 §2, 002 §3)', () => {
  it("gives the row-based answer's regions when fed its required and fulfilled counts", () => {
    for (const asOf of ['2015-03-01', '2015-09-01', '2016-01-15']) {
      const rows = trainingCoverage({ ...input, asOf, groupBy: 'township' }, policy);
      const counts = trainingCoverageFromCounts(
        {
          year: 2015,
          asOf,
          regions: rows.regions.map((r) => ({
            regionCode: r.regionCode,
            duties: r.duties.map((d) => ({
              duty: d.duty,
              required: d.required,
              fulfilled: d.fulfilled,
            })),
          })),
        },
        policy,
      );
      expect(counts.regions).toEqual(rows.regions);
      expect(counts.basis).toEqual(rows.basis);
    }
  });

  it('counts the unfulfilled as overdue only after the due date, and lists every duty', () => {
    const regions = [
      { regionCode: T1, duties: [{ duty: 'annual' as const, required: 5, fulfilled: 2 }] },
    ];
    const before = trainingCoverageFromCounts({ year: 2015, asOf: '2015-12-31', regions }, policy);
    const after = trainingCoverageFromCounts({ year: 2015, asOf: '2016-01-01', regions }, policy);
    expect(before.regions[0]?.duties.map((d) => d.overdue)).toEqual([0, 0, 0]);
    expect(after.regions[0]?.duties.map((d) => [d.duty, d.required, d.overdue])).toEqual([
      ['rotation_first_half', 0, 0],
      ['annual', 5, 3],
      ['new_secretary_special', 0, 0],
    ]);
  });

  it('refuses more fulfilled than required', () => {
    expect(
      errorOf(() =>
        trainingCoverageFromCounts(
          {
            year: 2015,
            asOf: '2015-09-01',
            regions: [{ regionCode: T1, duties: [{ duty: 'annual', required: 1, fulfilled: 2 }] }],
          },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:fulfilled');
  });

  it('dates the rotation by the policy deadline and the other duties by year end', () => {
    expect(unfulfilledDutyStatus('rotation_first_half', 2015, '2015-07-01', policy)).toEqual({
      duty: 'rotation_first_half',
      due: `2015-${policy.values.trainingRotationDeadline}`,
      status: 'overdue',
    });
    expect(unfulfilledDutyStatus('new_secretary_special', 2015, '2015-07-01', policy)).toEqual({
      duty: 'new_secretary_special',
      due: '2015-12-31',
      status: 'pending',
    });
  });
});
