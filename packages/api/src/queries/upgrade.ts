import type { Database } from '@dangjian/db';
import { inRegion } from '@dangjian/db';
import { orgDispatches, orgGrades, orgs, regions } from '@dangjian/db/schema';
import {
  chinaToday,
  DISPATCH_MODE_LABELS,
  type DispatchKind,
  type Grade,
  type RegionCode,
} from '@dangjian/domain';
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { county, countyOf } from '../orglife';
import { orgSecretaryColumns } from './org-columns';

const lastGrade = alias(orgGrades, 'last_grade');

/**
 * Every org of the region graded last year (current grade, superseded_at null) with this year's
 * current grade when it has one: one query. The secretary's name and this year's grade are
 * looked up per row by key (scalar subqueries): joined instead, the planner hashes the whole
 * people and org_grades tables of the caller's scope to match a city's few thousand rows.
 */
export async function gradedOrgs(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({
      ...orgSecretaryColumns,
      lastYearGrade: lastGrade.grade,
      thisYearGrade: sql<Grade | null>`(select t.grade from ${orgGrades} t
        where t.org_id = ${lastGrade.orgId} and t.year = ${year} and t.superseded_at is null)`,
    })
    .from(lastGrade)
    .innerJoin(orgs, eq(orgs.id, lastGrade.orgId))
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(county, countyOf(orgs.regionCode))
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
export function comparable(
  rows: readonly GradedOrgRow[],
  cadres: ReadonlyMap<number, readonly DispatchRow[]> = new Map(),
) {
  return rows
    .filter((r): r is GradedOrgRow & { thisYearGrade: Grade } => r.thisYearGrade !== null)
    .map((r) => ({
      orgId: String(r.orgId),
      lastYearGrade: r.lastYearGrade,
      thisYearGrade: r.thisYearGrade,
      secretaryId: r.secretaryId === null ? null : String(r.secretaryId),
      dispatchedCadreIds: (cadres.get(r.orgId) ?? []).map((d) => `dispatch:${d.id}`),
    }));
}

/**
 * The cadres recorded as dispatched to the region's orgs for a year (驻联干部), by org. With
 * `inPostOn`, only those in post that day (arrived by then, no end date or ending on or after it).
 */
export async function dispatchesByOrg(
  db: Database,
  regionCode: RegionCode,
  year: number,
  inPostOn: string | null = null,
) {
  const rows = await db
    .select({
      id: orgDispatches.id,
      orgId: orgDispatches.orgId,
      year: orgDispatches.year,
      kind: orgDispatches.kind,
      cadreName: orgDispatches.cadreName,
      unit: orgDispatches.unit,
      post: orgDispatches.post,
      leader: orgDispatches.leader,
      firstSecretary: orgDispatches.firstSecretary,
      fromDate: orgDispatches.fromDate,
      toDate: orgDispatches.toDate,
    })
    .from(orgDispatches)
    .where(
      and(
        inRegion(orgDispatches.regionCode, regionCode),
        eq(orgDispatches.year, year),
        inPostOn === null ? undefined : lte(orgDispatches.fromDate, inPostOn),
        inPostOn === null
          ? undefined
          : or(isNull(orgDispatches.toDate), gte(orgDispatches.toDate, inPostOn)),
      ),
    )
    .orderBy(asc(orgDispatches.orgId), sql`${orgDispatches.leader} desc`, asc(orgDispatches.id));
  const byOrg = new Map<number, DispatchRow[]>();
  for (const r of rows) {
    const list = byOrg.get(r.orgId);
    if (list) list.push(r);
    else byOrg.set(r.orgId, [r]);
  }
  return byOrg;
}
export interface DispatchRow {
  id: number;
  orgId: number;
  year: number;
  kind: DispatchKind;
  cadreName: string;
  unit: string;
  post: string | null;
  leader: boolean;
  firstSecretary: boolean;
  fromDate: string;
  toDate: string | null;
}

/** A dispatched cadre as the lists show them. */
export function cadreView(d: DispatchRow) {
  return {
    ...d,
    kindLabel: DISPATCH_MODE_LABELS[d.kind],
    roleLabel: d.leader
      ? '工作组组长（第一书记）'
      : d.firstSecretary
        ? '第一书记'
        : d.kind === 'work_team'
          ? '工作组成员'
          : '联系干部',
  };
}

/** The day a year's dispatch is checked on: its last day, or today while the year runs. */
export function checkDay(year: number, now: Date): string {
  const today = chinaToday(now);
  const yearEnd = `${year}-12-31`;
  return today < yearEnd ? today : yearEnd;
}
