import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import {
  addMonths,
  daysInMonth,
  monthBounds,
  monthOfDate,
  monthsFromTo,
  shiftMonth,
} from './calendar';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

describe('month arithmetic', () => {
  it('adds months keeping the day when the target month has it', () => {
    expect(addMonths('2015-07-01', 12)).toBe('2016-07-01');
    expect(addMonths('2015-11-15', 3)).toBe('2016-02-15');
    expect(addMonths('2016-03-15', -3)).toBe('2015-12-15');
  });

  it('moves a day the target month lacks to its last day (month ends, leap years)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2015-08-31', 1)).toBe('2015-09-30');
  });

  it('rejects a fractional month count and an invalid date, naming the field', () => {
    expect(errorOf(() => addMonths('2015-01-01', 1.5))).toBe('INVALID_INPUT:months');
    expect(errorOf(() => addMonths('2015-02-30', 1, 'since'))).toBe('INVALID_INPUT:since');
  });

  it('knows the days of each month, February by leap year', () => {
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2015, 4)).toBe(30);
  });

  it('lists the months of a span inclusively, across a year end, and none when reversed', () => {
    expect(monthsFromTo('2015-11', '2016-02')).toEqual([
      '2015-11',
      '2015-12',
      '2016-01',
      '2016-02',
    ]);
    expect(monthsFromTo('2016-02', '2016-02')).toEqual(['2016-02']);
    expect(monthsFromTo('2016-03', '2016-02')).toEqual([]);
  });

  it('gives the first and last day of a month and the month of a date', () => {
    expect(monthBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthBounds('2015-12')).toEqual({ start: '2015-12-01', end: '2015-12-31' });
    expect(monthOfDate('2015-07-01')).toBe('2015-07');
    expect(shiftMonth('2015-12', 1)).toBe('2016-01');
    expect(shiftMonth('2016-01', -13)).toBe('2014-12');
  });

  it('rejects a malformed month', () => {
    expect(errorOf(() => monthBounds('2015-13'))).toBe('INVALID_INPUT:month');
    expect(errorOf(() => monthsFromTo('2015-1', '2015-02'))).toBe('INVALID_INPUT:from');
    expect(errorOf(() => monthOfDate('2015-02-29'))).toBe('INVALID_INPUT:date');
  });
});
