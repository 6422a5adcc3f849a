import { describe, expect, it } from 'vitest';
import { groupBy, repeatedIndexes } from './collections';

describe('groupBy', () => {
  it('puts every item in the group of its key, keys in first-seen order, items in input order', () => {
    const groups = groupBy(
      [
        { code: '430702', id: 1 },
        { code: '430703', id: 2 },
        { code: '430702', id: 3 },
      ],
      (x) => x.code,
    );
    expect([...groups.keys()]).toEqual(['430702', '430703']);
    expect(groups.get('430702')?.map((x) => x.id)).toEqual([1, 3]);
    expect(groups.get('430703')?.map((x) => x.id)).toEqual([2]);
  });

  it('gives an empty map for no items', () => {
    expect(groupBy([], (x: number) => x).size).toBe(0);
  });
});

describe('repeatedIndexes', () => {
  it('lists every later occurrence of a key, not the first one', () => {
    expect(repeatedIndexes(['a', 'b', 'a', 'c', 'b', 'a'], (x) => x)).toEqual([2, 4, 5]);
  });

  it('lists nothing when every key is distinct', () => {
    expect(repeatedIndexes([{ id: 1 }, { id: 2 }], (x) => x.id)).toEqual([]);
  });
});
