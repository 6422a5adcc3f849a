import { z } from 'zod';
import { DomainError } from '../errors';
import { fenSchema } from '../money';
import type { Fen } from '../money';
import type { PolicyValues } from '../policy';
import { regionCodeSchema, regionLevelOf } from '../regions';
import { idSchema, isoDateSchema, parseInput, yearSchema } from '../validation';

/**
 * The hardship-care fund for members in difficulty (困难党员关怀帮扶资金), 常委〔2012〕5号 第二十三条:
 * the city sets aside 1 million yuan of city finance and 0.5 million yuan of city-managed Party
 * dues a year (hardshipFundFinanceMinFen, hardshipFundDuesMinFen in policy.ts), so that care
 * becomes a standing arrangement rather than ad-hoc relief; counties set up theirs likewise
 * (区县(市)参照建立), with amounts of their own. Whether a city's fund reaches the floors is
 * floors.ts's checkHardshipFund; here is the year's budget and what is paid from it.
 */

export const HARDSHIP_FUND_LEVELS = ['city', 'county'] as const;
export type HardshipFundLevel = (typeof HARDSHIP_FUND_LEVELS)[number];
export const HARDSHIP_FUND_LEVEL_LABELS: Record<HardshipFundLevel, string> = {
  city: '市级困难党员关怀帮扶资金',
  county: '区县（市）困难党员关怀帮扶资金',
};

export const hardshipFundBudgetSchema = z
  .object({
    level: z.enum(HARDSHIP_FUND_LEVELS),
    regionCode: regionCodeSchema,
    year: yearSchema,
    /** From the same level's finance (财政安排). */
    financeFen: fenSchema,
    /** From Party dues managed at that level (党费安排). */
    duesFen: fenSchema,
    /** Balance brought forward from last year. */
    carriedOverFen: fenSchema.default(0),
  })
  .superRefine((f, ctx) => {
    if (regionLevelOf(f.regionCode) !== f.level) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: '区划层级应与资金层级一致' });
    }
  });
export type HardshipFundBudgetInput = z.input<typeof hardshipFundBudgetSchema>;
export type HardshipFundBudget = z.output<typeof hardshipFundBudgetSchema>;

type HardshipFloors = Pick<PolicyValues, 'hardshipFundFinanceMinFen' | 'hardshipFundDuesMinFen'>;

/** The city's yearly fund at the floors of 常委〔2012〕5号 第二十三条 (100 万元 finance + 50 万元 dues). */
export function cityHardshipFund(
  regionCode: string,
  year: number,
  values: HardshipFloors,
): HardshipFundBudget {
  return parseInput(hardshipFundBudgetSchema, {
    level: 'city',
    regionCode,
    year,
    financeFen: values.hardshipFundFinanceMinFen,
    duesFen: values.hardshipFundDuesMinFen,
  });
}

export const hardshipAidSchema = z.object({
  memberId: idSchema,
  amountFen: fenSchema.refine((n) => n > 0, '帮扶金额应大于 0'),
  on: isoDateSchema,
});
export type HardshipAid = z.infer<typeof hardshipAidSchema>;

export interface HardshipLedger {
  budgetFen: Fen;
  spentFen: Fen;
  balanceFen: Fen;
  /** Aided members, each once, in first-aid order. */
  membersAided: string[];
}

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/** One aid checked against the fund and the balance left; returns the new balance. */
function applyAid(
  f: HardshipFundBudget,
  balanceFen: Fen,
  aid: HardshipAid,
  inDifficulty: ReadonlySet<string>,
  prefix: string,
): Fen {
  if (Number(aid.on.slice(0, 4)) !== f.year)
    throw rule(`${prefix}on`, `帮扶日期应在 ${f.year} 年内`);
  if (!inDifficulty.has(aid.memberId)) {
    throw rule(`${prefix}memberId`, '只能帮扶登记为生活困难的党员');
  }
  if (aid.amountFen > balanceFen) {
    throw rule(`${prefix}amountFen`, `帮扶金额超过资金余额（余额 ${balanceFen} 分）`);
  }
  return balanceFen - aid.amountFen;
}

const aidsSchema = z.object({ aids: z.array(hardshipAidSchema) });

/**
 * The year's fund (常委〔2012〕5号 第二十三条): budget (finance + dues + carried over), the aids
 * paid, the balance. Every aid is checked in date order: dated in the fund's year (on), to a member
 * flagged in difficulty in the roster (memberId: 生活困难党员), and not more than the balance left
 * (amountFen: an aid never overdraws the fund). The first bad aid is named as aids[i].
 */
export function hardshipLedger(
  fund: HardshipFundBudgetInput,
  aids: readonly HardshipAid[],
  inDifficulty: ReadonlySet<string>,
): HardshipLedger {
  const f = parseInput(hardshipFundBudgetSchema, fund);
  const list = parseInput(aidsSchema, { aids }).aids;
  const budgetFen = f.financeFen + f.duesFen + f.carriedOverFen;
  const order = list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.on < y.a.on ? -1 : x.a.on > y.a.on ? 1 : x.i - y.i));
  let balanceFen = budgetFen;
  const aided: string[] = [];
  for (const { a, i } of order) {
    balanceFen = applyAid(f, balanceFen, a, inDifficulty, `aids[${i}].`);
    if (!aided.includes(a.memberId)) aided.push(a.memberId);
  }
  return { budgetFen, spentFen: budgetFen - balanceFen, balanceFen, membersAided: aided };
}

/**
 * Whether one more aid may be paid now, under hardshipLedger's rules: the balance after it, or a
 * DomainError naming the field of the new aid (amountFen when it would overdraw the balance left
 * by the earlier aids, memberId when the member is not flagged in difficulty, on outside the year).
 */
export function checkHardshipAid(
  fund: HardshipFundBudgetInput,
  earlier: readonly HardshipAid[],
  aid: HardshipAid,
  inDifficulty: ReadonlySet<string>,
): Fen {
  const balance = hardshipLedger(fund, earlier, inDifficulty).balanceFen;
  const parsed = parseInput(hardshipAidSchema, aid);
  return applyAid(parseInput(hardshipFundBudgetSchema, fund), balance, parsed, inDifficulty, '');
}
