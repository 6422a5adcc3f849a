import { dummyPasswordHash, hashPassword, verifyPassword } from '@dangjian/db';
import { loginAttempts, sessions, users } from '@dangjian/db/schema';
import {
  isLockedOut,
  LOCKOUT_WINDOW_MINUTES,
  newPasswordSchema,
  ROLE_LABELS,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, eq, gt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../auth/audit';
import { createSession, deleteSession, hashToken } from '../auth/session';
import { createTRPCRouter, publicProcedure } from '../trpc';

const credentials = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const authRouter = createTRPCRouter({
  /**
   * Password login. Five failures within 15 minutes lock the account for the rest of the
   * window; an unknown user costs the same time as a wrong password and gets the same message.
   */
  login: publicProcedure.input(credentials).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    const since = new Date(now.getTime() - LOCKOUT_WINDOW_MINUTES * 60_000);
    const failures = await ctx.db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.username, input.username),
          eq(loginAttempts.success, false),
          gt(loginAttempts.at, since),
        ),
      );
    if (
      isLockedOut(
        failures.map((f) => f.at),
        now,
      )
    ) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `登录失败次数过多，账号已锁定，请 ${LOCKOUT_WINDOW_MINUTES} 分钟后再试`,
      });
    }
    const [user] = await ctx.db.select().from(users).where(eq(users.username, input.username));
    const ok = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      input.password,
    );
    if (!user || !ok) {
      await ctx.db
        .insert(loginAttempts)
        .values({ username: input.username, at: now, success: false, ip: ctx.ip });
      throw new TRPCError({ code: 'UNAUTHORIZED', message: '用户名或密码错误' });
    }
    if (user.disabled)
      throw new TRPCError({ code: 'FORBIDDEN', message: '该账号已停用，请联系管理员' });
    const session = await ctx.db.transaction(async (tx) => {
      await tx
        .insert(loginAttempts)
        .values({ username: user.username, at: now, success: true, ip: ctx.ip });
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
    const user = ctx.user!;
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
      const me = ctx.user!;
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
