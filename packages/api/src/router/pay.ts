import { defined, inRegion, type Database } from '@dangjian/db';
import { orgGrades, orgs, payRunLines, payRuns, people, regions, users } from '@dangjian/db/schema';
import {
  computeTownshipPay,
  fenSchema,
  GRADES,
  payEligibility,
  payRatioKey,
  payRuleText,
  policyBasis,
  regionCodeSchema,
  regionLevelOf,
  yearSchema,
  type Grade,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildPayrollSheet, payrollFilename } from '../xlsx/payroll-sheet';
import { requireRegion } from '../queries/region';

const current = alias(orgGrades, 'current_grade');
const orgRegion = alias(regions, 'org_region');
const parent = alias(orgs, 'parent_org');

const amountSchema = fenSchema.positive('金额应大于 0');
const common = { regionCode: regionCodeSchema, year: yearSchema };

/** base mode: the township sets the base for 好; pool mode: it shares a pool (001 §7). */
const payInput = z.discriminatedUnion('mode', [
  z.object({ ...common, mode: z.literal('base'), baseFen: amountSchema }),
  z.object({ ...common, mode: z.literal('pool'), poolFen: amountSchema }),
]);
type PayInput = z.infer<typeof payInput>;

/** An organisation of the township listed beside the pay lines: not paid, with the reason. */
export interface PayOmission {
  orgId: number;
  orgName: string;
  regionCode: string;
  /** The village/community it sits in, or the township's name for the township's own orgs. */
  villageName: string;
  secretaryName: string | null;
  grade: Grade | null;
  status: 'vacant' | 'not_covered';
  reason: string;
}

/**
 * The pay of the secretaries of a township's village Party organisations for a year, from their
 * current grades, computed by the domain rule with the policy in force. Which organisation is in
 * the scheme is the domain's `payEligibility` (001 §7): the village's own organisation, community
 * ones per `payCoversCommunities`; one without a secretary in office is listed as unpaid, every
 * other organisation of the township as not taking part, each with its reason. Refuses a region
 * that is not a township, a township with no secretary to pay, and one where an organisation to
 * be paid is not graded yet.
 */
async function computePay(db: Database, input: PayInput) {
  const township = await requireRegion(db, input.regionCode);
  if (township.level !== 'township' || regionLevelOf(township.code) !== 'township') {
    bad(`报酬核算以乡镇（街道）为单位，「${township.name}」不是乡镇（街道）`);
  }
  const [rows, policy] = await Promise.all([
    db
      .select({
        orgId: orgs.id,
        orgName: orgs.name,
        category: orgs.category,
        regionCode: orgs.regionCode,
        regionName: orgRegion.name,
        regionLevel: orgRegion.level,
        regionKind: orgRegion.kind,
        parentRegionCode: parent.regionCode,
        secretaryId: orgs.secretaryId,
        secretaryName: people.name,
        grade: current.grade,
      })
      .from(orgs)
      .innerJoin(orgRegion, eq(orgRegion.code, orgs.regionCode))
      .leftJoin(parent, eq(parent.id, orgs.parentId))
      .leftJoin(people, eq(people.id, orgs.secretaryId))
      .leftJoin(
        current,
        and(eq(current.orgId, orgs.id), eq(current.year, input.year), isNull(current.supersededAt)),
      )
      .where(inRegion(orgs.regionCode, township.code))
      .orderBy(asc(orgs.regionCode), asc(orgs.id)),
    loadPolicy(db, township.code, input.year),
  ]);
  const classified = rows.map((r) => ({
    row: r,
    eligibility: payEligibility(
      {
        regionLevel: r.regionLevel,
        regionKind: r.regionKind,
        category: r.category,
        parentInSameRegion: r.parentRegionCode === r.regionCode,
        hasSecretary: r.secretaryId !== null,
      },
      policy,
    ),
  }));
  const paid = classified.filter((c) => c.eligibility.status === 'paid').map((c) => c.row);
  const omitted: PayOmission[] = classified.flatMap(({ row: r, eligibility: e }) =>
    e.status === 'paid'
      ? []
      : [
          {
            orgId: r.orgId,
            orgName: r.orgName,
            regionCode: r.regionCode,
            villageName: r.regionName,
            secretaryName: r.secretaryName,
            grade: r.grade,
            status: e.status,
            reason: e.reason,
          },
        ],
  );
  const unpaid = omitted.filter((o) => o.status === 'vacant');
  if (paid.length === 0) {
    const vacancy =
      unpaid.length > 0 ? `（${unpaid.map((u) => `${u.orgName}：${u.reason}`).join('；')}）` : '';
    bad(`${township.name}没有报酬与定级挂钩的在任村党组织书记，无法核算报酬${vacancy}`);
  }
  const ungraded = paid.filter((r) => r.grade === null);
  if (ungraded.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message:
        `${township.name}有 ${ungraded.length} 个参与报酬核算的党组织尚未评定 ${input.year} 年度等次，请先完成分类定级：` +
        ungraded.map((r) => r.orgName).join('、'),
    });
  }
  const secretaries = paid.map((r) => ({ id: String(r.orgId), grade: r.grade as Grade }));
  const result = computeTownshipPay(
    input.mode === 'base'
      ? { mode: 'base', baseFen: input.baseFen, secretaries }
      : { mode: 'pool', poolFen: input.poolFen, secretaries },
    policy,
  );
  const lines = paid.map((r, i) => {
    const line = defined(result.lines[i]);
    return {
      orgId: r.orgId,
      orgName: r.orgName,
      regionCode: r.regionCode,
      villageName: r.regionName,
      secretaryId: r.secretaryId,
      secretaryName: r.secretaryName,
      grade: line.grade,
      ratio: line.ratio,
      ratioPermille: Math.round(line.ratio * 1000),
      amountFen: line.amountFen,
    };
  });
  return {
    regionCode: township.code,
    regionName: township.name,
    year: input.year,
    mode: result.mode,
    baseFen: result.baseFen,
    poolFen: input.mode === 'pool' ? input.poolFen : null,
    totalFen: result.totalFen,
    /** Internal id of the policy used (stored for audit; screens show `policyLabel`). */
    policyVersion: result.policyVersion,
    policyLabel: result.policyLabel,
    basis: result.basis,
    /** The rule in people's words, from the policy in force (ratios and coverage). */
    rule: payRuleText(policy),
    lines,
    /** In the scheme but not paid (no secretary in office), with the reason. */
    unpaid,
    /** The township's other organisations: not part of the run, with the reason. */
    notCovered: omitted.filter((o) => o.status === 'not_covered'),
  };
}

/**
 * The policy label of a stored run: the one recorded at commit; for a run committed before
 * labels were recorded, the label of the policy now in force when it is still the same policy.
 */
async function runPolicyLabel(
  db: Database,
  run: { regionCode: string; year: number; policyVersion: string; policyLabel: string | null },
): Promise<string> {
  if (run.policyLabel) return run.policyLabel;
  const now = await loadPolicy(db, run.regionCode, run.year);
  return now.version === run.policyVersion
    ? now.label
    : `提交时的政策未记录名称（现行：${now.label}）`;
}

/** A run with its township's name, inside the caller's scope, or NOT_FOUND. */
async function loadRun(db: Database, id: number, scopeCode: string) {
  const [run] = await db
    .select({ run: payRuns, regionName: regions.name, createdByName: users.displayName })
    .from(payRuns)
    .innerJoin(regions, eq(regions.code, payRuns.regionCode))
    .leftJoin(users, eq(users.id, payRuns.createdBy))
    .where(and(eq(payRuns.id, id), inRegion(payRuns.regionCode, scopeCode)));
  if (!run) notFound(`报酬核算（编号 ${id}）`);
  const lines = await db
    .select({
      id: payRunLines.id,
      orgId: payRunLines.orgId,
      orgName: orgs.name,
      regionCode: payRunLines.regionCode,
      villageName: regions.name,
      secretaryId: payRunLines.secretaryId,
      secretaryName: people.name,
      grade: payRunLines.grade,
      ratioPermille: payRunLines.ratioPermille,
      amountFen: payRunLines.amountFen,
    })
    .from(payRunLines)
    .innerJoin(orgs, eq(orgs.id, payRunLines.orgId))
    .innerJoin(regions, eq(regions.code, payRunLines.regionCode))
    .leftJoin(people, eq(people.id, payRunLines.secretaryId))
    .where(eq(payRunLines.runId, id))
    .orderBy(asc(payRunLines.regionCode), asc(payRunLines.orgId));
  return {
    ...run.run,
    policyLabel: await runPolicyLabel(db, run.run),
    regionName: run.regionName,
    createdByName: run.createdByName,
    lines,
  };
}

export const payRouter = createTRPCRouter({
  /**
   * The pay rule in force for a region and year, in people's words (ratios and coverage from the
   * resolved policy, so it follows a region's own values), with the policy's label and basis.
   */
  rule: regionProcedure.input(z.object(common)).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const policy = await loadPolicy(ctx.db, region.code, input.year);
    return {
      rule: payRuleText(policy),
      policyLabel: policy.label,
      basis: policyBasis(policy, [...GRADES.map(payRatioKey), 'payCoversCommunities']),
    };
  }),

  /** What a run would pay, line by line; nothing is written. */
  preview: scopedProcedure
    .input(payInput)
    .query(async ({ ctx, input }) => computePay(ctx.db, input)),

  /**
   * Computes and stores a run with its lines and the policy version used. A committed run of the
   * same township and year is superseded by it (old → superseded, new.supersedes_id = old.id),
   * all in this one transaction.
   */
  commit: scopedProcedure.input(payInput).mutation(async ({ ctx, input }) => {
    const pay = await computePay(ctx.db, input);
    // One commit per township and year at a time: the second waits, then supersedes the first.
    await ctx.db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`pay_run:${pay.regionCode}:${pay.year}`}))`,
    );
    const superseded = await ctx.db
      .update(payRuns)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(payRuns.regionCode, pay.regionCode),
          eq(payRuns.year, pay.year),
          eq(payRuns.status, 'committed'),
        ),
      )
      .returning({
        id: payRuns.id,
        totalFen: payRuns.totalFen,
        policyVersion: payRuns.policyVersion,
      });
    const [run] = await ctx.db
      .insert(payRuns)
      .values({
        regionCode: pay.regionCode,
        year: pay.year,
        mode: pay.mode,
        baseFen: pay.baseFen,
        poolFen: pay.poolFen,
        totalFen: pay.totalFen,
        policyVersion: pay.policyVersion,
        policyLabel: pay.policyLabel,
        unpaid: pay.unpaid.map((u) => ({
          orgId: u.orgId,
          orgName: u.orgName,
          regionCode: u.regionCode,
          villageName: u.villageName,
          reason: u.reason,
        })),
        status: 'committed',
        supersedesId: superseded[0]?.id ?? null,
        createdBy: ctx.user.id,
        createdAt: ctx.now(),
      })
      .returning();
    if (!run) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: '保存报酬核算失败' });
    await ctx.db.insert(payRunLines).values(
      pay.lines.map((l) => ({
        runId: run.id,
        regionCode: l.regionCode,
        orgId: l.orgId,
        secretaryId: l.secretaryId,
        grade: l.grade,
        ratioPermille: l.ratioPermille,
        amountFen: l.amountFen,
      })),
    );
    for (const old of superseded) {
      ctx.audit({
        target: `pay_run:${old.id}`,
        regionCode: pay.regionCode,
        before: { status: 'committed', totalFen: old.totalFen, policyVersion: old.policyVersion },
        after: { status: 'superseded', supersededByRunId: run.id },
      });
    }
    ctx.audit({
      target: `pay_run:${run.id}`,
      regionCode: pay.regionCode,
      before: null,
      after: {
        year: pay.year,
        mode: pay.mode,
        baseFen: pay.baseFen,
        poolFen: pay.poolFen,
        totalFen: pay.totalFen,
        policyVersion: pay.policyVersion,
        policyLabel: pay.policyLabel,
        lines: pay.lines.length,
        unpaid: pay.unpaid.map((u) => u.orgId),
        supersedesId: run.supersedesId,
      },
    });
    return {
      ...pay,
      id: run.id,
      status: run.status,
      supersedesId: run.supersedesId,
      createdAt: run.createdAt,
    };
  }),

  /** Runs of the townships inside a region, newest first, with their line counts. */
  runs: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const filters: SQL[] = [inRegion(payRuns.regionCode, input.regionCode)];
      if (input.year !== undefined) filters.push(eq(payRuns.year, input.year));
      return ctx.db
        .select({
          id: payRuns.id,
          regionCode: payRuns.regionCode,
          regionName: regions.name,
          year: payRuns.year,
          mode: payRuns.mode,
          baseFen: payRuns.baseFen,
          poolFen: payRuns.poolFen,
          totalFen: payRuns.totalFen,
          policyVersion: payRuns.policyVersion,
          policyLabel: payRuns.policyLabel,
          status: payRuns.status,
          supersedesId: payRuns.supersedesId,
          createdAt: payRuns.createdAt,
          createdByName: users.displayName,
          lineCount: sql<number>`(select count(*)::int from ${payRunLines} where ${payRunLines.runId} = ${payRuns.id})`,
        })
        .from(payRuns)
        .innerJoin(regions, eq(regions.code, payRuns.regionCode))
        .leftJoin(users, eq(users.id, payRuns.createdBy))
        .where(and(...filters))
        .orderBy(desc(payRuns.year), desc(payRuns.createdAt), desc(payRuns.id))
        .limit(500);
    }),

  /** One run with its lines. */
  run: scopedProcedure
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => loadRun(ctx.db, input.id, ctx.scope.code)),

  /** The payroll (工资表) of a run as .xlsx, with a totals row equal to the run's total. */
  exportPayroll: scopedProcedure.input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const run = await loadRun(ctx.db, input.id, ctx.scope.code);
    const base64 = await buildPayrollSheet(run, run.lines);
    return { filename: payrollFilename(run), base64, totalFen: run.totalFen };
  }),
});
