/**
 * Items grouped by a key, in first-seen order of the keys and input order within a group: one
 * pass (Node 20 has no Map.groupBy). Copying a group's array on every insert instead makes a
 * roll-up quadratic in the size of its largest group.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * The positions of items whose key an earlier item already had (the first of each key is not
 * listed): one pass with a set, for duplicate checks on lists of any length.
 */
export function repeatedIndexes<T>(items: readonly T[], keyOf: (item: T) => unknown): number[] {
  const seen = new Set<unknown>();
  const repeated: number[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) repeated.push(i);
    else seen.add(key);
  });
  return repeated;
}
