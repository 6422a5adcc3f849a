import { createCaller, SESSION_COOKIE, type Context } from '@dangjian/api';
import { PiiCipher, type DatabaseHandle } from '@dangjian/db';
import { createSessions } from './sessions';

export const BENCH_PII = new PiiCipher(Buffer.alloc(32, 9));

/**
 * An in-process tRPC caller signed in as `username`: the full procedure stack (session check,
 * permission table, region scope with its transaction and RLS role, zod, drizzle, domain)
 * without HTTP. Used where the HTTP layer is not what is measured (roll-ups, pay run, import).
 */
export async function callerFor(handle: DatabaseHandle, username: string, now = () => new Date()) {
  const tokens = await createSessions(handle.db, { usernames: [username] });
  const token = tokens.get(username);
  if (!token) throw new RangeError(`no account ${username}: run pnpm bench:data first`);
  const host = 'bench.local';
  const ctx: Context = {
    db: handle.db,
    driver: handle.driver,
    ip: '127.0.0.1',
    origin: `http://${host}`,
    protocol: 'http',
    host,
    userAgent: 'bench',
    cookies: { get: () => token, set: () => {}, clear: () => {} },
    now,
    pii: BENCH_PII,
  };
  return { api: createCaller(ctx), cookie: `${SESSION_COOKIE}=${token}` };
}

/** The raw driver client under drizzle (node-postgres pool or PGlite): `query(text, params)`. */
export interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}
export function rawClient(handle: DatabaseHandle): RawClient {
  return (handle.db as unknown as { $client: RawClient }).$client;
}
