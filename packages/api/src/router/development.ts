import { defined, type Database } from '@dangjian/db';
import { memberCandidates, memberDevQuotas, memberDevUnits, orgs } from '@dangjian/db/schema';
import {
  chinaToday,
  ADMISSION_STAGE,
  assertPreFiledBeforeAdmission,
  assertStageAdvance,
  countSchema,
  educationSchema,
  fullYearsBetween,
  isoDateSchema,
  memberDevPreFilingText,
  memberDevStageSchema,
  pagingSchema,
  preFilingReasons,
  regionCodeSchema,
  yearSchema,
} from '@dangjian/domain';
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { policyByCounty } from '../orglife';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema, searchSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet, type SheetWriter } from '../xlsx/list-sheet';
import {
  quotaLines,
  candidateQuery,
  selectCandidates,
  describeCandidate,
  yearsWord,
  developmentOverview,
} from '../queries/development';
import { STAGE_DATE } from '../queries/development';

/**
 * 发展党员 (001 §11): the yearly plan per county committee and university committee against the
 * members admitted (an excess must be reported to the city), the structure of new rural members
 * (≥ 80 % aged 35 or under, ≥ 80 % high school or above; exceptions pre-filed with the city
 * before admission), the villages two years without a new member and the bar on their
 * secretary's nomination, and the ledger of applicants through to full members. A member counts
 * as developed when admitted as a probationary member (ADMISSION_STAGE).
 */

const yearInput = z.object({ regionCode: regionCodeSchema, year: yearSchema });

async function loadCandidate(db: Database, id: number) {
  const [row] = await db
    .select({ c: memberCandidates, category: orgs.category })
    .from(memberCandidates)
    .innerJoin(orgs, eq(orgs.id, memberCandidates.orgId))
    .where(eq(memberCandidates.id, id))
    .for('update', { of: memberCandidates });
  if (!row) notFound(`发展对象（编号 ${id}）`);
  return row;
}

async function loadUnit(db: Database, unitId: number) {
  const [unit] = await db.select().from(memberDevUnits).where(eq(memberDevUnits.id, unitId));
  if (!unit) notFound(`发展党员控制单位（编号 ${unitId}）`);
  return unit;
}

type Overview = Awaited<ReturnType<typeof developmentOverview>>;

/** 发展计划执行: each control unit's yearly plan against the members admitted, and any excess. */
function quotaSheet(o: Overview, regionName: string, year: number): SheetWriter {
  return listSheet<Overview['quota']['units'][number]>({
    name: '发展计划执行',
    title: `${regionName}${year}年发展党员计划执行情况`,
    columns: [
      { header: '控制单位', width: 32, value: (u) => u.name },
      { header: '类别', width: 10, value: (u) => u.kindLabel },
      { header: '年度计划（人）', width: 12, value: (u) => (u.planned ? u.quota : '未下达') },
      { header: '已发展（人）', width: 12, value: (u) => u.developed },
      { header: '超计划（人）', width: 12, value: (u) => u.excess || '' },
      { header: '超计划报告日期', width: 14, value: (u) => u.excessReportedOn },
      {
        header: '结论',
        width: 20,
        value: (u) => (u.unreportedExcess ? '超计划未报告' : u.mustReport ? '超计划已报告' : ''),
      },
    ],
    rows: o.quota.units,
    note: `${o.rules.quota}。执行政策：${o.policyLabel}`,
  });
}

/** 农村新党员结构: per county, the age and education shares of new rural members. */
function structureSheet(o: Overview, regionName: string, year: number): SheetWriter {
  const pct = (p: number | null) => (p === null ? '——' : p);
  return listSheet<Overview['structure'][number]>({
    name: '农村新党员结构',
    title: `${regionName}${year}年农村新发展党员结构`,
    columns: [
      { header: '区县', width: 16, value: (s) => s.countyName },
      { header: '新发展农村党员（人）', width: 18, value: (s) => s.total },
      {
        header: `${o.youngMaxAge}岁以下（%）`,
        width: 14,
        format: 'percent',
        value: (s) => pct(s.young.percent),
      },
      {
        header: '高中以上（%）',
        width: 14,
        format: 'percent',
        value: (s) => pct(s.highSchoolOrAbove.percent),
      },
      { header: '年龄结构', width: 10, value: (s) => (s.youngMet ? '达标' : '未达标') },
      { header: '文化结构', width: 10, value: (s) => (s.educationMet ? '达标' : '未达标') },
      { header: '须事前备案（人）', width: 14, value: (s) => s.needPreFiling.length },
      { header: '未事前备案（人）', width: 14, value: (s) => s.notPreFiled.length || '' },
    ],
    rows: o.structure,
    note: `${o.rules.structure}；${o.rules.preFiling}`,
  });
}

/** 连续 N 年未发展党员的村: the villages without a new member, and what that bars. */
function stagnantSheet(o: Overview, regionName: string, year: number): SheetWriter {
  return listSheet<Overview['stagnant'][number]>({
    name: `连续${yearsWord(o.stagnantYears)}年未发展党员的村`,
    title: `${regionName}连续${yearsWord(o.stagnantYears)}年以上未发展党员的村（${year}年）`,
    columns: [
      { header: '党组织', width: 32, value: (s) => s.orgName },
      { header: '乡镇（街道）', width: 16, value: (s) => s.townshipName },
      { header: '区县', width: 12, value: (s) => s.countyName },
      { header: '书记', width: 10, value: (s) => s.secretaryName },
      { header: '此前连续未发展（年）', width: 16, value: (s) => s.streakBeforeYear },
      {
        header: '今年须至少发展一名',
        width: 16,
        value: (s) => (s.mustDevelopThisYear ? '是' : ''),
      },
      { header: '今年已发展（人）', width: 14, value: (s) => s.developedThisYear },
      {
        header: '书记不得提名为下届候选人',
        width: 22,
        value: (s) => (s.secretaryNominationBarred ? '是' : ''),
      },
    ],
    rows: o.stagnant,
    note: o.rules.stagnant,
  });
}

/** 待备案名单: rural candidates to be pre-filed with the city before admission, as of a day. */
function preFilingSheet(o: Overview, regionName: string, asOf: string): SheetWriter {
  return listSheet<Overview['preFiling'][number]>({
    name: '待备案名单',
    title: `${regionName}须事前报市委组织部备案的农村发展对象（截至 ${asOf}）`,
    columns: [
      { header: '姓名', width: 10, value: (c) => c.name },
      { header: '年龄', width: 6, value: (c) => c.age },
      { header: '文化程度', width: 12, value: (c) => c.educationLabel },
      { header: '阶段', width: 12, value: (c) => c.stageLabel },
      { header: '党组织', width: 32, value: (c) => c.orgName },
      { header: '区县', width: 12, value: (c) => c.countyName },
      { header: '备案原因', width: 24, value: (c) => c.preFilingReasons.join('、') },
    ],
    rows: o.preFiling,
  });
}

export const developmentRouter = createTRPCRouter({
  /** Plan and admissions per unit, rural structure per county, the two-year rule, pre-filing. */
  overview: regionProcedure.input(yearInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const o = await developmentOverview(ctx.db, ctx.scope.code, region.code, input.year, asOf);
    return { regionCode: region.code, regionName: region.name, year: input.year, asOf, ...o };
  }),

  /** The development ledger of a region: applicants through to full members, paged. */
  candidates: regionProcedure
    .input(
      pagingSchema.extend({
        regionCode: regionCodeSchema,
        stage: memberDevStageSchema.optional(),
        search: searchSchema,
      }),
    )
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const asOf = chinaToday(ctx.now());
      const where = candidateQuery(region.code, input.stage, input.search);
      const [rows, total, policyOf] = await Promise.all([
        selectCandidates(ctx.db)
          .where(where)
          .orderBy(asc(memberCandidates.regionCode), asc(memberCandidates.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db.select({ n: count() }).from(memberCandidates).where(where),
        policyByCounty(ctx.db, region.code, Number(asOf.slice(0, 4))),
      ]);
      return {
        total: total[0]?.n ?? 0,
        page: input.page,
        pageSize: input.pageSize,
        items: rows.map((r) => describeCandidate(r, asOf, policyOf(r.regionCode))),
      };
    }),

  /** The city sets a unit's plan for a year (001 §11 以县一级党委、高校党委为单位进行控制). */
  setQuota: scopedProcedure
    .input(
      z.object({
        unitId: idSchema,
        year: yearSchema,
        quota: countSchema.max(100_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.db, input.unitId);
      const [before] = await ctx.db
        .select()
        .from(memberDevQuotas)
        .where(and(eq(memberDevQuotas.unitId, unit.id), eq(memberDevQuotas.year, input.year)));
      const [row] = await ctx.db
        .insert(memberDevQuotas)
        .values({
          unitId: unit.id,
          regionCode: unit.regionCode,
          year: input.year,
          quota: input.quota,
          updatedBy: ctx.user.id,
        })
        .onConflictDoUpdate({
          target: [memberDevQuotas.unitId, memberDevQuotas.year],
          set: { quota: input.quota, updatedBy: ctx.user.id, updatedAt: ctx.now() },
        })
        .returning();
      ctx.audit({
        target: `member_dev_quota:${defined(row).id}`,
        regionCode: unit.regionCode,
        before: before ? { quota: before.quota } : null,
        after: { unit: unit.name, year: input.year, quota: input.quota },
      });
      return defined(row);
    }),

  /** Records that a unit's development beyond its plan was reported to the city (001 §11). */
  reportExcess: scopedProcedure
    .input(
      z.object({
        unitId: idSchema,
        year: yearSchema,
        excessReportedOn: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.db, input.unitId);
      const policy = await loadPolicy(ctx.db, unit.regionCode, input.year);
      const lines = await quotaLines(ctx.db, unit.regionCode, input.year, policy);
      const line = lines.units.find((u) => u.id === unit.id);
      if (!line?.mustReport) bad(`${unit.name} ${input.year} 年未超出发展计划，无需报告`);
      const today = chinaToday(ctx.now());
      if (input.excessReportedOn > today)
        bad(`超计划报告日期（excessReportedOn）：不能晚于今天（${today}）`);
      await ctx.db
        .update(memberDevQuotas)
        .set({
          excessReportedOn: input.excessReportedOn,
          updatedBy: ctx.user.id,
          updatedAt: ctx.now(),
        })
        .where(and(eq(memberDevQuotas.unitId, unit.id), eq(memberDevQuotas.year, input.year)));
      ctx.audit({
        target: `member_dev_quota:${unit.id}:${input.year}`,
        regionCode: unit.regionCode,
        after: { excess: line.excess, excessReportedOn: input.excessReportedOn },
      });
      return { unitId: unit.id, year: input.year, excess: line.excess };
    }),

  /** Enters an applicant (入党申请人) of a branch, controlled by its county committee. */
  addCandidate: scopedProcedure
    .input(
      z.object({
        orgId: idSchema,
        name: z.string().trim().min(1, '请填写姓名').max(50),
        gender: z.enum(['male', 'female']),
        birthDate: isoDateSchema,
        education: educationSchema,
        appliedOn: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [org] = await ctx.db
        .select({ id: orgs.id, regionCode: orgs.regionCode })
        .from(orgs)
        .where(eq(orgs.id, input.orgId));
      if (!org) notFound(`党组织（编号 ${input.orgId}）`);
      const today = chinaToday(ctx.now());
      if (input.appliedOn > today) bad(`入党申请日期（appliedOn）：不能晚于今天（${today}）`);
      if (fullYearsBetween(input.birthDate, input.appliedOn) < 18) {
        bad('入党申请日期（appliedOn）：申请入党应年满 18 岁');
      }
      const [unit] = await ctx.db
        .select({ id: memberDevUnits.id })
        .from(memberDevUnits)
        .where(
          and(
            eq(memberDevUnits.kind, 'county'),
            eq(memberDevUnits.regionCode, `${org.regionCode.slice(0, 6)}000000`),
          ),
        );
      if (!unit) bad('该党组织所在县（市、区）尚未设立发展党员控制单位');
      const [made] = await ctx.db
        .insert(memberCandidates)
        .values({
          name: input.name,
          gender: input.gender,
          birthDate: input.birthDate,
          education: input.education,
          orgId: org.id,
          unitId: unit.id,
          regionCode: org.regionCode,
          stage: 'applicant',
          appliedOn: input.appliedOn,
          createdBy: ctx.user.id,
        })
        .returning();
      ctx.audit({
        target: `member_candidate:${defined(made).id}`,
        regionCode: org.regionCode,
        after: input,
      });
      return defined(made);
    }),

  /**
   * Moves a candidate one step forward (assertStageAdvance). Admission as a probationary member
   * of a rural candidate aged 36+ or below high school needs the pre-filing with the city first
   * (assertPreFiledBeforeAdmission, 001 §11).
   */
  advance: scopedProcedure
    .input(
      z.object({
        candidateId: idSchema,
        stage: memberDevStageSchema,
        on: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { c, category } = await loadCandidate(ctx.db, input.candidateId);
      const today = chinaToday(ctx.now());
      if (input.on > today) bad(`日期（on）：不能晚于今天（${today}）`);
      assertStageAdvance({
        from: c.stage,
        to: input.stage,
        since: defined(c[STAGE_DATE[c.stage]]),
        on: input.on,
      });
      if (input.stage === ADMISSION_STAGE) {
        const policy = await loadPolicy(ctx.db, c.regionCode, Number(input.on.slice(0, 4)));
        assertPreFiledBeforeAdmission(
          {
            birthDate: c.birthDate,
            education: c.education,
            admittedOn: input.on,
            rural: category === 'rural',
            preFiledOn: c.preFiledOn,
          },
          policy,
        );
      }
      const [updated] = await ctx.db
        .update(memberCandidates)
        .set({ stage: input.stage, [STAGE_DATE[input.stage]]: input.on, updatedAt: ctx.now() })
        .where(eq(memberCandidates.id, c.id))
        .returning();
      ctx.audit({
        target: `member_candidate:${c.id}`,
        regionCode: c.regionCode,
        before: { stage: c.stage },
        after: { stage: input.stage, on: input.on },
      });
      return defined(updated);
    }),

  /** Records the pre-filing with the city of a rural exception, before admission (001 §11). */
  preFile: scopedProcedure
    .input(z.object({ candidateId: idSchema, preFiledOn: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const { c, category } = await loadCandidate(ctx.db, input.candidateId);
      const today = chinaToday(ctx.now());
      if (input.preFiledOn > today) bad(`备案日期（preFiledOn）：不能晚于今天（${today}）`);
      if (c.admittedOn !== null)
        bad(`${c.name}已于 ${c.admittedOn} 接收为预备党员，备案应在接收之前`);
      const policy = await loadPolicy(ctx.db, c.regionCode, Number(today.slice(0, 4)));
      const reasons = preFilingReasons(
        {
          birthDate: c.birthDate,
          education: c.education,
          admittedOn: today,
          rural: category === 'rural',
        },
        policy,
      );
      if (reasons.length === 0)
        bad(`${c.name}不属于须事前备案的情形：${memberDevPreFilingText(policy)}`);
      const [updated] = await ctx.db
        .update(memberCandidates)
        .set({ preFiledOn: input.preFiledOn, updatedAt: ctx.now() })
        .where(eq(memberCandidates.id, c.id))
        .returning();
      ctx.audit({
        target: `member_candidate:${c.id}`,
        regionCode: c.regionCode,
        before: { preFiledOn: c.preFiledOn },
        after: { preFiledOn: input.preFiledOn },
      });
      return defined(updated);
    }),

  /** Workbook: 发展计划执行, 农村新党员结构, 连续 N 年未发展党员的村, 待备案名单 (notes from the policy in force). */
  export: regionProcedure.input(yearInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const o = await developmentOverview(ctx.db, ctx.scope.code, region.code, input.year, asOf);
    const sheets = [
      quotaSheet(o, region.name, input.year),
      structureSheet(o, region.name, input.year),
      stagnantSheet(o, region.name, input.year),
      preFilingSheet(o, region.name, asOf),
    ];
    return {
      filename: `${region.name}${input.year}年发展党员情况.xlsx`,
      base64: await buildListWorkbook(sheets),
    };
  }),
});
