import { z } from 'zod';
import { fieldCategorySchema, orgKindSchema } from './orgs';
import { regionCodeSchema } from './regions';
import { countSchema, idSchema, isoDateSchema } from './validation';

/**
 * Shared typed models of people and organisations, with zod schemas the
 * API uses as procedure inputs and the front ends use to validate forms.
 */

/** A grassroots Party organisation: kind, field category, secretary, members, term. */
export const partyOrgSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1, '名称不能为空'),
    regionCode: regionCodeSchema,
    kind: orgKindSchema,
    category: fieldCategorySchema,
    memberCount: countSchema,
    secretaryId: idSchema.nullable(),
    termStart: isoDateSchema.nullable(),
    termEnd: isoDateSchema.nullable(),
  })
  .refine((o) => o.termStart === null || o.termEnd === null || o.termStart <= o.termEnd, {
    path: ['termEnd'],
    message: '届期结束日期不能早于开始日期',
  });
export type PartyOrg = z.infer<typeof partyOrgSchema>;

/** Education levels, lowest first. 高中 includes 中专/职高/技校 (equivalent level). */
export const EDUCATION_LEVELS = [
  'primary_or_below',
  'junior_high',
  'high_school',
  'college',
  'bachelor',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  primary_or_below: '小学及以下',
  junior_high: '初中',
  high_school: '高中（中专）',
  college: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
};
export const educationSchema = z.enum(EDUCATION_LEVELS);

/** 高中文化程度以上 (001 §11): high school or any higher level. */
export function isHighSchoolOrAbove(level: EducationLevel): boolean {
  return EDUCATION_LEVELS.indexOf(level) >= EDUCATION_LEVELS.indexOf('high_school');
}

/** Roles a person can hold in the system. */
export const PERSON_ROLES = [
  'village_secretary',
  'community_secretary',
  'grassroots_secretary',
  'reserve_candidate',
  'first_secretary',
  'team_member',
  'graduate_official',
  'trainee',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  village_secretary: '村党组织书记',
  community_secretary: '社区党组织书记',
  grassroots_secretary: '其他基层党组织书记',
  reserve_candidate: '后备对象',
  first_secretary: '第一书记',
  team_member: '驻村工作队员',
  graduate_official: '大学生村官',
  trainee: '学员',
};
export const personRoleSchema = z.enum(PERSON_ROLES);

/** A person. ID number and phone are sensitive: lists and exports show them masked (maskIdNumber / maskPhone in access.ts). */
export const personSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, '姓名不能为空'),
  regionCode: regionCodeSchema,
  roles: z.array(personRoleSchema),
  orgId: idSchema.nullable().optional(),
  birthDate: isoDateSchema.nullable().optional(),
  education: educationSchema.nullable().optional(),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dXx]$/, '身份证号应为 18 位')
    .nullable()
    .optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
    .nullable()
    .optional(),
});
export type Person = z.infer<typeof personSchema>;
