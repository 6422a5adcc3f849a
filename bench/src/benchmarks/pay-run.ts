import { createCaller, type Context } from '@dangjian/api';
import type { Database, DatabaseHandle } from '@dangjian/db';
import { regionCodeRange } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import { CITY, PROVINCE, type Driver } from '../lib/config';
import { BENCH_PII, callerFor } from '../lib/caller';
import { openTarget } from '../lib/generate';
import { report, type BenchResult, type RunOptions, type Target } from '../lib/report';
import { round, summarize, timed } from '../lib/stats';

const YEAR = 2026;
/** 好 base pay: 24,000 yuan a year. */
const BASE_FEN = 2_400_000;
/** The county of 常德 timed on its own (鼎城区, the city's largest by villages). */
const COUNTY = '430703000000';

export interface PayRunFigures {
  regions: number;
  townships: number;
  secretaries: number;
  /** Townships not paid because an organisation to be paid was ungraded (the run then fails). */
  skippedUngraded: number;
  /** Townships with nobody paid by grade (communities only, where they are outside the scheme). */
  skippedNothingToPay: number;
  totalFen: number;
  /** pay.startRegion, pay.commitRegion (summed over the regions), and both. */
  ms: { start: number; commit: number; total: number };
}

class Rollback extends Error {
  constructor(readonly figures: PayRunFigures) {
    super('rollback');
  }
}

/** A caller signed in with `token` whose every query runs on `db` (a transaction). */
function callerOn(handle: DatabaseHandle, db: Database, token: string) {
  const host = 'bench.local';
  const ctx: Context = {
    db,
    driver: handle.driver,
    ip: '127.0.0.1',
    origin: `http://${host}`,
    protocol: 'http',
    host,
    userAgent: 'bench',
    cookies: { get: () => token, set: () => {}, clear: () => {} },
    now: () => new Date(),
    pii: BENCH_PII,
  };
  return createCaller(ctx);
}

/**
 * The benchmark account's session marked as just used: a scoped call touches a session idle for a
 * minute after its transaction, which inside this outer transaction would run as the app role
 * (SET LOCAL ROLE lasts to the outer end) and be refused.
 */
async function freshSession(tx: Pick<Database, 'execute'>): Promise<void> {
  await tx.execute(sql`update sessions set last_seen_at = now()
    where user_id = (select id from users where username = 'bench_province')`);
}

/**
 * The real region run — `pay.startRegion` then `pay.commitRegion` (001 §17 统一打卡发放) through
 * the in-process caller, the full procedure stack — for each of `regionCodes` (one county, one
 * city, one province, or every province for the country), timed; all inside one outer
 * transaction that is rolled back at the end (each call's own transaction is a savepoint in it),
 * so committed runs do not pile up in the data set the next run uses.
 */
export async function regionPayRun(
  handle: DatabaseHandle,
  token: string,
  regionCodes: readonly string[],
): Promise<PayRunFigures> {
  try {
    await handle.db.transaction(async (tx) => {
      const api = callerOn(handle, tx, token);
      const f: PayRunFigures = {
        regions: regionCodes.length,
        townships: 0,
        secretaries: 0,
        skippedUngraded: 0,
        skippedNothingToPay: 0,
        totalFen: 0,
        ms: { start: 0, commit: 0, total: 0 },
      };
      for (const regionCode of regionCodes) {
        // A scoped call ends with SET LOCAL ROLE to the app role, which lasts to the end of the
        // outer transaction: go back to the connection's own role before the next call.
        await tx.execute(sql`set local role none`);
        // The national run is each province's department paying its own province: the benchmark
        // account is moved to the region for the call (undone with the outer transaction).
        await tx.execute(
          sql`update users set region_code = ${regionCode} where username = 'bench_province'`,
        );
        await freshSession(tx);
        const start = await timed(() =>
          api.pay.startRegion({ regionCode, year: YEAR, baseFen: BASE_FEN }),
        );
        await tx.execute(sql`set local role none`);
        await freshSession(tx);
        const run = await timed(() => api.pay.commitRegion({ id: start.value.id }));
        const r = run.value;
        f.ms.start += start.ms;
        f.ms.commit += run.ms;
        f.townships += r.townships.length;
        f.secretaries += r.townships.reduce((n, t) => n + t.lines, 0);
        f.skippedUngraded += r.job.status === 'failed' ? r.job.townshipsTotal : 0;
        f.skippedNothingToPay += r.skipped.length;
        f.totalFen += r.job.totalFen;
      }
      f.ms = {
        start: round(f.ms.start),
        commit: round(f.ms.commit),
        total: round(f.ms.start + f.ms.commit),
      };
      throw new Rollback(f);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.figures;
    throw e;
  }
  throw new RangeError('pay run did not finish');
}

export interface PayRunOptions extends RunOptions {
  driver: Driver;
  name: string;
  /** null: every province in the data (national). */
  regionCode: string | null;
  label: string;
  /** Townships sent one at a time through pay.commit for the baseline. */
  sampleTownships: number;
}

/**
 * Township codes inside `code` that pay.commit can pay (a village's own organisation with a
 * secretary in office), a sample in a fixed random order.
 */
async function sampleTownships(db: Database, code: string, n: number): Promise<string[]> {
  const { from, to } = regionCodeRange(code);
  const result: unknown = await db.execute(sql`
    select t.code from regions t where t.level = 'township' and t.code between ${from} and ${to}
      and exists (select 1 from orgs o join regions v on v.code = o.region_code and v.level = 'village'
                  where o.region_code between t.code and rpad(left(t.code, 9), 12, '9')
                    and o.category = 'rural' and coalesce(v.kind, 'village') = 'village'
                    and o.secretary_id is not null
                    and not exists (select 1 from orgs p where p.id = o.parent_id and p.region_code = o.region_code))
    order by md5(t.code) limit ${n}`);
  return (result as { rows: { code: string }[] }).rows.map((r) => r.code);
}

/** Every province in the data (the national run is one region run per province). */
async function provinces(db: Database): Promise<string[]> {
  const result: unknown = await db.execute(
    sql`select code from regions where level = 'province' order by code`,
  );
  return (result as { rows: { code: string }[] }).rows.map((r) => r.code);
}

/**
 * 3. Pay run for every village secretary of a region by the API's own region run
 * (`pay.commitRegion`): a county of 常德, the city, and the region asked for (湖南省, or every
 * province for the country). Baseline, same run: the per-township procedure (pay.commit through
 * the caller, as the pay page does) on a sample of townships, its mean extrapolated to each
 * region's townships.
 */
export async function payRun(options: PayRunOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget(options.driver, options.name);
  try {
    const { api, cookie } = await callerFor(handle, 'bench_province');
    const token = cookie.slice(cookie.indexOf('=') + 1);
    const main = options.regionCode ? [options.regionCode] : await provinces(handle.db);
    const smaller = options.regionCode === PROVINCE ? [COUNTY, CITY] : [COUNTY];
    await regionPayRun(handle, token, [COUNTY]); // warm-up (plans, JIT), rolled back
    const byRegion: Record<string, PayRunFigures> = {};
    for (const code of smaller) byRegion[code] = await regionPayRun(handle, token, [code]);
    const figures = await regionPayRun(handle, token, main);
    const perTownship: number[] = [];
    let failed = 0;
    const failures = new Set<string>();
    const sample = await sampleTownships(handle.db, PROVINCE, options.sampleTownships);
    for (const code of sample) {
      try {
        const call = () =>
          api.pay.commit({ regionCode: code, year: YEAR, mode: 'base', baseFen: BASE_FEN });
        perTownship.push((await timed(call)).ms);
      } catch (e) {
        failed += 1;
        failures.add(e instanceof Error ? e.message.slice(0, 120) : String(e));
      }
    }
    const per = summarize(perTownship);
    const extrapolate = (f: PayRunFigures) => round((per.mean * f.townships) / 1000, 2);
    const county = byRegion[COUNTY];
    const targets: Target[] = [];
    if (county) {
      targets.push({
        goal: 'a county of 常德 ≤ 1 s',
        actual: `${round(county.ms.total / 1000, 2)} s`,
        met: county.ms.total <= 1_000,
      });
    }
    const goalMs = options.regionCode ? 3_000 : 30_000;
    targets.push({
      goal: options.regionCode ? 'province ≤ 3 s' : 'national ≤ 30 s',
      actual: `${round(figures.ms.total / 1000, 2)} s`,
      met: figures.ms.total <= goalMs,
    });
    const smallerFigures = Object.fromEntries(
      Object.entries(byRegion).map(([code, f]) => [
        code,
        {
          townships: f.townships,
          secretaries: f.secretaries,
          totalSeconds: round(f.ms.total / 1000, 2),
          baselineSeconds: extrapolate(f),
        },
      ]),
    );
    return report(
      {
        name: `pay-run-${options.label}-${options.driver}`,
        title: `3. Pay run (pay.commitRegion), every village secretary of ${options.label === 'national' ? 'China' : '湖南省'} (${options.driver})`,
        setup: {
          driver: options.driver,
          data: options.name,
          region: options.regionCode ?? 'every province, one run each',
          year: YEAR,
          mode: 'base',
          baseFen: BASE_FEN,
        },
        figures: {
          ...figures,
          totalSeconds: round(figures.ms.total / 1000, 2),
          regionsInside: smallerFigures,
        },
        baseline: {
          label: `pay.commit per township through the caller (${per.n} sampled, mean extrapolated × the region's townships)`,
          figures: {
            perTownshipMs: per,
            failed,
            ...(failures.size > 0 ? { failures: [...failures] } : {}),
            extrapolatedSeconds: extrapolate(figures),
          },
        },
        targets,
        notes: [
          'pay.startRegion + pay.commitRegion through the in-process caller (session, permissions, scope, RLS role, zod, one transaction each), rolled back after timing',
        ],
        seconds: (performance.now() - started) / 1000,
      },
      options,
    );
  } finally {
    await handle.close();
  }
}
