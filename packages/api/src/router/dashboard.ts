import { regions } from '@dangjian/db/schema';
import {
  citeParameters,
  type PolicyKey,
  chinaToday,
  citation,
  GRADES,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionLevelOf,
  yearSchema,
  type Grade,
  type RegionLevel,
  type ResolvedPolicy,
  upgradeTargetsFromCounts,
} from '@dangjian/domain';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { regionProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';
import { evaluateFloors } from '../queries/floors';
import { policiesFor } from '../queries/policies';
import { childLevelOf } from '../queries/region';
import {
  gradeDistributionByPrefix,
  gradeMovementsByPrefix,
  type GradeMovementRow,
} from '../queries/grade-rollup';
import { enterpriseFormationCoverage, coverageSummary } from '../queries/coverage';
import { demoSiteReport } from '../queries/demo-sites';
import { developmentOverview } from '../queries/development';
import { complianceSummary, meetingCompliance } from '../queries/meetings';
import { reserveLines, reserveSummary } from '../queries/reserves';
import { termLines, termSummary } from '../queries/terms';

type OrglifeData = {
  coverage: Awaited<ReturnType<typeof enterpriseFormationCoverage>>;
  reserves: Awaited<ReturnType<typeof reserveLines>>;
  development: Awaited<ReturnType<typeof developmentOverview>>;
  meetings: Awaited<ReturnType<typeof meetingCompliance>>;
  terms: Awaited<ReturnType<typeof termLines>>;
  sites: Awaited<ReturnType<typeof demoSiteReport>>;
  policy: ResolvedPolicy;
};

/** The rows of the organisation modules: meetings, terms, demonstration sites. */
function organisationRows(year: number, weeksFrom: string, data: OrglifeData) {
  const { meetings, terms, sites, policy } = data;
  const cite = (keys: readonly PolicyKey[]) => citeParameters(policy, keys);
  // A village falls short on meetings with a missed week this quarter, or a missed quarter or
  // unpublished decisions this year.
  // The weekly meeting is judged over the quarter so far (the year, for a past year): a whole
  // week of the year starting on or after the quarter's first day is a whole week of the
  // quarter, so the year's answer serves both.
  const weeklyMissed = new Set(
    meetings.items.filter((i) => i.missedWeeks.some((w) => w >= weeksFrom)).map((i) => i.orgId),
  );
  const m = complianceSummary(meetings.items);
  const meetingIssues = meetings.items.filter(
    (i) =>
      weeklyMissed.has(i.orgId) || i.missedQuarters.length > 0 || i.unpublishedDecisions.length > 0,
  ).length;
  const t = termSummary(terms);
  const shortCategories = sites.lines.filter((l) => l.shortfall > 0);
  return [
    {
      module: 'meetings',
      label: '联席会议',
      path: '/meetings',
      measure: `班子联席会议每周至少 ${policy.values.teamMeetingsPerWeekMin} 次（${weeksFrom} 至 ${meetings.to}）、党群联席会议每季度至少 ${policy.values.partyPublicMeetingsPerQuarterMin} 次并公开决议（${meetings.from} 至 ${meetings.to}）（${cite(['teamMeetingsPerWeekMin', 'partyPublicMeetingsPerQuarterMin'])}）`,
      figure: `${m.villages} 个村（社区）`,
      issues: meetingIssues,
      issueLabel: `未落实的村（社区）${meetingIssues} 个（缺周会 ${weeklyMissed.size}，缺季度会 ${m.withMissedQuarters}，决议未公开 ${m.withUnpublished}）`,
    },
    {
      module: 'terms',
      label: '按期换届',
      path: '/terms',
      measure: `届期届满未换届的基层党组织（${citation('000', '§8')}；${citation('002', '§1')}）`,
      figure: `整顿期间推迟换届 ${t.postponed} 个`,
      issues: t.overdue,
      issueLabel: `逾期未换届 ${t.overdue} 个`,
    },
    {
      module: 'demoSites',
      label: '示范点',
      path: '/demo-sites',
      measure: `${year} 年基层党建示范点（${cite(['demoTargetVillage'])}）`,
      figure: `已命名 ${sites.totalActual} 个，目标 ${sites.totalTarget} 个`,
      issues: shortCategories.length,
      issueLabel: `未达目标的类别 ${shortCategories.length} 个`,
    },
  ];
}

/** The 组织生活 rows: each module's figure and how many items need attention. */
function orglifeRows(year: number, weeksFrom: string, data: OrglifeData, today: string) {
  const { coverage, reserves, development, policy } = data;
  const cite = (keys: readonly PolicyKey[]) => citeParameters(policy, keys);
  const c = coverageSummary(coverage);
  const r = reserveSummary(reserves, today);
  const mustDevelop = development.stagnant.filter((s) => s.mustDevelopThisYear);
  const unmetObligations = mustDevelop.filter((s) => s.obligationMet === false).length;
  const structureUnmet = development.structure.filter((s) => !s.youngMet || !s.educationMet);
  const planned = development.quota.units.reduce((n, u) => n + (u.planned ? u.quota : 0), 0);
  const rows = [
    {
      module: 'coverage',
      label: '组织覆盖',
      path: '/coverage',
      measure: `非公企业和社会组织党的组织覆盖（${cite(['formationOwnOrgMinEmployees', 'instructorsPerEnterprise'])}）`,
      figure: `${c.enterprises} 个单位，单独组建 ${c.withOwnOrg} 个，选派指导员 ${c.withInstructor} 个`,
      issues: c.withGaps,
      issueLabel: `存在覆盖缺口 ${c.withGaps} 个`,
    },
    {
      module: 'reserves',
      label: '后备干部',
      path: '/reserves',
      measure: `村（社区）党组织书记后备人选每村不少于 ${policy.values.reservePerVillageMin} 名（${cite(['reservePerVillageMin'])}）`,
      figure: `${r.villages} 个村（社区），后备干部 ${r.reserves} 人`,
      issues: r.short,
      issueLabel: `后备人选不足的村（社区）${r.short} 个`,
    },
    {
      module: 'development',
      label: '发展党员',
      path: '/development',
      measure: `${year} 年发展党员计划、结构和“连续 ${policy.values.memberDevStagnantYears} 年未发展”（${cite(['memberDevCityQuota', 'memberDevStagnantYears'])}）`,
      figure: `已发展 ${development.admitted} 名（下达计划 ${planned} 名），须今年发展的村 ${mustDevelop.length} 个`,
      issues: unmetObligations + development.quota.violations.length + structureUnmet.length,
      issueLabel: `今年尚未发展的村 ${unmetObligations} 个，超计划未报告 ${development.quota.violations.length} 个单位，结构未达标 ${structureUnmet.length} 个区县，待备案 ${development.preFiling.length} 人`,
    },
  ];
  return [...rows, ...organisationRows(year, weeksFrom, data)];
}

/**
 * The overview's columns: the region's children, and a "本级" column when orgs sit at the
 * region's own code (e.g. a township's committee) outside every child.
 */
function overviewColumns(
  region: { code: string; name: string },
  children: readonly { code: string; name: string; level: RegionLevel }[],
  distribution: readonly { prefix: string }[],
  prefixLength: number,
) {
  const columns = children.map((c) => ({
    code: c.code,
    name: c.name,
    level: c.level,
    drillable: c.level !== 'village',
    own: false,
  }));
  const known = new Set(columns.map((c) => c.code.slice(0, prefixLength)));
  const ownPrefix = region.code.slice(0, prefixLength);
  if (!known.has(ownPrefix) && distribution.some((d) => d.prefix === ownPrefix)) {
    columns.push({
      code: region.code,
      name: `${region.name}（本级）`,
      level: regionLevelOf(region.code),
      drillable: false,
      own: true,
    });
  }
  return columns;
}

/** One column's figures: grade distribution, upgrade targets from its movement table, floors. */
function overviewRow<C extends { code: string }>(
  col: C,
  distribution: readonly { grade: Grade; n: number }[],
  movements: readonly GradeMovementRow[],
  policy: ResolvedPolicy,
  unit: { evaluated: number; met: number; unmet: number } | undefined,
) {
  const grades = Object.fromEntries(
    GRADES.map((g) => [g, distribution.find((d) => d.grade === g)?.n ?? 0]),
  ) as Record<Grade, number>;
  const upgrade = upgradeTargetsFromCounts({ movements }, policy);
  return {
    ...col,
    grades,
    graded: GRADES.reduce((t, g) => t + grades[g], 0),
    upgrade: upgrade.lines.map((l) => ({
      grade: l.grade,
      label: l.label,
      measure: l.measure,
      orgCount: l.orgCount,
      achieved: l.achieved,
      rate: l.rate,
      targetPercent: l.targetPercent,
      met: l.met,
    })),
    floors: unit ? { evaluated: unit.evaluated, met: unit.met, unmet: unit.unmet } : null,
  };
}

/**
 * 概览: for the region's children (city → counties → townships → villages), this year's grade
 * distribution, the upgrade rates against the 001 §9 targets, and the funding floors met. One
 * set-based query per figure family; rates and floors come from the domain.
 */
export const dashboardRouter = createTRPCRouter({
  /**
   * 组织生活: one row per organisation-life module for a region — what is measured, the figure,
   * how many items need attention, and the page to open. Each row is the module's own evaluation
   * (the same functions as its list page); state-of-today modules (coverage, reserves, terms)
   * are judged as of today, the others for the year (meetings up to today).
   */
  orglife: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const today = chinaToday(ctx.now());
      const thisYear = Number(today.slice(0, 4)) === input.year;
      const weeksFrom = thisYear
        ? `${input.year}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
        : `${input.year}-01-01`;
      const [coverage, reserves, development, meetings, terms, sites, policy] = await Promise.all([
        enterpriseFormationCoverage(ctx.db, region.code, today),
        reserveLines(ctx.db, region.code, today),
        developmentOverview(ctx.db, ctx.scope.code, region.code, input.year, today),
        meetingCompliance(ctx.db, region.code, `${input.year}-01-01`, `${input.year}-12-31`, today),
        termLines(ctx.db, ctx.scope.code, region.code, today),
        demoSiteReport(ctx.db, region.code, input.year),
        loadPolicy(ctx.db, region.code, input.year),
      ]);
      const rows = orglifeRows(
        input.year,
        weeksFrom,
        {
          coverage,
          reserves,
          development,
          meetings,
          terms,
          sites,
          policy,
        },
        today,
      );
      return {
        regionCode: region.code,
        regionName: region.name,
        year: input.year,
        asOf: today,
        rows,
      };
    }),

  overview: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const childLevel = await childLevelOf(ctx.db, region);
      const prefixLength = childLevel ? REGION_PREFIX_LENGTH[childLevel] : 12;
      const [children, distribution, movements, floors] = await Promise.all([
        ctx.db
          .select({ code: regions.code, name: regions.name, level: regions.level })
          .from(regions)
          .where(eq(regions.parentCode, region.code))
          .orderBy(asc(regions.code)),
        gradeDistributionByPrefix(ctx.db, region.code, input.year, prefixLength),
        gradeMovementsByPrefix(ctx.db, region.code, input.year, prefixLength),
        // Floors are counted per county (001 §17): per child when the children are counties.
        // Only their counts are shown here, so the records' people are not looked up by name.
        evaluateFloors(ctx.db, region.code, input.year, { names: false }),
      ]);
      const columns = overviewColumns(region, children, distribution, prefixLength);
      const policies = await policiesFor(
        ctx.db,
        region.code,
        columns.filter((c) => !c.own).map((c) => c.code),
        input.year,
      );
      const parentPolicy = await loadPolicy(ctx.db, region.code, input.year);
      const policyOf = (code: string) => policies.get(code) ?? parentPolicy;
      const rows = columns.map((col) => {
        const p = col.code.slice(0, prefixLength);
        return overviewRow(
          col,
          distribution.filter((d) => d.prefix === p),
          movements.filter((m) => m.prefix === p),
          policyOf(col.code),
          floors.units.find((u) => u.code === col.code),
        );
      });
      const overall = upgradeTargetsFromCounts({ movements }, policyOf(region.code));
      return {
        regionCode: region.code,
        regionName: region.name,
        level: region.level,
        childLevel,
        year: input.year,
        children: rows,
        upgrade: overall.lines,
        policyVersion: overall.policyVersion,
        floors: {
          partial: floors.partial,
          scopeNote: floors.scopeNote,
          units: floors.units.map((u) => ({
            code: u.code,
            name: u.name,
            evaluated: u.evaluated,
            met: u.met,
            unmet: u.unmet,
          })),
          summary: floors.summary,
        },
      };
    }),
});
