import { citeParameter } from './policy';
import type { PolicyKey, ResolvedPolicy, RoundingMode } from './policy';

/**
 * Sentences that state a rule, in people's words, built from the resolved policy: every number
 * is the value in force for the region and year (so a region's override changes the sentence),
 * and every sentence cites the source of the parameters it states (citeParameter: the notice and
 * article, or the department's own decision). Screens and exports show these instead of writing
 * the notices' numbers as literals.
 */

/** The distinct citations of some parameters, in order, joined with '、'. */
export function citeParameters(policy: ResolvedPolicy, keys: readonly PolicyKey[]): string {
  return [...new Set(keys.map((k) => citeParameter(policy, k)))].join('、');
}

/** A number as people write it: 10, 12.5. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "不低于 10%" (ceil), " 10% 左右" (round), " 10%（向下取整）" (floor): how the share is applied. */
function shareWords(pct: number, rounding: RoundingMode): string {
  if (rounding === 'ceil') return `不低于 ${num(pct)}%`;
  if (rounding === 'round') return ` ${num(pct)}% 左右`;
  return ` ${num(pct)}%（向下取整）`;
}

/**
 * Rectification quotas (000 §3; 003 §2): 「按村党组织不低于 10%、社区和其他领域基层党组织不低于
 * 5% 的比例确定整顿对象（…第三部分）」, plus the conversion target where the policy sets one.
 */
export function rectificationQuotaText(policy: ResolvedPolicy): string {
  const v = policy.values;
  const village = `村党组织${shareWords(v.rectQuotaVillagePct, v.rectQuotaVillageRounding)}`;
  const community = shareWords(v.rectQuotaCommunityPct, v.rectQuotaCommunityRounding);
  const other = shareWords(v.rectQuotaOtherPct, v.rectQuotaOtherRounding);
  const rest =
    community === other
      ? `社区和其他领域基层党组织${community}`
      : `社区党组织${community}、其他领域基层党组织${other}`;
  const quotaKeys: PolicyKey[] = [
    'rectQuotaVillagePct',
    'rectQuotaVillageRounding',
    'rectQuotaCommunityPct',
    'rectQuotaCommunityRounding',
    'rectQuotaOtherPct',
    'rectQuotaOtherRounding',
  ];
  const quota = `按${village}、${rest}的比例确定整顿对象（${citeParameters(policy, quotaKeys)}）`;
  const conversion =
    v.rectConversionMinPct === null
      ? ''
      : `；整顿转化率达到 ${num(v.rectConversionMinPct)}% 以上（${citeParameter(policy, 'rectConversionMinPct')}）`;
  return quota + conversion;
}

/** Member development quota (001 §11): 「全市每年发展党员 5000 名左右……（…第十一条）」. */
export function memberDevQuotaText(policy: ResolvedPolicy): string {
  return `全市每年发展党员 ${policy.values.memberDevCityQuota} 名左右，以县一级党委、高校党委为单位控制，超指导计划发展的要报告市委组织部（${citeParameter(policy, 'memberDevCityQuota')}）`;
}

/** Rural new members' structure (001 §11): 35 岁以下 and 高中以上 shares. */
export function memberDevStructureText(policy: ResolvedPolicy): string {
  const v = policy.values;
  const shares =
    v.memberDevYoungMinPct === v.memberDevHighSchoolMinPct
      ? `分别在 ${num(v.memberDevYoungMinPct)}% 以上`
      : `分别在 ${num(v.memberDevYoungMinPct)}%、${num(v.memberDevHighSchoolMinPct)}% 以上`;
  return `每个区县（市）每年发展 ${v.memberDevYoungMaxAge} 岁以下、高中文化程度以上的农村党员${shares}（${citeParameters(policy, ['memberDevYoungMaxAge', 'memberDevYoungMinPct', 'memberDevHighSchoolMinPct'])}）`;
}

/** Who is pre-filed with the city (001 §11): rural candidates older than the young-age limit or with junior-high or below. */
export function memberDevPreFilingText(policy: ResolvedPolicy): string {
  return `${policy.values.memberDevYoungMaxAge + 1} 岁以上或初中及以下文化程度的农村发展对象，名单事前报市委组织部备案（${citeParameter(policy, 'memberDevYoungMaxAge')}）`;
}

/** Villages without new members (001 §11). */
export function memberDevStagnantText(policy: ResolvedPolicy): string {
  const years = policy.values.memberDevStagnantYears;
  return `连续 ${years} 年以上未发展党员的村，今年至少发展一名党员，其党组织书记换届时不得提名为下届村党组织书记候选人（${citeParameter(policy, 'memberDevStagnantYears')}）`;
}

/** The whole member-development rule (001 §11), for the page's explanation. */
export function memberDevelopmentText(policy: ResolvedPolicy): string {
  return [
    memberDevQuotaText(policy),
    memberDevStructureText(policy),
    memberDevPreFilingText(policy),
    memberDevStagnantText(policy),
  ].join('；');
}

/** Forming Party organisations in enterprises (001 §2). */
export function formationText(policy: ResolvedPolicy): string {
  const v = policy.values;
  return (
    `职工 ${v.formationOwnOrgMinEmployees} 名以上的非公企业年底前单独组建党组织，党员不足 ${v.formationMinMembersForOwnOrg} 人的通过选派党组织负责人、发展党员实行单独组建；` +
    `其他应建必建，党员不足 ${v.formationMinMembersForOwnOrg} 人的联合组建，无党员的派党建工作指导员、建立工会实现党的工作覆盖；` +
    `每企选派党建工作指导员 ${v.instructorsPerEnterprise} 名` +
    `（${citeParameters(policy, ['formationOwnOrgMinEmployees', 'formationMinMembersForOwnOrg', 'instructorsPerEnterprise'])}）`
  );
}

/** Reserve cadres (001 §8; 003 §3.2) and the ledger of young village leaders. */
export function reservesText(policy: ResolvedPolicy): string {
  const v = policy.values;
  return (
    `每村村党组织带头人后备对象不少于 ${num(v.reservePerVillageMin)} 名（${citeParameter(policy, 'reservePerVillageMin')}）；` +
    `${reserveLedgerText(policy)}；` +
    `问题突出村每个书记岗位按 1:${num(v.reservePerPostProblemVillage)} 左右确定后备干部（${citeParameter(policy, 'reservePerPostProblemVillage')}）`
  );
}

/** The city's ledger of young village Party leaders (001 §8). */
export function reserveLedgerText(policy: ResolvedPolicy): string {
  return `市委组织部建立 ${policy.values.reserveLedgerMaxAge} 岁以下（含）村党组织带头人台账（${citeParameter(policy, 'reserveLedgerMaxAge')}）`;
}

/** Joint meetings' cadence (003 §1). */
export function meetingsText(policy: ResolvedPolicy): string {
  const v = policy.values;
  return (
    `班子联席会议每周至少召开 ${v.teamMeetingsPerWeekMin} 次（${citeParameter(policy, 'teamMeetingsPerWeekMin')}）；` +
    `党群联席会议每季度至少召开 ${v.partyPublicMeetingsPerQuarterMin} 次，决议以书面形式向全体村（居）民公开（${citeParameter(policy, 'partyPublicMeetingsPerQuarterMin')}）`
  );
}

/** The demonstration-site targets' sources (001 §10). */
export const DEMO_TARGET_KEYS = [
  'demoTargetCounty',
  'demoTargetTownship',
  'demoTargetStreet',
  'demoTargetVillage',
  'demoTargetCommunity',
  'demoTargetOrgan',
  'demoTargetInstitution',
  'demoTargetSoe',
  'demoTargetNonPublic',
  'demoTargetSocialOrg',
] as const satisfies readonly PolicyKey[];

/** Demonstration sites (001 §10): which targets apply and where they come from. */
export function demoSitesText(policy: ResolvedPolicy): string {
  const v = policy.values;
  return (
    `建设基层党建示范点：示范县 ${v.demoTargetCounty} 个、乡镇 ${v.demoTargetTownship} 个、街道 ${v.demoTargetStreet} 个、村 ${v.demoTargetVillage} 个、社区 ${v.demoTargetCommunity} 个，` +
    `机关 ${v.demoTargetOrgan} 个、事业单位 ${v.demoTargetInstitution} 个、国有企业 ${v.demoTargetSoe} 个、非公企业 ${v.demoTargetNonPublic} 个、社会组织 ${v.demoTargetSocialOrg} 个` +
    `（${citeParameters(policy, DEMO_TARGET_KEYS)}）`
  );
}

/** The yearly report-and-review meeting (004): when and how many take part. */
export function reviewMeetingText(policy: ResolvedPolicy): string {
  const v = policy.values;
  const quarter = ['一', '二', '三', '四'][v.reviewQuarter - 1] ?? String(v.reviewQuarter);
  return `每年第${quarter}季度召开述职评议会，参会人员不少于 ${v.reviewMinParticipants} 人（${citeParameters(policy, ['reviewQuarter', 'reviewMinParticipants'])}）`;
}
