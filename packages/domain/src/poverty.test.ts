import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { resolvePolicy } from './policy';
import {
  ACTIVITY_WINDOW_DAYS,
  isRegisteredIn,
  checkTeamCoverage,
  collectiveIncomeTrend,
  missingTaskAreas,
  summarizePovertyByRegion,
  TEAM_TASK_AREAS,
  teamAssessmentConsequences,
  villageProgress,
} from './poverty';

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
const village = (
  id: string,
  helpedBy: 'city' | 'county',
  identifiedYear = 2014,
  exitedYear: number | null = null,
) => ({
  id,
  name: `${id}村`,
  regionCode: '430621101201',
  identifiedYear,
  helpedBy,
  exitedYear,
});

describe('resident team coverage (000 §4)', () => {
  it('every registered poor village needs a team led by its first secretary', () => {
    const r = checkTeamCoverage(
      {
        year: 2015,
        villages: [
          village('A', 'city'),
          village('B', 'county'),
          village('C', 'county', 2016),
          village('D', 'county', 2014, 2015),
        ],
        teams: [
          {
            id: 'tA',
            villageId: 'A',
            unit: '市财政局',
            leader: { personId: 'p1', servesAsFirstSecretary: true },
          },
          {
            id: 'tC',
            villageId: 'C',
            unit: '县农业局',
            leader: { personId: 'p2', servesAsFirstSecretary: false },
          },
          { id: 'tX', villageId: 'Q', unit: '县林业局', leader: null },
        ],
      },
      policy,
    );
    expect(r).toMatchObject({
      registered: 2,
      covered: 1,
      villagesWithoutTeam: ['B'],
      teamsWithoutLeader: ['tX'],
      leadersNotFirstSecretary: ['tC'],
      teamsForUnknownVillages: ['tX'],
      cityHelped: 1,
      cityHelpedTarget: 50,
      fullCoverage: false,
    });
  });
  it('full coverage when every village has a properly led team', () => {
    const r = checkTeamCoverage(
      {
        year: 2015,
        villages: [village('A', 'city')],
        teams: [
          {
            id: 'tA',
            villageId: 'A',
            unit: 'x',
            leader: { personId: 'p', servesAsFirstSecretary: true },
          },
        ],
      },
      policy,
    );
    expect(r.fullCoverage).toBe(true);
  });
});

describe('the four task areas (000 §4)', () => {
  it('lists areas without logged work in the period', () => {
    const team = {
      id: 't',
      villageId: 'A',
      unit: 'x',
      leader: null,
      activities: [
        { area: 'build_team' as const, date: '2015-03-01', summary: '调整村支两委分工' },
        { area: 'solve_problems' as const, date: '2014-12-01', summary: '修路' },
      ],
    };
    expect(missingTaskAreas(team, '2015-01-01', '2015-12-31')).toEqual([
      'infrastructure_industry',
      'solve_problems',
      'civic_harmony',
    ]);
    expect(errorOf(() => missingTaskAreas(team, '2015-01-01', '2015-12-32'))).toBe(
      'INVALID_INPUT:to',
    );
  });
});

describe('yearly assessment consequences (000 §4)', () => {
  it('outstanding cadres get promotion priority; passive units and cadres are named with a deadline', () => {
    const r = teamAssessmentConsequences({
      correctionDeadline: '2016-03-31',
      assessments: [
        { subjectId: 'c1', subject: 'cadre', rating: 'outstanding' },
        { subjectId: 'u1', subject: 'unit', rating: 'outstanding' },
        { subjectId: 'u2', subject: 'unit', rating: 'passive' },
        { subjectId: 'c2', subject: 'cadre', rating: 'competent' },
      ],
    });
    expect(
      r.map((c) => [c.subjectId, c.promotionPriority, c.publicCriticism, c.correctionDeadline]),
    ).toEqual([
      ['c1', true, false, null],
      ['u1', false, false, null],
      ['u2', false, true, '2016-03-31'],
      ['c2', false, false, null],
    ]);
  });
});

describe('collective income year by year (000 §4)', () => {
  it('sorts by year and gives the change from the previous year, none across a gap', () => {
    const r = collectiveIncomeTrend({
      records: [
        { year: 2016, incomeFen: 7_000_000 },
        { year: 2013, incomeFen: 5_000_000 },
        { year: 2014, incomeFen: 8_000_000 },
      ],
    });
    expect(r.map((x) => [x.year, x.changeFen])).toEqual([
      [2013, null],
      [2014, 3_000_000],
      [2016, null],
    ]);
  });
  it('rejects a duplicate year and negative income', () => {
    expect(
      errorOf(() =>
        collectiveIncomeTrend({
          records: [
            { year: 2013, incomeFen: 1 },
            { year: 2013, incomeFen: 2 },
          ],
        }),
      ),
    ).toBe('INVALID_INPUT:records[1].year');
    expect(errorOf(() => collectiveIncomeTrend({ records: [{ year: 2013, incomeFen: -1 }] }))).toBe(
      'INVALID_INPUT:records[0].incomeFen',
    );
  });
});

describe('passive ratings need a correction deadline (000 §4 限期整改)', () => {
  it('refuses a passive rating without a deadline, naming the field', () => {
    expect(
      errorOf(() =>
        teamAssessmentConsequences({
          assessments: [{ subjectId: 'u1', subject: 'unit', rating: 'passive' }],
        }),
      ),
    ).toBe('INVALID_INPUT:correctionDeadline');
  });

  it('needs no deadline when nobody is passive', () => {
    const [c] = teamAssessmentConsequences({
      assessments: [{ subjectId: 'c1', subject: 'cadre', rating: 'competent' }],
    });
    expect(c).toMatchObject({
      promotionPriority: false,
      publicCriticism: false,
      correctionDeadline: null,
    });
  });
});

describe('village progress over a year from the work log (000 §4 four areas)', () => {
  const log = [
    { date: '2026-01-05', area: 'build_team' as const, householdsReached: 0, fundsFen: 0 },
    {
      date: '2026-03-10',
      area: 'infrastructure_industry' as const,
      householdsReached: 12,
      fundsFen: 500_000_00,
    },
    {
      date: '2026-03-20',
      area: 'infrastructure_industry' as const,
      householdsReached: 3,
      fundsFen: 1,
    },
    { date: '2025-12-31', area: 'solve_problems' as const, householdsReached: 40, fundsFen: 9 },
  ];

  it('sums entries, households and money per area and month, ignoring other years', () => {
    const p = villageProgress(2026, log);
    expect(p.entries).toBe(3);
    expect(p.householdsReached).toBe(15);
    expect(p.fundsFen).toBe(500_000_01);
    expect(p.areas.map((a) => [a.area, a.entries, a.lastDate])).toEqual([
      ['build_team', 1, '2026-01-05'],
      ['infrastructure_industry', 2, '2026-03-20'],
      ['solve_problems', 0, null],
      ['civic_harmony', 0, null],
    ]);
    expect(p.byMonth).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(p.lastDate).toBe('2026-03-20');
  });

  it('lists the areas still without work so the team sees what is missing', () => {
    expect(villageProgress(2026, log).missingAreas).toEqual(['solve_problems', 'civic_harmony']);
    expect(villageProgress(2024, log).missingAreas).toEqual([...TEAM_TASK_AREAS]);
  });

  it('refuses negative households reached', () => {
    expect(
      errorOf(() =>
        villageProgress(2026, [
          { date: '2026-01-01', area: 'build_team', householdsReached: -1, fundsFen: 0 },
        ]),
      ),
    ).toBe('INVALID_INPUT:[0].householdsReached');
  });
});

describe('per-region summary for the overview (000 §4 全覆盖)', () => {
  const v = (id: string, regionCode: string, over: Partial<Record<string, unknown>> = {}) => ({
    id,
    regionCode,
    identifiedYear: 2014,
    helpedBy: 'county' as const,
    exitedYear: null,
    hasTeam: true,
    leaderIsFirstSecretary: true,
    recentEntries: 0,
    ...over,
  });
  const input = {
    year: 2026,
    asOf: '2026-11-25',
    activityWindowDays: 30,
    groupBy: 'county' as const,
    villages: [
      v('a', '430702001001', { recentEntries: 3, helpedBy: 'city' }),
      v('b', '430702002003', { hasTeam: false, leaderIsFirstSecretary: false }),
      v('c', '430703100200', { leaderIsFirstSecretary: false, recentEntries: 1 }),
      v('d', '430703100201'),
      v('e', '430703100202', { exitedYear: 2020 }),
      v('f', '430721100100', { identifiedYear: 2027 }),
    ],
  };

  it('groups registered villages by county with coverage and recent activity', () => {
    const { rows, total, windowFrom } = summarizePovertyByRegion(input);
    expect(windowFrom).toBe('2026-10-27');
    expect(
      rows.map((r) => [
        r.regionCode,
        r.registered,
        r.withTeam,
        r.withFirstSecretary,
        r.coverage.percent,
        r.activeVillages,
        r.fullCoverage,
      ]),
    ).toEqual([
      ['430702000000', 2, 1, 1, 50, 1, false],
      ['430703000000', 2, 2, 1, 100, 1, false],
    ]);
    expect(total).toMatchObject({ registered: 4, cityHelped: 1, withTeam: 3, recentEntries: 4 });
  });

  it('leaves out villages lifted out before the year and those identified after it', () => {
    const { rows } = summarizePovertyByRegion(input);
    expect(rows.some((r) => r.regionCode === '430721000000')).toBe(false);
    expect(summarizePovertyByRegion({ ...input, year: 2019 }).total.registered).toBe(5);
  });

  it('shows full coverage only when every village has a team led by a first secretary', () => {
    const all = summarizePovertyByRegion({
      ...input,
      villages: [v('a', '430702001001'), v('d', '430703100201')],
    });
    expect(all.rows).toHaveLength(2);
    expect(all.rows.every((r) => r.fullCoverage)).toBe(true);
    expect(all.total.coverage.percent).toBe(100);
  });
});

describe('the register of poor villages (000 §4)', () => {
  it('a village is registered from the year it is identified until the year it exits', () => {
    const v = { identifiedYear: 2015, exitedYear: 2019 };
    expect([2014, 2015, 2018, 2019, 2020].map((y) => isRegisteredIn(v, y))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(isRegisteredIn({ identifiedYear: 2015, exitedYear: null }, 2030)).toBe(true);
  });
  it('the recent-activity window is 30 days', () => {
    expect(ACTIVITY_WINDOW_DAYS).toBe(30);
  });
});
