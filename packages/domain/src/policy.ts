import { z } from 'zod';
import { DomainError } from './errors';
import { fenSchema } from './money';
import { GRADES, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { isWithinRegion, regionCodeSchema, regionPrefix } from './regions';
import type { RegionCode } from './regions';
import { parseInput, yearSchema } from './validation';
import { citation, citeNotice, NOTICE_IDS, NOTICES, noticeName, type NoticeId } from './notices';

/**
 * Policy as data. Every number the notices set (pay ratios, floors, quotas, targets, cadences)
 * is a named parameter with a unit and a source document. A policy set holds some parameters
 * for a region and a span of years; `resolvePolicy` picks, parameter by parameter, the most
 * specific set that applies to (region, year) and falls back to the shipped default.
 * Rules take the resolved policy as an argument; no rule contains a policy literal.
 */

// ---------------------------------------------------------------------------------------------
// Value schemas, one per parameter
// ---------------------------------------------------------------------------------------------

/** A pay ratio: positive, at most 1, in steps of 0.001 (so pool arithmetic stays exact). */
const ratioSchema = z
  .number()
  .positive('比例应大于 0')
  .max(1, '比例不应大于 1')
  .refine((r) => Math.abs(Math.round(r * 1000) - r * 1000) < 1e-9, '比例最多三位小数');
const pctSchema = z
  .number()
  .min(0, '百分比应在 0 到 100 之间')
  .max(100, '百分比应在 0 到 100 之间')
  .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-9, '百分比最多两位小数');
const countParam = z.number().int().nonnegative();
const positiveCount = z.number().int().positive();
const multipleSchema = z.number().positive().max(100);
const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD')
  .refine((s) => {
    const [m, d] = s.split('-').map(Number) as [number, number];
    return d <= new Date(Date.UTC(2001, m, 0)).getUTCDate();
  }, '不是有效的月日');

/** How the village secretary pay floor is set (001 §17 vs 003 §4.3). */
export const VILLAGE_PAY_FLOOR_MODES = [
  'county_average_vs_rural_labour_income',
  'each_basic_vs_farmer_net_income',
] as const;
export type VillagePayFloorMode = (typeof VILLAGE_PAY_FLOOR_MODES)[number];

/** How the community secretary pay floor is set (001 §17 vs 003 §4.3, which covers 村（社区）). */
export const COMMUNITY_PAY_FLOOR_MODES = [
  'county_average_vs_social_wage',
  'each_basic_vs_farmer_net_income',
] as const;
export type CommunityPayFloorMode = (typeof COMMUNITY_PAY_FLOOR_MODES)[number];

/**
 * Who is sent to an organisation of a grade (001 §9): a work team from county-level-or-above
 * organs whose leader serves as 第一书记; a 第一书记 from county-level-or-above organs; a
 * township (street) leader as contact; or nobody.
 */
export const DISPATCH_MODES = ['work_team', 'first_secretary', 'township_contact', 'none'] as const;
export type DispatchMode = (typeof DISPATCH_MODES)[number];
export const DISPATCH_MODE_LABELS: Record<DispatchMode, string> = {
  work_team: '县以上机关工作组（组长任第一书记）',
  first_secretary: '县以上机关选派第一书记',
  township_contact: '乡镇（街道）领导干部联系',
  none: '不选派',
};

/** How a share of a count is rounded to whole organisations. */
export const ROUNDING_MODES = ['ceil', 'round', 'floor'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
const roundingSchema = z.enum(ROUNDING_MODES);

export const POLICY_VALUE_SCHEMAS = {
  payRatioGood: ratioSchema,
  payRatioFair: ratioSchema,
  payRatioAverage: ratioSchema,
  payRatioPoor: ratioSchema,
  payCoversCommunities: z.boolean(),
  villageOperatingFundsAvgMinFen: fenSchema,
  communityOperatingFundsAvgMinFen: fenSchema,
  villageSecretaryPayFloorMode: z.enum(VILLAGE_PAY_FLOOR_MODES),
  villageSecretaryPayFloorMultiple: multipleSchema,
  communitySecretaryPayFloorMode: z.enum(COMMUNITY_PAY_FLOOR_MODES),
  communitySecretaryPayFloorMultiple: multipleSchema,
  departedCadreSubsidyMinMonthlyFen: fenSchema,
  departedCadrePensionExcludesSubsidy: z.boolean(),
  nonPublicActivityFundMinPerMemberFen: fenSchema,
  nonPublicDuesReturnPct: pctSchema,
  hardshipFundFinanceMinFen: fenSchema,
  hardshipFundDuesMinFen: fenSchema,
  rectQuotaVillagePct: pctSchema,
  rectQuotaCommunityPct: pctSchema,
  rectQuotaOtherPct: pctSchema,
  rectQuotaVillageRounding: roundingSchema,
  rectQuotaCommunityRounding: roundingSchema,
  rectQuotaOtherRounding: roundingSchema,
  rectConversionMinPct: pctSchema.nullable(),
  upgradeTargetPoorPct: pctSchema,
  upgradeTargetAveragePct: pctSchema,
  upgradeTargetFairPct: pctSchema,
  retentionTargetGoodPct: pctSchema,
  dispatchForPoor: z.enum(DISPATCH_MODES),
  dispatchForAverage: z.enum(DISPATCH_MODES),
  dispatchForFair: z.enum(DISPATCH_MODES),
  honoursMinGrade: gradeSchema,
  healthCheckMinConsecutiveYears: positiveCount,
  healthCheckMinGoodYears: positiveCount,
  trainingRotationDeadline: monthDaySchema,
  trainingAnnualTimesMin: positiveCount,
  trainingNewSecretaryMinDays: positiveCount,
  reservePerVillageMin: countParam,
  reservePerPostProblemVillage: z.number().nonnegative().max(20),
  reserveLedgerMaxAge: positiveCount,
  memberDevCityQuota: countParam,
  memberDevYoungMaxAge: positiveCount,
  memberDevYoungMinPct: pctSchema,
  memberDevHighSchoolMinPct: pctSchema,
  memberDevStagnantYears: positiveCount,
  graduateOfficialsMinPerCounty: countParam,
  graduateOfficialsMinYearsInOffice: countParam,
  poorVillageCityHelpedTarget: countParam,
  teamMeetingsPerWeekMin: positiveCount,
  partyPublicMeetingsPerQuarterMin: positiveCount,
  reviewMinParticipants: positiveCount,
  reviewQuarter: z.number().int().min(1).max(4),
  demoTargetCounty: countParam,
  demoTargetTownship: countParam,
  demoTargetStreet: countParam,
  demoTargetVillage: countParam,
  demoTargetCommunity: countParam,
  demoTargetOrgan: countParam,
  demoTargetInstitution: countParam,
  demoTargetSoe: countParam,
  demoTargetNonPublic: countParam,
  demoTargetSocialOrg: countParam,
  formationOwnOrgMinEmployees: positiveCount,
  formationMinMembersForOwnOrg: positiveCount,
  instructorsPerEnterprise: positiveCount,
} as const;

export type PolicyKey = keyof typeof POLICY_VALUE_SCHEMAS;
export type PolicyValues = { [K in PolicyKey]: z.output<(typeof POLICY_VALUE_SCHEMAS)[K]> };
export const POLICY_KEYS = Object.keys(POLICY_VALUE_SCHEMAS) as PolicyKey[];

export const POLICY_UNITS = [
  'ratio',
  'fen_per_year',
  'fen_per_month',
  'fen_per_member_year',
  'mode',
  'multiple',
  'flag',
  'percent',
  'rounding',
  'grade',
  'years',
  'age',
  'days',
  'times',
  'count',
  'month_day',
  'per_week',
  'per_quarter',
  'quarter',
  'persons',
] as const;
export type PolicyUnit = (typeof POLICY_UNITS)[number];

export const POLICY_UNIT_LABELS: Record<PolicyUnit, string> = {
  ratio: '系数',
  fen_per_year: '分/年',
  fen_per_month: '分/月',
  fen_per_member_year: '分/人·年',
  mode: '方式',
  multiple: '倍',
  flag: '是/否',
  percent: '%',
  rounding: '取整方式',
  grade: '等次',
  years: '年',
  age: '周岁',
  days: '天',
  times: '次',
  count: '个',
  month_day: '月-日',
  per_week: '次/周',
  per_quarter: '次/季度',
  quarter: '季度',
  persons: '人',
};

export interface PolicyParameterMeta {
  label: string;
  unit: PolicyUnit;
  /** Rule family that uses it (for grouping in the admin console). */
  family:
    | 'pay'
    | 'floors'
    | 'rectification'
    | 'upgrade'
    | 'training'
    | 'cadres'
    | 'poverty'
    | 'governance'
    | 'formation';
}

/** Chinese label, unit and rule family of every parameter (for the admin console). */
export const POLICY_PARAMETERS: Record<PolicyKey, PolicyParameterMeta> = {
  payRatioGood: { label: '“好”类村党组织书记报酬系数', unit: 'ratio', family: 'pay' },
  payRatioFair: { label: '“较好”类报酬系数', unit: 'ratio', family: 'pay' },
  payRatioAverage: { label: '“一般”类报酬系数', unit: 'ratio', family: 'pay' },
  payRatioPoor: { label: '“较差”类报酬系数', unit: 'ratio', family: 'pay' },
  payCoversCommunities: {
    label: '社区党组织书记报酬也与定级挂钩（按比例确定）',
    unit: 'flag',
    family: 'pay',
  },
  villageOperatingFundsAvgMinFen: {
    label: '村平均运转保障经费下限',
    unit: 'fen_per_year',
    family: 'floors',
  },
  communityOperatingFundsAvgMinFen: {
    label: '社区平均运转保障经费下限',
    unit: 'fen_per_year',
    family: 'floors',
  },
  villageSecretaryPayFloorMode: {
    label: '村党组织书记报酬底线口径',
    unit: 'mode',
    family: 'floors',
  },
  villageSecretaryPayFloorMultiple: {
    label: '村党组织书记报酬底线倍数',
    unit: 'multiple',
    family: 'floors',
  },
  communitySecretaryPayFloorMode: {
    label: '社区党组织书记报酬底线口径',
    unit: 'mode',
    family: 'floors',
  },
  communitySecretaryPayFloorMultiple: {
    label: '社区党组织书记报酬底线倍数',
    unit: 'multiple',
    family: 'floors',
  },
  departedCadreSubsidyMinMonthlyFen: {
    label: '离任村主干生活补助月最低标准',
    unit: 'fen_per_month',
    family: 'floors',
  },
  departedCadrePensionExcludesSubsidy: {
    label: '享受财政补助养老保险者不再发放生活补助',
    unit: 'flag',
    family: 'floors',
  },
  nonPublicActivityFundMinPerMemberFen: {
    label: '非公企业党员活动经费财政补助下限',
    unit: 'fen_per_member_year',
    family: 'floors',
  },
  nonPublicDuesReturnPct: {
    label: '非公企业和社会组织党员党费返还比例',
    unit: 'percent',
    family: 'floors',
  },
  hardshipFundFinanceMinFen: {
    label: '市级困难党员关怀帮扶资金（市财政）',
    unit: 'fen_per_year',
    family: 'floors',
  },
  hardshipFundDuesMinFen: {
    label: '市级困难党员关怀帮扶资金（市管党费）',
    unit: 'fen_per_year',
    family: 'floors',
  },
  rectQuotaVillagePct: {
    label: '整顿对象比例：村党组织',
    unit: 'percent',
    family: 'rectification',
  },
  rectQuotaCommunityPct: {
    label: '整顿对象比例：社区党组织',
    unit: 'percent',
    family: 'rectification',
  },
  rectQuotaOtherPct: {
    label: '整顿对象比例：其他领域基层党组织',
    unit: 'percent',
    family: 'rectification',
  },
  rectQuotaVillageRounding: {
    label: '整顿对象比例取整方式：村党组织',
    unit: 'rounding',
    family: 'rectification',
  },
  rectQuotaCommunityRounding: {
    label: '整顿对象比例取整方式：社区党组织',
    unit: 'rounding',
    family: 'rectification',
  },
  rectQuotaOtherRounding: {
    label: '整顿对象比例取整方式：其他领域基层党组织',
    unit: 'rounding',
    family: 'rectification',
  },
  rectConversionMinPct: {
    label: '整顿转化率下限（无则不考核）',
    unit: 'percent',
    family: 'rectification',
  },
  upgradeTargetPoorPct: { label: '“较差”类晋位升级率目标', unit: 'percent', family: 'upgrade' },
  upgradeTargetAveragePct: { label: '“一般”类晋位升级率目标', unit: 'percent', family: 'upgrade' },
  upgradeTargetFairPct: { label: '“较好”类晋位升级率目标', unit: 'percent', family: 'upgrade' },
  retentionTargetGoodPct: { label: '“好”类巩固率目标', unit: 'percent', family: 'upgrade' },
  dispatchForPoor: { label: '“较差”类党组织选派方式', unit: 'mode', family: 'upgrade' },
  dispatchForAverage: { label: '“一般”类党组织选派方式', unit: 'mode', family: 'upgrade' },
  dispatchForFair: { label: '“较好”类党组织选派方式', unit: 'mode', family: 'upgrade' },
  honoursMinGrade: { label: '评先评优及代表委员推荐的最低等次', unit: 'grade', family: 'upgrade' },
  healthCheckMinConsecutiveYears: {
    label: '体检：连续任职年限下限',
    unit: 'years',
    family: 'upgrade',
  },
  healthCheckMinGoodYears: { label: '体检：定为“好”类年数下限', unit: 'years', family: 'upgrade' },
  trainingRotationDeadline: {
    label: '村（社区）书记轮训完成期限（当年）',
    unit: 'month_day',
    family: 'training',
  },
  trainingAnnualTimesMin: {
    label: '基层党组织书记年内轮训次数下限',
    unit: 'times',
    family: 'training',
  },
  trainingNewSecretaryMinDays: {
    label: '新任书记专题培训天数下限',
    unit: 'days',
    family: 'training',
  },
  reservePerVillageMin: { label: '每村后备对象数下限', unit: 'persons', family: 'cadres' },
  reservePerPostProblemVillage: {
    label: '问题村每个书记岗位后备干部数',
    unit: 'persons',
    family: 'cadres',
  },
  reserveLedgerMaxAge: { label: '村党组织带头人台账年龄上限（含）', unit: 'age', family: 'cadres' },
  memberDevCityQuota: { label: '全市年度发展党员规模（左右）', unit: 'persons', family: 'cadres' },
  memberDevYoungMaxAge: {
    label: '农村发展党员“35岁以下”年龄上限（含）',
    unit: 'age',
    family: 'cadres',
  },
  memberDevYoungMinPct: {
    label: '农村新党员中 35 岁以下比例下限',
    unit: 'percent',
    family: 'cadres',
  },
  memberDevHighSchoolMinPct: {
    label: '农村新党员中高中以上文化比例下限',
    unit: 'percent',
    family: 'cadres',
  },
  memberDevStagnantYears: {
    label: '连续未发展党员年数（触发整改和书记提名限制）',
    unit: 'years',
    family: 'cadres',
  },
  graduateOfficialsMinPerCounty: {
    label: '每县选拔大学生村官任村书记/副书记人数下限',
    unit: 'persons',
    family: 'cadres',
  },
  graduateOfficialsMinYearsInOffice: {
    label: '大学生村官在村任职年限下限',
    unit: 'years',
    family: 'cadres',
  },
  poorVillageCityHelpedTarget: { label: '市级重点帮扶贫困村数', unit: 'count', family: 'poverty' },
  teamMeetingsPerWeekMin: {
    label: '班子联席会议每周次数下限',
    unit: 'per_week',
    family: 'governance',
  },
  partyPublicMeetingsPerQuarterMin: {
    label: '党群联席会议每季度次数下限',
    unit: 'per_quarter',
    family: 'governance',
  },
  reviewMinParticipants: { label: '述职评议参会人数下限', unit: 'persons', family: 'governance' },
  reviewQuarter: { label: '述职评议所在季度', unit: 'quarter', family: 'governance' },
  demoTargetCounty: { label: '示范县目标', unit: 'count', family: 'governance' },
  demoTargetTownship: { label: '示范乡镇目标', unit: 'count', family: 'governance' },
  demoTargetStreet: { label: '示范街道目标', unit: 'count', family: 'governance' },
  demoTargetVillage: { label: '示范村目标', unit: 'count', family: 'governance' },
  demoTargetCommunity: { label: '示范社区目标', unit: 'count', family: 'governance' },
  demoTargetOrgan: { label: '示范机关单位目标', unit: 'count', family: 'governance' },
  demoTargetInstitution: { label: '示范事业单位目标', unit: 'count', family: 'governance' },
  demoTargetSoe: { label: '示范国有企业目标', unit: 'count', family: 'governance' },
  demoTargetNonPublic: { label: '示范非公企业目标', unit: 'count', family: 'governance' },
  demoTargetSocialOrg: { label: '示范社会组织目标', unit: 'count', family: 'governance' },
  formationOwnOrgMinEmployees: {
    label: '非公企业单独组建党组织的职工人数下限',
    unit: 'persons',
    family: 'formation',
  },
  formationMinMembersForOwnOrg: {
    label: '单独组建党组织所需党员数',
    unit: 'persons',
    family: 'formation',
  },
  instructorsPerEnterprise: {
    label: '每企选派党建工作指导员人数（一企一员）',
    unit: 'persons',
    family: 'formation',
  },
};

// ---------------------------------------------------------------------------------------------
// Sources, sets
// ---------------------------------------------------------------------------------------------

/** Where a parameter's value comes from: the notice and its section, or a department's decision. */
export const policySourceSchema = z.object({
  /** The notice's id ("001", see notices.ts); null for a department's own decision. */
  seed: z.enum(NOTICE_IDS).nullable(),
  /** Section within the notice, e.g. "§7" or "§4.3" (a department's decision: its own words). */
  section: z.string().min(1),
  /** Document number, e.g. "常委〔2012〕5号"; null when the notice has none. */
  document: z.string().min(1).nullable(),
  /** Optional note (e.g. "不低于 → 向上取整"). */
  note: z.string().optional(),
});
export type PolicySource = z.infer<typeof policySourceSchema>;

/**
 * A source in people's words: "常委〔2012〕5号 第七条"; a notice without a document number by its
 * issuer ("岳阳市委组织部2015年基层党建通知 第三部分"); a department's decision as "本地区决定（…）".
 */
export function formatPolicySource(source: PolicySource): string {
  if (source.seed !== null) return citation(source.seed, source.section);
  return source.document !== null
    ? `${source.document} ${source.section}`
    : `本地区决定（${source.section}）`;
}

export interface PolicyEntry<V> {
  value: V;
  source: PolicySource;
}
export type PolicyParameters = { [K in PolicyKey]?: PolicyEntry<PolicyValues[K]> };

/**
 * What a set is, which decides whom it binds and how it is named to people:
 * - `notice`: a notice's own parameters, bound to the region that issued it (shipped);
 * - `adopted`: a department adopting (参照执行) another region's notice, some or all of its
 *   parameters, for its own region;
 * - `local`: a department's own decision (an adjustment, e.g. a higher funding level);
 * - `system`: the reference values shipped with the system, the last fallback for a parameter no
 *   notice in force and no adoption covers (shown as 系统参考值, not as policy in force).
 */
export const POLICY_SET_KINDS = ['local', 'notice', 'adopted', 'system'] as const;
export type PolicySetKind = (typeof POLICY_SET_KINDS)[number];
export const POLICY_SET_KIND_LABELS: Record<PolicySetKind, string> = {
  local: '本地区调整',
  notice: '本地区文件',
  adopted: '参照执行',
  system: '系统参考值',
};

export interface PolicySet {
  /** Stable identifier, e.g. "changde-2012" or "430702-adopt-003". */
  id: string;
  /** Bumped whenever a value changes; part of every result's policyVersion. */
  version: number;
  name: string;
  /** The region it applies to (and everything inside it); null = everywhere (system values only). */
  regionCode: RegionCode | null;
  /** First and last year it applies to (inclusive); null = open-ended. */
  fromYear: number | null;
  toYear: number | null;
  /** Absent in older stored sets: a department's set is `local`. */
  kind?: PolicySetKind;
  /** The notice a `notice` set is, or an `adopted` set copies. */
  noticeId?: NoticeId | null;
  parameters: PolicyParameters;
}

type EntrySchemas = {
  [K in PolicyKey]: z.ZodOptional<
    z.ZodObject<{ value: (typeof POLICY_VALUE_SCHEMAS)[K]; source: typeof policySourceSchema }>
  >;
};
const entrySchemas = Object.fromEntries(
  POLICY_KEYS.map((k) => [
    k,
    z.object({ value: POLICY_VALUE_SCHEMAS[k], source: policySourceSchema }).optional(),
  ]),
) as unknown as EntrySchemas;

const RATIO_KEYS: Record<
  Grade,
  'payRatioGood' | 'payRatioFair' | 'payRatioAverage' | 'payRatioPoor'
> = {
  good: 'payRatioGood',
  fair: 'payRatioFair',
  average: 'payRatioAverage',
  poor: 'payRatioPoor',
};

/** The policy key holding the pay ratio of a grade. */
export function payRatioKey(
  grade: Grade,
): 'payRatioGood' | 'payRatioFair' | 'payRatioAverage' | 'payRatioPoor' {
  return RATIO_KEYS[grade];
}

/** Ratios given must not increase from 好 to 较差 (a worse grade never earns more). */
function checkRatioOrder(
  values: Partial<Record<PolicyKey, unknown>>,
  ctx: z.RefinementCtx,
  path: (k: PolicyKey) => PropertyKey[],
): void {
  let previous: { key: PolicyKey; value: number } | null = null;
  for (const grade of GRADES) {
    const key = RATIO_KEYS[grade];
    const value = values[key];
    if (typeof value !== 'number') continue;
    if (previous !== null && value > previous.value) {
      ctx.addIssue({
        code: 'custom',
        path: path(key),
        message: `报酬系数应从“好”到“较差”不递增：${POLICY_PARAMETERS[key].label} ${value} 大于 ${POLICY_PARAMETERS[previous.key].label} ${previous.value}`,
      });
    }
    previous = { key, value };
  }
}

/**
 * Schema of a policy set (an admin's override or a shipped set). Validates every value with its
 * parameter's schema (ratios in (0, 1] with ≤ 3 decimals and non-increasing from 好 to 较差;
 * percentages 0..100; money non-negative integer fen), rejects unknown parameters, and checks
 * fromYear ≤ toYear.
 */
export const policySetSchema = z
  .object({
    id: z.string().trim().min(1),
    version: z.number().int().positive(),
    name: z.string().trim().min(1),
    regionCode: regionCodeSchema.nullable(),
    fromYear: yearSchema.nullable(),
    toYear: yearSchema.nullable(),
    kind: z.enum(POLICY_SET_KINDS).optional(),
    noticeId: z.enum(NOTICE_IDS).nullable().optional(),
    parameters: z.strictObject(entrySchemas),
  })
  .superRefine((set, ctx) => {
    if (set.fromYear !== null && set.toYear !== null && set.fromYear > set.toYear) {
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: '结束年度不能早于开始年度' });
    }
    if (set.kind === 'adopted' && !set.noticeId) {
      ctx.addIssue({ code: 'custom', path: ['noticeId'], message: '参照执行须注明所参照的文件' });
    }
    const values: Partial<Record<PolicyKey, unknown>> = {};
    for (const key of POLICY_KEYS) values[key] = set.parameters[key]?.value;
    checkRatioOrder(values, ctx, (k) => ['parameters', k, 'value']);
  });

/** Validates a policy set (e.g. an admin's override) and returns it typed; DomainError names the field. */
export function parsePolicySet(input: unknown): PolicySet {
  const parsed: PolicySet = parseInput(policySetSchema, input);
  return parsed;
}

/** The kind of a set (stored sets written before kinds existed are a department's own: local). */
export function policySetKind(set: PolicySet): PolicySetKind {
  return set.kind ?? (set.id === DEFAULT_POLICY_SET_ID ? 'system' : 'local');
}

// ---------------------------------------------------------------------------------------------
// Shipped sets: the system's reference values, and each notice's own parameters
// ---------------------------------------------------------------------------------------------

const src =
  (seed: NoticeId) =>
  (section: string, note?: string): PolicySource => ({
    seed,
    section,
    document: NOTICES[seed].document,
    ...(note ? { note } : {}),
  });
const s000 = src('000');
const s001 = src('001');
const s002 = src('002');
const s003 = src('003');
const s004 = src('004');

function entry<V>(value: V, source: PolicySource): PolicyEntry<V> {
  return { value, source };
}

/** Id of the shipped reference set; `resolvePolicy` always falls back to it. */
export const DEFAULT_POLICY_SET_ID = 'default';

/**
 * The system's reference values: every parameter, each with the notice it was taken from
 * (常德 001 for grading, pay and floors; 岳阳 000 for quotas and training; 娄底 002 for the new
 * secretaries' training; 东莞 003 for meeting cadence; 三堂街镇 004 for the review meeting).
 * They bind nobody: a parameter resolved from here is shown as 系统参考值 until the region's own
 * notice sets it or its department adopts one (参照执行).
 */
export const DEFAULT_POLICY_SET: PolicySet = {
  id: DEFAULT_POLICY_SET_ID,
  version: 2,
  name: '系统参考值',
  regionCode: null,
  fromYear: null,
  toYear: null,
  kind: 'system',
  noticeId: null,
  parameters: {
    payRatioGood: entry(1, s001('§7')),
    payRatioFair: entry(0.9, s001('§7')),
    payRatioAverage: entry(0.8, s001('§7')),
    payRatioPoor: entry(0.7, s001('§7')),
    payCoversCommunities: entry(
      false,
      s001('§7', '在农村，村党组织书记报酬与定级挂钩；城市社区书记报酬按第十七条对照社会平均工资'),
    ),
    villageOperatingFundsAvgMinFen: entry(6_000_000, s001('§16', '2012 年各村平均 6 万元以上')),
    communityOperatingFundsAvgMinFen: entry(8_000_000, s001('§16', '社区平均 8 万元以上')),
    villageSecretaryPayFloorMode: entry(
      'county_average_vs_rural_labour_income',
      s001('§17', '以区县为单位，年平均报酬不低于当地农村劳动力年平均收入'),
    ),
    villageSecretaryPayFloorMultiple: entry(1, s001('§17')),
    communitySecretaryPayFloorMode: entry(
      'county_average_vs_social_wage',
      s001('§17', '以区县为单位，年平均报酬不低于当地社会平均工资'),
    ),
    communitySecretaryPayFloorMultiple: entry(1, s001('§17', '不低于当地社会平均工资')),
    departedCadreSubsidyMinMonthlyFen: entry(10_000, s001('§17', '月补助最低 100 元')),
    departedCadrePensionExcludesSubsidy: entry(true, s001('§18')),
    nonPublicActivityFundMinPerMemberFen: entry(10_000, s001('§22', '每名党员每年不低于 100 元')),
    nonPublicDuesReturnPct: entry(100, s001('§22', '先缴至县以上组织部门后全返')),
    hardshipFundFinanceMinFen: entry(100_000_000, s001('§23', '市财政每年 100 万元')),
    hardshipFundDuesMinFen: entry(50_000_000, s001('§23', '市管党费 50 万元')),
    rectQuotaVillagePct: entry(10, s000('§3', '村党组织不低于 10%')),
    rectQuotaCommunityPct: entry(5, s000('§3', '社区和其他领域不低于 5%')),
    rectQuotaOtherPct: entry(5, s000('§3')),
    rectQuotaVillageRounding: entry('ceil' as const, s000('§3', '“不低于”→ 向上取整')),
    rectQuotaCommunityRounding: entry('ceil' as const, s000('§3', '“不低于”→ 向上取整')),
    rectQuotaOtherRounding: entry('ceil' as const, s000('§3', '“不低于”→ 向上取整')),
    rectConversionMinPct: entry(null, s000('§3', '未规定转化率')),
    upgradeTargetPoorPct: entry(90, s001('§9')),
    upgradeTargetAveragePct: entry(20, s001('§9')),
    upgradeTargetFairPct: entry(10, s001('§9')),
    retentionTargetGoodPct: entry(100, s001('§9')),
    dispatchForPoor: entry('work_team' as const, s001('§9', '工作组组长担任第一书记')),
    dispatchForAverage: entry('first_secretary' as const, s001('§9')),
    dispatchForFair: entry('township_contact' as const, s001('§9')),
    honoursMinGrade: entry('good', s001('§7、§21')),
    healthCheckMinConsecutiveYears: entry(6, s001('§20')),
    healthCheckMinGoodYears: entry(2, s001('§20')),
    trainingRotationDeadline: entry('06-30', s000('§2', '上半年完成村（社区）党组织书记轮训')),
    trainingAnnualTimesMin: entry(1, s000('§2', '年内普遍轮训一遍')),
    trainingNewSecretaryMinDays: entry(3, s002('§3')),
    reservePerVillageMin: entry(1, s001('§8', '一村一名')),
    reservePerPostProblemVillage: entry(1, s001('§8', '未另作规定，同一村一名')),
    reserveLedgerMaxAge: entry(35, s001('§8', '35 岁以下（含 35 岁）')),
    memberDevCityQuota: entry(5000, s001('§11', '5000 名左右')),
    memberDevYoungMaxAge: entry(35, s001('§11', '35 岁以下（含 35 岁）')),
    memberDevYoungMinPct: entry(80, s001('§11')),
    memberDevHighSchoolMinPct: entry(80, s001('§11')),
    memberDevStagnantYears: entry(2, s001('§11')),
    graduateOfficialsMinPerCounty: entry(5, s001('§6')),
    graduateOfficialsMinYearsInOffice: entry(1, s001('§6')),
    poorVillageCityHelpedTarget: entry(50, s000('§4')),
    teamMeetingsPerWeekMin: entry(1, s003('§1.1')),
    partyPublicMeetingsPerQuarterMin: entry(1, s003('§1.2')),
    reviewMinParticipants: entry(80, s004('§2')),
    reviewQuarter: entry(4, s004('§4')),
    demoTargetCounty: entry(1, s001('§10')),
    demoTargetTownship: entry(25, s001('§10')),
    demoTargetStreet: entry(2, s001('§10')),
    demoTargetVillage: entry(130, s001('§10')),
    demoTargetCommunity: entry(21, s001('§10')),
    demoTargetOrgan: entry(45, s001('§10')),
    demoTargetInstitution: entry(75, s001('§10')),
    demoTargetSoe: entry(30, s001('§10')),
    demoTargetNonPublic: entry(75, s001('§10')),
    demoTargetSocialOrg: entry(15, s001('§10')),
    formationOwnOrgMinEmployees: entry(50, s001('§2')),
    formationMinMembersForOwnOrg: entry(3, s001('§2')),
    instructorsPerEnterprise: entry(1, s001('§2', '一企一员')),
  },
};

/** The reference parameters that a notice itself sets (their source is that notice). */
function parametersOf(noticeId: NoticeId): PolicyParameters {
  const out: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) {
    const e = DEFAULT_POLICY_SET.parameters[key];
    if (e?.source.seed === noticeId) out[key] = e;
  }
  return out;
}

function noticeSet(
  noticeId: NoticeId,
  id: string,
  fromYear: number,
  overrides: PolicyParameters = {},
): PolicySet {
  const notice = NOTICES[noticeId];
  return {
    id,
    version: 1,
    name: `${notice.issuer}${notice.title}${notice.document ? `（${notice.document}）` : ''}`,
    regionCode: notice.regionCode,
    fromYear,
    toYear: null,
    kind: 'notice',
    noticeId,
    parameters: { ...parametersOf(noticeId), ...overrides },
  };
}

/** Region code of 东莞市 (a prefecture-level city without counties: its towns sit directly under it). */
export const DONGGUAN_REGION_CODE: RegionCode = NOTICES['003'].regionCode;

/** 常德市委 常委〔2012〕5号: grading, pay ratios, upgrade and dispatch, floors, development (4307). */
export const CHANGDE_POLICY_SET = noticeSet('001', 'changde-2012', 2012);

/** 岳阳市委组织部's 2015 plan: rectification quotas, rotation training, poor villages (4306). */
export const YUEYANG_POLICY_SET = noticeSet('000', 'yueyang-2015', 2015);

/** 娄组通〔2014〕10号: rectifying soft-and-lax organisations, new secretaries' training (4313). */
export const LOUDI_POLICY_SET = noticeSet('002', 'loudi-2014', 2014);

/**
 * 东组通〔2015〕34号 (4419), as data: village/community cadres' basic pay ≥ 2 × farmers'
 * per-capita net income, each (第四部分第3项); about 10 % of village and community orgs listed
 * yearly, rounded half-up, ≥ 90 % converted (第二部分); reserve secretaries about 1:2 in problem
 * villages (第三部分第2项); weekly 班子联席会议 and quarterly 党群联席会议 (第一部分).
 */
export const DONGGUAN_POLICY_SET = noticeSet('003', 'dongguan-2015', 2015, {
  villageSecretaryPayFloorMode: entry(
    'each_basic_vs_farmer_net_income',
    s003('§4.3', '村（社区）基层干部基本报酬不低于当地农民人均纯收入两倍'),
  ),
  villageSecretaryPayFloorMultiple: entry(2, s003('§4.3')),
  communitySecretaryPayFloorMode: entry(
    'each_basic_vs_farmer_net_income',
    s003('§4.3', '村（社区）基层干部基本报酬不低于当地农民人均纯收入两倍'),
  ),
  communitySecretaryPayFloorMultiple: entry(2, s003('§4.3')),
  rectQuotaVillagePct: entry(10, s003('§2', '村（社区）10% 左右')),
  rectQuotaCommunityPct: entry(10, s003('§2', '村（社区）10% 左右')),
  rectQuotaVillageRounding: entry('round' as const, s003('§2', '“左右”→ 四舍五入')),
  rectQuotaCommunityRounding: entry('round' as const, s003('§2', '“左右”→ 四舍五入')),
  rectConversionMinPct: entry(90, s003('§2', '整顿转化 90% 以上')),
  reservePerPostProblemVillage: entry(2, s003('§3.2', '1:2 左右')),
});

/** 三堂街镇's notice on the yearly report-and-review of village (community) secretaries. */
export const SANTANGJIE_POLICY_SET = noticeSet('004', 'santangjie-2015', 2015);

/** Each notice's own set, bound to the region that issued it. */
export const NOTICE_POLICY_SETS: readonly PolicySet[] = [
  CHANGDE_POLICY_SET,
  YUEYANG_POLICY_SET,
  LOUDI_POLICY_SET,
  DONGGUAN_POLICY_SET,
  SANTANGJIE_POLICY_SET,
];

/** Every set shipped with the system (the admin console lists them). */
export const SHIPPED_POLICY_SETS: readonly PolicySet[] = [
  ...NOTICE_POLICY_SETS,
  DEFAULT_POLICY_SET,
];

/** The shipped set of a notice. */
export function noticePolicySet(noticeId: NoticeId): PolicySet {
  const set = NOTICE_POLICY_SETS.find((s) => s.noticeId === noticeId);
  if (!set) throw new DomainError('UNKNOWN_VALUE', 'noticeId', `没有文件「${noticeId}」的参数`);
  return set;
}

/**
 * A department adopting a notice (参照执行): a set of its own region holding the notice's
 * parameters (all of them, or those listed), each keeping the notice as its source.
 */
export function adoptNotice(
  noticeId: NoticeId,
  regionCode: RegionCode,
  fromYear: number,
  keys?: readonly PolicyKey[],
): PolicySet {
  const notice = noticePolicySet(noticeId);
  const parameters: Record<string, unknown> = {};
  for (const key of keys ?? POLICY_KEYS) {
    const e = notice.parameters[key];
    if (e !== undefined) parameters[key] = e;
  }
  if (Object.keys(parameters).length === 0) {
    throw new DomainError('INVALID_INPUT', 'keys', `${noticeName(noticeId)} 没有所选的政策参数`);
  }
  return {
    id: `${regionCode}-adopt-${noticeId}`,
    version: 1,
    name: `参照执行${noticeName(noticeId)}`,
    regionCode,
    fromYear,
    toYear: null,
    kind: 'adopted',
    noticeId,
    parameters: parameters,
  };
}

// ---------------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------------

export interface ParameterProvenance {
  setId: string;
  setVersion: number;
  setName: string;
  /** Whether the value binds the region (its own notice or decision), is adopted, or is a reference. */
  kind: PolicySetKind;
  /** The region of the set (null for the system's reference values). */
  setRegionCode: RegionCode | null;
  source: PolicySource;
}

/** One set that supplied values, as people see it. */
export interface PolicySetInForce {
  id: string;
  version: number;
  name: string;
  kind: PolicySetKind;
  kindLabel: string;
  noticeId: NoticeId | null;
  regionCode: RegionCode | null;
  /** How many parameters it supplied. */
  parameters: number;
}

export interface ResolvedPolicy {
  regionCode: RegionCode;
  year: number;
  values: PolicyValues;
  provenance: Record<PolicyKey, ParameterProvenance>;
  /** Sets that supplied at least one value, most specific first: "id@version". */
  sets: string[];
  /** The same sets, with their names and kinds (for "which policy is in force"). */
  inForce: PolicySetInForce[];
  /** The policy in force in people's words: "常委〔2012〕5号 + 参照执行娄组通〔2014〕10号 + 系统参考值 3 项". */
  label: string;
  /**
   * Stable identifier of this exact policy: the contributing sets plus a hash of every resolved
   * value, e.g. "dongguan-2015@1+default@2#9f2c41aa". Carried by every computed result as
   * `policyVersion`; code and logs use it, screens show `label`.
   */
  version: string;
}

function setApplies(set: PolicySet, regionCode: RegionCode, year: number): boolean {
  if (set.fromYear !== null && year < set.fromYear) return false;
  if (set.toYear !== null && year > set.toYear) return false;
  return set.regionCode === null || isWithinRegion(regionCode, set.regionCode);
}

function specificity(set: PolicySet): number {
  return set.regionCode === null ? 0 : regionPrefix(set.regionCode).length;
}

const KIND_RANK: Record<PolicySetKind, number> = { local: 0, notice: 1, adopted: 2, system: 3 };

/** FNV-1a 32-bit hash, hex: a short stable fingerprint (not a security measure). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The name of a set in a policy label: a notice by its number, an adoption as 参照执行…, a local set by its name. */
function shortSetName(set: PolicySetInForce): string {
  if (set.kind === 'notice' && set.noticeId) return noticeName(set.noticeId);
  if (set.kind === 'adopted' && set.noticeId) return `参照执行${noticeName(set.noticeId)}`;
  if (set.kind === 'system') return `系统参考值 ${set.parameters} 项`;
  return set.name;
}

/** "常委〔2012〕5号 + 参照执行娄组通〔2014〕10号 + 系统参考值 3 项". */
export function policyLabel(inForce: readonly PolicySetInForce[]): string {
  return inForce.map(shortSetName).join(' + ');
}

/**
 * The policy in force for (region, year). Candidates are the given sets (a department's own and
 * adopted sets, from the database), every shipped notice set, and the system's reference values
 * (a given set with id "default" replaces the shipped one), each when it covers the region (its
 * region contains the region, or it has none) and the year (fromYear ≤ year ≤ toYear). A notice
 * therefore binds only the region that issued it and the regions inside it.
 *
 * Each parameter comes from the most specific candidate that has it: a longer region prefix wins
 * (county beats city beats province beats the system's values); at equal specificity a
 * department's own decision beats its region's notice, which beats an adopted notice; then the
 * later fromYear, then the higher version, then the smaller id. Every set is validated first
 * (policySetSchema), and the merged values are validated again (e.g. a county raising only
 * payRatioPoor above the city's payRatioAverage is rejected).
 */
export function resolvePolicy(
  sets: readonly PolicySet[],
  regionCode: RegionCode,
  year: number,
): ResolvedPolicy {
  parseInput(z.object({ regionCode: regionCodeSchema, year: yearSchema }), { regionCode, year });
  const validated = parseInput(z.object({ sets: z.array(policySetSchema) }), { sets })
    .sets as PolicySet[];
  const givenIds = new Set(validated.map((s) => s.id));
  const all = [...validated, ...SHIPPED_POLICY_SETS.filter((s) => !givenIds.has(s.id))];
  const candidates = all
    .filter((s) => setApplies(s, regionCode, year))
    .sort(
      (a, b) =>
        specificity(b) - specificity(a) ||
        KIND_RANK[policySetKind(a)] - KIND_RANK[policySetKind(b)] ||
        (b.fromYear ?? -Infinity) - (a.fromYear ?? -Infinity) ||
        b.version - a.version ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const provenance: Partial<Record<PolicyKey, ParameterProvenance>> = {};
  const used = new Map<PolicySet, number>();
  for (const key of POLICY_KEYS) {
    const set = candidates.find((s) => s.parameters[key] !== undefined);
    const found = set?.parameters[key];
    if (set === undefined || found === undefined) {
      throw new DomainError(
        'POLICY_NOT_FOUND',
        key,
        `${year} 年没有适用的政策参数「${POLICY_PARAMETERS[key].label}」`,
      );
    }
    values[key] = found.value;
    provenance[key] = {
      setId: set.id,
      setVersion: set.version,
      setName: set.name,
      kind: policySetKind(set),
      setRegionCode: set.regionCode,
      source: found.source,
    };
    used.set(set, (used.get(set) ?? 0) + 1);
  }
  const merged = z.looseObject({}).superRefine((v, ctx) => checkRatioOrder(v, ctx, (k) => [k]));
  parseInput(merged, values);
  const ordered = candidates.flatMap((s) => {
    const count = used.get(s);
    return count === undefined ? [] : [{ set: s, count }];
  });
  const inForce: PolicySetInForce[] = ordered.map(({ set: s, count }) => {
    const kind = policySetKind(s);
    return {
      id: s.id,
      version: s.version,
      name: s.name,
      kind,
      kindLabel: POLICY_SET_KIND_LABELS[kind],
      noticeId: s.noticeId ?? null,
      regionCode: s.regionCode,
      parameters: count,
    };
  });
  const setIds = ordered.map(({ set: s }) => `${s.id}@${s.version}`);
  const canonical = JSON.stringify(POLICY_KEYS.map((k) => [k, values[k]]));
  return {
    regionCode,
    year,
    values: values as PolicyValues,
    provenance: provenance as Record<PolicyKey, ParameterProvenance>,
    sets: setIds,
    inForce,
    label: policyLabel(inForce),
    version: `${setIds.join('+')}#${fingerprint(canonical)}`,
  };
}

/** One parameter a result relied on: its value and where it came from (for display and audit). */
export interface PolicyBasis {
  key: PolicyKey;
  label: string;
  value: PolicyValues[PolicyKey];
  unit: PolicyUnit;
  setId: string;
  /** 本地区文件 / 参照执行 / 本地区调整 / 系统参考值. */
  kind: PolicySetKind;
  kindLabel: string;
  /** The citation in people's words (常委〔2012〕5号 第七条). */
  source: string;
  /** The notice's full title, for a tooltip (null for a department's decision). */
  sourceTitle: string | null;
}

/** The basis entries of the given parameters of a resolved policy. */
export function policyBasis(policy: ResolvedPolicy, keys: readonly PolicyKey[]): PolicyBasis[] {
  return keys.map((key) => {
    const from = policy.provenance[key];
    return {
      key,
      label: POLICY_PARAMETERS[key].label,
      value: policy.values[key],
      unit: POLICY_PARAMETERS[key].unit,
      setId: from.setId,
      kind: from.kind,
      kindLabel: POLICY_SET_KIND_LABELS[from.kind],
      source: formatPolicySource(from.source),
      sourceTitle: from.source.seed !== null ? citeNotice(from.source.seed).title : null,
    };
  });
}

/** The citation of the parameter a sentence states (for text that states a rule). */
export function citeParameter(policy: ResolvedPolicy, key: PolicyKey): string {
  return formatPolicySource(policy.provenance[key].source);
}

/** Every parameter of a resolved policy as display rows (admin console "current policy" page). */
export function describePolicy(policy: ResolvedPolicy): PolicyBasis[] {
  return policyBasis(policy, POLICY_KEYS);
}
