import { z } from 'zod';
import { fenSchema } from './money';
import type { Fen } from './money';
import { FIELD_CATEGORY_LABELS, GRADES, gradeSchema } from './orgs';
import type { FieldCategory, Grade } from './orgs';
import { citeParameter, payRatioKey, policyBasis } from './policy';
import type { RegionKind, RegionLevel } from './regions';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { idSchema, parseInput } from './validation';

/**
 * Village Party secretaries' pay tied to the grade (001 §7, 常委〔2012〕5号): per township, on
 * top of the performance assessment, in the ratio 好 : 较好 : 一般 : 较差 = 1 : 0.9 : 0.8 : 0.7
 * (the ratios are policy parameters payRatioGood…payRatioPoor).
 */

// ---------------------------------------------------------------------------------------------
// Who the grade-linked pay covers
// ---------------------------------------------------------------------------------------------

/**
 * Where an organisation of a township stands in a pay run:
 * - `paid`: its secretary is paid by grade;
 * - `vacant`: it is in the scheme (a village's own Party organisation) but has no secretary in
 *   office, so nobody is paid for it (listed, not paid);
 * - `not_covered`: it is not part of the scheme at all (another field's organisation located in
 *   the village, a branch under the village's organisation, a community when the policy does not
 *   tie community secretaries' pay to the grade, the township's own organisations).
 */
export const PAY_STATUSES = ['paid', 'vacant', 'not_covered'] as const;
export type PayStatus = (typeof PAY_STATUSES)[number];
export const PAY_STATUS_LABELS: Record<PayStatus, string> = {
  paid: '核发',
  vacant: '不发放',
  not_covered: '不参与',
};

/** What `payEligibility` needs to know of an organisation (all facts of the org record). */
export interface PayCandidate {
  /** Level of the region the organisation sits in. */
  regionLevel: RegionLevel;
  /** Village or community (from the region's official name); null when unknown. */
  regionKind: RegionKind | null;
  category: FieldCategory;
  /**
   * The organisation's parent sits in the same village/community: it is a branch under the
   * village's own organisation (e.g. a 党支部 of a 村党总支), not the village's organisation.
   */
  parentInSameRegion: boolean;
  /** A secretary is in office (the org record names one). */
  hasSecretary: boolean;
}

export type PayUnit = 'village' | 'community';
export type PayEligibility =
  | { status: 'paid'; unit: PayUnit }
  | { status: 'vacant'; unit: PayUnit; reason: string }
  | { status: 'not_covered'; reason: string };

/** The field category of a village's (community's) own Party organisation (002 附件1 注). */
const OWN_CATEGORY: Record<PayUnit, FieldCategory> = {
  village: 'rural',
  community: 'street_community',
};

/**
 * Whether an organisation's secretary is paid by grade (001 §7 「在农村……村党组织书记报酬与定级
 * 情况挂钩，以乡镇为单位……依所定四级依次按1:0.9:0.8:0.7比例确定报酬」).
 *
 * Only the secretary of the village's OWN Party organisation is in the scheme: the organisation
 * of the 村 itself — it sits in a village-level region, its field category is 农村 (a community's:
 * 街道社区), and it is not a branch under another organisation of the same village. Other fields'
 * organisations located in the village (a non-public enterprise's branch, a school's), branches
 * under the village's organisation and the township's own organisations are not part of the run.
 * Community secretaries are in it only when the policy says so (`payCoversCommunities`; 常德:
 * no — 001 §17 ties their pay to the local average social wage instead). An organisation in the
 * scheme without a secretary in office is `vacant`: listed, not paid. Reasons are in Chinese,
 * citing the policy in force.
 */
export function payEligibility(org: PayCandidate, policy: ResolvedPolicy): PayEligibility {
  // The citation is built only for a reason (a region's run classifies tens of thousands).
  const scheme = () => citeParameter(policy, 'payRatioGood');
  if (org.regionLevel !== 'village') {
    return {
      status: 'not_covered',
      reason: `不是村（社区）党组织：报酬与定级挂钩的是村党组织书记（${scheme()}）`,
    };
  }
  const unit: PayUnit =
    org.regionKind === 'village' || org.regionKind === 'community'
      ? org.regionKind
      : org.category === 'street_community'
        ? 'community'
        : 'village';
  const place = unit === 'village' ? '村' : '社区';
  if (org.category !== OWN_CATEGORY[unit]) {
    return {
      status: 'not_covered',
      reason: `驻${place}的${FIELD_CATEGORY_LABELS[org.category]}党组织，不是${place}党组织本身，其书记报酬不与定级挂钩（${scheme()}）`,
    };
  }
  if (org.parentInSameRegion) {
    return {
      status: 'not_covered',
      reason: `${place}党组织下设的党组织，报酬按${place}党组织书记核算，不单独参与（${scheme()}）`,
    };
  }
  if (unit === 'community' && !policy.values.payCoversCommunities) {
    const floor =
      policy.values.communitySecretaryPayFloorMode === 'county_average_vs_social_wage'
        ? `，其报酬对照当地社会平均工资保障（${citeParameter(policy, 'communitySecretaryPayFloorMode')}）`
        : `，其报酬按报酬底线保障（${citeParameter(policy, 'communitySecretaryPayFloorMode')}）`;
    return {
      status: 'not_covered',
      reason: `本地区政策：社区党组织书记报酬不与定级挂钩（${citeParameter(policy, 'payCoversCommunities')}）${floor}`,
    };
  }
  if (!org.hasSecretary) {
    return {
      status: 'vacant',
      unit,
      reason: `书记空缺，无在任书记，本次不发放报酬`,
    };
  }
  return { status: 'paid', unit };
}

/** A ratio as people write it: 1, 0.9, 0.85. */
function ratioText(r: number): string {
  return String(Math.round(r * 1000) / 1000);
}

/**
 * The pay rule in people's words, from the policy in force (so it follows a region's ratios and
 * coverage), e.g. 「以乡镇为单位，按“好、较好、一般、较差”1 : 0.9 : 0.8 : 0.7 的比例确定村党组织
 * 书记报酬（常委〔2012〕5号 第七条）；社区党组织书记报酬不与定级挂钩（常委〔2012〕5号 第七条）」.
 */
export function payRuleText(policy: ResolvedPolicy): string {
  const ratios = GRADES.map((g) => ratioText(policy.values[payRatioKey(g)])).join(' : ');
  const sources = [...new Set(GRADES.map((g) => citeParameter(policy, payRatioKey(g))))].join('、');
  const coverage = citeParameter(policy, 'payCoversCommunities');
  return policy.values.payCoversCommunities
    ? `以乡镇为单位，按“好、较好、一般、较差”${ratios} 的比例确定村（社区）党组织书记报酬（${sources}；社区：${coverage}）`
    : `以乡镇为单位，按“好、较好、一般、较差”${ratios} 的比例确定村党组织书记报酬（${sources}）；社区党组织书记报酬不与定级挂钩（${coverage}）`;
}

export const paySecretarySchema = z.object({ id: idSchema, grade: gradeSchema });
export type PaySecretary = z.infer<typeof paySecretarySchema>;

const secretariesSchema = z
  .array(paySecretarySchema)
  .min(1, '乡镇至少应有一名村党组织书记')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `书记编号「${s.id}」重复` });
      seen.add(s.id);
    });
  });

/**
 * Input of `computeTownshipPay`. base mode: the township sets the base B (fen) for 好 and
 * pay = B × ratio(grade). pool mode: the township has a pool P (fen) shared in proportion to
 * the ratios, so that the amounts add up to P exactly.
 */
export const townshipPayInputSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('base'), baseFen: fenSchema, secretaries: secretariesSchema }),
  z.object({ mode: z.literal('pool'), poolFen: fenSchema, secretaries: secretariesSchema }),
]);
export type TownshipPayInput = z.input<typeof townshipPayInputSchema>;

export interface PayLine {
  secretaryId: string;
  grade: Grade;
  /** The grade's ratio, e.g. 0.9. */
  ratio: number;
  amountFen: Fen;
}

export interface TownshipPayResult {
  mode: 'base' | 'pool';
  /** base mode: B as given; pool mode: B = P / Σ ratio, rounded half-up to the fen (for display). */
  baseFen: Fen;
  totalFen: Fen;
  /** One line per secretary, in input order. */
  lines: PayLine[];
  policyVersion: string;
  /** The policy in force in people's words (show this, not the version). */
  policyLabel: string;
  basis: PolicyBasis[];
}

/** Ratio of a grade in thousandths (1 → 1000, 0.9 → 900): integer weights keep the sums exact. */
function weightOf(policy: ResolvedPolicy, grade: Grade): bigint {
  return BigInt(Math.round(policy.values[payRatioKey(grade)] * 1000));
}

/** a / b rounded half-up, for non-negative bigints. */
function divHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

const RATIO_KEYS = GRADES.map(payRatioKey);

/**
 * Pay of every village secretary of one township (001 §7).
 *
 * - base mode: amount = B × ratio, rounded half-up to the fen.
 * - pool mode: B = P / Σ ratio(grade_i). Each secretary first gets ⌊P × ratio_i / Σ ratio⌋ fen;
 *   the fen left over (fewer than the number of secretaries) go one each to the largest
 *   remainders (Hamilton / largest-remainder method). Ties go to the higher grade, then to the
 *   smaller secretary id, so the result depends only on the set of (id, grade) — never on input
 *   order — and Σ amount = P to the fen. A higher grade never gets less than a lower one.
 *
 * Rejects (DomainError naming the field): an empty township, a negative or fractional amount,
 * an unknown grade, a duplicate secretary id.
 */
export function computeTownshipPay(
  input: TownshipPayInput,
  policy: ResolvedPolicy,
): TownshipPayResult {
  const parsed = parseInput(townshipPayInputSchema, input);
  const secretaries = parsed.secretaries;
  const weights = secretaries.map((s) => weightOf(policy, s.grade));
  const common = {
    policyVersion: policy.version,
    policyLabel: policy.label,
    basis: policyBasis(policy, RATIO_KEYS),
  };
  const line = (s: PaySecretary, amount: bigint): PayLine => ({
    secretaryId: s.id,
    grade: s.grade,
    ratio: policy.values[payRatioKey(s.grade)],
    amountFen: Number(amount),
  });

  if (parsed.mode === 'base') {
    const base = BigInt(parsed.baseFen);
    const lines = secretaries.map((s, i) =>
      line(s, divHalfUp(base * (weights[i] as bigint), 1000n)),
    );
    return {
      mode: 'base',
      baseFen: parsed.baseFen,
      totalFen: lines.reduce((t, l) => t + l.amountFen, 0),
      lines,
      ...common,
    };
  }

  const pool = BigInt(parsed.poolFen);
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  const shares = secretaries.map((s, i) => {
    const exact = pool * (weights[i] as bigint);
    return { index: i, s, floor: exact / totalWeight, remainder: exact % totalWeight };
  });
  let leftover = pool - shares.reduce((t, x) => t + x.floor, 0n);
  const order = [...shares].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      GRADES.indexOf(a.s.grade) - GRADES.indexOf(b.s.grade) ||
      (a.s.id < b.s.id ? -1 : 1),
  );
  const bonus = new Set<number>();
  for (const share of order) {
    if (leftover === 0n) break;
    bonus.add(share.index);
    leftover -= 1n;
  }
  const lines = shares.map((x) => line(x.s, x.floor + (bonus.has(x.index) ? 1n : 0n)));
  return {
    mode: 'pool',
    baseFen: Number(divHalfUp(pool * 1000n, totalWeight)),
    totalFen: parsed.poolFen,
    lines,
    ...common,
  };
}

/** An organisation of a township as the pay run reads it: the facts `payEligibility` needs, its grade. */
export interface PayOrg extends PayCandidate {
  orgId: number;
  /** This year's current grade; null when not graded yet. */
  grade: Grade | null;
}

/** An organisation of the township not paid in the run, with the reason. */
export interface PayOmitted<T> {
  org: T;
  status: 'vacant' | 'not_covered';
  reason: string;
}

/** What a township's run comes to, or why it cannot be made. */
export type TownshipPayPlan<T> =
  | {
      status: 'ready';
      /** The organisations paid, in the order of `lines`. */
      paid: T[];
      result: TownshipPayResult;
      omitted: PayOmitted<T>[];
    }
  /** No secretary in office whose pay is tied to the grade: nothing to pay. */
  | { status: 'nothing_to_pay'; omitted: PayOmitted<T>[] }
  /** Organisations to be paid that have no grade for the year yet: the run must wait. */
  | { status: 'ungraded'; ungraded: T[]; omitted: PayOmitted<T>[] };

/**
 * A township's pay run (001 §7 以乡镇为单位): each organisation classified by `payEligibility`,
 * then `computeTownshipPay` over the paid ones by their grades. The one rule both the township
 * run (`pay.commit`) and the county- or city-wide run (`pay.commitRegion`, 001 §17 统一打卡发放)
 * apply, township by township, so a region's run pays exactly what its townships' runs would.
 * Line i of `result.lines` is `paid[i]` (secretary id = String(orgId)).
 */
export function planTownshipPay<T extends PayOrg>(
  orgs: readonly T[],
  amount: { mode: 'base'; baseFen: Fen } | { mode: 'pool'; poolFen: Fen },
  policy: ResolvedPolicy,
): TownshipPayPlan<T> {
  const paid: T[] = [];
  const omitted: PayOmitted<T>[] = [];
  for (const org of orgs) {
    const e = payEligibility(org, policy);
    if (e.status === 'paid') paid.push(org);
    else omitted.push({ org, status: e.status, reason: e.reason });
  }
  if (paid.length === 0) return { status: 'nothing_to_pay', omitted };
  const ungraded = paid.filter((o) => o.grade === null);
  if (ungraded.length > 0) return { status: 'ungraded', ungraded, omitted };
  const secretaries = paid.map((o) => ({ id: String(o.orgId), grade: o.grade as Grade }));
  const result = computeTownshipPay({ ...amount, secretaries }, policy);
  return { status: 'ready', paid, result, omitted };
}
