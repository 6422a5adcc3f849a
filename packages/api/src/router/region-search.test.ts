import type { DatabaseHandle } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

describe.each(TEST_DRIVERS)('region search on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307' });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('finds a township by part of its name with its path from the caller’s region down', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const hits = await api.region.search({ query: '灌溪' });
    const township = hits.find((h) => h.name === '灌溪街道');
    expect(township?.level).toBe('township');
    expect(township?.path.map((p) => p.name)).toEqual(['常德市', '鼎城区', '灌溪街道']);
  });

  it('returns townships before villages and at most 20 hits', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const hits = await api.region.search({ query: '村' });
    expect(hits).toHaveLength(20);
    const levels = hits.map((h) => h.level);
    const rank = (l: string) => (l === 'township' ? 0 : 1);
    expect(levels).toEqual([...levels].sort((a, b) => rank(a) - rank(b)));
    expect(hits.every((h) => h.path.at(-1)?.code === h.code)).toBe(true);
  });

  it('a county account finds nothing outside its county', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const root = await api.region.root();
    const hits = await api.region.search({ query: '街道' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.code.startsWith(root.code.slice(0, 6)))).toBe(true);
    expect(hits.every((h) => h.path[0]?.code === root.code)).toBe(true);
    expect(await api.region.search({ query: '灌溪' })).toEqual([]);
  });

  it('"%" and "_" are matched as characters, not wildcards', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    expect(await api.region.search({ query: '%' })).toEqual([]);
    expect(await api.region.search({ query: '_' })).toEqual([]);
  });

  it('an empty query is refused with a message naming the field', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    await expect(api.region.search({ query: '  ' })).rejects.toThrow(/查找内容/);
  });
});
