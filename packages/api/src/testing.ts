import type { DatabaseHandle } from '@dangjian/db';
import { users } from '@dangjian/db/schema';
import { TEST_PII_CIPHER } from '@dangjian/db/testing';
import { summarizeIssues } from '@dangjian/domain';
import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { createSession } from './auth/session';
import { createCaller } from './root';
import type { Context, CookieJar } from './trpc';

/** Our own origin in tests: mutations from it pass the Origin check. */
export const TEST_HOST = 'dangjian.test';
export const TEST_ORIGIN = `http://${TEST_HOST}`;

/** A cookie jar in memory, standing in for the browser's. */
export function memoryCookieJar(
  initial: string | null = null,
): CookieJar & { token: string | null } {
  return {
    token: initial,
    get() {
      return this.token;
    },
    set(token) {
      this.token = token;
    },
    clear() {
      this.token = null;
    },
  };
}

export interface TestContextOptions {
  cookies?: CookieJar;
  now?: () => Date;
  origin?: string | null;
  ip?: string;
  /** Keep attachment bytes as files in this folder (else in the database). */
  filesDir?: string | null;
}

export function createTestContext(
  handle: DatabaseHandle,
  options: TestContextOptions = {},
): Context {
  return {
    db: handle.db,
    driver: handle.driver,
    ip: options.ip ?? '127.0.0.1',
    origin: options.origin === undefined ? TEST_ORIGIN : options.origin,
    protocol: 'http',
    host: TEST_HOST,
    userAgent: 'vitest',
    cookies: options.cookies ?? memoryCookieJar(),
    now: options.now ?? (() => new Date()),
    pii: TEST_PII_CIPHER,
    filesDir: options.filesDir ?? null,
  };
}

/** A caller signed in as `username` (a session made directly, without the password round). */
export async function callerAs(
  handle: DatabaseHandle,
  username: string,
  options: TestContextOptions = {},
) {
  const [user] = await handle.db.select().from(users).where(eq(users.username, username));
  if (!user) throw new TypeError(`no test user ${username}`);
  const now = options.now ?? (() => new Date());
  const session = await createSession(handle.db, user.id, now(), {
    ip: '127.0.0.1',
    userAgent: 'vitest',
  });
  const cookies = memoryCookieJar(session.token);
  return {
    api: createCaller(createTestContext(handle, { ...options, cookies, now })),
    cookies,
    user,
  };
}

/**
 * The Chinese message the API's error formatter gives for a call refused by input validation:
 * the summary of its zod issues (callers made with createCaller see the raw ZodError).
 * Fails when the call succeeds or fails for another reason.
 */
export async function zodMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (!(cause instanceof ZodError)) {
    throw new TypeError(`expected a validation error, got ${String(error)}`);
  }
  return summarizeIssues(cause.issues);
}
