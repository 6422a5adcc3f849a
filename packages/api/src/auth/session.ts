import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@dangjian/db';
import { sessions, users } from '@dangjian/db/schema';
import { SESSION_ABSOLUTE_HOURS, sessionState, type Role } from '@dangjian/domain';
import { eq } from 'drizzle-orm';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  personId: number | null;
}

export const SESSION_COOKIE = 'dj_session';
/** lastSeenAt is written at most once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session: 32 random bytes as the cookie token; only its hash is stored. */
export async function createSession(
  db: Database,
  userId: number,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The user behind a session token, or null when there is none, it idled out (30 min), expired
 * (12 h) or the account is disabled. Ended sessions are deleted.
 */
export async function resolveSession(
  db: Database,
  token: string | null,
  now: Date,
): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        regionCode: users.regionCode,
        personId: users.personId,
        disabled: users.disabled,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  if (sessionState(row, now) !== 'valid' || row.user.disabled) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const { disabled: _disabled, ...user } = row.user;
  return user;
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
