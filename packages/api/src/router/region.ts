import { orgs, regions } from '@dangjian/db/schema';
import { inRegion } from '@dangjian/db';
import {
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionLevelOf,
  type RegionCode,
  type RegionLevel,
  childRegionLevel,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@dangjian/db';
import { createTRPCRouter, scopedProcedure } from '../trpc';

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
    throw new TRPCError({ code: 'BAD_REQUEST', message: `区划代码「${code}」不存在` });
  }
  return row;
}

export const regionRouter = createTRPCRouter({
  /**
   * The tree's starting point: the caller's own region (their data scope).
   */
  root: scopedProcedure.query(async ({ ctx }) => requireRegion(ctx.db, ctx.scope.code)),

  /** A region and its ancestors down from the caller's own region (for breadcrumbs). */
  path: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema }))
    .query(async ({ ctx, input }) => {
      const region = await requireRegion(ctx.db, input.regionCode);
      const level = regionLevelOf(region.code);
      const top = REGION_LEVELS.indexOf(regionLevelOf(ctx.scope.code));
      const codes = REGION_LEVELS.slice(top, REGION_LEVELS.indexOf(level) + 1).map((l) =>
        region.code.slice(0, REGION_PREFIX_LENGTH[l]).padEnd(12, '0'),
      );
      const rows = await ctx.db
        .select()
        .from(regions)
        .where(inArray(regions.code, codes))
        .orderBy(asc(regions.code));
      return rows;
    }),

  /** The children of a region with how many organisations each holds (one grouped query). */
  children: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema }))
    .query(async ({ ctx, input }) => {
      const parent = await requireRegion(ctx.db, input.regionCode);
      if (parent.level === 'village') return [];
      const children = await ctx.db
        .select()
        .from(regions)
        .where(eq(regions.parentCode, parent.code))
        .orderBy(asc(regions.code));
      const level = children[0]?.level;
      if (!level) return [];
      const prefixLength = REGION_PREFIX_LENGTH[level];
      const [counts] = await Promise.all([
        ctx.db
          .select({
            prefix: sql<string>`left(${orgs.regionCode}, ${sql.raw(String(prefixLength))})`,
            n: count(),
          })
          .from(orgs)
          .where(inRegion(orgs.regionCode, parent.code))
          .groupBy(sql`1`),
      ]);
      const byPrefix = new Map(counts.map((c) => [c.prefix, c.n]));
      return children.map((c) => ({
        ...c,
        hasChildren: c.level !== 'village',
        orgCount: byPrefix.get(c.code.slice(0, prefixLength)) ?? 0,
      }));
    }),
});
