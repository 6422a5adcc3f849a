import { z } from 'zod';
import { fenSchema } from './money';
import type { Fen } from './money';
import { citeParameter, policyBasis } from './policy';
import type { PolicyBasis, PolicyKey, ResolvedPolicy } from './policy';
import { countSchema, idSchema, parseInput } from './validation';

/**
 * Funding and pay floors (保障): 001 §16-18, §22-23 (常委〔2012〕5号);
 * 000 §9; 003 §4.3 (东组通〔2015〕34号).
 *
 * Three kinds of floor, never mixed up:
 * - 'average': the average over a group must reach the floor (some members may be below it);
 *   met iff Σ actual ≥ floor × n, compared exactly; `actualFen` is the average rounded down.
 * - 'each': every item must reach its floor; `actualFen` is the lowest item.
 * - 'total': fixed yearly amounts (each component must reach its own amount).
 * `shortfallFen` is always the money still needed to meet the floor (average: floor × n − Σ;
 * each/total: Σ of every item's gap; overpayment of one item never offsets another's gap).
 */
export const FLOOR_KINDS = ['average', 'each', 'total'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];
export const FLOOR_KIND_LABELS: Record<FloorKind, string> = {
  average: '平均不低于',
  each: '每个不低于',
  total: '总额不低于',
};

export type FloorId =
  | 'village_operating_funds'
  | 'community_operating_funds'
  | 'village_secretary_pay'
  | 'community_secretary_pay'
  | 'departed_cadre_subsidy'
  | 'non_public_activity_funds'
  | 'hardship_care_fund';

export interface FloorItemCheck {
  id: string;
  floorFen: Fen;
  actualFen: Fen;
  shortfallFen: Fen;
  met: boolean;
}

export interface FloorCheck {
  floor: FloorId;
  label: string;
  kind: FloorKind;
  /** What the floor is counted per, e.g. "每村每年". */
  per: string;
  /** The stated floor: per item ('each'), the average ('average'), the total ('total'). */
  floorFen: Fen;
  /** average: Σ/n rounded down; each: the lowest item (null when there is none); total: Σ. */
  actualFen: Fen | null;
  shortfallFen: Fen;
  met: boolean;
  /** Items counted (units, secretaries, cadres, orgs). */
  count: number;
  /** Per-item checks for 'each' and 'total'; empty for 'average'. */
  items: FloorItemCheck[];
  policyVersion: string;
  basis: PolicyBasis[];
}

interface Meta {
  floor: FloorId;
  label: string;
  per: string;
  keys: PolicyKey[];
}

function withPolicy(policy: ResolvedPolicy, meta: Meta) {
  return {
    floor: meta.floor,
    label: meta.label,
    per: meta.per,
    policyVersion: policy.version,
    basis: policyBasis(policy, meta.keys),
  };
}

function averageCheck(
  policy: ResolvedPolicy,
  meta: Meta,
  floorFen: Fen,
  values: readonly Fen[],
): FloorCheck {
  const n = BigInt(values.length);
  const sum = values.reduce((t, v) => t + BigInt(v), 0n);
  const needed = BigInt(floorFen) * n;
  return {
    ...withPolicy(policy, meta),
    kind: 'average',
    floorFen,
    actualFen: Number(sum / n),
    shortfallFen: Number(sum >= needed ? 0n : needed - sum),
    met: sum >= needed,
    count: values.length,
    items: [],
  };
}

function item(id: string, floorFen: Fen, actualFen: Fen): FloorItemCheck {
  const shortfallFen = Math.max(0, floorFen - actualFen);
  return { id, floorFen, actualFen, shortfallFen, met: shortfallFen === 0 };
}

function eachCheck(
  policy: ResolvedPolicy,
  meta: Meta,
  floorFen: Fen,
  items: FloorItemCheck[],
  lowest?: Fen | null,
): FloorCheck {
  const actuals = items.map((i) => i.actualFen);
  return {
    ...withPolicy(policy, meta),
    kind: 'each',
    floorFen,
    actualFen: lowest !== undefined ? lowest : actuals.length === 0 ? null : Math.min(...actuals),
    shortfallFen: items.reduce((t, i) => t + i.shortfallFen, 0),
    met: items.every((i) => i.met),
    count: items.length,
    items,
  };
}

/** multiple × reference, rounded up to the fen (a floor is never rounded in the payer's favour). */
function scaleUp(reference: Fen, multiple: number): Fen {
  const thousandths = BigInt(Math.round(multiple * 1000));
  return Number((BigInt(reference) * thousandths + 999n) / 1000n);
}

// ---------------------------------------------------------------------------------------------

export const operatingFundsInputSchema = z.object({
  units: z
    .array(z.object({ id: idSchema, kind: z.enum(['village', 'community']), fundsFen: fenSchema }))
    .min(1, '至少应有一个村或社区'),
});
export type OperatingFundsInput = z.input<typeof operatingFundsInputSchema>;

/**
 * Village and community operating funds (运转保障经费), 001 §16: the average per village per
 * year ≥ 60,000 yuan, per community ≥ 80,000 yuan (parameters villageOperatingFundsAvgMinFen,
 * communityOperatingFundsAvgMinFen); both are 'average' floors over the region's units. Returns
 * one check per kind present among the units (village first). 000 §9 adds: paid on time and in
 * full — the caller passes the amounts actually paid.
 */
export function checkOperatingFunds(
  input: OperatingFundsInput,
  policy: ResolvedPolicy,
): FloorCheck[] {
  const { units } = parseInput(operatingFundsInputSchema, input);
  const checks: FloorCheck[] = [];
  const villages = units.filter((u) => u.kind === 'village').map((u) => u.fundsFen);
  const communities = units.filter((u) => u.kind === 'community').map((u) => u.fundsFen);
  if (villages.length > 0) {
    checks.push(
      averageCheck(
        policy,
        {
          floor: 'village_operating_funds',
          label: '村平均运转保障经费',
          per: '每村每年（平均）',
          keys: ['villageOperatingFundsAvgMinFen'],
        },
        policy.values.villageOperatingFundsAvgMinFen,
        villages,
      ),
    );
  }
  if (communities.length > 0) {
    checks.push(
      averageCheck(
        policy,
        {
          floor: 'community_operating_funds',
          label: '社区平均运转保障经费',
          per: '每社区每年（平均）',
          keys: ['communityOperatingFundsAvgMinFen'],
        },
        policy.values.communityOperatingFundsAvgMinFen,
        communities,
      ),
    );
  }
  return checks;
}

/**
 * Posts of 村（社区）两委 cadres whose basic pay 003 §4.3 guarantees (村（社区）基层干部基本报酬):
 * the Party organisation's secretary (alone or also heading the villagers'/residents' committee),
 * its deputy, the committee's director and deputy, and the other members of the two committees.
 */
export const CADRE_POSTS = [
  'secretary',
  'secretary_director',
  'deputy_secretary',
  'director',
  'deputy_director',
  'committee_member',
] as const;
export type CadrePost = (typeof CADRE_POSTS)[number];
export const CADRE_POST_LABELS: Record<CadrePost, string> = {
  secretary: '党组织书记',
  secretary_director: '党组织书记兼村（居）委会主任',
  deputy_secretary: '党组织副书记',
  director: '村（居）委会主任',
  deputy_director: '村（居）委会副主任',
  committee_member: '两委委员',
};
export const cadrePostSchema = z.enum(CADRE_POSTS);

/** The cadres of one group (村 or 社区) of a county whose basic pay is held to the floor one by one. */
const basicPayCadresSchema = z
  .array(z.object({ id: idSchema, basicPayFen: fenSchema }))
  .min(1, '至少应有一名村（社区）干部');

/**
 * 'each_basic_vs_farmer_net_income' (003 §4.3): each cadre's basic pay ≥ multiple × local
 * farmers' per-capita net income, the floor rounded up to the fen; every cadre below it is an
 * item with its own shortfall (one cadre's surplus never covers another's gap).
 */
function eachBasicPayCheck(
  policy: ResolvedPolicy,
  group: 'village' | 'community',
  input: unknown,
): FloorCheck {
  const { cadres, farmerNetIncomePerCapitaFen } = parseInput(
    z.object({ farmerNetIncomePerCapitaFen: fenSchema, cadres: basicPayCadresSchema }),
    input,
  );
  const village = group === 'village';
  const multiple = village
    ? policy.values.villageSecretaryPayFloorMultiple
    : policy.values.communitySecretaryPayFloorMultiple;
  const floorFen = scaleUp(farmerNetIncomePerCapitaFen, multiple);
  return eachCheck(
    policy,
    {
      floor: village ? 'village_secretary_pay' : 'community_secretary_pay',
      label: village ? '村干部基本报酬' : '社区干部基本报酬',
      per: '每人每年',
      keys: village
        ? ['villageSecretaryPayFloorMode', 'villageSecretaryPayFloorMultiple']
        : ['communitySecretaryPayFloorMode', 'communitySecretaryPayFloorMultiple'],
    },
    floorFen,
    cadres.map((c) => item(c.id, floorFen, c.basicPayFen)),
  );
}

export const villageSecretaryPayInputSchema = z.object({
  /** The secretaries of one county (001 §17 is counted per county): 'average' mode. */
  secretaries: z
    .array(z.object({ id: idSchema, annualPayFen: fenSchema, basicPayFen: fenSchema.optional() }))
    .optional(),
  /**
   * The village cadres of one county with their basic pay ('each' mode, 003 §4.3). When absent,
   * the secretaries' basicPayFen are used.
   */
  cadres: z.array(z.object({ id: idSchema, basicPayFen: fenSchema })).optional(),
  /** 当地农村劳动力年平均收入 (001 §17), needed in 'county_average_vs_rural_labour_income' mode. */
  ruralLabourAvgIncomeFen: fenSchema.optional(),
  /** 当地农民人均纯收入 (003 §4.3), needed in 'each_basic_vs_farmer_net_income' mode. */
  farmerNetIncomePerCapitaFen: fenSchema.optional(),
});
export type VillageSecretaryPayInput = z.input<typeof villageSecretaryPayInputSchema>;

/**
 * Village secretary pay floor, in the mode the policy sets (villageSecretaryPayFloorMode):
 * - 'county_average_vs_rural_labour_income' (Changde, 001 §17): per county, the secretaries'
 *   average annual pay ≥ multiple × local rural labourers' average annual income ('average');
 * - 'each_basic_vs_farmer_net_income' (Dongguan, 003 §4.3): each village cadre's basic pay
 *   (书记 and the other 两委 cadres) ≥ multiple (2) × local farmers' per-capita net income ('each').
 * The floor is multiple × reference, rounded up to the fen. The reference figure the mode needs
 * is required (DomainError naming it), as is each cadre's basic pay in 'each' mode.
 */
export function checkVillageSecretaryPay(
  input: VillageSecretaryPayInput,
  policy: ResolvedPolicy,
): FloorCheck {
  const parsed = parseInput(villageSecretaryPayInputSchema, input);
  if (policy.values.villageSecretaryPayFloorMode === 'county_average_vs_rural_labour_income') {
    const checked = parseInput(
      z.object({
        ruralLabourAvgIncomeFen: fenSchema,
        secretaries: z
          .array(z.object({ id: idSchema, annualPayFen: fenSchema }))
          .min(1, '至少应有一名村党组织书记'),
      }),
      parsed,
    );
    return averageCheck(
      policy,
      {
        floor: 'village_secretary_pay',
        label: '村党组织书记年平均报酬',
        per: '每人每年（县内平均）',
        keys: ['villageSecretaryPayFloorMode', 'villageSecretaryPayFloorMultiple'],
      },
      scaleUp(checked.ruralLabourAvgIncomeFen, policy.values.villageSecretaryPayFloorMultiple),
      checked.secretaries.map((s) => s.annualPayFen),
    );
  }
  if (parsed.cadres === undefined) {
    // Secretaries given with their basic pay: each must carry it (named by its own path).
    const { secretaries } = parseInput(
      z.object({ secretaries: z.array(z.object({ id: idSchema, basicPayFen: fenSchema })) }),
      { secretaries: parsed.secretaries ?? [] },
    );
    return eachBasicPayCheck(policy, 'village', { ...parsed, cadres: secretaries });
  }
  return eachBasicPayCheck(policy, 'village', parsed);
}

/** "2 倍" or nothing for 1 (the reference itself). */
function times(multiple: number): string {
  return multiple === 1 ? '' : `的 ${multiple} 倍`;
}

/**
 * The village and community pay floors a policy sets, in people's words with the numbers read
 * from it and each cited where its mode is set (for the console's explanation of what is checked).
 */
export function secretaryPayFloorRules(policy: ResolvedPolicy): string[] {
  const v = policy.values;
  const village =
    v.villageSecretaryPayFloorMode === 'each_basic_vs_farmer_net_income'
      ? `村干部基本报酬每人不低于当地农民人均纯收入${times(v.villageSecretaryPayFloorMultiple)}`
      : `村党组织书记年平均报酬以区县为单位不低于当地农村劳动力年平均收入${times(v.villageSecretaryPayFloorMultiple)}`;
  const community =
    v.communitySecretaryPayFloorMode === 'each_basic_vs_farmer_net_income'
      ? `社区干部基本报酬每人不低于当地农民人均纯收入${times(v.communitySecretaryPayFloorMultiple)}`
      : `社区党组织书记年平均报酬以区县为单位不低于当地社会平均工资${times(v.communitySecretaryPayFloorMultiple)}`;
  return [
    `${village}（${citeParameter(policy, 'villageSecretaryPayFloorMode')}）`,
    `${community}（${citeParameter(policy, 'communitySecretaryPayFloorMode')}）`,
  ];
}

export const communitySecretaryPayInputSchema = z.object({
  /** The community secretaries of one county (counted per county, 001 §17): 'average' mode. */
  secretaries: z.array(z.object({ id: idSchema, annualPayFen: fenSchema })).optional(),
  /** 当地社会平均工资 (yearly), needed in 'county_average_vs_social_wage' mode. */
  averageSocialWageFen: fenSchema.optional(),
  /** The community cadres of one county with their basic pay ('each' mode, 003 §4.3). */
  cadres: z.array(z.object({ id: idSchema, basicPayFen: fenSchema })).optional(),
  /** 当地农民人均纯收入 (003 §4.3), needed in 'each_basic_vs_farmer_net_income' mode. */
  farmerNetIncomePerCapitaFen: fenSchema.optional(),
});
export type CommunitySecretaryPayInput = z.input<typeof communitySecretaryPayInputSchema>;

/**
 * Community pay floor, in the mode the policy sets (communitySecretaryPayFloorMode):
 * - 'county_average_vs_social_wage' (Changde, 001 §17): per county, the community secretaries'
 *   average annual pay ≥ multiple (1) × local average social wage ('average');
 * - 'each_basic_vs_farmer_net_income' (Dongguan, 003 §4.3, which covers 村（社区）基层干部):
 *   each community cadre's basic pay ≥ multiple (2) × local farmers' per-capita net income
 *   ('each'), exactly as for village cadres.
 * The floor is multiple × reference, rounded up to the fen; the figures the mode needs are
 * required (DomainError naming the field).
 */
export function checkCommunitySecretaryPay(
  input: CommunitySecretaryPayInput,
  policy: ResolvedPolicy,
): FloorCheck {
  const parsed = parseInput(communitySecretaryPayInputSchema, input);
  if (policy.values.communitySecretaryPayFloorMode === 'each_basic_vs_farmer_net_income') {
    return eachBasicPayCheck(policy, 'community', parsed);
  }
  const checked = parseInput(
    z.object({
      averageSocialWageFen: fenSchema,
      secretaries: z
        .array(z.object({ id: idSchema, annualPayFen: fenSchema }))
        .min(1, '至少应有一名社区党组织书记'),
    }),
    parsed,
  );
  return averageCheck(
    policy,
    {
      floor: 'community_secretary_pay',
      label: '社区党组织书记年平均报酬',
      per: '每人每年（县内平均）',
      keys: ['communitySecretaryPayFloorMode', 'communitySecretaryPayFloorMultiple'],
    },
    scaleUp(checked.averageSocialWageFen, policy.values.communitySecretaryPayFloorMultiple),
    checked.secretaries.map((s) => s.annualPayFen),
  );
}

export const departedCadreSubsidyInputSchema = z.object({
  cadres: z.array(
    z.object({
      id: idSchema,
      /** Living subsidy actually paid per month. */
      monthlySubsidyFen: fenSchema,
      /** Enrolled in basic pension insurance with a fiscal subsidy (001 §18). */
      subsidisedPension: z.boolean(),
    }),
  ),
});
export type DepartedCadreSubsidyInput = z.input<typeof departedCadreSubsidyInputSchema>;

export interface DepartedCadreSubsidyCheck extends FloorCheck {
  /** Cadres with a subsidised pension who are still paid a living subsidy (001 §18 forbids it). */
  exclusionViolations: string[];
  /** Cadres excluded from the floor because of their subsidised pension. */
  excluded: string[];
}

/**
 * Departed village head cadres (离任村主干): living subsidy ≥ 100 yuan per month each
 * (001 §17, departedCadreSubsidyMinMonthlyFen) — an 'each' floor; but those with a fiscally
 * subsidised pension get no living subsidy (001 §18, departedCadrePensionExcludesSubsidy): they
 * are excluded from the floor, and paying them a subsidy is reported as a violation. The two are
 * mutually exclusive. met = every eligible cadre at or above the floor and no violation.
 */
export function checkDepartedCadreSubsidies(
  input: DepartedCadreSubsidyInput,
  policy: ResolvedPolicy,
): DepartedCadreSubsidyCheck {
  const { cadres } = parseInput(departedCadreSubsidyInputSchema, input);
  const exclusive = policy.values.departedCadrePensionExcludesSubsidy;
  const floorFen = policy.values.departedCadreSubsidyMinMonthlyFen;
  const excludedCadres = exclusive ? cadres.filter((c) => c.subsidisedPension) : [];
  const eligible = cadres.filter((c) => !excludedCadres.includes(c));
  const check = eachCheck(
    policy,
    {
      floor: 'departed_cadre_subsidy',
      label: '离任村主干生活补助',
      per: '每人每月',
      keys: ['departedCadreSubsidyMinMonthlyFen', 'departedCadrePensionExcludesSubsidy'],
    },
    floorFen,
    eligible.map((c) => item(c.id, floorFen, c.monthlySubsidyFen)),
  );
  const exclusionViolations = excludedCadres
    .filter((c) => c.monthlySubsidyFen > 0)
    .map((c) => c.id);
  return {
    ...check,
    met: check.met && exclusionViolations.length === 0,
    exclusionViolations,
    excluded: excludedCadres.map((c) => c.id),
  };
}

export const nonPublicActivityFundsInputSchema = z.object({
  orgs: z
    .array(z.object({ id: idSchema, memberCount: countSchema, fundsFen: fenSchema }))
    .min(1, '至少应有一个非公企业党组织'),
});
export type NonPublicActivityFundsInput = z.input<typeof nonPublicActivityFundsInputSchema>;

/**
 * Non-public enterprise members' activity funds (001 §22): same-level finance grants at least
 * 100 yuan per member per year (nonPublicActivityFundMinPerMemberFen). An 'each' floor per
 * member, checked per org: org floor = members × rate. `actualFen` is the lowest per-member
 * amount (rounded down) among orgs with members. (Dues returned in full — 全返 — are
 * checkNonPublicDuesReturns.)
 */
export function checkNonPublicActivityFunds(
  input: NonPublicActivityFundsInput,
  policy: ResolvedPolicy,
): FloorCheck {
  const { orgs } = parseInput(nonPublicActivityFundsInputSchema, input);
  const rate = policy.values.nonPublicActivityFundMinPerMemberFen;
  const withMembers = orgs.filter((o) => o.memberCount > 0);
  const lowest =
    withMembers.length === 0
      ? null
      : Math.min(...withMembers.map((o) => Math.floor(o.fundsFen / o.memberCount)));
  return eachCheck(
    policy,
    {
      floor: 'non_public_activity_funds',
      label: '非公企业党员活动经费',
      per: '每名党员每年',
      keys: ['nonPublicActivityFundMinPerMemberFen'],
    },
    rate,
    orgs.map((o) => item(o.id, o.memberCount * rate, o.fundsFen)),
    lowest,
  );
}

export const nonPublicDuesInputSchema = z.object({
  /** Each non-public enterprise or social organisation Party org and year. */
  orgs: z.array(
    z.object({
      id: idSchema,
      /** Dues its members paid up to the county-or-above organisation department. */
      paidFen: fenSchema,
      /** Dues returned to it so far. */
      returnedFen: fenSchema,
    }),
  ),
});
export type NonPublicDuesInput = z.input<typeof nonPublicDuesInputSchema>;

export interface DuesReturnLine {
  id: string;
  paidFen: Fen;
  returnedFen: Fen;
  /** What must come back: paid × pct / 100, rounded up to the fen. */
  dueFen: Fen;
  /** dueFen − returnedFen, never negative. */
  owedFen: Fen;
  met: boolean;
}

export interface DuesReturnCheck {
  /** The share to be returned (100 = 全返). */
  returnPct: number;
  /** The rule in words, with the number read from the policy. */
  rule: string;
  /** 常委〔2012〕5号 第二十二条 (or whatever sets the region's parameter). */
  citation: string;
  lines: DuesReturnLine[];
  paidFen: Fen;
  returnedFen: Fen;
  owedFen: Fen;
  /** Organisations still owed something. */
  owing: number;
  met: boolean;
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Dues of non-public enterprise and social organisation members (001 §22): paid first to the
 * organisation department at county level or above, then returned in full (全返). Per org and
 * year, returned ≥ paid × nonPublicDuesReturnPct / 100, compared exactly (in hundredths of a
 * percent); what is still owed is the difference rounded up to the fen. Returning more than due
 * to one org never offsets another's debt.
 */
export function checkNonPublicDuesReturns(
  input: NonPublicDuesInput,
  policy: ResolvedPolicy,
): DuesReturnCheck {
  const { orgs } = parseInput(nonPublicDuesInputSchema, input);
  const pct = policy.values.nonPublicDuesReturnPct;
  const hundredths = BigInt(Math.round(pct * 100));
  const lines = orgs.map((o): DuesReturnLine => {
    const dueFen = Number((BigInt(o.paidFen) * hundredths + 9_999n) / 10_000n);
    const owedFen = Math.max(0, dueFen - o.returnedFen);
    return {
      id: o.id,
      paidFen: o.paidFen,
      returnedFen: o.returnedFen,
      dueFen,
      owedFen,
      met: owedFen === 0,
    };
  });
  const sum = (f: (l: DuesReturnLine) => number) => lines.reduce((t, l) => t + f(l), 0);
  return {
    returnPct: pct,
    rule:
      pct === 100
        ? '党员所交党费先缴至县以上组织部门后全额返还'
        : `党员所交党费先缴至县以上组织部门后返还 ${pct}%`,
    citation: citeParameter(policy, 'nonPublicDuesReturnPct'),
    lines,
    paidFen: sum((l) => l.paidFen),
    returnedFen: sum((l) => l.returnedFen),
    owedFen: sum((l) => l.owedFen),
    owing: lines.filter((l) => !l.met).length,
    met: lines.every((l) => l.met),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['nonPublicDuesReturnPct']),
  };
}

export const hardshipFundInputSchema = z.object({ financeFen: fenSchema, duesFen: fenSchema });
export type HardshipFundInput = z.input<typeof hardshipFundInputSchema>;

/**
 * City hardship care fund for members in difficulty (001 §23): each year 1,000,000 yuan from
 * city finance plus 500,000 yuan from city-managed dues. A 'total' floor with two components
 * ('finance', 'dues'); each must reach its own amount.
 */
export function checkHardshipFund(input: HardshipFundInput, policy: ResolvedPolicy): FloorCheck {
  const parsed = parseInput(hardshipFundInputSchema, input);
  const items = [
    item('finance', policy.values.hardshipFundFinanceMinFen, parsed.financeFen),
    item('dues', policy.values.hardshipFundDuesMinFen, parsed.duesFen),
  ];
  return {
    floor: 'hardship_care_fund',
    label: '市级困难党员关怀帮扶资金',
    per: '每年',
    kind: 'total',
    floorFen: policy.values.hardshipFundFinanceMinFen + policy.values.hardshipFundDuesMinFen,
    actualFen: parsed.financeFen + parsed.duesFen,
    shortfallFen: items.reduce((t, i) => t + i.shortfallFen, 0),
    met: items.every((i) => i.met),
    count: items.length,
    items,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['hardshipFundFinanceMinFen', 'hardshipFundDuesMinFen']),
  };
}
