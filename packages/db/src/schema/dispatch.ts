import { DISPATCH_KINDS, GRADUATE_POSTS } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
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
import { orgs, people } from './orgs';

/**
 * Dispatch by grade (选派, 001 §9) and college-graduate village officials (大学生村官, 001 §6).
 * Row-level security: drizzle/*_dispatch_security.sql.
 */

export const dispatchKind = pgEnum('dispatch_kind', DISPATCH_KINDS);
export const graduatePost = pgEnum('graduate_post', GRADUATE_POSTS);

/**
 * One cadre sent to an org for a year (驻联干部): a member (or the leader) of a work team from
 * county-level-or-above organs, a 第一书记, or a township leader as contact. The leader of a work
 * team serves as 第一书记 (check). `regionCode` is the org's region (scope and row-level
 * security). An ended dispatch keeps its row with its end date.
 */
export const orgDispatches = pgTable(
  'org_dispatches',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    /** The year dispatched for (by the grade the org carries in: last year's). */
    year: smallint().notNull(),
    kind: dispatchKind().notNull(),
    cadreName: text().notNull(),
    /** Sending unit (派出单位). */
    unit: text().notNull(),
    /** Post in the sending unit (职务). */
    post: text(),
    /** Leads the work team. */
    leader: boolean().notNull().default(false),
    /** Serves as the org's 第一书记. */
    firstSecretary: boolean().notNull().default(false),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_dispatches_org_year_idx').on(t.orgId, t.year),
    index('org_dispatches_region_year_idx').on(t.regionCode, t.year),
    check('org_dispatches_dates', sql`${t.toDate} IS NULL OR ${t.toDate} >= ${t.fromDate}`),
    check('org_dispatches_leader_in_team', sql`NOT ${t.leader} OR ${t.kind} = 'work_team'`),
    check('org_dispatches_leader_first_secretary', sql`NOT ${t.leader} OR ${t.firstSecretary}`),
    check(
      'org_dispatches_first_secretary_kind',
      sql`${t.kind} <> 'first_secretary' OR ${t.firstSecretary}`,
    ),
  ],
);

/**
 * A person serving as a college-graduate village official (大学生村官) in a village: since when
 * (在村任职), and whether selected as the village Party org's secretary or deputy, since when.
 * `regionCode` is the village's region. One current record per person (endedOn null).
 */
export const graduateOfficials = pgTable(
  'graduate_officials',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    regionCode: varchar({ length: 12 }).notNull(),
    inVillageSince: date({ mode: 'string' }).notNull(),
    post: graduatePost(),
    postSince: date({ mode: 'string' }),
    endedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('graduate_officials_current_key')
      .on(t.personId)
      .where(sql`${t.endedOn} IS NULL`),
    index('graduate_officials_region_idx').on(t.regionCode),
    check('graduate_officials_post_since', sql`(${t.post} IS NULL) = (${t.postSince} IS NULL)`),
    check(
      'graduate_officials_post_after_start',
      sql`${t.postSince} IS NULL OR ${t.postSince} >= ${t.inVillageSince}`,
    ),
    check(
      'graduate_officials_dates',
      sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.inVillageSince}`,
    ),
  ],
);
