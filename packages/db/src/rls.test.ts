/**
 * The second wall stays up for every table, including tables added later: the app role
 * (dangjian_app, every scoped request) gets SELECT, INSERT, UPDATE and DELETE on every future table
 * by default privileges (0001_security.sql), so a new table without row-level security would be
 * open to every county. This reads the catalog after all migrations and names each table, view
 * or policy that would let a scoped request reach rows outside its region.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { rowsOf } from './rows';
import { createTestDatabase, TEST_DRIVERS } from './testing';

const APP_ROLE = 'dangjian_app';
const SIGN_IN_ROLE = 'dangjian_signin';

/**
 * Tables the app role may reach without row-level security, each deliberately global:
 * - regions: the statistical division tree (public codes and names of every region). Every
 *   account needs the whole path above its own region and the names of its neighbours' regions
 *   in shared answers; it holds no one's data and the app role may only read it (0001).
 */
const APP_TABLES_WITHOUT_RLS: readonly string[] = ['regions'];

/**
 * Policies that let the app role read every row of a table (USING true), each deliberately:
 * - policy_sets_read: a county must read the city's (and the province's) policy set that applies
 *   to it; writing stays limited to sets of one's own region (policy_sets_write, 0001).
 */
const APP_OPEN_READ_POLICIES: readonly string[] = ['policy_sets_read'];

/**
 * Tables the sign-in role (what the server does before it knows who is calling, 0024) may reach
 * without row-level security: its sessions and the login attempts it throttles. It has no scope
 * to apply; the app role has no privilege on either.
 */
const SIGN_IN_TABLES_WITHOUT_RLS: readonly string[] = ['login_attempts', 'sessions'];

interface Relation {
  name: string;
  kind: string;
  rls: boolean;
  securityInvoker: boolean;
  appReaches: boolean;
  appPolicies: number;
  signInReaches: boolean;
}

async function relations(handle: DatabaseHandle): Promise<Relation[]> {
  // "Reaches": any table- or column-level privilege to read or change rows, directly, through a
  // role it is a member of, or through PUBLIC.
  const reaches = (role: string) => sql`(
    has_any_column_privilege(${role}, c.oid, 'SELECT')
    or has_any_column_privilege(${role}, c.oid, 'INSERT')
    or has_any_column_privilege(${role}, c.oid, 'UPDATE')
    or (c.relkind <> 'v' and has_table_privilege(${role}, c.oid, 'DELETE')))`;
  const rows = await rowsOf<{
    name: string;
    kind: string;
    rls: boolean;
    security_invoker: boolean;
    app_reaches: boolean;
    app_policies: number | string;
    sign_in_reaches: boolean;
  }>(
    handle.db,
    sql`
    select c.relname as name, c.relkind::text as kind, c.relrowsecurity as rls,
      coalesce('security_invoker=true' = any(c.reloptions), false) as security_invoker,
      ${reaches(APP_ROLE)} as app_reaches,
      (select count(*) from pg_policies p
        where p.schemaname = 'public' and p.tablename = c.relname
          and (${APP_ROLE} = any(p.roles) or 'public' = any(p.roles))) as app_policies,
      ${reaches(SIGN_IN_ROLE)} as sign_in_reaches
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
    order by 1`,
  );
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind,
    rls: r.rls,
    securityInvoker: r.security_invoker,
    appReaches: r.app_reaches,
    appPolicies: Number(r.app_policies),
    signInReaches: r.sign_in_reaches,
  }));
}

/** A view is as safe as its tables only when it runs with the caller's rights. */
const guarded = (r: Relation, policies: boolean) =>
  r.kind === 'v' ? r.securityInvoker : (r.kind === 'r' || r.kind === 'p') && r.rls && policies;

describe.each(TEST_DRIVERS)(
  'row-level security on every table the roles can reach (%s)',
  (driver) => {
    let handle: DatabaseHandle;
    let all: Relation[];
    beforeAll(async () => {
      handle = await createTestDatabase(driver);
      all = await relations(handle);
    }, 120_000);
    afterAll(async () => {
      await handle.close();
    });

    it('the catalog lists the migrated tables, and the app role reaches most of them', () => {
      // Guards the checks below against passing on an empty or unreadable catalog.
      expect(all.length).toBeGreaterThan(40);
      expect(all.filter((r) => r.appReaches).length).toBeGreaterThan(40);
      expect(all.map((r) => r.name)).toEqual(expect.arrayContaining(['orgs', 'people', 'regions']));
    });

    it('every table the app role may read or write has row-level security on and a policy for the app role (but the allow-listed global ones)', () => {
      const open = all
        .filter((r) => r.appReaches && !APP_TABLES_WITHOUT_RLS.includes(r.name))
        .filter((r) => !guarded(r, r.appPolicies > 0))
        .map((r) =>
          r.kind === 'v'
            ? `${r.name}: a view without security_invoker (it reads as its owner, past the policies)`
            : r.kind === 'r' || r.kind === 'p'
              ? `${r.name}: ${r.rls ? 'no policy for the app role' : 'row-level security is off'}`
              : `${r.name}: a relation (kind ${r.kind}) that cannot have row-level security`,
        );
      expect(open).toEqual([]);
    });

    it('the allow-listed global tables exist and the app role may only read them', async () => {
      const rows = await rowsOf<{ name: string; writable: boolean }>(
        handle.db,
        sql`
      select c.relname as name,
        has_any_column_privilege(${APP_ROLE}, c.oid, 'INSERT')
          or has_any_column_privilege(${APP_ROLE}, c.oid, 'UPDATE')
          or has_table_privilege(${APP_ROLE}, c.oid, 'DELETE') as writable
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relname in ${sql.raw(
        `(${APP_TABLES_WITHOUT_RLS.map((t) => `'${t}'`).join(', ')})`,
      )}
      order by 1`,
      );
      expect(rows).toEqual(APP_TABLES_WITHOUT_RLS.map((name) => ({ name, writable: false })));
    });

    it('no policy lets the app role read every row of a table, but the allow-listed shared ones', async () => {
      const rows = await rowsOf<{ policy: string }>(
        handle.db,
        sql`
      select p.policyname as policy from pg_policies p
      where p.schemaname = 'public' and p.cmd in ('SELECT', 'ALL')
        and (${APP_ROLE} = any(p.roles) or 'public' = any(p.roles))
        and btrim(p.qual, '() ') = 'true'
      order by 1`,
      );
      expect(rows.map((r) => r.policy)).toEqual([...APP_OPEN_READ_POLICIES].sort());
    });

    it('the sign-in role reaches no table without row-level security but its sessions and login attempts', () => {
      const open = all
        .filter((r) => r.signInReaches && !guarded(r, true))
        .map((r) => r.name)
        .filter((name) => !SIGN_IN_TABLES_WITHOUT_RLS.includes(name));
      expect(open).toEqual([]);
      // …and the app role none of those two.
      expect(
        all.filter((r) => SIGN_IN_TABLES_WITHOUT_RLS.includes(r.name) && r.appReaches),
      ).toEqual([]);
    });
  },
);
