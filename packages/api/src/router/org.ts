import { inRegion } from '@dangjian/db';
import { orgs, people, regions } from '@dangjian/db/schema';
import {
  fieldCategorySchema,
  maskPhone,
  orgKindSchema,
  pagingSchema,
  regionCodeSchema,
  ROLES_SEEING_FULL_PHONE,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from './region';

const orgListInput = pagingSchema.extend({
  regionCode: regionCodeSchema,
  search: z.string().trim().max(50).optional(),
  kind: orgKindSchema.optional(),
  category: fieldCategorySchema.optional(),
});

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const parentOrg = alias(orgs, 'parent_org');

export const orgRouter = createTRPCRouter({
  /** Organisations inside a region, with search and filters, one page at a time. */
  list: scopedProcedure.input(orgListInput).query(async ({ ctx, input }) => {
    await requireRegion(ctx.db, input.regionCode);
    const filters: SQL[] = [inRegion(orgs.regionCode, input.regionCode)];
    if (input.search) filters.push(ilike(orgs.name, likeContains(input.search)));
    if (input.kind) filters.push(eq(orgs.kind, input.kind));
    if (input.category) filters.push(eq(orgs.category, input.category));
    const where = and(...filters);
    const [items, [total]] = await Promise.all([
      ctx.db
        .select({
          id: orgs.id,
          name: orgs.name,
          kind: orgs.kind,
          category: orgs.category,
          regionCode: orgs.regionCode,
          regionName: regions.name,
          memberCount: orgs.memberCount,
          secretaryName: people.name,
          secretaryPhone: people.phone,
          termStart: orgs.termStart,
          termEnd: orgs.termEnd,
        })
        .from(orgs)
        .innerJoin(regions, eq(regions.code, orgs.regionCode))
        .leftJoin(people, eq(people.id, orgs.secretaryId))
        .where(where)
        .orderBy(asc(orgs.regionCode), asc(orgs.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(orgs).where(where),
    ]);
    const fullPhone = ROLES_SEEING_FULL_PHONE.includes(ctx.user.role);
    return {
      items: items.map((o) => ({ ...o, secretaryPhone: fullPhone ? o.secretaryPhone : maskPhone(o.secretaryPhone) })),
      total: total?.n ?? 0,
      page: input.page,
      pageSize: input.pageSize,
    };
  }),

  /** One organisation with its parent, region and secretary. */
  byId: scopedProcedure.input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
    const [row] = await ctx.db
      .select({
        org: orgs,
        regionName: regions.name,
        parentName: parentOrg.name,
        secretaryName: people.name,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .leftJoin(parentOrg, eq(parentOrg.id, orgs.parentId))
      .leftJoin(people, eq(people.id, orgs.secretaryId))
      .where(and(eq(orgs.id, input.id), inRegion(orgs.regionCode, ctx.scope.code)));
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `党组织（编号 ${input.id}）不存在` });
    return { ...row.org, regionName: row.regionName, parentName: row.parentName, secretaryName: row.secretaryName };
  }),
});
