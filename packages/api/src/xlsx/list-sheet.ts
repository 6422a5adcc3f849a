import ExcelJS from 'exceljs';
import { toBase64 } from './workbook';

export interface ListColumn<R> {
  header: string;
  width: number;
  value: (row: R) => string | number | null;
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

function addSheet<R>(workbook: ExcelJS.Workbook, s: ListSheet<R>): void {
  const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([s.title]);
  sheet.mergeCells(1, 1, 1, Math.max(1, s.columns.length));
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(s.columns.map((c) => c.header));
  header.font = { bold: true };
  s.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  for (const row of s.rows) sheet.addRow(s.columns.map((c) => c.value(row) ?? ''));
  if (s.note) {
    sheet.addRow([]);
    sheet.addRow([s.note]);
  }
}

/** A sheet ready to be added to a workbook (its row type checked at the call site). */
export type SheetWriter = (workbook: ExcelJS.Workbook) => void;

export function listSheet<R>(sheet: ListSheet<R>): SheetWriter {
  return (workbook) => addSheet(workbook, sheet);
}

/**
 * A workbook of plain list sheets (title row, header row, one line per item, a note): the
 * exports of the organisation-life modules. Returns base64 for the tRPC answer.
 */
export async function buildListWorkbook(sheets: readonly SheetWriter[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  for (const write of sheets) write(workbook);
  return toBase64(workbook);
}
