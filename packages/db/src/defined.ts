/**
 * `value`, which the code around it guarantees is there (an index inside the array it came from,
 * a key just set): instead of a non-null assertion `!`, which would let a broken guarantee through
 * as `undefined` and fail later somewhere else, a broken one fails here, saying so.
 */
export function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new RangeError(
      '内部错误：预期存在的值缺失（internal error: an expected value is missing）',
    );
  }
  return value;
}
