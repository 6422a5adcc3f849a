import { z } from 'zod';

/**
 * Chinese names of input fields, so a validation error names the field the way the form does.
 * Keyed by the last path segment that is not an array index. Add a label when you add a field:
 * the API's error formatter falls back to the raw path, which users should not have to read.
 */
export const FIELD_LABELS: Record<string, string> = {
  code: '区划代码',
  regionCode: '区划代码',
  parentCode: '上级区划代码',
  page: '页码',
  pageSize: '每页条数',
  search: '搜索关键词',
  kind: '党组织类型',
  category: '党组织领域类别',
  orgId: '党组织',
  id: '编号',
  name: '名称',
  year: '年度',
  grade: '等次',
  reason: '理由',
  memberCount: '党员数',
  termStart: '届期开始日期',
  termEnd: '届期结束日期',
  secretaryId: '书记',
  amountFen: '金额（分）',
  baseFen: '基数（分）',
  poolFen: '报酬总额（分）',
  username: '用户名',
  password: '密码',
};

/** "每页条数（pageSize）" for ['pageSize'], "区划代码（items[2].code）" for ['items', 2, 'code']. */
export function describeField(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '输入';
  const printable = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  const label = key === undefined ? undefined : FIELD_LABELS[key];
  return label ? `${label}（${printable}）` : printable;
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. "items[2].code". */
  field: string;
  /** Chinese label plus path, e.g. "区划代码（items[2].code）". */
  label: string;
  message: string;
}

/** Turns zod issues into per-field Chinese messages. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const label = describeField(issue.path);
    return {
      field: label.includes('（') ? label.slice(label.indexOf('（') + 1, -1) : label,
      label,
      message: issue.message,
    };
  });
}

/** One readable sentence for all issues: "每页条数（pageSize）：数值过大…；区划代码（code）：…". */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return toFieldIssues(issues)
    .map((i) => `${i.label}：${i.message}`)
    .join('；');
}

let configured = false;
/** Switches zod's built-in messages to simplified Chinese (zod 4 ships the zh-CN locale). */
export function configureChineseValidation(): void {
  if (configured) return;
  z.config(z.locales.zhCN());
  configured = true;
}

/** Paging input shared by every list procedure; page size is capped so no one asks for 10^9 rows. */
export const MAX_PAGE_SIZE = 200;
export const pagingSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type Paging = z.infer<typeof pagingSchema>;
