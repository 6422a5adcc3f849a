import type { Database } from '@dangjian/db';
import { trainingClasses, trainingSignups } from '@dangjian/db/schema';
import { TRPCError } from '@trpc/server';
import { and, eq, ne, sql } from 'drizzle-orm';
import { bad } from '../errors';

/**
 * The seats of a training class under concurrency (issue 19: 2,000 trainees for 100 seats).
 *
 * A signup takes its seat, or its place on the waiting list, with ONE statement at the end of its
 * transaction: an UPDATE of the class row's counters (signup_seq, confirmed_count,
 * waitlisted_count) that decides confirmed or waitlisted from the counters as they stand when the
 * row lock is granted, the signup rows inserted from what it returns (the unique key on
 * (class_id, person_id) is the duplicate check), and the waiting-list places derived from the
 * counter. The row lock is held from that statement to the commit, not for the whole request:
 * everything before it (the class, the person, eligibility, an existing signup) is read without
 * a lock.
 *
 * The counters alone tell who got a seat: the check constraint training_classes_waitlist keeps
 * nobody waiting while a seat is free, so with n people and W the waiting list after the update,
 * the first max(0, n − W) of them got seats. training_classes_seats (confirmed ≤ capacity) stays
 * the last wall.
 *
 * A cancellation locks the class row first (SELECT … FOR UPDATE, in the caller), then frees the
 * seat and promotes the first on the waiting list; it is rare, so it keeps the simple protocol.
 */

export interface SeatRequest {
  personId: number;
  /** The person's region (the signup row's, for scope and row-level security). */
  regionCode: string;
}

export interface SeatTaken extends SeatRequest {
  status: 'confirmed' | 'waitlisted';
  seq: number;
  /** Place on the waiting list (1 = next to be promoted); null with a seat. */
  position: number | null;
}

interface SeatRow {
  person_id: number;
  status: 'confirmed' | 'waitlisted';
  seq: number;
  seq0: number;
  waitlisted: number;
}

/** The one statement: counters, signup rows (a cancelled row re-opens at the end of the queue). */
function seatStatement(input: {
  classId: number;
  people: readonly SeatRequest[];
  at: Date;
  enrolledBy: number;
}) {
  const n = input.people.length;
  const at = input.at.toISOString();
  return sql`
    with c as (
      update ${trainingClasses} set
        signup_seq = signup_seq + ${n}::int,
        confirmed_count = least(capacity, confirmed_count + ${n}::int),
        waitlisted_count = waitlisted_count + ${n}::int
          - (least(capacity, confirmed_count + ${n}::int) - confirmed_count)
      where id = ${input.classId}
      returning signup_seq - ${n}::int as seq0, waitlisted_count as waitlisted
    ),
    p as (
      select * from unnest(
        ${sql.param(input.people.map((p) => p.personId))}::int[],
        ${sql.param(input.people.map((p) => p.regionCode))}::varchar[]
      ) with ordinality as p(person_id, region_code, ord)
    ),
    v as (
      select p.person_id, p.region_code, (c.seq0 + p.ord)::int as seq,
        (case when p.ord <= ${n}::int - c.waitlisted then 'confirmed' else 'waitlisted' end)
          ::training_signup_status as status
      from c cross join p
    ),
    ins as (
      insert into ${trainingSignups} as s
        (class_id, person_id, region_code, status, seq, signed_up_at, confirmed_at, enrolled_by)
      select ${input.classId}, v.person_id, v.region_code, v.status, v.seq, ${at}::timestamptz,
        case when v.status = 'confirmed' then ${at}::timestamptz end, ${input.enrolledBy}::int
      from v
      on conflict (class_id, person_id) do update set
        status = excluded.status, seq = excluded.seq, signed_up_at = excluded.signed_up_at,
        confirmed_at = excluded.confirmed_at, cancelled_at = null,
        enrolled_by = excluded.enrolled_by, completed_on = null, completed_days = null
      where s.status = 'cancelled'
      returning s.person_id, s.status, s.seq
    )
    select ins.person_id, ins.status, ins.seq, c.seq0, c.waitlisted from ins cross join c`;
}

/**
 * Signs `people` up (in the order given, none already holding a live signup as last read),
 * seats first, then the waiting list. Returns null, having undone the statement (rolled back
 * to a savepoint), when one of them signed up meanwhile (a double submit racing this one): the
 * caller reads again and retries.
 */
export async function takeSeats(
  db: Database,
  input: { classId: number; people: readonly SeatRequest[]; at: Date; enrolledBy: number },
): Promise<SeatTaken[] | null> {
  const n = input.people.length;
  if (n === 0) return [];
  await db.execute(sql`savepoint take_seats`);
  // Both drivers (node-postgres and PGlite) answer raw SQL with `{ rows }`.
  const result: unknown = await db.execute(seatStatement(input));
  const { rows } = result as { rows: SeatRow[] };
  if (rows.length !== n) {
    await db.execute(sql`rollback to savepoint take_seats`);
    return null;
  }
  const region = new Map(input.people.map((p) => [p.personId, p.regionCode]));
  return rows.map((r) => ({
    personId: r.person_id,
    regionCode: region.get(r.person_id) ?? '',
    status: r.status,
    seq: r.seq,
    // The batch's waitlisted are its last ones: the k-th of n is W − n + k on a list of W.
    position: r.status === 'waitlisted' ? r.waitlisted - n + (r.seq - r.seq0) : null,
  }));
}

type Audit = (e: {
  target: string;
  regionCode?: string;
  before?: unknown;
  after?: unknown;
}) => void;

/** Confirms the first on the waiting list (by seq), if anyone waits. */
async function promoteFirstWaiting(db: Database, classId: number, at: Date) {
  const [next] = await db
    .update(trainingSignups)
    .set({ status: 'confirmed', confirmedAt: at })
    .where(
      sql`${trainingSignups.id} = (select w.id from ${trainingSignups} w
        where w.class_id = ${classId} and w.status = 'waitlisted' order by w.seq limit 1)`,
    )
    .returning({
      personId: trainingSignups.personId,
      seq: trainingSignups.seq,
      regionCode: trainingSignups.regionCode,
    });
  return next ?? null;
}

/**
 * Cancels a person's live signup; a freed seat goes to the first on the waiting list. The caller
 * has locked the class row (SELECT … FOR UPDATE) in this transaction, so the counters and the
 * waiting list read here stay true until the commit.
 */
export async function cancelSeat(
  db: Database,
  input: { classId: number; personId: number; at: Date; audit: Audit },
) {
  const { classId, personId, at } = input;
  const [signup] = await db
    .select({
      id: trainingSignups.id,
      status: trainingSignups.status,
      seq: trainingSignups.seq,
      regionCode: trainingSignups.regionCode,
      completedOn: trainingSignups.completedOn,
    })
    .from(trainingSignups)
    .where(
      and(
        eq(trainingSignups.classId, classId),
        eq(trainingSignups.personId, personId),
        ne(trainingSignups.status, 'cancelled'),
      ),
    );
  if (!signup) {
    throw new TRPCError({ code: 'NOT_FOUND', message: '没有找到该报名，或报名已取消' });
  }
  if (signup.completedOn) bad('该学员已结业，不能取消报名');
  await db
    .update(trainingSignups)
    .set({ status: 'cancelled', cancelledAt: at })
    .where(eq(trainingSignups.id, signup.id));
  input.audit({
    target: `training_signup:${classId}:${personId}`,
    regionCode: signup.regionCode,
    before: { status: signup.status, seq: signup.seq },
    after: { status: 'cancelled' },
  });
  const next = signup.status === 'confirmed' ? await promoteFirstWaiting(db, classId, at) : null;
  if (next) {
    input.audit({
      target: `training_signup:${classId}:${next.personId}`,
      regionCode: next.regionCode,
      before: { status: 'waitlisted', seq: next.seq },
      after: { status: 'confirmed', promotedFrom: 'waitlist' },
    });
  }
  await countCancellation(db, classId, signup.status === 'confirmed' && !next);
  return {
    cancelled: { personId, status: signup.status },
    promoted: next ? { personId: next.personId, seq: next.seq } : null,
  };
}

/**
 * The counters after a cancellation: a seat freed with nobody waiting is one seat fewer taken;
 * otherwise (a waitlisted person left, or the first in line took the seat) one fewer waits.
 */
async function countCancellation(db: Database, classId: number, seatFreed: boolean) {
  await db
    .update(trainingClasses)
    .set(
      seatFreed
        ? { confirmedCount: sql`${trainingClasses.confirmedCount} - 1` }
        : { waitlistedCount: sql`${trainingClasses.waitlistedCount} - 1` },
    )
    .where(eq(trainingClasses.id, classId));
}
