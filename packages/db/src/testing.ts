import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Driver } from './client';
import { PiiCipher } from './crypto';

/** A fixed key for tests only (never used outside them). */
export const TEST_PII_CIPHER = new PiiCipher(Buffer.alloc(32, 7));

/**
 * The databases every database test runs on: embedded PGlite always, and the real PostgreSQL
 * server too when TEST_DATABASE_URL is set (.ci/run sets it when one answers on 127.0.0.1:5432).
 */
export const TEST_DRIVERS: readonly Driver[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new database
 * on the test server that is dropped on close. Tests never see each other's rows.
 */
export async function createTestDatabase(driver: Driver): Promise<DatabaseHandle> {
  if (driver === 'pglite') return openDatabase({ url: '', dataDir: 'memory://' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new TypeError('TEST_DATABASE_URL is not set');
  const name = `dj_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 20 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
