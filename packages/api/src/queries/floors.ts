import type { Database } from '@dangjian/db';
import { defined, inRegion, isCountyUnit } from '@dangjian/db';
import {
  cadreBasicPay,
  fundRecords,
  orgs,
  people,
  regions,
  regionStats,
} from '@dangjian/db/schema';
import {
  CADRE_POST_LABELS,
  checkCommunitySecretaryPay,
  checkDepartedCadreSubsidies,
  checkHardshipFund,
  checkNonPublicActivityFunds,
  checkOperatingFunds,
  checkVillageSecretaryPay,
  citation,
  FLOOR_KIND_LABELS,
  formatYuan,
  isDomainError,
  normalizeRegionCode,
  regionLevelOf,
  type CadrePost,
  type FloorCheck,
  type FloorId,
  type FloorKind,
  type PolicyBasis,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import { loadPolicy } from '../policy';
import { requireRegion } from '../queries/region';
import { policiesFor } from '../queries/policies';

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

/** Whether a unit's policy holds each village (or community) cadre's basic pay to a floor (003 §4.3). */
export function eachBasicMode(policy: ResolvedPolicy, group: 'village' | 'community'): boolean {
  return group === 'village'
    ? policy.values.villageSecretaryPayFloorMode === 'each_basic_vs_farmer_net_income'
    : policy.values.communitySecretaryPayFloorMode === 'each_basic_vs_farmer_net_income';
}

/** The title of a floor in the mode a unit's policy sets. */
function floorTitle(floor: FloorId, policy: ResolvedPolicy | null): string {
  if (policy && floor === 'village_secretary_pay' && eachBasicMode(policy, 'village'))
    return '村干部基本报酬';
  if (policy && floor === 'community_secretary_pay' && eachBasicMode(policy, 'community'))
    return '社区干部基本报酬';
  return FLOOR_TITLES[floor];
}

export const STAT_LABELS = {
  rural_labour_avg_income: '当地农村劳动力年平均收入',
  farmer_net_income_per_capita: '当地农民人均纯收入',
  average_social_wage: '当地社会平均工资',
  hardship_fund_finance: '市财政安排的关怀帮扶资金',
  hardship_fund_dues: '市管党费安排的关怀帮扶资金',
} as const;
type StatKey = keyof typeof STAT_LABELS;
export const FLOOR_STAT_KEYS = Object.keys(STAT_LABELS) as [StatKey, ...StatKey[]];

export type FloorStatus = 'met' | 'unmet' | 'no_data' | 'unavailable';

export interface FloorReference {
  key: StatKey;
  label: string;
  valueFen: number;
  source: string | null;
}

/** A cadre whose basic pay is below the floor (003 §4.3), with the money still needed. */
export interface BelowFloorCadre {
  recordId: number;
  personId: number;
  name: string | null;
  post: CadrePost;
  postLabel: string;
  /** The village or community. */
  unitName: string;
  basicPayFen: number;
  floorFen: number;
  shortfallFen: number;
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
  /** Why a row is not met when no money is missing (e.g. a subsidy paid despite a pension). */
  reason: string | null;
  /** Chinese remarks: exclusion violations, missing figures, partial scope. */
  note: string | null;
  /** Departed cadres paid a living subsidy despite a subsidised pension (001 §18). */
  violations: { personId: number | null; name: string | null }[];
  /** Cadres below an 'each' basic pay floor (003 §4.3), the largest gap first. */
  below: BelowFloorCadre[];
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
  /** The policy in force for the unit, in people's words. */
  policyLabel: string;
  floors: FloorRow[];
}

export interface FloorReport {
  regionCode: string;
  regionName: string;
  year: number;
  /** The policy in force for the region, in people's words. */
  policyLabel: string;
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

interface CadreItem {
  id: number;
  basicPayFen: number;
  personId: number;
  name: string | null;
  post: CadrePost;
  unitName: string;
}

type Unit = { code: string; name: string };

function fromCheck(
  unit: Unit,
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
    reason: null,
    note,
    violations: [],
    below: [],
    references,
    policyVersion: check.policyVersion,
    basis: check.basis,
  };
}

function emptyRow(
  unit: Unit,
  floor: FloorId,
  status: 'no_data' | 'unavailable',
  note: string,
  references: FloorReference[] = [],
  policy: ResolvedPolicy | null = null,
): FloorRow {
  return {
    unitCode: unit.code,
    unitName: unit.name,
    floor,
    label: floorTitle(floor, policy),
    kind: null,
    kindLabel: null,
    per: null,
    floorFen: null,
    actualFen: null,
    shortfallFen: 0,
    met: null,
    status,
    count: 0,
    reason: null,
    note,
    violations: [],
    below: [],
    references,
    policyVersion: null,
    basis: [],
  };
}

/** Runs a domain floor check; a rule that cannot run (a missing figure) becomes an 'unavailable' row. */
function attempt(
  unit: Unit,
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
 * 003 §4.3: each village (or community) cadre's basic pay against multiple × the farmers'
 * per-capita net income, by the group's rule (items keyed by the record id as a string).
 */
export function checkBasicPay(
  group: 'village' | 'community',
  cadres: readonly { id: number; basicPayFen: number }[],
  farmerNetIncomePerCapitaFen: number,
  policy: ResolvedPolicy,
): FloorCheck {
  const input = {
    cadres: cadres.map((c) => ({ id: String(c.id), basicPayFen: c.basicPayFen })),
    farmerNetIncomePerCapitaFen,
  };
  return group === 'village'
    ? checkVillageSecretaryPay(input, policy)
    : checkCommunitySecretaryPay(input, policy);
}

/**
 * 003 §4.3 for one county-level unit and group (村 or 社区): each recorded cadre's basic pay
 * against multiple × the unit's farmers' per-capita net income; every cadre below it listed.
 */
function basicPayRow(
  unit: Unit,
  group: 'village' | 'community',
  cadres: readonly CadreItem[],
  farmer: FloorReference | null,
  policy: ResolvedPolicy,
  year: number,
  partialNote: string | null,
): FloorRow {
  const floor = group === 'village' ? 'village_secretary_pay' : 'community_secretary_pay';
  const title = floorTitle(floor, policy);
  if (cadres.length === 0) {
    return emptyRow(unit, floor, 'no_data', `未录入本年度${title}`, farmer ? [farmer] : [], policy);
  }
  if (farmer === null) {
    return emptyRow(
      unit,
      floor,
      'unavailable',
      `无法核算：缺少${unit.name}${year}年${STAT_LABELS.farmer_net_income_per_capita}`,
      [],
      policy,
    );
  }
  const check = checkBasicPay(group, cadres, farmer.valueFen, policy);
  const byId = new Map(cadres.map((c) => [String(c.id), c]));
  const below = check.items
    .filter((i) => !i.met)
    .map((i): BelowFloorCadre => {
      const c = defined(byId.get(i.id));
      return {
        recordId: c.id,
        personId: c.personId,
        name: c.name,
        post: c.post,
        postLabel: CADRE_POST_LABELS[c.post],
        unitName: c.unitName,
        basicPayFen: c.basicPayFen,
        floorFen: i.floorFen,
        shortfallFen: i.shortfallFen,
      };
    })
    .sort((a, b) => b.shortfallFen - a.shortfallFen || a.recordId - b.recordId);
  const note =
    [
      below.length > 0
        ? `${below.length} 人低于底线：${below
            .slice(0, 5)
            .map(
              (b) =>
                `${b.name ?? '（无姓名）'}（${b.unitName}，差 ${formatYuan(b.shortfallFen)} 元）`,
            )
            .join('、')}${below.length > 5 ? ` 等（展开查看全部）` : ''}`
        : null,
      partialNote,
    ]
      .filter((n): n is string => n !== null)
      .join('；') || null;
  return { ...fromCheck(unit, check, [farmer], note), below };
}

type FundKind = (typeof fundRecords.$inferSelect)['kind'];
type UnitKind = (typeof regions.$inferSelect)['kind'];

/**
 * The county-level units the floors are counted for (001 §17 以区县为单位): those of the region,
 * or only the county holding it when the region is below a county.
 */
function floorCounties(db: Database, regionCode: RegionCode, partial: boolean) {
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(
      partial
        ? eq(regions.code, normalizeRegionCode(regionCode.slice(0, 6)))
        : and(isCountyUnit(regions), inRegion(regions.code, regionCode)),
    )
    .orderBy(asc(regions.code));
}

/**
 * A year's fund records of a region, one row per county, floor family and unit kind; each
 * record's person named only when `names` (the details name people, the counts never do).
 */
function fundsByCounty(db: Database, regionCode: RegionCode, year: number, names: boolean) {
  return db
    .select({
      county: sql<string>`left(${fundRecords.regionCode}, 6)`,
      kind: fundRecords.kind,
      unitKind: regions.kind,
      // The person's name and the org's member count by key per record: joined, the planner
      // hashes the whole people and orgs tables of the caller's scope for a city's records.
      items: sql<FundItem[]>`json_agg(json_build_object(
          'id', ${fundRecords.id}, 'amountFen', ${fundRecords.amountFen}, 'pension', ${fundRecords.subsidisedPension},
          'personId', ${fundRecords.personId},
          'name', ${names ? sql`(select ${people.name} from ${people} where ${people.id} = ${fundRecords.personId})` : sql`null`},
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
    .groupBy(sql`left(${fundRecords.regionCode}, 6)`, fundRecords.kind, regions.kind);
}

/**
 * A year's cadre basic pay records of a region (003 §4.3), one row per county and unit kind;
 * each cadre named only when `names`.
 */
function cadrePayByCounty(db: Database, regionCode: RegionCode, year: number, names: boolean) {
  return db
    .select({
      county: sql<string>`left(${cadreBasicPay.regionCode}, 6)`,
      unitKind: regions.kind,
      items: sql<CadreItem[]>`json_agg(json_build_object(
          'id', ${cadreBasicPay.id}, 'basicPayFen', ${cadreBasicPay.basicPayFen},
          'personId', ${cadreBasicPay.personId}, 'post', ${cadreBasicPay.post}, 'unitName', ${regions.name},
          'name', ${names ? sql`(select ${people.name} from ${people} where ${people.id} = ${cadreBasicPay.personId})` : sql`null`}
        ) order by ${cadreBasicPay.id})`,
    })
    .from(cadreBasicPay)
    .innerJoin(regions, eq(regions.code, cadreBasicPay.regionCode))
    .where(
      and(
        eq(cadreBasicPay.year, year),
        inRegion(cadreBasicPay.regionCode, regionCode),
        inRegion(regions.code, regionCode),
      ),
    )
    .groupBy(sql`left(${cadreBasicPay.regionCode}, 6)`, regions.kind);
}

/** The reference figures recorded for a year within a region. */
function floorStats(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({
      regionCode: regionStats.regionCode,
      key: regionStats.key,
      valueFen: regionStats.valueFen,
      source: regionStats.source,
    })
    .from(regionStats)
    .where(and(eq(regionStats.year, year), inRegion(regionStats.regionCode, regionCode)));
}

/** Everything recorded for a region and year that the floors are measured on. */
interface FloorData {
  funds: Awaited<ReturnType<typeof fundsByCounty>>;
  cadres: Awaited<ReturnType<typeof cadrePayByCounty>>;
  stats: Awaited<ReturnType<typeof floorStats>>;
}

/** A county's fund records of one floor family (of units of the given kinds only), in id order. */
function itemsOf(
  data: FloorData,
  county: string,
  kind: FundKind,
  unitKinds?: readonly string[],
): (FundItem & { unitKind: UnitKind })[] {
  return data.funds
    .filter(
      (f) =>
        f.county === county &&
        f.kind === kind &&
        (!unitKinds || (f.unitKind !== null && unitKinds.includes(f.unitKind))),
    )
    .flatMap((f) => f.items.map((i) => ({ ...i, unitKind: f.unitKind })))
    .sort((a, b) => a.id - b.id);
}

/** A county's village (or community) cadres' basic pay records, in id order. */
function cadresOf(data: FloorData, county: string, group: 'village' | 'community'): CadreItem[] {
  return data.cadres
    .filter((r) => r.county === county && (group === 'community') === (r.unitKind === 'community'))
    .flatMap((r) => r.items)
    .sort((a, b) => a.id - b.id);
}

/** A region's reference figure, or null when none is recorded. */
function statOf(data: FloorData, code: string, key: StatKey): FloorReference | null {
  const s = data.stats.find((r) => r.regionCode === code && r.key === key);
  return s ? { key, label: STAT_LABELS[key], valueFen: s.valueFen, source: s.source } : null;
}

/** One county-level unit being evaluated: the unit, its policy and the region's records. */
interface UnitScope {
  unit: Unit;
  /** The first six digits of the unit's code, as records are grouped by. */
  prefix: string;
  policy: ResolvedPolicy;
  year: number;
  data: FloorData;
  /** The remark on every row when only part of the county is seen. */
  partialNote: string | null;
}

/** Village and community operating funds (001 §16): one row per group, in that order. */
function operatingFundRows(s: UnitScope): FloorRow[] {
  const funding = itemsOf(s.data, s.prefix, 'operating_funds', ['village', 'community']);
  const fundingUnits = funding.map((f) => ({
    id: String(f.id),
    kind: f.unitKind === 'community' ? ('community' as const) : ('village' as const),
    fundsFen: f.amountFen,
  }));
  const checks =
    fundingUnits.length > 0 ? checkOperatingFunds({ units: fundingUnits }, s.policy) : [];
  return (['village_operating_funds', 'community_operating_funds'] as const).map((floor) => {
    const check = checks.find((c) => c.floor === floor);
    return check
      ? fromCheck(s.unit, check, [], s.partialNote)
      : emptyRow(s.unit, floor, 'no_data', '未录入本年度经费记录');
  });
}

/** Village secretary pay: the county average (001 §17) or each cadre's basic pay (003 §4.3). */
function villagePayRow(s: UnitScope, farmer: FloorReference | null): FloorRow {
  const { unit, policy } = s;
  if (eachBasicMode(policy, 'village')) {
    const cadres = cadresOf(s.data, s.prefix, 'village');
    return basicPayRow(unit, 'village', cadres, farmer, policy, s.year, s.partialNote);
  }
  const pay = itemsOf(s.data, s.prefix, 'secretary_annual_pay', ['village']);
  const labour = statOf(s.data, unit.code, 'rural_labour_avg_income');
  const refs = labour ? [labour] : [];
  if (pay.length === 0)
    return emptyRow(unit, 'village_secretary_pay', 'no_data', '未录入本年度村党组织书记报酬');
  return attempt(unit, 'village_secretary_pay', refs, () =>
    fromCheck(
      unit,
      checkVillageSecretaryPay(
        {
          secretaries: pay.map((p) => ({ id: String(p.id), annualPayFen: p.amountFen })),
          ...(labour ? { ruralLabourAvgIncomeFen: labour.valueFen } : {}),
        },
        policy,
      ),
      refs,
      s.partialNote,
    ),
  );
}

/** Community secretary pay: the county average (001 §17) or each cadre's basic pay (003 §4.3). */
function communityPayRow(s: UnitScope, farmer: FloorReference | null): FloorRow {
  const { unit, policy } = s;
  if (eachBasicMode(policy, 'community')) {
    const cadres = cadresOf(s.data, s.prefix, 'community');
    return basicPayRow(unit, 'community', cadres, farmer, policy, s.year, s.partialNote);
  }
  const pay = itemsOf(s.data, s.prefix, 'secretary_annual_pay', ['community']);
  const wage = statOf(s.data, unit.code, 'average_social_wage');
  if (pay.length === 0)
    return emptyRow(unit, 'community_secretary_pay', 'no_data', '未录入本年度社区党组织书记报酬');
  if (wage === null)
    return emptyRow(
      unit,
      'community_secretary_pay',
      'unavailable',
      `无法核算：缺少${unit.name}${s.year}年${STAT_LABELS.average_social_wage}`,
    );
  return fromCheck(
    unit,
    checkCommunitySecretaryPay(
      {
        secretaries: pay.map((p) => ({ id: String(p.id), annualPayFen: p.amountFen })),
        averageSocialWageFen: wage.valueFen,
      },
      policy,
    ),
    [wage],
    s.partialNote,
  );
}

/**
 * Departed village cadres' living subsidy (001 §17-18): the floor, and those paid it despite a
 * subsidised pension named as violations.
 */
function departedCadreRow(s: UnitScope): FloorRow {
  const cadres = itemsOf(s.data, s.prefix, 'departed_cadre_subsidy');
  if (cadres.length === 0)
    return emptyRow(s.unit, 'departed_cadre_subsidy', 'no_data', '未录入离任村主干生活补助');
  const check = checkDepartedCadreSubsidies(
    {
      cadres: cadres.map((c) => ({
        id: String(c.id),
        monthlySubsidyFen: c.amountFen,
        subsidisedPension: c.pension,
      })),
    },
    s.policy,
  );
  const violations = cadres
    .filter((c) => check.exclusionViolations.includes(String(c.id)))
    .map((c) => ({ personId: c.personId, name: c.name }));
  const violationText =
    violations.length > 0
      ? `${violations.length} 人已享受财政补助养老保险仍领取生活补助（两者不得兼得）：${violations.map((v) => v.name ?? '（无姓名）').join('、')}`
      : null;
  const notes = [
    violationText,
    check.excluded.length > 0
      ? `${check.excluded.length} 人已享受财政补助养老保险，不计入补助底线`
      : null,
    s.partialNote,
  ].filter((n): n is string => n !== null);
  return {
    ...fromCheck(s.unit, check, [], notes.join('；') || null),
    violations,
    reason: !check.met && check.shortfallFen === 0 ? violationText : null,
  };
}

/** Non-public enterprise members' activity funds (001 §22). */
function nonPublicFundsRow(s: UnitScope): FloorRow {
  const nonPublic = itemsOf(s.data, s.prefix, 'non_public_activity_funds');
  if (nonPublic.length === 0)
    return emptyRow(s.unit, 'non_public_activity_funds', 'no_data', '未录入非公企业党员活动经费');
  return fromCheck(
    s.unit,
    checkNonPublicActivityFunds(
      {
        orgs: nonPublic.map((o) => ({
          id: String(o.id),
          memberCount: o.memberCount ?? 0,
          fundsFen: o.amountFen,
        })),
      },
      s.policy,
    ),
    [],
    s.partialNote,
  );
}

/** Every floor of one county-level unit under its own policy, in FLOOR_ORDER. */
function evaluateUnit(s: UnitScope): FloorUnit {
  const farmer = statOf(s.data, s.unit.code, 'farmer_net_income_per_capita');
  const rows = [
    ...operatingFundRows(s),
    villagePayRow(s, farmer),
    communityPayRow(s, farmer),
    departedCadreRow(s),
    nonPublicFundsRow(s),
  ];
  rows.sort((a, b) => FLOOR_ORDER.indexOf(a.floor) - FLOOR_ORDER.indexOf(b.floor));
  return summarizeUnit(s.unit, rows, s.policy.label);
}

/**
 * The city's hardship care fund (001 §23), a city figure: added to the city's own unit when the
 * city has no counties and is its own county-level unit, else as a unit of its own.
 */
function addHardshipFund(
  units: FloorUnit[],
  city: Unit,
  data: FloorData,
  regionPolicy: ResolvedPolicy,
): void {
  const finance = statOf(data, city.code, 'hardship_fund_finance');
  const dues = statOf(data, city.code, 'hardship_fund_dues');
  const refs = [finance, dues].filter((r): r is FloorReference => r !== null);
  const row =
    finance === null && dues === null
      ? emptyRow(city, 'hardship_care_fund', 'no_data', '未录入本年度市级困难党员关怀帮扶资金')
      : fromCheck(
          city,
          checkHardshipFund(
            { financeFen: finance?.valueFen ?? 0, duesFen: dues?.valueFen ?? 0 },
            regionPolicy,
          ),
          refs,
          finance === null || dues === null ? '有一项资金未录入，按 0 计' : null,
        );
  const own = units.findIndex((u) => u.code === city.code);
  if (own >= 0)
    units[own] = summarizeUnit(
      city,
      [...defined(units[own]).floors, row],
      defined(units[own]).policyLabel,
    );
  else units.push(summarizeUnit(city, [row], regionPolicy.label));
}

/** Per floor across the units: how many were evaluated and met, and the total shortfall. */
function floorSummary(rows: readonly FloorRow[]): FloorReport['summary'] {
  return [...FLOOR_ORDER, 'hardship_care_fund' as const]
    .map((floor) => {
      const of = rows.filter((r) => r.floor === floor);
      const labels = [...new Set(of.filter((r) => r.kind !== null).map((r) => r.label))];
      return {
        floor,
        label: labels.length > 0 ? labels.join('／') : (of[0]?.label ?? FLOOR_TITLES[floor]),
        evaluated: of.filter((r) => r.met !== null).length,
        met: of.filter((r) => r.met === true).length,
        unmet: of.filter((r) => r.met === false).length,
        shortfallFen: of.reduce((t, r) => t + r.shortfallFen, 0),
      };
    })
    .filter((s) => rows.some((r) => r.floor === s.floor));
}

/**
 * Every funding and pay floor (001 §16-18, §22-23; 003 §4.3) for a region and
 * year, evaluated per county-level unit — the unit of 001 §17 (以区县(市)为单位): a county, or a
 * city without counties (东莞) — plus the city's hardship care fund when the region is a city.
 * Money comes aggregated from SQL (one statement grouped by county, floor family and unit kind);
 * the rules are the domain's. Secretary pay follows each unit's policy: the county average
 * (001 §17) or each cadre's recorded basic pay against 2 × farmers' income (003 §4.3).
 */
export async function evaluateFloors(
  db: Database,
  regionCode: RegionCode,
  year: number,
  /** names: false when only the counts are wanted: the rows' details then name nobody. */
  { names = true }: { names?: boolean } = {},
): Promise<FloorReport> {
  const region = await requireRegion(db, regionCode);
  const level = regionLevelOf(regionCode);
  const partial = level === 'township' || level === 'village';
  const [counties, funds, cadres, stats, regionPolicy] = await Promise.all([
    floorCounties(db, regionCode, partial),
    fundsByCounty(db, regionCode, year, names),
    cadrePayByCounty(db, regionCode, year, names),
    floorStats(db, regionCode, year),
    loadPolicy(db, regionCode, year),
  ]);
  const policies = await policiesFor(
    db,
    regionCode,
    counties.map((c) => c.code),
    year,
  );
  const data: FloorData = { funds, cadres, stats };
  const partialNote = partial ? `仅含${region.name}范围内的记录` : null;

  const units = counties.map((county) =>
    evaluateUnit({
      unit: county,
      prefix: county.code.slice(0, 6),
      policy: defined(policies.get(county.code)),
      year,
      data,
      partialNote,
    }),
  );
  if (level === 'city')
    addHardshipFund(units, { code: region.code, name: region.name }, data, regionPolicy);

  units.sort((a, b) => b.unmet - a.unmet || a.code.localeCompare(b.code));
  const rows = units.flatMap((u) => u.floors);
  return {
    regionCode: region.code,
    regionName: region.name,
    year,
    policyLabel: regionPolicy.label,
    partial,
    scopeNote: partial
      ? `保障底线以区县（市）为单位核算（${citation('001', '§17')}）；本辖区为${region.name}，此处仅按本辖区范围内的记录核算，区县参考数据不在本辖区权限内，结果仅供参考。`
      : null,
    units,
    rows,
    summary: floorSummary(rows),
  };
}

function summarizeUnit(unit: Unit, floors: FloorRow[], policyLabel: string): FloorUnit {
  return {
    code: unit.code,
    name: unit.name,
    policyLabel,
    floors,
    evaluated: floors.filter((f) => f.met !== null).length,
    met: floors.filter((f) => f.met === true).length,
    unmet: floors.filter((f) => f.met === false).length,
  };
}
