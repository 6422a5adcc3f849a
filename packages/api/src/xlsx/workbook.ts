import ExcelJS from 'exceljs';

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
 * apostrophe. `cellText` strips that apostrophe again when a sheet is imported.
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
    const code = ch.codePointAt(0)!;
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

/** An uploaded .xlsx, or null when the bytes are not a workbook. */
export async function loadWorkbook(base64: string): Promise<ExcelJS.Workbook | null> {
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
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
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

/**
 * Opens the first worksheet of an uploaded workbook whose row 1 holds the column headings:
 * refuses a file that is not a workbook, a missing required heading, and more data rows than
 * `maxRows`; otherwise returns the sheet and `read(row, heading)`, the trimmed text of that
 * column in that row ('' when the column is absent). Columns are found by heading, so a sheet
 * whose columns were reordered still imports.
 */
export async function openImportSheet(
  base64: string,
  required: readonly string[],
  maxRows: number,
): Promise<
  | { issues: SheetIssue[] }
  | { sheet: ExcelJS.Worksheet; read: (row: ExcelJS.Row, heading: string) => string }
> {
  const workbook = await loadWorkbook(base64);
  if (!workbook)
    return { issues: [{ row: 0, column: '文件', message: '文件不是有效的 Excel（.xlsx）工作簿' }] };
  const sheet = workbook.worksheets[0];
  if (!sheet) return { issues: [{ row: 0, column: '文件', message: '工作簿中没有工作表' }] };
  const columnOf = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    columnOf.set(cellText(cell.value), col);
  });
  const missing = required
    .filter((h) => !columnOf.has(h))
    .map((h) => sheetIssue(1, h, '缺少此列（第 1 行应为列标题）'));
  if (missing.length > 0) return { issues: missing };
  if (sheet.rowCount - 1 > maxRows)
    return { issues: [{ row: 0, column: '文件', message: `一次最多导入 ${maxRows} 行` }] };
  return {
    sheet,
    read: (row, heading) => {
      const col = columnOf.get(heading);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    },
  };
}
