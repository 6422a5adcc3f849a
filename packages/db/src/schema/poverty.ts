import { TEAM_ASSESSMENT_RATINGS, TEAM_TASK_AREAS } from '@dangjian/domain';
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
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs } from './orgs';
import { regions } from './regions';

/**
 * Resident help for registered poor villages (驻村帮扶, 000 §4): the register of poor villages with
 * their baseline, the resident teams and their members (the leader serves as the village Party
 * org's 第一书记), the work log in the four task areas, the village collective income year by year,
 * and the yearly assessment of teams and cadres. Every row carries the village's region code (scope
 * and row-level security: drizzle/0010_poverty_security.sql).
 */

export const povertyHelpLevel = pgEnum('poverty_help_level', ['city', 'county']);
export const povertyTaskArea = pgEnum('poverty_task_area', TEAM_TASK_AREAS);
export const povertyRating = pgEnum('poverty_rating', TEAM_ASSESSMENT_RATINGS);
export const povertyMemberRole = pgEnum('poverty_member_role', ['leader', 'member']);

/** Money in fen: bigint, read as a JS number (exact up to 2^53 fen). */
const money = () => bigint({ mode: 'number' });

/** A registered poor village (建档立卡重点贫困村): one row per village-level unit. */
export const poorVillages = pgTable(
  'poor_villages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    /** The village's Party organisation (where the team leader serves as 第一书记). */
    orgId: integer().references(() => orgs.id),
    identifiedYear: smallint().notNull(),
    helpedBy: povertyHelpLevel().notNull(),
    households: integer().notNull(),
    poorHouseholds: integer().notNull(),
    poorPeople: integer().notNull(),
    /** Village collective economy income in the identification year (fen). */
    baselineIncomeFen: money().notNull(),
    /** Year the village was lifted out of the register (脱贫出列); null while registered. */
    exitedYear: smallint(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poor_villages_region_key').on(t.regionCode),
    check(
      'poor_villages_figures',
      sql`${t.households} >= 0 AND ${t.poorHouseholds} >= 0 AND ${t.poorHouseholds} <= ${t.households} AND ${t.poorPeople} >= ${t.poorHouseholds} AND ${t.baselineIncomeFen} >= 0`,
    ),
    check(
      'poor_villages_exit_after_identification',
      sql`${t.exitedYear} IS NULL OR ${t.exitedYear} >= ${t.identifiedYear}`,
    ),
  ],
);

/** A resident work team (驻村帮扶工作队) posted to one village by a sending unit. */
export const povertyTeams = pgTable(
  'poverty_teams',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    villageId: integer()
      .notNull()
      .references(() => poorVillages.id),
    regionCode: varchar({ length: 12 }).notNull(),
    /** Sending unit (派出单位). */
    unit: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    /** When the team was withdrawn; null while it is in the village. */
    endDate: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poverty_teams_village_idx').on(t.villageId),
    index('poverty_teams_region_idx').on(t.regionCode),
    check('poverty_teams_dates', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

/**
 * Members of a team with their dates in the village. The leader (at most one current leader per
 * team) is appointed the village Party org's 第一书记 (`firstSecretaryOrgId`). `userId` links the
 * member's account, which is what lets them write the team's work log.
 */
export const povertyTeamMembers = pgTable(
  'poverty_team_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => povertyTeams.id),
    regionCode: varchar({ length: 12 }).notNull(),
    name: text().notNull(),
    /** Post in the sending unit (e.g. 副处长). */
    post: text(),
    phone: varchar({ length: 20 }),
    role: povertyMemberRole().notNull(),
    /** The village Party organisation where the leader serves as 第一书记 (null: not appointed). */
    firstSecretaryOrgId: integer().references(() => orgs.id),
    userId: integer().references(() => users.id),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }),
  },
  (t) => [
    index('poverty_team_members_team_idx').on(t.teamId),
    index('poverty_team_members_region_idx').on(t.regionCode),
    index('poverty_team_members_user_idx').on(t.userId),
    uniqueIndex('poverty_team_members_one_leader')
      .on(t.teamId)
      .where(sql`${t.role} = 'leader' AND ${t.toDate} IS NULL`),
    check('poverty_team_members_dates', sql`${t.toDate} IS NULL OR ${t.toDate} >= ${t.fromDate}`),
    check(
      'poverty_team_members_first_secretary_is_leader',
      sql`${t.firstSecretaryOrgId} IS NULL OR ${t.role} = 'leader'`,
    ),
  ],
);

/** One entry of a team's work log: a visit or task under one of the four areas. */
export const povertyWorkLogs = pgTable(
  'poverty_work_logs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => povertyTeams.id),
    villageId: integer()
      .notNull()
      .references(() => poorVillages.id),
    regionCode: varchar({ length: 12 }).notNull(),
    memberId: integer().references(() => povertyTeamMembers.id),
    date: date({ mode: 'string' }).notNull(),
    area: povertyTaskArea().notNull(),
    summary: text().notNull(),
    householdsReached: integer().notNull().default(0),
    /** Money brought into the village (引进资金, fen). */
    fundsFen: money().notNull().default(0),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poverty_work_logs_region_date_idx').on(t.regionCode, t.date),
    index('poverty_work_logs_village_date_idx').on(t.villageId, t.date),
    check('poverty_work_logs_figures', sql`${t.householdsReached} >= 0 AND ${t.fundsFen} >= 0`),
  ],
);

/** Village collective economy income, one figure per village and year (fen). */
export const villageCollectiveIncome = pgTable(
  'village_collective_income',
  {
    villageId: integer()
      .notNull()
      .references(() => poorVillages.id),
    year: smallint().notNull(),
    regionCode: varchar({ length: 12 }).notNull(),
    incomeFen: money().notNull(),
    recordedBy: integer().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('village_collective_income_key').on(t.villageId, t.year),
    index('village_collective_income_region_idx').on(t.regionCode, t.year),
    check('village_collective_income_nonnegative', sql`${t.incomeFen} >= 0`),
  ],
);

/**
 * The yearly assessment of a team (its sending unit, `memberId` null) or of one of its cadres.
 * Passive ones carry the correction deadline set by the department (限期整改).
 */
export const povertyAssessments = pgTable(
  'poverty_assessments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    teamId: integer()
      .notNull()
      .references(() => povertyTeams.id),
    memberId: integer().references(() => povertyTeamMembers.id),
    regionCode: varchar({ length: 12 }).notNull(),
    rating: povertyRating().notNull(),
    comments: text().notNull(),
    promotionPriority: boolean().notNull().default(false),
    publicCriticism: boolean().notNull().default(false),
    correctionDeadline: date({ mode: 'string' }),
    assessedBy: integer().references(() => users.id),
    assessedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poverty_assessments_unit_key')
      .on(t.year, t.teamId)
      .where(sql`${t.memberId} IS NULL`),
    uniqueIndex('poverty_assessments_cadre_key')
      .on(t.year, t.memberId)
      .where(sql`${t.memberId} IS NOT NULL`),
    index('poverty_assessments_region_year_idx').on(t.regionCode, t.year),
    // Foreign key: a team's assessments over the years (the unique keys lead with the year).
    index('poverty_assessments_team_id_idx').on(t.teamId),
    check(
      'poverty_assessments_passive_deadline',
      sql`${t.rating} <> 'passive' OR ${t.correctionDeadline} IS NOT NULL`,
    ),
  ],
);
