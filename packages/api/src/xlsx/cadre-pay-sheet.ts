import { CADRE_POST_LABELS, CADRE_POSTS, yuanToFen, type CadrePost } from '@dangjian/domain';
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
  YUAN_FORMAT,
} from './workbook';

/**
 * The yearly sheet of village and community cadres' basic pay (003 §4.3): exported for a region
 * and year with every village and community (its recorded cadres, or one blank line), filled in
 * offline and imported back. A village is named by its township and its own name as the export
 * wrote them; columns are found by their Chinese heading in row 1.
 */
export const CADRE_PAY_COLUMNS = [
  { key: 'township', header: '乡镇（街道）', width: 16 },
  { key: 'unit', header: '村（社区）', width: 24 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'post', header: '职务', width: 26 },
  { key: 'pay', header: '基本报酬（元/年）', width: 16 },
  { key: 'note', header: '备注', width: 30 },
] as const;
type ColumnKey = (typeof CADRE_PAY_COLUMNS)[number]['key'];
const HEADER = Object.fromEntries(CADRE_PAY_COLUMNS.map((c) => [c.key, c.header])) as Record<
  ColumnKey,
  string
>;
const POST_BY_LABEL: ReadonlyMap<string, CadrePost> = new Map(
  CADRE_POSTS.map((p) => [CADRE_POST_LABELS[p], p]),
);
export const MAX_CADRE_PAY_ROWS = 20_000;

export interface CadrePaySheetRow {
  township: string;
  unit: string;
  name: string;
  gender: 'male' | 'female' | null;
  post: CadrePost | null;
  basicPayFen: number | null;
  note: string | null;
}

export async function buildCadrePaySheet(
  title: string,
  rows: readonly CadrePaySheetRow[],
): Promise<string> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('干部基本报酬');
  // Row 1 stays the header (the import reads its columns there): the title goes in the page
  // header, the signature block (填报单位（盖章）… 填报日期) in the footer of every printed page.
  setupPrint(sheet, {
    orientation: 'landscape',
    titleRows: [1, 1],
    freezeRows: 1,
    footer: SIGNATURE_FOOTER,
  });
  sheet.headerFooter.oddHeader = `&C&"-,Bold"&14 ${title.replace(/&/g, '&&')}`;
  sheet.columns = CADRE_PAY_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  styleHeader(
    sheet.getRow(1),
    CADRE_PAY_COLUMNS.map((c) => c.width),
  );
  for (const r of rows) {
    sheet.addRow({
      township: safeText(r.township),
      unit: safeText(r.unit),
      name: safeText(r.name),
      gender: r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '',
      post: r.post ? CADRE_POST_LABELS[r.post] : '',
      pay: r.basicPayFen === null ? '' : r.basicPayFen / 100,
      note: safeText(r.note ?? ''),
    });
  }
  const last = rows.length + 1;
  const postColumn = sheet.getColumn('post').letter;
  const genderColumn = sheet.getColumn('gender').letter;
  const payColumn = sheet.getColumn('pay').number;
  if (rows.length > 0) {
    borderTable(sheet, 2, last, CADRE_PAY_COLUMNS.length);
    wrapColumns(sheet, 2, last, [sheet.getColumn('note').number]);
    for (let i = 2; i <= last; i++) sheet.getRow(i).getCell(payColumn).numFmt = YUAN_FORMAT;
    addListValidation(sheet, `${postColumn}2:${postColumn}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${CADRE_POSTS.map((p) => CADRE_POST_LABELS[p]).join(',')}"`],
      showErrorMessage: true,
      errorTitle: '职务',
      error: '请从下拉列表中选择职务',
    });
    addListValidation(sheet, `${genderColumn}2:${genderColumn}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: ['"男,女"'],
    });
  }
  return toBase64(workbook);
}

/** A checked row: the village still named (resolved by the caller), everything else parsed. */
export interface ParsedCadrePayRow {
  row: number;
  township: string;
  unit: string;
  name: string;
  gender: 'male' | 'female' | null;
  post: CadrePost;
  basicPayFen: number;
  note: string | null;
}

/**
 * Reads and checks the first worksheet: every row whose 姓名 is filled must have a known 职务 and
 * a basic pay in yuan (at most two decimals); 性别 is 男, 女 or empty; a person appears once per
 * village. Rows without a name (the template's blank lines) are skipped. Returns the rows, or
 * every problem found (by row and column).
 */
export async function parseCadrePaySheet(
  base64: string,
): Promise<{ rows: ParsedCadrePayRow[]; issues: SheetIssue[] }> {
  const opened = await openImportSheet(
    base64,
    (['township', 'unit', 'name', 'post', 'pay'] as const).map((k) => HEADER[k]),
    MAX_CADRE_PAY_ROWS,
  );
  if ('issues' in opened) return { rows: [], issues: opened.issues };
  const issues: SheetIssue[] = [];
  const read = (r: ImportRow, key: ColumnKey) => opened.read(r, HEADER[key]);
  const rows: ParsedCadrePayRow[] = [];
  const seen = new Map<string, number>();
  for (const r of opened.rows) {
    const row = r.number;
    const name = read(r, 'name');
    if (name === '') continue;
    const township = read(r, 'township');
    const unit = read(r, 'unit');
    const genderText = read(r, 'gender');
    const postText = read(r, 'post');
    const payText = read(r, 'pay').replace(/,/g, '');
    const note = read(r, 'note');
    let ok = true;
    const fail = (key: ColumnKey, detail: string) => {
      issues.push(sheetIssue(row, HEADER[key], detail));
      ok = false;
    };
    if (unit === '') fail('unit', '请填写村（社区）');
    if (name.length > 50) fail('name', '不超过 50 字');
    const gender = genderText === '男' ? 'male' : genderText === '女' ? 'female' : null;
    if (genderText !== '' && gender === null) fail('gender', '应为“男”或“女”');
    const post = POST_BY_LABEL.get(postText);
    if (!post) fail('post', `应为 ${[...POST_BY_LABEL.keys()].join('、')} 之一`);
    let basicPayFen = 0;
    if (payText === '') fail('pay', '请填写全年基本报酬（元）');
    else {
      const value = Number(payText);
      try {
        if (!/^\d+(\.\d+)?$/.test(payText)) throw new TypeError('not a number');
        basicPayFen = yuanToFen(value, '基本报酬');
      } catch {
        fail('pay', '应为不小于 0 的金额（元），最多两位小数');
      }
    }
    if (note.length > 200) fail('note', '不超过 200 字');
    const key = `${township}/${unit}/${name}`;
    const first = seen.get(key);
    if (first !== undefined) fail('name', `与第 ${first} 行重复（同一村（社区）同一人只填一行）`);
    else seen.set(key, row);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- fail() clears ok inside a closure, which TypeScript's narrowing does not see
    if (ok && post) {
      rows.push({ row, township, unit, name, gender, post, basicPayFen, note: note || null });
    }
  }
  return { rows, issues };
}
