import { ACCEPTANCE_LEVELS, PUBLIC_CONFIRMATION_METHODS } from '@dangjian/domain';
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs } from './orgs';

/**
 * 整顿软弱涣散基层党组织 (002 娄组通〔2014〕10号; 000 §1, §3): one case per org and year (one org,
 * one plan), its problems (问题清单: measures, goal, deadline, responsible person), and the ledger
 * (台账) of dated progress entries. `regionCode` is the org's region, copied on every row for scope
 * filters and row-level security.
 */
export const rectificationStatus = pgEnum('rectification_status', [
  'listed',
  'in_progress',
  'accepted',
]);
export const rectificationAcceptanceLevel = pgEnum(
  'rectification_acceptance_level',
  ACCEPTANCE_LEVELS,
);
export const publicConfirmationMethod = pgEnum(
  'public_confirmation_method',
  PUBLIC_CONFIRMATION_METHODS,
);

/**
 * A listed org for one year. Criteria (1)-(6) and key-rectification flags as the domain's codes.
 * A case carried over from last year (回头看, 000 §3) is a new row pointing at the old one
 * (`carriedOverFromId`); the old row is kept unchanged as history. Acceptance (002 §5) by the
 * county or township: who, when, passed, whether the public's view was heard.
 */
export const rectificationCases = pgTable(
  'rectification_cases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    year: smallint().notNull(),
    /** The year the org was first listed (= year unless carried over). */
    firstListedYear: smallint().notNull(),
    criteria: text().array().notNull(),
    keyFlags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    electionPostponed: boolean().notNull().default(false),
    /** 附件3 换届选举完成时间 (planned or actual). */
    electionCompletionDate: date({ mode: 'string' }),
    status: rectificationStatus().notNull().default('listed'),
    carriedOverFromId: integer().references((): AnyPgColumn => rectificationCases.id),
    workTeamLeader: text().notNull(),
    workTeamMembers: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    leadingCadreName: text().notNull(),
    leadingCadrePost: text().notNull(),
    acceptanceBy: rectificationAcceptanceLevel(),
    acceptedOn: date({ mode: 'string' }),
    acceptancePassed: boolean(),
    publicOpinionHeard: boolean(),
    acceptedByUser: integer().references(() => users.id),
    /** Withdrawn (撤销) when listed by mistake: kept, never deleted; no longer counts for the quota. */
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
    withdrawnBy: integer().references(() => users.id),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rectification_cases_org_year_key').on(t.orgId, t.year),
    index('rectification_cases_region_year_idx').on(t.regionCode, t.year),
    index('rectification_cases_carried_over_from_idx').on(t.carriedOverFromId),
    check('rectification_cases_criteria_nonempty', sql`cardinality(${t.criteria}) >= 1`),
    check(
      'rectification_cases_acceptance_complete',
      sql`(${t.acceptanceBy} IS NULL) = (${t.acceptedOn} IS NULL) AND (${t.acceptanceBy} IS NULL) = (${t.acceptancePassed} IS NULL)`,
    ),
    check(
      'rectification_cases_accepted_status',
      sql`(${t.status} = 'accepted') = (${t.acceptancePassed} IS TRUE)`,
    ),
  ],
);

/**
 * One problem of a plan (002 §2: 列出问题清单 … 明确目标、时限和责任人) and its close-out (销号).
 * A problem closes only with a recorded public confirmation (000 §1: 群众认可一件、销号一件):
 * the CHECK constraint is the database's wall behind the domain rule. Carried-over problems point
 * at the problem they continue (`carriedFromProblemId`), so the ledger keeps its history.
 */
export const rectificationProblems = pgTable(
  'rectification_problems',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => rectificationCases.id),
    regionCode: varchar({ length: 12 }).notNull(),
    position: smallint().notNull(),
    description: text().notNull(),
    measures: text().array().notNull(),
    goal: text().notNull(),
    deadline: date({ mode: 'string' }).notNull(),
    responsiblePerson: text().notNull(),
    carriedFromProblemId: integer().references((): AnyPgColumn => rectificationProblems.id),
    closedOn: date({ mode: 'string' }),
    confirmedBy: text(),
    confirmedOn: date({ mode: 'string' }),
    confirmationMethod: publicConfirmationMethod(),
    confirmationEvidence: text(),
    closedByUser: integer().references(() => users.id),
    /** Withdrawn (撤销) when entered by mistake: kept, never deleted, with who, when and why. */
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
    withdrawnBy: integer().references(() => users.id),
  },
  (t) => [
    index('rectification_problems_case_idx').on(t.caseId, t.position),
    index('rectification_problems_region_idx').on(t.regionCode),
    check(
      'rectification_problems_closed_with_confirmation',
      sql`${t.closedOn} IS NULL OR (${t.confirmedBy} IS NOT NULL AND ${t.confirmedOn} IS NOT NULL AND ${t.confirmationMethod} IS NOT NULL AND ${t.confirmationEvidence} IS NOT NULL AND ${t.confirmedOn} <= ${t.closedOn})`,
    ),
  ],
);

/** Attachment metadata on a ledger entry (no file bytes are stored). */
export interface LedgerAttachment {
  filename: string;
  size: number | null;
  link: string | null;
}

/** The ledger (台账, 000 §1): dated progress notes per problem, with attachment metadata. */
export const rectificationEntries = pgTable(
  'rectification_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    problemId: integer()
      .notNull()
      .references(() => rectificationProblems.id),
    caseId: integer()
      .notNull()
      .references(() => rectificationCases.id),
    regionCode: varchar({ length: 12 }).notNull(),
    entryDate: date({ mode: 'string' }).notNull(),
    note: text().notNull(),
    attachments: jsonb()
      .$type<LedgerAttachment[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: integer().references(() => users.id),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rectification_entries_problem_idx').on(t.problemId, t.entryDate),
    index('rectification_entries_case_idx').on(t.caseId),
    index('rectification_entries_region_idx').on(t.regionCode),
  ],
);

export const RECTIFICATION_CORRECTION_KINDS = [
  'add_problem',
  'correct_problem',
  'correct_case',
  'withdraw_problem',
  'withdraw_case',
] as const;
export type RectificationCorrectionKind = (typeof RECTIFICATION_CORRECTION_KINDS)[number];

/**
 * The history of corrections to a saved plan (issue 16): a problem added later, fields corrected
 * (with their previous values), a problem or case withdrawn; each with who, when and why.
 * Append-only for the application.
 */
export const rectificationCorrections = pgTable(
  'rectification_corrections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => rectificationCases.id),
    problemId: integer().references(() => rectificationProblems.id),
    regionCode: varchar({ length: 12 }).notNull(),
    kind: text().$type<RectificationCorrectionKind>().notNull(),
    reason: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    byUser: integer().references(() => users.id),
    byName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rectification_corrections_case_idx').on(t.caseId, t.at),
    index('rectification_corrections_region_idx').on(t.regionCode),
    check(
      'rectification_corrections_kind',
      sql`${t.kind} IN ('add_problem', 'correct_problem', 'correct_case', 'withdraw_problem', 'withdraw_case')`,
    ),
  ],
);

export type RectificationCaseRow = typeof rectificationCases.$inferSelect;
export type RectificationProblemRow = typeof rectificationProblems.$inferSelect;
