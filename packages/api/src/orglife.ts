import { defined, inRegion, isCountyUnit, type Database } from '@dangjian/db';
import { memberCandidates, orgs, people, rectificationCases, regions } from '@dangjian/db/schema';
import {
  groupBy,
  checkStagnantVillages,
  regionLevelOf,
  type RegionCode,
  type ResolvedPolicy,
  type StagnantVillageResult,
} from '@dangjian/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { loadPolicy } from './policy';
import { policiesFor } from './queries/policies';

/**
 * Pieces the organisation-life routers share (组织生活: coverage, reserves, member development,
 * meetings, terms, demonstration sites): the village-level orgs of a region with their names,
 * the policy per county, this year's soft-and-lax list, and the two-year rule of member
 * development, which both the development and the terms modules show.
 */

export const township = alias(regions, 'township');
export const county = alias(regions, 'county');

/** Township and county of a row's 12-digit region code, for list columns. */
export function townshipOf(code: unknown) {
  return eq(township.code, sql`rpad(left(${code}, 9), 12, '0')`);
}
export function countyOf(code: unknown) {
  return eq(county.code, sql`rpad(left(${code}, 6), 12, '0')`);
}

/**
 * The policy for each county inside a region (a county may override the city's parameters):
 * a lookup by any code inside the region. Inside a county or below, the region's own policy.
 */
export async function policyByCounty(
  db: Database,
  regionCode: RegionCode,
  year: number,
): Promise<(code: string) => ResolvedPolicy> {
  const own = await loadPolicy(db, regionCode, year);
  const level = regionLevelOf(regionCode);
  if (level !== 'city' && level !== 'province') return () => own;
  const counties = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(isCountyUnit(regions), inRegion(regions.code, regionCode)));
  const byCounty = await policiesFor(
    db,
    regionCode,
    counties.map((c) => c.code),
    year,
  );
  return (code) => byCounty.get(`${code.slice(0, 6)}000000`) ?? own;
}

/**
 * Village-level Party orgs (村 and 社区: the rural and street-community orgs at village level) of
 * a region, with village, township and county names and the secretary.
 */
export function villageOrgRows(db: Database, regionCode: RegionCode) {
  return db
    .select({
      orgId: orgs.id,
      orgName: orgs.name,
      category: orgs.category,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      regionKind: regions.kind,
      townshipName: township.name,
      countyName: county.name,
      secretaryId: orgs.secretaryId,
      secretaryName: people.name,
      secretaryBirthDate: people.birthDate,
      secretaryEducation: people.education,
      termStart: orgs.termStart,
      termEnd: orgs.termEnd,
    })
    .from(orgs)
    .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
    .leftJoin(township, townshipOf(orgs.regionCode))
    .leftJoin(county, countyOf(orgs.regionCode))
    .leftJoin(people, eq(people.id, orgs.secretaryId))
    .where(
      and(
        inRegion(orgs.regionCode, regionCode),
        inArray(orgs.category, ['rural', 'street_community']),
      ),
    )
    .orderBy(asc(orgs.regionCode), asc(orgs.id));
}
export type VillageOrgRow = Awaited<ReturnType<typeof villageOrgRows>>[number];

/** This year's soft-and-lax list (整顿软弱涣散, 002) in a region: org id → election postponed. */
export async function softAndLax(
  db: Database,
  regionCode: RegionCode,
  year: number,
): Promise<Map<number, { postponed: boolean; completion: string | null }>> {
  const rows = await db
    .select({
      orgId: rectificationCases.orgId,
      postponed: rectificationCases.electionPostponed,
      completion: rectificationCases.electionCompletionDate,
    })
    .from(rectificationCases)
    .where(
      and(eq(rectificationCases.year, year), inRegion(rectificationCases.regionCode, regionCode)),
    );
  return new Map(rows.map((r) => [r.orgId, { postponed: r.postponed, completion: r.completion }]));
}

/**
 * The two-year rule (001 §11) for the rural village orgs of a region in `year`: new members
 * admitted per org and year (one grouped query) from the first year the development ledger of
 * the caller's scope holds (a year before it is unknown, not "none developed") through `year`;
 * the current term counted from its start, or from that first year if later.
 */
export async function stagnantVillages(
  db: Database,
  scopeCode: RegionCode,
  regionCode: RegionCode,
  year: number,
  policyOf: (code: string) => ResolvedPolicy,
): Promise<Map<number, StagnantVillageResult & { ledgerFrom: number }>> {
  const admittedYear = sql<number>`extract(year from ${memberCandidates.admittedOn})::int`;
  const [start] = await db
    .select({ y: sql<number | null>`min(${admittedYear})` })
    .from(memberCandidates)
    .where(
      and(inRegion(memberCandidates.regionCode, scopeCode), isNotNull(memberCandidates.admittedOn)),
    );
  const ledgerFrom = start?.y ?? null;
  const out = new Map<number, StagnantVillageResult & { ledgerFrom: number }>();
  if (ledgerFrom === null || ledgerFrom > year) return out;
  const [villages, counts] = await Promise.all([
    db
      .select({ id: orgs.id, regionCode: orgs.regionCode, termStart: orgs.termStart })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(and(inRegion(orgs.regionCode, regionCode), eq(orgs.category, 'rural'))),
    db
      .select({ orgId: memberCandidates.orgId, y: admittedYear, n: sql<number>`count(*)::int` })
      .from(memberCandidates)
      .where(
        and(
          inRegion(memberCandidates.regionCode, regionCode),
          sql`${memberCandidates.admittedOn} between ${`${ledgerFrom}-01-01`} and ${`${year}-12-31`}`,
        ),
      )
      .groupBy(memberCandidates.orgId, admittedYear),
  ]);
  const developed = new Map(counts.map((c) => [`${c.orgId}:${c.y}`, c.n]));
  const years = Array.from({ length: year - ledgerFrom + 1 }, (_, i) => ledgerFrom + i);
  // Grouped by county so that each county's own policy applies.
  const groups = groupBy(villages, (v) => v.regionCode.slice(0, 6));
  for (const group of groups.values()) {
    const result = checkStagnantVillages(
      {
        year,
        villages: group.map((v) => ({
          id: String(v.id),
          history: years.map((y) => ({ year: y, developed: developed.get(`${v.id}:${y}`) ?? 0 })),
          termStartYear: Math.min(
            year,
            Math.max(ledgerFrom, v.termStart ? Number(v.termStart.slice(0, 4)) : ledgerFrom),
          ),
        })),
      },
      policyOf(defined(group[0]).regionCode),
    );
    for (const r of result.villages) out.set(Number(r.villageId), { ...r, ledgerFrom });
  }
  return out;
}
