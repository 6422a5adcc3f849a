import { describe, expect, it } from 'vitest';
import { formatYuan } from './money';

describe('formatYuan writes integer fen as yuan for people', () => {
  it('always shows two decimals, plain by default (for form fields and sentences)', () => {
    expect([formatYuan(0), formatYuan(5), formatYuan(600_000), formatYuan(-1_234)]).toEqual([
      '0.00',
      '0.05',
      '6000.00',
      '-12.34',
    ]);
  });

  it('groups thousands in the yuan part only when asked (tables)', () => {
    const grouped = (fen: number) => formatYuan(fen, { grouped: true });
    expect([
      grouped(99_999),
      grouped(100_000),
      grouped(123_456_789),
      grouped(100_000_000_000),
      grouped(-123_456),
    ]).toEqual(['999.99', '1,000.00', '1,234,567.89', '1,000,000,000.00', '-1,234.56']);
  });

  it('appends the unit 元 when asked, with or without grouping', () => {
    expect(formatYuan(1_234_567, { grouped: true, unit: true })).toBe('12,345.67 元');
    expect(formatYuan(1_234_567, { unit: true })).toBe('12345.67 元');
  });

  it('agrees with the locale grouping people read (zh-CN) for every size of amount', () => {
    for (const fen of [1, 99, 100_00, 999_99, 1_000_00, 12_345_67, 987_654_321_00, 2 ** 52]) {
      const yuan = Math.floor(fen / 100).toLocaleString('zh-CN');
      expect(formatYuan(fen, { grouped: true })).toBe(
        `${yuan}.${String(fen % 100).padStart(2, '0')}`,
      );
    }
  });
});
