import { z } from 'zod';

/**
 * Party organisation kinds (党委 / 党总支 / 党支部) and field categories, as listed in the
 * note to 002 附件1 (娄组通〔2014〕10号): 农村、街道社区、国有企业、机关、学校、医疗卫生单位、
 * 其他事业单位、非公有制经济组织、社会组织.
 */
export const ORG_KINDS = ['committee', 'general_branch', 'branch'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
};
export const orgKindSchema = z.enum(ORG_KINDS);

export const FIELD_CATEGORIES = [
  'rural',
  'street_community',
  'soe',
  'organ',
  'school',
  'health',
  'public_institution',
  'non_public',
  'social_org',
] as const;
export type FieldCategory = (typeof FIELD_CATEGORIES)[number];
export const FIELD_CATEGORY_LABELS: Record<FieldCategory, string> = {
  rural: '农村',
  street_community: '街道社区',
  soe: '国有企业',
  organ: '机关',
  school: '学校',
  health: '医疗卫生单位',
  public_institution: '其他事业单位',
  non_public: '非公有制经济组织',
  social_org: '社会组织',
};
export const fieldCategorySchema = z.enum(FIELD_CATEGORIES);

/**
 * The four grades of 分类定级, best to worst (001 §7): 好、较好、一般、较差.
 */
export const GRADES = ['good', 'fair', 'average', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  good: '好',
  fair: '较好',
  average: '一般',
  poor: '较差',
};
export const gradeSchema = z.enum(GRADES);
