import {
  REGION_PREFIX_LENGTH,
  regionCodeRange,
  regionLevelOf,
  type RegionLevel,
} from '@dangjian/domain';
import { PROVINCE, type Driver } from '../lib/config';
import { callerFor, rawClient, type RawClient } from '../lib/caller';
import { openTarget } from '../lib/generate';
import { report, type BenchResult, type RunOptions } from '../lib/report';
import { round, summarize, timed, type Summary } from '../lib/stats';
import { defined } from '@dangjian/db';

const YEAR = 2026;
const LEVELS = ['city', 'county', 'township'] as const;
type RollupLevel = (typeof LEVELS)[number];
const FAMILIES = ['overview', 'rectification', 'training'] as const;
type Family = (typeof FAMILIES)[number];
/**
 * rectification.list is asked for the first page of cases, as a paged list page would ask
 * (without pageSize it returns every case of the region, as the admin page still asks today).
 */
const LIST_PAGE_SIZE = 50;

export interface RollupOptions extends RunOptions {
  driver: Driver;
  name: string;
  /** Regions sampled per level (spread over 湖南省) and calls per region and family. */
  regions: number;
  repeats: number;
}

/**
 * The hand-written set-based SQL a roll-up of `code` needs, one family at a time: what the
 * procedures ask the database for, without tRPC, the scope transaction, drizzle or the domain.
 */
function handWritten(family: Family, code: string): { text: string; params: unknown[] }[] {
  const { from, to } = regionCodeRange(code);
  const level = regionLevelOf(code);
  const childLength =
    REGION_PREFIX_LENGTH[LEVELS[LEVELS.indexOf(level as RollupLevel) + 1] ?? 'village'];
  const region = {
    text: 'select code, name, level, kind, parent_code from regions where code = $1',
    params: [code],
  };
  if (family === 'overview') {
    return [
      region,
      {
        text: 'select code, name, level from regions where parent_code = $1 order by code',
        params: [code],
      },
      {
        text: `select left(region_code, ${childLength}) as p, grade, count(*)::int as n from org_grades
               where year = $3 and superseded_at is null and region_code between $1 and $2 group by 1, 2`,
        params: [from, to, YEAR],
      },
      {
        text: `select left(l.region_code, ${childLength}) as p, l.grade as last, t.grade as this, count(*)::int as n
               from org_grades l left join org_grades t on t.org_id = l.org_id and t.year = $3 and t.superseded_at is null
               where l.year = $3 - 1 and l.superseded_at is null and l.region_code between $1 and $2 group by 1, 2, 3`,
        params: [from, to, YEAR],
      },
      {
        text: `select left(f.region_code, 6) as county, f.kind, r.kind as unit_kind, count(*)::int as n,
                 sum(f.amount_fen)::bigint as total, min(f.amount_fen) as lowest,
                 count(*) filter (where f.subsidised_pension)::int as pensions
               from fund_records f join regions r on r.code = f.region_code
               where f.year = $3 and f.region_code between $1 and $2 group by 1, 2, 3`,
        params: [from, to, YEAR],
      },
      {
        text: 'select region_code, key, value_fen from region_stats where year = $3 and region_code between $1 and $2',
        params: [from, to, YEAR],
      },
    ];
  }
  if (family === 'rectification') {
    return [
      region,
      {
        text: `select left(region_code, ${childLength}) as p, status, count(*)::int as n from rectification_cases
               where year = $3 and region_code between $1 and $2 group by 1, 2`,
        params: [from, to, YEAR],
      },
      {
        text: `select left(o.region_code, 6) as county, o.category, r.kind, count(*)::int as n,
                 count(c.id)::int as listed
               from orgs o join regions r on r.code = o.region_code
               left join rectification_cases c on c.org_id = o.id and c.year = $3
               where o.region_code between $1 and $2 group by 1, 2, 3`,
        params: [from, to, YEAR],
      },
    ];
  }
  return [
    region,
    {
      text: `select left(o.region_code, ${childLength}) as p, count(distinct o.secretary_id)::int as secretaries,
               count(distinct s.person_id) filter (where s.completed_on is not null)::int as trained,
               coalesce(sum(s.completed_days), 0)::int as days
             from orgs o
             left join training_signups s on s.person_id = o.secretary_id
               and s.completed_on between make_date($3, 1, 1) and make_date($3, 12, 31)
             where o.region_code between $1 and $2 and o.secretary_id is not null group by 1`,
      params: [from, to, YEAR],
    },
  ];
}

async function runSql(client: RawClient, statements: { text: string; params: unknown[] }[]) {
  for (const s of statements) await client.query(s.text, s.params);
}

/** Sample regions of a level inside 湖南省, spread evenly over its code order. */
async function sample(client: RawClient, level: RegionLevel, n: number): Promise<string[]> {
  const { rows } = await client.query(
    `select code from regions where level = $1 and code between $2 and $3
       and exists (select 1 from orgs o where o.region_code between code and rpad(left(code, $4), 12, '9'))
     order by code`,
    [level, ...Object.values(regionCodeRange(PROVINCE)), REGION_PREFIX_LENGTH[level]],
  );
  const codes = rows.map((r) => String(r.code));
  const step = Math.max(1, Math.floor(codes.length / n));
  return codes.filter((_, i) => i % step === 0).slice(0, n);
}

/**
 * 2. Region roll-up at city, county and township level — dashboard.overview (grade
 * distribution, upgrade rates, floors), rectification.list (cases, quota per county) and
 * training.coverage — through the tRPC procedures in process, against the hand-written SQL
 * for the same figures run directly on the driver.
 */
export async function rollup(options: RollupOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget(options.driver, options.name);
  try {
    const client = rawClient(handle);
    const { api } = await callerFor(handle, 'bench_province');
    const byLevel: Record<
      string,
      {
        api: Summary;
        sql: Summary;
        ratio: number;
        families: Record<string, { api: Summary; sql: Summary }>;
      }
    > = {};
    const allApi: number[] = [];
    const allSql: number[] = [];
    for (const level of LEVELS) {
      const codes = await sample(client, level, options.regions);
      const apiMs: Record<Family, number[]> = { overview: [], rectification: [], training: [] };
      const sqlMs: Record<Family, number[]> = { overview: [], rectification: [], training: [] };
      const call = (family: Family, regionCode: string): Promise<unknown> =>
        family === 'overview'
          ? api.dashboard.overview({ regionCode, year: YEAR })
          : family === 'rectification'
            ? api.rectification.list({ regionCode, year: YEAR, pageSize: LIST_PAGE_SIZE })
            : api.training.coverage({ regionCode, year: YEAR });
      // Warm-up: one pass of each (plans, caches), not counted.
      for (const family of FAMILIES) {
        await call(family, defined(codes[0]));
        await runSql(client, handWritten(family, defined(codes[0])));
      }
      for (let r = 0; r < options.repeats; r++) {
        for (const code of codes) {
          for (const family of FAMILIES) {
            apiMs[family].push((await timed(() => call(family, code))).ms);
            sqlMs[family].push((await timed(() => runSql(client, handWritten(family, code)))).ms);
          }
        }
      }
      const a = FAMILIES.flatMap((f) => apiMs[f]);
      const s = FAMILIES.flatMap((f) => sqlMs[f]);
      allApi.push(...a);
      allSql.push(...s);
      const api95 = summarize(a);
      const sql95 = summarize(s);
      byLevel[level] = {
        api: api95,
        sql: sql95,
        ratio: round(api95.p95 / Math.max(0.01, sql95.p95), 2),
        families: Object.fromEntries(
          FAMILIES.map((f) => [f, { api: summarize(apiMs[f]), sql: summarize(sqlMs[f]) }]),
        ),
      };
    }
    const apiAll = summarize(allApi);
    const sqlAll = summarize(allSql);
    const ratio = round(apiAll.p95 / Math.max(0.01, sqlAll.p95), 2);
    const levelFigures = (pick: 'api' | 'sql') =>
      Object.fromEntries(
        Object.entries(byLevel).map(([l, v]) => [l, { p50: v[pick].p50, p95: v[pick].p95 }]),
      );
    const worstFamily = Object.entries(byLevel)
      .flatMap(([l, v]) =>
        Object.entries(v.families).map(([f, x]) => ({ l, f, p95: x.api.p95, sql: x.sql.p95 })),
      )
      .sort((a, b) => b.p95 - a.p95)[0];
    return report(
      {
        name: `rollup-${options.driver}`,
        title: `2. Region roll-up city → county → township on ${options.name} data (${options.driver})`,
        setup: {
          driver: options.driver,
          data: options.name,
          regionsPerLevel: options.regions,
          repeats: options.repeats,
          families: `dashboard.overview, rectification.list (first ${LIST_PAGE_SIZE} cases), training.coverage`,
          calls: allApi.length,
        },
        figures: {
          p50: apiAll.p50,
          p95: apiAll.p95,
          p99: apiAll.p99,
          ratioP95: ratio,
          byLevel: levelFigures('api'),
          byLevelFamily: Object.fromEntries(
            Object.entries(byLevel).map(([l, v]) => [
              l,
              Object.fromEntries(
                Object.entries(v.families).map(([f, x]) => [
                  f,
                  { p50: x.api.p50, p95: x.api.p95, sqlP95: x.sql.p95 },
                ]),
              ),
            ]),
          ),
        },
        baseline: {
          label: 'hand-written SQL for the same figures, raw driver',
          figures: {
            p50: sqlAll.p50,
            p95: sqlAll.p95,
            p99: sqlAll.p99,
            byLevel: levelFigures('sql'),
          },
        },
        targets: [
          { goal: 'p95 ≤ 150 ms', actual: `${apiAll.p95} ms`, met: apiAll.p95 <= 150 },
          { goal: 'p95 ≤ 1.3× the hand-written SQL', actual: `${ratio}×`, met: ratio <= 1.3 },
        ],
        notes: worstFamily
          ? [
              `slowest family: ${worstFamily.f} at ${worstFamily.l} level, p95 ${worstFamily.p95} ms (its SQL: ${worstFamily.sql} ms)`,
            ]
          : [],
        seconds: (performance.now() - started) / 1000,
      },
      options,
    );
  } finally {
    await handle.close();
  }
}
