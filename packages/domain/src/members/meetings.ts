import { z } from 'zod';
import { DomainError } from '../errors';
import { rate } from '../rates';
import type { Rate } from '../rates';
import { REGION_LEVELS, REGION_PREFIX_LENGTH, regionCodeSchema, regionLevelOf } from '../regions';
import type { RegionCode, RegionLevel } from '../regions';
import { countSchema, idSchema, isoDateSchema, parseInput, yearSchema } from '../validation';
import type { IsoDate } from '../validation';
import { monthBounds, shiftMonth, yearMonthSchema } from './calendar';
import type { YearMonth } from './calendar';
import type { MemberPolicyValues } from './member-policy';

/**
 * 三会一课: the branch's Party members' meeting (支部党员大会), its committee meeting (支部委员会),
 * the Party group meeting (党小组会) and the Party lecture (党课). 岳阳市委组织部2015年基层党建通知
 * 第六部分 asks for 三会一课 to be fully carried out (推动“三会一课”全面落实); the cadences are those
 * of 《中国共产党支部工作条例（试行）》 第十一条 (members' meeting once a quarter), 第十二条
 * (committee monthly), 第十三条 (group monthly) and 第十九条 (lectures), as policy parameters.
 */

export const BRANCH_MEETING_KINDS = [
  'branch_assembly',
  'branch_committee',
  'party_group',
  'party_lecture',
] as const;
export type BranchMeetingKind = (typeof BRANCH_MEETING_KINDS)[number];
export const BRANCH_MEETING_KIND_LABELS: Record<BranchMeetingKind, string> = {
  branch_assembly: '支部党员大会',
  branch_committee: '支部委员会',
  party_group: '党小组会',
  party_lecture: '党课',
};
export const branchMeetingKindSchema = z.enum(BRANCH_MEETING_KINDS);

export const MEETING_CADENCE_UNITS = ['month', 'quarter'] as const;
export type CadenceUnit = (typeof MEETING_CADENCE_UNITS)[number];
export const MEETING_CADENCE_UNIT_LABELS: Record<CadenceUnit, string> = {
  month: '每月',
  quarter: '每季度',
};

type CadenceKey =
  | 'branchAssemblyPerQuarterMin'
  | 'branchCommitteePerMonthMin'
  | 'partyGroupPerMonthMin'
  | 'partyLecturePerQuarterMin';
export type MeetingCadenceValues = Pick<MemberPolicyValues, CadenceKey>;

/** Each kind's cadence unit and the parameter holding its minimum per unit. */
export const MEETING_CADENCE: Record<BranchMeetingKind, { unit: CadenceUnit; key: CadenceKey }> = {
  branch_assembly: { unit: 'quarter', key: 'branchAssemblyPerQuarterMin' },
  branch_committee: { unit: 'month', key: 'branchCommitteePerMonthMin' },
  party_group: { unit: 'month', key: 'partyGroupPerMonthMin' },
  party_lecture: { unit: 'quarter', key: 'partyLecturePerQuarterMin' },
};

export const meetingPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), month: yearMonthSchema }),
  z.object({
    kind: z.literal('quarter'),
    year: yearSchema,
    quarter: z.number().int().min(1).max(4),
  }),
  z.object({ kind: z.literal('year'), year: yearSchema }),
]);
export type MeetingPeriod = z.infer<typeof meetingPeriodSchema>;

export const BRANCH_MEETING_STATUSES = [
  'compliant',
  'missing',
  'pending',
  'not_judged',
  'not_required',
] as const;
export type BranchMeetingStatus = (typeof BRANCH_MEETING_STATUSES)[number];
export const BRANCH_MEETING_STATUS_LABELS: Record<BranchMeetingStatus, string> = {
  compliant: '已按要求召开',
  missing: '未按要求召开',
  pending: '期间未结束，尚未召开',
  not_judged: '周期长于统计期间，不作判断',
  not_required: '本支部不适用',
};

/** One cadence unit (a month or a quarter) inside the period, with what it needed and had. */
export interface CadenceUnitCheck {
  start: IsoDate;
  end: IsoDate;
  required: number;
  held: number;
  met: boolean;
}

export interface MeetingKindCheck {
  kind: BranchMeetingKind;
  status: BranchMeetingStatus;
  units: CadenceUnitCheck[];
}

export interface BranchMeetingCompliance {
  kinds: MeetingKindCheck[];
  /** Kinds with an ended unit short of its minimum. */
  missing: BranchMeetingKind[];
  /** True when no kind is missing or still pending. */
  compliant: boolean;
}

const meetingSchema = z.object({ kind: branchMeetingKindSchema, heldOn: isoDateSchema });

export const branchMeetingsInputSchema = z.object({
  meetings: z.array(meetingSchema),
  period: meetingPeriodSchema,
  /** Today; units ending after it are pending rather than missing. Default: the period's end. */
  asOf: isoDateSchema.optional(),
  /** A branch without a committee (fewer than 7 full members) owes no committee meetings. */
  hasCommittee: z.boolean().default(true),
  /** A branch not divided into Party groups owes no group meetings. */
  hasGroups: z.boolean().default(true),
});
export type BranchMeetingsInput = z.input<typeof branchMeetingsInputSchema>;

/** The months of a period, in order. */
function periodMonths(period: MeetingPeriod): YearMonth[] {
  if (period.kind === 'month') return [period.month];
  const first = period.kind === 'quarter' ? (period.quarter - 1) * 3 + 1 : 1;
  const count = period.kind === 'quarter' ? 3 : 12;
  const start = `${String(period.year).padStart(4, '0')}-${String(first).padStart(2, '0')}`;
  return Array.from({ length: count }, (_, i) => shiftMonth(start, i));
}

/** The cadence units of a period: its months, or its quarters (none when the period is a month). */
function unitsOf(period: MeetingPeriod, unit: CadenceUnit): { start: IsoDate; end: IsoDate }[] {
  const months = periodMonths(period);
  const size = unit === 'month' ? 1 : 3;
  if (months.length < size) return [];
  const units: { start: IsoDate; end: IsoDate }[] = [];
  for (let i = 0; i < months.length; i += size) {
    const first = months[i] as YearMonth;
    const last = months[i + size - 1] as YearMonth;
    units.push({ start: monthBounds(first).start, end: monthBounds(last).end });
  }
  return units;
}

/** The first and last day of a period. */
export function meetingPeriodBounds(period: MeetingPeriod): { start: IsoDate; end: IsoDate } {
  const months = periodMonths(parseInput(meetingPeriodSchema, period));
  return {
    start: monthBounds(months[0] as YearMonth).start,
    end: monthBounds(months.at(-1) as YearMonth).end,
  };
}

function checkKind(
  kind: BranchMeetingKind,
  p: z.output<typeof branchMeetingsInputSchema>,
  asOf: IsoDate,
  values: MeetingCadenceValues,
): MeetingKindCheck {
  if (
    (kind === 'branch_committee' && !p.hasCommittee) ||
    (kind === 'party_group' && !p.hasGroups)
  ) {
    return { kind, status: 'not_required', units: [] };
  }
  const cadence = MEETING_CADENCE[kind];
  const required = values[cadence.key];
  const dates = p.meetings.filter((m) => m.kind === kind).map((m) => m.heldOn);
  const units = unitsOf(p.period, cadence.unit).map((u): CadenceUnitCheck => {
    const held = dates.filter((d) => d >= u.start && d <= u.end).length;
    return { ...u, required, held, met: held >= required };
  });
  if (units.length === 0) return { kind, status: 'not_judged', units };
  const unmet = units.filter((u) => !u.met);
  const status: BranchMeetingStatus = unmet.some((u) => u.end <= asOf)
    ? 'missing'
    : unmet.length > 0
      ? 'pending'
      : 'compliant';
  return { kind, status, units };
}

/**
 * Which of 三会一课 a branch held as often as required in a period (a month, a quarter or a
 * year), kind by kind (岳阳市委组织部2015年基层党建通知 第六部分; cadences from
 * 《中国共产党支部工作条例（试行）》 第十一、十二、十三、十九条, as parameters): every cadence unit
 * (month or quarter) of the period must hold at least the minimum — twelve monthly committee
 * meetings in a year, not twelve in one month. A quarterly kind is not judged over a single
 * month. A unit short of its minimum is missing once it has ended (on or before `asOf`), else
 * pending. Committee and group meetings are not required of a branch without a committee or
 * without groups. A meeting outside the period does not count.
 */
export function branchMeetingCompliance(
  input: BranchMeetingsInput,
  values: MeetingCadenceValues,
): BranchMeetingCompliance {
  const p = parseInput(branchMeetingsInputSchema, input);
  const asOf = p.asOf ?? meetingPeriodBounds(p.period).end;
  const kinds = BRANCH_MEETING_KINDS.map((kind) => checkKind(kind, p, asOf, values));
  return {
    kinds,
    missing: kinds.filter((k) => k.status === 'missing').map((k) => k.kind),
    compliant: kinds.every((k) => k.status !== 'missing' && k.status !== 'pending'),
  };
}

// ---------------------------------------------------------------------------------------------
// Roll-up: township → county → city
// ---------------------------------------------------------------------------------------------

export interface MeetingRollupRow {
  regionCode: RegionCode;
  branches: number;
  compliant: number;
  rate: Rate;
}

/** The code of the region at `level` that contains `code` (a township's county, …). */
function regionAt(code: RegionCode, level: RegionLevel, field: string): RegionCode {
  const own = REGION_LEVELS.indexOf(regionLevelOf(code));
  if (own < REGION_LEVELS.indexOf(level)) {
    throw new DomainError('INVALID_INPUT', field, `区划代码「${code}」的层级高于汇总层级`);
  }
  return code.slice(0, REGION_PREFIX_LENGTH[level]).padEnd(12, '0');
}

function toRows(
  sums: Map<RegionCode, { branches: number; compliant: number }>,
): MeetingRollupRow[] {
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([regionCode, s]) => ({ regionCode, ...s, rate: rate(s.compliant, s.branches) }));
}

const rollupLevelSchema = z.enum(['township', 'county', 'city']);

export const meetingRollupInputSchema = z.object({
  branches: z.array(
    branchMeetingsInputSchema.omit({ period: true, asOf: true }).extend({
      id: idSchema,
      regionCode: regionCodeSchema,
    }),
  ),
  period: meetingPeriodSchema,
  asOf: isoDateSchema.optional(),
  level: rollupLevelSchema,
});

/**
 * Branches that held 三会一课 as required (branchMeetingCompliance), counted per region at
 * `level` (township, county or city): branches, compliant branches and the rate, regions in
 * code order (岳阳市委组织部2015年基层党建通知 第六部分).
 */
export function meetingComplianceRollup(
  input: z.input<typeof meetingRollupInputSchema>,
  values: MeetingCadenceValues,
): MeetingRollupRow[] {
  const p = parseInput(meetingRollupInputSchema, input);
  const sums = new Map<RegionCode, { branches: number; compliant: number }>();
  p.branches.forEach((b, i) => {
    const region = regionAt(b.regionCode, p.level, `branches[${i}].regionCode`);
    const ok = branchMeetingCompliance({ ...b, period: p.period, asOf: p.asOf }, values).compliant;
    const s = sums.get(region) ?? { branches: 0, compliant: 0 };
    sums.set(region, { branches: s.branches + 1, compliant: s.compliant + (ok ? 1 : 0) });
  });
  return toRows(sums);
}

export const meetingCountsInputSchema = z.object({
  regions: z.array(
    z.object({ regionCode: regionCodeSchema, branches: countSchema, compliant: countSchema }),
  ),
  level: rollupLevelSchema,
});

/**
 * meetingComplianceRollup from counts already taken (a township's or county's rows): the counts
 * of the regions inside each region at `level` are added up and the rate recomputed from the
 * sums (never averaged). Gives the same rows as the row-based roll-up of the same branches.
 */
export function meetingComplianceFromCounts(
  input: z.input<typeof meetingCountsInputSchema>,
): MeetingRollupRow[] {
  const p = parseInput(meetingCountsInputSchema, input);
  const sums = new Map<RegionCode, { branches: number; compliant: number }>();
  p.regions.forEach((r, i) => {
    if (r.compliant > r.branches) {
      throw new DomainError('INVALID_INPUT', `regions[${i}].compliant`, '达标支部数不能多于支部数');
    }
    const region = regionAt(r.regionCode, p.level, `regions[${i}].regionCode`);
    const s = sums.get(region) ?? { branches: 0, compliant: 0 };
    sums.set(region, { branches: s.branches + r.branches, compliant: s.compliant + r.compliant });
  });
  return toRows(sums);
}
