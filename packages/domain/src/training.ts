import { z } from 'zod';
import { groupBy } from './collections';
import { addDays, dayNumber } from './dates';
import { DomainError } from './errors';
import { citation } from './notices';
import { citeParameter, policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import {
  isWithinRegion,
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionPrefix,
} from './regions';
import type { RegionCode } from './regions';
import { countSchema, idSchema, isoDateSchema, parseInput, yearSchema } from './validation';
import type { IsoDate } from './validation';

/**
 * Training duties and coverage (培训): 000 §2 (rotation of village/community secretaries in the
 * first half of the year; every grassroots secretary trained once within the year), 002 §3
 * (娄组通〔2014〕10号: newly appointed secretaries ≥ 3 days of special training, organised by the
 * upper-level org), 001 §6 (常委〔2012〕5号: city model class and county classes every year).
 */

export const TRAINING_KINDS = [
  'rotation',
  'special',
  'model_class',
  'county_class',
  'reserve',
  'township_cadre',
  'other',
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  rotation: '集中轮训',
  special: '新任书记专题培训',
  model_class: '示范培训班',
  county_class: '区县书记培训班',
  reserve: '后备干部培训',
  township_cadre: '乡镇干部培训',
  other: '其他培训',
};
export const trainingKindSchema = z.enum(TRAINING_KINDS);

/**
 * A time of day on the class's calendar (China time, Asia/Shanghai): 'HH:MM'. A database value
 * 'HH:MM:SS' reads as its first five characters (`timeOfDay`).
 */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（如 08:30）');
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

/** '08:30:00' (as PostgreSQL returns a time) → '08:30'. */
export function timeOfDay(value: string): TimeOfDay {
  return parseInput(timeOfDaySchema, value.slice(0, 5));
}

/** The China-time timezone every class time is in (no daylight saving). */
export const CLASS_TIME_ZONE = 'Asia/Shanghai';

/** A training class (示范培训班, county class, rotation session…). */
export const trainingClassSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1),
    /** Organising level: city (市委组织部), county, township. */
    level: z.enum(['city', 'county', 'township']),
    regionCode: regionCodeSchema,
    kind: trainingKindSchema,
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    /** Training days (may be fewer than the calendar span). */
    days: z.number().int().positive(),
    capacity: countSchema.nullable().default(null),
    /** When each class day starts and ends, China time ('HH:MM'). */
    startTime: timeOfDaySchema.optional(),
    endTime: timeOfDaySchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.endDate < c.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    else if (c.days > dayNumber(c.endDate) - dayNumber(c.startDate) + 1) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: '培训天数不能超过起止日期的天数' });
    }
    if (c.startTime && c.endTime && c.endTime <= c.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间须晚于开始时间' });
    }
  });
export type TrainingClass = z.infer<typeof trainingClassSchema>;

export const SECRETARY_POSTS = ['village', 'community', 'other'] as const;
export type SecretaryPost = (typeof SECRETARY_POSTS)[number];

export const TRAINING_DUTIES = ['rotation_first_half', 'annual', 'new_secretary_special'] as const;
export type TrainingDuty = (typeof TRAINING_DUTIES)[number];
export const TRAINING_DUTY_LABELS: Record<TrainingDuty, string> = {
  rotation_first_half: '上半年完成村（社区）党组织书记轮训',
  annual: '年内对基层党组织书记普遍轮训一遍',
  new_secretary_special: '新任书记专题培训（不少于规定天数）',
};

export type DutyStatus = 'done' | 'late' | 'pending' | 'overdue';
export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = {
  done: '已完成',
  late: '逾期完成',
  pending: '未到期',
  overdue: '逾期未完成',
};

export const trainingCoverageInputSchema = z.object({
  year: yearSchema,
  asOf: isoDateSchema,
  secretaries: z.array(
    z.object({
      id: idSchema,
      regionCode: regionCodeSchema,
      post: z.enum(SECRETARY_POSTS),
      /** Appointment date as secretary. */
      appointedOn: isoDateSchema,
    }),
  ),
  records: z.array(
    z.object({
      personId: idSchema,
      kind: trainingKindSchema,
      completedOn: isoDateSchema,
      days: z.number().int().positive(),
    }),
  ),
  /** Summarise per region at this level (e.g. 'county'); default 'township'. */
  groupBy: z.enum(REGION_LEVELS).default('township'),
});
export type TrainingCoverageInput = z.input<typeof trainingCoverageInputSchema>;

export interface DutyCheck {
  duty: TrainingDuty;
  due: IsoDate;
  status: DutyStatus;
  /** The record that fulfils it (earliest qualifying), if any. */
  completedOn: IsoDate | null;
}

export interface PersonCoverage {
  personId: string;
  regionCode: RegionCode;
  duties: DutyCheck[];
  /** Duties not (yet) fulfilled: status pending or overdue. */
  missing: TrainingDuty[];
}

export interface RegionCoverage {
  regionCode: RegionCode;
  /** Per duty: how many owe it, how many fulfilled it (done or late), how many are overdue. */
  duties: { duty: TrainingDuty; required: number; fulfilled: number; overdue: number }[];
}

export interface TrainingCoverageResult {
  year: number;
  people: PersonCoverage[];
  regions: RegionCoverage[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Who among the secretaries has not yet done the training the year requires, by region.
 * Duties in `year` (a secretary appointed after the year owes nothing that year):
 * - rotation_first_half: village and community secretaries in office before the deadline
 *   complete a 'rotation' by MM-DD (trainingRotationDeadline, 06-30) of the year (000 §2);
 * - annual: every secretary in office during the year is trained at least once in it (any kind
 *   except 'reserve' counts; 000 §2, trainingAnnualTimesMin);
 * - new_secretary_special: a secretary appointed in the year completes a 'special' training of
 *   ≥ trainingNewSecretaryMinDays days (002 §3) by year end, on or after appointment.
 * Status: done; late (done after the due date); pending (not done, due date not passed as of
 * `asOf`); overdue (not done, due date passed).
 */
export function trainingCoverage(
  input: TrainingCoverageInput,
  policy: ResolvedPolicy,
): TrainingCoverageResult {
  const p = parseInput(trainingCoverageInputSchema, input);
  const year: CoverageYear = {
    start: `${p.year}-01-01`,
    end: `${p.year}-12-31`,
    rotationDue: `${p.year}-${policy.values.trainingRotationDeadline}`,
    asOf: p.asOf,
  };
  const recordsOf = recordsByPerson(p.records, year);
  const people = p.secretaries
    .filter((s) => s.appointedOn <= year.end)
    .map((s) => personCoverage(s, recordsOf.get(s.id) ?? [], year, policy));
  return {
    year: p.year,
    people,
    regions: regionCoverage(people, REGION_PREFIX_LENGTH[p.groupBy]),
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'trainingRotationDeadline',
      'trainingAnnualTimesMin',
      'trainingNewSecretaryMinDays',
    ]),
  };
}

/** The dates trainingCoverage judges by: the year's bounds, the rotation deadline, and today. */
interface CoverageYear {
  start: IsoDate;
  end: IsoDate;
  rotationDue: IsoDate;
  asOf: IsoDate;
}

type CoverageInput = z.output<typeof trainingCoverageInputSchema>;

/**
 * The year's records per person in date order: one pass, so a city's thousands of secretaries
 * cost a lookup each instead of a scan of every record.
 */
function recordsByPerson(
  records: CoverageInput['records'],
  year: CoverageYear,
): Map<CoverageInput['records'][number]['personId'], CoverageInput['records']> {
  const recordsOf = groupBy(
    records.filter((r) => r.completedOn >= year.start && r.completedOn <= year.end),
    (r) => r.personId,
  );
  for (const list of recordsOf.values()) {
    list.sort((a, b) =>
      a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : 0,
    );
  }
  return recordsOf;
}

/** One secretary's duties of the year (see trainingCoverage), each judged on their own records. */
function personCoverage(
  s: CoverageInput['secretaries'][number],
  mine: CoverageInput['records'],
  year: CoverageYear,
  policy: ResolvedPolicy,
): PersonCoverage {
  const v = policy.values;
  const duties: DutyCheck[] = [];
  const judge = (duty: TrainingDuty, due: IsoDate, dates: IsoDate[], times = 1) => {
    const done = dates.length >= times ? (dates[times - 1] as IsoDate) : null;
    const status: DutyStatus =
      done !== null ? (done <= due ? 'done' : 'late') : year.asOf > due ? 'overdue' : 'pending';
    duties.push({ duty, due, status, completedOn: done });
  };
  if (s.post !== 'other' && s.appointedOn <= year.rotationDue) {
    judge(
      'rotation_first_half',
      year.rotationDue,
      mine.filter((r) => r.kind === 'rotation').map((r) => r.completedOn),
    );
  }
  judge(
    'annual',
    year.end,
    mine.filter((r) => r.kind !== 'reserve').map((r) => r.completedOn),
    v.trainingAnnualTimesMin,
  );
  if (s.appointedOn >= year.start) {
    judge(
      'new_secretary_special',
      year.end,
      mine
        .filter(
          (r) =>
            r.kind === 'special' &&
            r.days >= v.trainingNewSecretaryMinDays &&
            r.completedOn >= s.appointedOn,
        )
        .map((r) => r.completedOn),
    );
  }
  return {
    personId: s.id,
    regionCode: s.regionCode,
    duties,
    missing: duties
      .filter((d) => d.status === 'pending' || d.status === 'overdue')
      .map((d) => d.duty),
  };
}

/** Per region (codes cut to `length` digits), in code order: per duty, owed, fulfilled, overdue. */
function regionCoverage(people: readonly PersonCoverage[], length: number): RegionCoverage[] {
  const byRegion = groupBy(people, (person) => person.regionCode.slice(0, length).padEnd(12, '0'));
  return [...byRegion.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([regionCode, list]): RegionCoverage => ({
      regionCode,
      duties: TRAINING_DUTIES.map((duty) => {
        const owed = list.flatMap((x) => x.duties.filter((d) => d.duty === duty));
        return {
          duty,
          required: owed.length,
          fulfilled: owed.filter((d) => d.status === 'done' || d.status === 'late').length,
          overdue: owed.filter((d) => d.status === 'overdue').length,
        };
      }),
    }));
}

/** The date a training duty of `year` falls due (000 §2: rotation by the deadline, the rest by year end). */
export function trainingDutyDue(duty: TrainingDuty, year: number, policy: ResolvedPolicy): IsoDate {
  return duty === 'rotation_first_half'
    ? `${year}-${policy.values.trainingRotationDeadline}`
    : `${year}-12-31`;
}

/** A duty not fulfilled: overdue once its due date has passed as of `asOf`, pending before. */
export function unfulfilledDutyStatus(
  duty: TrainingDuty,
  year: number,
  asOf: IsoDate,
  policy: ResolvedPolicy,
): { duty: TrainingDuty; due: IsoDate; status: 'pending' | 'overdue' } {
  const due = trainingDutyDue(duty, year, policy);
  return { duty, due, status: asOf > due ? 'overdue' : 'pending' };
}

export const trainingCoverageCountsSchema = z.object({
  year: yearSchema,
  asOf: isoDateSchema,
  /** Per region (already grouped): per duty, how many owe it and how many fulfilled it. */
  regions: z.array(
    z.object({
      regionCode: regionCodeSchema,
      duties: z.array(
        z.object({ duty: z.enum(TRAINING_DUTIES), required: countSchema, fulfilled: countSchema }),
      ),
    }),
  ),
});

/**
 * trainingCoverage's per-region answer from counts already taken by the caller (how many owe each
 * duty and how many fulfilled it, done or late, under trainingCoverage's rules: 000 §2, 002 §3):
 * the unfulfilled are overdue once the duty's due date has passed as of `asOf`, else pending.
 * Regions in code order, every duty listed (0 when nobody owes it).
 */
export function trainingCoverageFromCounts(
  input: z.input<typeof trainingCoverageCountsSchema>,
  policy: ResolvedPolicy,
): Omit<TrainingCoverageResult, 'people'> {
  const p = parseInput(trainingCoverageCountsSchema, input);
  const regions = [...p.regions]
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1))
    .map((r): RegionCoverage => ({
      regionCode: r.regionCode,
      duties: TRAINING_DUTIES.map((duty) => {
        const c = r.duties.find((d) => d.duty === duty) ?? { required: 0, fulfilled: 0 };
        if (c.fulfilled > c.required) {
          throw new DomainError(
            'INVALID_INPUT',
            'fulfilled',
            `完成人数不能多于应训人数（${duty}）`,
          );
        }
        const overdue = p.asOf > trainingDutyDue(duty, p.year, policy);
        return {
          duty,
          required: c.required,
          fulfilled: c.fulfilled,
          overdue: overdue ? c.required - c.fulfilled : 0,
        };
      }),
    }));
  return {
    year: p.year,
    regions,
    policyVersion: policy.version,
    basis: policyBasis(policy, [
      'trainingRotationDeadline',
      'trainingAnnualTimesMin',
      'trainingNewSecretaryMinDays',
    ]),
  };
}

/**
 * Whether a training class counts as the special training of new secretaries (002 §3): kind
 * 'special', at least trainingNewSecretaryMinDays days, organised by an upper-level org (the
 * county or the city; a township cannot train its own new village secretaries' special class).
 */
export function isQualifyingSpecialTraining(
  cls: z.input<typeof trainingClassSchema>,
  policy: ResolvedPolicy,
): boolean {
  const c = parseInput(trainingClassSchema, cls);
  return (
    c.kind === 'special' &&
    c.days >= policy.values.trainingNewSecretaryMinDays &&
    c.level !== 'township'
  );
}

export const yearlyClassesInputSchema = z.object({
  year: yearSchema,
  cityCode: regionCodeSchema,
  countyCodes: z.array(regionCodeSchema),
  classes: z.array(trainingClassSchema),
});

export interface YearlyClassesCheck {
  cityModelClassHeld: boolean;
  countiesWithoutClass: RegionCode[];
}

/**
 * 001 §6: every year the city's organisation department holds a model class (示范培训班) for
 * grassroots secretaries, and each county holds its own secretaries' class. Classes count in the
 * year they start.
 */
export function checkYearlyClasses(
  input: z.input<typeof yearlyClassesInputSchema>,
): YearlyClassesCheck {
  const p = parseInput(yearlyClassesInputSchema, input);
  const inYear = p.classes.filter((c) => Number(c.startDate.slice(0, 4)) === p.year);
  const city = regionPrefix(p.cityCode);
  p.countyCodes.forEach((code, i) => {
    if (!code.startsWith(city))
      throw new DomainError(
        'INVALID_INPUT',
        `countyCodes[${i}]`,
        `区县「${code}」不在市「${p.cityCode}」内`,
      );
  });
  return {
    cityModelClassHeld: inYear.some(
      (c) => c.level === 'city' && c.kind === 'model_class' && c.regionCode === p.cityCode,
    ),
    countiesWithoutClass: p.countyCodes.filter(
      (code) =>
        !inYear.some(
          (c) => c.level === 'county' && c.kind === 'county_class' && c.regionCode === code,
        ),
    ),
  };
}

/**
 * A class may be created only when it can do what its kind promises. 002 §3: the special training
 * of newly appointed secretaries lasts at least trainingNewSecretaryMinDays days (原则上不少于3天)
 * and is organised by the upper-level org (由上级党组织负责组织实施), so a township cannot hold it
 * for its own village secretaries. Throws a DomainError naming the field (`days` or `level`).
 */
export function assertTrainingClassAllowed(
  cls: z.input<typeof trainingClassSchema>,
  policy: ResolvedPolicy,
): void {
  const c = parseInput(trainingClassSchema, cls);
  if (c.kind !== 'special') return;
  const min = policy.values.trainingNewSecretaryMinDays;
  if (c.days < min) {
    throw new DomainError(
      'RULE_VIOLATION',
      'days',
      `培训天数：新任书记专题培训不少于 ${min} 天（${citeParameter(policy, 'trainingNewSecretaryMinDays')}），当前为 ${c.days} 天`,
    );
  }
  if (c.level === 'township') {
    throw new DomainError(
      'RULE_VIOLATION',
      'level',
      `举办层级：新任书记专题培训由上级党组织（县级以上组织部门）负责组织实施（${citation('002', '§3')}）`,
    );
  }
}

/**
 * A "newly appointed" secretary for a year's duties: appointed within that calendar year. The same
 * reading as trainingCoverage's new_secretary_special duty (002 §3).
 */
export function isNewSecretary(appointedOn: IsoDate, year: number): boolean {
  const d = parseInput(isoDateSchema, appointedOn);
  return d >= `${year}-01-01` && d <= `${year}-12-31`;
}

/** Who may be a trainee: grassroots secretaries (000 §2) and reserve cadres (003 §3.3). */
export const TRAINEE_ROLES = ['secretary', 'reserve'] as const;
export type TraineeRole = (typeof TRAINEE_ROLES)[number];
export const TRAINEE_ROLE_LABELS: Record<TraineeRole, string> = {
  secretary: '基层党组织书记',
  reserve: '后备干部',
};

export const trainingEligibilitySchema = z.object({
  /** The organiser's region: the class is open to people inside it. */
  regionCode: regionCodeSchema,
  /** The year whose new secretaries a new-secretaries-only class is for. */
  year: yearSchema,
  roles: z.array(z.enum(TRAINEE_ROLES)).min(1, '至少选择一类报名对象'),
  /** Narrower regions inside regionCode; empty means the whole region. */
  regionCodes: z.array(regionCodeSchema).default([]),
  newSecretariesOnly: z.boolean().default(false),
});
export type TrainingEligibility = z.input<typeof trainingEligibilitySchema>;

export const traineeSchema = z.object({
  regionCode: regionCodeSchema,
  /** Appointment date as secretary, when the person is a secretary. */
  secretaryAppointedOn: isoDateSchema.nullable(),
  reserve: z.boolean(),
});
export type Trainee = z.input<typeof traineeSchema>;

export type EligibilityResult =
  | { eligible: true }
  | { eligible: false; reason: 'region' | 'role' | 'new_secretary'; message: string };

/**
 * Whether a person may enrol in a class: inside the organiser's region and, when the class names
 * narrower regions, inside one of them; in one of the class's trainee roles; and, for a class
 * restricted to new secretaries, appointed secretary within the class's year (isNewSecretary).
 * The reason is returned in Chinese for the trainee.
 */
export function trainingEligibility(
  criteria: TrainingEligibility,
  trainee: Trainee,
): EligibilityResult {
  const c = parseInput(trainingEligibilitySchema, criteria);
  const t = parseInput(traineeSchema, trainee);
  const inside =
    isWithinRegion(t.regionCode, c.regionCode) &&
    (c.regionCodes.length === 0 || c.regionCodes.some((r) => isWithinRegion(t.regionCode, r)));
  if (!inside) {
    return {
      eligible: false,
      reason: 'region',
      message: '您所在的区域不在本培训班限定的报名范围内',
    };
  }
  const roles: TraineeRole[] = [
    ...(t.secretaryAppointedOn !== null ? (['secretary'] as const) : []),
    ...(t.reserve ? (['reserve'] as const) : []),
  ];
  if (!roles.some((r) => c.roles.includes(r))) {
    return {
      eligible: false,
      reason: 'role',
      message: `本培训班仅限${c.roles.map((r) => TRAINEE_ROLE_LABELS[r]).join('、')}报名`,
    };
  }
  if (
    c.newSecretariesOnly &&
    (t.secretaryAppointedOn === null || !isNewSecretary(t.secretaryAppointedOn, c.year))
  ) {
    return {
      eligible: false,
      reason: 'new_secretary',
      message: `本培训班仅限 ${c.year} 年新任职的党组织书记报名`,
    };
  }
  return { eligible: true };
}

/** The calendar days of a class, first to last (attendance is kept per day). */
export function classDays(startDate: IsoDate, endDate: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Where a class stands on a day: running today, still to come, or over. */
export type ClassTiming = 'today' | 'upcoming' | 'past';

export function classTiming(
  c: { startDate: IsoDate; endDate: IsoDate },
  today: IsoDate,
): ClassTiming {
  if (c.endDate < today) return 'past';
  return c.startDate <= today ? 'today' : 'upcoming';
}

/**
 * A trainee's list of classes: classes running today first, then the coming ones soonest first,
 * then past ones most recent first (so today's class sits at the top, not at the bottom).
 * Ties keep the start time, then the id.
 */
export function orderClassesForTrainee<
  T extends { id: number; startDate: IsoDate; endDate: IsoDate; startTime?: string | null },
>(classes: readonly T[], today: IsoDate): T[] {
  const rank: Record<ClassTiming, number> = { today: 0, upcoming: 1, past: 2 };
  const key = (c: T) => `${c.startDate} ${c.startTime ?? ''}`;
  return [...classes].sort((a, b) => {
    const ta = classTiming(a, today);
    const tb = classTiming(b, today);
    if (ta !== tb) return rank[ta] - rank[tb];
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ta === 'past' ? ka < kb : ka > kb) ? 1 : -1;
    return a.id - b.id;
  });
}

export interface AttendanceSummary {
  /** Class days up to today (the days attendance could be taken). */
  held: IsoDate[];
  present: IsoDate[];
  absent: IsoDate[];
  /** Held days with no record yet. */
  unmarked: IsoDate[];
  /** Days still to come. */
  remaining: number;
}

/**
 * One trainee's attendance in one class: per class day up to today, present, absent or not
 * marked; the days still to come. `records` are that trainee's attendance rows of the class.
 */
export function attendanceSummary(
  c: { startDate: IsoDate; endDate: IsoDate },
  records: readonly { sessionDate: IsoDate; present: boolean }[],
  today: IsoDate,
): AttendanceSummary {
  const byDay = new Map(records.map((r) => [r.sessionDate, r.present]));
  const days = classDays(c.startDate, c.endDate);
  const held = days.filter((d) => d <= today);
  return {
    held,
    present: held.filter((d) => byDay.get(d) === true),
    absent: held.filter((d) => byDay.get(d) === false),
    unmarked: held.filter((d) => !byDay.has(d)),
    remaining: days.length - held.length,
  };
}
