import { RECTIFICATION_CRITERIA, type Rate, type SummaryTable } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import { toBase64 } from './workbook';

/**
 * The three report forms of 002 (娄组通〔2014〕10号) in the notice's own layout and headings:
 * 附件1 软弱涣散基层党组织情况汇总表, 附件2 软弱涣散基层党组织简要情况一览表, 附件3 党组织换届选举
 * 难点村简要情况一览表. One worksheet per filing unit (填报单位); in 附件1 one table per org
 * category (the note: 每一张汇总表只填报一类), stacked on the unit's sheet.
 */
export const FORM_TITLES = {
  summary: '软弱涣散基层党组织情况汇总表',
  brief: '软弱涣散基层党组织简要情况一览表',
  election: '党组织换届选举难点村简要情况一览表',
} as const;
export type RectificationForm = keyof typeof FORM_TITLES;
export const FORM_NUMBERS: Record<RectificationForm, number> = {
  summary: 1,
  brief: 2,
  election: 3,
};

export const SUMMARY_HEADINGS = [
  '数量（个）',
  '占填报单位所辖基层党组织总数比例（%）',
  '占软弱涣散基层党组织总数比例（%）',
] as const;
export const SUMMARY_NOTE =
  '注：“党组织类别”是指农村、街道社区、国有企业、机关、学校、医疗卫生单位、其他事业单位、非公有制经济组织、社会组织等不同类型党组织。各填报单位分类别填报数据，每一张汇总表只填报一类软弱涣散党组织的情况。';
export const BRIEF_HEADINGS = [
  '序号',
  '软弱涣散基层党组织名称',
  '党员数',
  '主要问题',
  '党组织书记姓名',
  '党组织书记联系方式',
] as const;
export const ELECTION_HEADINGS = [
  '序号',
  '村党组织名称',
  '党员数',
  '主要问题',
  '整顿措施',
  '换届选举完成时间',
  '党组织书记姓名',
  '党组织书记联系方式',
] as const;
/** Shown where 附件1 prints "——" (no percentage asked, or nothing to measure: 0/0). */
export const DASH = '——';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层党建管理平台';
  return workbook;
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , unique. */
function sheetName(workbook: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '表';
  let candidate = base;
  for (let i = 2; workbook.getWorksheet(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}

/** The title rows every form starts with: 附件N, the title, then 填报单位 … 填表时间. */
function heading(
  sheet: ExcelJS.Worksheet,
  form: RectificationForm,
  lastColumn: number,
  line: string,
): void {
  const first = sheet.addRow([`附件${FORM_NUMBERS[form]}`]);
  first.font = { bold: true };
  const title = sheet.addRow([FORM_TITLES[form]]);
  sheet.mergeCells(title.number, 1, title.number, lastColumn);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const meta = sheet.addRow([line]);
  sheet.mergeCells(meta.number, 1, meta.number, lastColumn);
}

function percentCell(r: Rate): number | string {
  return r.percent === null ? DASH : r.percent;
}

function box(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.border = THIN;
    cell.alignment = {
      vertical: 'middle',
      wrapText: true,
      ...(c > 2 ? { horizontal: 'center' } : {}),
    };
  }
}

export interface FilingUnitTables {
  filingUnit: string;
  tables: SummaryTable[];
}

/** 附件1: per filing unit a sheet, per category a table in the notice's rows and columns. */
export async function buildSummaryForm(
  units: readonly FilingUnitTables[],
  filledOn: string,
): Promise<string> {
  const workbook = newWorkbook();
  for (const unit of units) {
    const sheet = workbook.addWorksheet(sheetName(workbook, unit.filingUnit));
    sheet.columns = [{ width: 12 }, { width: 58 }, { width: 12 }, { width: 22 }, { width: 22 }];
    for (const table of unit.tables) {
      heading(
        sheet,
        'summary',
        5,
        `填报单位：${table.filingUnit}    党组织类别：${table.categoryLabel}    填表时间：${filledOn}`,
      );
      box(sheet.addRow(['', '', ...SUMMARY_HEADINGS]), 5);
      const total = sheet.addRow(['所辖基层党组织', '', table.totalOrgs, DASH, DASH]);
      sheet.mergeCells(total.number, 1, total.number, 2);
      box(total, 5);
      const kindStart = total.number + 1;
      for (const k of table.byKind)
        box(sheet.addRow(['其中', k.label, k.count, percentCell(k.ofOrgs), DASH]), 5);
      sheet.mergeCells(kindStart, 1, kindStart + table.byKind.length - 1, 1);
      const soft = sheet.addRow([
        '软弱涣散基层党组织',
        '',
        table.softAndLax.count,
        percentCell(table.softAndLax.ofOrgs),
        DASH,
      ]);
      sheet.mergeCells(soft.number, 1, soft.number, 2);
      box(soft, 5);
      const criteriaStart = soft.number + 1;
      for (const c of table.criteria) {
        box(
          sheet.addRow([
            '其中',
            `（${c.number}）${c.label}`,
            c.count,
            percentCell(c.ofOrgs),
            percentCell(c.ofSoftAndLax),
          ]),
          5,
        );
      }
      sheet.mergeCells(criteriaStart, 1, criteriaStart + RECTIFICATION_CRITERIA.length - 1, 1);
      const note = sheet.addRow([SUMMARY_NOTE]);
      sheet.mergeCells(note.number, 1, note.number, 5);
      note.alignment = { wrapText: true };
      note.height = 45;
      sheet.addRow([]);
    }
  }
  if (units.length === 0) workbook.addWorksheet('附件1');
  return toBase64(workbook);
}

export interface BriefRow {
  orgName: string;
  memberCount: number;
  mainProblems: string;
  secretaryName: string;
  secretaryContact: string;
}

export interface ElectionRow extends BriefRow {
  measures: string;
  electionCompletionDate: string;
}

/** 附件2 (brief) or 附件3 (election): per filing unit a sheet with the notice's columns. */
export async function buildListForm(
  form: 'brief' | 'election',
  units: readonly { filingUnit: string; rows: readonly (BriefRow | ElectionRow)[] }[],
  filledOn: string,
): Promise<string> {
  const workbook = newWorkbook();
  const headings = form === 'brief' ? BRIEF_HEADINGS : ELECTION_HEADINGS;
  for (const unit of units) {
    const sheet = workbook.addWorksheet(sheetName(workbook, unit.filingUnit));
    sheet.columns =
      form === 'brief'
        ? [{ width: 6 }, { width: 34 }, { width: 8 }, { width: 60 }, { width: 14 }, { width: 16 }]
        : [
            { width: 6 },
            { width: 30 },
            { width: 8 },
            { width: 44 },
            { width: 44 },
            { width: 16 },
            { width: 14 },
            { width: 16 },
          ];
    heading(sheet, form, headings.length, `填报单位：${unit.filingUnit}    填表时间：${filledOn}`);
    const head = sheet.addRow([...headings]);
    head.font = { bold: true };
    box(head, headings.length);
    unit.rows.forEach((r, i) => {
      const values =
        form === 'brief'
          ? [i + 1, r.orgName, r.memberCount, r.mainProblems, r.secretaryName, r.secretaryContact]
          : [
              i + 1,
              r.orgName,
              r.memberCount,
              r.mainProblems,
              'measures' in r ? r.measures : '',
              'electionCompletionDate' in r ? r.electionCompletionDate : '',
              r.secretaryName,
              r.secretaryContact,
            ];
      box(sheet.addRow(values), headings.length);
    });
  }
  if (units.length === 0) workbook.addWorksheet(`附件${FORM_NUMBERS[form]}`);
  return toBase64(workbook);
}
