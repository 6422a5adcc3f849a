import type ExcelJS from 'exceljs';
import {
  addPrintableSheet,
  addTitleRow,
  borderTable,
  newWorkbook,
  ratioOf,
  RATE_FORMAT,
  safeValue,
  splitLines,
  styleHeader,
  toBase64,
  wrapColumns,
  YUAN_FORMAT,
} from './workbook';

export interface ListColumn<R> {
  header: string;
  width: number;
  value: (row: R) => string | number | null;
  /**
   * How the column prints: 'percent' — the value is a percentage (41.18), stored as the ratio
   * 0.4118 and shown 41.18%; 'rate' — the value is already a ratio; 'yuan' — an amount in yuan
   * (#,##0.00); 'text' — long text, wrapped and left-aligned. Columns wider than 30 wrap anyway.
   */
  format?: 'percent' | 'rate' | 'yuan' | 'text';
}

export interface ListSheet<R> {
  /** Worksheet name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** Title in the first row, e.g. "武陵区 2026 年非公企业和社会组织党组织覆盖情况（截至 2026-11-25）". */
  title: string;
  columns: readonly ListColumn<R>[];
  rows: readonly R[];
  /** A note under the table: policy version and the notice the rules come from. */
  note?: string;
}

/** Tables wider than this (in Excel column units) print landscape. */
const PORTRAIT_MAX_WIDTH = 100;

function addSheet<R>(workbook: ExcelJS.Workbook, s: ListSheet<R>): void {
  const widths = s.columns.map((c) => c.width);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const lastColumn = Math.max(1, s.columns.length);
  const sheet = addPrintableSheet(workbook, s.name, {
    orientation: totalWidth > PORTRAIT_MAX_WIDTH ? 'landscape' : 'portrait',
    titleRows: [1, 2],
    freezeRows: 2,
  });
  s.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  addTitleRow(sheet, s.title, lastColumn, 14);
  styleHeader(sheet.addRow(s.columns.map((c) => c.header)), widths);
  for (const row of s.rows) {
    sheet.addRow(
      s.columns.map((c) => {
        const v = c.value(row);
        if (v === null) return '';
        if (c.format === 'percent' && typeof v === 'number') return ratioOf(v);
        return safeValue(v);
      }),
    );
  }
  const last = sheet.rowCount;
  if (s.rows.length > 0) {
    borderTable(sheet, 3, last, lastColumn);
    s.columns.forEach((c, i) => {
      const format =
        c.format === 'percent' || c.format === 'rate'
          ? RATE_FORMAT
          : c.format === 'yuan'
            ? YUAN_FORMAT
            : null;
      if (format) for (let r = 3; r <= last; r++) sheet.getRow(r).getCell(i + 1).numFmt = format;
    });
    const wrap = s.columns.flatMap((c, i) => (c.format === 'text' || c.width >= 30 ? [i + 1] : []));
    wrapColumns(sheet, 3, last, wrap);
  }
  if (s.note) {
    sheet.addRow([]);
    // Unmerged (readers of the sheet look at the table's columns), one row per printed line.
    for (const line of splitLines(s.note, totalWidth)) sheet.addRow([line]);
  }
}

/** A sheet ready to be added to a workbook (its row type checked at the call site). */
export type SheetWriter = (workbook: ExcelJS.Workbook) => void;

export function listSheet<R>(sheet: ListSheet<R>): SheetWriter {
  return (workbook) => addSheet(workbook, sheet);
}

/**
 * A workbook of plain list sheets (title row, header row, one line per item, a note): the
 * exports of the organisation-life modules, each printable on A4 with the title and header on
 * every page. Returns base64 for the tRPC answer.
 */
export async function buildListWorkbook(sheets: readonly SheetWriter[]): Promise<string> {
  const workbook = newWorkbook();
  for (const write of sheets) write(workbook);
  return toBase64(workbook);
}
