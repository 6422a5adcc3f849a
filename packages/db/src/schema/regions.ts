import { REGION_KINDS, REGION_LEVELS } from '@dangjian/domain';
import { index, pgEnum, pgTable, text, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const regionLevel = pgEnum('region_level', REGION_LEVELS);
export const regionKind = pgEnum('region_kind', REGION_KINDS);

/**
 * The region tree, keyed by the 12-digit statistical division code (see @dangjian/domain
 * regions.ts). Scope checks are range predicates on `code` (`code BETWEEN from AND to`), which the
 * primary-key index serves; children are found through `parent_code`.
 */
export const regions = pgTable(
  'regions',
  {
    code: varchar({ length: 12 }).primaryKey(),
    name: text().notNull(),
    level: regionLevel().notNull(),
    kind: regionKind(),
    parentCode: varchar({ length: 12 }).references((): AnyPgColumn => regions.code),
  },
  (t) => [
    index('regions_parent_code_idx').on(t.parentCode),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('regions_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export type RegionRow = typeof regions.$inferSelect;
