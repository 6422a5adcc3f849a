import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { grade } from './grading';
import { orgs, people } from './orgs';
import { regions } from './regions';

/** An organisation of the scheme not paid in a run (snapshot at commit time). */
export interface PayRunUnpaid {
  orgId: number;
  orgName: string;
  regionCode: string;
  villageName: string;
  reason: string;
}

export const payMode = pgEnum('pay_mode', ['base', 'pool']);
export const payRunStatus = pgEnum('pay_run_status', ['committed', 'superseded']);

/**
 * A committed pay run for one township and year (001 §7: 以乡镇为单位 … 1:0.9:0.8:0.7). Immutable once
 * committed (a trigger allows only committed → superseded); a correction is a new run that
 * supersedes it. Carries the policy version used. `regionCode` is the township's code.
 */
export const payRuns = pgTable(
  'pay_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    year: smallint().notNull(),
    mode: payMode().notNull(),
    baseFen: bigint({ mode: 'number' }).notNull(),
    poolFen: bigint({ mode: 'number' }),
    totalFen: bigint({ mode: 'number' }).notNull(),
    policyVersion: text().notNull(),
    /** The policy in force in people's words when the run was made (shown instead of the version). */
    policyLabel: text(),
    /**
     * Organisations in the scheme that were not paid in this run (no secretary in office), with
     * the reason, as listed when it was committed.
     */
    unpaid: jsonb().$type<PayRunUnpaid[]>().notNull().default([]),
    status: payRunStatus().notNull().default('committed'),
    supersedesId: integer().references((): AnyPgColumn => payRuns.id),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pay_runs_region_year_idx').on(t.regionCode, t.year)],
);

/** One secretary's amount in a run. `ratioPermille` is the grade ratio × 1000 (0.9 → 900). */
export const payRunLines = pgTable(
  'pay_run_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    runId: integer()
      .notNull()
      .references(() => payRuns.id),
    regionCode: varchar({ length: 12 }).notNull(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    secretaryId: integer().references(() => people.id),
    grade: grade().notNull(),
    ratioPermille: smallint().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    index('pay_run_lines_run_id_idx').on(t.runId),
    index('pay_run_lines_region_code_idx').on(t.regionCode),
    // Foreign keys: an organisation's or a person's pay history, and deletes of either.
    index('pay_run_lines_org_id_idx').on(t.orgId),
    index('pay_run_lines_secretary_id_idx').on(t.secretaryId),
  ],
);

export const payRegionJobStatus = pgEnum('pay_region_job_status', [
  'pending',
  'done',
  'cancelled',
  'failed',
]);

/**
 * A county- or city-wide pay run (001 §17 基本报酬实行统一打卡发放): one row per run of
 * `pay.commitRegion`, committed before the run starts so that any server process can show its
 * state and take a cancel. `pending` until the run's own transaction commits it `done` (with its
 * counts) or records why it `failed`; `cancelled` by the user before it finished (the run then
 * rolls back). `regionCode` is the county's or the city's code.
 */
export const payRegionJobs = pgTable(
  'pay_region_jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    year: smallint().notNull(),
    baseFen: bigint({ mode: 'number' }).notNull(),
    status: payRegionJobStatus().notNull().default('pending'),
    townshipsTotal: integer().notNull(),
    townshipsDone: integer().notNull().default(0),
    lineCount: integer().notNull().default(0),
    totalFen: bigint({ mode: 'number' }).notNull().default(0),
    message: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('pay_region_jobs_region_year_idx').on(t.regionCode, t.year)],
);
