import { hashPassword, type DatabaseHandle } from '@dangjian/db';
import { auditLog, loginAttempts, regions, users } from '@dangjian/db/schema';
import { createTestDatabase, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { trustProxyOption } from './env';

/**
 * X-Forwarded-For is anyone's to write: the address kept in login_attempts and audit_log is the
 * socket's unless the request came through a proxy listed in TRUST_PROXY.
 */
const PASSWORD = 'Proxy@2026';

describe('client address behind a reverse proxy', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await database.db
      .insert(regions)
      .values({ code: '430700000000', name: '常德市', level: 'city', parentCode: null });
    await database.db.insert(users).values({
      username: 'city_admin',
      displayName: '市委组织部管理员',
      passwordHash: await hashPassword(PASSWORD),
      role: 'city_admin',
      regionCode: '430700000000',
    });
  });
  afterAll(async () => {
    await database.close();
  });

  it('the session cookie is Secure only when COOKIE_SECURE is set', async () => {
    const secureFlag = async (secureCookies: boolean) => {
      const app = await buildServer({
        database,
        pii: TEST_PII_CIPHER,
        appsDir: '/nonexistent',
        secureCookies,
      });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/trpc/auth.login',
          headers: {
            origin: 'http://localhost',
            host: 'localhost',
            'content-type': 'application/json',
          },
          payload: JSON.stringify(
            superjson.serialize({ username: 'city_admin', password: PASSWORD }),
          ),
        });
        expect(res.statusCode).toBe(200);
        return res.cookies.find((c) => c.name === 'dj_session')?.secure ?? false;
      } finally {
        await app.close();
      }
    };
    expect(await secureFlag(false)).toBe(false);
    expect(await secureFlag(true)).toBe(true);
  });

  /** Logs in (one good and one wrong password) from `remoteAddress` claiming 6.6.6.6. */
  async function loginFrom(trustProxy: readonly string[], remoteAddress: string) {
    const app = await buildServer({
      database,
      pii: TEST_PII_CIPHER,
      appsDir: '/nonexistent',
      trustProxy: trustProxyOption(trustProxy),
    });
    try {
      const post = (password: string) =>
        app.inject({
          method: 'POST',
          url: '/trpc/auth.login',
          remoteAddress,
          headers: {
            origin: 'http://localhost',
            host: 'localhost',
            'content-type': 'application/json',
            'x-forwarded-for': '6.6.6.6',
          },
          payload: JSON.stringify(superjson.serialize({ username: 'city_admin', password })),
        });
      expect((await post(PASSWORD)).statusCode).toBe(200);
      expect((await post('wrong-password-1')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
    const [audit] = await database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.username, 'city_admin'), eq(auditLog.procedure, 'auth.login')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    // The good and the wrong password: both attempts carry the same address.
    const attempts = await database.db
      .select({ ip: loginAttempts.ip })
      .from(loginAttempts)
      .where(eq(loginAttempts.username, 'city_admin'))
      .orderBy(desc(loginAttempts.id))
      .limit(2);
    return { audit: audit?.ip, attempts: attempts.map((a) => a.ip) };
  }

  it('an unconfigured server records the socket address, not X-Forwarded-For', async () => {
    expect(await loginFrom([], '192.0.2.10')).toEqual({
      audit: '192.0.2.10',
      attempts: ['192.0.2.10', '192.0.2.10'],
    });
  });

  it('a server behind TRUST_PROXY believes the header only from a listed proxy', async () => {
    expect(await loginFrom(['10.0.0.0/8'], '192.0.2.11')).toEqual({
      audit: '192.0.2.11',
      attempts: ['192.0.2.11', '192.0.2.11'],
    });
    expect(await loginFrom(['10.0.0.0/8'], '10.1.2.3')).toEqual({
      audit: '6.6.6.6',
      attempts: ['6.6.6.6', '6.6.6.6'],
    });
  });
});
