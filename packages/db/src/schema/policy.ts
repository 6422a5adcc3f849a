import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
  date,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { regions } from './regions';

/**
 * A department's policy sets (@dangjian/domain PolicySet): its own adjustments ('local') and the
 * notices of other regions it adopts ('adopted', 参照执行); each notice's own set is shipped in the
 * domain and bound to the region that issued it, so it is not stored here. Versioned: editing a set adds a
 * new version row; resolution uses the newest version of each set id. `regionCode` null means
 * everywhere (only the shipped default is like that; departments always set their region).
 */
export const policySets = pgTable(
  'policy_sets',
  {
    id: varchar({ length: 64 }).notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    regionCode: varchar({ length: 12 }).references(() => regions.code),
    fromYear: smallint(),
    toYear: smallint(),
    /** 'local' (the department's own decision) or 'adopted' (参照执行 of another region's notice). */
    kind: varchar({ length: 16 }).notNull().default('local'),
    /** The notice an adopted set follows ("000".."004", see @dangjian/domain notices.ts). */
    noticeId: varchar({ length: 3 }),
    /** The date from which the department applies it (shown with the set). */
    effectiveDate: date({ mode: 'string' }).notNull(),
    /** { [policyKey]: { value, source } }, validated by parsePolicySet before it is written. */
    parameters: jsonb().notNull(),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.version] }),
    index('policy_sets_region_code_idx').on(t.regionCode),
  ],
);
