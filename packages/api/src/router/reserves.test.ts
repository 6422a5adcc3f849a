import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { orgs, rectificationCases, regions, reserveCadres } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const NOW = () => new Date('2026-11-25T02:00:00Z'); // 2026-11-25 in China

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('reserve cadres (后备干部, 001 §8; 003 §3.2) on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;

  /** 武陵区 village-level orgs with no current reserve, from the database itself. */
  async function withoutReserve() {
    return handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(
        and(
          like(orgs.regionCode, '430702%'),
          inArray(orgs.category, ['rural', 'street_community']),
          sql`not exists (select 1 from reserve_cadres r where r.org_id = ${orgs.id} and r.until is null)`,
        ),
      )
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOW }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOW }));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a village without a reserve candidate is below the one-per-village requirement, and adding one clears it', async () => {
    const short = await county.reserves.villages({ regionCode: WULING, shortOnly: true });
    const expected = await withoutReserve();
    expect(expected.length).toBeGreaterThan(0);
    expect(short.items.map((i) => i.orgId)).toEqual(expected.map((o) => o.id));
    expect(short.items.every((i) => i.required === 1 && i.actual === 0 && i.shortfall === 1)).toBe(
      true,
    );
    expect(short.summary.short).toBe(expected.length);

    const target = defined(short.items[0]);
    await county.reserves.add({
      orgId: target.orgId,
      name: '向晓东',
      gender: 'male',
      birthDate: '1994-06-01',
      education: 'bachelor',
      since: '2026-11-01',
    });
    const after = await county.reserves.villages({ regionCode: WULING });
    expect(after.items.find((i) => i.orgId === target.orgId)).toMatchObject({
      actual: 1,
      shortfall: 0,
      reserves: [{ name: '向晓东', age: 32, educationLabel: '本科' }],
    });
    expect(after.summary.short).toBe(expected.length - 1);
  });

  it('the ledger of leaders aged 35 and under takes a 35-year-old and leaves out a 36-year-old', async () => {
    const [v] = await withoutReserve();
    await county.reserves.add({
      orgId: defined(v).id,
      name: '龙三五',
      gender: 'female',
      birthDate: '1991-11-25', // 35 on 2026-11-25
      education: 'college',
      since: '2026-10-01',
    });
    await county.reserves.add({
      orgId: defined(v).id,
      name: '龙三六',
      gender: 'male',
      birthDate: '1990-11-24', // 36
      education: 'college',
      since: '2026-10-01',
    });
    const ledger = await county.reserves.ledger({ regionCode: WULING });
    const names = ledger.items.map((e) => e.name);
    expect(names).toContain('龙三五');
    expect(names).not.toContain('龙三六');
    expect(ledger.items.every((e) => e.age <= 35)).toBe(true);
    expect(ledger.items.find((e) => e.name === '龙三五')).toMatchObject({
      role: 'reserve',
      roleLabel: '后备干部',
      age: 35,
      orgId: defined(v).id,
    });
  });

  it('a reserve who leaves keeps the row with its end date; the village counts one fewer', async () => {
    const [r] = await handle.db
      .select()
      .from(reserveCadres)
      .where(and(like(reserveCadres.regionCode, '430702%'), isNull(reserveCadres.until)))
      .orderBy(asc(reserveCadres.id))
      .limit(1);
    const before = defined(
      (await county.reserves.villages({ regionCode: WULING })).items.find(
        (i) => i.orgId === defined(r).orgId,
      ),
    );
    await expect(
      county.reserves.end({ reserveId: defined(r).id, until: '2000-01-01' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await county.reserves.end({ reserveId: defined(r).id, until: '2026-11-20' });
    const after = defined(
      (await county.reserves.villages({ regionCode: WULING })).items.find(
        (i) => i.orgId === defined(r).orgId,
      ),
    );
    expect(after.actual).toBe(before.actual - 1);
    const [row] = await handle.db
      .select()
      .from(reserveCadres)
      .where(eq(reserveCadres.id, defined(r).id));
    expect(defined(row).until).toBe('2026-11-20');
  });

  it('another county can neither add to nor end 武陵区 reserves', async () => {
    const [v] = await withoutReserve();
    await expect(
      county2.reserves.add({
        orgId: defined(v).id,
        name: '越权',
        gender: 'male',
        birthDate: '1990-01-01',
        education: 'college',
        since: '2026-10-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [r] = await handle.db
      .select({ id: reserveCadres.id })
      .from(reserveCadres)
      .where(and(like(reserveCadres.regionCode, '430702%'), isNull(reserveCadres.until)))
      .limit(1);
    await expect(
      county2.reserves.end({ reserveId: defined(r).id, until: '2026-11-20' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the export has the per-village sheet (as filtered) and the under-35 ledger', async () => {
    const short = await county.reserves.villages({ regionCode: WULING, shortOnly: true });
    const ledger = await county.reserves.ledger({ regionCode: WULING });
    const file = await county.reserves.export({ regionCode: WULING, shortOnly: true });
    const wb = await readWorkbook(file.base64);
    const villages = defined(wb.getWorksheet('后备干部配备'));
    const rows: string[] = [];
    villages.eachRow((row, n) => {
      if (n > 2 && row.getCell(7).text) rows.push(row.getCell(1).text);
    });
    expect(rows).toEqual(short.items.map((i) => i.orgName));
    const young = defined(wb.getWorksheet('35岁以下台账'));
    expect(young.rowCount).toBeGreaterThanOrEqual(ledger.items.length + 2);
  });

  it('under a 1:2 policy (东组通 §3.2) a soft-and-lax village with one reserve is short by one', async () => {
    const problem = await handle.db
      .selectDistinct({ orgId: rectificationCases.orgId })
      .from(rectificationCases)
      .innerJoin(orgs, eq(orgs.id, rectificationCases.orgId))
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(
        and(eq(rectificationCases.year, 2026), like(rectificationCases.regionCode, '430702%')),
      );
    expect(problem.length).toBeGreaterThan(0);
    const before = await county.reserves.villages({ regionCode: WULING });
    expect(
      before.items
        .filter((i) => i.problemVillage)
        .map((i) => i.orgId)
        .sort(),
    ).toEqual(problem.map((p) => p.orgId).sort());
    await county.policy.saveOverride({
      name: '武陵区后备干部配备标准',
      regionCode: WULING,
      fromYear: 2026,
      effectiveDate: '2026-01-01',
      parameters: {
        reservePerPostProblemVillage: {
          value: 2,
          source: { seed: '003', section: '§3.2', document: '东组通〔2015〕34号' },
        },
      },
    });
    const after = await county.reserves.villages({ regionCode: WULING });
    for (const i of after.items) {
      expect(i.required).toBe(i.problemVillage ? 2 : 1);
      expect(i.shortfall).toBe(Math.max(0, i.required - i.actual));
    }
    expect(after.items.some((i) => i.problemVillage && i.actual === 1 && i.shortfall === 1)).toBe(
      true,
    );
  });
});
