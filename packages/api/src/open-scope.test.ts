import { rowsOf, type DatabaseHandle } from '@dangjian/db';
import { seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { regionCodeRange, regionPrefix } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, openScope } from './auth/session';

/** Codes of every level, with 东莞 (a city without counties: its towns hang under the city). */
const CODES = [
  '430000000000',
  '430700000000',
  '430702000000',
  '430702001000',
  '430702001001',
  '441900000000',
  '441900003000',
  '441900003001',
  '110101001001',
];

const SCOPE_NOW = sql`select coalesce(current_setting('app.scope_from', true), '') as "from",
  coalesce(current_setting('app.scope_to', true), '') as "to", current_user as "role"`;
type ScopeNow = { from: string; to: string; role: string };

describe.each(TEST_DRIVERS)('opening a scoped request in one statement on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("the database's region prefix agrees with the domain's at every level, 东莞 included", async () => {
    for (const code of CODES) {
      const [row] = await rowsOf<{ prefix: string }>(
        handle.db,
        sql`select app_region_prefix(${code}) as prefix`,
      );
      expect(row?.prefix, code).toBe(regionPrefix(code));
    }
  });

  it("sets the caller's code range and the app role for the rest of the transaction only", async () => {
    await handle.db.execute(sql`insert into regions (code, name, level, kind, parent_code)
      values ('430000000000', '湖南省', 'province', 'other', null),
             ('430700000000', '常德市', 'city', 'other', '430000000000'),
             ('430702000000', '武陵区', 'county', 'other', '430700000000'),
             ('430702001000', '启明街道', 'township', 'street', '430702000000')
      on conflict do nothing`);
    await seedAccounts(handle.db, { prefix: '4307' });
    const [user] = await rowsOf<{ id: number }>(
      handle.db,
      sql`select id from users where username = 'county_admin'`,
    );
    const now = new Date();
    const { token } = await createSession(handle.db, user?.id ?? 0, now, {
      ip: null,
      userAgent: null,
    });
    const seen = await handle.db.transaction(async (tx) => {
      const opened = await openScope(tx, token, now);
      const [settings] = await rowsOf<ScopeNow>(tx, SCOPE_NOW);
      return { opened, settings };
    });
    expect(seen.opened.verdict).toBe('use');
    expect(seen.opened.user?.regionCode).toBe('430702000000');
    expect(seen.settings).toEqual({ ...regionCodeRange('430702000000'), role: 'dangjian_app' });
    const [after] = await rowsOf<ScopeNow>(handle.db, SCOPE_NOW);
    expect(after?.from).toBe('');
    expect(after?.role).not.toBe('dangjian_app');
  });

  it('answers "none" for an unknown token and sets no scope', async () => {
    const seen = await handle.db.transaction(async (tx) => {
      const opened = await openScope(tx, 'no-such-token', new Date());
      const [settings] = await rowsOf<ScopeNow>(tx, SCOPE_NOW);
      return { opened, from: settings?.from };
    });
    expect(seen.opened).toEqual({ verdict: 'none', user: null });
    expect(seen.from).toBe('');
  });
});
