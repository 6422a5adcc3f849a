import { orgs, regions } from '@dangjian/db/schema';
import { defined, inRegion, likeContains } from '@dangjian/db';
import {
  REGION_LEVELS,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionLevelOf,
  type RegionCode,
} from '@dangjian/domain';
import { and, asc, count, eq, ilike, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from '../queries/region';

/** The codes of a region's ancestors from the level of `top` down to the region itself. */
function pathCodes(code: RegionCode, top: RegionCode): string[] {
  const from = REGION_LEVELS.indexOf(regionLevelOf(top));
  const to = REGION_LEVELS.indexOf(regionLevelOf(code));
  return [
    ...new Set(
      REGION_LEVELS.slice(from, to + 1).map((l) =>
        code.slice(0, REGION_PREFIX_LENGTH[l]).padEnd(12, '0'),
      ),
    ),
  ];
}

const SEARCH_LIMIT = 20;

export const regionRouter = createTRPCRouter({
  /**
   * The tree's starting point: the caller's own region (their data scope).
   */
  root: scopedProcedure.query(async ({ ctx }) => requireRegion(ctx.db, ctx.scope.code)),

  /** A region and its ancestors down from the caller's own region (for breadcrumbs). */
  path: regionProcedure.input(z.object({ regionCode: regionCodeSchema })).query(async ({ ctx }) => {
    const { region } = ctx;
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

  /**
   * Townships and villages inside the caller's region (or `regionCode` inside it) whose name
   * contains `query`: at most 20, townships first, each with its path from the caller's own
   * region down to it (so the tree can expand to it).
   */
  search: scopedProcedure
    .input(
      z.object({
        query: z
          .string({ error: '查找内容（query）应为文字' })
          .trim()
          .min(1, '查找内容（query）不能为空')
          .max(40, '查找内容（query）不能超过 40 个字'),
        regionCode: regionCodeSchema.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const within = input.regionCode ?? ctx.scope.code;
      const hits = await ctx.db
        .select({ code: regions.code, name: regions.name, level: regions.level })
        .from(regions)
        .where(
          and(
            inRegion(regions.code, within),
            ne(regions.code, within),
            inArray(regions.level, ['township', 'village']),
            ilike(regions.name, likeContains(input.query)),
          ),
        )
        .orderBy(sql`case when ${regions.level} = 'township' then 0 else 1 end`, asc(regions.code))
        .limit(SEARCH_LIMIT);
      if (hits.length === 0) return [];
      const paths = new Map(hits.map((h) => [h.code, pathCodes(h.code, ctx.scope.code)]));
      const names = await ctx.db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(inArray(regions.code, [...new Set([...paths.values()].flat())]));
      const nameOf = new Map(names.map((r) => [r.code, r.name]));
      return hits.map((h) => ({
        ...h,
        path: (paths.get(h.code) ?? [])
          .filter((c) => nameOf.has(c))
          .map((c) => ({ code: c, name: defined(nameOf.get(c)) })),
      }));
    }),

  /** The children of a region with how many organisations each holds (one grouped query). */
  children: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema }))
    .query(async ({ ctx }) => {
      const parent = ctx.region;
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
