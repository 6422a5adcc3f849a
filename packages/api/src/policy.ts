import type { Database } from '@dangjian/db';
import { policySets } from '@dangjian/db/schema';
import {
  normalizeRegionCode,
  parsePolicySet,
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionLevelOf,
  resolvePolicy,
  type PolicySet,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { inArray, sql } from 'drizzle-orm';

/** The codes of a region and all its ancestors (the regions whose policy can apply to it). */
export function ancestorCodes(code: RegionCode): RegionCode[] {
  const level = regionLevelOf(code);
  return REGION_LEVELS.slice(0, REGION_LEVELS.indexOf(level) + 1).map((l) =>
    normalizeRegionCode(code.slice(0, REGION_PREFIX_LENGTH[l])),
  );
}

/** The newest version of every department policy set defined for `code` or one of its ancestors. */
export async function loadPolicySets(db: Database, code: RegionCode): Promise<PolicySet[]> {
  const rows = await db
    .selectDistinctOn([policySets.id])
    .from(policySets)
    .where(inArray(policySets.regionCode, ancestorCodes(code)))
    .orderBy(policySets.id, sql`${policySets.version} desc`);
  return rows.map((r) =>
    parsePolicySet({
      id: r.id,
      version: r.version,
      name: r.name,
      regionCode: r.regionCode,
      fromYear: r.fromYear,
      toYear: r.toYear,
      kind: r.kind,
      noticeId: r.noticeId,
      parameters: r.parameters,
    }),
  );
}

/**
 * The policy in force for a region and year: the region's own and its ancestors' sets over the
 * shipped default (most specific wins, per parameter). Every computed result stores
 * `policy.version`.
 */
export async function loadPolicy(
  db: Database,
  code: RegionCode,
  year: number,
): Promise<ResolvedPolicy> {
  return resolvePolicy(await loadPolicySets(db, code), code, year);
}
