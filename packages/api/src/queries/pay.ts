import { inRegion, type Database } from '@dangjian/db';
import { orgGrades, orgs, people, regions } from '@dangjian/db/schema';
import {
  normalizeRegionCode,
  parentRegionCode,
  type Grade,
  type PayOmitted,
  type PayOrg,
  type RegionCode,
} from '@dangjian/domain';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const current = alias(orgGrades, 'current_grade');
const orgRegion = alias(regions, 'org_region');
const parent = alias(orgs, 'parent_org');

/** An organisation of a township as a pay run reads it, with the names the lists show. */
export interface PayOrgRow extends PayOrg {
  orgName: string;
  regionCode: string;
  /** The village/community it sits in, or the township's name for the township's own orgs. */
  regionName: string;
  secretaryId: number | null;
  secretaryName: string | null;
}

/** An organisation of the township listed beside the pay lines: not paid, with the reason. */
export interface PayOmission {
  orgId: number;
  orgName: string;
  regionCode: string;
  /** The village/community it sits in, or the township's name for the township's own orgs. */
  villageName: string;
  secretaryName: string | null;
  grade: Grade | null;
  status: 'vacant' | 'not_covered';
  reason: string;
}

export function toOmission({ org, status, reason }: PayOmitted<PayOrgRow>): PayOmission {
  return {
    orgId: org.orgId,
    orgName: org.orgName,
    regionCode: org.regionCode,
    villageName: org.regionName,
    secretaryName: org.secretaryName,
    grade: org.grade,
    status,
    reason,
  };
}

/**
 * Every organisation of the townships inside `code` (a township, or a county, city or province:
 * one set-based read) with what the pay rule needs and this year's current grade, ordered by
 * region code and id. Organisations above township level (a county's own) are not read.
 */
export async function readPayOrgs(
  db: Database,
  code: RegionCode,
  year: number,
): Promise<PayOrgRow[]> {
  const rows = await db
    .select({
      orgId: orgs.id,
      orgName: orgs.name,
      category: orgs.category,
      regionCode: orgs.regionCode,
      regionName: orgRegion.name,
      regionLevel: orgRegion.level,
      regionKind: orgRegion.kind,
      parentRegionCode: parent.regionCode,
      secretaryId: orgs.secretaryId,
      secretaryName: people.name,
      grade: current.grade,
    })
    .from(orgs)
    .innerJoin(orgRegion, eq(orgRegion.code, orgs.regionCode))
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .leftJoin(people, eq(people.id, orgs.secretaryId))
    .leftJoin(
      current,
      and(eq(current.orgId, orgs.id), eq(current.year, year), isNull(current.supersededAt)),
    )
    .where(and(inRegion(orgs.regionCode, code), inArray(orgRegion.level, ['township', 'village'])))
    .orderBy(asc(orgs.regionCode), asc(orgs.id));
  return rows.map(({ parentRegionCode: parentCode, ...r }) => ({
    ...r,
    parentInSameRegion: parentCode === r.regionCode,
    hasSecretary: r.secretaryId !== null,
  }));
}

/** The township (12-digit code) an organisation's region lies in. */
export function townshipOf(regionCode: string): RegionCode {
  return normalizeRegionCode(regionCode.slice(0, 9));
}

/** The codes of a region's ancestors, the province first (the order locks are taken in). */
function ancestorsTopDown(code: RegionCode): RegionCode[] {
  const up: RegionCode[] = [];
  for (let c = parentRegionCode(code); c !== null; c = parentRegionCode(c)) up.unshift(c);
  return up;
}

const lockKey = (code: RegionCode, year: number) => `pay_region:${code}:${year}`;

/**
 * One pay run over a region and year at a time, held to the end of the transaction: the region's
 * own key exclusively, each ancestor's shared, always taken from the province down (so two runs
 * never wait for each other in a cycle). A township's run (pay.commit) and a county's or city's
 * run (pay.commitRegion) over it exclude each other; runs of two townships, or of two counties,
 * do not. The second waits, then supersedes what the first committed.
 */
export async function lockPayRun(db: Database, code: RegionCode, year: number): Promise<void> {
  const shared = ancestorsTopDown(code).map((c) => lockKey(c, year));
  await db.execute(
    sql`select ${sql.join(
      [
        ...shared.map((k) => sql`pg_advisory_xact_lock_shared(hashtext(${k}))`),
        sql`pg_advisory_xact_lock(hashtext(${lockKey(code, year)}))`,
      ],
      sql`, `,
    )}`,
  );
}
