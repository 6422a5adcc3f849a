import { dummyPasswordHash, hashPassword, verifyPassword } from '@dangjian/db';
import { sessions, users } from '@dangjian/db/schema';
import { newPasswordSchema, ROLE_LABELS } from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../auth/audit';
import { recordSecurityEvent } from '../auth/events';
import { createSession, deleteSession, hashToken } from '../auth/session';
import { LOGIN_LIMITS, markLoginSucceeded, takeLoginSlot } from '../auth/throttle';
import { createTRPCRouter, publicProcedure } from '../trpc';

const credentials = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

/** The caller of a 'signed-in' procedure (the access middleware has already refused anyone else). */
function signedIn<U>(user: U | null): U {
  if (!user)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: '未登录或登录已过期，请重新登录' });
  return user;
}

export const authRouter = createTRPCRouter({
  /**
   * Password login, throttled by account and address, by address and by account
   * (auth/throttle.ts: 5 failures of a username from one address refuse that address, not the
   * owner elsewhere). An unknown user costs the same time as a wrong password and gets the same
   * message. Failures, refusals and lockouts are security events (auth/events.ts).
   */
  login: publicProcedure.input(credentials).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    const [user] = await ctx.db.select().from(users).where(eq(users.username, input.username));
    const who = {
      at: now,
      ip: ctx.ip,
      username: input.username,
      userId: user?.id ?? null,
      role: user?.role ?? null,
      procedure: 'auth.login',
      regionCode: user?.regionCode ?? null,
    };
    const slot = await takeLoginSlot(ctx.db, { username: input.username, ip: ctx.ip, now });
    if (!slot.ok) {
      await recordSecurityEvent(ctx.db, {
        ...who,
        kind: 'login_throttled',
        detail: slot.refusal.message,
      }).catch(() => undefined);
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: slot.refusal.message });
    }
    const ok = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      input.password,
    );
    if (!user || !ok) {
      await recordSecurityEvent(ctx.db, {
        ...who,
        kind: 'login_failed',
        detail: user ? '密码错误' : '用户名不存在',
      }).catch(() => undefined);
      // This failure was the one that reached the account-wide limit: locked for everyone.
      if (slot.counts.account + 1 === LOGIN_LIMITS.perAccount) {
        await recordSecurityEvent(ctx.db, {
          ...who,
          kind: 'account_locked',
          detail: `${LOGIN_LIMITS.windowMinutes} 分钟内登录失败 ${LOGIN_LIMITS.perAccount} 次，账号暂时锁定`,
        }).catch(() => undefined);
      }
      throw new TRPCError({ code: 'UNAUTHORIZED', message: '用户名或密码错误' });
    }
    if (user.disabled)
      throw new TRPCError({ code: 'FORBIDDEN', message: '该账号已停用，请联系管理员' });
    const session = await ctx.db.transaction(async (tx) => {
      await markLoginSucceeded(tx, slot.attemptId);
      const created = await createSession(tx, user.id, now, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      await writeAudit(tx, user, { at: now, ip: ctx.ip }, [
        { procedure: 'auth.login', target: `user:${user.id}` },
      ]);
      return created;
    });
    ctx.cookies.set(session.token, session.expiresAt);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      roleLabel: ROLE_LABELS[user.role],
      regionCode: user.regionCode,
    };
  }),

  /** The signed-in user, or null (no session, idle for 30 minutes, or expired). */
  me: publicProcedure.query(({ ctx }) =>
    ctx.user ? { ...ctx.user, roleLabel: ROLE_LABELS[ctx.user.role] } : null,
  ),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    const token = ctx.cookies.get();
    const user = signedIn(ctx.user);
    await ctx.db.transaction(async (tx) => {
      if (token) await deleteSession(tx, token);
      await writeAudit(tx, user, { at: ctx.now(), ip: ctx.ip }, [
        { procedure: 'auth.logout', target: `user:${user.id}` },
      ]);
    });
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  /** Changes one's own password (policy: 8+ characters, 3 classes) and ends one's other sessions. */
  changePassword: publicProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, '请输入当前密码').max(128),
        newPassword: newPasswordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const me = signedIn(ctx.user);
      const [user] = await ctx.db.select().from(users).where(eq(users.id, me.id));
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: '当前密码（currentPassword）不正确' });
      }
      if (input.currentPassword === input.newPassword) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: '新密码（newPassword）不能与当前密码相同',
        });
      }
      const passwordHash = await hashPassword(input.newPassword);
      const token = ctx.cookies.get();
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: ctx.now(), updatedAt: ctx.now() })
          .where(eq(users.id, me.id));
        await tx
          .delete(sessions)
          .where(
            and(
              eq(sessions.userId, me.id),
              token ? ne(sessions.tokenHash, hashToken(token)) : undefined,
            ),
          );
        await writeAudit(tx, me, { at: ctx.now(), ip: ctx.ip }, [
          {
            procedure: 'auth.changePassword',
            target: `user:${me.id}`,
            after: { passwordChanged: true },
          },
        ]);
      });
      return { ok: true as const };
    }),
});
