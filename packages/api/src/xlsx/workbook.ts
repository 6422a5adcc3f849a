import { defined } from '@dangjian/db';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  checkInflatedSizes,
  readZipDirectory,
  storedEntry,
  writeZip,
  type ZipEntry,
  type ZipLimits,
  type ZipProblem,
} from './zip';

/*
 * The one print setup of every workbook the platform exports (registers, report forms, templates):
 * A4 paper, the orientation the form needs, fit to the page width (as many pages down as it takes),
 * the title and header rows repeated on every printed page, thin borders around the table, number
 * formats (rates as ratios shown 0.00%, yuan #,##0.00), long text wrapped and left-aligned with row
 * heights that show it, a frozen header, page numbers in the footer, and under a submitted form the
 * block a paper form carries (填报单位（盖章）, 填报人, 审核人, 联系电话, 填报日期).
 */

/** ExcelJS/OOXML paper size 9 = A4 (210 × 297 mm). */
export const PAPER_A4 = 9;
export const YUAN_FORMAT = '#,##0.00';
/** Rates are stored as ratios (0.4118) and shown as 41.18%. */
export const RATE_FORMAT = '0.00%';
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
/** Margins in inches (≈ 1.8 cm sides, 2 cm top and bottom; header and footer 0.8 cm). */
export const PRINT_MARGINS = {
  left: 0.7,
  right: 0.7,
  top: 0.8,
  bottom: 0.8,
  header: 0.3,
  footer: 0.3,
} as const;

export interface PrintLayout {
  orientation: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page, e.g. [1, 3] for a title, particulars and header. */
  titleRows?: readonly [number, number];
  /** Rows frozen at the top on screen (usually the last title row). */
  freezeRows?: number;
  /** Text centred in the page footer before the page number (e.g. the signature line of a template). */
  footer?: string;
}

/** A new workbook with the platform as its author. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  workbook.created = new Date();
  return workbook;
}

/** Escapes `&` for a header/footer string (where & starts a code). */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Applies the print setup to a sheet (A4, orientation, fit to width, margins, titles, footer). */
export function setupPrint(sheet: ExcelJS.Worksheet, layout: PrintLayout): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: PAPER_A4,
    orientation: layout.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...PRINT_MARGINS },
  };
  if (layout.titleRows) {
    sheet.pageSetup.printTitlesRow = `${layout.titleRows[0]}:${layout.titleRows[1]}`;
  }
  if (layout.freezeRows) {
    sheet.views = [{ state: 'frozen', ySplit: layout.freezeRows, xSplit: 0 }];
  }
  const page = '第 &P 页，共 &N 页';
  sheet.headerFooter = {
    oddFooter: layout.footer ? `&L${footerText(layout.footer)}&R${page}` : `&C${page}`,
  };
}

/** A new worksheet with the print setup applied; the name is made valid and unique. */
export function addPrintableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  layout: PrintLayout,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(workbook, name));
  setupPrint(sheet, layout);
  return sheet;
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , unique within the workbook. */
export function sheetName(workbook: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '表';
  let candidate = base;
  for (let i = 2; workbook.getWorksheet(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}

/**
 * User text as a cell value that can never turn into a formula, even after the sheet is saved as
 * CSV and opened again: text beginning with = + - @ (or a tab / carriage return) gets a leading
 * apostrophe, as OWASP's CSV-injection advice recommends. The apostrophe is part of the text (not
 * Excel's hidden quotePrefix style, which a CSV save drops), so the CSV keeps it and the value
 * stays text wherever it is opened; numbers are written as numbers and never prefixed. `cellText`
 * strips the apostrophe again when a sheet is imported. Every export writes user text through
 * this (or `safeValue`).
 */
export function safeText(value: string): string;
export function safeText(value: string | null | undefined): string | null | undefined;
export function safeText(value: string | null | undefined): string | null | undefined {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A value for a cell: strings made safe with safeText, numbers and dates as they are. */
export function safeValue<T>(value: T): T | string {
  return typeof value === 'string' ? safeText(value) : value;
}

/** Display width of text in Excel column units: CJK and full-width characters count 2. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = defined(ch.codePointAt(0));
    width += code > 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 2 : 1;
  }
  return width;
}

/**
 * Text cut into lines no wider than `width` column units (for a note printed across a table):
 * lines break after 。；，、 or between the parts of a policy label (" + "), a phrase longer than
 * a line is cut where it must.
 */
export function splitLines(text: string, width: number): string[] {
  const max = Math.max(4, width - 2);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const parts = paragraph.match(/[^。；，、+]*(?:[。；，、]| \+ ?|\+|$)/g)?.filter(Boolean) ?? [];
    let line = '';
    const push = () => {
      if (line.trim()) lines.push(line.trim());
      line = '';
    };
    for (const part of parts) {
      if (line && textWidth(line + part) > max) push();
      for (const ch of part) {
        if (line && textWidth(line + ch) > max) push();
        line += ch;
      }
    }
    push();
  }
  return lines;
}

/** Lines a text needs in a column of the given width when wrapped. */
export function wrappedLines(text: string, columnWidth: number): number {
  const usable = Math.max(1, columnWidth - 1);
  return text
    .split(/\r?\n/)
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Thin borders and vertical centring on every cell of rows [from, to] × columns [1, lastColumn]. */
export function borderTable(
  sheet: ExcelJS.Worksheet,
  from: number,
  to: number,
  lastColumn: number,
): void {
  for (let r = from; r <= to; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= lastColumn; c++) {
      const cell = row.getCell(c);
      cell.border = THIN_BORDER;
      cell.alignment = { vertical: 'middle', ...cell.alignment };
    }
  }
}

/** A bold, centred, wrapped header row with borders and a height that shows its text. */
export function styleHeader(row: ExcelJS.Row, widths: readonly number[]): void {
  row.font = { bold: true };
  let lines = 1;
  widths.forEach((w, i) => {
    const cell = row.getCell(i + 1);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
    lines = Math.max(lines, wrappedLines(cellText(cell.value), w));
  });
  row.height = Math.max(20, lines * 15 + 5);
}

/**
 * Long text columns (1-based) wrapped and left-aligned in rows [from, to], each row as tall as its
 * longest text needs (Excel does not grow rows for wrapped text by itself when printing).
 */
export function wrapColumns(
  sheet: ExcelJS.Worksheet,
  from: number,
  to: number,
  columns: readonly number[],
): void {
  for (let r = from; r <= to; r++) {
    const row = sheet.getRow(r);
    let lines = 1;
    for (const c of columns) {
      const cell = row.getCell(c);
      cell.alignment = {
        ...cell.alignment,
        horizontal: 'left',
        vertical: 'middle',
        wrapText: true,
      };
      lines = Math.max(lines, wrappedLines(cellText(cell.value), sheet.getColumn(c).width ?? 10));
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs leaves a default-height row's height undefined
    if (lines > 1) row.height = Math.max(row.height ?? 0, lines * 15 + 4);
  }
}

/** A title row merged across the table, bold and centred. */
export function addTitleRow(
  sheet: ExcelJS.Worksheet,
  text: string,
  lastColumn: number,
  size = 16,
): ExcelJS.Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, Math.max(1, lastColumn));
  row.font = { bold: true, size };
  row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  row.height = size + 14;
  return row;
}

/** A line of text merged across the table (particulars, a note), wrapped, tall enough to show it. */
export function addTextRow(
  sheet: ExcelJS.Worksheet,
  text: string,
  lastColumn: number,
  totalWidth: number,
): ExcelJS.Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, Math.max(1, lastColumn));
  row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  row.height = Math.max(20, wrappedLines(text, totalWidth) * 15 + 5);
  return row;
}

/** The first line of the block a submitted paper form carries under its table. */
export const SIGNATURE_FIRST = '填报单位（盖章）：';
/** The lines of that block: 填报单位（盖章）, 填报人, 审核人, 联系电话, 填报日期. */
export const SIGNATURE_LINES = [
  `${SIGNATURE_FIRST}\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000填报人：\u3000\u3000\u3000\u3000\u3000\u3000审核人：\u3000\u3000\u3000\u3000\u3000\u3000`,
  '联系电话：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000填报日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日',
] as const;
/** The payroll's own line: who drew it up, who checked it, who is responsible — each signs. */
export const PAYROLL_SIGNATURE_LINE =
  '制表人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000审核人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000负责人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000';
/** The same block on one line, for the page footer of a template that is imported back. */
export const SIGNATURE_FOOTER =
  '填报单位（盖章）：　　　　　填报人：　　　　审核人：　　　　联系电话：　　　　　　填报日期：　　年　　月　　日';

/**
 * The block under a submitted form's table: an empty row, then 填报单位（盖章）/填报人/审核人 and
 * 联系电话/填报日期 (plus any extra lines, e.g. the payroll's signatures), each merged across the
 * table. Returns the number of the block's first line.
 */
export function addSignatureBlock(
  sheet: ExcelJS.Worksheet,
  lastColumn: number,
  extraLines: readonly string[] = [],
): number {
  sheet.addRow([]);
  let first = 0;
  for (const line of [...SIGNATURE_LINES, ...extraLines]) {
    const row = sheet.addRow([line]);
    if (!first) first = row.number;
    sheet.mergeCells(row.number, 1, row.number, Math.max(1, lastColumn));
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'bottom' };
    row.height = 30;
  }
  return first;
}

/** One drop-down list validation over a whole column range (e.g. 'H2:H120'), written once. */
export function addListValidation(
  sheet: ExcelJS.Worksheet,
  range: string,
  validation: ExcelJS.DataValidation,
): void {
  // ExcelJS's per-cell validations are merged on write by address order ("H10" < "H2"), which
  // writes overlapping ranges (H10:H12 and H2:H12); a single range entry is written as given.
  (
    sheet as unknown as {
      dataValidations: { add(address: string, v: ExcelJS.DataValidation): void };
    }
  ).dataValidations.add(range, validation);
}

/** The workbook serialised for a tRPC answer (`{ filename, base64 }`). */
export async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer).toString('base64');
}

/*
 * Uploads are bounded before they are parsed (issue 18): the base64 text by its length (the zod
 * schema `importFileSchema`, and again here), the zip by its central directory (entry count, every
 * declared size, the total, the compression ratio) and by the sizes its entries really inflate to
 * (counted, never kept), and the sheet is then read as a stream that stops at the row limit. A zip
 * bomb or an oversized sheet is refused with a message naming the limit, using a few megabytes.
 */

/** Largest .xlsx an import accepts; a province's 50,000-row grading sheet is 2.5 MB. */
export const MAX_IMPORT_FILE_BYTES = 8 * 1024 * 1024;
/** The same limit on the base64 text that carries the file (4 characters per 3 bytes). */
export const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;
const MB = 1024 * 1024;
const FILE_TOO_LARGE = `文件过大：导入的 Excel 文件不能超过 ${MAX_IMPORT_FILE_BYTES / MB} MB`;

/**
 * What an uploaded workbook may expand to. The 50,000-row grading sheet (the largest import)
 * inflates to 28.5 MB in 16 parts at a ratio of at most 16 : 1; the ratio limit is Apache POI's
 * (ZipSecureFile: 1 % minimum inflate ratio, checked above 100 KiB).
 */
export const IMPORT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalBytes: 64 * MB,
  maxRatio: 100,
  ratioGraceBytes: 100 * 1024,
};

/** The base64 field of every import procedure: a file, at most MAX_IMPORT_FILE_BYTES. */
export const importFileSchema = z
  .string()
  .min(1, '请选择文件')
  .max(MAX_IMPORT_BASE64, FILE_TOO_LARGE);

const NOT_A_WORKBOOK = '文件不是有效的 Excel（.xlsx）工作簿';

/** The Chinese reason a zip is refused, naming the limit it broke. */
function zipProblemText(p: ZipProblem, limits: ZipLimits): string {
  switch (p.kind) {
    case 'not-zip':
      return NOT_A_WORKBOOK;
    case 'unsupported':
      return '文件使用了不支持的压缩方式（加密、分卷或 ZIP64），请在 Excel 中另存为 .xlsx 后再导入';
    case 'too-many-entries':
      return `文件包含 ${p.count} 个部件，超过 ${limits.maxEntries} 个的上限，不是普通的 Excel 工作簿，已拒绝`;
    case 'too-large':
      return `文件解压后超过 ${limits.maxTotalBytes / MB} MB 的上限，已拒绝（数据过多或为压缩炸弹），请分成几个文件导入`;
    case 'ratio':
      return `文件中的部件压缩比为 ${Math.round(p.ratio)} : 1，超过 ${limits.maxRatio} : 1 的上限，已拒绝（疑似压缩炸弹）`;
    case 'size-mismatch':
      return '文件中部件的实际大小与其记录不符，文件已损坏或被篡改，已拒绝';
  }
}

/** The parts of an .xlsx the import reader needs, in the order it needs them. */
const WORKBOOK_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
] as const;
const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/**
 * Checks an uploaded .xlsx before anything parses it and returns the zip to hand to ExcelJS: the
 * base64 length, the zip directory against `limits`, the real inflated sizes. The zip returned
 * holds only the workbook, its relations, styles, shared strings and worksheets, in that order
 * (so ExcelJS's stream reader never parks a worksheet in a temporary file), and always has a
 * shared-strings part.
 */
export async function checkUpload(
  base64: string,
  limits: ZipLimits = IMPORT_ZIP_LIMITS,
): Promise<{ zip: Buffer } | { refused: string }> {
  const read = readUpload(base64, limits);
  if ('refused' in read) return read;
  const byName = new Map(read.entries.map((e) => [e.name, e]));
  const sheets = read.entries
    .flatMap((e) => {
      const m = SHEET_PART.exec(e.name);
      return m ? [{ e, n: Number(m[1]) }] : [];
    })
    .sort((a, b) => a.n - b.n)
    .map((s) => s.e);
  if (!byName.has('xl/workbook.xml') || sheets.length === 0) return { refused: NOT_A_WORKBOOK };
  const parts = [
    ...WORKBOOK_PARTS.map(
      (name) =>
        byName.get(name) ??
        (name === 'xl/sharedStrings.xml' ? storedEntry(name, EMPTY_SHARED_STRINGS) : null),
    ).filter((e) => e !== null),
    ...sheets,
  ];
  const problem = await checkInflatedSizes(parts);
  if (problem) return { refused: zipProblemText(problem, limits) };
  return { zip: writeZip(parts) };
}

/** The base64 length, then the zip directory (nothing inflated yet). */
function readUpload(
  base64: string,
  limits: ZipLimits,
): { entries: ZipEntry[] } | { refused: string } {
  if (base64.length > MAX_IMPORT_BASE64) return { refused: FILE_TOO_LARGE };
  const read = readZipDirectory(Buffer.from(base64, 'base64'), limits);
  return 'problem' in read ? { refused: zipProblemText(read.problem, limits) } : read;
}

/**
 * An uploaded .xlsx loaded whole (tests read exports back with it), or null when the bytes are
 * not a workbook or break the upload limits (every part's real size is checked first). Imports
 * read through `openImportSheet`, which streams and stops at the row limit.
 */
export async function loadWorkbook(base64: string): Promise<ExcelJS.Workbook | null> {
  const read = readUpload(base64, IMPORT_ZIP_LIMITS);
  if ('refused' in read || (await checkInflatedSizes(read.entries))) return null;
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.from(base64, 'base64');
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return workbook;
  } catch {
    return null;
  }
}

/** A cell's value as trimmed text, whatever Excel stored (number, rich text, formula result, date). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapeText(value.trim());
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // LibreOffice and WPS save text mixing Latin and CJK as rich text (one run per font), so the
  // apostrophe an export put before "-下调" comes back as its own run: unescape the joined text.
  if ('richText' in value)
    return unescapeText(
      value.richText
        .map((t) => t.text)
        .join('')
        .trim(),
    );
  if ('text' in value && typeof value.text === 'string') return unescapeText(value.text.trim());
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result);
  if ('error' in value) return String(value.error);
  return '';
}

/** Undoes safeText: an apostrophe before = + - @ written by an export is not part of the text. */
function unescapeText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A percentage with two decimals (41.18) as the ratio a cell stores (0.4118), exactly rounded. */
export function ratioOf(percent: number): number {
  return Math.round(percent * 100) / 10000;
}

/** A problem found in an uploaded sheet, by row and column heading. */
export interface SheetIssue {
  row: number;
  column: string;
  message: string;
}

/** "第 5 行「本年等次」：…" — how every import error is worded. */
export function sheetIssue(row: number, column: string, detail: string): SheetIssue {
  return { row, column, message: `第 ${row} 行「${column}」：${detail}` };
}

/** A data row of an uploaded sheet: its number as Excel shows it and its cell values by column. */
export interface ImportRow {
  number: number;
  /** 1-based: values[3] is column C (ExcelJS `row.values`). */
  values: readonly ExcelJS.CellValue[];
}

/** The parts of ExcelJS's stream reader that say which worksheet is the first (not in its types). */
interface WorkbookReaderState {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
}

/**
 * Opens the first worksheet of an uploaded workbook whose row 1 holds the column headings:
 * refuses a file that is too large or not a workbook, a zip bomb (`checkUpload`), a missing
 * required heading, and more than `maxRows` non-empty data rows — the sheet is read as a stream
 * and reading stops at the first row over the limit, so an oversized sheet is never held whole.
 * Otherwise returns the non-empty data rows and `read(row, heading)`, the trimmed text of that
 * column in that row ('' when the column is absent). Columns are found by heading, so a sheet
 * whose columns were reordered still imports.
 */
export async function openImportSheet(
  base64: string,
  required: readonly string[],
  maxRows: number,
  limits: ZipLimits = IMPORT_ZIP_LIMITS,
): Promise<
  | { issues: SheetIssue[] }
  | { rows: ImportRow[]; read: (row: ImportRow, heading: string) => string }
> {
  const fileIssue = (message: string) => ({ issues: [{ row: 0, column: '文件', message }] });
  const checked = await checkUpload(base64, limits);
  if ('refused' in checked) return fileIssue(checked.refused);
  const input = Readable.from([checked.zip]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const state = reader as unknown as WorkbookReaderState;
  const columnOf = new Map<string, number>();
  const read = (row: ImportRow, heading: string) => {
    const col = columnOf.get(heading);
    return col === undefined ? '' : cellText(row.values[col] ?? null);
  };
  const missingHeadings = () =>
    required
      .filter((h) => !columnOf.has(h))
      .map((h) => sheetIssue(1, h, '缺少此列（第 1 行应为列标题）'));
  try {
    for await (const worksheet of reader) {
      // Parts come in WORKBOOK_PARTS order, so the workbook and its relations are known here.
      const first = state.model?.sheets?.[0];
      const rel = first && state.workbookRels?.find((r) => r.Id === first.rId);
      // ExcelJS names a worksheet only when its relation targets "worksheets/sheetN.xml";
      // otherwise the first worksheet part is taken.
      const named = rel !== undefined && /^worksheets\/sheet\d+\.xml$/.test(rel.Target);
      if (named && (worksheet as unknown as { name: string }).name !== first?.name) continue;
      const rows: ImportRow[] = [];
      for await (const row of worksheet) {
        const cells = row.values;
        const values = Array.isArray(cells) ? cells : [];
        if (row.number === 1) {
          values.forEach((v, col) => {
            const heading = cellText(v ?? null);
            if (heading && !columnOf.has(heading)) columnOf.set(heading, col);
          });
          if (missingHeadings().length > 0) break;
          continue;
        }
        if (columnOf.size === 0) break; // no heading row: reported below
        if (!values.some((v) => cellText(v ?? null) !== '')) continue;
        if (rows.length >= maxRows)
          return fileIssue(
            `数据超过 ${maxRows} 行的上限（一次最多导入 ${maxRows} 行），请分成几个文件导入`,
          );
        rows.push({ number: row.number, values });
      }
      const missing = missingHeadings();
      return missing.length > 0 ? { issues: missing } : { rows, read };
    }
    return fileIssue('工作簿中没有工作表');
  } catch {
    return fileIssue(NOT_A_WORKBOOK);
  } finally {
    input.destroy();
  }
}
