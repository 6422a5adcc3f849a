import { z } from 'zod';
import { repeatedIndexes } from './collections';
import { daysBetween } from './dates';
import { DomainError } from './errors';
import {
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  fieldCategorySchema,
  orgKindSchema,
} from './orgs';
import type { FieldCategory, OrgKind } from './orgs';
import { policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { meetsPercent, percentOfCount, rate } from './rates';
import type { CountRounding, Rate } from './rates';
import { countSchema, idSchema, isoDateSchema, parseInput, yearSchema } from './validation';
import type { IsoDate } from './validation';

/**
 * Rectifying soft-and-lax Party organisations (整顿软弱涣散基层党组织): 002 (娄组通〔2014〕10号),
 * 000 §1, §3 (Yueyang 2015), 003 §2 (东组通〔2015〕34号).
 */

/** The six criteria of a soft-and-lax org (002 §1), numbered (1)-(6) as in 附件1. */
export const RECTIFICATION_CRITERIA = [
  'team_incomplete',
  'secretary_incompetent',
  'team_disunited',
  'term_overdue',
  'rules_on_paper',
  'weak_service',
] as const;
export type RectificationCriterion = (typeof RECTIFICATION_CRITERIA)[number];
export const RECTIFICATION_CRITERION_LABELS: Record<RectificationCriterion, string> = {
  team_incomplete: '党组织班子配备不齐、书记长期缺职、工作处于停滞状态的',
  secretary_incompetent: '党组织书记不胜任现职、工作不在状态、严重影响班子整体战斗力的',
  team_disunited: '班子不团结、内耗严重、工作不能正常开展的',
  term_overdue: '党组织长期不换届的',
  rules_on_paper: '组织制度形同虚设、不开展党组织活动的',
  weak_service: '党组织服务意识不强、服务水平不高、党员群众满意率低的',
};
export const rectificationCriterionSchema = z.enum(RECTIFICATION_CRITERIA);

/** Problems that call for key rectification (重点整顿) of rural and community orgs (002 §1). */
export const KEY_RECTIFICATION_FLAGS = [
  'vote_buying',
  'clan_religious_criminal',
  'disclosure_chaos',
  'order_petition_disputes',
] as const;
export type KeyRectificationFlag = (typeof KEY_RECTIFICATION_FLAGS)[number];
export const KEY_RECTIFICATION_FLAG_LABELS: Record<KeyRectificationFlag, string> = {
  vote_buying: '换届选举拉票贿选问题突出',
  clan_religious_criminal: '宗族宗教和黑恶势力干扰渗透严重',
  disclosure_chaos: '村务居务财务公开和民主管理混乱',
  order_petition_disputes: '社会治安问题和信访矛盾纠纷集中',
};
export const keyRectificationFlagSchema = z.enum(KEY_RECTIFICATION_FLAGS);

function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z.array(item).superRefine((list, ctx) => {
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i)
        ctx.addIssue({ code: 'custom', path: [i], message: `${what}「${v}」重复` });
    });
  });
}

export interface SoftAndLaxAssessment {
  softAndLax: boolean;
  /** Needs key rectification: a rural or community org with at least one key flag (002 §1). */
  keyRectification: boolean;
  criteria: RectificationCriterion[];
  /** Criteria numbers (1)-(6) as printed in 附件1. */
  criterionNumbers: number[];
  /** A soft-and-lax village may postpone its election: rectify first, then elect (002 §1). */
  mayPostponeElection: boolean;
}

export const softAndLaxInputSchema = z.object({
  category: fieldCategorySchema,
  criteria: uniqueList(rectificationCriterionSchema, '整顿标准'),
  keyFlags: uniqueList(keyRectificationFlagSchema, '重点整顿情形').default([]),
});
export type SoftAndLaxInput = z.input<typeof softAndLaxInputSchema>;

/**
 * Whether an org is soft and lax (meets at least one of the six criteria, 002 §1), whether it
 * needs key rectification (rural/community with a key flag), and whether its election may be
 * postponed (a soft-and-lax village org).
 */
export function assessSoftAndLax(input: SoftAndLaxInput): SoftAndLaxAssessment {
  const p = parseInput(softAndLaxInputSchema, input);
  const softAndLax = p.criteria.length > 0;
  const ruralOrCommunity = p.category === 'rural' || p.category === 'street_community';
  const criteria = RECTIFICATION_CRITERIA.filter((c) => p.criteria.includes(c));
  return {
    softAndLax,
    keyRectification: ruralOrCommunity && p.keyFlags.length > 0,
    criteria,
    criterionNumbers: criteria.map((c) => RECTIFICATION_CRITERIA.indexOf(c) + 1),
    mayPostponeElection: softAndLax && p.category === 'rural',
  };
}

// ---------------------------------------------------------------------------------------------
// Quotas and conversion
// ---------------------------------------------------------------------------------------------

export const QUOTA_GROUPS = ['village', 'community', 'other'] as const;
export type QuotaGroup = (typeof QUOTA_GROUPS)[number];
export const QUOTA_GROUP_LABELS: Record<QuotaGroup, string> = {
  village: '村党组织',
  community: '社区党组织',
  other: '其他领域基层党组织',
};

/** The quota group of an org by its field category: 农村 → village, 街道社区 → community, else other. */
export function quotaGroupOf(category: FieldCategory): QuotaGroup {
  if (category === 'rural') return 'village';
  if (category === 'street_community') return 'community';
  return 'other';
}

const groupCounts = z.object({ village: countSchema, community: countSchema, other: countSchema });
export const rectificationQuotaInputSchema = z.object({
  /** Grassroots orgs in the region, by quota group. */
  orgCounts: groupCounts,
  /** Orgs listed for rectification this year (carried-over cases included), if known. */
  listed: groupCounts.optional(),
});
export type RectificationQuotaInput = z.input<typeof rectificationQuotaInputSchema>;

export interface QuotaLine {
  group: QuotaGroup;
  orgCount: number;
  percent: number;
  /** How this group's share is rounded to whole organisations (its own parameter). */
  rounding: CountRounding;
  required: number;
  listed: number | null;
  shortfall: number | null;
  met: boolean | null;
}

export interface RectificationQuotaResult {
  lines: QuotaLine[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Yearly rectification quotas (000 §3): at least 10 % of village orgs and at least 5 % of
 * community and other-field orgs are listed (rectQuotaVillagePct / …CommunityPct / …OtherPct).
 * Each group has its own share and its own rounding (rectQuota…Rounding): "at least x %"
 * rounds up ('ceil'): 10 % of 25 villages → 3 (2 would be
 * only 8 %); 10 % of 0 → 0. Dongguan's "about 10 %" (003 §2) rounds half-up ('round').
 * Carried-over cases (回头看, 000 §3) are part of the year's list, so they count toward the quota.
 */
export function computeRectificationQuota(
  input: RectificationQuotaInput,
  policy: ResolvedPolicy,
): RectificationQuotaResult {
  const p = parseInput(rectificationQuotaInputSchema, input);
  const rounding: Record<QuotaGroup, CountRounding> = {
    village: policy.values.rectQuotaVillageRounding,
    community: policy.values.rectQuotaCommunityRounding,
    other: policy.values.rectQuotaOtherRounding,
  };
  const pct: Record<QuotaGroup, number> = {
    village: policy.values.rectQuotaVillagePct,
    community: policy.values.rectQuotaCommunityPct,
    other: policy.values.rectQuotaOtherPct,
  };
  const lines = QUOTA_GROUPS.map((group): QuotaLine => {
    const required = percentOfCount(p.orgCounts[group], pct[group], rounding[group]);
    const listed = p.listed ? p.listed[group] : null;
    return {
      group,
      orgCount: p.orgCounts[group],
      percent: pct[group],
      rounding: rounding[group],
      required,
      listed,
      shortfall: listed === null ? null : Math.max(0, required - listed),
      met: listed === null ? null : listed >= required,
    };
  });
  return {
    lines,
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'rectQuotaVillagePct',
      'rectQuotaCommunityPct',
      'rectQuotaOtherPct',
      'rectQuotaVillageRounding',
      'rectQuotaCommunityRounding',
      'rectQuotaOtherRounding',
    ]),
  };
}

/**
 * Whether the year's list meets the quota (000 §3): every group lists at least its share. A group
 * whose listed count is unknown (met null) does not fail it.
 */
export function rectificationQuotaMet(quota: Pick<RectificationQuotaResult, 'lines'>): boolean {
  return quota.lines.every((l) => l.met !== false);
}

export interface ConversionResult {
  /** False when the policy sets no conversion target (rectConversionMinPct null). */
  applicable: boolean;
  listed: number;
  converted: number;
  rate: Rate;
  targetPercent: number | null;
  /** Conversions needed: ⌈listed × target⌉. */
  required: number | null;
  met: boolean | null;
  policyVersion: string;
  basis: PolicyBasis[];
}

export const conversionInputSchema = z
  .object({ listed: countSchema, converted: countSchema })
  .refine((v) => v.converted <= v.listed, {
    path: ['converted'],
    message: '转化数不能大于整顿对象数',
  });

/**
 * Conversion of listed orgs (003 §2, Dongguan: ≥ 90 % converted; rectConversionMinPct). Compared
 * exactly: 9 of 10 meets 90 %, 8 of 9 (88.89 %) does not. The default policy sets no target.
 */
export function checkRectificationConversion(
  input: z.input<typeof conversionInputSchema>,
  policy: ResolvedPolicy,
): ConversionResult {
  const p = parseInput(conversionInputSchema, input);
  const target = policy.values.rectConversionMinPct;
  const common = {
    listed: p.listed,
    converted: p.converted,
    rate: rate(p.converted, p.listed),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['rectConversionMinPct']),
  };
  if (target === null)
    return { ...common, applicable: false, targetPercent: null, required: null, met: null };
  return {
    ...common,
    applicable: true,
    targetPercent: target,
    required: percentOfCount(p.listed, target, 'ceil'),
    met: meetsPercent(p.converted, p.listed, target),
  };
}

// ---------------------------------------------------------------------------------------------
// Cases: one org, one plan; ledger with close-out; acceptance; carry-over
// ---------------------------------------------------------------------------------------------

export const PUBLIC_CONFIRMATION_METHODS = [
  'mass_meeting',
  'representative_review',
  'survey',
  'public_notice',
] as const;
export const PUBLIC_CONFIRMATION_METHOD_LABELS: Record<
  (typeof PUBLIC_CONFIRMATION_METHODS)[number],
  string
> = {
  mass_meeting: '党员群众大会认可',
  representative_review: '党员群众代表评议',
  survey: '民主测评／问卷',
  public_notice: '公示无异议',
};

/** The refusal when an item is to be closed without any recorded public confirmation. */
export const PUBLIC_CONFIRMATION_REQUIRED =
  '销号须记录群众认可情况（由谁确认、以何种方式、何时确认）：群众认可一件、销号一件（000 §1）';

/**
 * The public's confirmation that an item is fixed (000 §1: 群众认可一件、销号一件): who confirmed
 * it (the meeting's chair, the survey's organiser…), how, when, and what records it.
 */
export const publicConfirmationSchema = z.object(
  {
    confirmedBy: z.string().trim().min(1, '应记录由谁确认群众认可（会议主持人或组织者）'),
    confirmedOn: isoDateSchema,
    method: z.enum(PUBLIC_CONFIRMATION_METHODS),
    /** What records it: minutes, survey result, notice photo… */
    evidence: z.string().trim().min(1, '应记录群众认可的依据'),
  },
  {
    error: (issue) =>
      issue.input === undefined || issue.input === null ? PUBLIC_CONFIRMATION_REQUIRED : undefined,
  },
);

export const itemClosureSchema = z
  .object({ closedOn: isoDateSchema, publicConfirmation: publicConfirmationSchema })
  .refine((c) => c.publicConfirmation.confirmedOn <= c.closedOn, {
    path: ['publicConfirmation', 'confirmedOn'],
    message: '群众认可应在销号之前或当日',
  });
export type ItemClosure = z.infer<typeof itemClosureSchema>;

/** One problem of a plan, with its measures, goal, deadline and responsible person (002 §2). */
export const rectificationProblemSchema = z.object({
  id: idSchema,
  description: z.string().trim().min(1, '应写明具体问题'),
  measures: z.array(z.string().trim().min(1)).min(1, '每个问题至少一条整顿措施'),
  goal: z.string().trim().min(1, '应明确整顿目标'),
  deadline: isoDateSchema,
  responsiblePerson: z.string().trim().min(1, '应明确责任人'),
  closure: itemClosureSchema.nullable().default(null),
});
export type RectificationProblem = z.infer<typeof rectificationProblemSchema>;

/** One org, one plan (002 §2): problem list, work team, leading cadre who owns it (003 §2.2). */
export const rectificationPlanSchema = z.object({
  problems: z
    .array(rectificationProblemSchema)
    .min(1, '整顿方案应列出问题清单')
    .superRefine((list, ctx) => {
      for (const i of repeatedIndexes(list, (p) => p.id))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `问题编号「${list[i]?.id}」重复`,
        });
    }),
  workTeam: z.object({
    leader: z.string().trim().min(1, '应派出工作班子并明确负责人'),
    members: z.array(z.string().trim().min(1)),
  }),
  leadingCadre: z.object({
    name: z.string().trim().min(1, '应明确包联领导干部'),
    post: z.string().trim().min(1),
  }),
});

export const ACCEPTANCE_LEVELS = ['county', 'township'] as const;
/** Acceptance at the end by the county or township (002 §5), heeding the public's view. */
export const caseAcceptanceSchema = z.object({
  by: z.enum(ACCEPTANCE_LEVELS),
  acceptedOn: isoDateSchema,
  passed: z.boolean(),
  /** 考核验收要坚持群众公认、注重听取群众意见 (002 §5). */
  publicOpinionHeard: z.boolean(),
});
export type CaseAcceptance = z.infer<typeof caseAcceptanceSchema>;

export const rectificationCaseSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  orgName: z.string().trim().min(1),
  year: yearSchema,
  category: fieldCategorySchema,
  criteria: uniqueList(rectificationCriterionSchema, '整顿标准').min(1, '整顿对象至少符合一条标准'),
  keyFlags: uniqueList(keyRectificationFlagSchema, '重点整顿情形').default([]),
  /** The year the case was first listed, when carried over (回头看, 000 §3). */
  carriedOverFrom: yearSchema.nullable().default(null),
  /** The org's election was postponed to rectify first (002 §1; rural orgs only). */
  electionPostponed: z.boolean().default(false),
  plan: rectificationPlanSchema,
  acceptance: caseAcceptanceSchema.nullable().default(null),
});
export type RectificationCase = z.infer<typeof rectificationCaseSchema>;
export type RectificationCaseInput = z.input<typeof rectificationCaseSchema>;

/** Validates a case (plan structure included); DomainError names the field. */
export function parseRectificationCase(input: unknown): RectificationCase {
  const c = parseInput(rectificationCaseSchema, input);
  if (c.electionPostponed && c.category !== 'rural') {
    throw new DomainError(
      'RULE_VIOLATION',
      'electionPostponed',
      '只有软弱涣散村党组织可以推迟换届选举（002 §1）',
    );
  }
  return c;
}

/**
 * Closes (销号) one item of a case's ledger. 000 §1: 群众认可一件、销号一件 — an item closes only
 * with a recorded public confirmation dated on or before the closing date. Returns a new case;
 * the input is not changed. Rejects an unknown or already-closed item and a closure without
 * confirmation (DomainError naming the field).
 */
export function closeRectificationItem(
  caseInput: RectificationCaseInput,
  problemId: string,
  closure: unknown,
): RectificationCase {
  const c = parseRectificationCase(caseInput);
  const index = c.plan.problems.findIndex((p) => p.id === problemId);
  if (index < 0)
    throw new DomainError('UNKNOWN_VALUE', 'problemId', `整顿方案中没有问题「${problemId}」`);
  if (c.plan.problems[index]?.closure) {
    throw new DomainError(
      'RULE_VIOLATION',
      `plan.problems[${index}].closure`,
      `问题「${problemId}」已销号`,
    );
  }
  const parsed = parseInput(z.object({ closure: itemClosureSchema }), { closure }).closure;
  const problems = c.plan.problems.map((p, i) => (i === index ? { ...p, closure: parsed } : p));
  return { ...c, plan: { ...c.plan, problems } };
}

export interface OverdueItem {
  problemId: string;
  deadline: IsoDate;
  daysOverdue: number;
}

/** Open items whose deadline has passed as of `asOf` (an item due on asOf is not yet overdue). */
export function overdueRectificationItems(
  caseInput: RectificationCaseInput,
  asOf: IsoDate,
): OverdueItem[] {
  const c = parseRectificationCase(caseInput);
  const day = parseInput(z.object({ asOf: isoDateSchema }), { asOf }).asOf;
  return c.plan.problems
    .filter((p) => p.closure === null && p.deadline < day)
    .map((p) => ({
      problemId: p.id,
      deadline: p.deadline,
      daysOverdue: daysBetween(p.deadline, day),
    }));
}

export type CaseStatus = 'in_progress' | 'ready_for_acceptance' | 'accepted' | 'failed_acceptance';
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  in_progress: '整顿中',
  ready_for_acceptance: '待验收',
  accepted: '已验收',
  failed_acceptance: '验收未通过',
};

export interface CaseProgress {
  status: CaseStatus;
  closedItems: number;
  openItems: number;
  overdueItems: OverdueItem[];
}

/** Progress of a case as of a date: items closed/open/overdue, and its status. */
export function rectificationCaseProgress(
  caseInput: RectificationCaseInput,
  asOf: IsoDate,
): CaseProgress {
  const c = parseRectificationCase(caseInput);
  const closedItems = c.plan.problems.filter((p) => p.closure !== null).length;
  const openItems = c.plan.problems.length - closedItems;
  const status = rectificationCaseStatus(c.acceptance, openItems);
  return { status, closedItems, openItems, overdueItems: overdueRectificationItems(c, asOf) };
}

/**
 * A case's status (002 §5, 娄组通〔2014〕10号): accepted or failed as the recorded acceptance says;
 * without one, ready for acceptance once every item is closed, else in progress. Only an
 * accepted case counts as converted (checkRectificationConversion).
 */
export function rectificationCaseStatus(
  acceptance: { passed: boolean } | null,
  openItems: number,
): CaseStatus {
  return acceptance !== null
    ? acceptance.passed
      ? 'accepted'
      : 'failed_acceptance'
    : openItems === 0
      ? 'ready_for_acceptance'
      : 'in_progress';
}

/**
 * Records the county's or township's acceptance (002 §5). Only a case whose every item is closed
 * can be accepted, not before the last closing date; a pass requires that the public's view was
 * heard (群众公认). Returns a new case.
 */
export function acceptRectificationCase(
  caseInput: RectificationCaseInput,
  acceptance: unknown,
): RectificationCase {
  const c = parseRectificationCase(caseInput);
  const a = parseInput(z.object({ acceptance: caseAcceptanceSchema }), { acceptance }).acceptance;
  c.plan.problems.forEach((p, i) => {
    if (p.closure === null) {
      throw new DomainError(
        'RULE_VIOLATION',
        `plan.problems[${i}].closure`,
        `问题「${p.id}」尚未经群众认可销号，不能验收`,
      );
    }
    if (p.closure.closedOn > a.acceptedOn) {
      throw new DomainError(
        'RULE_VIOLATION',
        'acceptance.acceptedOn',
        `验收日期早于问题「${p.id}」的销号日期`,
      );
    }
  });
  if (a.passed && !a.publicOpinionHeard) {
    throw new DomainError(
      'RULE_VIOLATION',
      'acceptance.publicOpinionHeard',
      '考核验收要坚持群众公认，未听取群众意见不能验收通过（002 §5）',
    );
  }
  return { ...c, acceptance: a };
}

/**
 * 回头看 (000 §3): last year's cases that were not accepted as passed are carried into `toYear`'s
 * list (整顿不到位的纳入今年整顿任务), keeping their plan and closed items, with the acceptance
 * cleared and `carriedOverFrom` set to the year first listed. Cases of other years are ignored.
 */
export function carryOverCases(
  cases: readonly RectificationCaseInput[],
  toYear: number,
): RectificationCase[] {
  const year = parseInput(z.object({ toYear: yearSchema }), { toYear }).toYear;
  const parsed = parseInput(z.object({ cases: z.array(rectificationCaseSchema) }), { cases }).cases;
  return parsed
    .filter((c) => c.year === year - 1 && c.acceptance?.passed !== true)
    .map((c) => ({ ...c, year, carriedOverFrom: c.carriedOverFrom ?? c.year, acceptance: null }));
}

export const electionDifficultyInputSchema = z.object({
  category: fieldCategorySchema,
  criteria: z.array(rectificationCriterionSchema),
  keyFlags: z.array(keyRectificationFlagSchema).default([]),
  electionPostponed: z.boolean().default(false),
});

/**
 * Whether a listed village belongs on 附件3 党组织换届选举难点村简要情况一览表 (002): a rural org
 * whose election is a difficulty — postponed to rectify first (002 §1: 软弱涣散村党组织的换届选举
 * 时间可以适当推迟，要先进行整顿，再组织换届选举), long without re-election (criterion (4)
 * 党组织长期不换届), or with vote-buying in elections (key flag 换届选举拉票贿选问题突出).
 * Non-rural orgs never are.
 */
export function isElectionDifficultVillage(
  input: z.input<typeof electionDifficultyInputSchema>,
): boolean {
  const p = parseInput(electionDifficultyInputSchema, input);
  if (p.category !== 'rural') return false;
  return (
    p.electionPostponed || p.criteria.includes('term_overdue') || p.keyFlags.includes('vote_buying')
  );
}

// ---------------------------------------------------------------------------------------------
// 附件1 汇总表
// ---------------------------------------------------------------------------------------------

export const summaryRowSchema = z.object({
  /** 填报单位 */
  filingUnit: z.string().trim().min(1, '填报单位不能为空'),
  /** 党组织类别 */
  category: fieldCategorySchema,
  orgKind: orgKindSchema,
  /** Criteria (1)-(6) the org meets; empty when it is not soft and lax. */
  criteria: uniqueList(rectificationCriterionSchema, '整顿标准').default([]),
});
export type SummaryRow = z.input<typeof summaryRowSchema>;

export const summaryInputSchema = z.object({
  rows: z.array(summaryRowSchema),
  /** Tables to include even with no org (shown with counts 0 and "——" percentages). */
  include: z
    .array(z.object({ filingUnit: z.string().trim().min(1), category: fieldCategorySchema }))
    .default([]),
});

export interface SummaryTable {
  filingUnit: string;
  category: FieldCategory;
  categoryLabel: string;
  /** 所辖基层党组织 */
  totalOrgs: number;
  /** 党委 / 党总支 / 党支部: count and % of the unit's orgs. */
  byKind: { kind: OrgKind; label: string; count: number; ofOrgs: Rate }[];
  /** 软弱涣散基层党组织: count and % of the unit's orgs. */
  softAndLax: { count: number; ofOrgs: Rate };
  /** (1)-(6): count, % of the unit's orgs, % of the soft-and-lax total. */
  criteria: {
    criterion: RectificationCriterion;
    number: number;
    label: string;
    count: number;
    ofOrgs: Rate;
    ofSoftAndLax: Rate;
  }[];
}

/**
 * The 附件1 汇总表 (002 附件1, 软弱涣散基层党组织情况汇总表): one table per filing unit and org
 * category (the note: each table covers one category). Rows are one per grassroots org. An org
 * meeting several criteria counts once in the soft-and-lax total and once under each criterion,
 * so criterion percentages of the soft-and-lax total may add up to more than 100. Percentages
 * are `Rate`s (exact fraction, percent rounded half-up to 0.01, null for 0/0). Tables are
 * ordered by filing unit, then by the category order of 附件1's note.
 */
export function summarizeSoftAndLax(input: z.input<typeof summaryInputSchema>): SummaryTable[] {
  const p = parseInput(summaryInputSchema, input);
  const groups = new Map<
    string,
    { filingUnit: string; category: FieldCategory; rows: typeof p.rows }
  >();
  const keyOf = (u: string, c: FieldCategory) => JSON.stringify([u, c]);
  for (const inc of p.include)
    groups.set(keyOf(inc.filingUnit, inc.category), { ...inc, rows: [] });
  for (const row of p.rows) {
    const key = keyOf(row.filingUnit, row.category);
    const group = groups.get(key) ?? {
      filingUnit: row.filingUnit,
      category: row.category,
      rows: [],
    };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.filingUnit < b.filingUnit
        ? -1
        : a.filingUnit > b.filingUnit
          ? 1
          : FIELD_CATEGORIES.indexOf(a.category) - FIELD_CATEGORIES.indexOf(b.category),
    )
    .map((g): SummaryTable => {
      const total = g.rows.length;
      const softCount = g.rows.filter((r) => r.criteria.length > 0).length;
      return {
        filingUnit: g.filingUnit,
        category: g.category,
        categoryLabel: FIELD_CATEGORY_LABELS[g.category],
        totalOrgs: total,
        byKind: ORG_KINDS.map((kind) => {
          const count = g.rows.filter((r) => r.orgKind === kind).length;
          return { kind, label: ORG_KIND_LABELS[kind], count, ofOrgs: rate(count, total) };
        }),
        softAndLax: { count: softCount, ofOrgs: rate(softCount, total) },
        criteria: RECTIFICATION_CRITERIA.map((criterion, i) => {
          const count = g.rows.filter((r) => r.criteria.includes(criterion)).length;
          return {
            criterion,
            number: i + 1,
            label: RECTIFICATION_CRITERION_LABELS[criterion],
            count,
            ofOrgs: rate(count, total),
            ofSoftAndLax: rate(count, softCount),
          };
        }),
      };
    });
}

// ------------------------------------------------------------------------------------------------
// Corrections (issue 16): a plan is the county's or township's record; a wrong entry is corrected
// or withdrawn, never erased, with who, when and why. 000 §1 台账 — the ledger is evidence, so the
// previous values stay in the history; 群众认可一件、销号一件 — a closed item stays as confirmed.
// ------------------------------------------------------------------------------------------------

/** Why a field was corrected or a record withdrawn: required, in the person's own words. */
export const correctionReasonSchema = z
  .string({ error: '请写明更正或撤销的原因' })
  .trim()
  .min(2, '请写明更正或撤销的原因（至少 2 个字）')
  .max(500, '原因不能超过 500 个字');

/** The state of a case that decides whether it may still be corrected. */
export interface CorrectableCase {
  /** Accepted as passed (002 §5): the record is final. */
  accepted: boolean;
  withdrawn: boolean;
  /** The later year the case was carried into (回头看, 000 §3), if any. */
  carriedInto: number | null;
}

/**
 * A case may be corrected, given new problems, or withdrawn only while it is live: not after its
 * acceptance as passed (the record the county signed off), not once withdrawn, and not once carried
 * into a later year (the later year's case is the one to correct).
 */
export function assertCaseCorrectable(c: CorrectableCase): void {
  if (c.accepted) {
    throw new DomainError(
      'RULE_VIOLATION',
      'caseId',
      '该整顿对象已验收通过，方案和台账不再更正或撤销',
    );
  }
  if (c.withdrawn) {
    throw new DomainError('RULE_VIOLATION', 'caseId', '该整顿对象已撤销，不能再修改');
  }
  if (c.carriedInto !== null) {
    throw new DomainError(
      'RULE_VIOLATION',
      'caseId',
      `该整顿对象已结转至 ${c.carriedInto} 年，请在 ${c.carriedInto} 年的方案中更正`,
    );
  }
}

/**
 * A problem may be corrected or withdrawn while it is open: a closed item (销号) was confirmed by
 * the public in that wording (000 §1: 群众认可一件、销号一件) and stays as it was.
 */
export function assertProblemCorrectable(p: { closed: boolean; withdrawn: boolean }): void {
  if (p.closed) {
    throw new DomainError(
      'RULE_VIOLATION',
      'problemId',
      '该问题已经群众认可销号，不能再更正或撤销（群众认可一件、销号一件）',
    );
  }
  if (p.withdrawn) {
    throw new DomainError('RULE_VIOLATION', 'problemId', '该问题已撤销，不能再修改');
  }
}

/**
 * Withdrawing a problem keeps at least one in the plan (002 §2: 列出问题清单): a case listed by
 * mistake is withdrawn as a whole instead.
 */
export function assertProblemWithdrawable(activeProblems: number): void {
  if (activeProblems <= 1) {
    throw new DomainError(
      'RULE_VIOLATION',
      'problemId',
      '整顿方案至少保留一个问题；如整顿对象本身列错，请撤销整顿对象',
    );
  }
}

/**
 * The fields a correction changes, with their previous and new values (compared as JSON, so
 * arrays compare by content). Refuses a correction that changes nothing.
 */
export function correctionDiff<T extends Record<string, unknown>>(
  current: T,
  patch: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(current[key] ?? null)) {
      before[key] = current[key];
      after[key] = value;
    }
  }
  if (Object.keys(after).length === 0) {
    throw new DomainError('EMPTY_INPUT', 'patch', '没有需要更正的内容：填写的与原记录相同');
  }
  return { before, after };
}
