import { EDUCATION_LEVELS, FIELD_CATEGORIES, ORG_KINDS } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { regions } from './regions';

export const orgKind = pgEnum('org_kind', ORG_KINDS);
export const fieldCategory = pgEnum('field_category', FIELD_CATEGORIES);
export const gender = pgEnum('gender', ['male', 'female']);
export const educationLevel = pgEnum('education_level', EDUCATION_LEVELS);

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** People the departments manage: secretaries, cadres, reserve candidates, trainees. */
export const people = pgTable(
  'people',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    gender: gender().notNull(),
    birthDate: date({ mode: 'string' }),
    education: educationLevel(),
    phone: varchar({ length: 20 }),
    /** Resident ID number, AES-256-GCM encrypted with the key from PII_ENCRYPTION_KEY. */
    idNumberEnc: text(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    ...timestamps,
  },
  (t) => [
    index('people_region_code_idx').on(t.regionCode),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('people_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('people_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
  ],
);

/**
 * Grassroots Party organisations (党委 / 党总支 / 党支部) with their field category (002 附件1 注),
 * parent organisation, region, secretary, member count and current term.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: orgKind().notNull(),
    category: fieldCategory().notNull(),
    parentId: integer().references((): AnyPgColumn => orgs.id),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    secretaryId: integer().references(() => people.id),
    memberCount: integer().notNull().default(0),
    termStart: date({ mode: 'string' }),
    termEnd: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('orgs_region_code_idx').on(t.regionCode, t.id),
    index('orgs_parent_id_idx').on(t.parentId),
    index('orgs_secretary_id_idx').on(t.secretaryId),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('orgs_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    check('orgs_member_count_nonnegative', sql`${t.memberCount} >= 0`),
    check(
      'orgs_term_order',
      sql`${t.termEnd} IS NULL OR ${t.termStart} IS NULL OR ${t.termEnd} > ${t.termStart}`,
    ),
  ],
);

export type OrgRow = typeof orgs.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
