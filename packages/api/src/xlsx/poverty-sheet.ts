import type ExcelJS from 'exceljs';
import { citation, type Rate } from '@dangjian/domain';
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

/** Names of the coverage gaps (000 §4: every village a team, every team a first secretary). */
export const POVERTY_GAP_LABELS = {
  no_team: '未派驻工作队',
  no_leader: '工作队无队长',
  not_first_secretary: '队长未任第一书记',
} as const;

interface SummaryRow {
  name: string;
  registered: number;
  cityHelped: number;
  withTeam: number;
  withFirstSecretary: number;
  coverage: Rate;
  activeVillages: number;
  recentEntries: number;
}

export interface PovertySheetInput {
  region: { name: string };
  year: number;
  asOf: string;
  windowFrom: string;
  rows: SummaryRow[];
  total: Omit<SummaryRow, 'name'>;
  gaps: {
    kind: keyof typeof POVERTY_GAP_LABELS;
    villageName: string;
    regionCode: string;
    townshipName: string | null;
    countyName: string | null;
    helpedBy: 'city' | 'county';
    unit: string | null;
    leaderName: string | null;
  }[];
  /** Kept for the caller; not printed (an export never shows a policy version). */
  policyVersion: string;
  /** The policy in force in people's words. */
  policyLabel: string;
}

/**
 * Sheet 汇总: per child region, registered villages, city-helped, with a team, with a first
 * secretary, coverage %, villages active in the window; the total; the rule it checks.
 */
function addSummarySheet(workbook: ExcelJS.Workbook, c: PovertySheetInput): void {
  const widths = [22, 10, 12, 12, 14, 12, 34, 12];
  const summary = addPrintableSheet(workbook, '汇总', {
    orientation: 'landscape',
    titleRows: [1, 2],
    freezeRows: 2,
  });
  widths.forEach((w, i) => {
    summary.getColumn(i + 1).width = w;
  });
  addTitleRow(summary, `${c.region.name}${c.year}年度驻村帮扶覆盖情况（截至 ${c.asOf}）`, 8, 14);
  styleHeader(
    summary.addRow([
      '区域',
      '贫困村',
      '其中市级帮扶',
      '已派工作队',
      '队长任第一书记',
      '覆盖率',
      `近期有工作日志的村（${c.windowFrom} 起）`,
      '近期日志条数',
    ]),
    widths,
  );
  const line = (name: string, r: Omit<SummaryRow, 'name'>) => [
    safeText(name),
    r.registered,
    r.cityHelped,
    r.withTeam,
    r.withFirstSecretary,
    r.coverage.percent === null ? '——' : ratioOf(r.coverage.percent),
    r.activeVillages,
    r.recentEntries,
  ];
  for (const r of c.rows) summary.addRow(line(r.name, r));
  const total = summary.addRow(line('合计', c.total));
  total.font = { bold: true };
  borderTable(summary, 3, total.number, 8);
  for (let r = 3; r <= total.number; r++) {
    const row = summary.getRow(r);
    row.getCell(6).numFmt = RATE_FORMAT;
    for (let col = 2; col <= 8; col++)
      row.getCell(col).alignment = { vertical: 'middle', horizontal: 'center' };
  }
  summary.addRow([]);
  addTextRow(
    summary,
    `依据：${citation('000', '§4')}（每个贫困村派驻工作队，全覆盖；队长任村党组织第一书记）。执行政策：${c.policyLabel}`,
    8,
    widths.reduce((a, b) => a + b, 0),
  );
}

/** Sheet 问题清单: every gap, the kind first. */
function addGapSheet(workbook: ExcelJS.Workbook, c: PovertySheetInput): void {
  const list = addPrintableSheet(workbook, '问题清单', {
    orientation: 'landscape',
    titleRows: [1, 1],
    freezeRows: 1,
  });
  const listWidths = [18, 14, 16, 18, 15, 10, 22, 10];
  list.columns = [
    { header: '问题', key: 'kind', width: 18 },
    { header: '县（市、区）', key: 'county', width: 14 },
    { header: '乡镇（街道）', key: 'township', width: 16 },
    { header: '村', key: 'village', width: 18 },
    { header: '区划代码', key: 'regionCode', width: 15 },
    { header: '帮扶层级', key: 'helpedBy', width: 10 },
    { header: '派出单位', key: 'unit', width: 22 },
    { header: '队长', key: 'leader', width: 10 },
  ];
  styleHeader(list.getRow(1), listWidths);
  for (const g of c.gaps) {
    list.addRow({
      kind: POVERTY_GAP_LABELS[g.kind],
      county: safeText(g.countyName ?? ''),
      township: safeText(g.townshipName ?? ''),
      village: safeText(g.villageName),
      regionCode: g.regionCode,
      helpedBy: g.helpedBy === 'city' ? '市级' : '县级',
      unit: safeText(g.unit ?? ''),
      leader: safeText(g.leaderName ?? ''),
    });
  }
  if (c.gaps.length > 0) {
    borderTable(list, 2, list.rowCount, 8);
    wrapColumns(list, 2, list.rowCount, [4, 7]);
  }
}

/**
 * The coverage workbook: sheet 汇总 (per child region: registered villages, city-helped, with a
 * team, with a first secretary, coverage %, villages active in the window) and sheet 问题清单
 * (every gap, the kind first).
 */
export async function buildPovertyWorkbook(c: PovertySheetInput): Promise<string> {
  const workbook = newWorkbook();
  addSummarySheet(workbook, c);
  addGapSheet(workbook, c);
  return toBase64(workbook);
}
