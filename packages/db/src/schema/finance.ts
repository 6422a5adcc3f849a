import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  varchar,
} from 'drizzle-orm/pg-core';
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
  (t) => [index('fund_records_region_year_kind_idx').on(t.regionCode, t.year, t.kind)],
);
