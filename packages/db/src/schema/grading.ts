import { GRADES } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs } from './orgs';

export const grade = pgEnum('grade', GRADES);

/**
 * Yearly grades (分类定级, 001 §7). A correction never overwrites: it marks the current row
 * superseded and adds a new one, so the history keeps who graded what and when.
 * `regionCode` is the org's region, copied for scope filters and row-level security.
 */
export const orgGrades = pgTable(
  'org_grades',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    year: smallint().notNull(),
    grade: grade().notNull(),
    reason: text(),
    gradedBy: integer().references(() => users.id),
    gradedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp({ withTimezone: true }),
    supersededBy: integer().references((): AnyPgColumn => orgGrades.id),
  },
  (t) => [
    uniqueIndex('org_grades_current_key')
      .on(t.orgId, t.year)
      .where(sql`${t.supersededAt} IS NULL`),
    index('org_grades_region_year_idx').on(t.regionCode, t.year),
  ],
);

/**
 * Changes to an organisation's record (secretary, name, term, …): the old and new values, who
 * and when. The org row holds the current state; this table its history.
 */
export const orgChanges = pgTable(
  'org_changes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer().references(() => users.id),
    username: varchar({ length: 64 }),
    field: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index('org_changes_org_id_at_idx').on(t.orgId, t.at),
    index('org_changes_region_code_idx').on(t.regionCode),
  ],
);
