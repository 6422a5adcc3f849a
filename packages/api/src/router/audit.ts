import { inRegion } from '@dangjian/db';
import { auditLog } from '@dangjian/db/schema';
import { pagingSchema, regionCodeSchema } from '@dangjian/domain';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { createTRPCRouter, scopedProcedure } from '../trpc';

const auditListInput = pagingSchema.extend({
  regionCode: regionCodeSchema.optional(),
  username: z.string().trim().max(64).optional(),
  procedure: z.string().trim().max(100).optional(),
  target: z.string().trim().max(100).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

export const auditRouter = createTRPCRouter({
  /** The audit log of changes inside the caller's region, newest first, with filters. */
  list: scopedProcedure.input(auditListInput).query(async ({ ctx, input }) => {
    const filters: SQL[] = [inRegion(auditLog.regionCode, input.regionCode ?? ctx.scope.code)];
    if (input.username) filters.push(eq(auditLog.username, input.username));
    if (input.procedure) filters.push(eq(auditLog.procedure, input.procedure));
    if (input.target) filters.push(eq(auditLog.target, input.target));
    if (input.from) filters.push(gte(auditLog.at, input.from));
    if (input.to) filters.push(lt(auditLog.at, input.to));
    const where = and(...filters);
    const [items, [total]] = await Promise.all([
      ctx.db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
  }),
});
