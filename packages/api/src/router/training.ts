import { defined, inRegion } from '@dangjian/db';
import {
  orgs,
  people,
  regions,
  reserveCadres,
  secretaryAppointments,
  trainingAttendance,
  trainingClasses,
  trainingSignups,
  type TrainingClassRow,
} from '@dangjian/db/schema';
import {
  assertTrainingClassAllowed,
  attendanceSummary,
  chinaToday,
  isNewSecretary,
  isWithinRegion,
  regionCodeSchema,
  regionLevelOf,
  TRAINEE_ROLES,
  TRAINING_KINDS,
  trainingEligibility,
  yearSchema,
  isoDateSchema,
  orderClassesForTrainee,
  timeOfDay,
  timeOfDaySchema,
  type TrainingDuty,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, between, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@dangjian/db';
import { buildCalendar } from '../ics';
import { loadPolicy, ancestorCodes } from '../policy';
import { bad } from '../errors';
import { idSchema } from '../schemas';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildCoverageWorkbook } from '../xlsx/training-coverage';
import { cancelSeat, takeSeats, type SeatRequest, type SeatTaken } from '../queries/signup';
import { secretaryTrainingCoverage } from '../queries/training-coverage';

/**
 * Training classes (培训班报名): organisers create classes and enrol people in bulk; trainees
 * (secretaries with an account) sign up themselves; a full class keeps a waiting list in signup
 * order and a cancellation promotes the next person in the same transaction. Attendance per
 * session day, completion (结业), and the coverage of the yearly duties (000 §2, 002 §3).
 *
 * Capacity under concurrency (queries/signup.ts): a signup reads and checks without a lock, then
 * takes its seat or waiting-list place with one UPDATE of the class row's counters at the end of
 * its transaction (scopedProcedure runs each call in one), so the row lock is held from that
 * statement to the commit only; a cancellation locks the class row first. (class_id, person_id)
 * is unique, so a double click returns the existing signup; check constraints keep
 * confirmed_count ≤ capacity and nobody waiting while a seat is free as the last wall.
 */

/** Most people one bulk enrolment, attendance or completion call may name. */
export const MAX_BULK_PEOPLE = 2000;
/** Most not-yet-trained people a coverage answer lists (the export lists all). */
export const MAX_LISTED_MISSING = 300;

const personIdsSchema = z
  .array(idSchema)
  .min(1, '请至少选择一人')
  .max(MAX_BULK_PEOPLE, `一次最多 ${MAX_BULK_PEOPLE} 人`);

/** A class row as the front ends get it: times as 'HH:MM' (the database says 'HH:MM:SS'). */
function withTimes<T extends { startTime: string; endTime: string }>(cls: T): T {
  return { ...cls, startTime: timeOfDay(cls.startTime), endTime: timeOfDay(cls.endTime) };
}

/** 「每天 08:30–17:30」 */
function dailyTimes(cls: { startTime: string; endTime: string }): string {
  return `每天 ${timeOfDay(cls.startTime)}–${timeOfDay(cls.endTime)}`;
}

function levelOfOrganiser(code: string): 'city' | 'county' | 'township' | null {
  const level = regionLevelOf(code);
  return level === 'city' || level === 'county' || level === 'township' ? level : null;
}

/** The class if the caller may see it (inside their region, or organised by an ancestor). */
async function visibleClass(
  db: Database,
  userRegion: string,
  classId: number,
  lock = false,
): Promise<TrainingClassRow> {
  const query = db.select().from(trainingClasses).where(eq(trainingClasses.id, classId));
  const [row] = lock ? await query.for('update') : await query;
  if (
    !row ||
    !(isWithinRegion(row.regionCode, userRegion) || isWithinRegion(userRegion, row.regionCode))
  ) {
    throw new TRPCError({ code: 'NOT_FOUND', message: '培训班不存在或不在本辖区可见范围内' });
  }
  return row;
}

/** The class if the caller's region organises it (roster, attendance, completion). */
async function ownedClass(
  db: Database,
  userRegion: string,
  classId: number,
  lock = false,
): Promise<TrainingClassRow> {
  const row = await visibleClass(db, userRegion, classId, lock);
  if (!isWithinRegion(row.regionCode, userRegion)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: '只有举办单位（或其上级）可以管理本培训班的考勤和结业',
    });
  }
  return row;
}

/** Classes visible to a region: inside it, or organised by one of its ancestors. */
function visibleClassFilter(userRegion: string): SQL {
  return defined(
    or(
      inRegion(trainingClasses.regionCode, userRegion),
      inArray(trainingClasses.regionCode, ancestorCodes(userRegion)),
    ),
  );
}

/** A secretary's appointment date: the latest recorded for a current post, else the term start. */
const appointedOnSql = sql<string | null>`(
  select max(coalesce(
    (select max(a.appointed_on) from ${secretaryAppointments} a
      where a.org_id = o.id and a.person_id = "people"."id"),
    o.term_start, date '2000-01-01'))::text
  from ${orgs} o where o.secretary_id = "people"."id")`;
const reserveSql = sql<boolean>`exists (select 1 from ${reserveCadres} r
  where r.person_id = "people"."id" and r.until is null)`;
const orgNameSql = sql<string | null>`coalesce(
  (select o.name from ${orgs} o where o.secretary_id = "people"."id" order by o.id limit 1),
  (select o.name from ${reserveCadres} r join ${orgs} o on o.id = r.org_id
    where r.person_id = "people"."id" and r.until is null order by r.id limit 1))`;

interface TraineeInfo {
  id: number;
  name: string;
  regionCode: string;
  appointedOn: string | null;
  reserve: boolean;
}

async function traineeInfo(db: Database, personIds: readonly number[]): Promise<TraineeInfo[]> {
  if (personIds.length === 0) return [];
  return db
    .select({
      id: people.id,
      name: people.name,
      regionCode: people.regionCode,
      appointedOn: appointedOnSql,
      reserve: reserveSql,
    })
    .from(people)
    .where(inArray(people.id, [...personIds]));
}

function eligibilityOf(cls: TrainingClassRow, person: TraineeInfo) {
  return trainingEligibility(
    {
      regionCode: cls.regionCode,
      year: Number(cls.startDate.slice(0, 4)),
      roles: cls.eligibleRoles,
      regionCodes: cls.eligibleRegions,
      newSecretariesOnly: cls.newSecretariesOnly,
    },
    {
      regionCode: person.regionCode,
      secretaryAppointedOn: person.appointedOn,
      reserve: person.reserve,
    },
  );
}

/** 1-based place on the waiting list of a waitlisted signup (counted over the whole class). */
const positionSql = sql<number | null>`case when "training_signups"."status" = 'waitlisted' then (
  select count(*)::int from ${trainingSignups} w
  where w.class_id = "training_signups"."class_id" and w.status = 'waitlisted'
    and w.seq <= "training_signups"."seq") end`;

const waitlistedCountSql = sql<number>`(select count(*)::int from ${trainingSignups} w
  where w.class_id = "training_classes"."id" and w.status = 'waitlisted')`;

export type EnrolOutcome = 'confirmed' | 'waitlisted' | 'existing' | 'refused';
export interface EnrolResult {
  personId: number;
  name: string;
  outcome: EnrolOutcome;
  status: 'confirmed' | 'waitlisted' | null;
  /** Place on the waiting list (1 = next to be promoted). */
  position: number | null;
  reason: string | null;
}

type Audit = (e: {
  target: string;
  regionCode?: string;
  before?: unknown;
  after?: unknown;
}) => void;

interface EnrolCtx {
  db: Database;
  user: { id: number; regionCode: string };
  now: () => Date;
  audit: Audit;
}

/** The people named, with what decides their signup: who they are, and a signup they hold. */
async function enrolmentCandidates(db: Database, classId: number, ids: readonly number[]) {
  return db
    .select({
      id: people.id,
      name: people.name,
      regionCode: people.regionCode,
      appointedOn: appointedOnSql,
      reserve: reserveSql,
      status: trainingSignups.status,
      position: positionSql,
    })
    .from(people)
    .leftJoin(
      trainingSignups,
      and(eq(trainingSignups.classId, classId), eq(trainingSignups.personId, people.id)),
    )
    .where(inArray(people.id, [...ids]));
}
type Candidate = Awaited<ReturnType<typeof enrolmentCandidates>>[number];

interface EnrolPlan {
  /** Answers known before any seat is taken: an existing signup, or a refusal. */
  decided: Map<number, EnrolResult>;
  /** Who signs up now, in the order given. */
  fresh: (SeatRequest & { name: string })[];
}

/**
 * Who gets their live signup back, who is refused (a trainee's own signup is stopped instead,
 * with the reason), and who signs up now (a cancelled signup counts as none).
 */
function planEnrolment(
  cls: TrainingClassRow,
  ids: readonly number[],
  candidates: readonly Candidate[],
  refuseIneligible: boolean,
): EnrolPlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `人员不存在或不在本辖区：编号 ${missing.join('、')}`,
    });
  }
  const plan: EnrolPlan = { decided: new Map(), fresh: [] };
  for (const id of ids) {
    const person = defined(byId.get(id));
    const base = { personId: id, name: person.name, reason: null };
    if (person.status === 'confirmed' || person.status === 'waitlisted') {
      const { status, position } = person;
      plan.decided.set(id, { ...base, outcome: 'existing', status, position });
      continue;
    }
    const eligible = eligibilityOf(cls, person);
    if (eligible.eligible) {
      plan.fresh.push({ personId: id, regionCode: person.regionCode, name: person.name });
    } else if (refuseIneligible) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `不符合报名条件：${eligible.message}` });
    } else {
      const reason = eligible.message;
      plan.decided.set(id, { ...base, outcome: 'refused', status: null, position: null, reason });
    }
  }
  return plan;
}

/**
 * Signs people up for a class (as visibleClass read it), in the order given: confirmed while
 * seats last, then the waiting list. Nothing is locked while people are read and checked; the
 * seats are taken by one statement at the end (queries/signup.ts). People already signed up get
 * their signup back; a cancelled signup is re-opened at the end of the queue.
 */
async function enrol(
  ctx: EnrolCtx,
  cls: TrainingClassRow,
  personIds: readonly number[],
  refuseIneligible: boolean,
): Promise<EnrolResult[]> {
  if (chinaToday(ctx.now()) > cls.startDate) {
    bad(`培训班已于 ${cls.startDate} 开班，报名已截止`);
  }
  const ids = [...new Set(personIds)];
  // A double submit racing this call makes the seat statement undo itself (takeSeats answers
  // null); read again, when that signup is there to be returned as the existing one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const candidates = await enrolmentCandidates(ctx.db, cls.id, ids);
    const plan = planEnrolment(cls, ids, candidates, refuseIneligible);
    const seats = await takeSeats(ctx.db, {
      classId: cls.id,
      people: plan.fresh,
      at: ctx.now(),
      enrolledBy: ctx.user.id,
    });
    if (seats) return enrolResults(ctx, cls.id, ids, plan, seats);
  }
  throw new TRPCError({ code: 'CONFLICT', message: '报名的人较多，请稍后重试' });
}

/** The answers in the order asked, each new signup with its audit entry. */
function enrolResults(
  ctx: EnrolCtx,
  classId: number,
  ids: readonly number[],
  plan: EnrolPlan,
  seats: readonly SeatTaken[],
): EnrolResult[] {
  const taken = new Map(seats.map((s) => [s.personId, s]));
  const name = new Map(plan.fresh.map((p) => [p.personId, p.name]));
  for (const s of seats) {
    ctx.audit({
      target: `training_signup:${classId}:${s.personId}`,
      regionCode: s.regionCode,
      after: { status: s.status, seq: s.seq },
    });
  }
  return ids.map((id) => {
    const decided = plan.decided.get(id);
    if (decided) return decided;
    const s = defined(taken.get(id));
    const { status, position } = s;
    return {
      personId: id,
      name: name.get(id) ?? '',
      outcome: status,
      status,
      position,
      reason: null,
    };
  });
}

/**
 * Cancels a person's signup; when it held a seat, the first person on the waiting list takes it
 * in the same transaction (the class row is locked first).
 */
async function cancelSignup(ctx: EnrolCtx, classId: number, personId: number) {
  await visibleClass(ctx.db, ctx.user.regionCode, classId, true);
  return cancelSeat(ctx.db, { classId, personId, at: ctx.now(), audit: ctx.audit });
}

const createClassSchema = z
  .object({
    name: z.string().trim().min(1, '请填写培训班名称').max(100),
    trainingKind: z.enum(TRAINING_KINDS),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    /** When each class day starts and ends, China time (Asia/Shanghai). */
    startTime: timeOfDaySchema.default('08:30'),
    endTime: timeOfDaySchema.default('17:30'),
    days: z.number().int().min(1).max(366),
    hours: z.number().int().min(1).max(2000).nullable().default(null),
    venue: z.string().trim().min(1, '请填写培训地点').max(200),
    capacity: z.number().int().min(1).max(10_000),
    eligibleRoles: z.array(z.enum(TRAINEE_ROLES)).min(1, '至少选择一类报名对象'),
    eligibleRegions: z.array(regionCodeSchema).max(200).default([]),
    newSecretariesOnly: z.boolean().default(false),
    description: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((c) => c.endTime > c.startTime, {
    path: ['endTime'],
    message: '结束时间：须晚于开始时间',
  });

export type TrainingDutyKey = TrainingDuty;

export const trainingRouter = createTRPCRouter({
  /**
   * Classes the caller can see (inside their region or organised above it): those running today
   * first, then the coming ones soonest first, then past ones most recent first.
   */
  classes: scopedProcedure
    .input(z.object({ year: yearSchema.optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          cls: trainingClasses,
          waitlisted: waitlistedCountSql,
          organiser: regions.name,
        })
        .from(trainingClasses)
        .innerJoin(regions, eq(regions.code, trainingClasses.regionCode))
        .where(
          and(
            visibleClassFilter(ctx.user.regionCode),
            input.year
              ? between(trainingClasses.startDate, `${input.year}-01-01`, `${input.year}-12-31`)
              : undefined,
          ),
        )
        .orderBy(desc(trainingClasses.startDate), desc(trainingClasses.id));
      const personId = ctx.user.personId;
      const [me] = personId ? await traineeInfo(ctx.db, [personId]) : [];
      const mine = personId
        ? await ctx.db
            .select({
              classId: trainingSignups.classId,
              status: trainingSignups.status,
              position: positionSql,
              completedOn: trainingSignups.completedOn,
            })
            .from(trainingSignups)
            .where(
              and(eq(trainingSignups.personId, personId), ne(trainingSignups.status, 'cancelled')),
            )
        : [];
      const mineBy = new Map(mine.map((m) => [m.classId, m]));
      const today = chinaToday(ctx.now());
      const list = rows.map(({ cls, waitlisted, organiser }) => {
        const eligibility = me ? eligibilityOf(cls, me) : null;
        return {
          ...withTimes(cls),
          organiser,
          waitlisted,
          open: today <= cls.startDate,
          mySignup: mineBy.get(cls.id) ?? null,
          eligible: eligibility ? eligibility.eligible : null,
          ineligibleReason: eligibility && !eligibility.eligible ? eligibility.message : null,
        };
      });
      // Running today first, then the coming ones soonest first, then past ones.
      return orderClassesForTrainee(list, today);
    }),

  /** One class with its counts. */
  classById: scopedProcedure
    .input(z.object({ classId: idSchema }))
    .query(async ({ ctx, input }) => {
      const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
      const [[counts], [organiser]] = await Promise.all([
        ctx.db
          .select({ waitlisted: waitlistedCountSql })
          .from(trainingClasses)
          .where(eq(trainingClasses.id, cls.id)),
        ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, cls.regionCode)),
      ]);
      return {
        ...withTimes(cls),
        organiser: organiser?.name ?? '',
        waitlisted: counts?.waitlisted ?? 0,
        manageable: isWithinRegion(cls.regionCode, ctx.user.regionCode),
        open: chinaToday(ctx.now()) <= cls.startDate,
      };
    }),

  /** The caller's own signups (trainee accounts are linked to their person), today's first. */
  mySignups: scopedProcedure.query(async ({ ctx }) => {
    const personId = ctx.user.personId;
    if (!personId) return [];
    const rows = await ctx.db
      .select({
        id: trainingSignups.classId,
        classId: trainingSignups.classId,
        status: trainingSignups.status,
        position: positionSql,
        signedUpAt: trainingSignups.signedUpAt,
        completedOn: trainingSignups.completedOn,
        name: trainingClasses.name,
        kind: trainingClasses.kind,
        startDate: trainingClasses.startDate,
        endDate: trainingClasses.endDate,
        startTime: trainingClasses.startTime,
        endTime: trainingClasses.endTime,
        venue: trainingClasses.venue,
        days: trainingClasses.days,
      })
      .from(trainingSignups)
      .innerJoin(trainingClasses, eq(trainingClasses.id, trainingSignups.classId))
      .where(and(eq(trainingSignups.personId, personId), ne(trainingSignups.status, 'cancelled')));
    return orderClassesForTrainee(rows.map(withTimes), chinaToday(ctx.now()));
  }),

  /**
   * The caller's own attendance and completion in each class she signed up for (我的出勤): per
   * class day up to today present, absent or not yet marked, and her completion. Only her own
   * rows (by the person the account is linked to); an account without a person gets none.
   */
  myAttendance: scopedProcedure.query(async ({ ctx }) => {
    const personId = ctx.user.personId;
    if (!personId) return [];
    const [signups, marks] = await Promise.all([
      ctx.db
        .select({
          id: trainingSignups.classId,
          status: trainingSignups.status,
          position: positionSql,
          completedOn: trainingSignups.completedOn,
          completedDays: trainingSignups.completedDays,
          name: trainingClasses.name,
          kind: trainingClasses.kind,
          startDate: trainingClasses.startDate,
          endDate: trainingClasses.endDate,
          startTime: trainingClasses.startTime,
          endTime: trainingClasses.endTime,
          days: trainingClasses.days,
          venue: trainingClasses.venue,
        })
        .from(trainingSignups)
        .innerJoin(trainingClasses, eq(trainingClasses.id, trainingSignups.classId))
        .where(
          and(eq(trainingSignups.personId, personId), ne(trainingSignups.status, 'cancelled')),
        ),
      ctx.db
        .select({
          classId: trainingAttendance.classId,
          sessionDate: trainingAttendance.sessionDate,
          present: trainingAttendance.present,
        })
        .from(trainingAttendance)
        .where(eq(trainingAttendance.personId, personId)),
    ]);
    const today = chinaToday(ctx.now());
    const marksOf = new Map<number, { sessionDate: string; present: boolean }[]>();
    for (const m of marks) marksOf.set(m.classId, [...(marksOf.get(m.classId) ?? []), m]);
    const rows = signups.map((s) => ({
      ...withTimes(s),
      classId: s.id,
      attendance: attendanceSummary(s, marksOf.get(s.id) ?? [], today),
    }));
    return orderClassesForTrainee(rows, today);
  }),

  /** Creates a class in the caller's region (002 §3: a new-secretary class lasts ≥ 3 days). */
  createClass: scopedProcedure.input(createClassSchema).mutation(async ({ ctx, input }) => {
    const level = levelOfOrganiser(ctx.user.regionCode);
    if (!level) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: '培训班由市、县（市、区）或乡镇（街道）举办',
      });
    }
    const outside = input.eligibleRegions.filter((c) => !isWithinRegion(c, ctx.user.regionCode));
    if (outside.length > 0) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `限定区域须在本辖区内：${outside.join('、')}`,
      });
    }
    const year = Number(input.startDate.slice(0, 4));
    const policy = await loadPolicy(ctx.db, ctx.user.regionCode, year);
    assertTrainingClassAllowed(
      {
        id: 'new',
        name: input.name,
        level,
        regionCode: ctx.user.regionCode,
        kind: input.trainingKind,
        startDate: input.startDate,
        endDate: input.endDate,
        startTime: input.startTime,
        endTime: input.endTime,
        days: input.days,
        capacity: input.capacity,
      },
      policy,
    );
    const [row] = await ctx.db
      .insert(trainingClasses)
      .values({
        name: input.name,
        kind: input.trainingKind,
        level,
        regionCode: ctx.user.regionCode,
        startDate: input.startDate,
        endDate: input.endDate,
        startTime: input.startTime,
        endTime: input.endTime,
        days: input.days,
        hours: input.hours,
        venue: input.venue,
        capacity: input.capacity,
        eligibleRoles: input.eligibleRoles,
        eligibleRegions: input.eligibleRegions,
        newSecretariesOnly: input.newSecretariesOnly,
        description: input.description,
        createdBy: ctx.user.id,
      })
      .returning();
    ctx.audit({
      target: `training_class:${defined(row).id}`,
      regionCode: defined(row).regionCode,
      after: row,
    });
    return withTimes(defined(row));
  }),

  /** A trainee signs themself up: confirmed while seats last, else on the waiting list. */
  signup: scopedProcedure
    .input(z.object({ classId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
      const personId = ctx.user.personId;
      if (!personId) {
        bad('当前账号未关联学员（人员）信息，不能自行报名，请联系组织部门');
      }
      const [result] = await enrol(ctx, cls, [personId], true);
      return defined(result);
    }),

  /** A trainee cancels their own signup; the next person on the waiting list is promoted. */
  cancel: scopedProcedure
    .input(z.object({ classId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
      const personId = ctx.user.personId;
      if (!personId) {
        bad('当前账号未关联学员（人员）信息');
      }
      return cancelSignup(ctx, input.classId, personId);
    }),

  /** A department enrols its people in bulk; ineligible people are listed with the reason. */
  enrol: scopedProcedure
    .input(z.object({ classId: idSchema, personIds: personIdsSchema }))
    .mutation(async ({ ctx, input }) => {
      const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
      const results = await enrol(ctx, cls, input.personIds, false);
      return {
        results,
        confirmed: results.filter((r) => r.outcome === 'confirmed').length,
        waitlisted: results.filter((r) => r.outcome === 'waitlisted').length,
        existing: results.filter((r) => r.outcome === 'existing').length,
        refused: results.filter((r) => r.outcome === 'refused').length,
      };
    }),

  /**
   * A department withdraws its people (every one named, in the order given); each freed seat goes
   * to the first on the waiting list. All or nothing: one transaction.
   */
  withdraw: scopedProcedure
    .input(z.object({ classId: idSchema, personIds: personIdsSchema }))
    .mutation(async ({ ctx, input }) => {
      const ids = [...new Set(input.personIds)];
      const found = await ctx.db
        .select({ id: people.id })
        .from(people)
        .where(and(inArray(people.id, ids), inRegion(people.regionCode, ctx.user.regionCode)));
      if (found.length !== ids.length) {
        const ok = new Set(found.map((p) => p.id));
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `人员不存在或不在本辖区：编号 ${ids.filter((id) => !ok.has(id)).join('、')}`,
        });
      }
      const cancelled: { personId: number; status: 'confirmed' | 'waitlisted' | 'cancelled' }[] =
        [];
      const promoted: { personId: number; seq: number }[] = [];
      // One after another: each call locks the class row and reads its seat count afresh.
      for (const personId of ids) {
        const r = await cancelSignup(ctx, input.classId, personId);
        cancelled.push(r.cancelled);
        if (r.promoted) promoted.push(r.promoted);
      }
      return { cancelled, promoted };
    }),

  /**
   * The roster of a class: confirmed and waitlisted people (the caller's region's people only),
   * waiting-list places counted over the whole class, attendance per session day.
   */
  roster: scopedProcedure.input(z.object({ classId: idSchema })).query(async ({ ctx, input }) => {
    const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
    const [rows, attendance] = await Promise.all([
      ctx.db
        .select({
          personId: trainingSignups.personId,
          name: people.name,
          regionCode: trainingSignups.regionCode,
          regionName: regions.name,
          orgName: orgNameSql,
          status: trainingSignups.status,
          seq: trainingSignups.seq,
          position: positionSql,
          signedUpAt: trainingSignups.signedUpAt,
          completedOn: trainingSignups.completedOn,
          completedDays: trainingSignups.completedDays,
        })
        .from(trainingSignups)
        .innerJoin(people, eq(people.id, trainingSignups.personId))
        .innerJoin(regions, eq(regions.code, trainingSignups.regionCode))
        .where(
          and(
            eq(trainingSignups.classId, cls.id),
            ne(trainingSignups.status, 'cancelled'),
            inRegion(trainingSignups.regionCode, ctx.user.regionCode),
          ),
        )
        .orderBy(asc(trainingSignups.status), asc(trainingSignups.seq)),
      ctx.db
        .select({
          personId: trainingAttendance.personId,
          sessionDate: trainingAttendance.sessionDate,
          present: trainingAttendance.present,
        })
        .from(trainingAttendance)
        .where(
          and(
            eq(trainingAttendance.classId, cls.id),
            inRegion(trainingAttendance.regionCode, ctx.user.regionCode),
          ),
        ),
    ]);
    const byPerson = new Map<number, Record<string, boolean>>();
    for (const a of attendance) {
      byPerson.set(a.personId, { ...byPerson.get(a.personId), [a.sessionDate]: a.present });
    }
    const sessions: string[] = [];
    for (
      let t = Date.parse(`${cls.startDate}T00:00:00Z`);
      t <= Date.parse(`${cls.endDate}T00:00:00Z`);
      t += 86_400_000
    )
      sessions.push(new Date(t).toISOString().slice(0, 10));
    return {
      sessions,
      manageable: isWithinRegion(cls.regionCode, ctx.user.regionCode),
      today: chinaToday(ctx.now()),
      rows: rows.map((r) => ({ ...r, attendance: byPerson.get(r.personId) ?? {} })),
    };
  }),

  /** People of a region a department can enrol: secretaries or reserve cadres, with eligibility. */
  candidates: scopedProcedure
    .input(
      z.object({
        classId: idSchema,
        regionCode: regionCodeSchema,
        role: z.enum(TRAINEE_ROLES),
        newSecretariesOnly: z.boolean().default(false),
      }),
    )
    .query(async ({ ctx, input }) => {
      const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
      const year = Number(cls.startDate.slice(0, 4));
      const base =
        input.role === 'secretary'
          ? ctx.db
              .selectDistinct({ id: people.id })
              .from(orgs)
              .innerJoin(people, eq(people.id, orgs.secretaryId))
              .where(inRegion(orgs.regionCode, input.regionCode))
          : ctx.db
              .selectDistinct({ id: people.id })
              .from(reserveCadres)
              .innerJoin(people, eq(people.id, reserveCadres.personId))
              .where(inRegion(reserveCadres.regionCode, input.regionCode));
      const ids = (await base).map((r) => r.id);
      const infos = await traineeInfo(ctx.db, ids);
      const [signups, details] = await Promise.all([
        ids.length > 0
          ? ctx.db
              .select({ personId: trainingSignups.personId, status: trainingSignups.status })
              .from(trainingSignups)
              .where(
                and(
                  eq(trainingSignups.classId, cls.id),
                  inArray(trainingSignups.personId, ids),
                  ne(trainingSignups.status, 'cancelled'),
                ),
              )
          : [],
        ids.length > 0
          ? ctx.db
              .select({ id: people.id, orgName: orgNameSql, regionName: regions.name })
              .from(people)
              .innerJoin(regions, eq(regions.code, people.regionCode))
              .where(inArray(people.id, ids))
          : [],
      ]);
      const signed = new Map(signups.map((s) => [s.personId, s.status]));
      const detail = new Map(details.map((d) => [d.id, d]));
      return infos
        .filter(
          (p) =>
            !input.newSecretariesOnly ||
            (p.appointedOn !== null && isNewSecretary(p.appointedOn, year)),
        )
        .map((p) => {
          const e = eligibilityOf(cls, p);
          return {
            personId: p.id,
            name: p.name,
            regionCode: p.regionCode,
            regionName: detail.get(p.id)?.regionName ?? '',
            orgName: detail.get(p.id)?.orgName ?? null,
            appointedOn: p.appointedOn,
            reserve: p.reserve,
            newSecretary: p.appointedOn !== null && isNewSecretary(p.appointedOn, year),
            signup: signed.get(p.id) ?? null,
            eligible: e.eligible,
            reason: e.eligible ? null : e.message,
          };
        })
        .sort((a, b) =>
          a.regionCode < b.regionCode
            ? -1
            : a.regionCode > b.regionCode
              ? 1
              : a.personId - b.personId,
        );
    }),

  /** Marks attendance for one session day (签到), for confirmed people of the class. */
  markAttendance: scopedProcedure
    .input(
      z.object({
        classId: idSchema,
        sessionDate: isoDateSchema,
        personIds: personIdsSchema,
        present: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const cls = await ownedClass(ctx.db, ctx.user.regionCode, input.classId, true);
      if (input.sessionDate < cls.startDate || input.sessionDate > cls.endDate) {
        bad(
          `培训日期：${input.sessionDate} 不在培训班起止日期（${cls.startDate} 至 ${cls.endDate}）内`,
        );
      }
      if (input.sessionDate > chinaToday(ctx.now())) {
        bad('培训日期：不能为尚未到来的日期签到');
      }
      const ids = [...new Set(input.personIds)];
      const signups = await ctx.db
        .select({ personId: trainingSignups.personId, regionCode: trainingSignups.regionCode })
        .from(trainingSignups)
        .where(
          and(
            eq(trainingSignups.classId, cls.id),
            inArray(trainingSignups.personId, ids),
            eq(trainingSignups.status, 'confirmed'),
            inRegion(trainingSignups.regionCode, ctx.user.regionCode),
          ),
        );
      if (signups.length !== ids.length) {
        const ok = new Set(signups.map((s) => s.personId));
        bad(
          `以下人员不是本班已确认的学员，不能签到：编号 ${ids.filter((id) => !ok.has(id)).join('、')}`,
        );
      }
      const now = ctx.now();
      await ctx.db
        .insert(trainingAttendance)
        .values(
          signups.map((s) => ({
            classId: cls.id,
            personId: s.personId,
            sessionDate: input.sessionDate,
            regionCode: s.regionCode,
            present: input.present,
            markedBy: ctx.user.id,
            markedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [
            trainingAttendance.classId,
            trainingAttendance.personId,
            trainingAttendance.sessionDate,
          ],
          set: { present: input.present, markedBy: ctx.user.id, markedAt: now },
        });
      ctx.audit({
        target: `training_class:${cls.id}:attendance:${input.sessionDate}`,
        regionCode: cls.regionCode,
        after: { personIds: ids, present: input.present },
      });
      return { marked: signups.length };
    }),

  /**
   * Completion (结业): each named confirmed person who attended at least one session completes
   * the class; the record (date = the class's last day, or today if it has not ended; days =
   * sessions attended, at most the class's days) counts toward their yearly duties.
   */
  complete: scopedProcedure
    .input(z.object({ classId: idSchema, personIds: personIdsSchema }))
    .mutation(async ({ ctx, input }) => {
      const cls = await ownedClass(ctx.db, ctx.user.regionCode, input.classId, true);
      const today = chinaToday(ctx.now());
      if (today < cls.startDate) {
        bad('培训班尚未开班，不能结业');
      }
      const ids = [...new Set(input.personIds)];
      const rows = await ctx.db
        .select({
          personId: trainingSignups.personId,
          name: people.name,
          regionCode: trainingSignups.regionCode,
          status: trainingSignups.status,
          attended: sql<number>`(select count(*)::int from ${trainingAttendance} a
            where a.class_id = "training_signups"."class_id" and a.person_id = "training_signups"."person_id"
              and a.present)`,
        })
        .from(trainingSignups)
        .innerJoin(people, eq(people.id, trainingSignups.personId))
        .where(
          and(
            eq(trainingSignups.classId, cls.id),
            inArray(trainingSignups.personId, ids),
            inRegion(trainingSignups.regionCode, ctx.user.regionCode),
          ),
        );
      const found = new Map(rows.map((r) => [r.personId, r]));
      const notConfirmed = ids.filter((id) => found.get(id)?.status !== 'confirmed');
      if (notConfirmed.length > 0) {
        bad(`以下人员不是本班已确认的学员，不能结业：编号 ${notConfirmed.join('、')}`);
      }
      const absent = rows.filter((r) => r.attended === 0);
      if (absent.length > 0) {
        bad(`以下学员没有出勤记录，不能结业：${absent.map((r) => r.name).join('、')}`);
      }
      const completedOn = today < cls.endDate ? today : cls.endDate;
      await ctx.db
        .update(trainingSignups)
        .set({
          completedOn,
          completedDays: sql`least(${cls.days}, (select count(*) from ${trainingAttendance} a
            where a.class_id = "training_signups"."class_id" and a.person_id = "training_signups"."person_id"
              and a.present))`,
        })
        .where(and(eq(trainingSignups.classId, cls.id), inArray(trainingSignups.personId, ids)));
      for (const r of rows) {
        ctx.audit({
          target: `training_signup:${cls.id}:${r.personId}`,
          regionCode: r.regionCode,
          after: { completedOn, days: Math.min(cls.days, r.attended) },
        });
      }
      return { completed: rows.length, completedOn };
    }),

  /**
   * Coverage of the yearly duties for a region (000 §2, 002 §3): per child region, how many owe
   * each duty and how many fulfilled it, and who has not been trained yet.
   */
  coverage: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const c = await secretaryTrainingCoverage(
        ctx.db,
        input.regionCode,
        input.year,
        chinaToday(ctx.now()),
        MAX_LISTED_MISSING,
      );
      return c;
    }),

  /** The coverage as an .xlsx: the summary per child region and everyone not yet trained. */
  coverageExport: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const c = await secretaryTrainingCoverage(
        ctx.db,
        input.regionCode,
        input.year,
        chinaToday(ctx.now()),
      );
      const base64 = await buildCoverageWorkbook(c);
      return {
        filename: `${c.region.name}${input.year}年度书记培训覆盖情况.xlsx`,
        base64,
      };
    }),

  /** The class as an iCalendar file (.ics) for the trainee's calendar. */
  ics: scopedProcedure.input(z.object({ classId: idSchema })).query(async ({ ctx, input }) => {
    const cls = await visibleClass(ctx.db, ctx.user.regionCode, input.classId);
    const text = buildCalendar(cls.name, [
      {
        uid: `training-class-${cls.id}@dangjian`,
        start: cls.startDate,
        end: cls.endDate,
        startTime: timeOfDay(cls.startTime),
        endTime: timeOfDay(cls.endTime),
        summary: cls.name,
        location: cls.venue,
        description: [
          `培训天数：${cls.days} 天${cls.hours ? `（${cls.hours} 学时）` : ''}，${dailyTimes(cls)}（北京时间）`,
          cls.description,
        ]
          .filter(Boolean)
          .join('\n'),
        stamp: ctx.now(),
      },
    ]);
    return {
      filename: `${cls.name}.ics`,
      base64: Buffer.from(text, 'utf8').toString('base64'),
    };
  }),
});
