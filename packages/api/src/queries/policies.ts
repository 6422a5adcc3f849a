import type { Database } from '@dangjian/db';
import { policySets } from '@dangjian/db/schema';
import { resolvePolicy, type RegionCode, type ResolvedPolicy } from '@dangjian/domain';
import { inArray } from 'drizzle-orm';
import { loadPolicy, loadPolicySets } from '../policy';

/**
 * The policy of each of `codes` (children of `parentCode`) for a year: the parent's sets are
 * loaded once and resolved per child; only a child with a policy set of its own is loaded on
 * its own (loadPolicy). Two queries plus one per child that has its own set.
 */
export async function policiesFor(
  db: Database,
  parentCode: RegionCode,
  codes: readonly RegionCode[],
  year: number,
): Promise<Map<RegionCode, ResolvedPolicy>> {
  if (codes.length === 0) return new Map();
  const [inherited, own] = await Promise.all([
    loadPolicySets(db, parentCode),
    db
      .selectDistinct({ code: policySets.regionCode })
      .from(policySets)
      .where(inArray(policySets.regionCode, [...codes])),
  ]);
  const withOwn = new Set(own.map((r) => r.code));
  const entries = await Promise.all(
    codes.map(
      async (code) =>
        [
          code,
          withOwn.has(code)
            ? await loadPolicy(db, code, year)
            : resolvePolicy(inherited, code, year),
        ] as const,
    ),
  );
  return new Map(entries);
}
