import { CADRE_POSTS } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs, people } from './orgs';
import { regions } from './regions';

/** Region-level reference figures that floors are measured against (001 §17, 003 §4.3, 001 §23). */
export const regionStatKey = pgEnum('region_stat_key', [
  'rural_labour_avg_income',
  'farmer_net_income_per_capita',
  'average_social_wage',
  'hardship_fund_finance',
  'hardship_fund_dues',
]);

export const regionStats = pgTable(
  'region_stats',
  {
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    year: smallint().notNull(),
    key: regionStatKey().notNull(),
    valueFen: bigint({ mode: 'number' }).notNull(),
    source: text(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.key] })],
);

/**
 * Money actually provided, one row per recipient and year: a village's or community's operating
 * funds (001 §16), a secretary's annual pay (001 §17), a departed cadre's monthly subsidy and
 * whether they have a subsidised pension (001 §17-18), a non-public org's member activity funds
 * (001 §22). `regionCode` is the recipient's region.
 */
export const fundKind = pgEnum('fund_kind', [
  'operating_funds',
  'secretary_annual_pay',
  'departed_cadre_subsidy',
  'non_public_activity_funds',
]);

export const fundRecords = pgTable(
  'fund_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    kind: fundKind().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    orgId: integer().references(() => orgs.id),
    personId: integer().references(() => people.id),
    amountFen: bigint({ mode: 'number' }).notNull(),
    subsidisedPension: boolean().notNull().default(false),
    note: text(),
  },
  (t) => [
    index('fund_records_region_year_kind_idx').on(t.regionCode, t.year, t.kind),
    // Foreign keys: an organisation's or a person's records, and deletes of either.
    index('fund_records_org_id_idx').on(t.orgId),
    index('fund_records_person_id_idx').on(t.personId),
  ],
);

export const cadrePost = pgEnum('cadre_post', CADRE_POSTS);

/**
 * A village or community cadre's basic pay for a year (村（社区）基层干部基本报酬, 003 §4.3: each
 * at least twice the local farmers' per-capita net income): who (a person), their post in the
 * 村（社区）两委, their village or community (`regionCode`), the year and the basic pay in fen.
 * One row per person, unit and year.
 */
export const cadreBasicPay = pgTable(
  'cadre_basic_pay',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    personId: integer()
      .notNull()
      .references(() => people.id),
    post: cadrePost().notNull(),
    basicPayFen: bigint({ mode: 'number' }).notNull(),
    note: text(),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cadre_basic_pay_unit_year_person_key').on(t.regionCode, t.year, t.personId),
    index('cadre_basic_pay_person_id_idx').on(t.personId),
    check('cadre_basic_pay_nonnegative', sql`${t.basicPayFen} >= 0`),
  ],
);

/** A payment of dues up to the organisation department, or a return of them to the org. */
export const duesEntryKind = pgEnum('dues_entry_kind', ['paid', 'returned']);

/**
 * Dues of the members of a non-public enterprise or social organisation Party org (001 §22: paid
 * first to the organisation department at county level or above, then returned in full): one row
 * per payment or return, with its date and the year the dues belong to. `regionCode` is the org's.
 * A row entered in error is voided (kept, with the reason), never deleted.
 */
export const nonPublicDuesEntries = pgTable(
  'non_public_dues_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    kind: duesEntryKind().notNull(),
    on: date({ mode: 'string' }).notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp({ withTimezone: true }),
    voidReason: text(),
  },
  (t) => [
    index('non_public_dues_entries_region_year_idx').on(t.regionCode, t.year),
    index('non_public_dues_entries_org_year_idx').on(t.orgId, t.year),
    check('non_public_dues_entries_positive', sql`${t.amountFen} > 0`),
  ],
);
