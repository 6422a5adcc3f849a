import type { Rate } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { toBase64 } from './workbook';

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
  policyVersion: string;
}

/**
 * The coverage workbook: sheet 汇总 (per child region: registered villages, city-helped, with a
 * team, with a first secretary, coverage %, villages active in the window) and sheet 问题清单
 * (every gap, the kind first).
 */
export async function buildPovertyWorkbook(c: PovertySheetInput): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  const summary = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 2 }] });
  summary.addRow([`${c.region.name}${c.year}年度驻村帮扶覆盖情况（截至 ${c.asOf}）`]);
  summary.mergeCells(1, 1, 1, 8);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.addRow([
    '区域',
    '贫困村',
    '其中市级帮扶',
    '已派工作队',
    '队长任第一书记',
    '覆盖率（%）',
    `近期有工作日志的村（${c.windowFrom} 起）`,
    '近期日志条数',
  ]);
  summary.getRow(2).font = { bold: true };
  const line = (name: string, r: Omit<SummaryRow, 'name'>) => [
    name,
    r.registered,
    r.cityHelped,
    r.withTeam,
    r.withFirstSecretary,
    r.coverage.percent ?? '——',
    r.activeVillages,
    r.recentEntries,
  ];
  for (const r of c.rows) summary.addRow(line(r.name, r));
  summary.addRow(line('合计', c.total)).font = { bold: true };
  summary.getColumn(1).width = 22;
  for (let i = 2; i <= 8; i++) summary.getColumn(i).width = i === 7 ? 30 : 14;
  summary.addRow([]);
  summary.addRow([
    `政策版本：${c.policyVersion}；依据：000 §4（每个贫困村派驻工作队，全覆盖；队长任村党组织第一书记）`,
  ]);

  const list = workbook.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
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
  list.getRow(1).font = { bold: true };
  for (const g of c.gaps) {
    list.addRow({
      kind: POVERTY_GAP_LABELS[g.kind],
      county: g.countyName ?? '',
      township: g.townshipName ?? '',
      village: g.villageName,
      regionCode: g.regionCode,
      helpedBy: g.helpedBy === 'city' ? '市级' : '县级',
      unit: g.unit ?? '',
      leader: g.leaderName ?? '',
    });
  }
  return toBase64(workbook);
}
