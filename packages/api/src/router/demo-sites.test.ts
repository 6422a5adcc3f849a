import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { demoSites, orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, count, eq, isNull, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const WULING = '430702000000';
const NOW = () => new Date('2026-11-25T02:00:00Z');

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('demonstration sites (示范点, 001 §10) on %s', (driver) => {
  let handle: DatabaseHandle;
  let city: Api;
  let county: Api;
  let county2: Api;
  let township: Api;

  /** A village-level region of 武陵区 of the given kind that is not yet a 2026 site. */
  async function freeVillage(kind: 'village' | 'community') {
    const [row] = await handle.db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(
        and(
          like(regions.code, '430702%'),
          eq(regions.level, 'village'),
          eq(regions.kind, kind),
          sql`not exists (select 1 from demo_sites d where d.region_code = ${regions.code} and d.year = 2026)`,
        ),
      )
      .orderBy(asc(regions.code))
      .limit(1);
    return defined(row);
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: city } = await callerAs(handle, 'city_admin', { now: NOW }));
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOW }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOW }));
    ({ api: township } = await callerAs(handle, 'township', { now: NOW }));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('each category is counted against its 001 §10 target: 130 villages, 25 townships … 419 in all', async () => {
    const list = await city.demoSites.list({ regionCode: CITY, year: 2026 });
    const counts = await handle.db
      .select({ category: demoSites.category, n: count() })
      .from(demoSites)
      .where(and(eq(demoSites.year, 2026), isNull(demoSites.revokedOn)))
      .groupBy(demoSites.category);
    const line = (c: string) => defined(list.lines.find((l) => l.category === c));
    for (const l of list.lines) {
      expect(l.actual).toBe(counts.find((c) => c.category === l.category)?.n ?? 0);
      expect(l.shortfall).toBe(Math.max(0, l.target - l.actual));
    }
    expect(line('village')).toMatchObject({ label: '示范村', target: 130 });
    expect(line('village').shortfall).toBeGreaterThan(0);
    expect(line('township').target).toBe(25);
    expect(line('county')).toMatchObject({ target: 1, actual: 1, shortfall: 0 });
    expect(list.totalTarget).toBe(419);
    expect(list.met).toBe(false);
  });

  it('a site must be of its category: a community is no 示范村, a village org no 示范非公企业', async () => {
    const community = await freeVillage('community');
    await expect(
      county.demoSites.designate({
        year: 2026,
        demoCategory: 'village',
        regionCode: community.code,
        designatedOn: '2026-11-20',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `示范类别（demoCategory）：示范村应为村，「${community.name}」不是`,
    });
    const [villageOrg] = await handle.db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(like(orgs.regionCode, '430702%'))
      .limit(1);
    await expect(
      county.demoSites.designate({
        year: 2026,
        demoCategory: 'non_public',
        orgId: defined(villageOrg).id,
        designatedOn: '2026-11-20',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `示范类别（demoCategory）：示范非公企业应为非公有制企业党组织，「${defined(villageOrg).name}」不是`,
    });
  });

  it('designating adds to the count, the same site twice is refused, revoking takes it off', async () => {
    const before = await county.demoSites.list({ regionCode: WULING, year: 2026 });
    const v = await freeVillage('village');
    const site = await county.demoSites.designate({
      year: 2026,
      demoCategory: 'village',
      regionCode: v.code,
      designatedOn: '2026-11-20',
    });
    const after = await county.demoSites.list({ regionCode: WULING, year: 2026 });
    const actual = (l: typeof before) =>
      defined(l.lines.find((x) => x.category === 'village')).actual;
    expect(actual(after)).toBe(actual(before) + 1);
    await expect(
      county.demoSites.designate({
        year: 2026,
        demoCategory: 'village',
        regionCode: v.code,
        designatedOn: '2026-11-21',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `「${v.name}」已命名为 2026 年示范村`,
    });
    await county.demoSites.revoke({ siteId: site.id, revokedOn: '2026-11-24' });
    const revoked = await county.demoSites.list({ regionCode: WULING, year: 2026 });
    expect(actual(revoked)).toBe(actual(before));
    expect(revoked.sites.map((s) => s.id)).not.toContain(site.id);
  });

  it('a township cannot designate; another county cannot designate or revoke in 武陵区', async () => {
    const v = await freeVillage('village');
    const input = {
      year: 2026,
      demoCategory: 'village' as const,
      regionCode: v.code,
      designatedOn: '2026-11-20',
    };
    await expect(township.demoSites.designate(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(county2.demoSites.designate(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [site] = await handle.db
      .select({ id: demoSites.id })
      .from(demoSites)
      .where(like(demoSites.regionCode, '430702%'))
      .limit(1);
    await expect(
      county2.demoSites.revoke({ siteId: defined(site).id, revokedOn: '2026-11-24' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the export holds the targets and the list of sites', async () => {
    const list = await county.demoSites.list({ regionCode: WULING, year: 2026 });
    const file = await county.demoSites.export({ regionCode: WULING, year: 2026 });
    expect(file.filename).toBe('武陵区2026年基层党建示范点.xlsx');
    const wb = await readWorkbook(file.base64);
    const targets = defined(wb.getWorksheet('目标完成情况'));
    expect(targets.getRow(3).values).toEqual([
      undefined,
      defined(list.lines[0]).label,
      defined(list.lines[0]).target,
      defined(list.lines[0]).actual,
      ...(defined(list.lines[0]).shortfall ? [defined(list.lines[0]).shortfall] : ['']),
    ]);
    const sites = defined(wb.getWorksheet('示范点名单'));
    expect(sites.rowCount).toBe(list.sites.length + 2);
  });
});
