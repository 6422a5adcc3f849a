import type { Database } from '@dangjian/db';
import { loginAttempts } from '@dangjian/db/schema';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MINUTES } from '@dangjian/domain';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';

/**
 * Login throttling. Every rule counts failed logins in the last 15 minutes (a rolling window):
 *
 * - by account and address: 5 failures of one username from one client address refuse further
 *   attempts of that username from that address (the owner, from another address, still signs in);
 * - by address: 20 failures from one address, whatever the usernames, refuse every login from it;
 * - by account, from all addresses: after 10 failures, one attempt every 10 seconds is checked
 *   (a slowdown); 50 failures lock the account for everyone until the window passes.
 *
 * So one address tests at most 5 passwords of an account (and 20 in all) per 15 minutes, and all
 * addresses together at most 50 of one account. A refused attempt does not check the password and
 * is not counted. The count is atomic: a slot is taken (a failure row written) under advisory locks
 * on the address and the username before the password is checked, so 16 parallel guesses check at
 * most 5.
 */
export const LOGIN_LIMITS = {
  windowMinutes: LOCKOUT_WINDOW_MINUTES,
  perAccountAndAddress: LOCKOUT_MAX_FAILURES,
  perAddress: 20,
  accountSlowdownAfter: 10,
  accountSlowdownSeconds: 10,
  perAccount: 50,
} as const;

/** Failed logins inside the window ending now. */
export interface LoginFailureCounts {
  /** Of this username from this address. */
  pair: number;
  /** From this address, any username. */
  address: number;
  /** Of this username, any address. */
  account: number;
  /** The latest failure of this username, any address. */
  lastAccountFailure: Date | null;
}

export type LoginThrottleRule = 'pair' | 'address' | 'account' | 'slowdown';

export interface LoginRefusal {
  rule: LoginThrottleRule;
  /** What the person signing in reads. */
  message: string;
}

/** Which rule, if any, refuses an attempt at `now` given the failures counted. */
export function loginRefusal(counts: LoginFailureCounts, now: Date): LoginRefusal | null {
  const L = LOGIN_LIMITS;
  if (counts.account >= L.perAccount) {
    return {
      rule: 'account',
      message: `该账号登录失败次数过多，已暂时锁定，请 ${L.windowMinutes} 分钟后再试或联系管理员`,
    };
  }
  if (counts.address >= L.perAddress) {
    return {
      rule: 'address',
      message: `本地址登录失败次数过多，请 ${L.windowMinutes} 分钟后再试`,
    };
  }
  if (counts.pair >= L.perAccountAndAddress) {
    return {
      rule: 'pair',
      message: `登录失败次数过多，请 ${L.windowMinutes} 分钟后再试`,
    };
  }
  if (
    counts.account >= L.accountSlowdownAfter &&
    counts.lastAccountFailure &&
    now.getTime() - counts.lastAccountFailure.getTime() < L.accountSlowdownSeconds * 1000
  ) {
    return {
      rule: 'slowdown',
      message: `该账号近期登录失败较多，请 ${L.accountSlowdownSeconds} 秒后再试`,
    };
  }
  return null;
}

export type LoginSlot =
  | { ok: true; attemptId: number; counts: LoginFailureCounts }
  | { ok: false; refusal: LoginRefusal; counts: LoginFailureCounts };

/**
 * Takes one slot for a password check, atomically: under transaction-scoped advisory locks on the
 * address and then the username (always in that order, so two attempts never wait on each other
 * in a cycle), counts the failures and, unless a rule refuses, writes this attempt as a failure.
 * The caller turns it into a success when the password is right ({@link markLoginSucceeded}).
 */
export async function takeLoginSlot(
  db: Database,
  attempt: { username: string; ip: string | null; now: Date },
): Promise<LoginSlot> {
  const { username, ip, now } = attempt;
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`login-address:${ip ?? ''}`}, 0))`,
    );
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`login-account:${username}`}, 0))`,
    );
    const sameIp = ip === null ? isNull(loginAttempts.ip) : eq(loginAttempts.ip, ip);
    const sameUser = eq(loginAttempts.username, username);
    const [row] = await tx
      .select({
        pair: sql<number>`count(*) filter (where ${and(sameUser, sameIp)})`.mapWith(Number),
        address: sql<number>`count(*) filter (where ${sameIp})`.mapWith(Number),
        account: sql<number>`count(*) filter (where ${sameUser})`.mapWith(Number),
        last: sql<Date | null>`max(${loginAttempts.at}) filter (where ${sameUser})`.mapWith(
          loginAttempts.at,
        ),
      })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.success, false),
          gt(loginAttempts.at, since),
          lte(loginAttempts.at, now),
          or(sameUser, sameIp),
        ),
      );
    const counts: LoginFailureCounts = {
      pair: row?.pair ?? 0,
      address: row?.address ?? 0,
      account: row?.account ?? 0,
      lastAccountFailure: row?.last ?? null,
    };
    const refusal = loginRefusal(counts, now);
    if (refusal) return { ok: false, refusal, counts };
    const [taken] = await tx
      .insert(loginAttempts)
      .values({ username, at: now, success: false, ip })
      .returning({ id: loginAttempts.id });
    if (!taken) throw new TypeError('login attempt not recorded');
    return { ok: true, attemptId: taken.id, counts };
  });
}

/** The password was right: the slot taken counts as a success, not a failure. */
export async function markLoginSucceeded(db: Database, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}
