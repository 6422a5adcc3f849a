import { z } from 'zod';
import { fenSchema } from './money';
import type { Fen } from './money';
import { GRADES, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { payRatioKey, policyBasis } from './policy';
import type { PolicyBasis, ResolvedPolicy } from './policy';
import { idSchema, parseInput } from './validation';

/**
 * Village Party secretaries' pay tied to the grade (001 §7, 常委〔2012〕5号): per township, on
 * top of the performance assessment, in the ratio 好 : 较好 : 一般 : 较差 = 1 : 0.9 : 0.8 : 0.7
 * (the ratios are policy parameters payRatioGood…payRatioPoor).
 */

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
  const common = { policyVersion: policy.version, basis: policyBasis(policy, RATIO_KEYS) };
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
