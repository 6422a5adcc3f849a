import { orgs, regions } from '@dangjian/db/schema';
import { inRegion } from '@dangjian/db';
import {
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionLevelOf,
  type RegionCode,
  type RegionLevel,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@dangjian/db';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The region row, or a 400 naming the unknown code. */
export async function requireRegion(db: Database, code: RegionCode) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  if (!row) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `区划代码「${code}」不存在` });
  }
  return row;
}

function childLevel(level: RegionLevel): RegionLevel | null {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}

export const regionRouter = createTRPCRouter({
  /**
   * The tree's starting point: the deepest region that holds all loaded data (常德市 when one
   * city is loaded, 湖南省 for the province).
   */
  root: publicProcedure.query(async ({ ctx }) => {
    let level: RegionLevel = 'province';
    let current = await ctx.db.select().from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code));
    while (current.length === 1 && level !== 'village') {
      const only = current[0]!;
      const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, only.code)).limit(2);
      if (children.length !== 1) return only;
      current = children;
      level = children[0]!.level;
    }
    return current[0] ?? null;
  }),

  /** A region and its ancestors, root first (for breadcrumbs). */
  path: publicProcedure.input(z.object({ code: regionCodeSchema })).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.code);
    const level = regionLevelOf(region.code);
    const codes = REGION_LEVELS.slice(0, REGION_LEVELS.indexOf(level) + 1).map((l) =>
      region.code.slice(0, REGION_PREFIX_LENGTH[l]).padEnd(12, '0'),
    );
    const rows = await ctx.db.select().from(regions).where(inArray(regions.code, codes)).orderBy(asc(regions.code));
    return rows;
  }),

  /** The children of a region with how many organisations each holds (one grouped query). */
  children: publicProcedure.input(z.object({ code: regionCodeSchema })).query(async ({ ctx, input }) => {
    const parent = await requireRegion(ctx.db, input.code);
    const level = childLevel(parent.level);
    if (!level) return [];
    const prefixLength = REGION_PREFIX_LENGTH[level];
    const [children, counts] = await Promise.all([
      ctx.db.select().from(regions).where(eq(regions.parentCode, parent.code)).orderBy(asc(regions.code)),
      ctx.db
        .select({ prefix: sql<string>`left(${orgs.regionCode}, ${sql.raw(String(prefixLength))})`, n: count() })
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
