import { z } from 'zod';
import { groupBy, repeatedIndexes } from './collections';
import { addDays } from './dates';
import { fenSchema } from './money';
import type { Fen } from './money';
import { policyBasis } from './policy';
import { rate, type Rate } from './rates';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import {
  normalizeRegionCode,
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
} from './regions';
import { idSchema, isoDateSchema, parseInput, yearSchema } from './validation';
import type { IsoDate } from './validation';

/**
 * Resident help for registered poor villages (驻村帮扶, 000 §4): every registered poor village has
 * a resident team (全覆盖); the team leader serves as the village Party org's 第一书记; four task
 * areas; yearly assessment (outstanding → promotion priority; passive → named, corrected by a
 * deadline); village collective income tracked year by year.
 */

/** The four task areas of a resident team (000 §4). */
export const TEAM_TASK_AREAS = [
  'build_team',
  'infrastructure_industry',
  'solve_problems',
  'civic_harmony',
] as const;
export type TeamTaskArea = (typeof TEAM_TASK_AREAS)[number];
export const TEAM_TASK_AREA_LABELS: Record<TeamTaskArea, string> = {
  build_team: '抓班子带队伍',
  infrastructure_industry: '强基础兴产业',
  solve_problems: '解难题办实事',
  civic_harmony: '树新风促和谐',
};
export const teamTaskAreaSchema = z.enum(TEAM_TASK_AREAS);

/** A registered poor village (建档立卡重点贫困村). */
export const poorVillageSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1),
  regionCode: regionCodeSchema,
  /** Year identified (Yueyang: 412 identified in 2014). */
  identifiedYear: yearSchema,
  /** Helped by the city itself (about 50 key villages) or by the county. */
  helpedBy: z.enum(['city', 'county']),
  /** Lifted out of the register (no longer requires a team). */
  exitedYear: yearSchema.nullable().default(null),
});
export type PoorVillage = z.infer<typeof poorVillageSchema>;

/** A resident team (驻村帮扶工作队). */
export const residentTeamSchema = z.object({
  id: idSchema,
  villageId: idSchema,
  /** Sending unit. */
  unit: z.string().trim().min(1),
  leader: z.object({ personId: idSchema, servesAsFirstSecretary: z.boolean() }).nullable(),
  memberIds: z.array(idSchema).default([]),
  /** Work logged per task area. */
  activities: z
    .array(
      z.object({
        area: teamTaskAreaSchema,
        date: isoDateSchema,
        summary: z.string().trim().min(1),
      }),
    )
    .default([]),
});
export type ResidentTeam = z.infer<typeof residentTeamSchema>;

export const teamCoverageInputSchema = z.object({
  year: yearSchema,
  villages: z.array(poorVillageSchema),
  teams: z.array(residentTeamSchema),
});

export interface TeamCoverageResult {
  /** Villages in the register that year. */
  registered: number;
  covered: number;
  villagesWithoutTeam: string[];
  teamsWithoutLeader: string[];
  /** Teams whose leader does not serve as the village's first secretary. */
  leadersNotFirstSecretary: string[];
  /** Teams posted to a village not in the register. */
  teamsForUnknownVillages: string[];
  cityHelped: number;
  cityHelpedTarget: number;
  fullCoverage: boolean;
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Whether a poor village is registered in `year` (000 §4): identified in or before that year and
 * not yet exited (a village that exits in a year is off the register from that year on).
 */
export function isRegisteredIn(
  village: { identifiedYear: number; exitedYear: number | null },
  year: number,
): boolean {
  return (
    village.identifiedYear <= year && (village.exitedYear === null || village.exitedYear > year)
  );
}

/**
 * Days of the poverty overview's recent-activity window: a village counts as active when its team
 * logged work in the last 30 days, today included. Not a notice parameter: the window comes from
 * the product requirement (issue 8, "activity in the last 30 days").
 */
export const ACTIVITY_WINDOW_DAYS = 30;

/**
 * Team coverage (000 §4): every village registered in `year` (identified by then, not yet
 * exited) has a resident team; every team has a leader serving as 第一书记. fullCoverage needs
 * all three. Also reports how many villages the city helps itself against the ~50 target
 * (poorVillageCityHelpedTarget, informational).
 */
export function checkTeamCoverage(
  input: z.input<typeof teamCoverageInputSchema>,
  policy: ResolvedPolicy,
): TeamCoverageResult {
  const p = parseInput(teamCoverageInputSchema, input);
  const registered = p.villages.filter((v) => isRegisteredIn(v, p.year));
  const ids = new Set(p.villages.map((v) => v.id));
  const withTeam = new Set(p.teams.map((t) => t.villageId));
  const villagesWithoutTeam = registered.filter((v) => !withTeam.has(v.id)).map((v) => v.id);
  const teamsWithoutLeader = p.teams.filter((t) => t.leader === null).map((t) => t.id);
  const leadersNotFirstSecretary = p.teams
    .filter((t) => t.leader !== null && !t.leader.servesAsFirstSecretary)
    .map((t) => t.id);
  return {
    registered: registered.length,
    covered: registered.length - villagesWithoutTeam.length,
    villagesWithoutTeam,
    teamsWithoutLeader,
    leadersNotFirstSecretary,
    teamsForUnknownVillages: p.teams.filter((t) => !ids.has(t.villageId)).map((t) => t.id),
    cityHelped: registered.filter((v) => v.helpedBy === 'city').length,
    cityHelpedTarget: policy.values.poorVillageCityHelpedTarget,
    fullCoverage:
      villagesWithoutTeam.length === 0 &&
      teamsWithoutLeader.length === 0 &&
      leadersNotFirstSecretary.length === 0,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['poorVillageCityHelpedTarget']),
  };
}

/** Task areas (of the four, 000 §4) in which a team logged no work between `from` and `to`. */
export function missingTaskAreas(
  team: z.input<typeof residentTeamSchema>,
  from: IsoDate,
  to: IsoDate,
): TeamTaskArea[] {
  const t = parseInput(residentTeamSchema, team);
  const range = parseInput(z.object({ from: isoDateSchema, to: isoDateSchema }), { from, to });
  return TEAM_TASK_AREAS.filter(
    (area) =>
      !t.activities.some((a) => a.area === area && a.date >= range.from && a.date <= range.to),
  );
}

export const TEAM_ASSESSMENT_RATINGS = ['outstanding', 'competent', 'passive'] as const;
export type TeamAssessmentRating = (typeof TEAM_ASSESSMENT_RATINGS)[number];
export const TEAM_ASSESSMENT_LABELS: Record<TeamAssessmentRating, string> = {
  outstanding: '表现优秀',
  competent: '称职',
  passive: '消极应对、不负责任',
};

export const teamAssessmentInputSchema = z
  .object({
    assessments: z.array(
      z.object({
        subjectId: idSchema,
        subject: z.enum(['cadre', 'unit']),
        rating: z.enum(TEAM_ASSESSMENT_RATINGS),
      }),
    ),
    /**
     * The correction deadline set by the department for passive units/cadres (限期整改); required
     * as soon as one assessment is passive.
     */
    correctionDeadline: isoDateSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.correctionDeadline === null && v.assessments.some((a) => a.rating === 'passive')) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctionDeadline'],
        message: '评为消极应对、不负责任的须限期整改，请填写整改期限',
      });
    }
  });

export interface TeamAssessmentConsequence {
  subjectId: string;
  subject: 'cadre' | 'unit';
  rating: TeamAssessmentRating;
  /** Outstanding cadres are preferred for promotion when a post is available (000 §4). */
  promotionPriority: boolean;
  /** Passive units/cadres are named in a circular (通报批评) … */
  publicCriticism: boolean;
  /** … and must correct by the deadline. */
  correctionDeadline: IsoDate | null;
}

/** Consequences of the yearly assessment of resident teams and cadres (000 §4). */
export function teamAssessmentConsequences(
  input: z.input<typeof teamAssessmentInputSchema>,
): TeamAssessmentConsequence[] {
  const p = parseInput(teamAssessmentInputSchema, input);
  return p.assessments.map((a) => ({
    subjectId: a.subjectId,
    subject: a.subject,
    rating: a.rating,
    promotionPriority: a.rating === 'outstanding' && a.subject === 'cadre',
    publicCriticism: a.rating === 'passive',
    correctionDeadline: a.rating === 'passive' ? p.correctionDeadline : null,
  }));
}

export const collectiveIncomeInputSchema = z.object({
  records: z.array(z.object({ year: yearSchema, incomeFen: fenSchema })),
});

export interface CollectiveIncomeYear {
  year: number;
  incomeFen: Fen;
  /** Change from the previous year (null for the first year or after a gap). */
  changeFen: number | null;
}

/**
 * Village collective economy income year by year (000 §4, tracked to show the collective economy
 * growing): sorted by year with the change from the previous year. Duplicate years are rejected.
 */
export function collectiveIncomeTrend(
  input: z.input<typeof collectiveIncomeInputSchema>,
): CollectiveIncomeYear[] {
  const { records } = parseInput(
    collectiveIncomeInputSchema.superRefine((v, ctx) => {
      for (const i of repeatedIndexes(v.records, (r) => r.year))
        ctx.addIssue({
          code: 'custom',
          path: ['records', i, 'year'],
          message: `年度 ${v.records[i]?.year} 重复`,
        });
    }),
    input,
  );
  const sorted = [...records].sort((a, b) => a.year - b.year);
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    return {
      year: r.year,
      incomeFen: r.incomeFen,
      changeFen:
        prev !== undefined && prev.year === r.year - 1 ? r.incomeFen - prev.incomeFen : null,
    };
  });
}

export const workLogEntrySchema = z.object({
  date: isoDateSchema,
  area: teamTaskAreaSchema,
  householdsReached: z.number().int().nonnegative(),
  fundsFen: fenSchema,
});

export interface TaskAreaProgress {
  area: TeamTaskArea;
  label: string;
  entries: number;
  householdsReached: number;
  fundsFen: Fen;
  lastDate: IsoDate | null;
}

export interface VillageProgress {
  year: number;
  entries: number;
  householdsReached: number;
  fundsFen: Fen;
  /** One row per task area, in the notice's order. */
  areas: TaskAreaProgress[];
  /** Areas with no work logged in the year so far (000 §4 asks for all four). */
  missingAreas: TeamTaskArea[];
  /** Entries per month (index 0 = January). */
  byMonth: number[];
  lastDate: IsoDate | null;
}

/**
 * A village's progress over a year from its team's work log (000 §4: the team works in all four
 * areas): entries, households reached and money brought in per area and per month, and the areas
 * still without any work. Entries outside the year are ignored.
 */
export function villageProgress(
  year: number,
  entries: readonly z.input<typeof workLogEntrySchema>[],
): VillageProgress {
  const y = parseInput(yearSchema, year);
  const rows = parseInput(z.array(workLogEntrySchema), entries).filter((e) =>
    e.date.startsWith(`${y}-`),
  );
  const areas = TEAM_TASK_AREAS.map((area): TaskAreaProgress => {
    const mine = rows.filter((r) => r.area === area);
    return {
      area,
      label: TEAM_TASK_AREA_LABELS[area],
      entries: mine.length,
      householdsReached: mine.reduce((n, r) => n + r.householdsReached, 0),
      fundsFen: mine.reduce((n, r) => n + r.fundsFen, 0),
      lastDate: mine.reduce<IsoDate | null>(
        (d, r) => (d === null || r.date > d ? r.date : d),
        null,
      ),
    };
  });
  const byMonth = Array.from({ length: 12 }, () => 0);
  for (const r of rows) {
    const month = Number(r.date.slice(5, 7)) - 1;
    byMonth[month] = (byMonth[month] ?? 0) + 1;
  }
  return {
    year: y,
    entries: rows.length,
    householdsReached: areas.reduce((n, a) => n + a.householdsReached, 0),
    fundsFen: areas.reduce((n, a) => n + a.fundsFen, 0),
    areas,
    missingAreas: areas.filter((a) => a.entries === 0).map((a) => a.area),
    byMonth,
    lastDate: areas.reduce<IsoDate | null>(
      (d, a) => (a.lastDate !== null && (d === null || a.lastDate > d) ? a.lastDate : d),
      null,
    ),
  };
}

export const povertySummaryInputSchema = z.object({
  year: yearSchema,
  /** The day the summary is read (activity is counted in the window ending that day). */
  asOf: isoDateSchema,
  /** Length of the recent-activity window in days, ending on `asOf` (the overview shows 30). */
  activityWindowDays: z.number().int().min(1).max(366),
  groupBy: z.enum(REGION_LEVELS),
  villages: z.array(
    z.object({
      id: idSchema,
      regionCode: regionCodeSchema,
      identifiedYear: yearSchema,
      helpedBy: z.enum(['city', 'county']),
      exitedYear: yearSchema.nullable(),
      /** The village has a team in the village (not withdrawn). */
      hasTeam: z.boolean(),
      /** …whose current leader serves as the village's first secretary. */
      leaderIsFirstSecretary: z.boolean(),
      /** Work log entries dated inside the activity window. */
      recentEntries: z.number().int().nonnegative(),
    }),
  ),
});

export interface PovertyRegionSummary {
  /** The group's region code (a `groupBy`-level prefix, padded to 12 digits). */
  regionCode: string;
  registered: number;
  cityHelped: number;
  withTeam: number;
  withFirstSecretary: number;
  /** Share of registered villages with a team (000 §4: 全覆盖). */
  coverage: Rate;
  /** Villages with at least one work log entry in the activity window. */
  activeVillages: number;
  recentEntries: number;
  /** All registered villages have a team led by a first secretary. */
  fullCoverage: boolean;
}

/**
 * Per-region picture of resident help (000 §4) for the overview: registered villages in `year`
 * (identified by then, not yet lifted out), how many have a team and a first secretary, the
 * coverage rate, and the villages active in the last `activityWindowDays` days. Rows in region
 * code order; regions without registered villages are left out.
 */
export function summarizePovertyByRegion(input: z.input<typeof povertySummaryInputSchema>): {
  rows: PovertyRegionSummary[];
  total: PovertyRegionSummary;
  windowFrom: IsoDate;
} {
  const p = parseInput(povertySummaryInputSchema, input);
  const registered = p.villages.filter((v) => isRegisteredIn(v, p.year));
  const groups = groupBy(registered, (v) =>
    normalizeRegionCode(v.regionCode.slice(0, REGION_PREFIX_LENGTH[p.groupBy])),
  );
  const summarize = (regionCode: string, vs: typeof registered): PovertyRegionSummary => {
    const withTeam = vs.filter((v) => v.hasTeam).length;
    const withFirstSecretary = vs.filter((v) => v.hasTeam && v.leaderIsFirstSecretary).length;
    return {
      regionCode,
      registered: vs.length,
      cityHelped: vs.filter((v) => v.helpedBy === 'city').length,
      withTeam,
      withFirstSecretary,
      coverage: rate(withTeam, vs.length),
      activeVillages: vs.filter((v) => v.recentEntries > 0).length,
      recentEntries: vs.reduce((n, v) => n + v.recentEntries, 0),
      fullCoverage: withFirstSecretary === vs.length,
    };
  };
  return {
    rows: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, vs]) => summarize(code, vs)),
    total: summarize('', registered),
    windowFrom: addDays(p.asOf, -(p.activityWindowDays - 1)),
  };
}
