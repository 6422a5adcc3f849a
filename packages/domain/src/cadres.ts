import { z } from 'zod';
import { fullYearsBetween } from './dates';
import { DomainError } from './errors';
import { educationSchema, isHighSchoolOrAbove } from './models';
import { policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { meetsPercent, rate } from './rates';
import type { Rate } from './rates';
import { regionCodeSchema } from './regions';
import type { RegionCode } from './regions';
import {
  countSchema,
  describeField,
  idSchema,
  isoDateSchema,
  parseInput,
  yearSchema,
} from './validation';

/**
 * Cadre pipeline: reserve secretaries (001 §8; 003 §3.2), member development quota and structure
 * (001 §11), college-graduate village officials (001 §6). Ages: "35 岁以下" includes 35 (以下
 * 含本数), computed in completed years on the reference date.
 */

function ageOn(birthDate: string, on: string): number {
  return fullYearsBetween(birthDate, on);
}

// ---------------------------------------------------------------------------------------------
// Reserve cadres
// ---------------------------------------------------------------------------------------------

export const reserveInputSchema = z.object({
  villages: z.array(
    z.object({
      id: idSchema,
      /** A problem village (问题突出村, 003 §3.2): soft and lax, poor, or otherwise flagged. */
      problemVillage: z.boolean().default(false),
      /** Secretary posts (usually 1). */
      secretaryPosts: z.number().int().positive().default(1),
      reserveCount: countSchema,
    }),
  ),
});

export interface ReserveLine {
  villageId: string;
  required: number;
  actual: number;
  shortfall: number;
}
export interface ReserveResult {
  lines: ReserveLine[];
  /** Villages below their requirement. */
  short: ReserveLine[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Reserve secretary candidates (后备): at least reservePerVillageMin (1) per village (001 §8, 一村
 * 一名); in problem villages about reservePerPostProblemVillage per secretary post (Dongguan 1:2,
 * 003 §3.2), rounded up. Required = max of the two.
 */
export function checkReserveCadres(
  input: z.input<typeof reserveInputSchema>,
  policy: ResolvedPolicy,
): ReserveResult {
  const { villages } = parseInput(reserveInputSchema, input);
  const lines = villages.map((v): ReserveLine => {
    const problem = v.problemVillage
      ? Math.ceil(v.secretaryPosts * policy.values.reservePerPostProblemVillage - 1e-9)
      : 0;
    const required = Math.max(policy.values.reservePerVillageMin, problem);
    return {
      villageId: v.id,
      required,
      actual: v.reserveCount,
      shortfall: Math.max(0, required - v.reserveCount),
    };
  });
  return {
    lines,
    short: lines.filter((l) => l.shortfall > 0),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['reservePerVillageMin', 'reservePerPostProblemVillage']),
  };
}

export const leaderLedgerInputSchema = z.object({
  asOf: isoDateSchema,
  people: z.array(z.object({ id: idSchema, birthDate: isoDateSchema })),
});

/**
 * The city's ledger of village Party leaders aged 35 and under (001 §8, reserveLedgerMaxAge):
 * ids of those whose age on `asOf` is ≤ the limit.
 */
export function youngLeaderLedger(
  input: z.input<typeof leaderLedgerInputSchema>,
  policy: ResolvedPolicy,
): string[] {
  const p = parseInput(leaderLedgerInputSchema, input);
  return p.people
    .filter((x) => ageOn(x.birthDate, p.asOf) <= policy.values.reserveLedgerMaxAge)
    .map((x) => x.id);
}

// ---------------------------------------------------------------------------------------------
// Member development
// ---------------------------------------------------------------------------------------------

export const developmentQuotaInputSchema = z.object({
  units: z.array(
    z.object({
      id: idSchema,
      /** Controlled per county-level Party committee or university Party committee (001 §11). */
      kind: z.enum(['county', 'university']),
      quota: countSchema,
      developed: countSchema,
      /** The excess was reported to the city organisation department. */
      excessReported: z.boolean().default(false),
    }),
  ),
});

export interface DevelopmentQuotaResult {
  cityQuota: number;
  totalQuota: number;
  totalDeveloped: number;
  units: {
    id: string;
    quota: number;
    developed: number;
    excess: number;
    mustReport: boolean;
    unreportedExcess: boolean;
  }[];
  /** Units that exceeded their quota without reporting (accountability talk, 001 §11). */
  violations: string[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Member development quota (001 §11): about 5,000 a year citywide (memberDevCityQuota, a guide
 * figure, reported not enforced), controlled per county committee and university committee;
 * developing beyond the plan must be reported to the city; an unreported excess is a violation.
 */
export function checkDevelopmentQuota(
  input: z.input<typeof developmentQuotaInputSchema>,
  policy: ResolvedPolicy,
): DevelopmentQuotaResult {
  const { units } = parseInput(developmentQuotaInputSchema, input);
  const lines = units.map((u) => {
    const excess = Math.max(0, u.developed - u.quota);
    return {
      id: u.id,
      quota: u.quota,
      developed: u.developed,
      excess,
      mustReport: excess > 0,
      unreportedExcess: excess > 0 && !u.excessReported,
    };
  });
  return {
    cityQuota: policy.values.memberDevCityQuota,
    totalQuota: units.reduce((t, u) => t + u.quota, 0),
    totalDeveloped: units.reduce((t, u) => t + u.developed, 0),
    units: lines,
    violations: lines.filter((l) => l.unreportedExcess).map((l) => l.id),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['memberDevCityQuota']),
  };
}

export const ruralNewMembersInputSchema = z.object({
  members: z.array(
    z.object({
      id: idSchema,
      birthDate: isoDateSchema,
      education: educationSchema,
      admittedOn: isoDateSchema,
      /** Pre-filed with the city organisation department before admission (001 §11). */
      preFiled: z.boolean().default(false),
    }),
  ),
});

export interface RuralStructureResult {
  total: number;
  young: Rate;
  highSchoolOrAbove: Rate;
  youngMet: boolean;
  educationMet: boolean;
  /** Candidates aged over the limit or below high school: must be pre-filed with the city. */
  needPreFiling: string[];
  /** Of those, the ones admitted without pre-filing. */
  notPreFiled: string[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Structure of a county's new rural members in a year (001 §11): ≥ 80 % aged 35 or under
 * (memberDevYoungMinPct, memberDevYoungMaxAge; age at admission) and ≥ 80 % with high-school
 * education or above (memberDevHighSchoolMinPct); those aged 36+ or with junior-high or below
 * must be pre-filed with the city. Rates are compared exactly; with no new members both targets
 * are vacuously met (rates show "——").
 */
export function checkRuralNewMemberStructure(
  input: z.input<typeof ruralNewMembersInputSchema>,
  policy: ResolvedPolicy,
): RuralStructureResult {
  const { members } = parseInput(ruralNewMembersInputSchema, input);
  const v = policy.values;
  const isYoung = (m: (typeof members)[number]) =>
    ageOn(m.birthDate, m.admittedOn) <= v.memberDevYoungMaxAge;
  const young = members.filter(isYoung).length;
  const educated = members.filter((m) => isHighSchoolOrAbove(m.education)).length;
  const flagged = members.filter((m) => !isYoung(m) || !isHighSchoolOrAbove(m.education));
  return {
    total: members.length,
    young: rate(young, members.length),
    highSchoolOrAbove: rate(educated, members.length),
    youngMet: meetsPercent(young, members.length, v.memberDevYoungMinPct),
    educationMet: meetsPercent(educated, members.length, v.memberDevHighSchoolMinPct),
    needPreFiling: flagged.map((m) => m.id),
    notPreFiled: flagged.filter((m) => !m.preFiled).map((m) => m.id),
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'memberDevYoungMaxAge',
      'memberDevYoungMinPct',
      'memberDevHighSchoolMinPct',
    ]),
  };
}

export const stagnantVillagesInputSchema = z.object({
  year: yearSchema,
  villages: z.array(
    z.object({
      id: idSchema,
      /** New members per year; a year missing from the list (from the earliest year given or termStartYear) counts as none developed. */
      history: z.array(z.object({ year: yearSchema, developed: countSchema })),
      /** First year of the current term (to judge the nomination bar); default: earliest history year. */
      termStartYear: yearSchema.optional(),
    }),
  ),
});

export interface StagnantVillageResult {
  villageId: string;
  /** Consecutive years without a new member, ending with the year before `year`. */
  streakBeforeYear: number;
  /** 连续两年以上未发展党员的村，今年至少发展一名 (001 §11). */
  mustDevelopThisYear: boolean;
  developedThisYear: number;
  /** null when nothing was required. */
  obligationMet: boolean | null;
  /** 2+ consecutive years without a new member within the term through `year` → the secretary cannot be nominated for the next term (001 §11). */
  secretaryNominationBarred: boolean;
}

/**
 * The two-year rule (001 §11, memberDevStagnantYears = 2): a village that developed no member for
 * 2+ consecutive years must develop at least one this year; and a village with 2 consecutive
 * years without a new member during the term bars its secretary from nomination for the next
 * term. Years from termStartYear through `year` are examined for the bar.
 */
export function checkStagnantVillages(
  input: z.input<typeof stagnantVillagesInputSchema>,
  policy: ResolvedPolicy,
): {
  villages: StagnantVillageResult[];
  policyVersion: string;
  basis: PolicyBasis[];
} {
  const p = parseInput(stagnantVillagesInputSchema, input);
  const n = policy.values.memberDevStagnantYears;
  const villages = p.villages.map((v): StagnantVillageResult => {
    const developed = (y: number) =>
      v.history.filter((h) => h.year === y).reduce((t, h) => t + h.developed, 0);
    let streak = 0;
    const earliest = Math.min(p.year, v.termStartYear ?? p.year, ...v.history.map((h) => h.year));
    for (let y = p.year - 1; y >= earliest && developed(y) === 0; y -= 1) streak += 1;
    const from = v.termStartYear ?? earliest;
    let run = 0;
    let longest = 0;
    for (let y = from; y <= p.year; y += 1) {
      run = developed(y) === 0 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    const must = streak >= n;
    const thisYear = developed(p.year);
    return {
      villageId: v.id,
      streakBeforeYear: streak,
      mustDevelopThisYear: must,
      developedThisYear: thisYear,
      obligationMet: must ? thisYear >= 1 : null,
      secretaryNominationBarred: longest >= n,
    };
  });
  return {
    villages,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['memberDevStagnantYears']),
  };
}

// ---------------------------------------------------------------------------------------------
// College-graduate village officials
// ---------------------------------------------------------------------------------------------

export const graduateOfficialsInputSchema = z.object({
  year: yearSchema,
  counties: z.array(
    z.object({
      countyCode: regionCodeSchema,
      officials: z.array(
        z.object({
          id: idSchema,
          /** Start of service as a village official (在村任职). */
          inVillageSince: isoDateSchema,
          /** Selected as village secretary or deputy on this date (null: not selected). */
          selectedOn: isoDateSchema.nullable(),
          post: z.enum(['secretary', 'deputy_secretary']).nullable(),
        }),
      ),
    }),
  ),
});

export interface GraduateOfficialsLine {
  countyCode: RegionCode;
  qualifying: number;
  required: number;
  shortfall: number;
  /** Selected but with less than the required years in the village at selection. */
  ineligibleSelections: string[];
}

/**
 * College-graduate village officials (001 §6): each county selects at least 5
 * (graduateOfficialsMinPerCounty) who have served ≥ 1 year in the village
 * (graduateOfficialsMinYearsInOffice, counted at selection) as village secretary or deputy, in
 * the year. Selections of officials with less service are listed as ineligible.
 */
export function checkGraduateOfficials(
  input: z.input<typeof graduateOfficialsInputSchema>,
  policy: ResolvedPolicy,
): {
  counties: GraduateOfficialsLine[];
  policyVersion: string;
  basis: PolicyBasis[];
} {
  const p = parseInput(graduateOfficialsInputSchema, input);
  const minYears = policy.values.graduateOfficialsMinYearsInOffice;
  const required = policy.values.graduateOfficialsMinPerCounty;
  const counties = p.counties.map((c): GraduateOfficialsLine => {
    const selected = c.officials.filter(
      (o) =>
        o.post !== null && o.selectedOn !== null && Number(o.selectedOn.slice(0, 4)) === p.year,
    );
    const ok = selected.filter(
      (o) => fullYearsBetween(o.inVillageSince, o.selectedOn as string) >= minYears,
    );
    return {
      countyCode: c.countyCode,
      qualifying: ok.length,
      required,
      shortfall: Math.max(0, required - ok.length),
      ineligibleSelections: selected.filter((o) => !ok.includes(o)).map((o) => o.id),
    };
  });
  return {
    counties,
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'graduateOfficialsMinPerCounty',
      'graduateOfficialsMinYearsInOffice',
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Developing members: the steps, pre-filing of exceptions, the nomination bar
// ---------------------------------------------------------------------------------------------

/**
 * The steps of developing a member, in order. Admission as a probationary member (接收为预备党员)
 * is the moment a member is "developed" for the quota, the structure check and the two-year rule
 * (001 §11). The seeds name only the quota and structure; the order of the steps is the general
 * procedure of developing members (申请入党 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员).
 */
export const MEMBER_DEV_STAGES = [
  'applicant',
  'activist',
  'candidate',
  'probationary',
  'full',
] as const;
export type MemberDevStage = (typeof MEMBER_DEV_STAGES)[number];
export const MEMBER_DEV_STAGE_LABELS: Record<MemberDevStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};
export const memberDevStageSchema = z.enum(MEMBER_DEV_STAGES);

/** The stage at which a member counts as developed (发展党员, 001 §11). */
export const ADMISSION_STAGE: MemberDevStage = 'probationary';

export const stageAdvanceInputSchema = z.object({
  from: memberDevStageSchema,
  to: memberDevStageSchema,
  /** Date the current stage was reached. */
  since: isoDateSchema,
  /** Date of the new stage. */
  on: isoDateSchema,
});

/**
 * A candidate moves forward one step at a time, never back and never skipping a step, on a date
 * not before the current step's date. Throws a DomainError (RULE_VIOLATION) naming `stage` or
 * `on`.
 */
export function assertStageAdvance(input: z.input<typeof stageAdvanceInputSchema>): void {
  const p = parseInput(stageAdvanceInputSchema, input);
  const next = MEMBER_DEV_STAGES[MEMBER_DEV_STAGES.indexOf(p.from) + 1];
  if (next !== p.to) {
    throw new DomainError(
      'RULE_VIOLATION',
      'stage',
      next === undefined
        ? `${describeField(['stage'])}：已是${MEMBER_DEV_STAGE_LABELS[p.from]}，没有下一阶段`
        : `${describeField(['stage'])}：${MEMBER_DEV_STAGE_LABELS[p.from]}的下一阶段是${MEMBER_DEV_STAGE_LABELS[next]}，不能直接转为${MEMBER_DEV_STAGE_LABELS[p.to]}`,
    );
  }
  if (p.on < p.since) {
    throw new DomainError(
      'RULE_VIOLATION',
      'on',
      `${describeField(['on'])}：不能早于上一阶段日期（${p.since}）`,
    );
  }
}

export type PreFilingReason = 'over_age' | 'below_high_school';
export const PRE_FILING_REASON_LABELS: Record<PreFilingReason, string> = {
  over_age: '36 岁以上',
  below_high_school: '初中及以下文化程度',
};

export const preFilingInputSchema = z.object({
  birthDate: isoDateSchema,
  education: educationSchema,
  /** Admission date (planned or actual): age is counted on it. */
  admittedOn: isoDateSchema,
  /** Developed by a rural (village) Party organisation: the structure rule applies only there. */
  rural: z.boolean(),
  /** Date the name was filed with the city organisation department (null: not filed). */
  preFiledOn: isoDateSchema.nullable().default(null),
});

/**
 * Why a rural candidate must be pre-filed with the city (001 §11 发展36岁以上、初中文化程度以下农村
 * 党员的名单要事前报市委组织部备案): older than memberDevYoungMaxAge on the admission date, or
 * below high school. Empty for a non-rural candidate.
 */
export function preFilingReasons(
  input: z.input<typeof preFilingInputSchema>,
  policy: ResolvedPolicy,
): PreFilingReason[] {
  const p = parseInput(preFilingInputSchema, input);
  if (!p.rural) return [];
  const reasons: PreFilingReason[] = [];
  if (ageOn(p.birthDate, p.admittedOn) > policy.values.memberDevYoungMaxAge)
    reasons.push('over_age');
  if (!isHighSchoolOrAbove(p.education)) reasons.push('below_high_school');
  return reasons;
}

/**
 * Admission of a rural candidate who needs pre-filing (preFilingReasons) is refused unless the
 * name was filed with the city on or before the admission date ("事前", 001 §11). Throws a
 * DomainError (RULE_VIOLATION) naming `preFiledOn`; returns the reasons otherwise.
 */
export function assertPreFiledBeforeAdmission(
  input: z.input<typeof preFilingInputSchema>,
  policy: ResolvedPolicy,
): PreFilingReason[] {
  const reasons = preFilingReasons(input, policy);
  const p = parseInput(preFilingInputSchema, input);
  if (reasons.length === 0) return reasons;
  const why = reasons.map((r) => PRE_FILING_REASON_LABELS[r]).join('、');
  if (p.preFiledOn === null) {
    throw new DomainError(
      'RULE_VIOLATION',
      'preFiledOn',
      `${describeField(['preFiledOn'])}：发展${why}的农村党员，名单须事前报市委组织部备案，当前尚未备案`,
    );
  }
  if (p.preFiledOn > p.admittedOn) {
    throw new DomainError(
      'RULE_VIOLATION',
      'preFiledOn',
      `${describeField(['preFiledOn'])}：备案（${p.preFiledOn}）应在接收为预备党员（${p.admittedOn}）之前`,
    );
  }
  return reasons;
}

export const nominationInputSchema = z.object({
  /** The person elected or appointed secretary for the new term. */
  nomineeId: idSchema,
  /** The village's secretary before the election (null: the post was vacant). */
  currentSecretaryId: idSchema.nullable(),
  /** checkStagnantVillages(...).secretaryNominationBarred for the village. */
  barred: z.boolean(),
});

/**
 * The nomination bar of the two-year rule (001 §11 今后连续两年未发展党员的村，换届时党组织书记不得
 * 提名为下届村党组织书记候选人): at an election, the sitting secretary of a barred village cannot
 * be the secretary of the next term; another person can. Throws a DomainError (RULE_VIOLATION)
 * naming `secretaryId`.
 */
export function assertNominationAllowed(input: z.input<typeof nominationInputSchema>): void {
  const p = parseInput(nominationInputSchema, input);
  if (p.barred && p.currentSecretaryId !== null && p.nomineeId === p.currentSecretaryId) {
    throw new DomainError(
      'RULE_VIOLATION',
      'secretaryId',
      `${describeField(['secretaryId'])}：本村连续两年未发展党员，现任书记不得提名为下届村党组织书记候选人（常委〔2012〕5号 §11）`,
    );
  }
}
