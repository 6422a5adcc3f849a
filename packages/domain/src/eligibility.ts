import { z } from 'zod';
import { repeatedIndexes } from './collections';
import { addDays, fullYearsBetween } from './dates';
import { citation } from './notices';
import { GRADE_LABELS, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { citeParameter, policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { normalizeRegionCode, regionCodeSchema } from './regions';
import type { RegionCode } from './regions';
import { healthCheckEligibility, isEligibleForHonours } from './upgrade';
import { idSchema, isoDateSchema, parseInput, yearSchema } from './validation';

/**
 * A department's yearly working lists from the grading (分类定级) consequences of 常委〔2012〕5号:
 * who may be put forward for honours and nominations (001 §7, §21), which secretaries get the
 * health check-up (001 §20), and how far each county is with college-graduate village officials
 * as village secretaries or deputies (001 §6). Every number comes from the resolved policy.
 */

function uniqueIds<T>(key: (t: T) => string, what: string) {
  return (list: readonly T[], ctx: z.RefinementCtx) => {
    for (const i of repeatedIndexes(list, key)) {
      const item = list[i];
      if (item !== undefined)
        ctx.addIssue({ code: 'custom', path: [i], message: `${what}「${key(item)}」重复` });
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Honours and nominations (001 §7, §21)
// ---------------------------------------------------------------------------------------------

export const honoursInputSchema = z.object({
  year: yearSchema,
  orgs: z
    .array(
      z.object({
        orgId: idSchema,
        /** This year's grade; null when the org is not graded this year. */
        grade: gradeSchema.nullable(),
        /** On this year's sanction list (001 §9): not moved up from 一般/较差, or moved down. */
        sanctioned: z.boolean().default(false),
      }),
    )
    .superRefine(uniqueIds((o) => o.orgId, '党组织')),
});

export const HONOURS_REASONS = ['not_graded', 'grade_below', 'sanctioned'] as const;
export type HonoursReason = (typeof HONOURS_REASONS)[number];

export interface HonoursLine {
  orgId: string;
  grade: Grade | null;
  eligible: boolean;
  reasons: { code: HonoursReason; text: string }[];
}

/**
 * Honours and nominations (001 §7, §21): county-level-or-above 五好 awards and 优秀党务工作者 come
 * only from orgs graded at least honoursMinGrade (in 常德 好) this year, and so do the secretaries
 * put forward as Party congress / NPC / CPPCC deputies. An org on this year's sanction list
 * (001 §9) — and its secretary — is not eligible either (不得评先评优), whatever its grade. An org
 * not graded this year is not eligible (its grade is unknown).
 */
export function honoursEligibility(
  input: z.input<typeof honoursInputSchema>,
  policy: ResolvedPolicy,
): { orgs: HonoursLine[]; rule: string; policyVersion: string; basis: PolicyBasis[] } {
  const p = parseInput(honoursInputSchema, input);
  const min = policy.values.honoursMinGrade;
  const cite = citeParameter(policy, 'honoursMinGrade');
  const atLeast = min === 'good' ? '' : '及以上';
  const orgs = p.orgs.map((o): HonoursLine => {
    const reasons: HonoursLine['reasons'] = [];
    if (o.grade === null) {
      reasons.push({ code: 'not_graded', text: `${p.year} 年度未定级` });
    } else if (!isEligibleForHonours(o.grade, policy)) {
      reasons.push({
        code: 'grade_below',
        text: `${p.year} 年定为“${GRADE_LABELS[o.grade]}”类，须为“${GRADE_LABELS[min]}”类${atLeast}（${cite}）`,
      });
    }
    if (o.sanctioned) {
      reasons.push({
        code: 'sanctioned',
        text: `${p.year} 年度未晋位升级或考核降级，不得评先评优（${citation('001', '§9')}）`,
      });
    }
    return { orgId: o.orgId, grade: o.grade, eligible: reasons.length === 0, reasons };
  });
  return {
    orgs,
    rule: `评选区县（市）以上“五好”基层党组织、优秀党务工作者，推荐基层党组织书记作为党代表、人大代表、政协委员人选，从“${GRADE_LABELS[min]}”类${atLeast}党组织中产生；推荐非公企业、社会组织的非中共党员主要出资人作为人大代表、政协委员人选，从“${GRADE_LABELS[min]}”类${atLeast}党组织所在单位产生（${cite}）`,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['honoursMinGrade']),
  };
}

// ---------------------------------------------------------------------------------------------
// Health check-up (001 §20)
// ---------------------------------------------------------------------------------------------

/**
 * The start of a secretary's current continuous tenure in one org, from their appointments
 * there (换届 re-elections and 调整): the appointment in force on `asOf`, walked back through
 * earlier appointments that ended no more than a day before the next began. Null when no
 * appointment is in force on `asOf`.
 */
export function continuousTenureStart(
  appointments: readonly { appointedOn: string; endedOn: string | null }[],
  asOf: string,
): string | null {
  const list = parseInput(
    z.object({
      asOf: isoDateSchema,
      appointments: z.array(
        z.object({ appointedOn: isoDateSchema, endedOn: isoDateSchema.nullable() }),
      ),
    }),
    { asOf, appointments },
  ).appointments.sort((a, b) => (a.appointedOn < b.appointedOn ? 1 : -1));
  const current = list.find(
    (a) => a.appointedOn <= asOf && (a.endedOn === null || a.endedOn >= asOf),
  );
  if (!current) return null;
  let start = current.appointedOn;
  for (const a of list) {
    if (a.appointedOn >= start) continue;
    if (a.endedOn === null || a.endedOn >= addDays(start, -1)) start = a.appointedOn;
    else break;
  }
  return start;
}

export const healthCheckListInputSchema = z.object({
  asOf: isoDateSchema,
  secretaries: z
    .array(
      z.object({
        /** One line per secretary post: the org. */
        orgId: idSchema,
        personId: idSchema,
        /** Start of the current continuous tenure; null when not recorded. */
        inOfficeSince: isoDateSchema.nullable(),
        /** The org's grades by year (current rows). */
        grades: z.array(z.object({ year: yearSchema, grade: gradeSchema })).default([]),
      }),
    )
    .superRefine(uniqueIds((s) => s.orgId, '党组织')),
});

export const HEALTH_CHECK_STATUSES = ['eligible', 'close', 'not_yet', 'unknown_start'] as const;
export type HealthCheckStatus = (typeof HEALTH_CHECK_STATUSES)[number];
export const HEALTH_CHECK_STATUS_LABELS: Record<HealthCheckStatus, string> = {
  eligible: '符合体检条件',
  close: '接近条件',
  not_yet: '尚不符合',
  unknown_start: '任职日期未登记',
};

export interface HealthCheckLine {
  orgId: string;
  personId: string;
  inOfficeSince: string | null;
  status: HealthCheckStatus;
  consecutiveYears: number;
  goodYears: number;
  /** What is still missing, in people's words (empty when eligible). */
  lacks: string[];
}

/**
 * The health check-up list (001 §20): secretaries with at least healthCheckMinConsecutiveYears
 * (6) completed years of continuous tenure and at least healthCheckMinGoodYears (2) years of that
 * tenure in which their org was graded 好, as of `asOf` (healthCheckEligibility). Those within one
 * year of both conditions are 'close', with what they lack; a secretary whose start date is not
 * recorded cannot be judged ('unknown_start').
 */
export function healthCheckList(
  input: z.input<typeof healthCheckListInputSchema>,
  policy: ResolvedPolicy,
): { secretaries: HealthCheckLine[]; rule: string; policyVersion: string; basis: PolicyBasis[] } {
  const p = parseInput(healthCheckListInputSchema, input);
  const minYears = policy.values.healthCheckMinConsecutiveYears;
  const minGood = policy.values.healthCheckMinGoodYears;
  const secretaries = p.secretaries.map((s): HealthCheckLine => {
    if (s.inOfficeSince === null) {
      return {
        orgId: s.orgId,
        personId: s.personId,
        inOfficeSince: null,
        status: 'unknown_start',
        consecutiveYears: 0,
        goodYears: 0,
        lacks: ['未登记任职日期'],
      };
    }
    const r = healthCheckEligibility(
      { inOfficeSince: s.inOfficeSince, asOf: p.asOf, grades: s.grades },
      policy,
    );
    const yearsShort = Math.max(0, minYears - r.consecutiveYears);
    const goodShort = Math.max(0, minGood - r.goodYears);
    const lacks = [
      ...(yearsShort > 0 ? [`连续任职还差 ${yearsShort} 年`] : []),
      ...(goodShort > 0 ? [`定为“好”类还差 ${goodShort} 年`] : []),
    ];
    return {
      orgId: s.orgId,
      personId: s.personId,
      inOfficeSince: s.inOfficeSince,
      status: r.eligible ? 'eligible' : yearsShort <= 1 && goodShort <= 1 ? 'close' : 'not_yet',
      consecutiveYears: r.consecutiveYears,
      goodYears: r.goodYears,
      lacks,
    };
  });
  const cite = [
    ...new Set([
      citeParameter(policy, 'healthCheckMinConsecutiveYears'),
      citeParameter(policy, 'healthCheckMinGoodYears'),
    ]),
  ].join('；');
  return {
    secretaries,
    rule: `连续任职 ${minYears} 年以上、${minGood} 年定为“好”类的基层党组织书记进行一次健康体检（${cite}）`,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['healthCheckMinConsecutiveYears', 'healthCheckMinGoodYears']),
  };
}

// ---------------------------------------------------------------------------------------------
// College-graduate village officials as village secretaries or deputies (001 §6)
// ---------------------------------------------------------------------------------------------

/**
 * The unit a college-graduate village official counts towards: the county (区县（市）) of a
 * village code, or the city itself when the city has no counties (东莞: its towns sit directly
 * under the city, so the first six digits name the city).
 */
export function graduateOfficialUnitOf(code: RegionCode): RegionCode {
  const c = parseInput(z.object({ code: regionCodeSchema }), { code }).code;
  return normalizeRegionCode(c.slice(0, 6));
}

export const GRADUATE_POSTS = ['secretary', 'deputy_secretary'] as const;
export type GraduatePost = (typeof GRADUATE_POSTS)[number];
export const GRADUATE_POST_LABELS: Record<GraduatePost, string> = {
  secretary: '村党组织书记',
  deputy_secretary: '村党组织副书记',
};
export const graduatePostSchema = z.enum(GRADUATE_POSTS);

export const graduateOfficialsListInputSchema = z.object({
  asOf: isoDateSchema,
  units: z.array(
    z.object({
      unitCode: regionCodeSchema,
      officials: z
        .array(
          z.object({
            id: idSchema,
            /** Start of service in the village (在村任职). */
            inVillageSince: isoDateSchema,
            /** Village secretary or deputy (null: neither). */
            post: graduatePostSchema.nullable(),
            /** Since when in that post (selection date). */
            postSince: isoDateSchema.nullable(),
          }),
        )
        .superRefine(uniqueIds((o) => o.id, '大学生村官')),
    }),
  ),
});

export interface GraduateOfficialsUnit {
  unitCode: RegionCode;
  /** In post as secretary / deputy, having served minYears in the village when selected. */
  qualifying: string[];
  /** In post, but selected with less service in the village than required. */
  selectedTooEarly: string[];
  /** Not in post, with enough service in the village: the pool to select from. */
  pool: string[];
  target: number;
  shortfall: number;
  met: boolean;
}

/**
 * College-graduate village officials (001 §6): each county (or a city without counties) has at
 * least graduateOfficialsMinPerCounty (常德 5) officials who had served at least
 * graduateOfficialsMinYearsInOffice (1) year in the village when selected serving as village
 * secretary or deputy. Per unit: those counting, those selected too early (not counting), the
 * pool of officials with enough service not yet in post, and the shortfall against the target.
 */
export function graduateOfficialsByUnit(
  input: z.input<typeof graduateOfficialsListInputSchema>,
  policy: ResolvedPolicy,
): {
  units: GraduateOfficialsUnit[];
  rule: string;
  policyVersion: string;
  basis: PolicyBasis[];
} {
  const p = parseInput(graduateOfficialsListInputSchema, input);
  const minYears = policy.values.graduateOfficialsMinYearsInOffice;
  const target = policy.values.graduateOfficialsMinPerCounty;
  const units = p.units.map((u): GraduateOfficialsUnit => {
    const inPost = u.officials.filter(
      (o) => o.post !== null && o.postSince !== null && o.postSince <= p.asOf,
    );
    const qualifying = inPost.filter(
      (o) => fullYearsBetween(o.inVillageSince, o.postSince as string) >= minYears,
    );
    const pool = u.officials.filter(
      (o) =>
        !inPost.includes(o) &&
        o.inVillageSince <= p.asOf &&
        fullYearsBetween(o.inVillageSince, p.asOf) >= minYears,
    );
    return {
      unitCode: u.unitCode,
      qualifying: qualifying.map((o) => o.id),
      selectedTooEarly: inPost.filter((o) => !qualifying.includes(o)).map((o) => o.id),
      pool: pool.map((o) => o.id),
      target,
      shortfall: Math.max(0, target - qualifying.length),
      met: qualifying.length >= target,
    };
  });
  const cite = [
    ...new Set([
      citeParameter(policy, 'graduateOfficialsMinPerCounty'),
      citeParameter(policy, 'graduateOfficialsMinYearsInOffice'),
    ]),
  ].join('；');
  return {
    units,
    rule: `每个区县（市）从在村任职 ${minYears} 年以上的优秀大学生村官中选拔 ${target} 名以上担任村党组织书记或副书记（${cite}）`,
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'graduateOfficialsMinPerCounty',
      'graduateOfficialsMinYearsInOffice',
    ]),
  };
}
