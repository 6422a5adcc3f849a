import { z } from 'zod';
import { DomainError } from './errors';

/**
 * The region tree: 省 province → 市 city → 县/区 county → 乡镇/街道 township → 村/社区 village.
 * Keyed by the 12-digit statistical division code (GB/T 2260 + 统计用区划代码):
 * PP CC DD TTT VVV. A region contains another when the other's code starts with its prefix.
 * Documented in this package's README («Models and helpers»).
 */
export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  township: '乡镇（街道）',
  village: '村（社区）',
};

/** Significant digits of each level's code; the rest of the 12 digits are zeros. */
export const REGION_PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** Village-level units are either 村 (rural) or 社区 (urban community); townships 乡镇 or 街道. */
export const REGION_KINDS = ['village', 'community', 'town', 'street', 'other'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const regionCodeSchema = z.string().regex(/^\d{12}$/, '应为 12 位数字的统计用区划代码');

export type RegionCode = z.infer<typeof regionCodeSchema>;

/** Pads a 2/4/6/9/12-digit code to the 12-digit form (e.g. "4307" → "430700000000"). */
export function normalizeRegionCode(code: string): RegionCode {
  if (!/^\d+$/.test(code) || ![2, 4, 6, 9, 12].includes(code.length)) {
    throw new DomainError(
      'INVALID_INPUT',
      'regionCode',
      `区划代码「${code}」应为 2、4、6、9 或 12 位数字`,
    );
  }
  return code.padEnd(12, '0');
}

/** The level of a 12-digit code, read from where its trailing zeros start. */
export function regionLevelOf(code: RegionCode): RegionLevel {
  assertCode(code);
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'township';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'city';
  return 'province';
}

/** The significant prefix of a code: every code inside the region starts with it. */
export function regionPrefix(code: RegionCode): string {
  return code.slice(0, REGION_PREFIX_LENGTH[regionLevelOf(code)]);
}

/** The parent region's code, or null for a province. */
export function parentRegionCode(code: RegionCode): RegionCode | null {
  const level = regionLevelOf(code);
  const index = REGION_LEVELS.indexOf(level);
  if (index === 0) return null;
  const parentLevel = REGION_LEVELS[index - 1] as RegionLevel;
  return code.slice(0, REGION_PREFIX_LENGTH[parentLevel]).padEnd(12, '0');
}

/** True when `code` lies inside (or is) the region `scope`. */
export function isWithinRegion(code: RegionCode, scope: RegionCode): boolean {
  assertCode(code);
  return code.startsWith(regionPrefix(scope));
}

/**
 * The inclusive code range of a region, for index-friendly SQL (`code BETWEEN from AND to`):
 * every code inside the region, and no other, lies in it.
 */
export function regionCodeRange(scope: RegionCode): { from: RegionCode; to: RegionCode } {
  const prefix = regionPrefix(scope);
  return { from: prefix.padEnd(12, '0'), to: prefix.padEnd(12, '9') };
}

/** 村 or 社区 from a village-level unit's official name (…村委会 / …居委会, …社区). */
export function villageKindFromName(name: string): 'village' | 'community' {
  return /(居委会|居民委员会|社区)/.test(name) ? 'community' : 'village';
}

/** 乡镇 or 街道 from a township-level unit's official name. */
export function townshipKindFromName(name: string): 'town' | 'street' | 'other' {
  if (/街道$|街道办事处$/.test(name)) return 'street';
  if (/[乡镇]$/.test(name)) return 'town';
  return 'other';
}

function assertCode(code: string): asserts code is RegionCode {
  if (!/^\d{12}$/.test(code)) {
    throw new DomainError('INVALID_INPUT', 'regionCode', `区划代码「${code}」应为 12 位数字`);
  }
}

/** The level below `level` (county → township), or null below a village. */
export function childRegionLevel(level: RegionLevel): RegionLevel | null {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}
