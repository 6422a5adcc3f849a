import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defined, type DatabaseHandle } from '@dangjian/db';
import { auditLog, orgGrades, orgs } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, count, eq, gt, inArray, isNull, max } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

/*
 * The grading import counts as changed only the rows whose grade (or reason) really changed, also
 * after the exported sheet was saved again by LibreOffice (which stores text mixing Latin and CJK
 * as rich text) and for reasons typed with CR LF line ends; and text a user typed stays text
 * when the exported sheet is saved as CSV (issue 18).
 */

const QIMING = '430702001000'; // township (启明街道)
const YEAR = 2023;

function hasSoffice(): boolean {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_SOFFICE = hasSoffice();
if (!HAS_SOFFICE && process.env.CI === 'true') {
  throw new Error('grading import test: LibreOffice (soffice) is required under CI');
}

/** The workbook converted by LibreOffice (`to`: 'xlsx' or 'csv'), in a private profile. */
function throughLibreOffice(base64: string, to: 'xlsx' | 'csv'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'grading-import-'));
  try {
    writeFileSync(join(dir, 'sheet.xlsx'), Buffer.from(base64, 'base64'));
    const filter =
      to === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'csv:Text - txt - csv (StarCalc):44,34,76,1';
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        filter,
        '--outdir',
        join(dir, 'out'),
        join(dir, 'sheet.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return readFileSync(join(dir, 'out', `sheet.${to}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 fields of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const REASONS = [
  '-下调一档，班子不团结',
  '=HYPERLINK("http://x.test","点我")',
  '+上调：群众满意',
  '@全体 复核',
  '第一行\r\n第二行',
  '年度考核',
];

describe.each(TEST_DRIVERS)('grading import counts on %s', (driver) => {
  let handle: DatabaseHandle;
  let township: Awaited<ReturnType<typeof callerAs>>['api'];
  let ids: number[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: township } = await callerAs(handle, 'township'));
    ids = (
      await handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .where(between(orgs.regionCode, QIMING, '430702001999'))
        .orderBy(asc(orgs.regionCode), asc(orgs.id))
    ).map((o) => o.id);
    // Every org graded 较好, with reasons a person might type (formula-like, CR LF, CJK mixes).
    for (const [i, orgId] of ids.entries())
      await township.grading.set({ orgId, year: YEAR, grade: 'fair', reason: REASONS[i % 6] });
  });
  afterAll(async () => {
    await handle.close();
  });

  const gradeRows = async () =>
    (await handle.db.select({ n: count() }).from(orgGrades).where(eq(orgGrades.year, YEAR)))[0]
      ?.n ?? 0;

  /** The exported sheet with 本年等次 set to `label` on its first `n` data rows, the rest kept. */
  async function sheetChangingFirst(n: number, label = '好'): Promise<string> {
    const exported = await township.grading.exportSheet({ regionCode: QIMING, year: YEAR });
    const wb = new ExcelJS.Workbook();
    const bytes = Buffer.from(exported.base64, 'base64');
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    for (let r = 2; r < 2 + n; r++) sheet.getRow(r).getCell(8).value = label;
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  it('a re-imported export changes nothing, whatever the reasons hold (formula-like text, CR LF line ends)', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const before = await gradeRows();
    const exported = await township.grading.exportSheet({ regionCode: QIMING, year: YEAR });
    const result = await township.grading.importSheet({
      regionCode: QIMING,
      year: YEAR,
      base64: exported.base64,
    });
    expect(result).toEqual({
      ok: true,
      rowCount: ids.length,
      changed: 0,
      unchanged: ids.length,
      skipped: 0,
    });
    expect(await gradeRows()).toBe(before);
  });

  it.skipIf(!HAS_SOFFICE)(
    'a sheet where 4 grades changed and the other rows keep theirs counts 4 changed, also after LibreOffice saved it again',
    async () => {
      const base64 = await sheetChangingFirst(4);
      const before = await gradeRows();
      const resaved = throughLibreOffice(base64, 'xlsx').toString('base64');
      const result = await township.grading.importSheet({
        regionCode: QIMING,
        year: YEAR,
        base64: resaved,
      });
      expect(result).toEqual({
        ok: true,
        rowCount: ids.length,
        changed: 4,
        unchanged: ids.length - 4,
        skipped: 0,
      });
      // Only the 4 changed orgs got a new grade row (the old ones kept as history).
      expect(await gradeRows()).toBe(before + 4);
      // The same sheet as ExcelJS wrote it now changes nothing: the four are current.
      const again = await township.grading.importSheet({ regionCode: QIMING, year: YEAR, base64 });
      expect(again).toMatchObject({ ok: true, changed: 0, unchanged: ids.length });
      const list = await township.grading.list({
        regionCode: QIMING,
        year: YEAR,
        page: 1,
        pageSize: 200,
      });
      expect(list.items.find((o) => o.id === ids[0])).toMatchObject({
        grade: 'good',
        reason: REASONS[0],
      });
    },
  );

  it.skipIf(!HAS_SOFFICE)(
    'text a user typed stays text when the exported sheet is saved as CSV; numbers stay numbers',
    async () => {
      const exported = await township.grading.exportSheet({ regionCode: QIMING, year: YEAR });
      const csv = csvRows(throughLibreOffice(exported.base64, 'csv').toString('utf8'));
      expect(csv[0]?.slice(0, 2)).toEqual(['组织编号', '党组织名称']);
      const reasons = csv.slice(1).map((r) => r[8] ?? '');
      for (const reason of reasons) expect(reason).not.toMatch(/^[=+\-@\t\r]/);
      expect(reasons).toContain(`'=HYPERLINK("http://x.test","点我")`);
      expect(reasons).toContain("'-下调一档，班子不团结");
      expect(reasons).toContain("'+上调：群众满意");
      expect(reasons).toContain("'@全体 复核");
      expect(reasons).toContain('年度考核');
      // 组织编号 is written as a number: the CSV holds the digits alone.
      expect(csv.slice(1).map((r) => r[0])).toEqual(ids.map(String));
    },
  );

  it('an import supersedes the current grade of each changed org, linked to its new grade, and writes one audit row per changed org with before and after, from the same account as the summary', async () => {
    const changedIds = ids.slice(0, 3);
    const current = await handle.db
      .select()
      .from(orgGrades)
      .where(
        and(
          inArray(orgGrades.orgId, changedIds),
          eq(orgGrades.year, YEAR),
          isNull(orgGrades.supersededAt),
        ),
      );
    expect(current).toHaveLength(3);
    const [lastAudit] = await handle.db.select({ id: max(auditLog.id) }).from(auditLog);
    const base64 = await sheetChangingFirst(3, '一般');
    const result = await township.grading.importSheet({ regionCode: QIMING, year: YEAR, base64 });
    expect(result).toEqual({
      ok: true,
      rowCount: ids.length,
      changed: 3,
      unchanged: ids.length - 3,
      skipped: 0,
    });

    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastAudit?.id ?? 0))
      .orderBy(asc(auditLog.id));
    const summary = defined(audits.at(-1));
    expect(summary).toMatchObject({
      procedure: 'grading.importSheet',
      target: `grading:${QIMING}:${YEAR}`,
      after: { import: 'written', rows: ids.length, changed: 3, unchanged: ids.length - 3 },
    });
    const perOrg = audits.slice(0, -1);
    expect(perOrg.map((a) => a.target).sort()).toEqual(changedIds.map((id) => `org:${id}`).sort());
    for (const old of current) {
      const rows = await handle.db
        .select()
        .from(orgGrades)
        .where(and(eq(orgGrades.orgId, old.orgId), eq(orgGrades.year, YEAR)))
        .orderBy(asc(orgGrades.id));
      const now = defined(rows.find((r) => r.supersededAt === null));
      expect(now).toMatchObject({ grade: 'average', reason: old.reason, gradedBy: summary.userId });
      expect(rows.find((r) => r.id === old.id)).toMatchObject({ supersededBy: now.id });
      expect(defined(rows.find((r) => r.id === old.id)).supersededAt).toBeInstanceOf(Date);
      expect(perOrg.find((a) => a.target === `org:${old.orgId}`)).toMatchObject({
        procedure: 'grading.importSheet',
        userId: summary.userId,
        username: 'township',
        role: summary.role,
        actorRegionCode: summary.actorRegionCode,
        regionCode: now.regionCode,
        ip: summary.ip,
        before: { year: YEAR, grade: old.grade, reason: old.reason, gradeId: old.id },
        after: { year: YEAR, grade: 'average', reason: old.reason, gradeId: now.id },
      });
    }
  });
});
