import { TRAINEE_ROLES, TRAINING_KINDS } from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
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
  time,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orgs, people } from './orgs';
import { regions } from './regions';

/**
 * Training (培训, 000 §2, 001 §6, 002 §3, 003 §3.3): who the trainees are (secretaries with their
 * appointment date, reserve cadres), the classes, signups with a waiting list, attendance per
 * session and completion. Row-level security: drizzle/0008_training_security.sql.
 */

export const trainingKind = pgEnum('training_kind', TRAINING_KINDS);
export const trainingLevel = pgEnum('training_level', ['city', 'county', 'township']);
export const traineeRole = pgEnum('trainee_role', TRAINEE_ROLES);
export const signupStatus = pgEnum('training_signup_status', [
  'confirmed',
  'waitlisted',
  'cancelled',
]);

/**
 * When each secretary took office in each org (换届 or 调整). The org row holds the current
 * secretary; this table when they were appointed, for the new-secretary duty (002 §3).
 */
export const secretaryAppointments = pgTable(
  'secretary_appointments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The org's region (scope and row-level security). */
    regionCode: varchar({ length: 12 }).notNull(),
    appointedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
  },
  (t) => [
    uniqueIndex('secretary_appointments_org_person_key').on(t.orgId, t.personId, t.appointedOn),
    index('secretary_appointments_person_idx').on(t.personId),
    index('secretary_appointments_region_idx').on(t.regionCode),
  ],
);

/** Reserve cadres (后备干部, 001 §8, 003 §3.2): candidates for an org's secretary post. */
export const reserveCadres = pgTable(
  'reserve_cadres',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    since: date({ mode: 'string' }).notNull(),
    until: date({ mode: 'string' }),
  },
  (t) => [
    uniqueIndex('reserve_cadres_person_org_key').on(t.personId, t.orgId),
    index('reserve_cadres_region_idx').on(t.regionCode),
  ],
);

/**
 * A training class. `regionCode` is the organiser's region: the class is visible to, and open
 * for, people inside it (narrowed by `eligibleRegions`). `confirmedCount`, `waitlistedCount` and
 * `signupSeq` are the seat, waiting-list and queue counters: a signup takes its seat or its place
 * with one UPDATE of this row (the row lock held from there to the commit), a cancellation locks
 * the row first; so the capacity holds under concurrent signups. The check constraints are the
 * last wall: never more confirmed than seats, and nobody waiting while a seat is free (which lets
 * a signup tell from the counters it wrote alone whether it got a seat).
 */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: trainingKind().notNull(),
    level: trainingLevel().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    /**
     * When each class day starts and ends, China time (Asia/Shanghai): 'HH:MM:SS'. Classes created
     * before these columns existed read the usual 08:30–17:30.
     */
    startTime: time().notNull().default('08:30'),
    endTime: time().notNull().default('17:30'),
    days: smallint().notNull(),
    hours: smallint(),
    venue: text().notNull(),
    capacity: integer().notNull(),
    eligibleRoles: traineeRole().array().notNull(),
    eligibleRegions: varchar({ length: 12 })
      .array()
      .notNull()
      .default(sql`'{}'`),
    newSecretariesOnly: boolean().notNull().default(false),
    description: text(),
    confirmedCount: integer().notNull().default(0),
    waitlistedCount: integer().notNull().default(0),
    signupSeq: integer().notNull().default(0),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('training_classes_region_start_idx').on(t.regionCode, t.startDate),
    check('training_classes_dates', sql`${t.endDate} >= ${t.startDate}`),
    check(
      'training_classes_days',
      sql`${t.days} > 0 AND ${t.days} <= ${t.endDate} - ${t.startDate} + 1`,
    ),
    check('training_classes_capacity', sql`${t.capacity} > 0`),
    check('training_classes_times', sql`${t.endTime} > ${t.startTime}`),
    check(
      'training_classes_seats',
      sql`${t.confirmedCount} >= 0 AND ${t.confirmedCount} <= ${t.capacity}`,
    ),
    check(
      'training_classes_waitlist',
      sql`${t.waitlistedCount} >= 0 AND (${t.waitlistedCount} = 0 OR ${t.confirmedCount} = ${t.capacity})`,
    ),
  ],
);

/**
 * One person's signup for one class (unique: a double click returns the existing row). `seq` is
 * the order of signing up within the class (from the class's signupSeq); the waiting list is the
 * waitlisted rows in `seq` order. `regionCode` is the person's region. Completion (结业) is
 * recorded here: completedOn and the days attended, which count toward the yearly duties.
 */
export const trainingSignups = pgTable(
  'training_signups',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    classId: integer()
      .notNull()
      .references(() => trainingClasses.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    regionCode: varchar({ length: 12 }).notNull(),
    status: signupStatus().notNull(),
    seq: integer().notNull(),
    signedUpAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Who entered it: the trainee themself, or the organiser who enrolled them. */
    enrolledBy: integer().references(() => users.id),
    completedOn: date({ mode: 'string' }),
    completedDays: smallint(),
  },
  (t) => [
    uniqueIndex('training_signups_class_person_key').on(t.classId, t.personId),
    index('training_signups_class_status_seq_idx').on(t.classId, t.status, t.seq),
    index('training_signups_person_idx').on(t.personId),
    index('training_signups_region_idx').on(t.regionCode),
    check(
      'training_signups_completion',
      sql`${t.completedOn} IS NULL OR (${t.status} = 'confirmed' AND ${t.completedDays} > 0)`,
    ),
  ],
);

/** Attendance per session day (签到). */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    classId: integer()
      .notNull()
      .references(() => trainingClasses.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    sessionDate: date({ mode: 'string' }).notNull(),
    regionCode: varchar({ length: 12 }).notNull(),
    present: boolean().notNull(),
    markedBy: integer().references(() => users.id),
    markedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.classId, t.personId, t.sessionDate] }),
    index('training_attendance_region_idx').on(t.regionCode),
  ],
);

export type TrainingClassRow = typeof trainingClasses.$inferSelect;
export type TrainingSignupRow = typeof trainingSignups.$inferSelect;
