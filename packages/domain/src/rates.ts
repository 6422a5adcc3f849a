import { DomainError } from './errors';

/**
 * Rates and percentages are computed here, once, so the database and the front ends show the
 * same figure. A `Rate` keeps the exact fraction; `percent` is that fraction × 100 rounded
 * half-up to two decimals (1/3 → 33.33, 2/3 → 66.67, 1/8 → 12.5), or null when the
 * denominator is 0 (nothing to measure; shown as "——").
 */
export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
}

/** Percentage points carry at most two decimals in policy values: 12.5 → 1250 basis points. */
function toBasisPoints(percent: number, field: string): number {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || Math.abs(bp - percent * 100) > 1e-6) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `百分比（${field}）应为最多两位小数的非负数，收到 ${String(percent)}`,
    );
  }
  return bp;
}

function assertCount(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `数量（${field}）应为非负整数，收到 ${String(n)}`,
    );
  }
}

/** The exact rate numerator/denominator with its rounded percentage (see `Rate`). */
export function rate(numerator: number, denominator: number): Rate {
  assertCount(numerator, 'numerator');
  assertCount(denominator, 'denominator');
  if (denominator === 0) return { numerator, denominator, percent: null };
  // half-up to 0.01 %: floor((n × 10000 × 2 + d) / (2d)) / 100, in BigInt so large counts stay exact
  const scaled = (BigInt(numerator) * 20000n + BigInt(denominator)) / (2n * BigInt(denominator));
  return { numerator, denominator, percent: Number(scaled) / 100 };
}

/**
 * True when numerator/denominator ≥ percent %, compared exactly (no rounding): 9 of 10 meets
 * 90 %, 8.99… never does. With denominator 0 the target is vacuously met (nothing to convert).
 */
export function meetsPercent(numerator: number, denominator: number, percent: number): boolean {
  assertCount(numerator, 'numerator');
  assertCount(denominator, 'denominator');
  const bp = toBasisPoints(percent, 'percent');
  return BigInt(numerator) * 10000n >= BigInt(bp) * BigInt(denominator);
}

/** How a quota "percent of n" becomes a whole number of organisations. */
export type CountRounding = 'ceil' | 'round' | 'floor';

/**
 * percent % of `total`, as a whole count. 'ceil' is the reading of "不低于 x%" (at least x %:
 * 10 % of 25 orgs → 3, since 2 would be only 8 %); 'round' (half-up) is the reading of
 * "x% 左右" (about x %: 10 % of 25 → 3, of 24 → 2); 'floor' never exceeds the share.
 */
export function percentOfCount(total: number, percent: number, rounding: CountRounding): number {
  assertCount(total, 'total');
  const bp = BigInt(toBasisPoints(percent, 'percent'));
  const num = BigInt(total) * bp;
  const den = 10000n;
  const q = num / den;
  const r = num % den;
  if (r === 0n) return Number(q);
  if (rounding === 'floor') return Number(q);
  if (rounding === 'ceil') return Number(q + 1n);
  return Number(r * 2n >= den ? q + 1n : q);
}
