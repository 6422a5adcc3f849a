import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import {
  continuousTenureStart,
  graduateOfficialsByUnit,
  graduateOfficialUnitOf,
  healthCheckList,
  honoursEligibility,
} from './eligibility';
import { resolvePolicy, type PolicySet } from './policy';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const CHANGDE = '430700000000';
const policy = resolvePolicy([], CHANGDE, 2026);
const override = (parameters: PolicySet['parameters']): PolicySet => ({
  id: 'changde-local',
  version: 1,
  name: '常德市本地调整',
  regionCode: CHANGDE,
  fromYear: 2026,
  toYear: null,
  parameters,
});
const local = (section: string) => ({ seed: null, document: '常组发〔2026〕1号', section });

describe('honours and nominations only from 好 orgs (001 §7, §21)', () => {
  it('a 好 org is eligible; 较好, ungraded and sanctioned orgs are not, each with its reason', () => {
    const r = honoursEligibility(
      {
        year: 2026,
        orgs: [
          { orgId: 'A', grade: 'good' },
          { orgId: 'B', grade: 'fair' },
          { orgId: 'C', grade: null },
          { orgId: 'D', grade: 'average', sanctioned: true },
        ],
      },
      policy,
    );
    expect(r.orgs.map((o) => [o.orgId, o.eligible, o.reasons.map((x) => x.code)])).toEqual([
      ['A', true, []],
      ['B', false, ['grade_below']],
      ['C', false, ['not_graded']],
      ['D', false, ['grade_below', 'sanctioned']],
    ]);
    expect(r.orgs[1]?.reasons[0]?.text).toBe(
      '2026 年定为“较好”类，须为“好”类（常委〔2012〕5号 第七条、第二十一条）',
    );
    expect(r.rule).toContain('从“好”类党组织中产生');
  });

  it('where 较好 orgs may be put forward too, a 较好 org qualifies unless it was downgraded', () => {
    const own = resolvePolicy(
      [override({ honoursMinGrade: { value: 'fair', source: local('§2') } })],
      CHANGDE,
      2026,
    );
    const r = honoursEligibility(
      {
        year: 2026,
        orgs: [
          { orgId: 'B', grade: 'fair' },
          { orgId: 'E', grade: 'fair', sanctioned: true },
        ],
      },
      own,
    );
    expect(r.orgs.map((o) => o.eligible)).toEqual([true, false]);
    expect(r.rule).toContain('“较好”类及以上党组织中产生；');
    expect(r.rule).toContain('“较好”类及以上党组织所在单位产生（常组发〔2026〕1号 §2）');
  });

  it('rejects an org listed twice', () => {
    expect(
      errorOf(() =>
        honoursEligibility(
          {
            year: 2026,
            orgs: [
              { orgId: 'A', grade: 'good' },
              { orgId: 'A', grade: 'good' },
            ],
          },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:orgs[1]');
  });
});

describe('health check-up list (001 §20): 6 consecutive years in office, 2 years graded 好', () => {
  const grades = [
    { year: 2024, grade: 'good' as const },
    { year: 2025, grade: 'good' as const },
  ];
  it('eligible at six years and two 好 years; close at one year short; what they lack is said', () => {
    const r = healthCheckList(
      {
        asOf: '2026-12-31',
        secretaries: [
          { orgId: '1', personId: 'a', inOfficeSince: '2020-06-01', grades },
          { orgId: '2', personId: 'b', inOfficeSince: '2021-06-01', grades },
          { orgId: '3', personId: 'c', inOfficeSince: '2020-06-01', grades: grades.slice(1) },
          { orgId: '4', personId: 'd', inOfficeSince: '2023-06-01', grades },
          { orgId: '5', personId: 'e', inOfficeSince: null },
        ],
      },
      policy,
    );
    expect(r.secretaries.map((s) => [s.orgId, s.status, s.lacks])).toEqual([
      ['1', 'eligible', []],
      ['2', 'close', ['连续任职还差 1 年']],
      ['3', 'close', ['定为“好”类还差 1 年']],
      ['4', 'not_yet', ['连续任职还差 3 年']],
      ['5', 'unknown_start', ['未登记任职日期']],
    ]);
    expect(r.rule).toBe(
      '连续任职 6 年以上、2 年定为“好”类的基层党组织书记进行一次健康体检（常委〔2012〕5号 第二十条）',
    );
  });

  it('a region asking five years makes the five-year secretary eligible', () => {
    const own = resolvePolicy(
      [override({ healthCheckMinConsecutiveYears: { value: 5, source: local('§5') } })],
      CHANGDE,
      2026,
    );
    const r = healthCheckList(
      {
        asOf: '2026-12-31',
        secretaries: [{ orgId: '2', personId: 'b', inOfficeSince: '2021-06-01', grades }],
      },
      own,
    );
    expect(r.secretaries[0]?.status).toBe('eligible');
    expect(r.rule).toContain('连续任职 5 年以上');
    expect(r.rule).toContain('常组发〔2026〕1号 §5');
  });

  it('re-election continues a tenure; a gap of more than a day starts a new one', () => {
    expect(
      continuousTenureStart(
        [
          { appointedOn: '2014-04-01', endedOn: '2017-03-31' },
          { appointedOn: '2017-04-01', endedOn: '2020-03-31' },
          { appointedOn: '2020-04-01', endedOn: null },
        ],
        '2026-12-31',
      ),
    ).toBe('2014-04-01');
    expect(
      continuousTenureStart(
        [
          { appointedOn: '2014-04-01', endedOn: '2016-03-31' },
          { appointedOn: '2017-04-01', endedOn: null },
        ],
        '2026-12-31',
      ),
    ).toBe('2017-04-01');
    expect(
      continuousTenureStart([{ appointedOn: '2014-04-01', endedOn: '2016-03-31' }], '2026-12-31'),
    ).toBeNull();
  });
});

describe('college-graduate village officials as secretaries or deputies (001 §6)', () => {
  it('a county or district counts towards itself; 东莞, without counties, counts as the city', () => {
    expect(graduateOfficialUnitOf('430703101201')).toBe('430703000000');
    expect(graduateOfficialUnitOf('441900003001')).toBe('441900000000');
  });

  it('counts officials in post who had a year in the village when selected, against 5 per county', () => {
    const officials = [
      ...Array.from({ length: 4 }, (_, i) => ({
        id: `q${i}`,
        inVillageSince: '2023-09-01',
        post: 'deputy_secretary' as const,
        postSince: '2025-03-01',
      })),
      {
        id: 'early',
        inVillageSince: '2025-09-01',
        post: 'secretary' as const,
        postSince: '2026-03-01',
      },
      { id: 'pool', inVillageSince: '2024-09-01', post: null, postSince: null },
      { id: 'new', inVillageSince: '2026-09-01', post: null, postSince: null },
    ];
    const r = graduateOfficialsByUnit(
      { asOf: '2026-12-31', units: [{ unitCode: '430703000000', officials }] },
      policy,
    );
    expect(r.units[0]).toMatchObject({
      qualifying: ['q0', 'q1', 'q2', 'q3'],
      selectedTooEarly: ['early'],
      pool: ['pool'],
      target: 5,
      shortfall: 1,
      met: false,
    });
    expect(r.rule).toBe(
      '每个区县（市）从在村任职 1 年以上的优秀大学生村官中选拔 5 名以上担任村党组织书记或副书记（常委〔2012〕5号 第六条）',
    );
    const three = resolvePolicy(
      [override({ graduateOfficialsMinPerCounty: { value: 3, source: local('§6') } })],
      CHANGDE,
      2026,
    );
    const r3 = graduateOfficialsByUnit(
      { asOf: '2026-12-31', units: [{ unitCode: '430703000000', officials }] },
      three,
    );
    expect(r3.units[0]).toMatchObject({ target: 3, shortfall: 0, met: true });
  });
});
