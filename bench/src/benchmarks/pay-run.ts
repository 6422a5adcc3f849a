import type { Database } from '@dangjian/db';
import {
  computeTownshipPay,
  isWithinRegion,
  normalizeRegionCode,
  parsePolicySet,
  regionCodeRange,
  resolvePolicy,
  type Grade,
  type PolicySet,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import { PROVINCE, type Driver } from '../lib/config';
import { callerFor } from '../lib/caller';
import { openTarget } from '../lib/generate';
import { report, type BenchResult, type RunOptions } from '../lib/report';
import { round, summarize, timed } from '../lib/stats';
import { defined } from '@dangjian/db';

const YEAR = 2026;
/** 好 base pay: 24,000 yuan a year. */
const BASE_FEN = 2_400_000;

export interface PayRunFigures {
  townships: number;
  secretaries: number;
  skippedUngraded: number;
  totalFen: number;
  ms: { read: number; domain: number; write: number; total: number };
  domainShare: number;
}

class Rollback extends Error {
  constructor(readonly figures: PayRunFigures) {
    super('rollback');
  }
}

/**
 * The pay of every village secretary of a region (a province, or all of China) for a year, as
 * the pay procedure computes it per township (001 §7 以乡镇为单位) but for all townships at once:
 * one query for every village org and its current grade, the policy resolved per township and
 * computeTownshipPay from packages/domain per township, then every run and every line written
 * with two set-based INSERT … SELECT FROM unnest(…). Timed by phase; rolled back at the end
 * (committed runs are immutable, and the data set must stay the same for the next run).
 */
export async function regionPayRun(
  db: Database,
  regionCode: string | null,
): Promise<PayRunFigures> {
  const range = regionCode
    ? regionCodeRange(regionCode)
    : { from: '000000000000', to: '999999999999' };
  try {
    await db.transaction(async (tx) => {
      const t0 = performance.now();
      const result = (await tx.execute(sql`
        select o.id, o.region_code, o.secretary_id, g.grade
        from orgs o
        join regions v on v.code = o.region_code and v.level = 'village'
        left join org_grades g on g.org_id = o.id and g.year = ${YEAR} and g.superseded_at is null
        where o.region_code between ${range.from} and ${range.to}
        order by o.region_code, o.id`)) as {
        rows: {
          id: number;
          region_code: string;
          secretary_id: number | null;
          grade: Grade | null;
        }[];
      };
      const setRows = (await tx.execute(sql`
        select distinct on (id) id, version, name, region_code, from_year, to_year, parameters
        from policy_sets order by id, version desc`)) as { rows: Record<string, unknown>[] };
      const t1 = performance.now();

      let domainMs = 0;
      const d0 = performance.now();
      const sets: PolicySet[] = setRows.rows.map((r) =>
        parsePolicySet({
          id: r.id,
          version: r.version,
          name: r.name,
          regionCode: r.region_code,
          fromYear: r.from_year,
          toYear: r.to_year,
          parameters: r.parameters,
        }),
      );
      domainMs += performance.now() - d0;
      const byTownship = new Map<string, typeof result.rows>();
      for (const row of result.rows) {
        const key = row.region_code.slice(0, 9);
        const list = byTownship.get(key);
        if (list) list.push(row);
        else byTownship.set(key, [row]);
      }
      const runs: { code: string; baseFen: number; totalFen: number; version: string }[] = [];
      const lines: {
        run: number;
        code: string;
        org: number;
        secretary: number | null;
        grade: Grade;
        permille: number;
        fen: number;
      }[] = [];
      let skipped = 0;
      let totalFen = 0;
      const policies = new Map<string, ResolvedPolicy>();
      for (const [township, rows] of byTownship) {
        if (rows.some((r) => r.grade === null)) {
          skipped += 1; // the pay procedure refuses a township with an ungraded org
          continue;
        }
        const code = normalizeRegionCode(township);
        const applicable = sets.filter(
          (s) => s.regionCode === null || isWithinRegion(code, s.regionCode),
        );
        const s0 = performance.now();
        // Townships under the same department sets get the same values and version: resolve
        // once per distinct combination (resolvePolicy validates every set each call).
        const key = applicable.map((s) => `${s.id}@${s.version}`).join('+');
        let policy = policies.get(key);
        if (!policy) {
          policy = resolvePolicy(applicable, code, YEAR);
          policies.set(key, policy);
        }
        const pay = computeTownshipPay(
          {
            mode: 'base',
            baseFen: BASE_FEN,
            secretaries: rows.map((r) => ({ id: String(r.id), grade: defined(r.grade) })),
          },
          policy,
        );
        domainMs += performance.now() - s0;
        const run = runs.length;
        runs.push({
          code,
          baseFen: pay.baseFen,
          totalFen: pay.totalFen,
          version: pay.policyVersion,
        });
        totalFen += pay.totalFen;
        pay.lines.forEach((l, i) => {
          const r = defined(rows[i]);
          lines.push({
            run,
            code: r.region_code,
            org: r.id,
            secretary: r.secretary_id,
            grade: l.grade,
            permille: Math.round(l.ratio * 1000),
            fen: l.amountFen,
          });
        });
      }
      const t2 = performance.now();

      const ids = (await tx.execute(sql`
        insert into pay_runs (region_code, year, mode, base_fen, total_fen, policy_version, status, note)
        select code, ${YEAR}::smallint, 'base', base, total, version, 'committed', '基准测试（回滚）'
        from unnest(${sql.param(runs.map((r) => r.code))}::text[], ${sql.param(runs.map((r) => r.baseFen))}::bigint[],
                    ${sql.param(runs.map((r) => r.totalFen))}::bigint[], ${sql.param(runs.map((r) => r.version))}::text[])
          with ordinality as v(code, base, total, version, n)
        order by n
        returning id`)) as { rows: { id: number }[] };
      const runId = ids.rows.map((r) => Number(r.id));
      for (let i = 0; i < lines.length; i += 100_000) {
        const part = lines.slice(i, i + 100_000);
        await tx.execute(sql`
          insert into pay_run_lines (run_id, region_code, org_id, secretary_id, grade, ratio_permille, amount_fen)
          select * from unnest(
            ${sql.param(part.map((l) => runId[l.run]))}::int[], ${sql.param(part.map((l) => l.code))}::text[],
            ${sql.param(part.map((l) => l.org))}::int[], ${sql.param(part.map((l) => l.secretary))}::int[],
            ${sql.param(part.map((l) => l.grade))}::grade[], ${sql.param(part.map((l) => l.permille))}::smallint[],
            ${sql.param(part.map((l) => l.fen))}::bigint[])`);
      }
      const t3 = performance.now();
      const total = t3 - t0;
      throw new Rollback({
        townships: runs.length,
        secretaries: lines.length,
        skippedUngraded: skipped,
        totalFen,
        ms: {
          read: round(t1 - t0),
          domain: round(domainMs),
          write: round(t3 - t2),
          total: round(total),
        },
        domainShare: round(domainMs / total, 3),
      });
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
 * 3. Pay run for every village secretary of a region: total time and the share in
 * packages/domain; baseline: the per-township procedure (pay.commit through tRPC, as the pay
 * page does) on a sample of townships, extrapolated to the region's townships.
 */
export async function payRun(options: PayRunOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget(options.driver, options.name);
  try {
    await regionPayRun(handle.db, options.regionCode); // warm-up (plans, JIT), rolled back
    const figures = await regionPayRun(handle.db, options.regionCode);
    const { api } = await callerFor(handle, 'bench_province');
    const sampleRows = (await handle.db.execute(sql`
      select code from regions where level = 'township' and code between ${regionCodeRange(PROVINCE).from} and ${regionCodeRange(PROVINCE).to}
        and exists (select 1 from orgs o join regions v on v.code = o.region_code and v.level = 'village'
                    where o.region_code between code and rpad(left(code, 9), 12, '9'))
      order by md5(code) limit ${options.sampleTownships}`)) as { rows: { code: string }[] };
    const perTownship: number[] = [];
    let failed = 0;
    for (const { code } of sampleRows.rows) {
      try {
        perTownship.push(
          (
            await timed(() =>
              api.pay.commit({ regionCode: code, year: YEAR, mode: 'base', baseFen: BASE_FEN }),
            )
          ).ms,
        );
      } catch {
        failed += 1;
      }
    }
    const per = summarize(perTownship);
    const extrapolatedMs = round(per.mean * figures.townships, 0);
    const targetMs = options.regionCode ? 3_000 : 30_000;
    return report(
      {
        name: `pay-run-${options.label}-${options.driver}`,
        title: `3. Pay run, every village secretary of ${options.label === 'national' ? 'China' : '湖南省'} (${options.driver})`,
        setup: {
          driver: options.driver,
          data: options.name,
          region: options.regionCode ?? 'all provinces',
          year: YEAR,
          mode: 'base',
          baseFen: BASE_FEN,
        },
        figures: { ...figures, totalSeconds: round(figures.ms.total / 1000, 2) },
        baseline: {
          label: `pay.commit per township through tRPC (${per.n} sampled, extrapolated × ${figures.townships})`,
          figures: {
            perTownshipMs: per,
            failed,
            extrapolatedSeconds: round(extrapolatedMs / 1000, 1),
          },
        },
        targets: [
          {
            goal: options.regionCode ? 'province ≤ 3 s' : 'national ≤ 30 s',
            actual: `${round(figures.ms.total / 1000, 2)} s`,
            met: figures.ms.total <= targetMs,
          },
        ],
        notes: [
          `domain share ${round(figures.domainShare * 100, 1)} % (parsePolicySet, resolvePolicy per distinct set combination, computeTownshipPay per township)`,
        ],
        seconds: (performance.now() - started) / 1000,
      },
      options,
    );
  } finally {
    await handle.close();
  }
}
