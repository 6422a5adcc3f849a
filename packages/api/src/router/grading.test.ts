import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, orgGrades, orgs, users } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const WULING = '430702000000'; // county_admin
const DINGCHENG = '430703000000'; // county2_admin
const QIMING = '430702001000'; // township (启明街道, in 武陵区)

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readSheet(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = defined(wb.worksheets[0]);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return { wb, sheet, col: (name: string) => headers.indexOf(name) + 1 };
}

async function sheetBase64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe.each(TEST_DRIVERS)('yearly grading on %s', (driver) => {
  let handle: DatabaseHandle;
  let city: Api;
  let county: Api;
  let county2: Api;
  let township: Api;

  const orgIdsIn = async (code: string, limit = 10_000) =>
    (
      await handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .where(between(orgs.regionCode, code, code.replace(/0+$/, '').padEnd(12, '9')))
        .orderBy(asc(orgs.id))
        .limit(limit)
    ).map((o) => o.id);

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: city } = await callerAs(handle, 'city_admin'));
    ({ api: county } = await callerAs(handle, 'county_admin'));
    ({ api: county2 } = await callerAs(handle, 'county2_admin'));
    ({ api: township } = await callerAs(handle, 'township'));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('bulk grading 2,000 orgs writes one current grade each, and regrading them keeps the first grades as superseded history', async () => {
    const ids = await orgIdsIn(CITY, 2000);
    expect(ids).toHaveLength(2000);

    let t0 = performance.now();
    const first = await city.grading.bulkSet({
      regionCode: CITY,
      year: 2020,
      grade: 'fair',
      reason: '年度考核',
      orgIds: ids,
    });
    const firstMs = performance.now() - t0;
    expect(first).toEqual({ changed: 2000, unchanged: 0 });

    t0 = performance.now();
    const second = await city.grading.bulkSet({
      regionCode: CITY,
      year: 2020,
      grade: 'good',
      reason: '复核上调',
      orgIds: ids,
    });
    const secondMs = performance.now() - t0;
    expect(second).toEqual({ changed: 2000, unchanged: 0 });
    console.info(
      `[${driver}] bulk grading 2,000 orgs: first ${firstMs.toFixed(0)} ms, regrading (superseding) ${secondMs.toFixed(0)} ms`,
    );

    // 2,000 first grades + 2,000 corrections = 4,000 rows; exactly one current row per org.
    const [all] = await handle.db
      .select({ n: count() })
      .from(orgGrades)
      .where(eq(orgGrades.year, 2020));
    expect(all?.n).toBe(4000);
    const currentRows = await handle.db
      .select({ grade: orgGrades.grade, n: count() })
      .from(orgGrades)
      .where(and(eq(orgGrades.year, 2020), isNull(orgGrades.supersededAt)))
      .groupBy(orgGrades.grade);
    expect(currentRows).toEqual([{ grade: 'good', n: 2000 }]);

    // Every superseded row points at the current row of the same org, and keeps who graded it.
    const [cityAdmin] = await handle.db
      .select()
      .from(users)
      .where(eq(users.username, 'city_admin'));
    const links = await handle.db.execute(sql`
      select count(*)::int as n from org_grades old join org_grades cur on cur.id = old.superseded_by
      where old.year = 2020 and old.superseded_at is not null and old.grade = 'fair' and old.reason = '年度考核'
        and cur.org_id = old.org_id and cur.superseded_at is null and cur.grade = 'good'
        and old.graded_by = ${defined(cityAdmin).id} and cur.graded_by = ${defined(cityAdmin).id}`);
    expect((links as { rows: { n: number }[] }).rows[0]?.n).toBe(2000);

    // One audit entry per changed org and call: 4,000, the second ones with before = 较好.
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.procedure, 'grading.bulkSet'), eq(auditLog.target, `org:${ids[0]}`)))
      .orderBy(asc(auditLog.id));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      before: null,
      after: { year: 2020, grade: 'fair', reason: '年度考核' },
    });
    expect(audits[1]).toMatchObject({
      username: 'city_admin',
      before: { year: 2020, grade: 'fair', reason: '年度考核' },
      after: { year: 2020, grade: 'good', reason: '复核上调' },
    });
    const [auditCount] = await handle.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.procedure, 'grading.bulkSet'), isNotNull(auditLog.before)));
    expect(auditCount?.n).toBe(2000);
  });

  it('grading again with the same grade and reason changes nothing and adds no history', async () => {
    const ids = await orgIdsIn(CITY, 10);
    const again = await city.grading.bulkSet({
      regionCode: CITY,
      year: 2020,
      grade: 'good',
      reason: '复核上调',
      orgIds: ids,
    });
    expect(again).toEqual({ changed: 0, unchanged: 10 });
    const [all] = await handle.db
      .select({ n: count() })
      .from(orgGrades)
      .where(eq(orgGrades.year, 2020));
    expect(all?.n).toBe(4000);
  });

  it('a correction keeps the old grade in the history with who graded it and who corrected it', async () => {
    const [orgId] = await orgIdsIn(QIMING, 1);
    await county.grading.set({
      orgId: defined(orgId),
      year: 2021,
      grade: 'average',
      reason: '党员大会评议',
    });
    await township.grading.set({
      orgId: defined(orgId),
      year: 2021,
      grade: 'fair',
      reason: '补充材料后复核',
    });

    const { rows } = await county.grading.history({ orgId: defined(orgId) });
    const of2021 = rows.filter((r) => r.year === 2021);
    expect(of2021).toHaveLength(2);
    const [now, old] = of2021;
    expect(now).toMatchObject({
      grade: 'fair',
      reason: '补充材料后复核',
      supersededAt: null,
      gradedByUsername: 'township',
    });
    expect(old).toMatchObject({
      grade: 'average',
      reason: '党员大会评议',
      supersededBy: defined(now).id,
      gradedByUsername: 'county_admin',
    });
    expect(defined(old).supersededAt).toBeInstanceOf(Date);

    const list = await county.grading.list({
      regionCode: QIMING,
      year: 2021,
      page: 1,
      pageSize: 200,
    });
    expect(list.items.find((o) => o.id === orgId)).toMatchObject({
      grade: 'fair',
      reason: '补充材料后复核',
    });
  });

  it("the list shows last year's grade beside this year's and can show only the ungraded", async () => {
    const ids = await orgIdsIn(QIMING);
    await county.grading.bulkSet({
      regionCode: QIMING,
      year: 2022,
      grade: 'poor',
      reason: '去年较差',
      orgIds: ids,
    });
    await county.grading.bulkSet({
      regionCode: QIMING,
      year: 2023,
      grade: 'average',
      reason: '晋位',
      orgIds: ids.slice(0, 2),
    });
    const list = await county.grading.list({
      regionCode: QIMING,
      year: 2023,
      page: 1,
      pageSize: 200,
    });
    expect(list.total).toBe(ids.length);
    expect(list.items.find((o) => o.id === ids[0])).toMatchObject({
      grade: 'average',
      lastYearGrade: 'poor',
    });
    expect(list.items.find((o) => o.id === ids[2])).toMatchObject({
      grade: null,
      lastYearGrade: 'poor',
    });
    expect(list.summary).toEqual({
      good: 0,
      fair: 0,
      average: 2,
      poor: 0,
      ungraded: ids.length - 2,
    });
    const ungraded = await county.grading.list({
      regionCode: QIMING,
      year: 2023,
      ungradedOnly: true,
      page: 1,
      pageSize: 200,
    });
    expect(ungraded.total).toBe(ids.length - 2);
    expect(ungraded.items.some((o) => o.id === ids[0] || o.id === ids[1])).toBe(false);
  });

  describe('import and export of the grading sheet', () => {
    const YEAR = 2024;
    let exported: Awaited<ReturnType<Api['grading']['exportSheet']>>;

    it('exports every org of the region with Chinese headings, one row each', async () => {
      exported = await township.grading.exportSheet({ regionCode: QIMING, year: YEAR });
      const ids = await orgIdsIn(QIMING);
      expect(exported.filename).toBe(`启明街道${YEAR}年度分类定级.xlsx`);
      const { sheet, col } = await readSheet(exported.base64);
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        '组织编号',
        '党组织名称',
        '所在区划代码',
        '所在区划',
        '类型',
        '领域',
        '上年等次',
        '本年等次',
        '理由',
      ]);
      expect(sheet.rowCount).toBe(ids.length + 1);
      expect(sheet.getRow(2).getCell(col('组织编号')).value).toBe(ids[0]);
      expect(sheet.getRow(2).getCell(col('本年等次')).value).toBe('');
    });

    it('a sheet with one bad row writes nothing and names the row, the column and the wrong value', async () => {
      const { wb, sheet, col } = await readSheet(exported.base64);
      for (let r = 2; r <= sheet.rowCount; r++)
        sheet.getRow(r).getCell(col('本年等次')).value = '好';
      sheet.getRow(5).getCell(col('本年等次')).value = '优';
      const result = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: await sheetBase64(wb),
      });
      expect(result).toEqual({
        ok: false,
        rowCount: sheet.rowCount - 1,
        errors: [
          {
            row: 5,
            column: '本年等次',
            message: '第 5 行「本年等次」：应为 好、较好、一般、较差 之一，实际为「优」',
          },
        ],
      });
      const [written] = await handle.db
        .select({ n: count() })
        .from(orgGrades)
        .where(eq(orgGrades.year, YEAR));
      expect(written?.n).toBe(0);
    });

    it('every kind of bad row is reported, each by row and column, in one answer', async () => {
      const { wb, sheet, col } = await readSheet(exported.base64);
      const [outsideOrg] = await orgIdsIn(DINGCHENG, 1);
      const idCol = col('组织编号');
      for (let r = 2; r <= sheet.rowCount; r++)
        sheet.getRow(r).getCell(col('本年等次')).value = '较好';
      sheet.getRow(2).getCell(idCol).value = 'abc';
      sheet.getRow(3).getCell(idCol).value = sheet.getRow(4).getCell(idCol).value; // duplicate of row 4
      sheet.getRow(5).getCell(idCol).value = defined(outsideOrg); // another county's org
      sheet.getRow(6).getCell(col('理由')).value = '长'.repeat(501);
      sheet.getRow(7).getCell(col('本年等次')).value = '';
      sheet.getRow(7).getCell(col('理由')).value = '只写了理由';
      const result = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: await sheetBase64(wb),
      });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
        '第 2 行「组织编号」：应为正整数，实际为「abc」',
        `第 4 行「组织编号」：编号 ${Number(sheet.getRow(4).getCell(idCol).value)} 与第 3 行重复`,
        `第 5 行「组织编号」：编号 ${outsideOrg} 的党组织不存在或不在启明街道范围内`,
        '第 6 行「理由」：不能超过 500 个字，实际为 501 个字',
        '第 7 行「本年等次」：填写了理由但未填写等次',
      ]);
      const [written] = await handle.db
        .select({ n: count() })
        .from(orgGrades)
        .where(eq(orgGrades.year, YEAR));
      expect(written?.n).toBe(0);
    });

    it('a file that is not a workbook, or lacks the 本年等次 column, is refused with the reason', async () => {
      const notExcel = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: Buffer.from('hello').toString('base64'),
      });
      expect(notExcel).toMatchObject({
        ok: false,
        errors: [{ message: '文件不是有效的 Excel（.xlsx）工作簿' }],
      });
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('x').addRow(['组织编号', '等次']);
      const noColumn = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: await sheetBase64(wb),
      });
      expect(noColumn).toMatchObject({
        ok: false,
        errors: [
          {
            row: 1,
            column: '本年等次',
            message: '第 1 行「本年等次」：缺少此列（第 1 行应为列标题）',
          },
        ],
      });
    });

    it('the corrected sheet writes every row in one go, and re-importing a fresh export changes nothing', async () => {
      const { wb, sheet, col } = await readSheet(exported.base64);
      const rows = sheet.rowCount - 1;
      for (let r = 2; r <= sheet.rowCount; r++) {
        sheet.getRow(r).getCell(col('本年等次')).value = '好';
        sheet.getRow(r).getCell(col('理由')).value = `第${r}行理由`;
      }
      sheet.getRow(5).getCell(col('本年等次')).value = '较好';
      const fifthOrg = Number(sheet.getRow(5).getCell(col('组织编号')).value);
      const result = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: await sheetBase64(wb),
      });
      expect(result).toEqual({ ok: true, rowCount: rows, changed: rows, unchanged: 0, skipped: 0 });

      const list = await township.grading.list({
        regionCode: QIMING,
        year: YEAR,
        page: 1,
        pageSize: 200,
      });
      expect(list.summary).toEqual({ good: rows - 1, fair: 1, average: 0, poor: 0, ungraded: 0 });
      expect(list.items.find((o) => o.id === fifthOrg)).toMatchObject({
        grade: 'fair',
        reason: '第5行理由',
      });

      // Round trip: export → import unchanged.
      const again = await township.grading.exportSheet({ regionCode: QIMING, year: YEAR });
      const reread = await readSheet(again.base64);
      expect(reread.sheet.getRow(5).getCell(reread.col('本年等次')).value).toBe('较好');
      expect(reread.sheet.getRow(5).getCell(reread.col('理由')).value).toBe('第5行理由');
      const [before] = await handle.db
        .select({ n: count() })
        .from(orgGrades)
        .where(eq(orgGrades.year, YEAR));
      const roundTrip = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: again.base64,
      });
      expect(roundTrip).toEqual({
        ok: true,
        rowCount: rows,
        changed: 0,
        unchanged: rows,
        skipped: 0,
      });
      const [after] = await handle.db
        .select({ n: count() })
        .from(orgGrades)
        .where(eq(orgGrades.year, YEAR));
      expect(after?.n).toBe(before?.n);
      expect(before?.n).toBe(rows);
    });
  });

  it('a county user can neither grade nor read the grades of another county, and nothing is written', async () => {
    const [wulingOrg] = await orgIdsIn(WULING, 1);
    const dingchengOrgs = await orgIdsIn(DINGCHENG, 3);
    await expect(
      county2.grading.set({ orgId: defined(wulingOrg), year: 2019, grade: 'poor' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      county2.grading.bulkSet({
        regionCode: WULING,
        year: 2019,
        grade: 'poor',
        reason: '越权',
        orgIds: [defined(wulingOrg)],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Own region in the input, another county's org in the list: refused as a whole.
    await expect(
      county2.grading.bulkSet({
        regionCode: DINGCHENG,
        year: 2019,
        grade: 'poor',
        reason: '越权',
        orgIds: [...dingchengOrgs, defined(wulingOrg)],
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `以下党组织不存在或不在所选区域内，未作任何修改：编号 ${wulingOrg}`,
    });
    await expect(county2.grading.history({ orgId: defined(wulingOrg) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      county2.grading.list({ regionCode: WULING, year: 2019, page: 1, pageSize: 5 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county2.grading.exportSheet({ regionCode: WULING, year: 2019 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [written] = await handle.db
      .select({ n: count() })
      .from(orgGrades)
      .where(eq(orgGrades.year, 2019));
    expect(written?.n).toBe(0);
  });

  it('bulk grading needs a reason and at most 5,000 orgs', async () => {
    const ids = await orgIdsIn(QIMING, 2);
    await expect(
      county.grading.bulkSet({
        regionCode: QIMING,
        year: 2025,
        grade: 'good',
        reason: ' ',
        orgIds: ids,
      }),
    ).rejects.toThrow(/批量定级须填写理由/);
    await expect(
      county.grading.bulkSet({
        regionCode: QIMING,
        year: 2025,
        grade: 'good',
        reason: '批量',
        orgIds: Array.from({ length: 5001 }, (_, i) => i + 1),
      }),
    ).rejects.toThrow(/一次最多为 5000 个党组织定级/);
  });
});
