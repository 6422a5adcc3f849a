import { regionCodeRange, type RegionCode } from '@dangjian/domain';
import { between, type Column, type SQL } from 'drizzle-orm';

/**
 * `column` lies inside region `code` (the region itself or anything below it). A range predicate
 * on the 12-digit code, so a plain btree index on the column serves it on PGlite and PostgreSQL.
 */
export function inRegion(column: Column, code: RegionCode): SQL {
  const { from, to } = regionCodeRange(code);
  return between(column, from, to);
}

/** A LIKE pattern matching `text` anywhere, with the wildcards % and _ taken literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
