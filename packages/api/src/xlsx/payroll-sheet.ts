import { formatYuan, GRADE_LABELS, type Grade } from '@dangjian/domain';
import type ExcelJS from 'exceljs';
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
  wrapColumns,
  YUAN_FORMAT,
} from './workbook';

/**
 * The payroll (工资表) of one committed pay run (001 §7): one line per secretary paid by grade,
 * with grade, ratio and amount in yuan, and a totals row; below it the organisations of the
 * scheme that were not paid (no secretary in office) with the reason. Amounts are written as
 * yuan with two decimals from integer fen, so the totals row equals the run's total to the fen.
 * The policy in force is named in people's words (its label), never by its internal version.
 */
export interface PayrollRun {
  id: number;
  regionName: string;
  year: number;
  mode: 'base' | 'pool';
  baseFen: number;
  poolFen: number | null;
  totalFen: number;
  /** The policy in force in people's words. */
  policyLabel: string;
  /** Organisations of the scheme not paid in this run, with the reason. */
  unpaid: readonly { orgName: string; villageName: string; reason: string }[];
  status: 'committed' | 'superseded';
  createdAt: Date;
}

export interface PayrollLine {
  villageName: string;
  regionCode: string;
  orgName: string;
  secretaryName: string | null;
  grade: Grade;
  ratioPermille: number;
  amountFen: number;
}

export const PAYROLL_HEADERS = [
  '序号',
  '村（社区）',
  '区划代码',
  '党组织名称',
  '书记',
  '等次',
  '系数',
  '金额（元）',
] as const;
/** The worksheet row of the column headings (rows 1-2 hold the title and the run's particulars). */
export const PAYROLL_HEADER_ROW = 3;
export const PAYROLL_TOTAL_LABEL = '合计';

const MODE_LABELS = { base: '按基数核算', pool: '按总额分配' } as const;
const STATUS_LABELS = { committed: '已提交', superseded: '已被替代' } as const;

export function payrollFilename(run: Pick<PayrollRun, 'id' | 'regionName' | 'year'>): string {
  return `${run.regionName}${run.year}年度村（社区）党组织书记报酬表（核算${run.id}）.xlsx`;
}

export async function buildPayrollSheet(
  run: PayrollRun,
  lines: readonly PayrollLine[],
): Promise<string> {
  const workbook = newWorkbook();
  addPayrollSheet(workbook, '报酬表', run, lines);
  return toBase64(workbook);
}

/** Adds one run's payroll as a sheet of `workbook` (A4 landscape, header rows repeated). */
export function addPayrollSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  run: PayrollRun,
  lines: readonly PayrollLine[],
): ExcelJS.Worksheet {
  const sheet = addPrintableSheet(workbook, name, {
    orientation: 'landscape',
    titleRows: [1, PAYROLL_HEADER_ROW],
    freezeRows: PAYROLL_HEADER_ROW,
  });
  const widths = [7, 22, 15, 34, 10, 8, 8, 14];
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const columns = PAYROLL_HEADERS.length;
  sheet.columns = widths.map((width) => ({ width }));

  addTitleRow(sheet, `${run.regionName}${run.year}年度村（社区）党组织书记报酬发放表`, columns, 14);
  const pool = run.poolFen === null ? '' : `\u3000报酬总额：${formatYuan(run.poolFen)} 元`;
  addTextRow(
    sheet,
    `核算编号：${run.id}\u3000核算方式：${MODE_LABELS[run.mode]}（按等次系数）` +
      `${pool}\u3000“好”类基数：${formatYuan(run.baseFen)} 元\u3000执行政策：${run.policyLabel}\u3000状态：${STATUS_LABELS[run.status]}`,
    columns,
    totalWidth,
  );
  styleHeader(sheet.addRow([...PAYROLL_HEADERS]), widths);

  lines.forEach((l, i) => {
    sheet.addRow([
      i + 1,
      safeText(l.villageName),
      l.regionCode,
      safeText(l.orgName),
      l.secretaryName === null ? '（空缺）' : safeText(l.secretaryName),
      GRADE_LABELS[l.grade],
      l.ratioPermille / 1000,
      l.amountFen / 100,
    ]);
  });
  const first = PAYROLL_HEADER_ROW + 1;
  const lastLine = PAYROLL_HEADER_ROW + lines.length;
  const amountColumn = String.fromCharCode(64 + columns);
  const total = sheet.addRow([
    PAYROLL_TOTAL_LABEL,
    `${lines.length} 人`,
    '',
    '',
    '',
    '',
    '',
    // The formula keeps the sheet live in Excel; the cached result is the run's total in fen.
    {
      formula: `SUM(${amountColumn}${first}:${amountColumn}${lastLine})`,
      result: run.totalFen / 100,
    },
  ]);
  total.font = { bold: true };
  borderTable(sheet, first, total.number, columns);
  wrapColumns(sheet, first, lastLine, [2, 4]);
  for (let r = first; r <= total.number; r++) {
    const row = sheet.getRow(r);
    row.getCell(columns).numFmt = YUAN_FORMAT;
    row.getCell(columns - 1).numFmt = '0.0##';
    for (const c of [1, 3, 5, 6, 7])
      row.getCell(c).alignment = { vertical: 'middle', horizontal: 'center' };
  }
  if (run.unpaid.length > 0) {
    const note = addTextRow(
      sheet,
      `未发放（${run.unpaid.length} 个）：` +
        run.unpaid.map((u) => `${u.villageName} ${u.orgName}（${u.reason}）`).join('；'),
      columns,
      totalWidth,
    );
    note.getCell(1).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }
  addSignatureBlock(sheet, columns, [PAYROLL_SIGNATURE_LINE]);
  return sheet;
}
