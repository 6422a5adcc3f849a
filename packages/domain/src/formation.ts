import { z } from 'zod';
import { policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { countSchema, idSchema, isoDateSchema, parseInput, yearSchema } from './validation';
import type { IsoDate } from './validation';

/**
 * Forming Party organisations in non-public enterprises and social organisations (组织覆盖,
 * 001 §2, 常委〔2012〕5号).
 */

export const FORMATION_PATHS = [
  'own_org_by_year_end',
  'own_org',
  'joint_org',
  'instructor_and_union',
] as const;
export type FormationPath = (typeof FORMATION_PATHS)[number];
export const FORMATION_PATH_LABELS: Record<FormationPath, string> = {
  own_org_by_year_end: '年底前单独组建',
  own_org: '应建必建（单独组建）',
  joint_org: '联合组建',
  instructor_and_union: '派党建指导员、建立工会实现工作覆盖',
};

/** The units 001 §2 covers: non-public enterprises and social organisations. */
export const ENTERPRISE_KINDS = ['non_public', 'social_org'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];
export const ENTERPRISE_KIND_LABELS: Record<EnterpriseKind, string> = {
  non_public: '非公有制企业',
  social_org: '社会组织',
};
export const enterpriseKindSchema = z.enum(ENTERPRISE_KINDS);

export const enterpriseSchema = z.object({
  id: idSchema,
  employees: countSchema,
  members: countSchema,
});

export interface FormationRequirement {
  path: FormationPath;
  /** Has fewer members than an own org needs: dispatch a Party leader or develop members (≥ 50 employees only). */
  needsLeaderOrNewMembers: boolean;
  /** The year-end deadline, for enterprises with ≥ 50 employees. */
  deadline: IsoDate | null;
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * What an enterprise must do (001 §2): with ≥ 50 employees (formationOwnOrgMinEmployees) it forms
 * its own org by the end of `year`, even with fewer than 3 members (by dispatching a Party leader
 * or developing members); a smaller one with ≥ 3 members (formationMinMembersForOwnOrg) forms its
 * own org (应建必建); with 1–2 members it joins a joint org; with none, a Party-building instructor
 * and a trade union cover it.
 */
export function formationRequirement(
  input: z.input<typeof enterpriseSchema>,
  year: number,
  policy: ResolvedPolicy,
): FormationRequirement {
  const e = parseInput(enterpriseSchema, input);
  const y = parseInput(z.object({ year: yearSchema }), { year }).year;
  const v = policy.values;
  const common = {
    policyVersion: policy.version,
    basis: policyBasis(policy, ['formationOwnOrgMinEmployees', 'formationMinMembersForOwnOrg']),
  };
  if (e.employees >= v.formationOwnOrgMinEmployees) {
    return {
      path: 'own_org_by_year_end',
      needsLeaderOrNewMembers: e.members < v.formationMinMembersForOwnOrg,
      deadline: `${y}-12-31`,
      ...common,
    };
  }
  const path: FormationPath =
    e.members >= v.formationMinMembersForOwnOrg
      ? 'own_org'
      : e.members > 0
        ? 'joint_org'
        : 'instructor_and_union';
  return { path, needsLeaderOrNewMembers: false, deadline: null, ...common };
}

export const formationProgressInputSchema = z.object({
  year: yearSchema,
  asOf: isoDateSchema,
  enterprises: z.array(
    enterpriseSchema.extend({
      hasOwnOrg: z.boolean().default(false),
      inJointOrg: z.boolean().default(false),
      hasUnion: z.boolean().default(false),
      /** Party-building instructors assigned (一企一员). */
      instructorIds: z.array(idSchema).default([]),
    }),
  ),
});

export interface FormationGap {
  enterpriseId: string;
  path: FormationPath;
  problems: ('no_own_org' | 'own_org_overdue' | 'no_joint_org' | 'no_union' | 'instructor_count')[];
}

export type FormationProblem = FormationGap['problems'][number];
export const FORMATION_PROBLEM_LABELS: Record<FormationProblem, string> = {
  no_own_org: '未单独组建党组织',
  own_org_overdue: '逾期未单独组建党组织（应于年底前组建）',
  no_joint_org: '未纳入联合党组织',
  no_union: '未建立工会',
  instructor_count: '未落实“一企一员”党建工作指导员',
};

/**
 * Coverage gaps (001 §2) as of a date: enterprises whose required form of coverage is missing —
 * an own org (overdue after the year end for ≥ 50 employees), a joint org, or instructor +
 * union — and enterprises without exactly one instructor (instructorsPerEnterprise, 一企一员).
 * An enterprise with its own org satisfies the smaller paths too.
 */
export function formationGaps(
  input: z.input<typeof formationProgressInputSchema>,
  policy: ResolvedPolicy,
): { gaps: FormationGap[]; policyVersion: string } {
  const p = parseInput(formationProgressInputSchema, input);
  const gaps: FormationGap[] = [];
  for (const e of p.enterprises) {
    const req = formationRequirement(e, p.year, policy);
    const problems: FormationGap['problems'] = [];
    if (!e.hasOwnOrg) {
      if (req.path === 'own_org_by_year_end')
        problems.push(p.asOf > (req.deadline as string) ? 'own_org_overdue' : 'no_own_org');
      else if (req.path === 'own_org') problems.push('no_own_org');
      else if (req.path === 'joint_org' && !e.inJointOrg) problems.push('no_joint_org');
      else if (req.path === 'instructor_and_union' && !e.hasUnion) problems.push('no_union');
    }
    if (e.instructorIds.length !== policy.values.instructorsPerEnterprise)
      problems.push('instructor_count');
    if (problems.length > 0) gaps.push({ enterpriseId: e.id, path: req.path, problems });
  }
  return { gaps, policyVersion: policy.version };
}
