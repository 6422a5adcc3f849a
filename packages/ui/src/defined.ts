/**
 * `value`, which the code around it guarantees is there (an index inside the array it came from,
 * a key just set), instead of a non-null assertion `!`: a broken guarantee fails here, saying so,
 * not later as `undefined` somewhere else. (The server side's twin is `defined` in @dangjian/db.)
 */
export function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new RangeError(
      '内部错误：预期存在的值缺失（internal error: an expected value is missing）',
    );
  }
  return value;
}
