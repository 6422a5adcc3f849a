import { formatYuan } from '@dangjian/domain';
import { addPayrollSheet, type PayrollLine, type PayrollRun } from './payroll-sheet';
import {
  addPrintableSheet,
  addSignatureBlock,
  addTextRow,
  addTitleRow,
  borderTable,
  newWorkbook,
  PAYROLL_SIGNATURE_LINE,
  safeText,
  styleHeader,
  toBase64,
  YUAN_FORMAT,
} from './workbook';

/** A township's committed run with its lines, as the region payroll prints it. */
export type RegionPayrollRun = PayrollRun & { regionCode: string; lines: readonly PayrollLine[] };

export const REGION_SUMMARY_HEADERS = [
  '序号',
  '乡镇（街道）',
  '区划代码',
  '核算编号',
  '人数',
  '金额（元）',
] as const;
/** The worksheet row of the summary's column headings (rows 1-2: title and particulars). */
export const REGION_SUMMARY_HEADER_ROW = 3;

export function regionPayrollFilename(regionName: string, year: number): string {
  return `${regionName}${year}年度村（社区）党组织书记报酬发放表（分乡镇）.xlsx`;
}

/**
 * The payroll of a county or a city for a year (001 §17 基本报酬实行统一打卡发放), one workbook
 * to print: first a summary sheet, one row per township with its run and total and a totals row
 * equal to the sum of the townships' runs to the fen; then one sheet per township, the same form
 * as a township's payroll (A4 landscape, header rows repeated, signature block).
 */
export async function buildRegionPayroll(
  region: { regionName: string; year: number },
  runs: readonly RegionPayrollRun[],
): Promise<string> {
  const workbook = newWorkbook();
  const sheet = addPrintableSheet(workbook, '汇总', {
    orientation: 'portrait',
    titleRows: [1, REGION_SUMMARY_HEADER_ROW],
    freezeRows: REGION_SUMMARY_HEADER_ROW,
  });
  const widths = [7, 26, 15, 11, 9, 17];
  const columns = widths.length;
  sheet.columns = widths.map((width) => ({ width }));
  const totalFen = runs.reduce((t, r) => t + r.totalFen, 0);
  const people = runs.reduce((t, r) => t + r.lines.length, 0);
  addTitleRow(
    sheet,
    `${region.regionName}${region.year}年度村（社区）党组织书记报酬发放汇总表`,
    columns,
    14,
  );
  addTextRow(
    sheet,
    `共 ${runs.length} 个乡镇（街道）、${people} 人，合计 ${formatYuan(totalFen, { grouped: true })} 元；各乡镇明细见后附工作表`,
    columns,
    widths.reduce((a, b) => a + b, 0),
  );
  styleHeader(sheet.addRow([...REGION_SUMMARY_HEADERS]), widths);
  runs.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      safeText(r.regionName),
      r.regionCode,
      r.id,
      r.lines.length,
      r.totalFen / 100,
    ]);
  });
  const first = REGION_SUMMARY_HEADER_ROW + 1;
  const last = REGION_SUMMARY_HEADER_ROW + runs.length;
  const total = sheet.addRow([
    '合计',
    `${runs.length} 个`,
    '',
    '',
    people,
    { formula: `SUM(F${first}:F${last})`, result: totalFen / 100 },
  ]);
  total.font = { bold: true };
  borderTable(sheet, first, total.number, columns);
  for (let r = first; r <= total.number; r++) {
    const row = sheet.getRow(r);
    row.getCell(columns).numFmt = YUAN_FORMAT;
    for (const c of [1, 3, 4, 5])
      row.getCell(c).alignment = { vertical: 'middle', horizontal: 'center' };
  }
  addSignatureBlock(sheet, columns, [PAYROLL_SIGNATURE_LINE]);
  for (const run of runs) addPayrollSheet(workbook, run.regionName, run, run.lines);
  return toBase64(workbook);
}
