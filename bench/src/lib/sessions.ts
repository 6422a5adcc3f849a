import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@dangjian/db';
import { sessions, users } from '@dangjian/db/schema';
import { inArray, like } from 'drizzle-orm';

/**
 * Sessions for benchmark accounts, written straight into the sessions table the way
 * packages/api's createSession does (random token, only its SHA-256 stored): signing 2,000
 * accounts in through argon2id would measure password hashing, not the API.
 */
export async function createSessions(
  db: Database,
  match: { usernames?: readonly string[]; prefix?: string },
  now = new Date(),
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(
      match.prefix
        ? like(users.username, `${match.prefix}%`)
        : inArray(users.username, [...(match.usernames ?? [])]),
    );
  const tokens = new Map<string, string>();
  const values = rows.map((u) => {
    const token = randomBytes(32).toString('base64url');
    tokens.set(u.username, token);
    return {
      tokenHash: createHash('sha256').update(token).digest('hex'),
      userId: u.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * 3_600_000),
      ip: null,
      userAgent: 'bench',
    };
  });
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(sessions).values(values.slice(i, i + 1000));
  }
  return tokens;
}
