import { z } from 'zod';
import { DomainError } from '../errors';
import { fenSchema } from '../money';
import type { Fen } from '../money';
import { isoDateSchema, parseInput } from '../validation';
import { monthOfDate, monthsFromTo, yearMonthSchema } from './calendar';
import type { YearMonth } from './calendar';
import type { DuesBracket, FenRounding, MemberPolicyValues } from './member-policy';
import type { OccupationCategory } from './roster';

/**
 * Party dues (党费) by 中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》: a salaried
 * member pays a share of the monthly after-tax income by bracket (第二条), a retired member a
 * share of the pension (第五条), a farmer 0.2 to 1 yuan a month, a student, a laid-off member or
 * one living on relief or the minimum living allowance 0.2 yuan a month (第六条). Money is integer
 * fen; a share is rounded to whole fen by duesRounding (half-up by default: the rules do not say).
 */

export const DUES_CATEGORIES = [
  'salaried',
  'retired',
  'farmer',
  'student',
  'unemployed',
  'relief',
  'minimum_allowance',
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  salaried: '按月工资收入交纳（含年薪制、个体经营者）',
  retired: '离退休干部、职工',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '依靠抚恤或救济生活',
  minimum_allowance: '领取当地最低生活保障金',
};

const FLAT: readonly DuesCategory[] = ['student', 'unemployed', 'relief', 'minimum_allowance'];

export const duesBasisSchema = z.discriminatedUnion('category', [
  /** Monthly after-tax income (税后) in fen: wages, annual-salary pay of the month, or last quarter's monthly average for the self-employed. */
  z.object({ category: z.literal('salaried'), incomeFen: fenSchema }),
  /** Monthly pension or retirement pay actually received, in fen. */
  z.object({ category: z.literal('retired'), incomeFen: fenSchema }),
  /** The amount the member pays within the farmers' range. */
  z.object({ category: z.literal('farmer'), amountFen: fenSchema }),
  z.object({ category: z.enum(['student', 'unemployed', 'relief', 'minimum_allowance']) }),
]);
export type DuesBasis = z.infer<typeof duesBasisSchema>;

/** The usual dues category of a roster occupation (the member's own situation may differ). */
export function defaultDuesCategory(occupation: OccupationCategory): DuesCategory {
  if (occupation === 'farmer' || occupation === 'student' || occupation === 'retired')
    return occupation;
  if (occupation === 'unemployed') return 'unemployed';
  return 'salaried';
}

/** `fen × basisPoints / 10000` rounded to whole fen, exactly (BigInt). */
export function shareOfFen(fen: Fen, basisPoints: number, rounding: FenRounding): Fen {
  const num = BigInt(fen) * BigInt(basisPoints);
  const q = num / 10000n;
  const r = num % 10000n;
  if (r === 0n || rounding === 'floor') return Number(q);
  if (rounding === 'ceil') return Number(q + 1n);
  return Number(r * 2n >= 10000n ? q + 1n : q);
}

/** The bracket an income falls in: upper bounds are inclusive (3000 yuan exactly is 0.5 %). */
function bracketOf(brackets: readonly DuesBracket[], incomeFen: Fen): DuesBracket {
  const found = brackets.find((b) => b.upToFen === null || incomeFen <= b.upToFen);
  if (found === undefined) {
    throw new DomainError('POLICY_NOT_FOUND', 'incomeFen', '党费比例表没有覆盖该收入的档次');
  }
  return found;
}

type DuesValues = Pick<
  MemberPolicyValues,
  | 'duesSalariedBrackets'
  | 'duesRetiredBrackets'
  | 'duesFlatMonthlyFen'
  | 'duesFarmerMinFen'
  | 'duesFarmerMaxFen'
  | 'duesRounding'
>;

export interface MonthlyDues {
  dueFen: Fen;
  /** The share applied (basis points of the income), or null for a fixed amount. */
  rateBasisPoints: number | null;
}

/**
 * A member's monthly dues in fen (中组发〔2008〕3号): salaried — the bracket share of the monthly
 * after-tax income, brackets inclusive at their upper bound (3000.00 yuan → 0.5 % = 15.00 yuan;
 * 3000.01 yuan → 1 % = 30.00 yuan), 第二条; retired — the pension brackets, 第五条; farmer — the
 * amount chosen within duesFarmerMinFen..duesFarmerMaxFen (0.2–1 yuan), 第六条; student, laid-off,
 * on relief or on the minimum allowance — duesFlatMonthlyFen (0.2 yuan), 第六条. A share is rounded
 * to whole fen by duesRounding (default half-up).
 */
export function monthlyDues(basis: DuesBasis, values: DuesValues): MonthlyDues {
  const b = parseInput(duesBasisSchema, basis);
  if (b.category === 'salaried' || b.category === 'retired') {
    const table =
      b.category === 'salaried' ? values.duesSalariedBrackets : values.duesRetiredBrackets;
    const bracket = bracketOf(table, b.incomeFen);
    return {
      dueFen: shareOfFen(b.incomeFen, bracket.rateBasisPoints, values.duesRounding),
      rateBasisPoints: bracket.rateBasisPoints,
    };
  }
  if (b.category === 'farmer') {
    if (b.amountFen < values.duesFarmerMinFen || b.amountFen > values.duesFarmerMaxFen) {
      throw new DomainError(
        'RULE_VIOLATION',
        'amountFen',
        `农民党员每月党费应在 ${values.duesFarmerMinFen} 至 ${values.duesFarmerMaxFen} 分之间`,
      );
    }
    return { dueFen: b.amountFen, rateBasisPoints: null };
  }
  return { dueFen: values.duesFlatMonthlyFen, rateBasisPoints: null };
}

/** Whether a category pays a fixed amount rather than a share of income. */
export function isFlatDuesCategory(category: DuesCategory): boolean {
  return FLAT.includes(category) || category === 'farmer';
}

// ---------------------------------------------------------------------------------------------
// Paid and owed, month by month
// ---------------------------------------------------------------------------------------------

export const duesStatementSchema = z.object({
  /** 入党时间: dues are owed from that month on. */
  joinedOn: isoDateSchema,
  /** The member's basis from a month on (a new income applies from its month), in order. */
  bases: z.array(z.object({ fromMonth: yearMonthSchema, basis: duesBasisSchema })).min(1),
  payments: z.array(
    z.object({ month: yearMonthSchema, amountFen: fenSchema, paidOn: isoDateSchema }),
  ),
  from: yearMonthSchema,
  to: yearMonthSchema,
});
export type DuesStatementInput = z.input<typeof duesStatementSchema>;

export interface DuesMonth {
  month: YearMonth;
  dueFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
}

export interface DuesStatement {
  months: DuesMonth[];
  dueFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
  /** Months at the end of the span (up to `to`) in which nothing was paid. */
  trailingUnpaidMonths: number;
  /** trailingUnpaidMonths reached duesLapseMonths (党章 第九条: 连续六个月不交纳党费). */
  lapsed: boolean;
}

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

function checkStatementInput(p: z.output<typeof duesStatementSchema>): YearMonth {
  const joined = monthOfDate(p.joinedOn, 'joinedOn');
  p.bases.forEach((b, i) => {
    const prev = p.bases[i - 1];
    if (prev !== undefined && b.fromMonth <= prev.fromMonth) {
      throw rule(`bases[${i}].fromMonth`, '交纳基数应按起始月份递增排列');
    }
  });
  const first = p.bases[0]?.fromMonth ?? '';
  if (first > (p.from > joined ? p.from : joined)) {
    throw rule('bases[0].fromMonth', '第一条交纳基数应覆盖统计期间的第一个月');
  }
  p.payments.forEach((pay, i) => {
    if (pay.month < joined)
      throw rule(`payments[${i}].month`, `入党（${joined}）以前的月份不交党费`);
  });
  return joined;
}

/**
 * A member's dues month by month from `from` to `to` (中组发〔2008〕3号; dues start the month the
 * branch meeting admitted them): each month's due from the basis in force that month
 * (monthlyDues), what was paid for it (payments name the month they pay for; paying several
 * months at once is several payments), and what is owed (an overpayment — paying more
 * voluntarily — does not offset another month). `lapsed` flags duesLapseMonths (6) months at the
 * end with nothing paid (《中国共产党章程》 第九条). Months before joining are not listed.
 */
export function duesStatement(
  input: DuesStatementInput,
  values: DuesValues & Pick<MemberPolicyValues, 'duesLapseMonths'>,
): DuesStatement {
  const p = parseInput(duesStatementSchema, input);
  const joined = checkStatementInput(p);
  const paid = new Map<YearMonth, Fen>();
  for (const pay of p.payments) paid.set(pay.month, (paid.get(pay.month) ?? 0) + pay.amountFen);
  const months = monthsFromTo(p.from > joined ? p.from : joined, p.to).map((month): DuesMonth => {
    const basis = p.bases.filter((b) => b.fromMonth <= month).at(-1)?.basis as DuesBasis;
    const dueFen = monthlyDues(basis, values).dueFen;
    const paidFen = paid.get(month) ?? 0;
    return { month, dueFen, paidFen, owedFen: Math.max(0, dueFen - paidFen) };
  });
  let trailing = 0;
  for (const m of [...months].reverse()) {
    if (m.paidFen > 0 || m.dueFen === 0) break;
    trailing += 1;
  }
  const sum = (k: 'dueFen' | 'paidFen' | 'owedFen') => months.reduce((s, m) => s + m[k], 0);
  return {
    months,
    dueFen: sum('dueFen'),
    paidFen: sum('paidFen'),
    owedFen: sum('owedFen'),
    trailingUnpaidMonths: trailing,
    lapsed: trailing >= values.duesLapseMonths,
  };
}
