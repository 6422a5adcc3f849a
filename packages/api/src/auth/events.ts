import type { Database } from '@dangjian/db';
import { securityEvents } from '@dangjian/db/schema';
import type { Role, SecurityEventKind } from '@dangjian/domain';
import type { TRPCError } from '@trpc/server';
import { and, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { resolveSession } from './session';

/**
 * Rate limit of the security event log, so that a flood of refused calls cannot flood the table:
 * per kind and client address, at most {@link SECURITY_EVENTS_PER_MINUTE} events are written in
 * each calendar minute; every further one in that minute only adds 1 to the `suppressed` count of
 * one summary row (kind, address, no account or procedure). So a (kind, address) pair writes at
 * most 11 rows a minute whatever the rate of its requests, and nothing goes uncounted. The count
 * is taken under a transaction-scoped advisory lock on (kind, address), so parallel requests
 * cannot overshoot it.
 */
export const SECURITY_EVENTS_PER_MINUTE = 10;

export interface SecurityEventInput {
  kind: SecurityEventKind;
  at: Date;
  ip: string | null;
  username?: string | null;
  userId?: number | null;
  role?: Role | null;
  procedure?: string | null;
  regionCode?: string | null;
  detail?: string | null;
}

/** What a summary row says about the events it counts (its `suppressed` holds how many). */
export const SUPPRESSED_DETAIL = `同一地址本分钟内同类事件超过 ${SECURITY_EVENTS_PER_MINUTE} 条，其余不再逐条记录`;

/**
 * Writes one security event in its own transaction (never the refused call's, which rolls back),
 * under the rate limit above. Returns what happened to it.
 */
export async function recordSecurityEvent(
  db: Database,
  event: SecurityEventInput,
): Promise<'recorded' | 'suppressed'> {
  const start = new Date(Math.floor(event.at.getTime() / 60_000) * 60_000);
  const end = new Date(start.getTime() + 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`security-event:${event.kind}:${event.ip ?? ''}`}, 0))`,
    );
    const sameIp = event.ip === null ? isNull(securityEvents.ip) : eq(securityEvents.ip, event.ip);
    const [row] = await tx
      .select({
        recorded: sql<number>`count(*) filter (where ${securityEvents.suppressed} = 0)`.mapWith(
          Number,
        ),
        summaryId: sql<
          number | null
        >`max(${securityEvents.id}) filter (where ${gt(securityEvents.suppressed, 0)})`.mapWith(
          Number,
        ),
      })
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.kind, event.kind),
          sameIp,
          gte(securityEvents.at, start),
          lt(securityEvents.at, end),
        ),
      );
    if ((row?.recorded ?? 0) < SECURITY_EVENTS_PER_MINUTE) {
      await tx.insert(securityEvents).values({
        kind: event.kind,
        at: event.at,
        ip: event.ip,
        username: event.username?.slice(0, 64) ?? null,
        userId: event.userId ?? null,
        role: event.role ?? null,
        procedure: event.procedure?.slice(0, 200) ?? null,
        regionCode: event.regionCode ?? null,
        detail: event.detail?.slice(0, 500) ?? null,
      });
      return 'recorded';
    }
    if (row?.summaryId) {
      await tx
        .update(securityEvents)
        .set({ suppressed: sql`${securityEvents.suppressed} + 1` })
        .where(eq(securityEvents.id, row.summaryId));
    } else {
      await tx.insert(securityEvents).values({
        kind: event.kind,
        at: event.at,
        ip: event.ip,
        detail: SUPPRESSED_DETAIL,
        suppressed: 1,
      });
    }
    return 'suppressed';
  });
}

/**
 * A refusal that is a security event of its own kind (the cause of the TRPCError thrown), so the
 * recorder need not guess it from the message: a foreign Origin, or a region outside the caller's.
 * Its message is the event's detail, in words (no region code: the event names the region).
 */
export class SecurityRefusal extends Error {
  constructor(
    readonly kind: Extract<SecurityEventKind, 'origin_refused' | 'cross_region'>,
    message: string,
    /** The region asked for (cross_region). */
    readonly regionCode: string | null = null,
  ) {
    super(message);
    this.name = 'SecurityRefusal';
  }
}

/**
 * Which security event a refused call is, if any:
 * - a foreign Origin, or a region outside the caller's (the refusal names its kind);
 * - 403 of any call (a role calling what it may not, a rule of the handler refusing it);
 * - 401 or 404 of a change (a query after an idle timeout, or of a missing record, is ordinary);
 * - not a failed or throttled login: auth.login records those itself, with more detail.
 */
export function refusalKind(
  error: TRPCError,
  type: string,
  path: string,
): { kind: SecurityEventKind; regionCode: string | null; detail: string } | null {
  if (error.cause instanceof SecurityRefusal) {
    const { kind, regionCode, message } = error.cause;
    return { kind, regionCode, detail: message };
  }
  if (
    path === 'auth.login' &&
    (error.code === 'UNAUTHORIZED' || error.code === 'TOO_MANY_REQUESTS')
  )
    return null;
  const detail = error.message;
  if (error.code === 'FORBIDDEN') return { kind: 'forbidden', regionCode: null, detail };
  if (type !== 'mutation') return null;
  if (error.code === 'UNAUTHORIZED') return { kind: 'unauthenticated', regionCode: null, detail };
  if (error.code === 'NOT_FOUND') return { kind: 'not_found_on_write', regionCode: null, detail };
  return null;
}

/**
 * Records a refused call as a security event (when {@link refusalKind} says it is one), naming the
 * signed-in caller when there is one. A failure to record never changes the refusal the caller gets.
 */
export async function recordRefusedCall(
  ctx: {
    db: Database;
    ip: string | null;
    now: () => Date;
    cookies: { get(): string | null };
  },
  call: { type: string; path: string; error: TRPCError },
): Promise<void> {
  const found = refusalKind(call.error, call.type, call.path);
  if (!found) return;
  try {
    const at = ctx.now();
    const user = await resolveSession(ctx.db, ctx.cookies.get(), at);
    await recordSecurityEvent(ctx.db, {
      kind: found.kind,
      at,
      ip: ctx.ip,
      username: user?.username ?? null,
      userId: user?.id ?? null,
      role: user?.role ?? null,
      procedure: call.path,
      regionCode: found.regionCode ?? user?.regionCode ?? null,
      detail: found.detail,
    });
  } catch {
    // The event log is a record of refusals, not a condition of them: the caller still gets the
    // refusal (and the database error, if it is down, shows on the next call).
  }
}
