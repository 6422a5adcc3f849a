import { RECTIFICATION_CRITERIA, type Rate, type SummaryTable } from '@dangjian/domain';
import type ExcelJS from 'exceljs';
import {
  addPrintableSheet,
  addSignatureBlock,
  addTitleRow,
  borderTable,
  cellText,
  newWorkbook,
  ratioOf,
  RATE_FORMAT,
  safeText,
  styleHeader,
  THIN_BORDER,
  toBase64,
  wrapColumns,
  wrappedLines,
} from './workbook';

/**
 * The three report forms of 002 (娄组通〔2014〕10号) in the notice's own layout and headings:
 * 附件1 软弱涣散基层党组织情况汇总表, 附件2 软弱涣散基层党组织简要情况一览表, 附件3 党组织换届选举
 * 难点村简要情况一览表. One worksheet per filing unit (填报单位); in 附件1 one table per org
 * category (the note: 每一张汇总表只填报一类), each with its own 附件1 line, title, particulars,
 * header, note and signature block, a page break between them so each prints as its own form.
 * Every sheet prints on A4 fitted to the page width; 附件2/3 repeat their header on every page.
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

/** 附件1's column widths: 其中 | row label | 数量 | two percentages. */
const SUMMARY_WIDTHS = [8, 50, 11, 20, 20] as const;
const BRIEF_WIDTHS = [6, 30, 8, 50, 15, 17] as const;
const ELECTION_WIDTHS = [6, 22, 8, 34, 34, 16, 15, 17] as const;

/** The title rows every form starts with: 附件N, the title, then 填报单位 … 填表时间. */
function heading(
  sheet: ExcelJS.Worksheet,
  form: RectificationForm,
  widths: readonly number[],
  line: string,
): void {
  const first = sheet.addRow([`附件${FORM_NUMBERS[form]}`]);
  first.font = { bold: true, size: 12 };
  addTitleRow(sheet, FORM_TITLES[form], widths.length, 16);
  const meta = sheet.addRow([line]);
  sheet.mergeCells(meta.number, 1, meta.number, widths.length);
  meta.height = 22;
  meta.alignment = { vertical: 'middle' };
}

/** A percentage cell: the ratio (0.4118, shown 41.18%), or "——" when nothing is measured. */
function percentCell(r: Rate): number | string {
  return r.percent === null ? DASH : ratioOf(r.percent);
}

/** Borders, centring and number formats on one row of 附件1 (labels left, numbers centred). */
function box(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.border = THIN_BORDER;
    cell.alignment = {
      vertical: 'middle',
      wrapText: true,
      horizontal: c === 2 ? 'left' : 'center',
    };
    if (c >= 4 && typeof cell.value === 'number') cell.numFmt = RATE_FORMAT;
  }
  const lines = wrappedLines(cellText(row.getCell(2).value), SUMMARY_WIDTHS[1]);
  row.height = Math.max(22, lines * 15 + 6);
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
    // One table per category, each a printed page of its own (portrait, fitted to the width).
    const sheet = addPrintableSheet(workbook, unit.filingUnit, { orientation: 'portrait' });
    sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
    unit.tables.forEach((table, t) => {
      if (t > 0) sheet.getRow(sheet.rowCount).addPageBreak();
      heading(
        sheet,
        'summary',
        SUMMARY_WIDTHS,
        `填报单位：${table.filingUnit}    党组织类别：${table.categoryLabel}    填表时间：${filledOn}`,
      );
      const head = sheet.addRow(['', '', ...SUMMARY_HEADINGS]);
      styleHeader(head, SUMMARY_WIDTHS);
      sheet.mergeCells(head.number, 1, head.number, 2);
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
      note.getCell(1).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
      note.height = 50;
      addSignatureBlock(sheet, 5);
    });
  }
  if (units.length === 0) addPrintableSheet(workbook, '附件1', { orientation: 'portrait' });
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
  const widths = form === 'brief' ? BRIEF_WIDTHS : ELECTION_WIDTHS;
  // Long text: 主要问题 (and 整顿措施), also the org's name.
  const textColumns = form === 'brief' ? [2, 4] : [2, 4, 5];
  for (const unit of units) {
    const sheet = addPrintableSheet(workbook, unit.filingUnit, {
      orientation: 'landscape',
      titleRows: [4, 4],
      freezeRows: 4,
    });
    sheet.columns = widths.map((width) => ({ width }));
    heading(sheet, form, widths, `填报单位：${unit.filingUnit}    填表时间：${filledOn}`);
    styleHeader(sheet.addRow([...headings]), widths);
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
      const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? safeText(v) : v)));
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      });
    });
    const last = sheet.rowCount;
    if (last > 4) {
      borderTable(sheet, 5, last, headings.length);
      wrapColumns(sheet, 5, last, textColumns);
    }
    addSignatureBlock(sheet, headings.length);
  }
  if (units.length === 0)
    addPrintableSheet(workbook, `附件${FORM_NUMBERS[form]}`, { orientation: 'landscape' });
  return toBase64(workbook);
}
