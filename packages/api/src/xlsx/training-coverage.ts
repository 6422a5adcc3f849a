import type ExcelJS from 'exceljs';
import { defined } from '@dangjian/db';
import {
  POLICY_UNIT_LABELS,
  DUTY_STATUS_LABELS,
  rate,
  TRAINING_DUTIES,
  TRAINING_DUTY_LABELS,
  type DutyStatus,
  type TrainingDuty,
} from '@dangjian/domain';
import {
  addPrintableSheet,
  addTextRow,
  addTitleRow,
  borderTable,
  newWorkbook,
  ratioOf,
  RATE_FORMAT,
  safeText,
  styleHeader,
  toBase64,
  wrapColumns,
} from './workbook';

interface DutyCount {
  duty: TrainingDuty;
  required: number;
  fulfilled: number;
  overdue: number;
}

export interface CoverageSheetInput {
  region: { code: string; name: string };
  year: number;
  asOf: string;
  totals: DutyCount[];
  regions: { regionCode: string; name: string; duties: DutyCount[] }[];
  missing: {
    name: string;
    orgName: string;
    regionCode: string;
    regionName: string;
    appointedOn: string | null;
    missing: { duty: TrainingDuty; status: DutyStatus; due: string }[];
  }[];
  /** Kept for the caller; not printed (an export never shows a policy version). */
  policyVersion: string;
  /** The policy in force in people's words. */
  policyLabel: string;
  /** The parameters the coverage rests on, with their citations. */
  basis: { label: string; value: unknown; unit: string; source: string }[];
}

const SHORT: Record<TrainingDuty, string> = {
  rotation_first_half: '上半年轮训',
  annual: '年内轮训',
  new_secretary_special: '新任书记专题培训',
};

/** A parameter's value as people read it: 06-30 → 6月30日, 3 天, 1 次. */
function basisValue(b: { value: unknown; unit: string }): string {
  if (b.unit === 'month_day' && typeof b.value === 'string') {
    const [m, d] = b.value.split('-').map(Number);
    return `${m}月${d}日`;
  }
  const unit = (POLICY_UNIT_LABELS as Partial<Record<string, string>>)[b.unit] ?? '';
  return `${JSON.stringify(b.value)} ${unit}`.trim();
}

/**
 * Sheet 汇总: per child region and duty, owed, fulfilled, overdue and completion %; the total;
 * the parameters it rests on.
 */
function addSummarySheet(workbook: ExcelJS.Workbook, c: CoverageSheetInput): void {
  const columns = 1 + TRAINING_DUTIES.length * 4;
  const widths = [22, ...Array.from({ length: columns - 1 }, () => 10)];
  const summary = addPrintableSheet(workbook, '汇总', {
    orientation: 'landscape',
    titleRows: [1, 3],
    freezeRows: 3,
  });
  widths.forEach((w, i) => {
    summary.getColumn(i + 1).width = w;
  });
  addTitleRow(
    summary,
    `${c.region.name}${c.year}年度党组织书记培训覆盖情况（截至 ${c.asOf}）`,
    columns,
    14,
  );
  const top = ['区域'];
  const sub = [''];
  for (const duty of TRAINING_DUTIES) {
    top.push(TRAINING_DUTY_LABELS[duty], '', '', '');
    sub.push('应完成', '已完成', '逾期未完成', '完成率');
  }
  styleHeader(
    summary.addRow(top),
    widths.map((w, i) => (i === 0 ? w : w * 4)),
  );
  styleHeader(summary.addRow(sub), widths);
  summary.mergeCells(2, 1, 3, 1);
  TRAINING_DUTIES.forEach((_, i) => summary.mergeCells(2, 2 + i * 4, 2, 5 + i * 4));
  const line = (label: string, duties: DutyCount[]) => [
    safeText(label),
    ...TRAINING_DUTIES.flatMap((duty) => {
      const d = defined(duties.find((x) => x.duty === duty));
      const pct = rate(d.fulfilled, d.required).percent;
      return [d.required, d.fulfilled, d.overdue, pct === null ? '——' : ratioOf(pct)];
    }),
  ];
  for (const r of c.regions) summary.addRow(line(r.name, r.duties));
  const total = summary.addRow(line('合计', c.totals));
  total.font = { bold: true };
  borderTable(summary, 4, total.number, columns);
  for (let r = 4; r <= total.number; r++) {
    const row = summary.getRow(r);
    TRAINING_DUTIES.forEach((_, i) => {
      row.getCell(5 + i * 4).numFmt = RATE_FORMAT;
    });
    for (let col = 2; col <= columns; col++)
      row.getCell(col).alignment = { vertical: 'middle', horizontal: 'center' };
  }
  summary.addRow([]);
  addTextRow(
    summary,
    `依据：${c.basis.map((b) => `${b.label} ${basisValue(b)}（${b.source}）`).join('；')}。执行政策：${c.policyLabel}`,
    columns,
    widths.reduce((a, b) => a + b, 0),
  );
}

/** Sheet 未完成名单: every secretary with a duty not yet fulfilled. */
function addMissingSheet(workbook: ExcelJS.Workbook, c: CoverageSheetInput): void {
  const list = addPrintableSheet(workbook, '未完成名单', {
    orientation: 'landscape',
    titleRows: [1, 1],
    freezeRows: 1,
  });
  list.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在党组织', key: 'orgName', width: 36 },
    { header: '区划代码', key: 'regionCode', width: 15 },
    { header: '所在区划', key: 'regionName', width: 22 },
    { header: '任职日期', key: 'appointedOn', width: 12 },
    { header: '未完成项目', key: 'duties', width: 40 },
    { header: '状态', key: 'status', width: 24 },
  ];
  styleHeader(list.getRow(1), [12, 36, 15, 22, 12, 40, 24]);
  for (const p of c.missing) {
    list.addRow({
      name: safeText(p.name),
      orgName: safeText(p.orgName),
      regionCode: p.regionCode,
      regionName: safeText(p.regionName),
      appointedOn: p.appointedOn ?? '',
      duties: p.missing.map((m) => SHORT[m.duty]).join('、'),
      status: p.missing.map((m) => `${SHORT[m.duty]}${DUTY_STATUS_LABELS[m.status]}`).join('；'),
    });
  }
  if (c.missing.length > 0) {
    borderTable(list, 2, list.rowCount, 7);
    wrapColumns(list, 2, list.rowCount, [2, 6, 7]);
  }
}

/**
 * The training coverage workbook: sheet 汇总 (per child region and duty: owed, fulfilled,
 * overdue, completion %) and sheet 未完成名单 (every secretary with a duty not yet fulfilled).
 */
export async function buildCoverageWorkbook(c: CoverageSheetInput): Promise<string> {
  const workbook = newWorkbook();
  addSummarySheet(workbook, c);
  addMissingSheet(workbook, c);
  return toBase64(workbook);
}
