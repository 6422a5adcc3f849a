import { defined, inRegion, type Database } from '@dangjian/db';
import { orgs, people, regions } from '@dangjian/db/schema';
import {
  FIELD_CATEGORY_LABELS,
  TERM_STATUS_LABELS,
  termStatus,
  yearOf,
  type RegionCode,
} from '@dangjian/domain';
import { and, asc, eq, isNotNull, lt } from 'drizzle-orm';
import {
  county,
  countyOf,
  policyByCounty,
  softAndLax,
  stagnantVillages,
  township,
  townshipOf,
} from '../orglife';

/** Orgs of a region past their term end, with status and the nomination bar (rural villages). */
export async function termLines(
  db: Database,
  scopeCode: RegionCode,
  regionCode: RegionCode,
  asOf: string,
) {
  const year = yearOf(asOf);
  const [rows, listed, policyOf] = await Promise.all([
    db
      .select({
        orgId: orgs.id,
        orgName: orgs.name,
        kind: orgs.kind,
        category: orgs.category,
        regionCode: orgs.regionCode,
        regionName: regions.name,
        level: regions.level,
        townshipName: township.name,
        countyName: county.name,
        secretaryId: orgs.secretaryId,
        secretaryName: people.name,
        termStart: orgs.termStart,
        termEnd: orgs.termEnd,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .leftJoin(township, townshipOf(orgs.regionCode))
      .leftJoin(county, countyOf(orgs.regionCode))
      .leftJoin(people, eq(people.id, orgs.secretaryId))
      .where(
        and(inRegion(orgs.regionCode, regionCode), isNotNull(orgs.termEnd), lt(orgs.termEnd, asOf)),
      )
      .orderBy(asc(orgs.termEnd), asc(orgs.regionCode), asc(orgs.id)),
    softAndLax(db, regionCode, year),
    policyByCounty(db, regionCode, year),
  ]);
  const bars = await stagnantVillages(db, scopeCode, regionCode, year, policyOf);
  return rows.flatMap((r) => {
    const case_ = listed.get(r.orgId);
    const rural = r.category === 'rural' && r.level === 'village';
    const check = termStatus(
      {
        orgId: String(r.orgId),
        category: r.category,
        termEnd: defined(r.termEnd),
        softAndLax: case_ !== undefined,
        electionPostponed: case_?.postponed ?? false,
      },
      asOf,
    );
    if (check.status === 'current') return [];
    const bar = rural ? bars.get(r.orgId) : undefined;
    return [
      {
        ...r,
        categoryLabel: FIELD_CATEGORY_LABELS[r.category],
        status: check.status,
        statusLabel: TERM_STATUS_LABELS[check.status],
        daysPastEnd: check.daysPastEnd,
        softAndLax: case_ !== undefined,
        electionCompletionDate: case_?.completion ?? null,
        secretaryNominationBarred: bar?.secretaryNominationBarred ?? false,
      },
    ];
  });
}
export type TermLine = Awaited<ReturnType<typeof termLines>>[number];

export function termSummary(lines: readonly TermLine[]) {
  return {
    overdue: lines.filter((l) => l.status === 'overdue').length,
    postponed: lines.filter((l) => l.status === 'postponed').length,
    barred: lines.filter((l) => l.secretaryNominationBarred).length,
  };
}
