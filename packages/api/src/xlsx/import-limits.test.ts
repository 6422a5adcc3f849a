import { createDeflateRaw, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseGradingSheet } from './grading-sheet';
import {
  IMPORT_ZIP_LIMITS,
  importFileSchema,
  loadWorkbook,
  MAX_IMPORT_BASE64,
  openImportSheet,
} from './workbook';
import { readZipDirectory, writeZip, type ZipEntry } from './zip';

/*
 * Uploads are bounded before they are parsed (issue 18): zip bombs, lying zip directories, too
 * many parts and oversized sheets are refused with a Chinese message naming the limit, using
 * little memory, and the sheet is read as a stream that stops at the row limit.
 */

const MB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';
const headingRow = '<row r="1"><c r="A1" t="inlineStr"><is><t>组织编号</t></is></c></row>';

/** A real workbook written by ExcelJS: a heading row and `rows` data rows. */
async function workbookBytes(rows: number, secondSheet = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('定级');
  sheet.addRow(['组织编号', '本年等次', '理由']);
  for (let i = 1; i <= rows; i++) sheet.addRow([i, '好', `理由${i}`]);
  if (secondSheet) wb.addWorksheet('说明').addRow(['不是数据', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function entriesOf(zip: Buffer): ZipEntry[] {
  const read = readZipDirectory(zip, { ...IMPORT_ZIP_LIMITS, maxTotalBytes: 2 ** 31 });
  if ('problem' in read) throw new Error(`test workbook unreadable: ${read.problem.kind}`);
  return read.entries;
}

/** The workbook with one part replaced (deflated here; `size` may lie about the inflated size). */
function withPart(zip: Buffer, name: string, part: { data: Buffer; size: number; crc32: number }) {
  const entries = entriesOf(zip).filter((e) => e.name !== name);
  return writeZip([...entries, { name, method: 8, ...part }]);
}

function deflated(xml: string): { data: Buffer; size: number; crc32: number } {
  const bytes = Buffer.from(xml, 'utf8');
  return { data: deflateRawSync(bytes), size: bytes.length, crc32: crc32(bytes) };
}

/**
 * A sheet part of `totalBytes` of identical rows, deflated in chunks (the expanded text is never
 * held whole): ratio about 1000 : 1, the shape of a classic zip bomb.
 */
async function bombSheet(
  totalBytes: number,
): Promise<{ data: Buffer; size: number; crc32: number }> {
  const row = '<row><c t="inlineStr"><is><t>=1+1</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.floor(MB / row.length)), 'utf8');
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let size = 0;
  let crc = 0;
  for (const part of [Buffer.from(HEAD), Buffer.from(headingRow)]) {
    deflate.write(part);
    size += part.length;
    crc = crc32(part, crc);
  }
  while (size < totalBytes) {
    deflate.write(chunk);
    size += chunk.length;
    crc = crc32(chunk, crc);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const tail = Buffer.from(TAIL);
  deflate.end(tail);
  await done;
  return { data: Buffer.concat(out), size: size + tail.length, crc32: crc32(tail, crc) };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * How far memory rises while `work` runs above where it started (after a full collection): the
 * peak of the resident set and of the JS heap plus buffers, sampled every few milliseconds.
 */
async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
  gc();
  const used = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, js: m.heapUsed + m.external };
  };
  const start = used();
  let peak = { rss: 0, js: 0 };
  const sample = () => {
    const now = used();
    peak = { rss: Math.max(peak.rss, now.rss), js: Math.max(peak.js, now.js) };
  };
  const timer = setInterval(sample, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return Math.max(peak.rss - start.rss, peak.js - start.js);
}

async function refusal(base64: string, maxRows = 100): Promise<string> {
  const opened = await openImportSheet(base64, ['组织编号'], maxRows);
  if (!('issues' in opened)) throw new Error('expected the upload to be refused');
  return opened.issues.map((i) => i.message).join('\n');
}

describe('an uploaded workbook is bounded before it is parsed', () => {
  it('a zip bomb whose sheet expands to 128 MB is refused by its directory, naming the 64 MB limit, with little memory used', async () => {
    const base = await workbookBytes(3);
    const bomb = withPart(base, SHEET, await bombSheet(128 * MB));
    expect(bomb.length).toBeLessThan(MB); // a small upload …
    const base64 = bomb.toString('base64');
    let message = '';
    const grown = await peakGrowth(async () => (message = await refusal(base64)));
    console.log(`128 MB bomb refused, memory peak +${(grown / MB).toFixed(1)} MB`);
    expect(message).toBe(
      '文件解压后超过 64 MB 的上限，已拒绝（数据过多或为压缩炸弹），请分成几个文件导入',
    );
    expect(grown).toBeLessThan(16 * MB); // … that would have expanded to 128 MB
    expect(await loadWorkbook(base64)).toBeNull();
  });

  it('a bomb under the size limit is refused by its compression ratio (at most 100 : 1)', async () => {
    const bomb = withPart(await workbookBytes(3), SHEET, await bombSheet(40 * MB));
    const message = await refusal(bomb.toString('base64'));
    expect(message).toMatch(
      /^文件中的部件压缩比为 \d+ : 1，超过 100 : 1 的上限，已拒绝（疑似压缩炸弹）$/,
    );
  });

  it('a zip whose directory understates a part’s size is caught while counting, never holding the expanded bytes', async () => {
    const sheet = await bombSheet(60 * MB);
    // The directory claims 20× the compressed size (under every declared limit); it is 1000×.
    const lying = withPart(await workbookBytes(3), SHEET, {
      ...sheet,
      size: sheet.data.length * 20,
    });
    let message = '';
    const grown = await peakGrowth(async () => (message = await refusal(lying.toString('base64'))));
    console.log(`lying 60 MB bomb refused, memory peak +${(grown / MB).toFixed(1)} MB`);
    expect(message).toBe('文件中部件的实际大小与其记录不符，文件已损坏或被篡改，已拒绝');
    expect(grown).toBeLessThan(16 * MB);
  });

  it('a zip of more than 1,000 parts is refused, naming the limit', async () => {
    const base = entriesOf(await workbookBytes(3));
    const extra = Array.from({ length: 1000 }, (_, i) => ({
      name: `xl/media/pad${i}.txt`,
      method: 0 as const,
      crc32: 0,
      size: 0,
      data: Buffer.alloc(0),
    }));
    const message = await refusal(writeZip([...base, ...extra]).toString('base64'));
    expect(message).toBe(
      `文件包含 ${base.length + 1000} 个部件，超过 1000 个的上限，不是普通的 Excel 工作簿，已拒绝`,
    );
  });

  it('a file over 8 MB is refused by the length of its base64 text, before it is decoded', async () => {
    const tooLong = 'A'.repeat(MAX_IMPORT_BASE64 + 4);
    expect(await refusal(tooLong)).toBe('文件过大：导入的 Excel 文件不能超过 8 MB');
    const parsed = importFileSchema.safeParse(tooLong);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('文件过大：导入的 Excel 文件不能超过 8 MB');
    expect(importFileSchema.safeParse('').error?.issues[0]?.message).toBe('请选择文件');
  });

  it('bytes that are not a zip, or a zip without a worksheet, are not a workbook', async () => {
    const notWorkbook = '文件不是有效的 Excel（.xlsx）工作簿';
    expect(await refusal(Buffer.from('hello').toString('base64'))).toBe(notWorkbook);
    const noSheet = entriesOf(await workbookBytes(1)).filter((e) => e.name !== SHEET);
    expect(await refusal(writeZip(noSheet).toString('base64'))).toBe(notWorkbook);
  });
});

describe('the sheet is read as a stream that stops at the row limit', () => {
  it('a sheet with more rows than the limit is refused at the first row over it, without reading the rest', async () => {
    // 20,000 good rows (about 1 MB, many stream chunks), then XML that is cut off: reading it
    // would fail as "not a workbook", so the row-limit answer proves the reader stopped early.
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i + 1}</v></c></row>`,
    ).join('');
    const cut = `${HEAD}${headingRow}${rows}<row r="20002"><c r="A20002"><v>oops</sheetData>`;
    const zip = withPart(await workbookBytes(1), SHEET, deflated(cut));
    expect(await refusal(zip.toString('base64'), 100)).toBe(
      '数据超过 100 行的上限（一次最多导入 100 行），请分成几个文件导入',
    );
    // The same file under a limit it fits reaches the broken XML and is refused as such.
    expect(await refusal(zip.toString('base64'), 30_000)).toBe(
      '文件不是有效的 Excel（.xlsx）工作簿',
    );
  });

  it('a 300,000-row sheet is refused at row 50,001 quickly and with little memory', async () => {
    const row = (n: number) => `<row r="${n}"><c r="A${n}"><v>${n}</v></c></row>`;
    const parts: string[] = [HEAD, headingRow];
    for (let n = 2; n <= 300_001; n++) parts.push(row(n));
    parts.push(TAIL);
    const sheet = deflated(parts.join(''));
    parts.length = 0;
    const base64 = withPart(await workbookBytes(1), SHEET, sheet).toString('base64');
    let message = '';
    const t0 = performance.now();
    const grown = await peakGrowth(async () => (message = await refusal(base64, 50_000)));
    const ms = performance.now() - t0;
    console.log(
      `300,000-row sheet (${(sheet.size / MB).toFixed(1)} MB of XML) refused in ${Math.round(ms)} ms, memory peak +${(grown / MB).toFixed(1)} MB`,
    );
    expect(message).toBe('数据超过 50000 行的上限（一次最多导入 50000 行），请分成几个文件导入');
    expect(grown).toBeLessThan(64 * MB);
    expect(ms).toBeLessThan(15_000);
  });

  it('a normal workbook imports: headings from row 1, empty rows skipped, only the first sheet', async () => {
    const zip = await workbookBytes(3, true);
    const opened = await openImportSheet(zip.toString('base64'), ['组织编号', '本年等次'], 3);
    expect('rows' in opened).toBe(true);
    if (!('rows' in opened)) return;
    expect(
      opened.rows.map((r) => [r.number, opened.read(r, '组织编号'), opened.read(r, '理由')]),
    ).toEqual([
      [2, '1', '理由1'],
      [3, '2', '理由2'],
      [4, '3', '理由3'],
    ]);
    for (const r of opened.rows) expect(opened.read(r, '不存在的列')).toBe('');
    const parsed = await parseGradingSheet(zip.toString('base64'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toHaveLength(3);
  });

  it('a workbook whose parts come in another order (shared strings after the sheet) still reads', async () => {
    const entries = entriesOf(await workbookBytes(2));
    const reordered = [...entries].reverse();
    const opened = await openImportSheet(writeZip(reordered).toString('base64'), ['组织编号'], 10);
    expect('rows' in opened && opened.rows.map((r) => opened.read(r, '理由'))).toEqual([
      '理由1',
      '理由2',
    ]);
    // The parts are copied as they are: each still inflates to its declared size.
    for (const e of entries) {
      if (e.method === 8) expect(inflateRawSync(e.data).length).toBe(e.size);
    }
  });
});
