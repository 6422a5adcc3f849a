import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle, type Driver } from './client';
import { PiiCipher } from './crypto';
import { createServerDatabase, dropServerDatabase, OWNER_ROLE, RUNTIME_ROLE, urlAs } from './roles';

/** The test server's owner and runtime roles get this password when they have none. */
const TEST_ROLE_PASSWORD = 'dangjian-test-only';

/** A test database; on the server also the owner's and the runtime login role's URLs. */
export type TestDatabaseHandle = DatabaseHandle & { ownerUrl?: string; runtimeUrl?: string };

/** A fixed key for tests only (never used outside them). */
export const TEST_PII_CIPHER = new PiiCipher(Buffer.alloc(32, 7));

/** CI runs (`.ci/run` exports CI=true) must test on the real server: a missing one fails them. */
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** A CI run without the PostgreSQL test server it must have. */
export class MissingTestServerError extends Error {
  override name = 'MissingTestServerError';
}

const NO_SERVER_IN_CI =
  'CI=true but TEST_DATABASE_URL is not set: the database tests must run on a real PostgreSQL ' +
  'server in CI as well as on PGlite. .ci/run sets it when a server answers at 127.0.0.1:5432 ' +
  '(start one, or set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).';

/**
 * The databases every database test runs on: embedded PGlite always, and the real PostgreSQL
 * server too when TEST_DATABASE_URL is set (.ci/run sets it and fails when no server answers on
 * 127.0.0.1:5432). In CI an unset TEST_DATABASE_URL is an error, never a silent PGlite-only run.
 */
export const TEST_DRIVERS: readonly Driver[] = testDrivers();

function testDrivers(): readonly Driver[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (IN_CI) throw new MissingTestServerError(NO_SERVER_IN_CI);
  return ['pglite'];
}

/**
 * For tests that only mean something on a real PostgreSQL server (concurrency, the node-postgres
 * client, the signup storm): the server's admin URL (TEST_DATABASE_URL). In CI an unset URL
 * throws, so such a test can never be skipped there; on a developer's machine without a server it
 * returns undefined and says on the console which test is skipped and why. Use it as
 * `describe.runIf(requirePostgres('what'))` (or `it.runIf`).
 */
export function requirePostgres(what: string): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (IN_CI) throw new MissingTestServerError(`${what}: ${NO_SERVER_IN_CI}`);
  console.warn(
    `SKIPPED (no PostgreSQL server): ${what}. Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it.`,
  );
  return undefined;
}

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new database
 * on the test server that is dropped on close. Tests never see each other's rows. On the server
 * it has the production shape (tooling/ops): owned by dangjian_owner, which runs the migrations;
 * `db` stays the test server's own (superuser) connection so tests can set up any rows, and
 * `runtimeUrl` is the runtime login role's.
 */
export async function createTestDatabase(driver: Driver): Promise<TestDatabaseHandle> {
  if (driver === 'pglite') return openDatabase({ url: '', dataDir: 'memory://' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new TypeError('TEST_DATABASE_URL is not set');
  const name = `dj_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = await createServerDatabase(adminUrl, name, TEST_ROLE_PASSWORD);
  const ownerUrl = urlAs(url, OWNER_ROLE, TEST_ROLE_PASSWORD);
  const handle = await openDatabase({ url, migrationUrl: ownerUrl, poolSize: 20 });
  return {
    ...handle,
    ownerUrl,
    runtimeUrl: urlAs(url, RUNTIME_ROLE, TEST_ROLE_PASSWORD),
    async close() {
      await handle.close();
      await dropServerDatabase(adminUrl, name);
    },
  };
}
