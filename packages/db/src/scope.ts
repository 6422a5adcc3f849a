import { regionCodeRange, type RegionCode } from '@dangjian/domain';
import { between, sql, type Column, type SQL } from 'drizzle-orm';

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

/**
 * The row of `table` (the regions table or an alias of it) is a county-level unit: a 县/区/县级市,
 * or a city whose townships sit directly under it (不设区的地级市: 东莞, 中山, 儋州, 嘉峪关), which does
 * a county's work itself. Its 12-digit code is `rpad(left(code, 6), 12, '0')` of everything inside
 * it in both cases (441900003000 → 441900000000, the city), so joins on that expression hold.
 */
export function isCountyUnit(table: { code: Column; level: Column }): SQL {
  return sql`(${table.level} = 'county' or (${table.level} = 'city' and exists (select 1 from regions as county_unit_child where county_unit_child.parent_code = ${table.code} and county_unit_child.level = 'township')))`;
}
