import { isCountyUnit } from '../scope';
import type { Grade } from '@dangjian/domain';
import { and, asc, between, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { fundRecords, orgGrades, orgs, people, regions, regionStats } from '../schema/index';
import { createRandom, hashString, type Random } from './random';
import { defined } from '../defined';

/**
 * Demo data of the yearly cycle for the orgs just seeded (deterministic, set-based inserts):
 * - grades for LAST_YEAR and THIS_YEAR for every org (about 35 / 35 / 20 / 10 % 好 / 较好 / 一般 /
 *   较差 last year, then a year of movement whose pace differs per county, so the upgrade report
 *   (001 §9) has both counties that meet the targets and counties that miss them);
 * - region reference figures for every county and both years (rural labourers' average income,
 *   farmers' per-capita net income, average social wage) and the city's hardship care fund;
 * - THIS_YEAR money actually provided: operating funds per village/community org, annual pay of
 *   village and community secretaries, a few departed village head cadres (two of them with a
 *   subsidised pension AND a living subsidy: an exclusion violation, 001 §18), non-public orgs'
 *   member activity funds. A few counties fall short on average, so the floors page has work.
 * Every figure is fictional demo data.
 */
export const THIS_YEAR = 2026;
export const LAST_YEAR = THIS_YEAR - 1;

const CHUNK = 1000;
const DEMO_SOURCE = '演示数据（虚构）';

/** 万元 → fen, rounded to whole hundred yuan. */
function wanToFen(wan: number): number {
  return Math.round(wan * 100) * 10_000;
}

/** A value near `mean` (± spread, triangular), rounded to whole hundred yuan. */
function around(rnd: Random, meanFen: number, spread: number): number {
  const f = 1 + spread * (rnd.next() + rnd.next() - 1);
  return Math.max(0, Math.round((meanFen * f) / 10_000) * 10_000);
}

function initialGrade(rnd: Random): Grade {
  const x = rnd.next();
  return x < 0.35 ? 'good' : x < 0.7 ? 'fair' : x < 0.9 ? 'average' : 'poor';
}

const BETTER: Record<Grade, Grade> = {
  good: 'good',
  fair: 'good',
  average: 'fair',
  poor: 'average',
};
const WORSE: Record<Grade, Grade> = {
  good: 'fair',
  fair: 'average',
  average: 'poor',
  poor: 'poor',
};

/**
 * This year's grade from last year's, with the county's pace `pace` (≈ 0.8 … 1.15): a good
 * county converts nearly all 较差 orgs, a slow one misses the 90 % target.
 */
function nextGrade(rnd: Random, last: Grade, pace: number): Grade {
  const x = rnd.next();
  const up = { poor: 0.86, average: 0.24, fair: 0.12, good: 0 }[last] * pace;
  const down = { poor: 0, average: 0.05, fair: 0.04, good: 0.03 }[last] / pace;
  if (x < up) return rnd.chance(last === 'poor' ? 0.15 : 0) ? BETTER[BETTER[last]] : BETTER[last];
  if (x < up + down) return WORSE[last];
  return last;
}

interface CycleOptions {
  /** The code range just seeded (prefix range). */
  from: string;
  to: string;
  /** Seeds the PRNG (the same city always gets the same figures). */
  prefix: string;
}

export interface CycleResult {
  grades: number;
  regionStats: number;
  fundRecords: number;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export async function seedCycle(tx: Database, options: CycleOptions): Promise<CycleResult> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:cycle`));
  const [orgRows, counties] = await Promise.all([
    tx
      .select({
        id: orgs.id,
        regionCode: orgs.regionCode,
        category: orgs.category,
        memberCount: orgs.memberCount,
        secretaryId: orgs.secretaryId,
        level: regions.level,
        kind: regions.kind,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(between(orgs.regionCode, options.from, options.to))
      .orderBy(asc(orgs.id)),
    tx
      .select({ code: regions.code, parentCode: regions.parentCode })
      .from(regions)
      .where(and(isCountyUnit(regions), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
  ]);
  if (orgRows.length === 0 || counties.length === 0)
    return { grades: 0, regionStats: 0, fundRecords: 0 };

  // Per-county character: upgrade pace, and whether funds / pay run short there.
  const county = new Map(
    counties.map((c, i) => [
      c.code.slice(0, 6),
      {
        pace: 0.8 + rnd.next() * 0.35,
        ruralIncome: wanToFen(2.5 + rnd.next()),
        farmerNet: wanToFen(1.8 + rnd.next() * 0.6),
        socialWage: wanToFen(5 + rnd.next()),
        // a few counties (by position) fall short on average: village funds, community funds,
        // village secretary pay, community secretary pay; the others are comfortably above
        villageFundsMean: i % 5 === 1 ? wanToFen(5.6) : wanToFen(6.8),
        communityFundsMean: i % 5 === 3 ? wanToFen(7.6) : wanToFen(9),
        villagePayFactor: i % 4 === 0 ? 0.92 : 1.12,
        communityPayFactor: i % 7 === 5 ? 0.95 : 1.08,
      },
    ]),
  );
  const countyOf = (code: string) => county.get(code.slice(0, 6));

  // --- grades ---------------------------------------------------------------------------------
  const gradeRows: (typeof orgGrades.$inferInsert)[] = [];
  for (const o of orgRows) {
    const c = countyOf(o.regionCode);
    const last = initialGrade(rnd);
    const current = nextGrade(rnd, last, c?.pace ?? 1);
    gradeRows.push(
      {
        orgId: o.id,
        regionCode: o.regionCode,
        year: LAST_YEAR,
        grade: last,
        gradedAt: new Date(`${LAST_YEAR}-12-20T02:00:00Z`),
      },
      {
        orgId: o.id,
        regionCode: o.regionCode,
        year: THIS_YEAR,
        grade: current,
        gradedAt: new Date(`${THIS_YEAR}-11-20T02:00:00Z`),
      },
    );
  }
  for (const part of chunks(gradeRows)) await tx.insert(orgGrades).values(part);

  // --- reference figures ------------------------------------------------------------------------
  const statRows: (typeof regionStats.$inferInsert)[] = [];
  for (const c of counties) {
    const figures = defined(county.get(c.code.slice(0, 6)));
    for (const [year, growth] of [
      [LAST_YEAR, 1],
      [THIS_YEAR, 1.05],
    ] as const) {
      const source = `${year} 年统计公报（${DEMO_SOURCE}）`;
      statRows.push(
        {
          regionCode: c.code,
          year,
          key: 'rural_labour_avg_income',
          valueFen: Math.round((figures.ruralIncome * growth) / 100) * 100,
          source,
        },
        {
          regionCode: c.code,
          year,
          key: 'farmer_net_income_per_capita',
          valueFen: Math.round((figures.farmerNet * growth) / 100) * 100,
          source,
        },
        {
          regionCode: c.code,
          year,
          key: 'average_social_wage',
          valueFen: Math.round((figures.socialWage * growth) / 100) * 100,
          source,
        },
      );
    }
  }
  const city = defined(counties[0]).parentCode;
  if (city) {
    // 001 §23: 100 万元 city finance + 50 万元 city-managed dues a year; this year the dues fall short.
    statRows.push(
      {
        regionCode: city,
        year: LAST_YEAR,
        key: 'hardship_fund_finance',
        valueFen: 100_000_000,
        source: `${LAST_YEAR} 年市财政预算（${DEMO_SOURCE}）`,
      },
      {
        regionCode: city,
        year: LAST_YEAR,
        key: 'hardship_fund_dues',
        valueFen: 50_000_000,
        source: `${LAST_YEAR} 年市管党费安排（${DEMO_SOURCE}）`,
      },
      {
        regionCode: city,
        year: THIS_YEAR,
        key: 'hardship_fund_finance',
        valueFen: 100_000_000,
        source: `${THIS_YEAR} 年市财政预算（${DEMO_SOURCE}）`,
      },
      {
        regionCode: city,
        year: THIS_YEAR,
        key: 'hardship_fund_dues',
        valueFen: 45_000_000,
        source: `${THIS_YEAR} 年市管党费安排（${DEMO_SOURCE}）`,
      },
    );
  }
  await tx.insert(regionStats).values(statRows);

  // --- departed village head cadres (new people) ----------------------------------------------
  const villageOrgs = orgRows.filter((o) => o.level === 'village');
  const departed: { regionCode: string; monthlyFen: number; pension: boolean }[] = [];
  for (const c of counties) {
    const inCounty = villageOrgs.filter(
      (o) => o.regionCode.startsWith(c.code.slice(0, 6)) && o.kind === 'village',
    );
    for (let i = 0; i < Math.min(3, inCounty.length); i++) {
      const o = defined(inCounty[rnd.int(0, inCounty.length - 1)]);
      const pension = rnd.chance(0.3);
      // mostly 120-200 yuan a month; now and then below the 100 yuan floor; pension holders get none
      const monthlyFen = pension ? 0 : rnd.chance(0.06) ? 8_000 : rnd.int(12, 20) * 1_000;
      departed.push({ regionCode: o.regionCode, monthlyFen, pension });
    }
  }
  // Two exclusion violations (001 §18): a subsidised pension and still a living subsidy.
  for (const d of departed.filter((x) => x.pension).slice(0, 2)) d.monthlyFen = 15_000;
  const SURNAMES = [...'王李张刘陈杨黄赵吴周'];
  const GIVEN = [...'德福贵生富寿永长'];
  const departedIds = departed.length
    ? await tx
        .insert(people)
        .values(
          departed.map((d, i) => ({
            name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}${GIVEN[(i * 5 + 1) % GIVEN.length]}`,
            gender: 'male' as const,
            birthDate: `${1948 + (i % 12)}-0${1 + (i % 9)}-15`,
            education: 'junior_high' as const,
            phone: `100${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
            regionCode: d.regionCode,
          })),
        )
        .returning({ id: people.id })
    : [];

  // --- money provided this year -----------------------------------------------------------------
  const fundRows: (typeof fundRecords.$inferInsert)[] = [];
  for (const o of villageOrgs) {
    const c = countyOf(o.regionCode);
    if (!c) continue;
    const community = o.kind === 'community';
    fundRows.push({
      year: THIS_YEAR,
      kind: 'operating_funds',
      regionCode: o.regionCode,
      orgId: o.id,
      amountFen: around(rnd, community ? c.communityFundsMean : c.villageFundsMean, 0.25),
      note: '村（社区）运转保障经费',
    });
    if (o.secretaryId !== null) {
      const reference = community ? c.socialWage * 1.05 : c.ruralIncome * 1.05;
      fundRows.push({
        year: THIS_YEAR,
        kind: 'secretary_annual_pay',
        regionCode: o.regionCode,
        orgId: o.id,
        personId: o.secretaryId,
        amountFen: around(
          rnd,
          reference * (community ? c.communityPayFactor : c.villagePayFactor),
          0.2,
        ),
        note: community ? '社区党组织书记年报酬' : '村党组织书记年报酬',
      });
    }
  }
  departed.forEach((d, i) =>
    fundRows.push({
      year: THIS_YEAR,
      kind: 'departed_cadre_subsidy',
      regionCode: d.regionCode,
      personId: defined(departedIds[i]).id,
      amountFen: d.monthlyFen,
      subsidisedPension: d.pension,
      note: d.pension ? '离任村主干（已享受财政补助养老保险）' : '离任村主干生活补助（月）',
    }),
  );
  for (const o of orgRows.filter((x) => x.category === 'non_public')) {
    const perMember = rnd.chance(0.05) ? rnd.int(60, 95) * 100 : rnd.int(100, 160) * 100;
    fundRows.push({
      year: THIS_YEAR,
      kind: 'non_public_activity_funds',
      regionCode: o.regionCode,
      orgId: o.id,
      amountFen: perMember * o.memberCount,
      note: '非公企业党员活动经费（同级财政补助）',
    });
  }
  for (const part of chunks(fundRows)) await tx.insert(fundRecords).values(part);

  return { grades: gradeRows.length, regionStats: statRows.length, fundRecords: fundRows.length };
}
