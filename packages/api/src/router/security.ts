import { isIP } from 'node:net';
import { inRegion } from '@dangjian/db';
import { regions, securityEvents, users } from '@dangjian/db/schema';
import {
  pagingSchema,
  procedureLabel,
  ROLE_LABELS,
  SECURITY_EVENT_KIND_LABELS,
  SECURITY_EVENT_KINDS,
} from '@dangjian/domain';
import { and, count, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { createTRPCRouter, scopedProcedure } from '../trpc';

const eventsInput = pagingSchema.extend({
  kind: z.enum(SECURITY_EVENT_KINDS).optional(),
  username: z.string().trim().max(64, '用户名：最多 64 个字符').optional(),
  address: z
    .string()
    .trim()
    .max(45, '来源地址：最多 45 个字符')
    .refine((v) => isIP(v) !== 0, '来源地址：请输入完整的 IPv4 或 IPv6 地址')
    .optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

export const securityRouter = createTRPCRouter({
  /**
   * Security events (安全事件) of the city, newest first: failed and throttled logins, lockouts,
   * refused calls. City admins only (the permission table, and row-level security lets no other
   * scope read a row). Each row in words: the kind, the account, the action, the region's name.
   */
  events: scopedProcedure.input(eventsInput).query(async ({ ctx, input }) => {
    const filters: (SQL | undefined)[] = [
      or(isNull(securityEvents.regionCode), inRegion(securityEvents.regionCode, ctx.scope.code)),
    ];
    if (input.kind) filters.push(eq(securityEvents.kind, input.kind));
    if (input.username) filters.push(eq(securityEvents.username, input.username));
    if (input.address) filters.push(eq(securityEvents.ip, input.address));
    if (input.from) filters.push(gte(securityEvents.at, input.from));
    if (input.to) filters.push(lt(securityEvents.at, input.to));
    const where = and(...filters);
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select({
          event: securityEvents,
          displayName: users.displayName,
          regionName: regions.name,
        })
        .from(securityEvents)
        .leftJoin(users, eq(users.id, securityEvents.userId))
        .leftJoin(regions, eq(regions.code, securityEvents.regionCode))
        .where(where)
        .orderBy(desc(securityEvents.at), desc(securityEvents.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(securityEvents).where(where),
    ]);
    const items = rows.map(({ event: e, displayName, regionName }) => ({
      id: e.id,
      at: e.at,
      // Raw values for filters and tests; the page shows the words.
      kind: e.kind,
      username: e.username,
      procedure: e.procedure,
      regionCode: e.regionCode,
      kindLabel: SECURITY_EVENT_KIND_LABELS[e.kind],
      who:
        displayName && displayName !== e.username ? `${displayName}（${e.username}）` : e.username,
      roleLabel: e.role ? ROLE_LABELS[e.role] : null,
      action: e.procedure ? procedureLabel(e.procedure) : null,
      regionName: regionName ?? null,
      ip: e.ip,
      detail: e.detail,
      suppressed: e.suppressed,
    }));
    return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
  }),
});
