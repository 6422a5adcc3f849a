import { describe, expect, it } from 'vitest';
import { resolvePolicy } from './policy';
import type { PolicyParameters, PolicySet } from './policy';
import {
  demoSitesText,
  formationText,
  meetingsText,
  memberDevelopmentText,
  memberDevPreFilingText,
  rectificationQuotaText,
  reservesText,
  reviewMeetingText,
} from './policy-text';

const CHANGDE_COUNTY = '430702000000'; // 武陵区
const YEAR = 2016;
const changde = resolvePolicy([], CHANGDE_COUNTY, YEAR);
const own = { seed: null, section: '第一条', document: '武组〔2016〕1号' };

/** The policy of 武陵区 with its own values for some parameters. */
function withCounty(parameters: PolicyParameters) {
  const set: PolicySet = {
    id: 'wuling-2016',
    version: 1,
    name: '武陵区调整',
    regionCode: CHANGDE_COUNTY,
    fromYear: YEAR,
    toYear: null,
    parameters,
  };
  return resolvePolicy([set], CHANGDE_COUNTY, YEAR);
}

describe('rule sentences read the policy in force, so a region override changes them', () => {
  it('rectification: a county set with rectQuotaVillagePct 12 makes the text say 12%, citing the county', () => {
    const base = rectificationQuotaText(resolvePolicy([], '430600000000', 2016)); // 岳阳 (000)
    expect(base).toBe(
      '按村党组织不低于 10%、社区和其他领域基层党组织不低于 5%的比例确定整顿对象（岳阳市委组织部2015年基层党建通知 第三部分）',
    );
    const county = rectificationQuotaText(
      withCounty({ rectQuotaVillagePct: { value: 12, source: own } }),
    );
    expect(county).toContain('村党组织不低于 12%');
    expect(county).toContain('武组〔2016〕1号 第一条');
    expect(county).not.toContain('10%');
  });

  it('rectification: a share rounded down says so', () => {
    const text = rectificationQuotaText(
      withCounty({ rectQuotaOtherRounding: { value: 'floor', source: own } }),
    );
    expect(text).toContain('5%（向下取整）');
  });

  it('rectification: 东莞 says “左右” and states its conversion target', () => {
    const dongguan = rectificationQuotaText(resolvePolicy([], '441900000000', 2016));
    expect(dongguan).toContain(
      '按村党组织 10% 左右、社区党组织 10% 左右、其他领域基层党组织不低于 5%的比例',
    );
    expect(dongguan).toContain('东组通〔2015〕34号 第二部分');
    expect(dongguan).toContain('；整顿转化率达到 90% 以上（东组通〔2015〕34号 第二部分）');
  });

  it('member development: the ages, shares, quota and streak follow the policy', () => {
    expect(memberDevelopmentText(changde)).toContain('全市每年发展党员 5000 名左右');
    expect(memberDevelopmentText(changde)).toContain(
      '35 岁以下、高中文化程度以上的农村党员分别在 80% 以上（常委〔2012〕5号 第十一条）',
    );
    expect(memberDevPreFilingText(changde)).toContain('36 岁以上');
    const county = withCounty({
      memberDevYoungMaxAge: { value: 40, source: own },
      memberDevHighSchoolMinPct: { value: 70, source: own },
      memberDevStagnantYears: { value: 3, source: own },
    });
    const text = memberDevelopmentText(county);
    expect(text).toContain('40 岁以下、高中文化程度以上的农村党员分别在 80%、70% 以上');
    expect(text).toContain('41 岁以上或初中及以下');
    expect(text).toContain('连续 3 年以上未发展党员的村');
    expect(text).toContain('武组〔2016〕1号 第一条');
  });

  it('coverage: the employee threshold and member count follow the policy', () => {
    expect(formationText(changde)).toContain('职工 50 名以上的非公企业');
    expect(formationText(changde)).toContain('（常委〔2012〕5号 第二条）');
    const county = formationText(
      withCounty({ formationOwnOrgMinEmployees: { value: 30, source: own } }),
    );
    expect(county).toContain('职工 30 名以上的非公企业');
    expect(county).toContain('（武组〔2016〕1号 第一条、常委〔2012〕5号 第二条）');
  });

  it('reserves: per village, ledger age and the problem-village ratio follow the policy', () => {
    expect(reservesText(changde)).toContain(
      '35 岁以下（含）村党组织带头人台账（常委〔2012〕5号 第八条）',
    );
    expect(reservesText(changde)).toContain('按 1:1 左右');
    expect(reservesText(resolvePolicy([], '441900000000', 2016))).toContain(
      '按 1:2 左右确定后备干部（东组通〔2015〕34号 第三部分第2项）',
    );
    const county = reservesText(
      withCounty({
        reserveLedgerMaxAge: { value: 40, source: own },
        reservePerVillageMin: { value: 2, source: own },
      }),
    );
    expect(county).toContain('不少于 2 名（武组〔2016〕1号 第一条）');
    expect(county).toContain('40 岁以下（含）');
  });

  it('meetings: the weekly and quarterly cadence follow the policy', () => {
    expect(meetingsText(changde)).toContain('班子联席会议每周至少召开 1 次');
    const county = meetingsText(
      withCounty({ partyPublicMeetingsPerQuarterMin: { value: 2, source: own } }),
    );
    expect(county).toContain(
      '党群联席会议每季度至少召开 2 次，决议以书面形式向全体村（居）民公开（武组〔2016〕1号 第一条）',
    );
  });

  it('demonstration sites: the targets follow the policy', () => {
    expect(demoSitesText(changde)).toContain('村 130 个');
    expect(demoSitesText(changde)).toContain('（常委〔2012〕5号 第十条）');
    const county = demoSitesText(withCounty({ demoTargetVillage: { value: 12, source: own } }));
    expect(county).toContain('村 12 个');
    expect(county).toContain('武组〔2016〕1号 第一条');
  });

  it('review: the quarter and the participants follow the policy', () => {
    expect(reviewMeetingText(changde)).toContain('第四季度');
    expect(reviewMeetingText(changde)).toContain('不少于 80 人');
    const county = reviewMeetingText(
      withCounty({ reviewMinParticipants: { value: 100, source: own } }),
    );
    expect(county).toContain('不少于 100 人');
    expect(county).toContain('武组〔2016〕1号 第一条');
  });
});
