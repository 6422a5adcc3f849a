import { z } from 'zod';
import { fenSchema } from '../money';
import { NOTICES } from '../notices';
import type { NoticeId } from '../notices';
import type { PolicyEntry, PolicySource } from '../policy';

/**
 * The policy parameters of the member rules (issue 20), each with its source, kept here until
 * they are wired into the policy sets of policy.ts. Most come from documents above the seed
 * notices (the Party Constitution, the branch-work regulations, the Party-dues rules): a source
 * with `seed: null` and the document's name or number, shown as "《中国共产党章程》 第七条" or
 * "中组发〔2008〕3号 第二条" by formatPolicySource. Rules take the values as an argument
 * (`MemberPolicyValues`, defaults in MEMBER_POLICY_VALUES); no rule holds a literal.
 */

/** 《中国共产党章程》: membership, probation (第七条), handling unqualified members (第九条). */
export const PARTY_CONSTITUTION = '《中国共产党章程》';
/** 《中国共产党支部工作条例（试行）》: the branch meetings and their cadence (第十一至十三条、第十九条). */
export const BRANCH_WORK_REGULATIONS = '《中国共产党支部工作条例（试行）》';
/** Document number of the Party-dues rules. */
export const DUES_RULES_DOCUMENT = '中组发〔2008〕3号';
/** Title of the Party-dues rules. */
export const DUES_RULES_TITLE = '《关于中国共产党党费收缴、使用和管理的规定》';

/** A source in a document above the seed notices (no notice id): "《中国共产党章程》 第七条". */
export function documentSource(document: string, section: string, note?: string): PolicySource {
  return { seed: null, document, section, ...(note ? { note } : {}) };
}

/** A source in one of the seed notices: 常委〔2012〕5号 第二十三条. */
export function noticeSource(noticeId: NoticeId, section: string, note?: string): PolicySource {
  return {
    seed: noticeId,
    section,
    document: NOTICES[noticeId].document,
    ...(note ? { note } : {}),
  };
}

/** How a share of money is rounded to whole fen. */
export const FEN_ROUNDINGS = ['round', 'floor', 'ceil'] as const;
export type FenRounding = (typeof FEN_ROUNDINGS)[number];
export const FEN_ROUNDING_LABELS: Record<FenRounding, string> = {
  round: '四舍五入到分',
  floor: '舍去分以下',
  ceil: '分以下进一',
};

/**
 * One bracket of a dues table: monthly income up to `upToFen` (inclusive; null = no upper
 * bound) pays `rateBasisPoints` ten-thousandths of it (0.5 % = 50).
 */
export const duesBracketSchema = z.object({
  upToFen: fenSchema.nullable(),
  rateBasisPoints: z.number().int().min(0).max(10_000),
});
export type DuesBracket = z.infer<typeof duesBracketSchema>;

/** Brackets in increasing order of their upper bound, the last one open-ended. */
export const duesBracketsSchema = z
  .array(duesBracketSchema)
  .min(1)
  .superRefine((brackets, ctx) => {
    brackets.forEach((b, i) => {
      const last = i === brackets.length - 1;
      if (last !== (b.upToFen === null)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'upToFen'],
          message: '只有最后一档没有上限',
        });
      }
      const prev = brackets[i - 1];
      if (prev?.upToFen != null && b.upToFen !== null && b.upToFen <= prev.upToFen) {
        ctx.addIssue({ code: 'custom', path: [i, 'upToFen'], message: '各档上限应递增' });
      }
    });
  });

const months = z.number().int().positive().max(120);
const perPeriod = z.number().int().positive().max(31);

export const MEMBER_POLICY_VALUE_SCHEMAS = {
  probationMonths: months,
  probationExtensionMaxMonths: months,
  probationExtensionsMax: z.number().int().min(0).max(5),
  membershipMinAge: z.number().int().min(14).max(30),
  branchAssemblyPerQuarterMin: perPeriod,
  branchCommitteePerMonthMin: perPeriod,
  partyGroupPerMonthMin: perPeriod,
  partyLecturePerQuarterMin: perPeriod,
  appraisalCorrectionMonths: months,
  pointsStarThresholds: z
    .array(z.number().int())
    .min(1)
    .refine((t) => t.every((v, i) => i === 0 || v > (t[i - 1] as number)), '星级分数线应递增'),
  mobileOutOfContactMonths: months,
  duesSalariedBrackets: duesBracketsSchema,
  duesRetiredBrackets: duesBracketsSchema,
  duesFlatMonthlyFen: fenSchema,
  duesFarmerMinFen: fenSchema,
  duesFarmerMaxFen: fenSchema,
  duesRounding: z.enum(FEN_ROUNDINGS),
  duesLapseMonths: months,
  activityWeekVolunteerMin: z.number().int().min(0).max(10),
  activityWeekDonationMin: z.number().int().min(0).max(10),
} as const;

export type MemberPolicyKey = keyof typeof MEMBER_POLICY_VALUE_SCHEMAS;
export type MemberPolicyValues = {
  [K in MemberPolicyKey]: z.output<(typeof MEMBER_POLICY_VALUE_SCHEMAS)[K]>;
};
export const MEMBER_POLICY_KEYS = Object.keys(MEMBER_POLICY_VALUE_SCHEMAS) as MemberPolicyKey[];

/**
 * Chinese label and unit of each member parameter (for the admin console, once wired). Units
 * not yet in POLICY_UNITS: months, per_month, brackets, points.
 */
export const MEMBER_POLICY_PARAMETERS: Record<MemberPolicyKey, { label: string; unit: string }> = {
  probationMonths: { label: '预备期', unit: 'months' },
  probationExtensionMaxMonths: { label: '延长预备期最长', unit: 'months' },
  probationExtensionsMax: { label: '延长预备期次数上限', unit: 'times' },
  membershipMinAge: { label: '入党年龄下限（年满）', unit: 'age' },
  branchAssemblyPerQuarterMin: { label: '支部党员大会每季度次数下限', unit: 'per_quarter' },
  branchCommitteePerMonthMin: { label: '支部委员会会议每月次数下限', unit: 'per_month' },
  partyGroupPerMonthMin: { label: '党小组会每月次数下限', unit: 'per_month' },
  partyLecturePerQuarterMin: { label: '党课每季度次数下限', unit: 'per_quarter' },
  appraisalCorrectionMonths: { label: '评议不合格党员限期改正期限', unit: 'months' },
  pointsStarThresholds: { label: '星级评定分数线（一星至五星）', unit: 'points' },
  mobileOutOfContactMonths: { label: '流动党员失去联系认定月数', unit: 'months' },
  duesSalariedBrackets: { label: '在职党员党费比例（按税后月收入分档）', unit: 'brackets' },
  duesRetiredBrackets: { label: '离退休党员党费比例（按月离退休费分档）', unit: 'brackets' },
  duesFlatMonthlyFen: {
    label: '学生、下岗失业、依靠抚恤救济或领取低保党员月党费',
    unit: 'fen_per_month',
  },
  duesFarmerMinFen: { label: '农民党员月党费下限', unit: 'fen_per_month' },
  duesFarmerMaxFen: { label: '农民党员月党费上限', unit: 'fen_per_month' },
  duesRounding: { label: '党费取整方式', unit: 'rounding' },
  duesLapseMonths: { label: '连续未交党费月数（视为自行脱党）', unit: 'months' },
  activityWeekVolunteerMin: { label: '“七一”党员活动周每名党员志愿服务次数', unit: 'times' },
  activityWeekDonationMin: { label: '“七一”党员活动周每名党员捐助次数', unit: 'times' },
};

const constitution = (section: string, note?: string) =>
  documentSource(PARTY_CONSTITUTION, section, note);
const regulations = (section: string, note?: string) =>
  documentSource(BRANCH_WORK_REGULATIONS, section, note);
const dues = (section: string, note?: string) => documentSource(DUES_RULES_DOCUMENT, section, note);

function entry<V>(value: V, source: PolicySource): PolicyEntry<V> {
  return { value, source };
}

/** The reference value of every member parameter with the document it comes from. */
export const MEMBER_POLICY_DEFAULTS: {
  [K in MemberPolicyKey]: PolicyEntry<MemberPolicyValues[K]>;
} = {
  probationMonths: entry(12, constitution('第七条', '预备党员的预备期为一年')),
  probationExtensionMaxMonths: entry(12, constitution('第七条', '可以延长预备期，但不能超过一年')),
  probationExtensionsMax: entry(1, constitution('第七条', '延长一次，且不超过一年')),
  membershipMinAge: entry(18, constitution('第一条', '年满十八岁')),
  branchAssemblyPerQuarterMin: entry(1, regulations('第十一条', '党员大会一般每季度召开1次')),
  branchCommitteePerMonthMin: entry(1, regulations('第十二条', '支部委员会会议一般每月召开1次')),
  partyGroupPerMonthMin: entry(1, regulations('第十三条', '党小组会一般每月召开1次')),
  partyLecturePerQuarterMin: entry(
    1,
    regulations(
      '第十九条',
      '条例要求按期上党课、党支部书记每年至少讲1次党课；每季度至少1次为通行做法（系统参考值）',
    ),
  ),
  appraisalCorrectionMonths: entry(
    6,
    constitution('第九条', '要求限期改正，未规定期限；6 个月为系统参考值'),
  ),
  pointsStarThresholds: entry(
    [60, 70, 80, 90, 95],
    noticeSource('000', '§6', '探索党员积分管理、星级管理；文件未定分数线，系统参考值'),
  ),
  mobileOutOfContactMonths: entry(
    6,
    noticeSource('001', '§3', '流入地为主、流出地配合；失联月数参照党章第九条“连续六个月”'),
  ),
  duesSalariedBrackets: entry(
    [
      { upToFen: 300_000, rateBasisPoints: 50 },
      { upToFen: 500_000, rateBasisPoints: 100 },
      { upToFen: 1_000_000, rateBasisPoints: 150 },
      { upToFen: null, rateBasisPoints: 200 },
    ],
    dues(
      '第二条',
      '税后月收入 3000 元以下（含）0.5%，至 5000 元（含）1%，至 10000 元（含）1.5%，以上 2%',
    ),
  ),
  duesRetiredBrackets: entry(
    [
      { upToFen: 500_000, rateBasisPoints: 50 },
      { upToFen: null, rateBasisPoints: 100 },
    ],
    dues('第五条', '离退休费总额 5000 元以下（含）0.5%，以上 1%'),
  ),
  duesFlatMonthlyFen: entry(20, dues('第六条', '每月 0.2 元')),
  duesFarmerMinFen: entry(20, dues('第六条', '农民党员每月 0.2 元至 1 元')),
  duesFarmerMaxFen: entry(100, dues('第六条', '农民党员每月 0.2 元至 1 元')),
  duesRounding: entry(
    'round',
    dues('第二条', '规定未明确分以下如何处理；按分四舍五入（系统参考值）'),
  ),
  duesLapseMonths: entry(6, constitution('第九条', '连续六个月不交纳党费，被认为是自行脱党')),
  activityWeekVolunteerMin: entry(1, noticeSource('001', '§24', '组织一次党员志愿服务')),
  activityWeekDonationMin: entry(1, noticeSource('001', '§24', '组织一次捐助活动')),
};

/** The reference values alone (what rules take until a resolved policy supplies them). */
export const MEMBER_POLICY_VALUES: MemberPolicyValues = Object.fromEntries(
  MEMBER_POLICY_KEYS.map((k) => [k, MEMBER_POLICY_DEFAULTS[k].value]),
) as MemberPolicyValues;
