import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { resolvePolicy } from './policy';
import {
  checkTeamCoverage,
  collectiveIncomeTrend,
  missingTaskAreas,
  teamAssessmentConsequences,
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
