import { defined, hashPassword, inRegion, likeContains, type Database } from '@dangjian/db';
import { regions, users } from '@dangjian/db/schema';
import {
  newPasswordSchema,
  pagingSchema,
  REGION_LEVEL_LABELS,
  regionCodeSchema,
  regionLevelOf,
  ROLE_LABELS,
  assignableRoles,
  mayManageRole,
  roleSchema,
  type RegionLevel,
  type Role,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SessionUser } from '../auth/session';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from '../queries/region';

/** The region level a department account must be bound to (the others may sit at any level). */
const ROLE_REGION_LEVEL: Partial<Record<Role, RegionLevel>> = {
  city_admin: 'city',
  county_admin: 'county',
  township: 'township',
};

/** Roles the caller may give to an account. */

const displayName = z
  .string()
  .trim()
  .min(1, '请输入姓名或单位名称')
  .max(50, '名称不能超过 50 个字');

const userListInput = pagingSchema.extend({
  regionCode: regionCodeSchema.optional(),
  role: roleSchema.optional(),
  search: z.string().trim().max(64).optional(),
});

const userCreateInput = z.object({
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 个字符')
    .max(64, '用户名不能超过 64 个字符')
    .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符'),
  displayName,
  role: roleSchema,
  regionCode: regionCodeSchema,
  password: newPasswordSchema,
});

const userUpdateInput = z.object({
  userId: idSchema,
  displayName,
  role: roleSchema,
  regionCode: regionCodeSchema,
});

/** What an account looks like in the console (never the password hash). */
const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  regionCode: users.regionCode,
  regionName: regions.name,
  disabled: users.disabled,
  passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** Refuses a role above the caller's own rank, or a department role bound to the wrong level. */
async function checkRoleAndRegion(
  db: Database,
  me: SessionUser,
  role: Role,
  regionCode: string,
): Promise<void> {
  if (!mayManageRole(me.role, role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `${ROLE_LABELS[me.role]}不能创建或授予更高级别的角色「${ROLE_LABELS[role]}」`,
    });
  }
  const region = await requireRegion(db, regionCode);
  const level = ROLE_REGION_LEVEL[role];
  if (level && regionLevelOf(region.code) !== level) {
    bad(
      `「${ROLE_LABELS[role]}」账号应设在${REGION_LEVEL_LABELS[level]}级区划，「${region.name}」不是`,
    );
  }
}

/** An account inside the caller's region that the caller may manage (rank at most their own). */
async function manageable(db: Database, me: SessionUser, scope: string, userId: number) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      regionCode: users.regionCode,
      disabled: users.disabled,
      displayName: users.displayName,
    })
    .from(users)
    .where(and(eq(users.id, userId), inRegion(users.regionCode, scope)));
  if (!row) notFound(`账号（编号 ${userId}）`);
  if (!mayManageRole(me.role, row.role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `${ROLE_LABELS[me.role]}不能管理更高级别的账号「${row.username}」（${ROLE_LABELS[row.role]}）`,
    });
  }
  return row;
}

/** Ends every session of an account (SECURITY DEFINER function; only for accounts in scope). */
async function endSessions(db: Database, userId: number): Promise<void> {
  await db.execute(sql`select app_end_user_sessions(${userId})`);
}

export const userRouter = createTRPCRouter({
  /**
   * Accounts inside the caller's region (or a region below it), by role and name, one page at a
   * time; with the roles the caller may assign.
   */
  list: scopedProcedure.input(userListInput).query(async ({ ctx, input }) => {
    const filters: SQL[] = [inRegion(users.regionCode, input.regionCode ?? ctx.scope.code)];
    if (input.role) filters.push(eq(users.role, input.role));
    if (input.search) {
      const pattern = likeContains(input.search);
      filters.push(defined(or(ilike(users.username, pattern), ilike(users.displayName, pattern))));
    }
    const where = and(...filters);
    const [items, [total]] = await Promise.all([
      ctx.db
        .select(userColumns)
        .from(users)
        .innerJoin(regions, eq(regions.code, users.regionCode))
        .where(where)
        .orderBy(asc(users.regionCode), asc(users.username))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(users).where(where),
    ]);
    return {
      items: items.map((u) => ({
        ...u,
        roleLabel: ROLE_LABELS[u.role],
        manageable: mayManageRole(ctx.user.role, u.role),
      })),
      total: total?.n ?? 0,
      page: input.page,
      pageSize: input.pageSize,
      assignableRoles: assignableRoles(ctx.user.role),
    };
  }),

  /**
   * A new account inside the caller's region (the scope middleware refuses a region outside it),
   * with a role of at most the caller's rank; the password must meet the policy and is stored as
   * an argon2id hash.
   */
  create: scopedProcedure.input(userCreateInput).mutation(async ({ ctx, input }) => {
    await checkRoleAndRegion(ctx.db, ctx.user, input.role, input.regionCode);
    const passwordHash = await hashPassword(input.password);
    const now = ctx.now();
    const [created] = await ctx.db
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({
        id: users.id,
        username: users.username,
        role: users.role,
        regionCode: users.regionCode,
      });
    if (!created) {
      bad(`用户名（username）「${input.username}」已被使用，请换一个`);
    }
    ctx.audit({
      target: `user:${created.id}`,
      regionCode: created.regionCode,
      after: {
        username: created.username,
        displayName: input.displayName,
        role: created.role,
        regionCode: created.regionCode,
      },
    });
    return created;
  }),

  /** Changes an account's name, role and region (within the same limits as creating one). */
  update: scopedProcedure.input(userUpdateInput).mutation(async ({ ctx, input }) => {
    const current = await manageable(ctx.db, ctx.user, ctx.scope.code, input.userId);
    if (
      current.id === ctx.user.id &&
      (input.role !== current.role || input.regionCode !== current.regionCode)
    ) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: '不能更改自己账号的角色或区划，请由上级管理员操作',
      });
    }
    await checkRoleAndRegion(ctx.db, ctx.user, input.role, input.regionCode);
    const [updated] = await ctx.db
      .update(users)
      .set({
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        updatedAt: ctx.now(),
      })
      .where(eq(users.id, current.id))
      .returning({
        id: users.id,
        username: users.username,
        role: users.role,
        regionCode: users.regionCode,
      });
    if (!updated) notFound(`账号（编号 ${input.userId}）`);
    // A changed role or region changes what the account may do: make it sign in again.
    if (updated.role !== current.role || updated.regionCode !== current.regionCode)
      await endSessions(ctx.db, current.id);
    ctx.audit({
      target: `user:${current.id}`,
      regionCode: updated.regionCode,
      before: {
        displayName: current.displayName,
        role: current.role,
        regionCode: current.regionCode,
      },
      after: { displayName: input.displayName, role: updated.role, regionCode: updated.regionCode },
    });
    return updated;
  }),

  /** Disables (or re-enables) an account; a disabled account's sessions end at once. Never one's own. */
  setDisabled: scopedProcedure
    .input(z.object({ userId: idSchema, disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id && input.disabled) {
        throw new TRPCError({ code: 'FORBIDDEN', message: '不能停用自己的账号' });
      }
      const current = await manageable(ctx.db, ctx.user, ctx.scope.code, input.userId);
      await ctx.db
        .update(users)
        .set({ disabled: input.disabled, updatedAt: ctx.now() })
        .where(eq(users.id, current.id));
      if (input.disabled) await endSessions(ctx.db, current.id);
      ctx.audit({
        target: `user:${current.id}`,
        regionCode: current.regionCode,
        before: { disabled: current.disabled },
        after: { disabled: input.disabled },
      });
      return { id: current.id, disabled: input.disabled };
    }),

  /**
   * Sets a new password for an account (policy: 8+ characters, 3 classes) and ends all its
   * sessions. One's own password is changed with auth.changePassword (which asks for the current one).
   */
  resetPassword: scopedProcedure
    .input(z.object({ userId: idSchema, newPassword: newPasswordSchema }))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id) {
        bad('不能重置自己的密码，请使用“修改密码”（需输入当前密码）');
      }
      const current = await manageable(ctx.db, ctx.user, ctx.scope.code, input.userId);
      const passwordHash = await hashPassword(input.newPassword);
      const now = ctx.now();
      await ctx.db
        .update(users)
        .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
        .where(eq(users.id, current.id));
      await endSessions(ctx.db, current.id);
      ctx.audit({
        target: `user:${current.id}`,
        regionCode: current.regionCode,
        after: { passwordReset: true },
      });
      return { id: current.id };
    }),
});
