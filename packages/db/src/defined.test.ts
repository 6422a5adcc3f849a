import { describe, expect, it } from 'vitest';
import { defined } from './defined';

describe('defined', () => {
  it('returns a value that is there, falsy ones included', () => {
    expect(defined(0)).toBe(0);
    expect(defined('')).toBe('');
    expect(defined([1, 2][1])).toBe(2);
  });

  it('fails at once, naming the broken guarantee, when the value is missing', () => {
    expect(() => defined([1][3])).toThrow(RangeError);
    expect(() => defined(null)).toThrow('预期存在的值缺失');
  });
});
