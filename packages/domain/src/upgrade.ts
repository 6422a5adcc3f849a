import { z } from 'zod';
import { repeatedIndexes } from './collections';
import { fullYearsBetween } from './dates';
import { GRADES, GRADE_LABELS, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { policyBasis } from './policy';
import type { PolicyBasis, PolicyKey, ResolvedPolicy } from './policy';
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
        message: `党组织「${list[i]!.orgId}」重复`,
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

/**
 * Upgrade targets at year end (001 §9), against last year's grade: 较差 upgraded ≥ 90 %, 一般
 * ≥ 20 %, 较好 ≥ 10 %, 好 retained 100 %. "Upgraded" means any better grade (较差 → 一般 counts);
 * "retained" means still 好. Rates are compared exactly (9 of 10 meets 90 %).
 */
export function computeUpgradeTargets(
  input: { orgs: readonly GradedOrg[] },
  policy: ResolvedPolicy,
): UpgradeTargetsResult {
  const { orgs } = parseInput(gradedOrgsSchema, input);
  const lines = GRADES.map((grade): UpgradeTargetLine => {
    const group = orgs.filter((o) => o.lastYearGrade === grade);
    const measure = grade === 'good' ? 'retain' : 'upgrade';
    const achieved = group.filter((o) =>
      measure === 'retain'
        ? o.thisYearGrade === 'good'
        : gradeMovement(o.lastYearGrade, o.thisYearGrade) === 'up',
    ).length;
    const targetPercent = policy.values[TARGET_KEYS[grade]];
    return {
      grade,
      label: GRADE_LABELS[grade],
      measure,
      orgCount: group.length,
      achieved,
      rate: rate(achieved, group.length),
      targetPercent,
      required: percentOfCount(group.length, targetPercent, 'ceil'),
      met: group.length === 0 ? null : meetsPercent(achieved, group.length, targetPercent),
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

export type DispatchKind = 'work_team' | 'first_secretary' | 'township_contact';
export const DISPATCH_LABELS: Record<DispatchKind, string> = {
  work_team: '县以上机关工作组（组长任第一书记）',
  first_secretary: '县以上机关选派第一书记',
  township_contact: '乡镇（街道）领导干部联系',
};

/**
 * What an org of a grade is sent (001 §9): 较差 → a work team from county-level-or-above organs
 * whose leader serves as 第一书记; 一般 → a 第一书记 from county-or-above organs; 较好 → a
 * township leader as contact; 好 → nothing.
 */
export function dispatchFor(grade: Grade): DispatchKind | null {
  const g = parseInput(z.object({ grade: gradeSchema }), { grade }).grade;
  if (g === 'poor') return 'work_team';
  if (g === 'average') return 'first_secretary';
  if (g === 'fair') return 'township_contact';
  return null;
}

export const dispatchCheckInputSchema = z.object({
  orgs: z.array(
    z.object({
      orgId: idSchema,
      grade: gradeSchema,
      /** What was actually sent; for a work team, whether its leader serves as first secretary. */
      dispatched: z
        .array(
          z.object({
            kind: z.enum(['work_team', 'first_secretary', 'township_contact']),
            leaderIsFirstSecretary: z.boolean().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

export interface DispatchPlan {
  /** Totals needed (Changde 2012: 300 work teams, 1000 first secretaries, 1500 contacts). */
  needed: Record<DispatchKind, number>;
  /** Orgs missing what their grade calls for. */
  missing: {
    orgId: string;
    grade: Grade;
    needs: DispatchKind;
    problem: 'not_dispatched' | 'leader_not_first_secretary';
  }[];
}

/** Totals of dispatch needed by grade, and orgs whose dispatch is missing or wrong (001 §9). */
export function planDispatch(input: z.input<typeof dispatchCheckInputSchema>): DispatchPlan {
  const { orgs } = parseInput(dispatchCheckInputSchema, input);
  const needed: Record<DispatchKind, number> = {
    work_team: 0,
    first_secretary: 0,
    township_contact: 0,
  };
  const missing: DispatchPlan['missing'] = [];
  for (const o of orgs) {
    const needs = dispatchFor(o.grade);
    if (needs === null) continue;
    needed[needs] += 1;
    const sent = o.dispatched.filter((d) => d.kind === needs);
    if (sent.length === 0)
      missing.push({ orgId: o.orgId, grade: o.grade, needs, problem: 'not_dispatched' });
    else if (needs === 'work_team' && !sent.some((d) => d.leaderIsFirstSecretary === true)) {
      missing.push({
        orgId: o.orgId,
        grade: o.grade,
        needs,
        problem: 'leader_not_first_secretary',
      });
    }
  }
  return { needed, missing };
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
