import { z } from 'zod';
import { repeatedIndexes } from './collections';
import { fullYearsBetween } from './dates';
import { GRADES, GRADE_LABELS, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { citeParameter, DISPATCH_MODE_LABELS, policyBasis } from './policy';
import type { DispatchMode, PolicyBasis, PolicyKey, ResolvedPolicy } from './policy';
import { meetsPercent, percentOfCount, rate } from './rates';
import type { Rate } from './rates';
import { idSchema, isoDateSchema, parseInput, yearSchema } from './validation';

/**
 * Grading consequences (分类定级, 001 §7, §9, §20, §21, 常委〔2012〕5号): upgrade targets, the
 * sanction list, dispatch by grade, eligibility for honours, health check-ups.
 */

/** 0 for 好 … 3 for 较差: a smaller rank is a better grade. */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

export type GradeMovement = 'up' | 'same' | 'down';
/** How an org moved from last year's grade to this year's. */
export function gradeMovement(lastYear: Grade, thisYear: Grade): GradeMovement {
  const d = gradeRank(lastYear) - gradeRank(thisYear);
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same';
}

export const gradedOrgSchema = z.object({
  orgId: idSchema,
  lastYearGrade: gradeSchema,
  thisYearGrade: gradeSchema,
  /** The org's secretary (for the sanction list). */
  secretaryId: idSchema.nullable().default(null),
  /** Dispatched or contact cadres (驻联干部): work-team leader, first secretary, contact. */
  dispatchedCadreIds: z.array(idSchema).default([]),
});
export type GradedOrg = z.input<typeof gradedOrgSchema>;
const gradedOrgsSchema = z.object({
  orgs: z.array(gradedOrgSchema).superRefine((list, ctx) => {
    for (const i of repeatedIndexes(list, (o) => o.orgId))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'orgId'],
        message: `党组织「${list[i]?.orgId}」重复`,
      });
  }),
});

export interface UpgradeTargetLine {
  /** Last year's grade: the group measured. */
  grade: Grade;
  label: string;
  /** 'upgrade' for 较差/一般/较好 (moved up), 'retain' for 好 (still 好). */
  measure: 'upgrade' | 'retain';
  orgCount: number;
  achieved: number;
  rate: Rate;
  targetPercent: number;
  /** Orgs that must move up (or stay) to meet the target: ⌈count × target⌉. */
  required: number;
  /** null when the group is empty (nothing to measure). */
  met: boolean | null;
}

export interface UpgradeTargetsResult {
  lines: UpgradeTargetLine[];
  policyVersion: string;
  basis: PolicyBasis[];
}

const TARGET_KEYS: Record<
  Grade,
  PolicyKey &
    (
      | 'retentionTargetGoodPct'
      | 'upgradeTargetFairPct'
      | 'upgradeTargetAveragePct'
      | 'upgradeTargetPoorPct'
    )
> = {
  good: 'retentionTargetGoodPct',
  fair: 'upgradeTargetFairPct',
  average: 'upgradeTargetAveragePct',
  poor: 'upgradeTargetPoorPct',
};

/** How many orgs moved from one grade last year to another this year (one cell of the table). */
export const gradeMovementCountSchema = z.object({
  lastYearGrade: gradeSchema,
  thisYearGrade: gradeSchema,
  count: z.number().int().min(0),
});
export type GradeMovementCount = z.input<typeof gradeMovementCountSchema>;

/** The movement table of a list of graded orgs (orgs are checked for duplicates first). */
export function gradeMovementCounts(input: { orgs: readonly GradedOrg[] }): GradeMovementCount[] {
  const { orgs } = parseInput(gradedOrgsSchema, input);
  const counts = new Map<string, GradeMovementCount>();
  for (const o of orgs) {
    const key = `${o.lastYearGrade}:${o.thisYearGrade}`;
    const cell = counts.get(key) ?? {
      lastYearGrade: o.lastYearGrade,
      thisYearGrade: o.thisYearGrade,
      count: 0,
    };
    cell.count += 1;
    counts.set(key, cell);
  }
  return [...counts.values()];
}

/**
 * Upgrade targets at year end (001 §9, 常委〔2012〕5号 第九条), from the movement table (how many
 * orgs went from each grade last year to each grade this year): 较差 upgraded ≥ 90 %, 一般
 * ≥ 20 %, 较好 ≥ 10 %, 好 retained 100 %. "Upgraded" means any better grade (较差 → 一般 counts);
 * "retained" means still 好. Rates are compared exactly (9 of 10 meets 90 %). Cells of the same
 * pair add up, so a region's table is the sum of its children's.
 */
export function upgradeTargetsFromCounts(
  input: { movements: readonly GradeMovementCount[] },
  policy: ResolvedPolicy,
): UpgradeTargetsResult {
  const { movements } = parseInput(
    z.object({ movements: z.array(gradeMovementCountSchema) }),
    input,
  );
  const lines = GRADES.map((grade): UpgradeTargetLine => {
    const group = movements.filter((m) => m.lastYearGrade === grade);
    const measure = grade === 'good' ? 'retain' : 'upgrade';
    const orgCount = group.reduce((n, m) => n + m.count, 0);
    const achieved = group
      .filter((m) =>
        measure === 'retain'
          ? m.thisYearGrade === 'good'
          : gradeMovement(m.lastYearGrade, m.thisYearGrade) === 'up',
      )
      .reduce((n, m) => n + m.count, 0);
    const targetPercent = policy.values[TARGET_KEYS[grade]];
    return {
      grade,
      label: GRADE_LABELS[grade],
      measure,
      orgCount,
      achieved,
      rate: rate(achieved, orgCount),
      targetPercent,
      required: percentOfCount(orgCount, targetPercent, 'ceil'),
      met: orgCount === 0 ? null : meetsPercent(achieved, orgCount, targetPercent),
    };
  });
  return {
    lines,
    policyVersion: policy.version,
    basis: policyBasis(
      policy,
      GRADES.map((g) => TARGET_KEYS[g]),
    ),
  };
}

/**
 * Upgrade targets at year end (001 §9) for a list of graded orgs: the list's movement table
 * judged by upgradeTargetsFromCounts (one rule for both).
 */
export function computeUpgradeTargets(
  input: { orgs: readonly GradedOrg[] },
  policy: ResolvedPolicy,
): UpgradeTargetsResult {
  return upgradeTargetsFromCounts({ movements: gradeMovementCounts(input) }, policy);
}

export interface SanctionEntry {
  personId: string;
  role: 'secretary' | 'dispatched_cadre';
  orgId: string;
  reason: 'not_upgraded' | 'downgraded';
}

/**
 * The sanction list (001 §9): when a 一般/较差 org did not move up, or a 好/较好 org moved down,
 * its secretary and its dispatched/contact cadres may not be promoted or receive awards that
 * year. A 好 org that stays 好 and a 较好 org that stays 较好 are not sanctioned. A person listed
 * for several orgs appears once per org.
 */
export function sanctionList(input: { orgs: readonly GradedOrg[] }): SanctionEntry[] {
  const { orgs } = parseInput(gradedOrgsSchema, input);
  const out: SanctionEntry[] = [];
  for (const o of orgs) {
    const move = gradeMovement(o.lastYearGrade, o.thisYearGrade);
    const lowerHalf = o.lastYearGrade === 'average' || o.lastYearGrade === 'poor';
    const reason =
      lowerHalf && move !== 'up'
        ? 'not_upgraded'
        : !lowerHalf && move === 'down'
          ? 'downgraded'
          : null;
    if (reason === null) continue;
    if (o.secretaryId !== null)
      out.push({ personId: o.secretaryId, role: 'secretary', orgId: o.orgId, reason });
    for (const id of o.dispatchedCadreIds)
      out.push({ personId: id, role: 'dispatched_cadre', orgId: o.orgId, reason });
  }
  return out;
}

/** What can actually be sent: the DISPATCH_MODES other than 'none' (one list, checked). */
export const DISPATCH_KINDS = [
  'work_team',
  'first_secretary',
  'township_contact',
] as const satisfies readonly Exclude<DispatchMode, 'none'>[];
export type DispatchKind = (typeof DISPATCH_KINDS)[number];
export const dispatchKindSchema = z.enum(DISPATCH_KINDS);

/** The policy parameter that says what an org of a grade is sent (好 is sent nothing). */
export const DISPATCH_KEYS = {
  fair: 'dispatchForFair',
  average: 'dispatchForAverage',
  poor: 'dispatchForPoor',
} as const satisfies Record<Exclude<Grade, 'good'>, PolicyKey>;

/**
 * What an org of a grade is sent (001 §9), from the policy in force (dispatchForPoor /
 * dispatchForAverage / dispatchForFair): in 常德 较差 → a work team from county-level-or-above
 * organs whose leader serves as 第一书记; 一般 → a 第一书记 from county-or-above organs; 较好 → a
 * township leader as contact; 好 → nothing ('none').
 */
export function dispatchFor(grade: Grade, policy: ResolvedPolicy): DispatchMode {
  const g = parseInput(z.object({ grade: gradeSchema }), { grade }).grade;
  return g === 'good' ? 'none' : policy.values[DISPATCH_KEYS[g]];
}

/**
 * One dispatched cadre (驻联干部) as recorded for an org and a year (001 §9): who, from which
 * unit (派出单位), in which post, whether they lead a work team and serve as 第一书记, from / to.
 * A work team's leader must serve as 第一书记; a cadre sent as 第一书记 is one; only a work team
 * has a leader; the cadre serves within the year (from ≤ 31 Dec, to ≥ 1 Jan and ≥ from).
 */
export const dispatchRecordSchema = z
  .object({
    orgId: idSchema,
    year: yearSchema,
    kind: dispatchKindSchema,
    cadreName: z
      .string()
      .trim()
      .min(1, '请填写干部姓名（cadreName）')
      .max(50, '干部姓名不能超过 50 个字'),
    unit: z.string().trim().min(1, '请填写派出单位（unit）').max(100, '派出单位不能超过 100 个字'),
    post: z.string().trim().max(50, '职务不能超过 50 个字').nullable().default(null),
    leader: z.boolean().default(false),
    firstSecretary: z.boolean().default(false),
    fromDate: isoDateSchema,
    toDate: isoDateSchema.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (d.leader && d.kind !== 'work_team')
      ctx.addIssue({
        code: 'custom',
        path: ['leader'],
        message: '组长（leader）：只有工作组设组长',
      });
    if (d.kind === 'work_team' && d.leader && !d.firstSecretary)
      ctx.addIssue({
        code: 'custom',
        path: ['firstSecretary'],
        message: '担任第一书记（firstSecretary）：工作组组长应担任第一书记',
      });
    if (d.kind === 'first_secretary' && !d.firstSecretary)
      ctx.addIssue({
        code: 'custom',
        path: ['firstSecretary'],
        message: '担任第一书记（firstSecretary）：选派的第一书记应担任第一书记',
      });
    if (d.fromDate > `${d.year}-12-31`)
      ctx.addIssue({
        code: 'custom',
        path: ['fromDate'],
        message: `到任日期（fromDate）：不能晚于 ${d.year} 年底`,
      });
    if (d.toDate !== null && d.toDate < d.fromDate)
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: '离任日期（toDate）：不能早于到任日期',
      });
    else if (d.toDate !== null && d.toDate < `${d.year}-01-01`)
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: `离任日期（toDate）：不能早于 ${d.year} 年初`,
      });
  });
export type DispatchRecord = z.output<typeof dispatchRecordSchema>;

/** Validates a dispatch record (throws a DomainError naming the field). */
export function parseDispatchRecord(input: z.input<typeof dispatchRecordSchema>): DispatchRecord {
  return parseInput(dispatchRecordSchema, input);
}

export const dispatchCheckInputSchema = z.object({
  orgs: z.array(
    z.object({
      orgId: idSchema,
      /** The grade the org carries into the year (last year's). */
      grade: gradeSchema,
      /** The cadres recorded for the org this year (ended ones excluded by the caller). */
      dispatched: z
        .array(
          z.object({
            kind: dispatchKindSchema,
            leader: z.boolean().default(false),
            firstSecretary: z.boolean().default(false),
          }),
        )
        .default([]),
    }),
  ),
});

export const DISPATCH_STATUSES = ['met', 'missing', 'wrong_kind', 'no_leader'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, string> = {
  met: '已选派',
  missing: '尚未登记选派',
  wrong_kind: '选派方式与等次不符',
  no_leader: '工作组未确定组长（第一书记）',
};

export interface DispatchCheck {
  orgId: string;
  grade: Grade;
  needs: DispatchKind;
  status: DispatchStatus;
  /** How many cadres are recorded (any kind). */
  recorded: number;
}

export interface DispatchPlan {
  /** Totals needed per kind (Changde 2012: 300 work teams, 1000 first secretaries, 1500 contacts). */
  needed: Record<DispatchKind, number>;
  /** Every org whose grade calls for a dispatch, with whether it is met. */
  checks: DispatchCheck[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * The dispatch check (001 §9) for the grades orgs carry into the year: each org whose grade
 * calls for a dispatch (per the policy in force) is 'met' when a cadre of that kind is recorded
 * (for a work team: with a leader serving as 第一书记, else 'no_leader'), 'wrong_kind' when only
 * cadres of another kind are recorded, 'missing' when nobody is.
 */
export function planDispatch(
  input: z.input<typeof dispatchCheckInputSchema>,
  policy: ResolvedPolicy,
): DispatchPlan {
  const { orgs } = parseInput(dispatchCheckInputSchema, input);
  const needed: Record<DispatchKind, number> = {
    work_team: 0,
    first_secretary: 0,
    township_contact: 0,
  };
  const checks: DispatchCheck[] = [];
  for (const o of orgs) {
    const needs = dispatchFor(o.grade, policy);
    if (needs === 'none') continue;
    needed[needs] += 1;
    const sent = o.dispatched.filter((d) => d.kind === needs);
    const status: DispatchStatus =
      o.dispatched.length === 0
        ? 'missing'
        : sent.length === 0
          ? 'wrong_kind'
          : needs === 'work_team' && !sent.some((d) => d.leader && d.firstSecretary)
            ? 'no_leader'
            : 'met';
    checks.push({ orgId: o.orgId, grade: o.grade, needs, status, recorded: o.dispatched.length });
  }
  return {
    needed,
    checks,
    policyVersion: policy.version,
    basis: policyBasis(policy, Object.values(DISPATCH_KEYS)),
  };
}

/** A sentence and its citation, for text that states a rule. */
export interface RuleSentence {
  text: string;
  /** The citations of the parameters it states, in people's words, de-duplicated. */
  citation: string;
}

function joinCitations(policy: ResolvedPolicy, keys: readonly PolicyKey[]): string {
  return [...new Set(keys.map((k) => citeParameter(policy, k)))].join('；');
}

/**
 * The upgrade targets as people state them, from the policy in force (001 §9 in 常德): 年底“较差”类
 * 晋位升级率达到 90% 以上，“一般”类 20% 以上，“较好”类 10% 以上，“好”类巩固率达到 100%.
 */
export function upgradeTargetsSentence(policy: ResolvedPolicy): RuleSentence {
  const v = policy.values;
  return {
    text:
      `年底“较差”类党组织晋位升级率达到 ${v.upgradeTargetPoorPct}% 以上，` +
      `“一般”类 ${v.upgradeTargetAveragePct}% 以上，“较好”类 ${v.upgradeTargetFairPct}% 以上，` +
      `“好”类巩固率达到 ${v.retentionTargetGoodPct}%`,
    citation: joinCitations(
      policy,
      (['poor', 'average', 'fair', 'good'] as const).map((g) => TARGET_KEYS[g]),
    ),
  };
}

/** Who each grade is sent, as people state it, from the policy in force (001 §9 in 常德). */
export function dispatchSentence(policy: ResolvedPolicy): RuleSentence {
  const parts = (['poor', 'average', 'fair'] as const).map(
    (g) => `“${GRADE_LABELS[g]}”类：${DISPATCH_MODE_LABELS[policy.values[DISPATCH_KEYS[g]]]}`,
  );
  return {
    text: parts.join('；'),
    citation: joinCitations(policy, Object.values(DISPATCH_KEYS)),
  };
}

export const HONOURS = ['five_good_org', 'excellent_party_worker', 'deputy_nomination'] as const;
export type Honour = (typeof HONOURS)[number];
export const HONOUR_LABELS: Record<Honour, string> = {
  five_good_org: '区县以上“五好”基层党组织',
  excellent_party_worker: '优秀党务工作者',
  deputy_nomination: '推荐为党代表、人大代表、政协委员人选',
};

/**
 * Whether an org's grade allows its honours (001 §7, §21): county-level-or-above 五好 awards,
 * 优秀党务工作者, and nominations of its secretary as Party congress / NPC / CPPCC deputy come
 * only from orgs graded at or above honoursMinGrade (好). A sanctioned person (001 §9) is not
 * eligible either.
 */
export function isEligibleForHonours(
  grade: Grade,
  policy: ResolvedPolicy,
  sanctioned = false,
): boolean {
  const g = parseInput(z.object({ grade: gradeSchema }), { grade }).grade;
  return !sanctioned && gradeRank(g) <= gradeRank(policy.values.honoursMinGrade);
}

export const healthCheckInputSchema = z.object({
  /** Start of the current continuous tenure as secretary. */
  inOfficeSince: isoDateSchema,
  asOf: isoDateSchema,
  grades: z.array(z.object({ year: yearSchema, grade: gradeSchema })).default([]),
});

export interface HealthCheckResult {
  eligible: boolean;
  consecutiveYears: number;
  goodYears: number;
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Health check-up (001 §20): secretaries with ≥ 6 consecutive years in office (completed years,
 * anniversary rule) and ≥ 2 years graded 好 during that tenure get one check-up. Grades of years
 * before the tenure began do not count; a year listed twice is counted once.
 */
export function healthCheckEligibility(
  input: z.input<typeof healthCheckInputSchema>,
  policy: ResolvedPolicy,
): HealthCheckResult {
  const p = parseInput(healthCheckInputSchema, input);
  const consecutiveYears = Math.max(0, fullYearsBetween(p.inOfficeSince, p.asOf));
  const startYear = Number(p.inOfficeSince.slice(0, 4));
  const asOfYear = Number(p.asOf.slice(0, 4));
  const goodYears = new Set(
    p.grades
      .filter((g) => g.grade === 'good' && g.year >= startYear && g.year <= asOfYear)
      .map((g) => g.year),
  ).size;
  return {
    eligible:
      consecutiveYears >= policy.values.healthCheckMinConsecutiveYears &&
      goodYears >= policy.values.healthCheckMinGoodYears,
    consecutiveYears,
    goodYears,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['healthCheckMinConsecutiveYears', 'healthCheckMinGoodYears']),
  };
}
