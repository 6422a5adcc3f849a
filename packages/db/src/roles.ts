/**
 * The production shape of a PostgreSQL server (tooling/ops): the owner migrates, the runtime
 * login role (owning nothing) serves. The setup script and the test databases apply the same SQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { workspaceRoot } from './paths';

export const OWNER_ROLE = 'dangjian_owner';
export const RUNTIME_ROLE = 'dangjian_runtime';
export const BACKUP_ROLE = 'dangjian_backup';

/** Cluster-wide: parallel test files create roles one at a time. */
const ROLES_LOCK_ID = 4307_2026;

function opsSql(file: string): string {
  return readFileSync(path.join(workspaceRoot(), 'tooling', 'ops', file), 'utf8');
}

/**
 * Creates (or brings up to date) the platform's roles, as a superuser: tooling/ops/postgres-roles.sql.
 * A role without a password gets `password` when one is given (a test server); a password the
 * operator set is kept.
 */
export async function setupServerRoles(admin: pg.ClientBase, password?: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock($1)', [ROLES_LOCK_ID]);
  try {
    await admin.query(opsSql('postgres-roles.sql'));
    if (password) {
      const { rows } = await admin.query<{ rolname: string }>(
        'SELECT rolname FROM pg_authid WHERE rolname = ANY($1) AND rolpassword IS NULL',
        [[OWNER_ROLE, RUNTIME_ROLE, BACKUP_ROLE]],
      );
      for (const { rolname } of rows) {
        await admin.query(
          `ALTER ROLE ${admin.escapeIdentifier(rolname)} PASSWORD ${admin.escapeLiteral(password)}`,
        );
      }
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [ROLES_LOCK_ID]);
  }
}

/** Hands one database to the owner and lets the runtime and backup roles connect (as a superuser connected to it). */
export async function setupServerDatabase(adminOnDatabase: pg.ClientBase): Promise<void> {
  await adminOnDatabase.query(opsSql('postgres-database.sql'));
}

/** `url` with another user and password (same host, port, database and parameters). */
export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

/**
 * A new, empty database as setup-postgres.sh makes it (owned by the owner, only the runtime and
 * backup roles may connect), through a superuser's `adminUrl`; returns the same URL on it.
 * `password` goes to login roles that have none (a test server).
 */
export async function createServerDatabase(
  adminUrl: string,
  name: string,
  password?: string,
): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await setupServerRoles(admin, password);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} OWNER ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const onDatabase = new pg.Client({ connectionString: url.toString() });
  await onDatabase.connect();
  try {
    await setupServerDatabase(onDatabase);
  } finally {
    await onDatabase.end();
  }
  return url.toString();
}

/** Drops a database made by createServerDatabase (connections are ended). */
export async function dropServerDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
