import { z } from 'zod';
import { DomainError } from '../errors';
import { isoDateSchema } from '../validation';
import type { IsoDate } from '../validation';

/**
 * Month arithmetic for the member rules (probation years, correction deadlines, months without
 * contact, monthly dues). Dates are ISO 'YYYY-MM-DD'; months are 'YYYY-MM'. No clock is read.
 */

/** A calendar month 'YYYY-MM' (01..12). */
export const yearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM（如 2015-07）');
export type YearMonth = z.infer<typeof yearMonthSchema>;

function dateParts(date: IsoDate, field: string): [number, number, number] {
  if (!isoDateSchema.safeParse(date).success) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `日期（${field}）应为有效的 YYYY-MM-DD，收到「${date}」`,
    );
  }
  return date.split('-').map(Number) as [number, number, number];
}

function monthParts(month: YearMonth, field: string): [number, number] {
  if (!yearMonthSchema.safeParse(month).success) {
    throw new DomainError('INVALID_INPUT', field, `月份（${field}）应为 YYYY-MM，收到「${month}」`);
  }
  return month.split('-').map(Number) as [number, number];
}

/** Days in month `month` (1..12) of `year`: 2024-02 → 29, 2025-02 → 28. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The same day `months` months later (earlier when negative); a day the target month lacks
 * becomes its last day: 2024-01-31 + 1 → 2024-02-29; 2024-02-29 + 12 → 2025-02-28 (the
 * anniversary rule of `fullYearsBetween`).
 */
export function addMonths(date: IsoDate, months: number, field = 'date'): IsoDate {
  if (!Number.isInteger(months)) {
    throw new DomainError('INVALID_INPUT', 'months', `月数应为整数，收到 ${String(months)}`);
  }
  const [y, m, d] = dateParts(date, field);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return `${pad(ty, 4)}-${pad(tm, 2)}-${pad(Math.min(d, daysInMonth(ty, tm)), 2)}`;
}

/** The month a date falls in: 2015-07-01 → 2015-07. */
export function monthOfDate(date: IsoDate, field = 'date'): YearMonth {
  dateParts(date, field);
  return date.slice(0, 7);
}

/** The month `n` months after `month` (earlier when negative): 2015-12 + 1 → 2016-01. */
export function shiftMonth(month: YearMonth, n: number, field = 'month'): YearMonth {
  const [y, m] = monthParts(month, field);
  const index = y * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** Every month from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function monthsFromTo(from: YearMonth, to: YearMonth): YearMonth[] {
  const [fy, fm] = monthParts(from, 'from');
  const [ty, tm] = monthParts(to, 'to');
  const count = ty * 12 + tm - (fy * 12 + fm) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => shiftMonth(from, i));
}

/** First and last day of a month: 2024-02 → 2024-02-01 … 2024-02-29. */
export function monthBounds(month: YearMonth, field = 'month'): { start: IsoDate; end: IsoDate } {
  const [y, m] = monthParts(month, field);
  return { start: `${month}-01`, end: `${month}-${pad(daysInMonth(y, m), 2)}` };
}
