import {
  REVIEW_RATINGS,
  type ReviewContentArea,
  type ReviewParticipantType,
} from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs, people } from './orgs';
import { regions } from './regions';

export const reviewMeetingStatus = pgEnum('review_meeting_status', [
  'scheduled',
  'held',
  'feedback_given',
]);
export const reviewRating = pgEnum('review_rating', REVIEW_RATINGS);
/** What the upper-level Party committee does about a 不合格 secretary (003 §6). */
export const reviewConsequenceKind = pgEnum('review_consequence_kind', [
  'written_reminder',
  'admonition_talk',
]);

/**
 * The yearly report-and-review meeting (述职评议) of a township's village/community secretaries
 * (004): one per township and year, in Q4, with at least the policy minimum of participants by
 * type (004 §2). Status: scheduled → held → feedback_given (every secretary's result fed back).
 * `regionCode` is the township's code.
 */
export const reviewMeetings = pgTable(
  'review_meetings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    year: smallint().notNull(),
    meetingOn: date({ mode: 'string' }).notNull(),
    venue: text().notNull(),
    status: reviewMeetingStatus().notNull().default('scheduled'),
    heldOn: date({ mode: 'string' }),
    partyCongressDeputies: integer().notNull().default(0),
    npcDeputies: integer().notNull().default(0),
    cppccMembers: integer().notNull().default(0),
    memberCadres: integer().notNull().default(0),
    publicReps: integer().notNull().default(0),
    /** Optional names per participant type. */
    participantNames: jsonb()
      .$type<Partial<Record<ReviewParticipantType, string[]>>>()
      .notNull()
      .default({}),
    /** Policy version that checked the schedule (and the holding). */
    policyVersion: text().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_meetings_region_year_key').on(t.regionCode, t.year),
    check(
      'review_meetings_participants_nonnegative',
      sql`${t.partyCongressDeputies} >= 0 AND ${t.npcDeputies} >= 0 AND ${t.cppccMembers} >= 0 AND ${t.memberCadres} >= 0 AND ${t.publicReps} >= 0`,
    ),
    check(
      'review_meetings_held_on_status',
      sql`(${t.status} = 'scheduled') = (${t.heldOn} IS NULL)`,
    ),
  ],
);

/**
 * One secretary's review in a meeting: the written report and its review by the township
 * secretary (会前准备), the meeting's comments, opinions, questions and rating (述职评议), the
 * consequence for 不合格 (003 §6) and the feedback to the village Party org (反馈结果).
 * `regionCode` is the org's (village/community) code, for scope and row-level security.
 * `personId` is the secretary at the time of the meeting, so the history follows the person.
 */
export const secretaryReviews = pgTable(
  'secretary_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => reviewMeetings.id),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    regionCode: varchar({ length: 12 }).notNull(),
    year: smallint().notNull(),
    reportSummary: text(),
    reportSubmittedOn: date({ mode: 'string' }),
    reportContentAreas: jsonb().$type<ReviewContentArea[]>().notNull().default([]),
    reviewerName: text(),
    reviewedByTownshipSecretary: boolean(),
    reviewedOn: date({ mode: 'string' }),
    reviewComments: text(),
    meetingComments: text(),
    participantOpinions: text(),
    questions: text(),
    rating: reviewRating(),
    consequence: reviewConsequenceKind(),
    consequenceBy: text(),
    consequenceOn: date({ mode: 'string' }),
    consequenceNote: text(),
    feedbackOn: date({ mode: 'string' }),
    feedbackMethod: text(),
    reportPublished: boolean().notNull().default(false),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('secretary_reviews_meeting_org_key').on(t.meetingId, t.orgId),
    index('secretary_reviews_person_idx').on(t.personId, t.year),
    index('secretary_reviews_region_year_idx').on(t.regionCode, t.year),
    check(
      'secretary_reviews_consequence_unqualified',
      sql`${t.consequence} IS NULL OR ${t.rating} = 'unqualified'`,
    ),
  ],
);

export type ReviewMeetingRow = typeof reviewMeetings.$inferSelect;
export type SecretaryReviewRow = typeof secretaryReviews.$inferSelect;
