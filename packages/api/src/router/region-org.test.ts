import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

describe.each(TEST_DRIVERS)('region and org procedures on %s', (driver) => {
  let handle: DatabaseHandle;
  let api: Awaited<ReturnType<typeof callerAs>>['api'];
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307' });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api } = await callerAs(handle, 'city_admin'));
  });
  afterAll(async () => {
    await handle.close();
  });

  it("the tree starts at the city admin's own region, 常德市", async () => {
    const root = await api.region.root();
    expect(root).toMatchObject({ code: '430700000000', name: '常德市', level: 'city' });
  });

  it("a region's children carry org counts that add up to the region's own org total", async () => {
    const counties = await api.region.children({ regionCode: '430700000000' });
    expect(counties).toHaveLength(10);
    expect(counties.map((c) => c.name)).toContain('鼎城区');
    const all = await api.org.list({ regionCode: '430700000000', page: 1, pageSize: 1 });
    expect(counties.reduce((s, c) => s + c.orgCount, 0)).toBe(all.total);
    const dingcheng = defined(counties.find((c) => c.name === '鼎城区'));
    const inCounty = await api.org.list({ regionCode: dingcheng.code, page: 1, pageSize: 1 });
    expect(dingcheng.orgCount).toBe(inCounty.total);
  });

  it('villages are leaves of the tree', async () => {
    const townships = await api.region.children({ regionCode: '430703000000' });
    const villages = await api.region.children({ regionCode: defined(townships[0]).code });
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v) => v.level === 'village' && !v.hasChildren)).toBe(true);
    expect(await api.region.children({ regionCode: defined(villages[0]).code })).toEqual([]);
  });

  it("the path of a village runs from the caller's own region down: city → county → township → village", async () => {
    const townships = await api.region.children({ regionCode: '430703000000' });
    const [village] = await api.region.children({ regionCode: defined(townships[0]).code });
    const path = await api.region.path({ regionCode: defined(village).code });
    expect(path.map((r) => r.level)).toEqual(['city', 'county', 'township', 'village']);
    expect(path[0]?.name).toBe('常德市');
  });

  it('lists only organisations inside the requested region, one page at a time', async () => {
    const page1 = await api.org.list({ regionCode: '430703000000', page: 1, pageSize: 50 });
    const page2 = await api.org.list({ regionCode: '430703000000', page: 2, pageSize: 50 });
    expect(page1.items).toHaveLength(50);
    expect(page1.items.every((o) => o.regionCode.startsWith('430703'))).toBe(true);
    const ids = new Set(page1.items.map((o) => o.id));
    expect(page2.items.some((o) => ids.has(o.id))).toBe(false);
  });

  it('filters by kind and category and searches by name', async () => {
    const committees = await api.org.list({
      regionCode: '430700000000',
      kind: 'committee',
      page: 1,
      pageSize: 200,
    });
    expect(committees.items.length).toBeGreaterThan(0);
    expect(committees.items.every((o) => o.kind === 'committee')).toBe(true);
    const schools = await api.org.list({
      regionCode: '430700000000',
      category: 'school',
      page: 1,
      pageSize: 200,
    });
    expect(schools.items.length).toBeGreaterThan(0);
    expect(schools.items.every((o) => o.category === 'school')).toBe(true);
    const found = await api.org.list({
      regionCode: '430700000000',
      search: '灌溪',
      page: 1,
      pageSize: 200,
    });
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((o) => o.name.includes('灌溪'))).toBe(true);
  });

  it('a search for "%" matches the character, not everything', async () => {
    const res = await api.org.list({
      regionCode: '430700000000',
      search: '%',
      page: 1,
      pageSize: 10,
    });
    expect(res.total).toBe(0);
  });

  it('an unknown region code is a 400 with the code in the message', async () => {
    await expect(
      api.org.list({ regionCode: '430799000000', page: 1, pageSize: 10 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '区划代码「430799000000」不存在',
    });
  });

  it('an unknown organisation id is NOT_FOUND', async () => {
    const err: unknown = await api.org.byId({ id: 999_999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('NOT_FOUND');
  });

  it('one organisation comes with its parent, region and secretary', async () => {
    const [first] = (
      await api.org.list({ regionCode: '430703000000', kind: 'branch', page: 1, pageSize: 1 })
    ).items;
    const org = await api.org.byId({ id: defined(first).id });
    expect(org.regionName).toBe(defined(first).regionName);
    expect(org.secretaryName).toBe(defined(first).secretaryName);
    expect(org.parentName).toMatch(/^中共.+(委员会|工作委员会)$/);
  });
});
