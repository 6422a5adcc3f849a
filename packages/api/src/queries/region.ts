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
