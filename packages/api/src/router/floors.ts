import type { Database } from '@dangjian/db';
import { inRegion } from '@dangjian/db';
import { fundRecords, orgs, people, policySets, regions, regionStats } from '@dangjian/db/schema';
import {
  checkCommunitySecretaryPay,
  checkDepartedCadreSubsidies,
  checkHardshipFund,
  checkNonPublicActivityFunds,
  checkOperatingFunds,
  checkVillageSecretaryPay,
  FLOOR_KIND_LABELS,
  isDomainError,
  normalizeRegionCode,
  regionCodeSchema,
  regionLevelOf,
  resolvePolicy,
  yearSchema,
  type FloorCheck,
  type FloorId,
  type FloorKind,
  type PolicyBasis,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy, loadPolicySets } from '../policy';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from './region';

/**
 * The policy of each of `codes` (children of `parentCode`) for a year: the parent's sets are
 * loaded once and resolved per child; only a child with a policy set of its own is loaded on
 * its own (loadPolicy). Two queries plus one per child that has its own set.
 */
export async function policiesFor(
  db: Database,
  parentCode: RegionCode,
  codes: readonly RegionCode[],
  year: number,
): Promise<Map<RegionCode, ResolvedPolicy>> {
  if (codes.length === 0) return new Map();
  const [inherited, own] = await Promise.all([
    loadPolicySets(db, parentCode),
    db
      .selectDistinct({ code: policySets.regionCode })
      .from(policySets)
      .where(inArray(policySets.regionCode, [...codes])),
  ]);
  const withOwn = new Set(own.map((r) => r.code));
  const entries = await Promise.all(
    codes.map(
      async (code) =>
        [
          code,
          withOwn.has(code)
            ? await loadPolicy(db, code, year)
            : resolvePolicy(inherited, code, year),
        ] as const,
    ),
  );
  return new Map(entries);
}

const FLOOR_ORDER: readonly FloorId[] = [
  'village_operating_funds',
  'community_operating_funds',
  'village_secretary_pay',
  'community_secretary_pay',
  'departed_cadre_subsidy',
  'non_public_activity_funds',
];

/** Titles for floors with nothing recorded (a computed floor carries the domain's own label). */
const FLOOR_TITLES: Record<FloorId, string> = {
  village_operating_funds: '村平均运转保障经费',
  community_operating_funds: '社区平均运转保障经费',
  village_secretary_pay: '村党组织书记年平均报酬',
  community_secretary_pay: '社区党组织书记年平均报酬',
  departed_cadre_subsidy: '离任村主干生活补助',
  non_public_activity_funds: '非公企业党员活动经费',
  hardship_care_fund: '市级困难党员关怀帮扶资金',
};

const STAT_LABELS = {
  rural_labour_avg_income: '当地农村劳动力年平均收入',
  farmer_net_income_per_capita: '当地农民人均纯收入',
  average_social_wage: '当地社会平均工资',
  hardship_fund_finance: '市财政安排的关怀帮扶资金',
  hardship_fund_dues: '市管党费安排的关怀帮扶资金',
} as const;
type StatKey = keyof typeof STAT_LABELS;

export type FloorStatus = 'met' | 'unmet' | 'no_data' | 'unavailable';

export interface FloorReference {
  key: StatKey;
  label: string;
  valueFen: number;
  source: string | null;
}

export interface FloorRow {
  /** The unit the floor is counted for: a county (001 §17 以区县为单位) or the city (001 §23). */
  unitCode: string;
  unitName: string;
  floor: FloorId;
  label: string;
  kind: FloorKind | null;
  kindLabel: string | null;
  per: string | null;
  floorFen: number | null;
  actualFen: number | null;
  shortfallFen: number;
  /** null when nothing could be measured (no records, or a missing reference figure). */
  met: boolean | null;
  status: FloorStatus;
  count: number;
  /** Chinese remarks: exclusion violations, missing figures, partial scope. */
  note: string | null;
  /** Departed cadres paid a living subsidy despite a subsidised pension (001 §18). */
  violations: { personId: number | null; name: string | null }[];
  references: FloorReference[];
  policyVersion: string | null;
  basis: PolicyBasis[];
}

export interface FloorUnit {
  code: string;
  name: string;
  unmet: number;
  evaluated: number;
  met: number;
  floors: FloorRow[];
}

export interface FloorReport {
  regionCode: string;
  regionName: string;
  year: number;
  /** True when the caller's region is below a county: only its own part of the county is seen. */
  partial: boolean;
  scopeNote: string | null;
  /** Counties (and the city for its own fund), those falling short first. */
  units: FloorUnit[];
  /** The same rows flattened in that order, for one table. */
  rows: FloorRow[];
  /** Per floor across the units: how many met, and the total shortfall. */
  summary: {
    floor: FloorId;
    label: string;
    evaluated: number;
    met: number;
    unmet: number;
    shortfallFen: number;
  }[];
}

interface FundItem {
  id: number;
  amountFen: number;
  pension: boolean;
  personId: number | null;
  name: string | null;
  memberCount: number | null;
}

function fromCheck(
  unit: { code: string; name: string },
  check: FloorCheck,
  references: FloorReference[],
  note: string | null = null,
): FloorRow {
  return {
    unitCode: unit.code,
    unitName: unit.name,
    floor: check.floor,
    label: check.label,
    kind: check.kind,
    kindLabel: FLOOR_KIND_LABELS[check.kind],
    per: check.per,
    floorFen: check.floorFen,
    actualFen: check.actualFen,
    shortfallFen: check.shortfallFen,
    met: check.met,
    status: check.met ? 'met' : 'unmet',
    count: check.count,
    note,
    violations: [],
    references,
    policyVersion: check.policyVersion,
    basis: check.basis,
  };
}

function emptyRow(
  unit: { code: string; name: string },
  floor: FloorId,
  status: 'no_data' | 'unavailable',
  note: string,
  references: FloorReference[] = [],
): FloorRow {
  return {
    unitCode: unit.code,
    unitName: unit.name,
    floor,
    label: FLOOR_TITLES[floor],
    kind: null,
    kindLabel: null,
    per: null,
    floorFen: null,
    actualFen: null,
    shortfallFen: 0,
    met: null,
    status,
    count: 0,
    note,
    violations: [],
    references,
    policyVersion: null,
    basis: [],
  };
}

/** Runs a domain floor check; a rule that cannot run (a missing figure) becomes an 'unavailable' row. */
function attempt(
  unit: { code: string; name: string },
  floor: FloorId,
  references: FloorReference[],
  run: () => FloorRow,
): FloorRow {
  try {
    return run();
  } catch (e) {
    if (isDomainError(e))
      return emptyRow(unit, floor, 'unavailable', `无法核算：${e.message}`, references);
    throw e;
  }
}

/**
 * Every funding and pay floor (domain-rules §3; 001 §16-18, §22-23) for a region and year,
 * evaluated per county — the unit of 001 §17 (以区县(市)为单位) — plus the city's hardship care
 * fund when the region is a city. Money comes aggregated from SQL (one statement grouped by
 * county, floor family and unit kind); the rules are the domain's.
 */
export async function evaluateFloors(
  db: Database,
  regionCode: RegionCode,
  year: number,
): Promise<FloorReport> {
  const region = await requireRegion(db, regionCode);
  const level = regionLevelOf(regionCode);
  const partial = level === 'township' || level === 'village';
  const countyOfRegion = normalizeRegionCode(regionCode.slice(0, 6));
  const countyPrefix = sql<string>`left(${fundRecords.regionCode}, 6)`;

  const [counties, funds, stats] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(
        partial
          ? eq(regions.code, countyOfRegion)
          : and(eq(regions.level, 'county'), inRegion(regions.code, regionCode)),
      )
      .orderBy(asc(regions.code)),
    db
      .select({
        county: countyPrefix,
        kind: fundRecords.kind,
        unitKind: regions.kind,
        // The person's name and the org's member count by key per record: joined, the planner
        // hashes the whole people and orgs tables of the caller's scope for a city's records.
        items: sql<FundItem[]>`json_agg(json_build_object(
          'id', ${fundRecords.id}, 'amountFen', ${fundRecords.amountFen}, 'pension', ${fundRecords.subsidisedPension},
          'personId', ${fundRecords.personId},
          'name', (select ${people.name} from ${people} where ${people.id} = ${fundRecords.personId}),
          'memberCount', (select ${orgs.memberCount} from ${orgs} where ${orgs.id} = ${fundRecords.orgId})
        ) order by ${fundRecords.id})`,
      })
      .from(fundRecords)
      .innerJoin(regions, eq(regions.code, fundRecords.regionCode))
      .where(
        and(
          eq(fundRecords.year, year),
          inRegion(fundRecords.regionCode, regionCode),
          // The same range on the unit joined by code, so its index narrows it too.
          inRegion(regions.code, regionCode),
        ),
      )
      .groupBy(sql`left(${fundRecords.regionCode}, 6)`, fundRecords.kind, regions.kind),
    db
      .select({
        regionCode: regionStats.regionCode,
        key: regionStats.key,
        valueFen: regionStats.valueFen,
        source: regionStats.source,
      })
      .from(regionStats)
      .where(and(eq(regionStats.year, year), inRegion(regionStats.regionCode, regionCode))),
  ]);

  const policies = await policiesFor(
    db,
    regionCode,
    counties.map((c) => c.code),
    year,
  );
  const itemsOf = (
    county: string,
    kind: (typeof funds)[number]['kind'],
    unitKinds?: readonly string[],
  ) =>
    funds
      .filter(
        (f) =>
          f.county === county &&
          f.kind === kind &&
          (!unitKinds || (f.unitKind !== null && unitKinds.includes(f.unitKind))),
      )
      .flatMap((f) => f.items.map((i) => ({ ...i, unitKind: f.unitKind })))
      .sort((a, b) => a.id - b.id);
  const statOf = (code: string, key: StatKey): FloorReference | null => {
    const s = stats.find((r) => r.regionCode === code && r.key === key);
    return s ? { key, label: STAT_LABELS[key], valueFen: s.valueFen, source: s.source } : null;
  };
  const partialNote = partial ? `仅含${region.name}范围内的记录` : null;

  const units: FloorUnit[] = counties.map((county) => {
    const policy = policies.get(county.code)!;
    const prefix = county.code.slice(0, 6);
    const rows: FloorRow[] = [];

    const funding = itemsOf(prefix, 'operating_funds', ['village', 'community']);
    const fundingUnits = funding.map((f) => ({
      id: String(f.id),
      kind: f.unitKind === 'community' ? ('community' as const) : ('village' as const),
      fundsFen: f.amountFen,
    }));
    const fundingChecks =
      fundingUnits.length > 0 ? checkOperatingFunds({ units: fundingUnits }, policy) : [];
    for (const floor of ['village_operating_funds', 'community_operating_funds'] as const) {
      const check = fundingChecks.find((c) => c.floor === floor);
      rows.push(
        check
          ? fromCheck(county, check, [], partialNote)
          : emptyRow(county, floor, 'no_data', '未录入本年度经费记录'),
      );
    }

    const villagePay = itemsOf(prefix, 'secretary_annual_pay', ['village']);
    const labour = statOf(county.code, 'rural_labour_avg_income');
    const farmer = statOf(county.code, 'farmer_net_income_per_capita');
    const villageRefs = [labour, farmer].filter((r): r is FloorReference => r !== null);
    rows.push(
      villagePay.length === 0
        ? emptyRow(county, 'village_secretary_pay', 'no_data', '未录入本年度村党组织书记报酬')
        : attempt(county, 'village_secretary_pay', villageRefs, () =>
            fromCheck(
              county,
              checkVillageSecretaryPay(
                {
                  secretaries: villagePay.map((s) => ({
                    id: String(s.id),
                    annualPayFen: s.amountFen,
                  })),
                  ...(labour ? { ruralLabourAvgIncomeFen: labour.valueFen } : {}),
                  ...(farmer ? { farmerNetIncomePerCapitaFen: farmer.valueFen } : {}),
                },
                policy,
              ),
              villageRefs,
              partialNote,
            ),
          ),
    );

    const communityPay = itemsOf(prefix, 'secretary_annual_pay', ['community']);
    const wage = statOf(county.code, 'average_social_wage');
    rows.push(
      communityPay.length === 0
        ? emptyRow(county, 'community_secretary_pay', 'no_data', '未录入本年度社区党组织书记报酬')
        : wage === null
          ? emptyRow(
              county,
              'community_secretary_pay',
              'unavailable',
              `无法核算：缺少${county.name}${year}年${STAT_LABELS.average_social_wage}`,
            )
          : fromCheck(
              county,
              checkCommunitySecretaryPay(
                {
                  secretaries: communityPay.map((s) => ({
                    id: String(s.id),
                    annualPayFen: s.amountFen,
                  })),
                  averageSocialWageFen: wage.valueFen,
                },
                policy,
              ),
              [wage],
              partialNote,
            ),
    );

    const cadres = itemsOf(prefix, 'departed_cadre_subsidy');
    if (cadres.length === 0) {
      rows.push(emptyRow(county, 'departed_cadre_subsidy', 'no_data', '未录入离任村主干生活补助'));
    } else {
      const check = checkDepartedCadreSubsidies(
        {
          cadres: cadres.map((c) => ({
            id: String(c.id),
            monthlySubsidyFen: c.amountFen,
            subsidisedPension: c.pension,
          })),
        },
        policy,
      );
      const violations = cadres
        .filter((c) => check.exclusionViolations.includes(String(c.id)))
        .map((c) => ({ personId: c.personId, name: c.name }));
      const notes = [
        violations.length > 0
          ? `${violations.length} 人已享受财政补助养老保险仍领取生活补助（两者不得兼得）：${violations.map((v) => v.name ?? '（无姓名）').join('、')}`
          : null,
        check.excluded.length > 0
          ? `${check.excluded.length} 人已享受财政补助养老保险，不计入补助底线`
          : null,
        partialNote,
      ].filter((n): n is string => n !== null);
      rows.push({ ...fromCheck(county, check, [], notes.join('；') || null), violations });
    }

    const nonPublic = itemsOf(prefix, 'non_public_activity_funds');
    rows.push(
      nonPublic.length === 0
        ? emptyRow(county, 'non_public_activity_funds', 'no_data', '未录入非公企业党员活动经费')
        : fromCheck(
            county,
            checkNonPublicActivityFunds(
              {
                orgs: nonPublic.map((o) => ({
                  id: String(o.id),
                  memberCount: o.memberCount ?? 0,
                  fundsFen: o.amountFen,
                })),
              },
              policy,
            ),
            [],
            partialNote,
          ),
    );
    rows.sort((a, b) => FLOOR_ORDER.indexOf(a.floor) - FLOOR_ORDER.indexOf(b.floor));
    return summarizeUnit(county, rows);
  });

  // The city's hardship care fund (001 §23) is a city figure: checked when the region is a city.
  if (level === 'city') {
    const finance = statOf(regionCode, 'hardship_fund_finance');
    const dues = statOf(regionCode, 'hardship_fund_dues');
    const refs = [finance, dues].filter((r): r is FloorReference => r !== null);
    const city = { code: region.code, name: region.name };
    const row =
      finance === null && dues === null
        ? emptyRow(city, 'hardship_care_fund', 'no_data', '未录入本年度市级困难党员关怀帮扶资金')
        : fromCheck(
            city,
            checkHardshipFund(
              { financeFen: finance?.valueFen ?? 0, duesFen: dues?.valueFen ?? 0 },
              await loadPolicy(db, regionCode, year),
            ),
            refs,
            finance === null || dues === null ? '有一项资金未录入，按 0 计' : null,
          );
    units.push(summarizeUnit(city, [row]));
  }

  units.sort((a, b) => b.unmet - a.unmet || a.code.localeCompare(b.code));
  const rows = units.flatMap((u) => u.floors);
  const summary = [...FLOOR_ORDER, 'hardship_care_fund' as const]
    .map((floor) => {
      const of = rows.filter((r) => r.floor === floor);
      return {
        floor,
        label: FLOOR_TITLES[floor],
        evaluated: of.filter((r) => r.met !== null).length,
        met: of.filter((r) => r.met === true).length,
        unmet: of.filter((r) => r.met === false).length,
        shortfallFen: of.reduce((t, r) => t + r.shortfallFen, 0),
      };
    })
    .filter((s) => rows.some((r) => r.floor === s.floor));
  return {
    regionCode: region.code,
    regionName: region.name,
    year,
    partial,
    scopeNote: partial
      ? `保障底线以区县（市）为单位核算（常委〔2012〕5号 §17）；本辖区为${region.name}，此处仅按本辖区范围内的记录核算，区县参考数据不在本辖区权限内，结果仅供参考。`
      : null,
    units,
    rows,
    summary,
  };
}

function summarizeUnit(unit: { code: string; name: string }, floors: FloorRow[]): FloorUnit {
  return {
    code: unit.code,
    name: unit.name,
    floors,
    evaluated: floors.filter((f) => f.met !== null).length,
    met: floors.filter((f) => f.met === true).length,
    unmet: floors.filter((f) => f.met === false).length,
  };
}

export const floorsInput = z.object({ regionCode: regionCodeSchema, year: yearSchema });

export const floorsRouter = createTRPCRouter({
  /** Every floor of domain-rules §3 per county of the region (and the city fund), short ones first. */
  check: scopedProcedure
    .input(floorsInput)
    .query(({ ctx, input }) => evaluateFloors(ctx.db, input.regionCode, input.year)),
});
