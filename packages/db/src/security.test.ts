import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from './rows';
import { createTestDatabase, TEST_DRIVERS, type TestDatabaseHandle } from './testing';

/**
 * The production shape of the database (tooling/ops/postgres-roles.sql): row-level security
 * FORCEd everywhere; on a server the runtime login role owns nothing and is no superuser, and the
 * owner is held to the policies.
 */
describe.each(TEST_DRIVERS)('database roles and row-level security (%s)', (driver) => {
  let handle: TestDatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  }, 120_000);
  afterAll(async () => {
    await handle.close();
  });

  it('every table with row-level security has it forced, so the owner is held to the policies too', async () => {
    const rows = await rowsOf<{ name: string; forced: boolean }>(
      handle.db,
      sql`select c.relname as name, c.relforcerowsecurity as forced from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relrowsecurity order by 1`,
    );
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => !r.forced).map((r) => r.name)).toEqual([]);
  });

  it('a scoped transaction still runs as the app role and sees only its region (forced security does not break it)', async () => {
    await handle.db.execute(sql`insert into regions (code, name, level) values
      ('430702000000', '武陵区', 'county'), ('430703000000', '鼎城区', 'county')
      on conflict do nothing`);
    await handle.db.execute(sql`insert into orgs (name, kind, category, region_code) values
      ('武陵测试党委', 'committee', 'rural', '430702000000'),
      ('鼎城测试党委', 'committee', 'rural', '430703000000')`);
    const names = await handle.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.scope_from', '430702000000', true), set_config('app.scope_to', '430702999999', true), set_config('role', 'dangjian_app', true)`,
      );
      return rowsOf<{ name: string; who: string }>(
        tx,
        sql`select name, current_user as who from orgs order by name`,
      );
    });
    expect(names).toEqual([{ name: '武陵测试党委', who: 'dangjian_app' }]);
  });

  // The server's roles exist only on a server (PGlite is one superuser in the process).
  if (driver !== 'postgres') return;
  describe('on a server, as the runtime login role', () => {
    let runtime: pg.Pool;
    let owner: pg.Pool;
    const scoped = async (
      pool: pg.Pool,
      body: (c: pg.PoolClient) => Promise<unknown>,
    ): Promise<unknown> => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query(
          `select set_config('app.scope_from', '430702000000', true), set_config('app.scope_to', '430702999999', true), set_config('role', 'dangjian_app', true)`,
        );
        return await body(c);
      } finally {
        await c.query('rollback').catch(() => {});
        c.release();
      }
    };
    /** The error code a statement fails with, or 'ok'. */
    const failure = async (c: pg.ClientBase, statement: string): Promise<string> => {
      await c.query('savepoint probe');
      try {
        await c.query(statement);
        await c.query('release savepoint probe');
        return 'ok';
      } catch (e) {
        await c.query('rollback to savepoint probe');
        return (e as { code?: string }).code ?? 'error';
      }
    };

    beforeAll(async () => {
      if (!handle.runtimeUrl || !handle.ownerUrl) throw new TypeError('no role URLs');
      runtime = new pg.Pool({ connectionString: handle.runtimeUrl, max: 2 });
      owner = new pg.Pool({ connectionString: handle.ownerUrl, max: 2 });
      await handle.db.execute(sql`insert into audit_log (procedure, region_code, target)
        values ('org.update', '430702000000', 'org:1'), ('org.update', '430703000000', 'org:2')`);
    });
    afterAll(async () => {
      await runtime.end();
      await owner.end();
    });

    it('is not a superuser, cannot bypass row-level security and owns no table', async () => {
      const { rows } = await runtime.query<{ superuser: boolean; bypass: boolean; owned: string }>(
        `select rolsuper as superuser, rolbypassrls as bypass,
          (select count(*) from pg_class where relnamespace = 'public'::regnamespace and pg_has_role(current_user, relowner, 'USAGE'))::text as owned
         from pg_roles where rolname = current_user`,
      );
      expect(rows).toEqual([{ superuser: false, bypass: false, owned: '0' }]);
    });

    it('RESET ROLE inside a scoped transaction gives back the runtime role, not a superuser, and no other region', async () => {
      const after = await scoped(runtime, async (c) => {
        await c.query('reset role');
        const who = await c.query<{ who: string; superuser: boolean }>(
          `select current_user as who, (select rolsuper from pg_roles where rolname = current_user) as superuser`,
        );
        const orgs = await c.query<{ name: string }>('select name from orgs order by name');
        return { ...who.rows[0], orgs: orgs.rows.map((r) => r.name) };
      });
      expect(after).toEqual({ who: 'dangjian_runtime', superuser: false, orgs: ['武陵测试党委'] });
    });

    it('outside a scoped transaction the runtime role sees no organisation at all', async () => {
      const { rows } = await runtime.query('select * from orgs');
      expect(rows).toEqual([]);
    });

    it('cannot disable the audit triggers, nor update, delete or truncate audit rows, even after RESET ROLE', async () => {
      const codes = await scoped(runtime, async (c) => {
        await c.query('reset role');
        return [
          await failure(c, 'alter table audit_log disable trigger user'),
          await failure(c, 'alter table audit_log no force row level security'),
          await failure(c, 'delete from audit_log'),
          await failure(c, `update audit_log set target = 'x'`),
          await failure(c, 'truncate audit_log'),
          await failure(c, 'set session_replication_role = replica'),
        ];
      });
      // 42501 insufficient_privilege: the owner alone may alter a table; the role has no
      // DELETE, UPDATE or TRUNCATE on audit_log; only a superuser may skip triggers.
      expect(codes).toEqual(['42501', '42501', '42501', '42501', '42501', '42501']);
      const rows = await rowsOf<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from audit_log`,
      );
      expect(rows[0]?.n).toBe(2);
    });

    it('may append audit rows and sign people in (users, sessions, login attempts), and change no region', async () => {
      const codes = await scoped(runtime, async (c) => {
        await c.query('reset role');
        return [
          await failure(
            c,
            `insert into audit_log (procedure, target) values ('auth.login', 'user:1')`,
          ),
          await failure(c, `select id from users where username = 'nobody'`),
          await failure(c, `select count(*) from sessions`),
          await failure(
            c,
            `insert into login_attempts (username, at, success) values ('nobody', now(), false)`,
          ),
          await failure(c, `delete from regions`),
          await failure(c, `update users set password_hash = 'x' where false`),
        ];
      });
      expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', '42501', 'ok']);
    });

    it('the owner, held to the forced policies, sees only the range its connection declares and cannot delete audit rows even with the triggers disabled', async () => {
      const c = await owner.connect();
      try {
        const unscoped = await c.query('select name from orgs');
        await c.query('begin');
        await c.query(
          `select set_config('app.scope_from', '430702000000', true), set_config('app.scope_to', '430702999999', true)`,
        );
        const inScope = await c.query<{ name: string }>('select name from orgs');
        await c.query('alter table audit_log disable trigger user');
        const deleted = await c.query('delete from audit_log');
        await c.query('rollback');
        expect({
          unscoped: unscoped.rows.length,
          inScope: inScope.rows.map((r) => r.name),
          deleted: deleted.rowCount,
        }).toEqual({ unscoped: 0, inScope: ['武陵测试党委'], deleted: 0 });
      } finally {
        await c.query('rollback').catch(() => {});
        c.release();
      }
    });

    it('the owner can not read the server, run programs or create roles', async () => {
      const c = await owner.connect();
      try {
        await c.query('begin');
        const codes = [
          await failure(c, `select pg_read_file('postgresql.conf')`),
          await failure(c, `copy (select 1) to program 'true'`),
          await failure(c, 'create role dangjian_intruder'),
        ];
        expect(codes).toEqual(['42501', '42501', '42501']);
      } finally {
        await c.query('rollback').catch(() => {});
        c.release();
      }
    });
  });
});
