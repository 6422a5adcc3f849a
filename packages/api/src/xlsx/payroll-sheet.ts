import { formatYuan, GRADE_LABELS, type Grade } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { toBase64 } from './workbook';

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
const YUAN_FORMAT = '#,##0.00';

export function payrollFilename(run: Pick<PayrollRun, 'id' | 'regionName' | 'year'>): string {
  return `${run.regionName}${run.year}年度村（社区）党组织书记报酬表（核算${run.id}）.xlsx`;
}

export async function buildPayrollSheet(
  run: PayrollRun,
  lines: readonly PayrollLine[],
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  const sheet = workbook.addWorksheet('报酬表', {
    views: [{ state: 'frozen', ySplit: PAYROLL_HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [7, 22, 15, 34, 10, 8, 8, 14];
  sheet.columns = widths.map((width) => ({ width }));
  const last = String.fromCharCode(64 + PAYROLL_HEADERS.length);

  sheet.mergeCells(`A1:${last}1`);
  const title = sheet.getCell('A1');
  title.value = `${run.regionName}${run.year}年度村（社区）党组织书记报酬发放表`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  sheet.mergeCells(`A2:${last}2`);
  const pool = run.poolFen === null ? '' : `\u3000报酬总额：${formatYuan(run.poolFen)} 元`;
  sheet.getCell('A2').value =
    `核算编号：${run.id}\u3000核算方式：${MODE_LABELS[run.mode]}（按等次系数）` +
    `${pool}\u3000“好”类基数：${formatYuan(run.baseFen)} 元\u3000执行政策：${run.policyLabel}\u3000状态：${STATUS_LABELS[run.status]}`;
  sheet.getCell('A2').alignment = { wrapText: true };
  sheet.getRow(2).height = 32;

  const header = sheet.getRow(PAYROLL_HEADER_ROW);
  header.values = [...PAYROLL_HEADERS];
  header.font = { bold: true };

  lines.forEach((l, i) => {
    sheet.addRow([
      i + 1,
      l.villageName,
      l.regionCode,
      l.orgName,
      l.secretaryName ?? '（空缺）',
      GRADE_LABELS[l.grade],
      l.ratioPermille / 1000,
      l.amountFen / 100,
    ]);
  });
  const first = PAYROLL_HEADER_ROW + 1;
  const lastLine = PAYROLL_HEADER_ROW + lines.length;
  const amountColumn = last;
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
  if (run.unpaid.length > 0) {
    const note = sheet.addRow([
      `未发放（${run.unpaid.length} 个）：` +
        run.unpaid.map((u) => `${u.villageName} ${u.orgName}（${u.reason}）`).join('；'),
    ]);
    sheet.mergeCells(`A${note.number}:${last}${note.number}`);
    note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    note.height = Math.max(20, 16 * Math.ceil(run.unpaid.length * 1.5));
  }
  sheet.getColumn(PAYROLL_HEADERS.length).numFmt = YUAN_FORMAT;
  sheet.getColumn(PAYROLL_HEADERS.length - 1).numFmt = '0.0##';
  return toBase64(workbook);
}
