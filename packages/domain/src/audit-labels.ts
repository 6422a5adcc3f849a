import type { Role } from './access';

/**
 * Words for the audit log: what each procedure does (审计日志「操作」), who did it (the account and
 * its unit) and what it touched, in people's words. Code, the database and structured logs keep
 * the short ids (`auth.login`, `user:1`, region codes); screens and exports show these labels.
 * Every procedure of the API has a label here (packages/api/src/audit-labels.test.ts reads the
 * permission table and fails for a procedure without one).
 */
export const PROCEDURE_LABELS: Record<string, string> = {
  // Accounts and signing in
  'health.check': '健康检查',
  'auth.login': '登录',
  'auth.me': '查看当前账号',
  'auth.logout': '退出登录',
  'auth.changePassword': '修改密码',
  'user.list': '查看账号',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.setDisabled': '停用或启用账号',
  'user.resetPassword': '重置密码',
  'audit.list': '查看审计日志',
  'security.events': '查看安全事件',
  // Regions, organisations, people
  'region.root': '查看区划',
  'region.children': '查看下级区划',
  'region.path': '查看区划路径',
  'region.search': '搜索区划',
  'org.list': '查看党组织',
  'org.byId': '查看党组织详情',
  'org.create': '新建党组织',
  'org.update': '修改党组织',
  'org.history': '查看党组织变更记录',
  'person.revealIdNumber': '查看身份证号',
  'person.list': '查看人员',
  'person.byId': '查看人员详情',
  'person.create': '新增人员',
  'person.update': '修改人员信息',
  'attachment.upload': '上传附件',
  'attachment.list': '查看附件',
  'attachment.download': '下载附件',
  // Policy
  'policy.effective': '查看现行政策参数',
  'policy.shipped': '查看文件原定参数',
  'policy.sets': '查看政策参数设置',
  'policy.saveOverride': '设置本地政策参数',
  'policy.adopt': '参照执行上级或外地文件',
  // Grading and pay
  'dashboard.overview': '查看工作台',
  'dashboard.orglife': '查看组织生活概况',
  'grading.list': '查看定级',
  'grading.set': '定级',
  'grading.bulkSet': '批量定级',
  'grading.history': '查看定级记录',
  'grading.exportSheet': '导出定级表',
  'grading.importSheet': '导入定级表',
  'pay.rule': '查看报酬标准',
  'pay.preview': '预览报酬发放',
  'pay.commit': '确认报酬发放',
  'pay.runs': '查看报酬发放批次',
  'pay.run': '查看报酬发放明细',
  'pay.exportPayroll': '导出报酬发放表',
  'pay.startRegion': '发起全县（市）报酬统一核算',
  'pay.commitRegion': '执行全县（市）报酬统一核算',
  'pay.cancelRegion': '取消全县（市）报酬统一核算',
  'pay.regionJob': '查看全县（市）报酬统一核算进度',
  'pay.regionJobs': '查看全县（市）报酬统一核算记录',
  'pay.exportRegionPayroll': '导出全县（市）报酬发放表',
  'floors.check': '查看保障底线',
  'floors.cadrePay': '查看村（社区）干部基本报酬',
  'floors.saveCadrePay': '登记村（社区）干部基本报酬',
  'floors.deleteCadrePay': '删除村（社区）干部基本报酬',
  'floors.cadrePayTemplate': '导出基本报酬登记表',
  'floors.importCadrePay': '导入基本报酬登记表',
  'floors.saveStat': '登记参考数据',
  'dues.list': '查看党费收缴与返还',
  'dues.record': '登记党费收缴与返还',
  'dues.void': '作废党费记录',
  // Upgrade, dispatch, eligibility
  'upgrade.report': '查看晋位升级情况',
  'upgrade.dispatch': '查看选派要求',
  'upgrade.sanctions': '查看问责名单',
  'upgrade.dispatches': '查看选派干部',
  'upgrade.saveDispatch': '登记选派干部',
  'upgrade.endDispatch': '结束选派',
  'eligibility.honours': '查看评先评优名单',
  'eligibility.healthCheck': '查看健康体检名单',
  'eligibility.graduateOfficials': '查看大学生村官',
  'eligibility.saveGraduateOfficial': '登记大学生村官',
  'eligibility.export': '导出评先评优与关爱名单',
  // Rectification and review
  'rectification.list': '查看整顿台账',
  'rectification.byId': '查看整顿详情',
  'rectification.create': '列入整顿',
  'rectification.addEntry': '登记整顿进展',
  'rectification.closeItem': '销号整顿问题',
  'rectification.accept': '整顿验收',
  'rectification.carryOver': '整顿转入下年',
  'rectification.addProblem': '增加整顿问题',
  'rectification.correctProblem': '更正整顿问题',
  'rectification.correctCase': '更正整顿对象',
  'rectification.withdrawProblem': '撤销整顿问题',
  'rectification.withdrawCase': '撤销整顿对象',
  'rectification.exportForm': '导出整顿报表',
  'review.townships': '查看述职评议进度',
  'review.meeting': '查看述职评议会',
  'review.results': '查看述职评议结果',
  'review.history': '查看述职评议记录',
  'review.schedule': '安排述职评议会',
  'review.markHeld': '登记述职评议会已召开',
  'review.saveReport': '提交述职报告',
  'review.reviewReport': '审核述职报告',
  'review.recordComments': '登记评议意见',
  'review.rate': '评定述职等次',
  'review.recordConsequence': '登记评议结果运用',
  'review.recordFeedback': '登记反馈整改',
  // Organisation life
  'coverage.list': '查看组织覆盖',
  'coverage.save': '登记非公企业党建情况',
  'coverage.assignInstructor': '选派党建指导员',
  'coverage.export': '导出组织覆盖台账',
  'reserves.villages': '查看后备干部配备',
  'reserves.ledger': '查看后备干部台账',
  'reserves.add': '登记后备干部',
  'reserves.end': '移出后备干部',
  'reserves.export': '导出后备干部台账',
  'development.overview': '查看发展党员情况',
  'development.candidates': '查看发展对象',
  'development.setQuota': '下达发展党员计划',
  'development.reportExcess': '报告超计划发展',
  'development.addCandidate': '登记入党申请人',
  'development.advance': '推进发展程序',
  'development.preFile': '发展党员预审备案',
  'development.export': '导出发展党员台账',
  'meetings.compliance': '查看联席会议落实',
  'meetings.list': '查看联席会议',
  'meetings.record': '登记联席会议',
  'meetings.publish': '公开会议决定',
  'meetings.export': '导出联席会议台账',
  'terms.list': '查看换届情况',
  'terms.recordElection': '登记换届选举',
  'terms.export': '导出换届台账',
  'demoSites.list': '查看示范点',
  'demoSites.designate': '命名示范点',
  'demoSites.revoke': '撤销示范点',
  'demoSites.export': '导出示范点台账',
  // Training
  'training.classes': '查看培训班',
  'training.classById': '查看培训班详情',
  'training.mySignups': '查看我的报名',
  'training.myAttendance': '查看我的出勤',
  'training.ics': '下载培训日历',
  'training.signup': '报名培训班',
  'training.cancel': '取消本人报名',
  'training.createClass': '新建培训班',
  'training.enrol': '批量报名',
  'training.withdraw': '取消学员报名',
  'training.roster': '查看学员名单',
  'training.candidates': '查看可报名人员',
  'training.markAttendance': '培训签到',
  'training.complete': '培训结业',
  'training.coverage': '查看培训覆盖',
  'training.coverageExport': '导出培训覆盖情况',
  // Resident help for poor villages
  'poverty.villages': '查看贫困村',
  'poverty.village': '查看贫困村详情',
  'poverty.logs': '查看工作日志',
  'poverty.myTeams': '查看我的工作队',
  'poverty.logWork': '填写工作日志',
  'poverty.recordIncome': '登记村集体收入',
  'poverty.villageOptions': '查看可登记的村',
  'poverty.registerVillage': '登记贫困村',
  'poverty.updateVillage': '修改贫困村信息',
  'poverty.setExited': '登记贫困村出列',
  'poverty.memberAccounts': '查看队员账号',
  'poverty.createTeam': '派驻工作队',
  'poverty.addMember': '增加工作队员',
  'poverty.endMember': '队员离队',
  'poverty.appointFirstSecretary': '任命第一书记',
  'poverty.withdrawTeam': '撤回工作队',
  'poverty.assess': '考核工作队',
  'poverty.coverage': '查看帮扶覆盖',
  'poverty.coverageExport': '导出帮扶覆盖情况',
  'poverty.overview': '查看驻村帮扶概况',
  'poverty.assessments': '查看工作队考核',
  'poverty.teams': '查看工作队',
};

/** The action of an audit row in people's words; an unknown procedure reads 「其他操作」. */
export function procedureLabel(procedure: string): string {
  return Object.hasOwn(PROCEDURE_LABELS, procedure)
    ? (PROCEDURE_LABELS[procedure] as string)
    : '其他操作';
}

/** What kind of record an audit target (`kind:id…`) names. */
export const TARGET_KIND_LABELS: Record<string, string> = {
  user: '账号',
  org: '党组织',
  person: '人员',
  attachment: '附件',
  grading: '定级',
  pay_run: '报酬发放批次',
  cadre_basic_pay: '基本报酬记录',
  region_stat: '参考数据',
  non_public_dues: '党费记录',
  policy: '政策参数',
  org_dispatch: '选派记录',
  graduate_official: '大学生村官',
  rectification: '整顿台账',
  rectification_case: '整顿对象',
  rectification_entry: '整顿进展',
  rectification_problem: '整顿问题',
  review_meeting: '述职评议会',
  secretary_review: '述职评议',
  enterprise: '非公企业',
  reserve_cadre: '后备干部',
  member_candidate: '发展对象',
  member_dev_quota: '发展计划',
  org_meeting: '联席会议',
  demo_site: '示范点',
  training_class: '培训班',
  training_signup: '培训报名',
  poor_village: '贫困村',
  poverty_team: '驻村工作队',
  poverty_team_member: '工作队员',
  poverty_work_log: '工作日志',
  poverty_assessment: '工作队考核',
  village_collective_income: '村集体收入',
};

/** An audit target split into its kind and the first id (`org:12` → org, 12). */
export function parseAuditTarget(
  target: string | null,
): { kind: string; id: number | null } | null {
  if (!target) return null;
  const [kind = '', first] = target.split(':');
  const id = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
  return { kind, id };
}

/**
 * The target in words: the record's name when the caller could look it up (an account's display
 * name, an org's name…), else its kind and number (「培训班 #12」), else 「记录 #12」.
 */
export function auditTargetLabel(target: string | null, name?: string | null): string {
  const t = parseAuditTarget(target);
  if (!t) return '—';
  const kind = Object.hasOwn(TARGET_KIND_LABELS, t.kind) ? TARGET_KIND_LABELS[t.kind] : null;
  if (name) return kind ? `${kind}「${name}」` : name;
  if (t.id === null) return kind ?? '记录';
  return `${kind ?? '记录'} #${t.id}`;
}

/** The unit an account acts for, from its role and its region's name (武陵区 → 武陵区委组织部). */
export function accountUnit(role: Role | null, regionName: string | null): string | null {
  if (!regionName) return null;
  switch (role) {
    case 'city_admin':
    case 'county_admin':
      return `${regionName}委组织部`;
    case 'training_organiser':
      return `${regionName}委组织部培训科`;
    case 'township':
      return `${regionName}党（工）委`;
    case 'secretary':
      return `${regionName}党组织`;
    case 'poverty_office':
      return `${regionName}扶贫办`;
    case 'team_member':
      return `驻${regionName}工作队`;
    default:
      return regionName;
  }
}

/**
 * Who did it, in words: 「张三（武陵区委组织部）」; the unit alone when the account's name is the
 * unit's (the demo accounts are named after their unit).
 */
export function auditActorLabel(
  name: string | null,
  role: Role | null,
  regionName: string | null,
): string {
  const unit = accountUnit(role, regionName);
  if (!name) return unit ?? '系统';
  if (!unit || name === unit || name.includes(unit)) return name;
  return `${name}（${unit}）`;
}

/** Field names of before/after values in words; fields not listed are shown by their key. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  displayName: '显示名称',
  username: '用户名',
  role: '角色',
  disabled: '已停用',
  status: '状态',
  grade: '等次',
  year: '年度',
  reason: '理由',
  note: '备注',
  category: '类别',
  startDate: '开始日期',
  endDate: '结束日期',
  startTime: '开始时间',
  endTime: '结束时间',
  days: '天数',
  hours: '学时',
  venue: '地点',
  capacity: '名额',
  completedOn: '结业日期',
  present: '出勤',
  amountFen: '金额（分）',
  fundsFen: '资金（分）',
  incomeFen: '收入（分）',
  phone: '电话',
  post: '职务',
  date: '日期',
  summary: '内容',
  regionCode: '区划',
  regionCodes: '区划',
  eligibleRegions: '限定区域',
};

/** Keys never shown: internal ids (also 'createdBy': an account id), counters, secrets, times. */
const HIDDEN_FIELD =
  /(^id$|Id$|Ids$|By$|^seq$|^signupSeq$|^confirmedCount$|password|Hash$|^createdAt$|^updatedAt$)/;
const REGION_CODE = /^\d{12}$/;

/** Every 12-digit region code inside an audit value (to look up their names in one query). */
export function regionCodesIn(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string' && REGION_CODE.test(v)) out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out];
}

function valueWords(v: unknown, regionName: (code: string) => string | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return REGION_CODE.test(v) ? (regionName(v) ?? '（区划）') : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => valueWords(x, regionName)).join('、') || '—';
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !HIDDEN_FIELD.test(k))
      .map(([k, x]) => `${AUDIT_FIELD_LABELS[k] ?? k}：${valueWords(x, regionName)}`)
      .join('；');
  }
  return typeof v === 'bigint' ? v.toString() : '—';
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * The before/after values of an audit row as changed fields in words: ids and secrets left out,
 * region codes as names, a field unchanged between before and after not listed.
 */
export function describeAuditChanges(
  before: unknown,
  after: unknown,
  regionName: (code: string) => string | undefined,
): AuditChange[] {
  const asRecord = (v: unknown): Record<string, unknown> | null =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === undefined && after === undefined) return [];
    if (before === null && after === null) return [];
    return [
      {
        field: '内容',
        before: before == null ? null : valueWords(before, regionName),
        after: after == null ? null : valueWords(after, regionName),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter(
    (k) => !HIDDEN_FIELD.test(k),
  );
  return keys
    .filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]) || !b || !a)
    .map((k) => ({
      field: AUDIT_FIELD_LABELS[k] ?? k,
      before: b && k in b ? valueWords(b[k], regionName) : null,
      after: a && k in a ? valueWords(a[k], regionName) : null,
    }));
}

/**
 * Kinds of security event (安全事件, packages/api/src/auth/events.ts records them): failed and
 * throttled logins, lockouts, and calls the API refused. Stored by these ids; shown by the labels.
 */
export const SECURITY_EVENT_KINDS = [
  'login_failed',
  'login_throttled',
  'account_locked',
  'unauthenticated',
  'forbidden',
  'cross_region',
  'not_found_on_write',
  'origin_refused',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_EVENT_KIND_LABELS: Record<SecurityEventKind, string> = {
  login_failed: '登录失败',
  login_throttled: '登录被限制',
  account_locked: '账号锁定',
  unauthenticated: '未登录的修改',
  forbidden: '越权操作',
  cross_region: '越区访问',
  not_found_on_write: '修改不存在的记录',
  origin_refused: '来源不被允许',
};
