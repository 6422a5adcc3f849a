import { defined, type Database } from '@dangjian/db';
import { enterpriseInstructors, enterprises, orgs, people } from '@dangjian/db/schema';
import {
  chinaToday,
  countSchema,
  enterpriseKindSchema,
  FORMATION_PATHS,
  isoDateSchema,
  regionCodeSchema,
  yearOf,
  formationText,
} from '@dangjian/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema, searchSchema, PHONE_PATTERN } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import {
  enterpriseFormationCoverage,
  type CoverageItem,
  coverageSummary,
} from '../queries/coverage';

/**
 * 组织覆盖 (001 §2): non-public enterprises and social organisations with their employees and
 * members, how each is covered (own org, joint org, instructor and union) against what the
 * domain requires of it (formationRequirement / formationGaps), and the one instructor per
 * enterprise (一企一员). Gaps are judged as of today (China time).
 */

const listInput = z.object({
  regionCode: regionCodeSchema,
  enterpriseKind: enterpriseKindSchema.optional(),
  path: z.enum(FORMATION_PATHS).optional(),
  gapsOnly: z.boolean().default(false),
  search: searchSchema,
});

function filtered(items: readonly CoverageItem[], input: z.infer<typeof listInput>) {
  return items.filter(
    (i) =>
      (!input.enterpriseKind || i.kind === input.enterpriseKind) &&
      (!input.path || i.path === input.path) &&
      (!input.gapsOnly || i.problems.length > 0),
  );
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
    bad(`${label}应为非公有制经济组织或社会组织领域的党组织`);
  }
  return org.id;
}

const saveInput = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1, '请填写名称').max(100),
  enterpriseKind: enterpriseKindSchema,
  regionCode: regionCodeSchema,
  employees: countSchema.max(1_000_000),
  memberCount: countSchema.max(100_000),
  hasUnion: z.boolean(),
  ownOrgId: idSchema.nullable().default(null),
  jointOrgId: idSchema.nullable().default(null),
});

export const coverageRouter = createTRPCRouter({
  /** Enterprises of a region with their requirement and gaps, filtered; counts of the region. */
  list: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const [all, policy] = await Promise.all([
      enterpriseFormationCoverage(ctx.db, region.code, asOf, input.search),
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
  save: regionProcedure.input(saveInput).mutation(async ({ ctx, input }) => {
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
      id = defined(made).id;
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
        enterpriseId: idSchema,
        name: z.string().trim().min(1, '请填写指导员姓名').max(50),
        gender: z.enum(['male', 'female']),
        phone: z.string().regex(PHONE_PATTERN, '联系电话格式不正确').nullable().default(null),
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
        bad(`选派日期（assignedOn）：不能晚于今天（${today}）`);
      }
      const [current] = await ctx.db
        .select()
        .from(enterpriseInstructors)
        .where(
          and(eq(enterpriseInstructors.enterpriseId, e.id), isNull(enterpriseInstructors.endedOn)),
        );
      if (current && current.assignedOn > input.assignedOn) {
        bad(`选派日期（assignedOn）：不能早于现任指导员的选派日期（${current.assignedOn}）`);
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
          personId: defined(person).id,
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
          instructorPersonId: defined(person).id,
          unit: input.instructorUnit,
          assignedOn: input.assignedOn,
        },
      });
      return defined(made);
    }),

  /** The list as a workbook: sheet 覆盖情况 with requirement, coverage and gaps per unit. */
  export: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const [all, policy] = await Promise.all([
      enterpriseFormationCoverage(ctx.db, region.code, asOf, input.search),
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
