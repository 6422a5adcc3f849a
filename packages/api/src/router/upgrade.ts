import type { Database } from '@dangjian/db';
import { inRegion } from '@dangjian/db';
import { orgGrades, orgs, people, regions } from '@dangjian/db/schema';
import {
  computeUpgradeTargets,
  DISPATCH_LABELS,
  dispatchFor,
  GRADE_LABELS,
  GRADES,
  gradeMovement,
  planDispatch,
  regionCodeSchema,
  sanctionList,
  yearSchema,
  type DispatchKind,
  type Grade,
  type RegionCode,
} from '@dangjian/domain';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from './region';

const lastGrade = alias(orgGrades, 'last_grade');
const county = alias(regions, 'county');

/**
 * Every org of the region graded last year (current grade, superseded_at null) with this year's
 * current grade when it has one: one query. The secretary's name and this year's grade are
 * looked up per row by key (scalar subqueries): joined instead, the planner hashes the whole
 * people and org_grades tables of the caller's scope to match a city's few thousand rows.
 */
export async function gradedOrgs(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({
      orgId: orgs.id,
      orgName: orgs.name,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      countyName: county.name,
      secretaryId: orgs.secretaryId,
      secretaryName: sql<
        string | null
      >`(select ${people.name} from ${people} where ${people.id} = ${orgs.secretaryId})`,
      lastYearGrade: lastGrade.grade,
      thisYearGrade: sql<Grade | null>`(select t.grade from ${orgGrades} t
        where t.org_id = ${lastGrade.orgId} and t.year = ${year} and t.superseded_at is null)`,
    })
    .from(lastGrade)
    .innerJoin(orgs, eq(orgs.id, lastGrade.orgId))
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(county, eq(county.code, sql`rpad(left(${orgs.regionCode}, 6), 12, '0')`))
    .where(
      and(
        eq(lastGrade.year, year - 1),
        isNull(lastGrade.supersededAt),
        inRegion(lastGrade.regionCode, regionCode),
      ),
    )
    .orderBy(asc(orgs.regionCode), asc(orgs.id));
}
export type GradedOrgRow = Awaited<ReturnType<typeof gradedOrgs>>[number];

/** The rows graded in both years, in the domain's shape. */
export function comparable(rows: readonly GradedOrgRow[]) {
  return rows
    .filter((r): r is GradedOrgRow & { thisYearGrade: Grade } => r.thisYearGrade !== null)
    .map((r) => ({
      orgId: String(r.orgId),
      lastYearGrade: r.lastYearGrade,
      thisYearGrade: r.thisYearGrade,
      secretaryId: r.secretaryId === null ? null : String(r.secretaryId),
      dispatchedCadreIds: [],
    }));
}

const input = z.object({ regionCode: regionCodeSchema, year: yearSchema });

const REASON_LABELS = {
  not_upgraded: '“一般”“较差”类党组织年底未晋位升级',
  downgraded: '“好”“较好”类党组织考核降级',
} as const;
const ROLE_LABELS = { secretary: '党组织书记', dispatched_cadre: '驻联干部' } as const;

export const upgradeRouter = createTRPCRouter({
  /**
   * 晋位升级 (001 §9): per last year's grade, how many orgs moved up, stayed or moved down this
   * year, and the rate against the target (较差 90 %, 一般 20 %, 较好 10 % upgraded; 好 100 %
   * retained), computed by the domain.
   */
  report: scopedProcedure.input(input).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.regionCode);
    const [rows, policy] = await Promise.all([
      gradedOrgs(ctx.db, input.regionCode, input.year),
      loadPolicy(ctx.db, input.regionCode, input.year),
    ]);
    const orgsBoth = comparable(rows);
    const targets = computeUpgradeTargets({ orgs: orgsBoth }, policy);
    const lines = targets.lines.map((line) => {
      const group = orgsBoth.filter((o) => o.lastYearGrade === line.grade);
      const moves = group.map((o) => gradeMovement(o.lastYearGrade, o.thisYearGrade));
      return {
        ...line,
        up: moves.filter((m) => m === 'up').length,
        same: moves.filter((m) => m === 'same').length,
        down: moves.filter((m) => m === 'down').length,
        notGraded: rows.filter((r) => r.lastYearGrade === line.grade && r.thisYearGrade === null)
          .length,
      };
    });
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      lastYear: input.year - 1,
      lines,
      policyVersion: targets.policyVersion,
      basis: targets.basis,
    };
  }),

  /**
   * 选派 (001 §9): what each org must be sent this year for the grade it carries in (last year's
   * grade): 较差 → a work team whose leader is 第一书记; 一般 → a 第一书记; 较好 → a township
   * leader as contact. No dispatch is recorded yet, so every needed one is listed as missing.
   */
  dispatch: scopedProcedure.input(input).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.regionCode);
    const rows = await gradedOrgs(ctx.db, input.regionCode, input.year);
    const plan = planDispatch({
      orgs: rows.map((r) => ({ orgId: String(r.orgId), grade: r.lastYearGrade, dispatched: [] })),
    });
    const byId = new Map(rows.map((r) => [String(r.orgId), r]));
    const items = plan.missing.map((m) => {
      const r = byId.get(m.orgId)!;
      return {
        orgId: r.orgId,
        orgName: r.orgName,
        regionName: r.regionName,
        countyName: r.countyName,
        secretaryName: r.secretaryName,
        grade: m.grade,
        gradeLabel: GRADE_LABELS[m.grade],
        needs: m.needs,
        needsLabel: DISPATCH_LABELS[m.needs],
        status: m.problem === 'not_dispatched' ? '尚未登记选派' : '工作组组长未担任第一书记',
      };
    });
    const kinds = GRADES.map((g) => ({ grade: g, kind: dispatchFor(g) })).filter(
      (x): x is { grade: Grade; kind: DispatchKind } => x.kind !== null,
    );
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      basedOnYear: input.year - 1,
      needed: kinds.map((k) => ({
        grade: k.grade,
        gradeLabel: GRADE_LABELS[k.grade],
        kind: k.kind,
        kindLabel: DISPATCH_LABELS[k.kind],
        count: plan.needed[k.kind],
      })),
      items,
    };
  }),

  /**
   * 不得提拔重用和评先评优 (001 §9): the secretaries (and dispatched cadres, once recorded) of orgs
   * that did not move up from 一般/较差 or moved down from 好/较好 this year, from the domain.
   */
  sanctions: scopedProcedure.input(input).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.regionCode);
    const rows = await gradedOrgs(ctx.db, input.regionCode, input.year);
    const byId = new Map(rows.map((r) => [String(r.orgId), r]));
    const entries = sanctionList({ orgs: comparable(rows) });
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      items: entries.map((e) => {
        const r = byId.get(e.orgId)!;
        return {
          personId: Number(e.personId),
          personName: e.role === 'secretary' ? r.secretaryName : null,
          role: e.role,
          roleLabel: ROLE_LABELS[e.role],
          orgId: r.orgId,
          orgName: r.orgName,
          regionName: r.regionName,
          countyName: r.countyName,
          lastYearGrade: r.lastYearGrade,
          thisYearGrade: r.thisYearGrade!,
          grades: `${GRADE_LABELS[r.lastYearGrade]} → ${GRADE_LABELS[r.thisYearGrade!]}`,
          reason: e.reason,
          reasonLabel: `${REASON_LABELS[e.reason]}，${input.year} 年度不得提拔重用和评先评优（常委〔2012〕5号 §9）`,
        };
      }),
    };
  }),
});
