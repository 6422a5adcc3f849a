import { DomainError } from './errors';
import { isoDateSchema } from './validation';
import type { IsoDate } from './validation';

/**
 * Calendar arithmetic on ISO 'YYYY-MM-DD' strings, in UTC days. No clock is read: every "today"
 * comes in as an argument (`asOf`). ISO dates compare correctly as strings.
 */
const DAY_MS = 86_400_000;

function parts(date: string, field: string): [number, number, number] {
  if (!isoDateSchema.safeParse(date).success) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `日期（${field}）应为有效的 YYYY-MM-DD，收到「${date}」`,
    );
  }
  return date.split('-').map(Number) as [number, number, number];
}

/** Days since 1970-01-01 (UTC). */
export function dayNumber(date: IsoDate, field = 'date'): number {
  const [y, m, d] = parts(date, field);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The ISO date `dayNumber` days after 1970-01-01. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * The calendar date in China (UTC+8, no daylight saving) at the instant `now`: the calendar the
 * notices count in. Between 16:00 and 24:00 UTC it is already tomorrow there.
 */
export function chinaToday(now: Date): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to, 'to') - dayNumber(from, 'from');
}

/**
 * Completed years from `from` to `to` (anniversary rule: 2010-03-15 → 2016-03-14 is 5 years,
 * → 2016-03-15 is 6). A 29 February start counts its anniversary on 28 February in other years.
 */
export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = parts(from, 'from');
  const [ty, tm, td] = parts(to, 'to');
  let years = ty - fy;
  const lastDayOfToMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const anniversaryDay = Math.min(fd, lastDayOfToMonth);
  if (tm < fm || (tm === fm && td < anniversaryDay)) years -= 1;
  return years;
}

export function yearOf(date: IsoDate): number {
  return parts(date, 'date')[0];
}

/** Calendar quarter 1..4 of a date. */
export function quarterOf(date: IsoDate): 1 | 2 | 3 | 4 {
  const month = parts(date, 'date')[1];
  return (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** The Monday on or before `date` (weeks run Monday–Sunday). */
export function weekStart(date: IsoDate): IsoDate {
  const day = dayNumber(date);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays
  const offset = (((day + 3) % 7) + 7) % 7;
  return fromDayNumber(day - offset);
}
