import { createHash, randomBytes } from 'node:crypto';
import { rowsOf, type Database } from '@dangjian/db';
import { sessions, users } from '@dangjian/db/schema';
import { SESSION_ABSOLUTE_HOURS, sessionState, type Role } from '@dangjian/domain';
import { eq, sql } from 'drizzle-orm';

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

/** A stored session as read for a request: its account, and its two clocks. */
interface StoredSession {
  lastSeenAt: Date;
  expiresAt: Date;
  user: SessionUser & { disabled: boolean };
}

/**
 * What a request may do with a stored session: use it (and touch it when its lastSeenAt is a
 * minute old), or not at all because it idled out (30 min), expired (12 h) or its account is
 * disabled: such a session is deleted.
 */
function sessionVerdict(row: StoredSession, now: Date): 'use' | 'touch' | 'end' {
  if (sessionState(row, now) !== 'valid' || row.user.disabled) return 'end';
  return now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS ? 'touch' : 'use';
}

function withoutDisabled(user: SessionUser & { disabled: boolean }): SessionUser {
  const { disabled: _disabled, ...rest } = user;
  return rest;
}

/**
 * The user behind a session token, or null when there is none, it idled out (30 min), expired
 * (12 h) or the account is disabled. Ended sessions are deleted. (Scoped procedures read the
 * session inside their transaction instead: openScope.)
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
  const verdict = sessionVerdict(row, now);
  if (verdict === 'end') {
    await endSession(db, tokenHash);
    return null;
  }
  if (verdict === 'touch') await touchSession(db, tokenHash, now);
  return withoutDisabled(row.user);
}

/** The session as the scope transaction's first statement read it (migration 0026). */
export type OpenedScope =
  { verdict: 'use' | 'touch'; user: SessionUser } | { verdict: 'end' | 'none'; user: null };

/**
 * The first statement of a scoped request's transaction: `app_open_scope` reads the session and
 * its account, and sets the caller's code range and the restricted role for the rest of the
 * transaction, in one round trip. The caller rolls the transaction back unless the verdict is
 * 'use' or 'touch', then ends the session ('end') or touches it ('touch') outside it: the
 * transaction already runs as the restricted app role, which may not write sessions.
 */
export async function openScope(tx: Database, token: string, now: Date): Promise<OpenedScope> {
  const [r] = await rowsOf<{
    user_id: number;
    username: string;
    display_name: string;
    role: Role;
    region_code: string;
    person_id: number | null;
    disabled: boolean;
    last_seen_ms: number;
    expires_ms: number;
  }>(tx, sql`select * from app_open_scope(${hashToken(token)})`);
  if (!r) return { verdict: 'none', user: null };
  const row: StoredSession = {
    lastSeenAt: new Date(Number(r.last_seen_ms)),
    expiresAt: new Date(Number(r.expires_ms)),
    user: {
      id: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      regionCode: r.region_code,
      personId: r.person_id,
      disabled: r.disabled,
    },
  };
  const verdict = sessionVerdict(row, now);
  return verdict === 'end' ? { verdict, user: null } : { verdict, user: withoutDisabled(row.user) };
}

/** Deletes an ended session (idle, expired, or its account disabled). */
export async function endSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Records that a session is in use (at most once a minute: TOUCH_INTERVAL_MS). */
export async function touchSession(db: Database, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
