import { z } from 'zod';
import { DomainError } from './errors';

/**
 * Money is integer fen (分, 1/100 yuan) everywhere: no floating-point yuan crosses a module
 * boundary. `Fen` is a plain number alias so it serialises as-is; `fenSchema` enforces it.
 */
export type Fen = number;

/** A non-negative safe integer amount in fen. Rejects negatives, fractions, NaN and ±Infinity. */
export const fenSchema = z
  .number({ error: '金额应为数字（单位：分）' })
  .int('金额应为整数（单位：分）')
  .nonnegative('金额不能为负数')
  .max(Number.MAX_SAFE_INTEGER, '金额过大');

/** Fen per yuan. */
export const FEN_PER_YUAN = 100;

/**
 * Yuan → fen. The yuan figure must be a finite non-negative number with at most two decimals
 * (60000 → 6_000_000; 12.34 → 1234); anything else is rejected rather than silently rounded.
 */
export function yuanToFen(yuan: number, field = 'yuan'): Fen {
  if (!Number.isFinite(yuan) || yuan < 0) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `金额（${field}）应为非负数，收到 ${String(yuan)}`,
    );
  }
  const fen = Math.round(yuan * FEN_PER_YUAN);
  if (Math.abs(fen - yuan * FEN_PER_YUAN) > 1e-6 || !Number.isSafeInteger(fen)) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `金额（${field}）最多两位小数，收到 ${String(yuan)}`,
    );
  }
  return fen;
}

/** How `formatYuan` writes an amount for people. */
export interface YuanFormat {
  /** Thousands separators in the yuan part: 1234567 fen → "12,345.67". Default false. */
  grouped?: boolean;
  /** Append the unit: "12,345.67 元". Default false. */
  unit?: boolean;
}

/** "1234567" → "1,234,567" (digits only). */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(',');
}

/**
 * Fen → yuan with exactly two decimals, the one way amounts are written for people (screens,
 * exports, messages). Plain by default — 600000 → "6000.00" (fits a form field or a sentence with
 * its own unit); `{ grouped: true }` → "6,000.00" (tables); `{ grouped: true, unit: true }` →
 * "6,000.00 元". Negative amounts (differences) keep their sign: -123456 → "-1,234.56".
 */
export function formatYuan(fen: Fen, format: YuanFormat = {}): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % FEN_PER_YUAN;
  const whole = String((abs - cents) / FEN_PER_YUAN);
  const text = `${sign}${format.grouped ? groupThousands(whole) : whole}.${String(cents).padStart(2, '0')}`;
  return format.unit ? `${text} 元` : text;
}
