import { z } from 'zod';
import { DomainError } from './errors';
import type { DomainErrorCode } from './errors';

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
  currentPassword: '当前密码',
  newPassword: '新密码',
  parentId: '上级党组织',
  gender: '性别',
  birthDate: '出生日期',
  education: '文化程度',
  phone: '联系电话',
  idNumber: '身份证号',
  personId: '人员',
  userId: '账号',
  displayName: '姓名（单位）',
  role: '角色',
  disabled: '停用',
  fromYear: '起始年度',
  toYear: '截止年度',
  effectiveDate: '生效日期',
  parameters: '政策参数',
  note: '备注',
  orgIds: '党组织',
  ungradedOnly: '仅看未定级',
  mode: '核算方式',
  base64: '文件',
  // report-and-review (述职评议)
  meetingOn: '会议日期',
  venue: '会议地点',
  participants: '参会人数',
  participantNames: '参会人员名单',
  party_congress_deputy: '党代会代表人数',
  npc_deputy: '人大代表人数',
  cppcc_member: '政协委员人数',
  member_cadre: '基层党员干部人数',
  public_rep: '群众代表人数',
  heldOn: '实际召开日期',
  reviewId: '书记述职记录',
  reportSummary: '述职报告',
  submittedOn: '报告提交日期',
  contentAreas: '报告涵盖内容',
  reviewerName: '审阅人',
  reviewedByTownshipSecretary: '由镇党委书记审阅',
  reviewedOn: '审阅日期',
  reviewComments: '审阅意见',
  meetingComments: '点评意见',
  participantOpinions: '评议意见',
  questions: '现场提问',
  rating: '评议等次',
  consequence: '处理方式',
  consequenceBy: '处理机关',
  consequenceOn: '处理日期',
  consequenceNote: '处理情况说明',
  feedbackOn: '反馈日期',
  feedbackMethod: '反馈方式',
  reportPublished: '述职报告已公开',
  // training (培训)
  classId: '培训班',
  trainingKind: '培训类型',
  startDate: '开始日期',
  endDate: '结束日期',
  days: '培训天数',
  hours: '培训学时',
  capacity: '名额',
  eligibleRoles: '报名对象',
  eligibleRegions: '限定区域',
  newSecretariesOnly: '仅限新任书记',
  sessionDate: '培训日期',
  personIds: '人员',
  present: '出勤',
  level: '举办层级',
  // rectification (整顿软弱涣散)
  criteria: '整顿标准',
  keyFlags: '重点整顿情形',
  electionPostponed: '推迟换届',
  electionCompletionDate: '换届选举完成时间',
  problems: '问题清单',
  description: '问题描述',
  measures: '整顿措施',
  goal: '整顿目标',
  deadline: '完成时限',
  responsiblePerson: '责任人',
  workTeam: '工作班子',
  leader: '负责人',
  members: '成员',
  leadingCadre: '包联领导干部',
  post: '职务',
  problemId: '问题',
  caseId: '整顿对象',
  entryDate: '日期',
  attachments: '附件',
  filename: '文件名',
  link: '链接',
  closedOn: '销号日期',
  closure: '销号',
  publicConfirmation: '群众认可',
  confirmedBy: '确认人',
  confirmedOn: '认可日期',
  method: '认可方式',
  evidence: '认可依据',
  acceptedOn: '验收日期',
  passed: '验收结论',
  publicOpinionHeard: '听取群众意见',
  form: '报表',
  // organisation life (组织覆盖, 后备干部, 发展党员, 联席会议, 换届, 示范点)
  enterpriseId: '非公企业（社会组织）',
  enterpriseKind: '单位类型',
  employees: '职工人数',
  hasUnion: '已建立工会',
  ownOrgId: '本单位党组织',
  jointOrgId: '联合党组织',
  instructorUnit: '指导员所在单位',
  assignedOn: '选派日期',
  since: '确定为后备日期',
  until: '退出日期',
  unitId: '发展党员控制单位',
  quota: '年度发展计划（人）',
  excessReportedOn: '超计划报告日期',
  candidateId: '发展对象',
  stage: '发展阶段',
  on: '日期',
  appliedOn: '入党申请日期',
  preFiledOn: '备案日期',
  meetingKind: '会议类型',
  convener: '召集人',
  attendees: '参会人员',
  attendeeCount: '参会人数',
  topics: '议题',
  decisions: '决议事项',
  decisionsPublishedOn: '决议公开日期',
  electedOn: '换届选举日期',
  demoCategory: '示范类别',
  designatedOn: '命名日期',
  siteId: '示范点',
  // resident help for poor villages (驻村帮扶)
  villageId: '贫困村',
  identifiedYear: '认定年度',
  helpedBy: '帮扶层级',
  households: '总户数',
  poorHouseholds: '建档立卡贫困户数',
  poorPeople: '建档立卡贫困人口',
  baselineIncomeFen: '认定时村集体经济收入（分）',
  exitedYear: '脱贫出列年度',
  teamId: '驻村工作队',
  unit: '派出单位',
  fromDate: '驻村开始日期',
  toDate: '离村日期',
  memberId: '工作队员',
  firstSecretary: '任第一书记',
  area: '工作内容',
  summary: '工作纪实',
  householdsReached: '走访（受益）户数',
  fundsFen: '引进资金（分）',
  incomeFen: '村集体经济收入（分）',
  comments: '考核评语',
  correctionDeadline: '整改期限',
  subject: '考核对象',
  date: '日期',
  // cadres' basic pay (003 §4.3), reference figures and non-public dues (001 §22)
  basicPayFen: '基本报酬（分）',
  key: '参考数据项',
  valueFen: '数值（分）',
  source: '数据来源',
  direction: '上缴或返还',
  entryId: '记录',
  owedOnly: '仅看待返还',
};

/** The printable path of a field: ['secretaries', 2, 'grade'] → "secretaries[2].grade". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** "每页条数（pageSize）" for ['pageSize'], "区划代码（items[2].code）" for ['items', 2, 'code']. */
export function describeField(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '输入';
  const printable = fieldPath(path);
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

const zhCN = z.locales.zhCN();

/**
 * Validates a rule's input with its zod schema and returns the parsed value. On bad input it
 * throws a DomainError whose `field` is the path of the first offending field (e.g.
 * "secretaries[2].grade") and whose message is Chinese ("等次（secretaries[2].grade）：无效选项…").
 * Codes: an unknown enum value → UNKNOWN_VALUE; an empty list where one is required →
 * EMPTY_INPUT; anything else → INVALID_INPUT. Zod's own messages are rendered in zh-CN for this
 * call only (no global configuration is changed).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: zhCN.localeError });
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const code: DomainErrorCode =
    issue.code === 'invalid_value'
      ? 'UNKNOWN_VALUE'
      : issue.code === 'too_small' && issue.origin === 'array'
        ? 'EMPTY_INPUT'
        : 'INVALID_INPUT';
  const field = issue.path.length === 0 ? 'input' : fieldPath(issue.path);
  throw new DomainError(code, field, `${describeField(issue.path)}：${issue.message}`);
}

/** Calendar date as an ISO string 'YYYY-MM-DD' (validated: 2015-02-30 is rejected). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, '不是有效的日历日期');
export type IsoDate = z.infer<typeof isoDateSchema>;

/** A policy or reporting year. */
export const yearSchema = z
  .number()
  .int()
  .min(1949, '年度应不早于 1949')
  .max(2200, '年度应不晚于 2200');

/** Identifiers of people, orgs, cases: opaque strings (kept as given), not blank. */
export const idSchema = z.string().regex(/\S/, '编号不能为空');

/** A non-negative whole count (people, organisations, meetings). */
export const countSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A percentage 0..100 (may have decimals, e.g. 12.5). */
export const percentSchema = z
  .number()
  .min(0, '百分比应在 0 到 100 之间')
  .max(100, '百分比应在 0 到 100 之间');
