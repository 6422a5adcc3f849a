import { defined } from '@dangjian/db';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { DatabaseHandle } from '@dangjian/db';
import { orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';
import { cellText, loadWorkbook, safeText, splitLines, textWidth } from './workbook';

/*
 * Every .xlsx the platform exports, printed as a person would: LibreOffice converts each workbook
 * to PDF (one soffice run for all of them) and the PDF is checked page by page — A4 paper, the
 * header row on every page, small forms on one page. Needs LibreOffice (soffice) and poppler
 * (pdfinfo, pdftotext); .ci/run installs both. Under CI a missing soffice fails the test.
 */

const CITY = '430700000000';
const WULING = '430702000000';
const DINGCHENG = '430703000000';
const QIMING = '430702001000';
const BAIHE = '430702102000';

function which(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_TOOLS = which('soffice') && which('pdfinfo') && which('pdftotext');
if (!HAS_TOOLS && process.env.CI === 'true') {
  throw new Error(
    'print test: LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext) are required under CI — .ci/run installs them',
  );
}
if (!HAS_TOOLS) {
  console.warn(
    'print test skipped: install libreoffice-calc-nogui and poppler-utils (apt-get install -y libreoffice-calc-nogui poppler-utils) to run it',
  );
}

interface Exported {
  key: string;
  base64: string;
}

interface Printed {
  pages: { width: number; height: number; text: string }[];
}

/** One file of a zip (an .xlsx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  const entries = zip.readUInt16LE(end + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not in the workbook`);
}

/** Text without any whitespace (pdftotext spaces CJK text out in layout mode). */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The header row of each sheet: the last row printed on every page, or row 1 for forms without. */
async function headerMarkers(base64: string): Promise<string[][]> {
  const workbook = defined(await loadWorkbook(base64));
  return workbook.worksheets.map((sheet) => {
    const titles = sheet.pageSetup.printTitlesRow;
    if (!titles) return [];
    const last = Number(titles.split(':')[1]);
    const texts: string[] = [];
    sheet.getRow(last).eachCell((cell) => {
      const t = squash(cellText(cell.value));
      if (t && !texts.includes(t)) texts.push(t);
    });
    return texts;
  });
}

describe.skipIf(!HAS_TOOLS)('every exported workbook prints on A4 like the paper form', () => {
  let handle: DatabaseHandle;
  const files: Exported[] = [];
  const printed = new Map<string, Printed>();
  let dir: string;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    const county = (await callerAs(handle, 'county_admin')).api;
    const county2 = (await callerAs(handle, 'county2_admin')).api;
    const township = (await callerAs(handle, 'township')).api;
    const city = (
      await callerAs(handle, 'city_admin', { now: () => new Date('2032-03-01T02:00:00Z') })
    ).api;
    const trainer = (await callerAs(handle, 'trainer')).api;
    const poverty = (
      await callerAs(handle, 'poverty', { now: () => new Date('2026-11-25T04:00:00Z') })
    ).api;

    // 附件3 with exactly one case: a rural village org of 武陵区 whose committee is overdue (2031).
    const [village] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(
        and(
          between(orgs.regionCode, WULING, '430702999999'),
          eq(regions.level, 'village'),
          eq(orgs.category, 'rural'),
        ),
      )
      .orderBy(asc(orgs.id))
      .limit(1);
    await county.rectification.create({
      orgId: defined(village).id,
      year: 2031,
      criteria: ['term_overdue', 'team_incomplete'],
      workTeam: { leader: '李组长（组织委员）', members: ['王成员'] },
      leadingCadre: { name: '周书记', post: '镇党委副书记' },
      problems: [
        {
          description:
            '=村党组织长期未换届，班子成员缺额两名，书记外出务工半年以上，组织生活无法正常开展',
          measures: ['县乡两级选派指导组进驻，年内依法依规完成换届选举'],
          goal: '选优配强班子',
          deadline: '2031-06-30',
          responsiblePerson: '责任人甲',
        },
      ],
    });
    const run = await county.pay.commit({
      regionCode: BAIHE,
      year: 2025,
      mode: 'pool',
      poolFen: 123_456_789,
    });

    const add = async (key: string, file: Promise<{ base64: string }>) => {
      files.push({ key, base64: (await file).base64 });
    };
    await add('grading', township.grading.exportSheet({ regionCode: QIMING, year: 2024 }));
    await add('payroll', county.pay.exportPayroll({ id: run.id }));
    await add(
      'summary-city',
      city.rectification.exportForm({ regionCode: CITY, year: 2026, form: 'summary' }),
    );
    await add(
      'brief-city',
      city.rectification.exportForm({ regionCode: CITY, year: 2026, form: 'brief' }),
    );
    await add(
      'election-city',
      city.rectification.exportForm({ regionCode: CITY, year: 2026, form: 'election' }),
    );
    await add(
      'election-one',
      county.rectification.exportForm({ regionCode: WULING, year: 2031, form: 'election' }),
    );
    await add(
      'brief-one',
      county.rectification.exportForm({ regionCode: WULING, year: 2031, form: 'brief' }),
    );
    await add('cadre-pay', county.floors.cadrePayTemplate({ regionCode: WULING, year: 2026 }));
    await add('coverage', county.coverage.export({ regionCode: WULING }));
    await add('demo-sites', county.demoSites.export({ regionCode: WULING, year: 2026 }));
    await add('development', county.development.export({ regionCode: WULING, year: 2026 }));
    await add('eligibility', county2.eligibility.export({ regionCode: DINGCHENG, year: 2026 }));
    await add(
      'meetings',
      county.meetings.export({ regionCode: WULING, from: '2026-10-01', to: '2026-12-31' }),
    );
    await add('reserves', county.reserves.export({ regionCode: WULING }));
    await add('terms', county.terms.export({ regionCode: WULING }));
    await add('training', trainer.training.coverageExport({ regionCode: WULING, year: 2026 }));
    await add('poverty', poverty.poverty.coverageExport({ regionCode: CITY, year: 2026 }));

    // One soffice run converts them all (LibreOffice starts slowly; a private profile avoids
    // clashing with any other instance).
    dir = mkdtempSync(join(tmpdir(), 'print-test-'));
    const paths = files.map((f) => {
      const path = join(dir, `${f.key}.xlsx`);
      writeFileSync(path, Buffer.from(f.base64, 'base64'));
      return path;
    });
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'pdf'),
        ...paths,
      ],
      { stdio: 'ignore', timeout: 150_000 },
    );
    for (const f of files) {
      const pdf = join(dir, 'pdf', `${f.key}.pdf`);
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map(
        (m) => ({ width: Number(m[1]), height: Number(m[2]) }),
      );
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const pageTexts = text.split('\f');
      printed.set(f.key, {
        pages: sizes.map((s, i) => ({ ...s, text: pageTexts[i] ?? '' })),
      });
    }
  }, 400_000);

  afterAll(async () => {
    await handle.close();
    // PRINT_TEST_KEEP=1 keeps the .xlsx and .pdf files to look at.
    if (dir && process.env.PRINT_TEST_KEEP) console.log(`print test files kept in ${dir}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('LibreOffice printed every exported workbook', () => {
    expect(files).toHaveLength(17);
    const made = readdirSync(join(dir, 'pdf')).sort();
    expect(made).toEqual(files.map((f) => `${f.key}.pdf`).sort());
    for (const f of files)
      expect(defined(printed.get(f.key)).pages.length, f.key).toBeGreaterThan(0);
  });

  it('every page of every export is A4 (595 × 842 pt, or 842 × 595 pt landscape)', () => {
    for (const f of files) {
      for (const [i, p] of defined(printed.get(f.key)).pages.entries()) {
        const [short, long] = [Math.min(p.width, p.height), Math.max(p.width, p.height)];
        expect([Math.round(short), Math.round(long)], `${f.key} page ${i + 1}`).toEqual([595, 842]);
      }
    }
  });

  it('wide tables print landscape: the payroll, 附件2/3 and the grading sheet', () => {
    for (const key of ['payroll', 'brief-city', 'election-one', 'grading', 'cadre-pay']) {
      const first = defined(defined(printed.get(key)).pages[0]);
      expect(first.width, key).toBeGreaterThan(first.height);
    }
    const summary = defined(defined(printed.get('summary-city')).pages[0]);
    expect(summary.height).toBeGreaterThan(summary.width);
  });

  it('every printed page carries its sheet’s header row (all its headings: no column cut onto another page)', async () => {
    let multiPage = 0;
    for (const f of files) {
      const markers = (await headerMarkers(f.base64)).filter((m) => m.length > 0);
      if (markers.length === 0) continue;
      const pages = defined(printed.get(f.key)).pages;
      if (pages.length > 1) multiPage++;
      for (const [i, page] of pages.entries()) {
        const text = squash(page.text);
        // a heading wrapped inside its cell leaves its tail on a line of its own: its first 60 % counts
        const shown = (h: string) =>
          text.includes(h.slice(0, Math.max(2, Math.ceil(h.length * 0.6))));
        const carried = markers.some((headings) => headings.every(shown));
        expect(carried, `${f.key} page ${i + 1} lacks a header row`).toBe(true);
      }
    }
    // The city's 附件2 and the cadre-pay template of a county run over several pages.
    expect(defined(printed.get('brief-city')).pages.length).toBeGreaterThan(1);
    expect(multiPage).toBeGreaterThanOrEqual(3);
  });

  it('附件1 prints each category’s table on a page of its own, its labels beside its numbers, rates as percentages', () => {
    const pages = defined(printed.get('summary-city')).pages;
    for (const [i, page] of pages.entries()) {
      const text = squash(page.text);
      // exactly one table (one title), its header and its signature block on each page
      expect(text.split('软弱涣散基层党组织情况汇总表').length - 1, `page ${i + 1}`).toBe(1);
      expect(text).toContain('数量（个）');
      expect(text).toContain('所辖基层党组织');
      expect(text).toContain('填报单位（盖章）');
      expect(text).toMatch(/\d+\.\d{2}%|——/);
      expect(text).not.toMatch(/(?<![\d.])\d{1,3}\.\d{2}(?!%|\d)/);
    }
  });

  it('the templates imported back (grading, cadres’ pay) print their title above and the signature line below every page', () => {
    for (const [key, title] of [
      ['grading', '2024年度基层党组织分类定级表'],
      ['cadre-pay', '武陵区2026年'],
    ] as const) {
      for (const [i, page] of defined(printed.get(key)).pages.entries()) {
        const text = squash(page.text);
        expect(text, `${key} page ${i + 1}`).toContain(title);
        expect(text, `${key} page ${i + 1}`).toContain('填报单位（盖章）');
        expect(text, `${key} page ${i + 1}`).toContain('填报日期');
      }
    }
  });

  it('附件3 with one case is exactly one page, title, row and signature block together', () => {
    const pages = defined(printed.get('election-one')).pages;
    expect(pages).toHaveLength(1);
    const text = squash(defined(pages[0]).text);
    expect(text).toContain('党组织换届选举难点村简要情况一览表');
    expect(text).toContain('填报单位（盖章）');
    expect(text).toContain('审核人');
    expect(text).toContain('联系电话');
    expect(defined(printed.get('brief-one')).pages).toHaveLength(1);
  });

  it('the payroll is bordered and carries 制表人, 审核人 and 负责人 signatures', async () => {
    const text = squash(
      defined(printed.get('payroll'))
        .pages.map((p) => p.text)
        .join(''),
    );
    for (const s of ['制表人（签字）', '审核人（签字）', '负责人（签字）', '填报单位（盖章）'])
      expect(text).toContain(s);
    const sheet = defined(
      defined(await loadWorkbook(defined(files.find((f) => f.key === 'payroll')).base64))
        .worksheets[0],
    );
    expect(sheet.getCell('D4').border.left?.style).toBe('thin');
    expect(sheet.getCell('H4').numFmt).toBe('#,##0.00');
  });
});

describe('text a user typed cannot become a formula', () => {
  it('text beginning with = + - @ or a tab gets a leading apostrophe; other text is unchanged', () => {
    expect(safeText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(safeText('+86 138')).toBe(`'+86 138`);
    expect(safeText('-1')).toBe(`'-1`);
    expect(safeText('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(safeText('\tx')).toBe(`'\tx`);
    expect(safeText('启明街道')).toBe('启明街道');
    expect(safeText(null)).toBeNull();
  });

  it('a note under a list prints in lines no wider than the table, broken between phrases', () => {
    const note =
      '全市每年发展党员 5000 名左右，以县一级党委、高校党委为单位控制（常委〔2012〕5号 第十一条）。执行政策：常委〔2012〕5号 + 参照执行岳阳市委组织部2015年基层党建通知 + 参照执行娄组通〔2014〕10号';
    const lines = splitLines(note, 60);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(58);
    expect(lines.some((l) => l.includes('执行政策：常委〔2012〕5号'))).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(note.replace(/\s/g, ''));
  });

  it('the apostrophe is dropped again when a sheet is read back', () => {
    expect(cellText(safeText('=1+1'))).toBe('=1+1');
    expect(cellText("'text")).toBe("'text");
  });

  it('the grading sheet writes its grade drop-down once, over the whole column', async () => {
    const { buildGradingSheet } = await import('./grading-sheet');
    const rows = Array.from({ length: 11 }, (_, i) => ({
      orgId: i + 1,
      name: i === 0 ? '=cmd|calc' : `党支部${i}`,
      regionCode: '430702001001',
      regionName: '启明街道',
      kind: 'branch' as const,
      category: 'street_community' as const,
      lastYearGrade: null,
      grade: null,
      reason: null,
    }));
    const base64 = await buildGradingSheet(2024, rows);
    const sheet = defined(defined(await loadWorkbook(base64)).worksheets[0]);
    expect(sheet.getCell('B2').value).toBe("'=cmd|calc");
    const xml = zipEntry(Buffer.from(base64, 'base64'), 'xl/worksheets/sheet1.xml');
    const ranges = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(ranges).toEqual(['H2:H12']);
  });
});
