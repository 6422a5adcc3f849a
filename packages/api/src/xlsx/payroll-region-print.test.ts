import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';
import { loadWorkbook } from './workbook';

/*
 * A county's payroll (a summary, then one sheet per township) printed as a person would:
 * LibreOffice converts it to PDF and the PDF is checked page by page, like print.test.ts does for
 * every other export. Needs LibreOffice (soffice) and poppler (pdfinfo, pdftotext); under CI a
 * missing tool fails the test (print.test.ts says so first).
 */

const WULING = '430702000000';

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
  throw new Error('region payroll print test: LibreOffice and poppler-utils are required under CI');
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.runIf(HAS_TOOLS)('a county’s payroll prints on A4, one township after another', () => {
  let handle: DatabaseHandle;
  let dir: string;
  let base64: string;
  let pages: { width: number; height: number; text: string }[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    const { api } = await callerAs(handle, 'county_admin');
    const job = await api.pay.startRegion({ regionCode: WULING, year: 2026, baseFen: 2_400_000 });
    await api.pay.commitRegion({ id: job.id });
    base64 = (await api.pay.exportRegionPayroll({ regionCode: WULING, year: 2026 })).base64;
    dir = mkdtempSync(join(tmpdir(), 'region-print-'));
    const path = join(dir, 'region.xlsx');
    writeFileSync(path, Buffer.from(base64, 'base64'));
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path,
      ],
      { stdio: 'ignore', timeout: 150_000 },
    );
    const pdf = join(dir, 'region.pdf');
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
    }));
    const texts = execFileSync('pdftotext', ['-layout', pdf, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).split('\f');
    pages = sizes.map((s, i) => ({ ...s, text: texts[i] ?? '' }));
  }, 300_000);

  afterAll(async () => {
    await handle.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every page is A4; the summary prints portrait and each township’s sheet landscape', async () => {
    const workbook = defined(await loadWorkbook(base64));
    expect(pages.length).toBeGreaterThanOrEqual(workbook.worksheets.length);
    for (const [i, p] of pages.entries()) {
      const [short, long] = [Math.min(p.width, p.height), Math.max(p.width, p.height)];
      expect([Math.round(short), Math.round(long)], `page ${i + 1}`).toEqual([595, 842]);
    }
    const first = defined(pages[0]);
    expect(first.height).toBeGreaterThan(first.width);
    expect(squash(first.text)).toContain('报酬发放汇总表');
    const townshipPages = pages.filter((p) => squash(p.text).includes('党组织书记报酬发放表'));
    expect(townshipPages.length).toBeGreaterThanOrEqual(workbook.worksheets.length - 1);
    for (const p of townshipPages) expect(p.width).toBeGreaterThan(p.height);
  });

  it('every page carries its table’s header row, and each township’s sheet its signatures', () => {
    for (const [i, p] of pages.entries()) {
      const text = squash(p.text);
      const summary = ['乡镇（街道）', '核算编号', '金额（元）'].every((h) => text.includes(h));
      const payroll = ['村（社区）', '党组织名称', '等次', '金额（元）'].every((h) =>
        text.includes(h),
      );
      expect(summary || payroll, `page ${i + 1} lacks a header row`).toBe(true);
    }
    const all = squash(pages.map((p) => p.text).join(''));
    for (const s of ['制表人（签字）', '审核人（签字）', '负责人（签字）'])
      expect(all).toContain(s);
  });
});
