import { z } from 'zod';
import { repeatedIndexes } from '../collections';
import { DomainError } from '../errors';
import { isWithinRegion, regionCodeSchema } from '../regions';
import { idSchema, isoDateSchema, parseInput, yearSchema } from '../validation';
import type { MemberPolicyValues } from './member-policy';

/**
 * Points-based member management (党员管理积分制, 岳阳市委组织部2015年基层党建通知 第五部分, one of
 * the five systems of the “135” model) and star ratings (积分管理、星级管理, 第六部分). A county
 * issues a scheme of items; a township may issue its own inside the county's; branches and
 * townships award items to members; a member's yearly total gives a star rating and a rank.
 */

export const POINTS_AWARDERS = ['branch', 'township'] as const;
export type PointsAwarder = (typeof POINTS_AWARDERS)[number];
export const POINTS_AWARDER_LABELS: Record<PointsAwarder, string> = {
  branch: '党支部',
  township: '乡镇（街道）党（工）委',
};

export const POINTS_SCHEME_LEVELS = ['county', 'township'] as const;
export type PointsSchemeLevel = (typeof POINTS_SCHEME_LEVELS)[number];
export const POINTS_SCHEME_LEVEL_LABELS: Record<PointsSchemeLevel, string> = {
  county: '县（市、区）积分办法',
  township: '乡镇（街道）积分细则',
};

const pointsItemSchema = z.object({
  code: z.string().trim().min(1),
  label: z.string().trim().min(1),
  /** Points per award: positive adds (加分), negative deducts (扣分); never 0. */
  points: z
    .number()
    .int()
    .refine((n) => n !== 0, '分值不能为 0'),
  /** Most points (in absolute value) one member may get from the item in a year; null: no cap. */
  yearCap: z.number().int().positive().nullable(),
  /** Who may award it. */
  awarders: z.array(z.enum(POINTS_AWARDERS)).min(1),
});

export const pointsSchemeSchema = z
  .object({
    level: z.enum(POINTS_SCHEME_LEVELS),
    regionCode: regionCodeSchema,
    year: yearSchema,
    /** Points every member starts the year with (基础分). */
    basePoints: z.number().int().min(0),
    items: z.array(pointsItemSchema).min(1),
  })
  .superRefine((s, ctx) => {
    for (const i of repeatedIndexes(s.items, (item) => item.code)) {
      ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: '积分项目编号重复' });
    }
    s.items.forEach((item, i) => {
      if (item.yearCap !== null && item.yearCap < Math.abs(item.points)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'yearCap'],
          message: '年度上限不能小于单次分值',
        });
      }
    });
  });
export type PointsScheme = z.output<typeof pointsSchemeSchema>;
export type PointsSchemeInput = z.input<typeof pointsSchemeSchema>;

export const pointsAwardSchema = z.object({
  memberId: idSchema,
  itemCode: z.string().trim().min(1),
  awardedOn: isoDateSchema,
  awarder: z.enum(POINTS_AWARDERS),
});
export type PointsAward = z.infer<typeof pointsAwardSchema>;

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/** Checks one award against the scheme and the member's earlier awards of the year; its points. */
function awardPoints(
  scheme: PointsScheme,
  award: PointsAward,
  earlier: readonly PointsAward[],
): number {
  if (Number(award.awardedOn.slice(0, 4)) !== scheme.year) {
    throw rule('awardedOn', `积分日期应在 ${scheme.year} 年内`);
  }
  const item = scheme.items.find((i) => i.code === award.itemCode);
  if (item === undefined) {
    throw new DomainError('UNKNOWN_VALUE', 'itemCode', `积分办法中没有项目「${award.itemCode}」`);
  }
  if (!item.awarders.includes(award.awarder)) {
    throw rule(
      'awarder',
      `“${item.label}”应由${item.awarders.map((a) => POINTS_AWARDER_LABELS[a]).join('或')}记分`,
    );
  }
  if (item.yearCap !== null) {
    const used =
      earlier.filter((a) => a.memberId === award.memberId && a.itemCode === item.code).length *
      Math.abs(item.points);
    if (used + Math.abs(item.points) > item.yearCap) {
      throw rule('itemCode', `“${item.label}”本年度已记 ${used} 分，达到上限 ${item.yearCap} 分`);
    }
  }
  return item.points;
}

/**
 * Validates an award against the scheme (岳阳市委组织部2015年基层党建通知 第五部分, 党员管理积分制):
 * the item exists (UNKNOWN_VALUE itemCode), the awarder is one the item allows (awarder), the date
 * is in the scheme's year (awardedOn), and the member's points from the item this year stay within
 * its cap (itemCode) — an award that would pass the cap is refused whole, not cut. `earlier` are
 * the awards already recorded (other members' and other items' awards are ignored). Returns the
 * points the award carries.
 */
export function validatePointsAward(
  scheme: PointsSchemeInput,
  award: PointsAward,
  earlier: readonly PointsAward[] = [],
): number {
  const s = parseInput(pointsSchemeSchema, scheme);
  return awardPoints(s, parseInput(pointsAwardSchema, award), earlier);
}

export interface MemberPointsTotal {
  memberId: string;
  total: number;
  stars: number;
  /** Competition rank inside the list: ties share a rank, the next rank skips (1, 1, 3). */
  rank: number;
}

/**
 * The star rating of a yearly total (积分管理、星级管理, 岳阳市委组织部2015年基层党建通知 第六部分):
 * the number of thresholds (pointsStarThresholds, increasing) the total reaches; 0 below the
 * first. A total equal to a threshold reaches it.
 */
export function starRating(
  total: number,
  values: Pick<MemberPolicyValues, 'pointsStarThresholds'>,
): number {
  return values.pointsStarThresholds.filter((t) => total >= t).length;
}

/**
 * Competition ranking by total, highest first: equal totals share a rank and the next rank skips
 * as many places (100, 95, 95, 90 → 1, 2, 2, 4). Ties keep member id order for display.
 */
export function rankByTotal<T extends { memberId: string; total: number }>(
  rows: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.total - a.total || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.total !== (sorted[i - 1] as T).total) rank = i + 1;
    return { ...row, rank };
  });
}

/**
 * Each member's yearly total inside a branch (基础分 plus the points of every award, each award
 * validated in date order by validatePointsAward; the first bad one is named as awards[i]), the
 * star rating (starRating) and the rank inside the branch (rankByTotal). Members without awards
 * have the base points. An award to a member not in `memberIds` is refused.
 */
export function branchPointsTotals(
  scheme: PointsSchemeInput,
  memberIds: readonly string[],
  awards: readonly PointsAward[],
  values: Pick<MemberPolicyValues, 'pointsStarThresholds'>,
): MemberPointsTotal[] {
  const s = parseInput(pointsSchemeSchema, scheme);
  const totals = new Map(memberIds.map((id) => [id, s.basePoints]));
  const order = awards
    .map((a, i) => ({ a, i }))
    .sort((x, y) =>
      x.a.awardedOn < y.a.awardedOn ? -1 : x.a.awardedOn > y.a.awardedOn ? 1 : x.i - y.i,
    );
  const done: PointsAward[] = [];
  for (const { a, i } of order) {
    try {
      const award = parseInput(pointsAwardSchema, a);
      const current = totals.get(award.memberId);
      if (current === undefined) throw rule('memberId', '不是本支部党员');
      totals.set(award.memberId, current + awardPoints(s, award, done));
      done.push(award);
    } catch (e) {
      if (e instanceof DomainError)
        throw new DomainError(e.code, `awards[${i}].${e.field}`, e.message);
      throw e;
    }
  }
  const rows = [...totals.entries()].map(([memberId, total]) => ({
    memberId,
    total,
    stars: starRating(total, values),
  }));
  return rankByTotal(rows);
}

// ---------------------------------------------------------------------------------------------
// A township's scheme inside its county's
// ---------------------------------------------------------------------------------------------

export interface SchemeIssue {
  field: string;
  message: string;
}

function itemIssues(
  item: PointsScheme['items'][number],
  i: number,
  county: PointsScheme,
): SchemeIssue[] {
  const field = `items[${i}]`;
  const parent = county.items.find((c) => c.code === item.code);
  if (parent === undefined)
    return [{ field: `${field}.code`, message: `县级积分办法中没有项目「${item.code}」` }];
  const issues: SchemeIssue[] = [];
  if (
    Math.sign(item.points) !== Math.sign(parent.points) ||
    Math.abs(item.points) > Math.abs(parent.points)
  ) {
    issues.push({ field: `${field}.points`, message: `分值应与县级同向且不超过 ${parent.points}` });
  }
  if (parent.yearCap !== null && (item.yearCap === null || item.yearCap > parent.yearCap)) {
    issues.push({ field: `${field}.yearCap`, message: `年度上限不能高于县级的 ${parent.yearCap}` });
  }
  if (item.awarders.some((a) => !parent.awarders.includes(a))) {
    issues.push({ field: `${field}.awarders`, message: '记分主体应在县级规定的范围内' });
  }
  return issues;
}

/**
 * Whether a township's scheme stays within its county's (岳阳市委组织部2015年基层党建通知
 * 第五部分: the county sets the points system, townships refine it). Within means: same year; the
 * township lies in the county; every township item is a county item (by code) — a township may
 * leave items out — with points of the same sign and no larger in size, a yearly cap no higher
 * (an uncapped county item may be capped; a capped one may not be uncapped), awarders among the
 * county's; and base points no higher than the county's. Returns every issue (empty: within).
 */
export function schemeIssuesAgainstCounty(
  township: PointsSchemeInput,
  county: PointsSchemeInput,
): SchemeIssue[] {
  const t = parseInput(pointsSchemeSchema, township);
  const c = parseInput(pointsSchemeSchema, county);
  const issues: SchemeIssue[] = [];
  if (t.level !== 'township' || c.level !== 'county') {
    issues.push({ field: 'level', message: '应以乡镇积分细则对照县级积分办法' });
  }
  if (t.year !== c.year)
    issues.push({ field: 'year', message: `年度应与县级积分办法一致（${c.year}）` });
  if (!isWithinRegion(t.regionCode, c.regionCode)) {
    issues.push({ field: 'regionCode', message: '乡镇不在该县（市、区）范围内' });
  }
  if (t.basePoints > c.basePoints) {
    issues.push({ field: 'basePoints', message: `基础分不能高于县级的 ${c.basePoints}` });
  }
  t.items.forEach((item, i) => issues.push(...itemIssues(item, i, c)));
  return issues;
}

/** schemeIssuesAgainstCounty as a check: throws the first issue as a DomainError (RULE_VIOLATION). */
export function assertSchemeWithinCounty(
  township: PointsSchemeInput,
  county: PointsSchemeInput,
): void {
  const first = schemeIssuesAgainstCounty(township, county)[0];
  if (first !== undefined) throw rule(first.field, first.message);
}
