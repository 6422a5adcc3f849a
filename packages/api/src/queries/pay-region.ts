/**
 * County- and city-wide pay runs (001 §17 以区县(市)为单位……基本报酬实行统一打卡发放: a county pays
 * all its townships at once), on top of the township rule of 001 §7.
 *
 * Design (why a job row, and why progress is coarse):
 *
 * 1. `pay.startRegion` commits a job row (pending, townships total) in its own short transaction.
 *    From then on every server process can show it and take a cancel: the state lives in the
 *    database, not in any process's memory, so a stateless multi-process server needs nothing else.
 * 2. `pay.commitRegion` runs the job in ONE transaction (the scoped procedure's): one read of every
 *    organisation of the region with its grade, the policy resolved once per distinct combination
 *    of policy sets, `planTownshipPay` (packages/domain, the rule `pay.commit` applies) per
 *    township, then batches of townships each written set-based — supersede the committed runs,
 *    `INSERT … SELECT FROM unnest(…)` the runs, then their lines — and the audit rows, and the
 *    job marked done, all in that same transaction. Either everything is committed or nothing.
 * 3. `pay.cancelRegion` marks a pending job cancelled (its own short transaction). The run reads
 *    the job's status between batches and once more as it marks itself done (`… where status =
 *    'pending'`); finding it cancelled, it throws and the whole run rolls back: nothing is
 *    half-written. A cancel that arrives after the run committed is refused (already done).
 *
 * What a reader sees while the run is in progress: the job as committed before it started
 * (pending, N townships) — not a township count moving up. No other session can see inside an
 * uncommitted transaction (PostgreSQL isolation), and embedded PGlite has one connection, so a
 * poll or a cancel simply waits for the run's transaction there; a cancel then reports the run
 * finished. Writing progress outside the run's transaction would need a second connection per
 * run and would make "cancel rolls everything back" harder to keep; a county's run takes well
 * under a second and a city's a few seconds (bench/src/benchmarks/pay-run.ts), so the console
 * shows "in progress" with the elapsed time, then the result. A job left pending (the process
 * died, the page was closed before it ran) is marked failed by the next start after
 * STALE_MINUTES.
 */
import { defined, inRegion, type Database } from '@dangjian/db';
import {
  orgs,
  payRegionJobs,
  payRunLines,
  payRuns,
  people,
  policySets,
  regions,
  users,
} from '@dangjian/db/schema';
import {
  isWithinRegion,
  parsePolicySet,
  planTownshipPay,
  resolvePolicy,
  SHIPPED_POLICY_SETS,
  type PolicySet,
  type RegionCode,
  type ResolvedPolicy,
  type TownshipPayPlan,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { AuditEntry } from '../trpc';
import { bad, notFound } from '../errors';
import { ancestorCodes } from '../policy';
import { lockPayRun, readPayOrgs, townshipOf, type PayOrgRow } from './pay';

/** Regions a region-wide run covers: a county, a city (or a province). */
export const REGION_RUN_LEVELS = ['county', 'city', 'province'] as const;
/** A job still pending after this long was abandoned (its process ended before running it). */
export const STALE_MINUTES = 10;
/** Townships written per batch; the run looks for a cancel between batches. */
const BATCH_TOWNSHIPS = 200;

export type PayRegionJob = typeof payRegionJobs.$inferSelect;

const jobColumns = {
  job: payRegionJobs,
  regionName: regions.name,
  createdByName: users.displayName,
};

/** The jobs of a region and the regions inside it, newest first. */
export async function regionJobs(db: Database, code: RegionCode, year?: number) {
  const rows = await db
    .select(jobColumns)
    .from(payRegionJobs)
    .innerJoin(regions, eq(regions.code, payRegionJobs.regionCode))
    .leftJoin(users, eq(users.id, payRegionJobs.createdBy))
    .where(
      and(
        inRegion(payRegionJobs.regionCode, code),
        year === undefined ? undefined : eq(payRegionJobs.year, year),
      ),
    )
    .orderBy(desc(payRegionJobs.createdAt), desc(payRegionJobs.id))
    .limit(50);
  return rows.map((r) => ({ ...r.job, regionName: r.regionName, createdByName: r.createdByName }));
}

/** One job inside the caller's scope, or NOT_FOUND. */
export async function loadRegionJob(db: Database, id: number, scopeCode: RegionCode) {
  const [row] = await db
    .select(jobColumns)
    .from(payRegionJobs)
    .innerJoin(regions, eq(regions.code, payRegionJobs.regionCode))
    .leftJoin(users, eq(users.id, payRegionJobs.createdBy))
    .where(and(eq(payRegionJobs.id, id), inRegion(payRegionJobs.regionCode, scopeCode)));
  if (!row) notFound(`全区报酬核算（编号 ${id}）`);
  return { ...row.job, regionName: row.regionName, createdByName: row.createdByName };
}

/**
 * Opens a job for a county's or city's run: refuses another level, and a second pending job of
 * the same region and year (one already running); a pending job older than STALE_MINUTES is
 * marked failed first. The job counts the townships of the region.
 */
export async function startRegionJob(
  db: Database,
  region: { code: string; name: string; level: string },
  input: { year: number; baseFen: number; userId: number; now: Date },
): Promise<PayRegionJob> {
  if (!(REGION_RUN_LEVELS as readonly string[]).includes(region.level)) {
    bad(`统一核算以县（市、区）或市为单位，「${region.name}」不是县级或市级区划`);
  }
  const staleBefore = new Date(input.now.getTime() - STALE_MINUTES * 60_000);
  const sameRun = and(
    eq(payRegionJobs.regionCode, region.code),
    eq(payRegionJobs.year, input.year),
    eq(payRegionJobs.status, 'pending'),
  );
  await db
    .update(payRegionJobs)
    .set({
      status: 'failed',
      message: `中断：超过 ${STALE_MINUTES} 分钟未完成（页面关闭或服务重启），未写入任何数据`,
      finishedAt: input.now,
    })
    .where(and(sameRun, lt(payRegionJobs.createdAt, staleBefore)));
  const [open] = await db.select({ id: payRegionJobs.id }).from(payRegionJobs).where(sameRun);
  if (open) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `${region.name}${input.year}年度已有进行中的统一核算（编号 ${open.id}），请等待完成或取消后再试`,
    });
  }
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(regions)
    .where(and(inRegion(regions.code, region.code), eq(regions.level, 'township')));
  const [job] = await db
    .insert(payRegionJobs)
    .values({
      regionCode: region.code,
      year: input.year,
      baseFen: input.baseFen,
      townshipsTotal: count?.n ?? 0,
      createdBy: input.userId,
      createdAt: input.now,
    })
    .returning();
  return defined(job);
}

/** Marks a pending job cancelled; refuses one that already finished. */
export async function cancelRegionJob(db: Database, job: PayRegionJob, now: Date) {
  const [done] = await db
    .update(payRegionJobs)
    .set({ status: 'cancelled', message: '已取消，未写入任何数据', finishedAt: now })
    .where(and(eq(payRegionJobs.id, job.id), eq(payRegionJobs.status, 'pending')))
    .returning();
  if (!done) bad(`全区报酬核算（编号 ${job.id}）已${STATUS_WORDS[job.status]}，不能取消`);
  return done;
}

const STATUS_WORDS = { pending: '开始', done: '完成', cancelled: '取消', failed: '失败' } as const;

/** The newest version of every policy set of the region's ancestors and of regions inside it. */
async function regionPolicySets(db: Database, code: RegionCode): Promise<PolicySet[]> {
  const rows = await db
    .selectDistinctOn([policySets.id])
    .from(policySets)
    .where(
      or(
        inArray(policySets.regionCode, ancestorCodes(code)),
        inRegion(policySets.regionCode, code),
      ),
    )
    .orderBy(policySets.id, sql`${policySets.version} desc`);
  return rows.map((r) =>
    parsePolicySet({
      id: r.id,
      version: r.version,
      name: r.name,
      regionCode: r.regionCode,
      fromYear: r.fromYear,
      toYear: r.toYear,
      kind: r.kind,
      noticeId: r.noticeId,
      parameters: r.parameters,
    }),
  );
}

/**
 * The policy of each township for a year from the region's sets, resolved once per distinct
 * combination of applicable sets (most townships share their county's and city's).
 */
function townshipPolicies(
  sets: readonly PolicySet[],
  townships: readonly RegionCode[],
  year: number,
): Map<RegionCode, ResolvedPolicy> {
  const applies = (s: PolicySet, t: RegionCode) =>
    s.regionCode === null || isWithinRegion(t, s.regionCode);
  const memo = new Map<string, ResolvedPolicy>();
  const out = new Map<RegionCode, ResolvedPolicy>();
  for (const t of townships) {
    const mine = sets.filter((s) => applies(s, t));
    const key = [...mine, ...SHIPPED_POLICY_SETS.filter((s) => applies(s, t))]
      .map((s) => `${s.id}@${s.version}`)
      .join('+');
    let policy = memo.get(key);
    if (!policy) {
      policy = resolvePolicy(mine, t, year);
      memo.set(key, policy);
    }
    out.set(t, policy);
  }
  return out;
}

/** A township's plan in the run, with its name. */
interface TownshipPlan {
  code: RegionCode;
  name: string;
  plan: TownshipPayPlan<PayOrgRow>;
}

/** Every township of the region with organisations, planned by the domain rule. */
async function planRegion(db: Database, job: PayRegionJob): Promise<TownshipPlan[]> {
  const [rows, names, sets] = await Promise.all([
    readPayOrgs(db, job.regionCode, job.year),
    db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(inRegion(regions.code, job.regionCode), eq(regions.level, 'township'))),
    regionPolicySets(db, job.regionCode),
  ]);
  const byTownship = new Map<RegionCode, PayOrgRow[]>();
  for (const row of rows) {
    const t = townshipOf(row.regionCode);
    const list = byTownship.get(t);
    if (list) list.push(row);
    else byTownship.set(t, [row]);
  }
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const policies = townshipPolicies(sets, [...byTownship.keys()], job.year);
  return [...byTownship].map(([code, orgs]) => ({
    code,
    name: nameOf.get(code) ?? code,
    plan: planTownshipPay(
      orgs,
      { mode: 'base', baseFen: job.baseFen },
      defined(policies.get(code)),
    ),
  }));
}

/** A township paid by the run. */
export interface RegionRunTownship {
  regionCode: string;
  regionName: string;
  runId: number;
  totalFen: number;
  lines: number;
  unpaid: number;
  supersedesId: number | null;
}

type Ready = TownshipPlan & { plan: Extract<TownshipPayPlan<PayOrgRow>, { status: 'ready' }> };

/** The job's status as committed now (a cancel from another session shows at READ COMMITTED). */
async function jobStatus(db: Database, id: number): Promise<PayRegionJob['status']> {
  const [row] = await db
    .select({ status: payRegionJobs.status })
    .from(payRegionJobs)
    .where(eq(payRegionJobs.id, id));
  return row?.status ?? 'failed';
}

function cancelledError(id: number): never {
  throw new TRPCError({
    code: 'CONFLICT',
    message: `全区报酬核算（编号 ${id}）已取消，本次核算已全部撤回，未写入任何数据`,
  });
}

/** Writes one batch of townships set-based: supersede, runs, lines. Returns what was written. */
async function writeBatch(
  db: Database,
  job: PayRegionJob,
  batch: readonly Ready[],
  meta: { userId: number; now: Date },
  audit: (entry: AuditEntry) => void,
): Promise<RegionRunTownship[]> {
  const codes = batch.map((t) => t.code);
  const superseded = await db
    .update(payRuns)
    .set({ status: 'superseded' })
    .where(
      and(
        inArray(payRuns.regionCode, codes),
        eq(payRuns.year, job.year),
        eq(payRuns.status, 'committed'),
      ),
    )
    .returning({
      id: payRuns.id,
      regionCode: payRuns.regionCode,
      totalFen: payRuns.totalFen,
      policyVersion: payRuns.policyVersion,
    });
  const previous = new Map(superseded.map((s) => [s.regionCode, s]));
  const runOf = await insertRuns(db, job, batch, previous, meta);
  await insertLines(db, batch, runOf);
  return batch.map((t) => {
    const runId = defined(runOf.get(t.code));
    const old = previous.get(t.code) ?? null;
    auditTownship(audit, job, t, runId, old);
    return {
      regionCode: t.code,
      regionName: t.name,
      runId,
      totalFen: t.plan.result.totalFen,
      lines: t.plan.paid.length,
      unpaid: unpaidOf(t).length,
      supersedesId: old?.id ?? null,
    };
  });
}

/** The organisations of the scheme a township's run does not pay (no secretary), as stored. */
function unpaidOf(t: Ready) {
  return t.plan.omitted
    .filter((o) => o.status === 'vacant')
    .map((o) => ({
      orgId: o.org.orgId,
      orgName: o.org.orgName,
      regionCode: o.org.regionCode,
      villageName: o.org.regionName,
      reason: o.reason,
    }));
}

interface Superseded {
  id: number;
  regionCode: string;
  totalFen: number;
  policyVersion: string;
}

/** One INSERT … SELECT FROM unnest(…) for the batch's runs; their ids by township. */
async function insertRuns(
  db: Database,
  job: PayRegionJob,
  batch: readonly Ready[],
  previous: ReadonlyMap<string, Superseded>,
  meta: { userId: number; now: Date },
): Promise<Map<string, number>> {
  const result: unknown = await db.execute(sql`
    insert into pay_runs (region_code, year, mode, base_fen, total_fen, policy_version, policy_label,
                          unpaid, status, supersedes_id, created_by, created_at)
    select code, ${job.year}::smallint, 'base', ${job.baseFen}::bigint, total, version, label,
           unpaid::jsonb, 'committed', supersedes, ${meta.userId}::int, ${meta.now.toISOString()}::timestamptz
    from unnest(${sql.param(batch.map((t) => t.code))}::text[],
                ${sql.param(batch.map((t) => t.plan.result.totalFen))}::bigint[],
                ${sql.param(batch.map((t) => t.plan.result.policyVersion))}::text[],
                ${sql.param(batch.map((t) => t.plan.result.policyLabel))}::text[],
                ${sql.param(batch.map((t) => JSON.stringify(unpaidOf(t))))}::text[],
                ${sql.param(batch.map((t) => previous.get(t.code)?.id ?? null))}::int[])
      as v(code, total, version, label, unpaid, supersedes)
    returning id, region_code`);
  const { rows } = result as { rows: { id: number | string; region_code: string }[] };
  return new Map(rows.map((r) => [r.region_code, Number(r.id)]));
}

/** One INSERT … SELECT FROM unnest(…) for every line of the batch. */
async function insertLines(
  db: Database,
  batch: readonly Ready[],
  runOf: ReadonlyMap<string, number>,
): Promise<void> {
  const lines = batch.flatMap((t) =>
    t.plan.result.lines.map((l, i) => ({ t, l, org: defined(t.plan.paid[i]) })),
  );
  await db.execute(sql`
    insert into pay_run_lines (run_id, region_code, org_id, secretary_id, grade, ratio_permille, amount_fen)
    select run, code, org, secretary, grade::grade, permille, fen from unnest(
      ${sql.param(lines.map((x) => defined(runOf.get(x.t.code))))}::int[],
      ${sql.param(lines.map((x) => x.org.regionCode))}::text[],
      ${sql.param(lines.map((x) => x.org.orgId))}::int[],
      ${sql.param(lines.map((x) => x.org.secretaryId))}::int[],
      ${sql.param(lines.map((x) => x.l.grade))}::text[],
      ${sql.param(lines.map((x) => Math.round(x.l.ratio * 1000)))}::smallint[],
      ${sql.param(lines.map((x) => x.l.amountFen))}::bigint[])
      as v(run, code, org, secretary, grade, permille, fen)`);
}

/** The audit rows of a township in the run: the run superseded (if any) and the new one. */
function auditTownship(
  audit: (entry: AuditEntry) => void,
  job: PayRegionJob,
  t: Ready,
  runId: number,
  old: Superseded | null,
): void {
  if (old) {
    audit({
      target: `pay_run:${old.id}`,
      regionCode: t.code,
      before: { status: 'committed', totalFen: old.totalFen, policyVersion: old.policyVersion },
      after: { status: 'superseded', supersededByRunId: runId },
    });
  }
  audit({
    target: `pay_run:${runId}`,
    regionCode: t.code,
    before: null,
    after: {
      year: job.year,
      mode: 'base',
      baseFen: job.baseFen,
      totalFen: t.plan.result.totalFen,
      policyVersion: t.plan.result.policyVersion,
      policyLabel: t.plan.result.policyLabel,
      lines: t.plan.paid.length,
      unpaid: unpaidOf(t).map((u) => u.orgId),
      supersedesId: old?.id ?? null,
      regionJobId: job.id,
    },
  });
}

/** Why townships of the region cannot be paid: up to ten names, then the count. */
function listed(townships: readonly TownshipPlan[]): string {
  const names = townships.slice(0, 10).map((t) => t.name);
  return names.join('、') + (townships.length > 10 ? ` 等 ${townships.length} 个乡镇` : '');
}

/** Marks the job failed with the reason (the run wrote nothing) and returns it. */
async function failJob(db: Database, job: PayRegionJob, message: string, now: Date) {
  const [row] = await db
    .update(payRegionJobs)
    .set({ status: 'failed', message, finishedAt: now })
    .where(and(eq(payRegionJobs.id, job.id), eq(payRegionJobs.status, 'pending')))
    .returning();
  if (!row) cancelledError(job.id);
  return row;
}

/**
 * Runs a pending job (see the design above). Refuses a job that is not pending; a region with a
 * township whose paid organisations are not all graded is not paid at all (the job fails naming
 * them: 统一发放 pays every township at once); townships with nobody to pay are skipped and named.
 */
export async function runRegionJob(
  db: Database,
  job: PayRegionJob,
  meta: { userId: number; now: Date },
  audit: (entry: AuditEntry) => void,
) {
  await lockPayRun(db, job.regionCode, job.year);
  const status = await jobStatus(db, job.id);
  if (status !== 'pending')
    bad(`全区报酬核算（编号 ${job.id}）已${STATUS_WORDS[status]}，不能再次执行`);
  const plans = await planRegion(db, job);
  const ungraded = plans.filter((t) => t.plan.status === 'ungraded');
  const skipped = plans.filter((t) => t.plan.status === 'nothing_to_pay');
  const ready = plans.filter((t): t is Ready => t.plan.status === 'ready');
  if (ungraded.length > 0 || ready.length === 0) {
    const message =
      ungraded.length > 0
        ? `${listed(ungraded)}有参与报酬核算的党组织尚未评定 ${job.year} 年度等次，请先完成分类定级；本次未写入任何数据`
        : `本区域没有报酬与定级挂钩的在任村党组织书记，未写入任何数据`;
    return { job: await failJob(db, job, message, meta.now), townships: [], skipped: [] };
  }
  const written: RegionRunTownship[] = [];
  for (let i = 0; i < ready.length; i += BATCH_TOWNSHIPS) {
    if (i > 0 && (await jobStatus(db, job.id)) !== 'pending') cancelledError(job.id);
    written.push(...(await writeBatch(db, job, ready.slice(i, i + BATCH_TOWNSHIPS), meta, audit)));
  }
  const totalFen = written.reduce((t, w) => t + w.totalFen, 0);
  const lineCount = written.reduce((t, w) => t + w.lines, 0);
  const skippedNote =
    skipped.length > 0 ? `；${listed(skipped)}没有报酬与定级挂钩的在任书记，未核算` : '';
  const [done] = await db
    .update(payRegionJobs)
    .set({
      status: 'done',
      townshipsDone: written.length,
      lineCount,
      totalFen,
      message: `已核算 ${written.length} 个乡镇（街道）${skippedNote}`,
      finishedAt: meta.now,
    })
    .where(and(eq(payRegionJobs.id, job.id), eq(payRegionJobs.status, 'pending')))
    .returning();
  if (!done) cancelledError(job.id);
  audit({
    target: `pay_region_job:${job.id}`,
    regionCode: job.regionCode,
    before: { status: 'pending' },
    after: {
      status: 'done',
      year: job.year,
      baseFen: job.baseFen,
      townships: written.length,
      lineCount,
      totalFen,
    },
  });
  return {
    job: done,
    townships: written,
    skipped: skipped.map((t) => ({ regionCode: t.code, regionName: t.name })),
  };
}

/**
 * The committed runs of the townships of a region for a year with their lines (two queries), for
 * the region's payroll: what the latest run of each township paid.
 */
export async function committedRunsOf(db: Database, code: RegionCode, year: number) {
  const runs = await db
    .select({ run: payRuns, regionName: regions.name })
    .from(payRuns)
    .innerJoin(regions, eq(regions.code, payRuns.regionCode))
    .where(
      and(
        inRegion(payRuns.regionCode, code),
        eq(payRuns.year, year),
        eq(payRuns.status, 'committed'),
      ),
    )
    .orderBy(asc(payRuns.regionCode));
  const ids = runs.map((r) => r.run.id);
  const lines =
    ids.length === 0
      ? []
      : await db
          .select({
            runId: payRunLines.runId,
            regionCode: payRunLines.regionCode,
            villageName: regions.name,
            orgName: orgs.name,
            secretaryName: people.name,
            grade: payRunLines.grade,
            ratioPermille: payRunLines.ratioPermille,
            amountFen: payRunLines.amountFen,
          })
          .from(payRunLines)
          .innerJoin(orgs, eq(orgs.id, payRunLines.orgId))
          .innerJoin(regions, eq(regions.code, payRunLines.regionCode))
          .leftJoin(people, eq(people.id, payRunLines.secretaryId))
          .where(and(inArray(payRunLines.runId, ids), inRegion(payRunLines.regionCode, code)))
          .orderBy(asc(payRunLines.regionCode), asc(payRunLines.orgId));
  const byRun = new Map<number, (typeof lines)[number][]>();
  for (const l of lines) {
    const list = byRun.get(l.runId);
    if (list) list.push(l);
    else byRun.set(l.runId, [l]);
  }
  return runs.map((r) => ({
    ...r.run,
    regionName: r.regionName,
    policyLabel: r.run.policyLabel ?? '提交时的政策未记录名称',
    lines: byRun.get(r.run.id) ?? [],
  }));
}
