import { defined, inRegion, type Database } from '@dangjian/db';
import { payRunLines, payRuns, people, regions, orgs, users } from '@dangjian/db/schema';
import {
  fenSchema,
  GRADES,
  payRatioKey,
  payRuleText,
  planTownshipPay,
  policyBasis,
  regionCodeSchema,
  regionLevelOf,
  yearSchema,
  type PayLine,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure, type AuditEntry } from '../trpc';
import { buildPayrollSheet, payrollFilename } from '../xlsx/payroll-sheet';
import { buildRegionPayroll, regionPayrollFilename } from '../xlsx/payroll-region';
import { requireRegion } from '../queries/region';
import {
  lockPayRun,
  readPayOrgs,
  toOmission,
  type PayOmission,
  type PayOrgRow,
} from '../queries/pay';
import {
  cancelRegionJob,
  committedRunsOf,
  loadRegionJob,
  regionJobs,
  runRegionJob,
  startRegionJob,
} from '../queries/pay-region';

const amountSchema = fenSchema.positive('金额应大于 0');
const common = { regionCode: regionCodeSchema, year: yearSchema };

/** base mode: the township sets the base for 好; pool mode: it shares a pool (001 §7). */
const payInput = z.discriminatedUnion('mode', [
  z.object({ ...common, mode: z.literal('base'), baseFen: amountSchema }),
  z.object({ ...common, mode: z.literal('pool'), poolFen: amountSchema }),
]);
type PayInput = z.infer<typeof payInput>;

export type { PayOmission };

/**
 * The pay of the secretaries of a township's village Party organisations for a year, from their
 * current grades, by the domain's `planTownshipPay` (001 §7) with the policy in force: which
 * organisation is in the scheme is `payEligibility` (the village's own organisation, community
 * ones per `payCoversCommunities`); one without a secretary in office is listed as unpaid, every
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
    readPayOrgs(db, township.code, input.year),
    loadPolicy(db, township.code, input.year),
  ]);
  const amount =
    input.mode === 'base'
      ? { mode: 'base' as const, baseFen: input.baseFen }
      : { mode: 'pool' as const, poolFen: input.poolFen };
  const plan = planTownshipPay(rows, amount, policy);
  const omitted = plan.omitted.map(toOmission);
  const unpaid = omitted.filter((o) => o.status === 'vacant');
  if (plan.status === 'nothing_to_pay') {
    const vacancy =
      unpaid.length > 0 ? `（${unpaid.map((u) => `${u.orgName}：${u.reason}`).join('；')}）` : '';
    bad(`${township.name}没有报酬与定级挂钩的在任村党组织书记，无法核算报酬${vacancy}`);
  }
  if (plan.status === 'ungraded') {
    bad(
      `${township.name}有 ${plan.ungraded.length} 个参与报酬核算的党组织尚未评定 ${input.year} 年度等次，请先完成分类定级：` +
        plan.ungraded.map((r) => r.orgName).join('、'),
    );
  }
  const { result } = plan;
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
    lines: plan.paid.map((r, i) => payLineOf(r, defined(result.lines[i]))),
    /** In the scheme but not paid (no secretary in office), with the reason. */
    unpaid,
    /** The township's other organisations: not part of the run, with the reason. */
    notCovered: omitted.filter((o) => o.status === 'not_covered'),
  };
}

/** A paid organisation's line as the preview and the commit return it. */
function payLineOf(r: PayOrgRow, line: PayLine) {
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
}

type ComputedPay = Awaited<ReturnType<typeof computePay>>;

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

/**
 * Stores a township's run with its lines: the committed run of the same township and year, if
 * any, becomes superseded (new.supersedes_id = old.id), with audit entries for both. The caller
 * holds the township's run lock (lockPayRun) and the transaction.
 */
async function storeRun(
  db: Database,
  pay: ComputedPay,
  meta: { userId: number; now: Date },
  audit: (entry: AuditEntry) => void,
) {
  const superseded = await db
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
  const [run] = await db
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
      createdBy: meta.userId,
      createdAt: meta.now,
    })
    .returning();
  if (!run) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: '保存报酬核算失败' });
  await db.insert(payRunLines).values(
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
  auditRun(audit, pay, run, superseded);
  return run;
}

/** The audit rows of a stored run: the run it superseded (if any) and the new one. */
function auditRun(
  audit: (entry: AuditEntry) => void,
  pay: ComputedPay,
  run: { id: number; supersedesId: number | null },
  superseded: readonly { id: number; totalFen: number; policyVersion: string }[],
): void {
  for (const old of superseded) {
    audit({
      target: `pay_run:${old.id}`,
      regionCode: pay.regionCode,
      before: { status: 'committed', totalFen: old.totalFen, policyVersion: old.policyVersion },
      after: { status: 'superseded', supersededByRunId: run.id },
    });
  }
  audit({
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
    // One run of a township and year at a time (nor during a county's or city's run over it):
    // the second waits, then supersedes the first.
    await lockPayRun(ctx.db, pay.regionCode, pay.year);
    const run = await storeRun(ctx.db, pay, { userId: ctx.user.id, now: ctx.now() }, ctx.audit);
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
  /**
   * Opens a county's or city's run (001 §17 基本报酬实行统一打卡发放: the county pays all its
   * townships at once), one base for 好 for every township: a job row committed at once, which any
   * server process can show (pay.regionJob) and cancel (pay.cancelRegion) while pay.commitRegion
   * runs it. Design and its limits: queries/pay-region.ts.
   */
  startRegion: regionProcedure
    .input(z.object({ ...common, baseFen: amountSchema }))
    .mutation(async ({ ctx, input }) => {
      const job = await startRegionJob(ctx.db, ctx.region, {
        year: input.year,
        baseFen: input.baseFen,
        userId: ctx.user.id,
        now: ctx.now(),
      });
      ctx.audit({
        target: `pay_region_job:${job.id}`,
        regionCode: job.regionCode,
        before: null,
        after: { status: job.status, year: job.year, baseFen: job.baseFen },
      });
      return job;
    }),

  /**
   * Runs a pending job in one transaction: every township of the region paid by the township
   * rule (as pay.commit would, base mode), superseding each township's committed run, with the
   * audit rows; cancelled (pay.cancelRegion) before it finishes, it rolls back entirely.
   */
  commitRegion: scopedProcedure
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const job = await loadRegionJob(ctx.db, input.id, ctx.scope.code);
      return runRegionJob(ctx.db, job, { userId: ctx.user.id, now: ctx.now() }, ctx.audit);
    }),

  /** Cancels a pending region run: it writes nothing (a run in progress rolls back). */
  cancelRegion: scopedProcedure
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const job = await loadRegionJob(ctx.db, input.id, ctx.scope.code);
      const done = await cancelRegionJob(ctx.db, job, ctx.now());
      ctx.audit({
        target: `pay_region_job:${job.id}`,
        regionCode: job.regionCode,
        before: { status: job.status },
        after: { status: done.status },
      });
      return done;
    }),

  /** One region run's state (what the console polls). */
  regionJob: scopedProcedure
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => loadRegionJob(ctx.db, input.id, ctx.scope.code)),

  /** The region runs of a region and the regions inside it, newest first. */
  regionJobs: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema.optional() }))
    .query(async ({ ctx, input }) => regionJobs(ctx.db, ctx.region.code, input.year)),

  /**
   * The payroll of a county or a city for a year as .xlsx: a summary sheet, then one sheet per
   * township with its committed run (the same form as exportPayroll), totals to the fen.
   */
  exportRegionPayroll: regionProcedure.input(z.object(common)).query(async ({ ctx, input }) => {
    const { region } = ctx;
    if (region.level !== 'county' && region.level !== 'city') {
      bad(`报酬发放表按县（市、区）或市导出，「${region.name}」不是县级或市级区划`);
    }
    const runs = await committedRunsOf(ctx.db, region.code, input.year);
    if (runs.length === 0) bad(`${region.name}${input.year}年度没有已提交的报酬核算`);
    const base64 = await buildRegionPayroll({ regionName: region.name, year: input.year }, runs);
    return {
      filename: regionPayrollFilename(region.name, input.year),
      base64,
      townships: runs.length,
      totalFen: runs.reduce((t, r) => t + r.totalFen, 0),
    };
  }),
});
