import { inRegion, type Database } from '@dangjian/db';
import { orgGrades } from '@dangjian/db/schema';
import type { Grade, RegionCode } from '@dangjian/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const thisGrade = alias(orgGrades, 'this_grade');

/**
 * The grade movement table of a region per child region (the first `prefixLength` digits of the
 * org's region code): how many orgs graded last year went from each grade to each grade this
 * year, current grades only (superseded_at null), orgs graded in both years only. One grouped
 * query; upgradeTargetsFromCounts (001 §9) judges each child's table and their sum.
 */
export function gradeMovementsByPrefix(
  db: Database,
  regionCode: RegionCode,
  year: number,
  prefixLength: number,
) {
  const prefix = sql<string>`left(${orgGrades.regionCode}, ${sql.raw(String(prefixLength))})`;
  return db
    .select({
      prefix,
      lastYearGrade: sql<Grade>`${orgGrades.grade}`,
      thisYearGrade: sql<Grade>`${thisGrade.grade}`,
      count: sql<number>`count(*)::int`,
    })
    .from(orgGrades)
    .innerJoin(
      thisGrade,
      and(
        eq(thisGrade.orgId, orgGrades.orgId),
        eq(thisGrade.year, year),
        isNull(thisGrade.supersededAt),
      ),
    )
    .where(
      and(
        eq(orgGrades.year, year - 1),
        isNull(orgGrades.supersededAt),
        inRegion(orgGrades.regionCode, regionCode),
      ),
    )
    .groupBy(sql`1`, orgGrades.grade, thisGrade.grade);
}
export type GradeMovementRow = Awaited<ReturnType<typeof gradeMovementsByPrefix>>[number];

/** The grade distribution of this year's current grades per child region prefix. */
export function gradeDistributionByPrefix(
  db: Database,
  regionCode: RegionCode,
  year: number,
  prefixLength: number,
) {
  const prefix = sql<string>`left(${orgGrades.regionCode}, ${sql.raw(String(prefixLength))})`;
  return db
    .select({ prefix, grade: orgGrades.grade, n: sql<number>`count(*)::int` })
    .from(orgGrades)
    .where(
      and(
        eq(orgGrades.year, year),
        isNull(orgGrades.supersededAt),
        inRegion(orgGrades.regionCode, regionCode),
      ),
    )
    .groupBy(sql`1`, orgGrades.grade);
}
