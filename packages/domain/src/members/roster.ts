import { z } from 'zod';
import { fullYearsBetween } from '../dates';
import { DomainError } from '../errors';
import type { EducationLevel } from '../models';
import { regionCodeSchema } from '../regions';
import { idSchema, isoDateSchema, parseInput } from '../validation';
import type { IsoDate } from '../validation';
import { addMonths } from './calendar';
import { checkCitizenId, CITIZEN_ID_PROBLEM_LABELS, SEXES } from './identity';
import type { MemberPolicyValues } from './member-policy';

/**
 * The roster of Party members (党员名册 / 党员花名册): who each member is, where their
 * organisational relation sits, whether they are probationary (预备党员) or full (正式党员), and
 * the flags the care and management rules use. Member management is asked for by 岳阳市委组织部
 * 2015年基层党建通知 第六部分 (从严抓好党员教育管理) and 常委〔2012〕5号 第十二至十四条.
 */

/** The 56 ethnic groups in the order and with the codes of GB/T 3304, and the two extra codes. */
// prettier-ignore
export const ETHNICITIES = [
  ['01', '汉族'], ['02', '蒙古族'], ['03', '回族'], ['04', '藏族'], ['05', '维吾尔族'],
  ['06', '苗族'], ['07', '彝族'], ['08', '壮族'], ['09', '布依族'], ['10', '朝鲜族'],
  ['11', '满族'], ['12', '侗族'], ['13', '瑶族'], ['14', '白族'], ['15', '土家族'],
  ['16', '哈尼族'], ['17', '哈萨克族'], ['18', '傣族'], ['19', '黎族'], ['20', '傈僳族'],
  ['21', '佤族'], ['22', '畲族'], ['23', '高山族'], ['24', '拉祜族'], ['25', '水族'],
  ['26', '东乡族'], ['27', '纳西族'], ['28', '景颇族'], ['29', '柯尔克孜族'], ['30', '土族'],
  ['31', '达斡尔族'], ['32', '仫佬族'], ['33', '羌族'], ['34', '布朗族'], ['35', '撒拉族'],
  ['36', '毛南族'], ['37', '仡佬族'], ['38', '锡伯族'], ['39', '阿昌族'], ['40', '普米族'],
  ['41', '塔吉克族'], ['42', '怒族'], ['43', '乌孜别克族'], ['44', '俄罗斯族'], ['45', '鄂温克族'],
  ['46', '德昂族'], ['47', '保安族'], ['48', '裕固族'], ['49', '京族'], ['50', '塔塔尔族'],
  ['51', '独龙族'], ['52', '鄂伦春族'], ['53', '赫哲族'], ['54', '门巴族'], ['55', '珞巴族'],
  ['56', '基诺族'], ['97', '其他'], ['98', '外国血统中国籍人士'],
] as const;
export type EthnicityCode = (typeof ETHNICITIES)[number][0];
export const ETHNICITY_CODES = ETHNICITIES.map(([code]) => code) as [
  EthnicityCode,
  ...EthnicityCode[],
];
export const ETHNICITY_LABELS = Object.fromEntries(ETHNICITIES) as Record<EthnicityCode, string>;
export const ethnicitySchema = z.enum(ETHNICITY_CODES);

/** Highest education (学历) as the roster records it, lowest first. */
export const MEMBER_EDUCATION_LEVELS = [
  'primary_or_below',
  'junior_high',
  'high_school',
  'secondary_vocational',
  'junior_college',
  'bachelor',
  'master',
  'doctorate',
] as const;
export type MemberEducation = (typeof MEMBER_EDUCATION_LEVELS)[number];
export const MEMBER_EDUCATION_LABELS: Record<MemberEducation, string> = {
  primary_or_below: '小学及以下',
  junior_high: '初中',
  high_school: '高中',
  secondary_vocational: '中等专科（中专、职高、技校）',
  junior_college: '大学专科',
  bachelor: '大学本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
};
export const memberEducationSchema = z.enum(MEMBER_EDUCATION_LEVELS);

const TO_EDUCATION_LEVEL: Record<MemberEducation, EducationLevel> = {
  primary_or_below: 'primary_or_below',
  junior_high: 'junior_high',
  high_school: 'high_school',
  secondary_vocational: 'high_school',
  junior_college: 'college',
  bachelor: 'bachelor',
  master: 'postgraduate',
  doctorate: 'postgraduate',
};

/**
 * The roster's 学历 as the coarser level the development rules use (models.ts): 中专 counts as
 * 高中 level, so 常委〔2012〕5号 第十一条's 高中文化程度以上 reads the same for both.
 */
export function educationLevelOf(education: MemberEducation): EducationLevel {
  return TO_EDUCATION_LEVEL[education];
}

/** Occupation categories of the 党员花名册 (the categories of the Party's member statistics). */
export const OCCUPATION_CATEGORIES = [
  'worker',
  'farmer',
  'professional',
  'enterprise_manager',
  'public_servant',
  'student',
  'military',
  'retired',
  'unemployed',
  'other',
] as const;
export type OccupationCategory = (typeof OCCUPATION_CATEGORIES)[number];
export const OCCUPATION_CATEGORY_LABELS: Record<OccupationCategory, string> = {
  worker: '工人（工勤技能人员）',
  farmer: '农牧渔民',
  professional: '专业技术人员',
  enterprise_manager: '企业管理人员',
  public_servant: '党政机关工作人员',
  student: '学生',
  military: '军人、武警',
  retired: '离退休人员',
  unemployed: '无职业（下岗失业）人员',
  other: '其他职业人员',
};
export const occupationCategorySchema = z.enum(OCCUPATION_CATEGORIES);

/** 预备党员 or 正式党员 (党章 第七条). */
export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  probationary: '预备党员',
  full: '正式党员',
};

/** Flags the care and management rules read (001 §3, §23; 000 §6). */
export const MEMBER_FLAGS = ['inDifficulty', 'mobile', 'elderlyInfirm'] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];
export const MEMBER_FLAG_LABELS: Record<MemberFlag, string> = {
  inDifficulty: '生活困难党员',
  mobile: '流动党员',
  elderlyInfirm: '年老体弱党员',
};

export const memberSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, '姓名不能为空'),
  idNumber: z.string().trim(),
  /** Derived from the ID number when absent; must agree with it when given. */
  sex: z.enum(SEXES).optional(),
  birthDate: isoDateSchema.optional(),
  ethnicity: ethnicitySchema,
  education: memberEducationSchema,
  phone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
    .nullable()
    .default(null),
  /** The organisation holding the member's organisational relation (组织关系所在党组织). */
  orgId: idSchema,
  /** Region of that organisation (for roll-ups). */
  regionCode: regionCodeSchema,
  status: z.enum(MEMBER_STATUSES),
  /** 入党时间: the day the branch meeting admitted them as a probationary member. */
  joinedOn: isoDateSchema,
  /** 转正时间: the day the probation ended with conversion; null while probationary. */
  fullSince: isoDateSchema.nullable().default(null),
  occupation: occupationCategorySchema,
  inDifficulty: z.boolean().default(false),
  mobile: z.boolean().default(false),
  elderlyInfirm: z.boolean().default(false),
});
export type MemberInput = z.input<typeof memberSchema>;
export type Member = Omit<z.output<typeof memberSchema>, 'sex' | 'birthDate'> & {
  sex: (typeof SEXES)[number];
  birthDate: IsoDate;
};

function violation(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/** Sex and birth date agree with the ID number; the ID number is valid on `asOf`. */
function identityOf(
  m: z.output<typeof memberSchema>,
  asOf: IsoDate,
): Pick<Member, 'idNumber' | 'sex' | 'birthDate'> {
  const check = checkCitizenId(m.idNumber, asOf);
  if (!check.ok) {
    throw new DomainError(
      'INVALID_INPUT',
      'idNumber',
      `身份证号（idNumber）${CITIZEN_ID_PROBLEM_LABELS[check.problem]}`,
    );
  }
  const { info } = check;
  if (m.sex !== undefined && m.sex !== info.sex) {
    throw violation('sex', '性别（sex）与身份证号不符');
  }
  if (m.birthDate !== undefined && m.birthDate !== info.birthDate) {
    throw violation(
      'birthDate',
      `出生日期（birthDate）与身份证号不符：身份证号为 ${info.birthDate}`,
    );
  }
  return { idNumber: info.idNumber, sex: info.sex, birthDate: info.birthDate };
}

/**
 * A roster entry, validated and completed: sex and birth date derived from the ID number
 * (GB 11643-1999) and checked against any given; the member was at least membershipMinAge (18)
 * on joining (《中国共产党章程》 第一条: 年满十八岁); joined no later than `asOf`; a full member
 * has a conversion date not earlier than a probation after joining (第七条: 预备期一年, counted
 * from the day the branch meeting admitted them); a probationary member has none.
 * Throws a DomainError naming the field.
 */
export function parseMember(
  input: MemberInput,
  asOf: IsoDate,
  values: Pick<MemberPolicyValues, 'membershipMinAge' | 'probationMonths'>,
): Member {
  const m = parseInput(memberSchema, input);
  const identity = identityOf(m, asOf);
  if (m.joinedOn > asOf) throw violation('joinedOn', `入党时间（joinedOn）不能晚于 ${asOf}`);
  const adultOn = addMonths(identity.birthDate, values.membershipMinAge * 12);
  if (m.joinedOn < adultOn) {
    throw violation(
      'joinedOn',
      `入党时间（joinedOn）应在年满 ${values.membershipMinAge} 周岁（${adultOn}）之后`,
    );
  }
  if (m.status === 'full' && m.fullSince === null) {
    throw violation('fullSince', '正式党员应填写转正时间（fullSince）');
  }
  if (m.status === 'probationary' && m.fullSince !== null) {
    throw violation('fullSince', '预备党员没有转正时间（fullSince）');
  }
  const earliest = addMonths(m.joinedOn, values.probationMonths);
  if (m.fullSince !== null && (m.fullSince < earliest || m.fullSince > asOf)) {
    throw violation(
      'fullSince',
      `转正时间（fullSince）应在预备期满（${earliest}）之后、不晚于 ${asOf}`,
    );
  }
  return { ...m, ...identity };
}

/** Party standing (党龄) in full years on `on`: counted from 转为正式党员之日 (党章 第七条); 0 before. */
export function partyStandingYears(member: Pick<Member, 'fullSince'>, on: IsoDate): number {
  if (member.fullSince === null || member.fullSince > on) return 0;
  return fullYearsBetween(member.fullSince, on);
}
