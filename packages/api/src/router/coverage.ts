import { inRegion, likeContains, type Database } from '@dangjian/db';
import { enterpriseInstructors, enterprises, orgs, people, regions } from '@dangjian/db/schema';
import {
  chinaToday,
  countSchema,
  ENTERPRISE_KIND_LABELS,
  enterpriseKindSchema,
  FORMATION_PATH_LABELS,
  FORMATION_PATHS,
  FORMATION_PROBLEM_LABELS,
  formationGaps,
  formationRequirement,
  isoDateSchema,
  regionCodeSchema,
  yearOf,
  type FormationPath,
  type FormationProblem,
  type RegionCode,
  formationText,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, ilike, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { county, countyOf, policyByCounty, township, townshipOf } from '../orglife';
import { loadPolicy } from '../policy';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import { requireRegion } from './region';

/**
 * 组织覆盖 (001 §2): non-public enterprises and social organisations with their employees and
 * members, how each is covered (own org, joint org, instructor and union) against what the
 * domain requires of it (formationRequirement / formationGaps), and the one instructor per
 * enterprise (一企一员). Gaps are judged as of today (China time).
 */

const ownOrg = alias(orgs, 'own_org');
const jointOrg = alias(orgs, 'joint_org');
const instructor = alias(people, 'instructor');

const listInput = z.object({
  regionCode: regionCodeSchema,
  enterpriseKind: enterpriseKindSchema.optional(),
  path: z.enum(FORMATION_PATHS).optional(),
  gapsOnly: z.boolean().default(false),
  search: z.string().trim().max(50).optional(),
});

function rowsOf(db: Database, regionCode: RegionCode, search?: string) {
  return db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      kind: enterprises.kind,
      regionCode: enterprises.regionCode,
      regionName: regions.name,
      townshipName: township.name,
      countyName: county.name,
      employees: enterprises.employees,
      memberCount: enterprises.memberCount,
      hasUnion: enterprises.hasUnion,
      createdAt: enterprises.createdAt,
      ownOrgId: enterprises.ownOrgId,
      ownOrgName: ownOrg.name,
      jointOrgId: enterprises.jointOrgId,
      jointOrgName: jointOrg.name,
      instructorId: enterpriseInstructors.personId,
      instructorName: instructor.name,
      instructorUnit: enterpriseInstructors.unit,
      instructorSince: enterpriseInstructors.assignedOn,
    })
    .from(enterprises)
    .innerJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(township, townshipOf(enterprises.regionCode))
    .leftJoin(county, countyOf(enterprises.regionCode))
    .leftJoin(ownOrg, eq(ownOrg.id, enterprises.ownOrgId))
    .leftJoin(jointOrg, eq(jointOrg.id, enterprises.jointOrgId))
    .leftJoin(
      enterpriseInstructors,
      and(
        eq(enterpriseInstructors.enterpriseId, enterprises.id),
        isNull(enterpriseInstructors.endedOn),
      ),
    )
    .leftJoin(instructor, eq(instructor.id, enterpriseInstructors.personId))
    .where(
      and(
        inRegion(enterprises.regionCode, regionCode),
        search ? ilike(enterprises.name, likeContains(search)) : undefined,
      ),
    )
    .orderBy(asc(enterprises.regionCode), asc(enterprises.id));
}

/**
 * Every enterprise of a region with its requirement and gaps as of `asOf` (the policy of its
 * county): the list page, the export and the dashboard use this one evaluation. The year of the
 * rule (001 §2 今年年底前实行单独组建) is the year the enterprise entered the ledger: one of 50+
 * employees entered this year must have its own org by 31 December, one entered earlier is
 * overdue.
 */
export async function coverageOf(
  db: Database,
  regionCode: RegionCode,
  asOf: string,
  search?: string,
) {
  const year = yearOf(asOf);
  const [rows, policyOf] = await Promise.all([
    rowsOf(db, regionCode, search),
    policyByCounty(db, regionCode, year),
  ]);
  return rows.map((r) => {
    const policy = policyOf(r.regionCode);
    const since = Math.min(year, yearOf(chinaToday(r.createdAt)));
    const facts = { id: String(r.id), employees: r.employees, members: r.memberCount };
    const req = formationRequirement(facts, since, policy);
    const { gaps } = formationGaps(
      {
        year: since,
        asOf,
        enterprises: [
          {
            ...facts,
            hasOwnOrg: r.ownOrgId !== null,
            inJointOrg: r.jointOrgId !== null,
            hasUnion: r.hasUnion,
            instructorIds: r.instructorId === null ? [] : [String(r.instructorId)],
          },
        ],
      },
      policy,
    );
    const problems: FormationProblem[] = gaps[0]?.problems ?? [];
    return {
      ...r,
      kindLabel: ENTERPRISE_KIND_LABELS[r.kind],
      path: req.path,
      pathLabel: FORMATION_PATH_LABELS[req.path],
      needsLeaderOrNewMembers: req.needsLeaderOrNewMembers,
      deadline: req.deadline,
      problems,
      problemLabels: problems.map((p) => FORMATION_PROBLEM_LABELS[p]),
      policyVersion: policy.version,
    };
  });
}
export type CoverageItem = Awaited<ReturnType<typeof coverageOf>>[number];

/** Counts for the summary line and the dashboard. */
export function coverageSummary(items: readonly CoverageItem[]) {
  const byPath = Object.fromEntries(
    FORMATION_PATHS.map((p) => [p, items.filter((i) => i.path === p).length]),
  ) as Record<FormationPath, number>;
  const byProblem = Object.fromEntries(
    (Object.keys(FORMATION_PROBLEM_LABELS) as FormationProblem[]).map((p) => [
      p,
      items.filter((i) => i.problems.includes(p)).length,
    ]),
  ) as Record<FormationProblem, number>;
  return {
    enterprises: items.length,
    withGaps: items.filter((i) => i.problems.length > 0).length,
    withOwnOrg: items.filter((i) => i.ownOrgId !== null).length,
    withInstructor: items.filter((i) => i.instructorId !== null).length,
    byPath,
    byProblem,
  };
}

function filtered(items: readonly CoverageItem[], input: z.infer<typeof listInput>) {
  return items.filter(
    (i) =>
      (!input.enterpriseKind || i.kind === input.enterpriseKind) &&
      (!input.path || i.path === input.path) &&
      (!input.gapsOnly || i.problems.length > 0),
  );
}

function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what}不存在或不在本辖区内` });
}

/** An org the enterprise can point at: inside the caller's region, of a non-public or social field. */
async function coveringOrg(db: Database, id: number | null | undefined, label: string) {
  if (id === null || id === undefined) return null;
  const [org] = await db
    .select({ id: orgs.id, category: orgs.category })
    .from(orgs)
    .where(eq(orgs.id, id));
  if (!org) notFound(`${label}（编号 ${id}）`);
  if (org.category !== 'non_public' && org.category !== 'social_org') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${label}应为非公有制经济组织或社会组织领域的党组织`,
    });
  }
  return org.id;
}

const saveInput = z.object({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1, '请填写名称').max(100),
  enterpriseKind: enterpriseKindSchema,
  regionCode: regionCodeSchema,
  employees: countSchema.max(1_000_000),
  memberCount: countSchema.max(100_000),
  hasUnion: z.boolean(),
  ownOrgId: z.number().int().positive().nullable().default(null),
  jointOrgId: z.number().int().positive().nullable().default(null),
});

export const coverageRouter = createTRPCRouter({
  /** Enterprises of a region with their requirement and gaps, filtered; counts of the region. */
  list: scopedProcedure.input(listInput).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.regionCode);
    const asOf = chinaToday(ctx.now());
    const [all, policy] = await Promise.all([
      coverageOf(ctx.db, region.code, asOf, input.search),
      loadPolicy(ctx.db, region.code, yearOf(asOf)),
    ]);
    return {
      regionCode: region.code,
      regionName: region.name,
      asOf,
      /** The rule in force for the region, in people's words (follows its own values). */
      rule: formationText(policy),
      policyLabel: policy.label,
      summary: coverageSummary(all),
      items: filtered(all, input),
    };
  }),

  /** Adds or updates an enterprise (its size, members, union and covering org). */
  save: scopedProcedure.input(saveInput).mutation(async ({ ctx, input }) => {
    await requireRegion(ctx.db, input.regionCode);
    const values = {
      name: input.name,
      kind: input.enterpriseKind,
      regionCode: input.regionCode,
      employees: input.employees,
      memberCount: input.memberCount,
      hasUnion: input.hasUnion,
      ownOrgId: await coveringOrg(ctx.db, input.ownOrgId, '本单位党组织（ownOrgId）'),
      jointOrgId: await coveringOrg(ctx.db, input.jointOrgId, '联合党组织（jointOrgId）'),
      updatedAt: ctx.now(),
    };
    let before: unknown = null;
    let id = input.id;
    if (id !== undefined) {
      const [current] = await ctx.db
        .select()
        .from(enterprises)
        .where(eq(enterprises.id, id))
        .for('update');
      if (!current) notFound(`非公企业（社会组织）（编号 ${id}）`);
      before = current;
      await ctx.db.update(enterprises).set(values).where(eq(enterprises.id, id));
    } else {
      const [made] = await ctx.db
        .insert(enterprises)
        .values(values)
        .returning({ id: enterprises.id });
      id = made!.id;
    }
    ctx.audit({ target: `enterprise:${id}`, regionCode: input.regionCode, before, after: values });
    return { id };
  }),

  /**
   * Assigns the enterprise's Party-building instructor (一企一员, 001 §2): a new person from the
   * sending unit; the current instructor, if any, is relieved on the same day (one at a time).
   */
  assignInstructor: scopedProcedure
    .input(
      z.object({
        enterpriseId: z.number().int().positive(),
        name: z.string().trim().min(1, '请填写指导员姓名').max(50),
        gender: z.enum(['male', 'female']),
        phone: z
          .string()
          .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
          .nullable()
          .default(null),
        instructorUnit: z.string().trim().min(1, '请填写指导员所在单位').max(100),
        assignedOn: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [e] = await ctx.db
        .select({ id: enterprises.id, regionCode: enterprises.regionCode })
        .from(enterprises)
        .where(eq(enterprises.id, input.enterpriseId))
        .for('update');
      if (!e) notFound(`非公企业（社会组织）（编号 ${input.enterpriseId}）`);
      const today = chinaToday(ctx.now());
      if (input.assignedOn > today) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `选派日期（assignedOn）：不能晚于今天（${today}）`,
        });
      }
      const [current] = await ctx.db
        .select()
        .from(enterpriseInstructors)
        .where(
          and(eq(enterpriseInstructors.enterpriseId, e.id), isNull(enterpriseInstructors.endedOn)),
        );
      if (current && current.assignedOn > input.assignedOn) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `选派日期（assignedOn）：不能早于现任指导员的选派日期（${current.assignedOn}）`,
        });
      }
      if (current) {
        await ctx.db
          .update(enterpriseInstructors)
          .set({ endedOn: input.assignedOn })
          .where(eq(enterpriseInstructors.id, current.id));
      }
      const [person] = await ctx.db
        .insert(people)
        .values({
          name: input.name,
          gender: input.gender,
          phone: input.phone,
          regionCode: e.regionCode,
        })
        .returning({ id: people.id });
      const [made] = await ctx.db
        .insert(enterpriseInstructors)
        .values({
          enterpriseId: e.id,
          personId: person!.id,
          regionCode: e.regionCode,
          unit: input.instructorUnit,
          assignedOn: input.assignedOn,
          createdBy: ctx.user.id,
        })
        .returning();
      ctx.audit({
        target: `enterprise:${e.id}`,
        regionCode: e.regionCode,
        before: current ? { instructorPersonId: current.personId } : null,
        after: {
          instructorPersonId: person!.id,
          unit: input.instructorUnit,
          assignedOn: input.assignedOn,
        },
      });
      return made!;
    }),

  /** The list as a workbook: sheet 覆盖情况 with requirement, coverage and gaps per unit. */
  export: scopedProcedure.input(listInput).query(async ({ ctx, input }) => {
    const region = await requireRegion(ctx.db, input.regionCode);
    const asOf = chinaToday(ctx.now());
    const [all, policy] = await Promise.all([
      coverageOf(ctx.db, region.code, asOf, input.search),
      loadPolicy(ctx.db, region.code, yearOf(asOf)),
    ]);
    const items = filtered(all, input);
    const sheet = listSheet<CoverageItem>({
      name: '覆盖情况',
      title: `${region.name}非公有制企业和社会组织党的组织覆盖情况（截至 ${asOf}）`,
      columns: [
        { header: '单位名称', width: 32, value: (i) => i.name },
        { header: '类型', width: 12, value: (i) => i.kindLabel },
        { header: '所在区划', width: 16, value: (i) => i.regionName },
        { header: '区县', width: 12, value: (i) => i.countyName },
        { header: '职工人数', width: 10, value: (i) => i.employees },
        { header: '党员数', width: 8, value: (i) => i.memberCount },
        { header: '组建要求', width: 30, value: (i) => i.pathLabel },
        { header: '本单位党组织', width: 30, value: (i) => i.ownOrgName },
        { header: '联合党组织', width: 30, value: (i) => i.jointOrgName },
        { header: '工会', width: 8, value: (i) => (i.hasUnion ? '已建' : '未建') },
        { header: '党建指导员', width: 12, value: (i) => i.instructorName },
        { header: '指导员所在单位', width: 20, value: (i) => i.instructorUnit },
        { header: '存在问题', width: 40, value: (i) => i.problemLabels.join('；') },
      ],
      rows: items,
      note: `依据：${formationText(policy)}。执行政策：${policy.label}`,
    });
    return {
      filename: `${region.name}非公企业和社会组织党组织覆盖情况（${asOf}）.xlsx`,
      base64: await buildListWorkbook([sheet]),
    };
  }),
});
