import {
  DUTY_STATUS_LABELS,
  rate,
  TRAINING_DUTIES,
  TRAINING_DUTY_LABELS,
  type DutyStatus,
  type TrainingDuty,
} from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { toBase64 } from './workbook';

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
  policyVersion: string;
}

const SHORT: Record<TrainingDuty, string> = {
  rotation_first_half: '上半年轮训',
  annual: '年内轮训',
  new_secretary_special: '新任书记专题培训',
};

/**
 * The training coverage workbook: sheet 汇总 (per child region and duty: owed, fulfilled,
 * overdue, completion %) and sheet 未完成名单 (every secretary with a duty not yet fulfilled).
 */
export async function buildCoverageWorkbook(c: CoverageSheetInput): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  const summary = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 3 }] });
  summary.addRow([`${c.region.name}${c.year}年度党组织书记培训覆盖情况（截至 ${c.asOf}）`]);
  summary.mergeCells(1, 1, 1, 1 + TRAINING_DUTIES.length * 4);
  summary.getRow(1).font = { bold: true, size: 14 };
  const top = ['区域'];
  const sub = [''];
  for (const duty of TRAINING_DUTIES) {
    top.push(TRAINING_DUTY_LABELS[duty], '', '', '');
    sub.push('应完成', '已完成', '逾期未完成', '完成率（%）');
  }
  summary.addRow(top);
  summary.addRow(sub);
  TRAINING_DUTIES.forEach((_, i) => summary.mergeCells(2, 2 + i * 4, 2, 5 + i * 4));
  summary.getRow(2).font = { bold: true };
  summary.getRow(3).font = { bold: true };
  const line = (label: string, duties: DutyCount[]) => [
    label,
    ...TRAINING_DUTIES.flatMap((duty) => {
      const d = duties.find((x) => x.duty === duty)!;
      return [d.required, d.fulfilled, d.overdue, rate(d.fulfilled, d.required).percent ?? '——'];
    }),
  ];
  for (const r of c.regions) summary.addRow(line(r.name, r.duties));
  const total = summary.addRow(line('合计', c.totals));
  total.font = { bold: true };
  summary.getColumn(1).width = 22;
  for (let i = 2; i <= 1 + TRAINING_DUTIES.length * 4; i++) summary.getColumn(i).width = 11;
  summary.addRow([]);
  summary.addRow([
    `政策版本：${c.policyVersion}；依据：000 §2（上半年完成村（社区）书记轮训、年内普遍轮训一遍），娄组通〔2014〕10号 §3（新任书记专题培训不少于 3 天）`,
  ]);

  const list = workbook.addWorksheet('未完成名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在党组织', key: 'orgName', width: 36 },
    { header: '区划代码', key: 'regionCode', width: 15 },
    { header: '所在区划', key: 'regionName', width: 22 },
    { header: '任职日期', key: 'appointedOn', width: 12 },
    { header: '未完成项目', key: 'duties', width: 40 },
    { header: '状态', key: 'status', width: 24 },
  ];
  list.getRow(1).font = { bold: true };
  for (const p of c.missing) {
    list.addRow({
      name: p.name,
      orgName: p.orgName,
      regionCode: p.regionCode,
      regionName: p.regionName,
      appointedOn: p.appointedOn ?? '',
      duties: p.missing.map((m) => SHORT[m.duty]).join('、'),
      status: p.missing.map((m) => `${SHORT[m.duty]}${DUTY_STATUS_LABELS[m.status]}`).join('；'),
    });
  }
  return toBase64(workbook);
}
