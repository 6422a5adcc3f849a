import {
  FIELD_CATEGORY_LABELS,
  GRADE_LABELS,
  GRADES,
  ORG_KIND_LABELS,
  type FieldCategory,
  type Grade,
  type OrgKind,
} from '@dangjian/domain';
import {
  addListValidation,
  borderTable,
  type ImportRow,
  openImportSheet,
  sheetIssue,
  type SheetIssue,
  newWorkbook,
  safeText,
  setupPrint,
  SIGNATURE_FOOTER,
  styleHeader,
  toBase64,
  wrapColumns,
} from './workbook';

/**
 * The yearly grading sheet (分类定级表, 001 §7): exported for a region and year, filled in (or
 * corrected) offline, and imported back. Columns are found by their Chinese heading in row 1, so a
 * sheet whose columns were reordered still imports; the import reads 组织编号, 本年等次 and 理由.
 */
export const GRADING_COLUMNS = [
  { key: 'orgId', header: '组织编号', width: 10 },
  { key: 'name', header: '党组织名称', width: 36 },
  { key: 'regionCode', header: '所在区划代码', width: 15 },
  { key: 'regionName', header: '所在区划', width: 22 },
  { key: 'kind', header: '类型', width: 9 },
  { key: 'category', header: '领域', width: 16 },
  { key: 'lastYearGrade', header: '上年等次', width: 10 },
  { key: 'grade', header: '本年等次', width: 10 },
  { key: 'reason', header: '理由', width: 40 },
] as const;

type ColumnKey = (typeof GRADING_COLUMNS)[number]['key'];
const HEADER: Record<ColumnKey, string> = Object.fromEntries(
  GRADING_COLUMNS.map((c) => [c.key, c.header]),
) as Record<ColumnKey, string>;

export interface GradingSheetRow {
  orgId: number;
  name: string;
  regionCode: string;
  regionName: string;
  kind: OrgKind;
  category: FieldCategory;
  lastYearGrade: Grade | null;
  grade: Grade | null;
  reason: string | null;
}

/** The sheet's name carries the year, e.g. "2025年度分类定级". */
export function gradingSheetName(year: number): string {
  return `${year}年度分类定级`;
}

export async function buildGradingSheet(
  year: number,
  rows: readonly GradingSheetRow[],
): Promise<string> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(gradingSheetName(year));
  // Row 1 must stay the header (the import finds its columns there), so the title goes in the
  // page header and the signature block in the page footer of every printed page.
  setupPrint(sheet, {
    orientation: 'landscape',
    titleRows: [1, 1],
    freezeRows: 1,
    footer: SIGNATURE_FOOTER,
  });
  sheet.headerFooter.oddHeader = `&C&"-,Bold"&14 ${year}年度基层党组织分类定级表`;
  sheet.columns = GRADING_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  styleHeader(
    sheet.getRow(1),
    GRADING_COLUMNS.map((c) => c.width),
  );
  for (const r of rows) {
    sheet.addRow({
      orgId: r.orgId,
      name: safeText(r.name),
      // Codes as text: 12 digits would otherwise be shown in scientific notation.
      regionCode: r.regionCode,
      regionName: safeText(r.regionName),
      kind: ORG_KIND_LABELS[r.kind],
      category: FIELD_CATEGORY_LABELS[r.category],
      lastYearGrade: r.lastYearGrade ? GRADE_LABELS[r.lastYearGrade] : '',
      grade: r.grade ? GRADE_LABELS[r.grade] : '',
      reason: safeText(r.reason ?? ''),
    });
  }
  const last = rows.length + 1;
  const gradeColumn = sheet.getColumn('grade').letter;
  if (rows.length > 0) {
    borderTable(sheet, 2, last, GRADING_COLUMNS.length);
    for (let r = 2; r <= last; r++) {
      for (const key of ['orgId', 'regionCode', 'kind', 'lastYearGrade', 'grade'] as const)
        sheet.getRow(r).getCell(key).alignment = { vertical: 'middle', horizontal: 'center' };
    }
    wrapColumns(sheet, 2, last, [sheet.getColumn('name').number, sheet.getColumn('reason').number]);
    // One validation over the whole column range (not one per cell, which ExcelJS writes twice).
    addListValidation(sheet, `${gradeColumn}2:${gradeColumn}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${GRADES.map((g) => GRADE_LABELS[g]).join(',')}"`],
      showErrorMessage: true,
      errorTitle: '等次',
      error: '应为 好、较好、一般、较差 之一',
    });
  }
  return toBase64(workbook);
}

/** One data row as read from an uploaded sheet, before any check against the database. */
export interface ParsedGradingRow {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  orgId: string;
  grade: string;
  reason: string;
}

export const GRADE_BY_LABEL: ReadonlyMap<string, Grade> = new Map(
  GRADES.map((g) => [GRADE_LABELS[g], g]),
);
const GRADE_CHOICES = GRADES.map((g) => GRADE_LABELS[g]).join('、');
export const MAX_REASON_LENGTH = 500;
/** A province's sheet fits (湖南省: about 35,500 organisations); see BENCHMARKS.md, import. */
export const MAX_SHEET_ROWS = 50_000;

/**
 * Reads the first worksheet: headings from row 1, then every non-empty row. Returns the rows or
 * the structural problems (not an Excel file, a missing column, too many rows).
 */
export async function parseGradingSheet(
  base64: string,
): Promise<{ rows: ParsedGradingRow[]; issues: SheetIssue[] }> {
  const opened = await openImportSheet(base64, [HEADER.orgId, HEADER.grade], MAX_SHEET_ROWS);
  if ('issues' in opened) return { rows: [], issues: opened.issues };
  const read = (r: ImportRow, key: ColumnKey) => opened.read(r, HEADER[key]);
  const rows: ParsedGradingRow[] = [];
  for (const r of opened.rows) {
    const rowNumber = r.number;
    const parsed = {
      row: rowNumber,
      orgId: read(r, 'orgId'),
      grade: read(r, 'grade'),
      reason: read(r, 'reason'),
    };
    if (parsed.orgId === '' && parsed.grade === '' && parsed.reason === '') continue;
    rows.push(parsed);
  }
  return { rows, issues: [] };
}

/**
 * Whether two reasons are the same text as a person reads it: line ends (CR LF, CR) are one line
 * break and surrounding space does not count, and empty is no reason. A sheet cannot carry a CR
 * (XML turns CR LF into LF), so a reason typed with CR LF must not count as changed when the
 * exported sheet comes back.
 */
export function sameReason(a: string | null, b: string | null): boolean {
  const norm = (r: string | null) => (r ?? '').replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

export interface ValidGradingRow {
  row: number;
  orgId: number;
  /** null: 本年等次 left empty, the row is not graded by this import. */
  grade: Grade | null;
  reason: string | null;
}

/**
 * The org a row names, or the problem with its 组织编号: empty, not a positive integer, no org
 * inside the region, or named by an earlier row (`firstRowOf` records each org's first row).
 */
function rowOrg(
  r: ParsedGradingRow,
  isInRegion: (orgId: number) => boolean,
  regionName: string,
  firstRowOf: Map<number, number>,
): { orgId: number } | { issue: SheetIssue } {
  const problem = (detail: string) => ({ issue: sheetIssue(r.row, HEADER.orgId, detail) });
  if (r.orgId === '') return problem('不能为空');
  const orgId = /^\d{1,9}$/.test(r.orgId) ? Number(r.orgId) : 0;
  if (orgId === 0) return problem(`应为正整数，实际为「${r.orgId}」`);
  if (!isInRegion(orgId)) return problem(`编号 ${orgId} 的党组织不存在或不在${regionName}范围内`);
  const first = firstRowOf.get(orgId);
  if (first !== undefined) return problem(`编号 ${orgId} 与第 ${first} 行重复`);
  firstRowOf.set(orgId, r.row);
  return { orgId };
}

/** The problems with a row's 本年等次 and 理由 (an unknown grade, a reason too long or without a grade). */
function gradeIssues(r: ParsedGradingRow, grade: Grade | null | undefined): SheetIssue[] {
  const issues: SheetIssue[] = [];
  if (grade === undefined)
    issues.push(
      sheetIssue(r.row, HEADER.grade, `应为 ${GRADE_CHOICES} 之一，实际为「${r.grade}」`),
    );
  if (r.reason.length > MAX_REASON_LENGTH)
    issues.push(
      sheetIssue(
        r.row,
        HEADER.reason,
        `不能超过 ${MAX_REASON_LENGTH} 个字，实际为 ${r.reason.length} 个字`,
      ),
    );
  if (grade === null && r.reason !== '')
    issues.push(sheetIssue(r.row, HEADER.grade, '填写了理由但未填写等次'));
  return issues;
}

/**
 * Checks every row (not just until the first error): 组织编号 a positive integer naming an org
 * inside the region, not repeated; 本年等次 empty or one of the four grades; 理由 not too long.
 */
export function validateGradingRows(
  rows: readonly ParsedGradingRow[],
  /** Whether an id names an org inside the region that the caller may see. */
  isInRegion: (orgId: number) => boolean,
  regionName: string,
): { valid: ValidGradingRow[]; issues: SheetIssue[] } {
  const issues: SheetIssue[] = [];
  const valid: ValidGradingRow[] = [];
  const firstRowOf = new Map<number, number>();
  for (const r of rows) {
    const org = rowOrg(r, isInRegion, regionName, firstRowOf);
    const grade = r.grade === '' ? null : GRADE_BY_LABEL.get(r.grade);
    const problems = gradeIssues(r, grade);
    if ('issue' in org) issues.push(org.issue);
    issues.push(...problems);
    if ('orgId' in org && grade !== undefined && problems.length === 0) {
      valid.push({
        row: r.row,
        orgId: org.orgId,
        grade,
        reason: r.reason === '' ? null : r.reason,
      });
    }
  }
  return { valid, issues };
}
