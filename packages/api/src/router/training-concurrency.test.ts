import { defined } from '@dangjian/db';
/**
 * Capacity under concurrency on a real PostgreSQL server (PGlite runs one statement at a time, so
 * it cannot show a race): hundreds of trainees, each with their own account and session, sign up
 * for the last seats at the same moment through the router. Without TEST_DATABASE_URL (no server)
 * a developer's run reports these tests as skipped, under their own names and with the reason on
 * the console; in CI (CI=true) a missing server fails the run instead (requirePostgres).
 */
import type { DatabaseHandle } from '@dangjian/db';
import { createSession } from '../auth/session';
import { orgs, trainingClasses, trainingSignups, users } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, requirePostgres, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { callerAs, createTestContext, memoryCookieJar } from '../testing';

const PG = requirePostgres('training signups under concurrency (520 trainees, 50 seats)');
const NOW = new Date('2026-06-01T01:00:00Z');
const now = () => NOW;
const TRAINEES = 520;
const SEATS = 50;

describe.runIf(PG)('training signups under concurrency on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let callers: { personId: number; api: ReturnType<typeof createCaller> }[];

  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    // One trainee account per secretary (distinct people), each with its own session.
    const secretaries = await handle.db
      .selectDistinct({ personId: orgs.secretaryId, regionCode: orgs.regionCode })
      .from(orgs)
      .where(isNotNull(orgs.secretaryId))
      .orderBy(asc(orgs.secretaryId))
      .limit(TRAINEES);
    const made = await handle.db
      .insert(users)
      .values(
        secretaries.map((s, i) => ({
          username: `trainee_${i}`,
          displayName: `学员${i}`,
          passwordHash: 'not-used-in-this-test',
          role: 'secretary' as const,
          regionCode: s.regionCode,
          personId: s.personId,
        })),
      )
      .returning({ id: users.id, personId: users.personId });
    callers = await Promise.all(
      made.map(async (u) => {
        const session = await createSession(handle.db, u.id, NOW, { ip: null, userAgent: null });
        const cookies = memoryCookieJar(session.token);
        return {
          personId: defined(u.personId),
          api: createCaller(createTestContext(handle, { cookies, now })),
        };
      }),
    );
  }, 300_000);
  afterAll(async () => {
    await handle.close();
  });

  async function newClass(name: string, capacity = SEATS) {
    const { api } = await callerAs(handle, 'trainer', { now });
    return api.training.createClass({
      name,
      trainingKind: 'model_class',
      startDate: '2026-12-14',
      endDate: '2026-12-18',
      days: 5,
      venue: '市委党校',
      capacity,
      eligibleRoles: ['secretary'],
    });
  }

  async function countersOf(classId: number) {
    const [counter] = await handle.db
      .select({
        confirmedCount: trainingClasses.confirmedCount,
        waitlistedCount: trainingClasses.waitlistedCount,
        signupSeq: trainingClasses.signupSeq,
      })
      .from(trainingClasses)
      .where(eq(trainingClasses.id, classId));
    return counter;
  }

  async function signupsOf(classId: number) {
    return handle.db
      .select()
      .from(trainingSignups)
      .where(eq(trainingSignups.classId, classId))
      .orderBy(asc(trainingSignups.seq));
  }

  it(`500 simultaneous signups for a ${SEATS}-seat class: exactly ${SEATS} confirmed, the rest waitlisted 1..N in signup order, no duplicates, no errors`, async () => {
    const cls = await newClass('并发报名测试班');
    const firing = callers.slice(0, 500);
    const started = performance.now();
    const settled = await Promise.allSettled(
      firing.map((c) => c.api.training.signup({ classId: cls.id })),
    );
    const ms = performance.now() - started;
    const errors = settled.filter((s) => s.status === 'rejected');
    expect(errors).toEqual([]);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : null));
    const rows = await signupsOf(cls.id);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waitlisted = rows.filter((r) => r.status === 'waitlisted');
    console.info(
      `[training concurrency] 500 signups for ${SEATS} seats in ${Math.round(ms)} ms: ` +
        `${confirmed.length} confirmed, ${waitlisted.length} waitlisted`,
    );
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(500);
    expect(confirmed).toHaveLength(SEATS);
    expect(waitlisted).toHaveLength(500 - SEATS);
    // The queue is one sequence without gaps: seats went to the first 50, the list follows.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(confirmed.map((r) => r.seq)).toEqual(Array.from({ length: SEATS }, (_, i) => i + 1));
    // Each caller was told its own outcome; the places told are 1..450, each once.
    expect(results.filter((r) => r?.outcome === 'confirmed')).toHaveLength(SEATS);
    const places = results
      .filter((r) => r?.outcome === 'waitlisted')
      .map((r) => defined(defined(r).position))
      .sort((a, b) => a - b);
    expect(places).toEqual(Array.from({ length: 500 - SEATS }, (_, i) => i + 1));
    // Waiting-list places read back from the roster: 1..450 in seq order.
    const { api } = await callerAs(handle, 'trainer', { now });
    const roster = await api.training.roster({ classId: cls.id });
    const listed = roster.rows.filter((r) => r.status === 'waitlisted');
    expect(listed.map((r) => r.position)).toEqual(
      Array.from({ length: 500 - SEATS }, (_, i) => i + 1),
    );
    expect(listed.map((r) => r.seq)).toEqual(waitlisted.map((r) => r.seq));
    expect(await countersOf(cls.id)).toEqual({
      confirmedCount: SEATS,
      waitlistedCount: 500 - SEATS,
      signupSeq: 500,
    });
  });

  it('a double submit (the same trainee twice at once, 20 trainees) yields one signup each', async () => {
    const cls = await newClass('双击并发测试班', 10);
    const twenty = callers.slice(0, 20);
    const settled = await Promise.all(
      twenty.flatMap((c) => [
        c.api.training.signup({ classId: cls.id }),
        c.api.training.signup({ classId: cls.id }),
      ]),
    );
    const rows = await signupsOf(cls.id);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(20);
    expect(settled.filter((r) => r.outcome === 'existing')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    // Both answers of one trainee agree on the status.
    for (let i = 0; i < 20; i++)
      expect(defined(settled[2 * i]).status).toBe(defined(settled[2 * i + 1]).status);
    // A second call that raced the first undid its seat statement: the counters count each once.
    expect(await countersOf(cls.id)).toEqual({
      confirmedCount: 10,
      waitlistedCount: 10,
      signupSeq: 20,
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('simultaneous cancellations promote the waiting list in order, and the seats still hold', async () => {
    const cls = await newClass('取消递补测试班', 20);
    const group = callers.slice(100, 160); // 60 trainees: 20 seats, 40 waiting
    for (const c of group) await c.api.training.signup({ classId: cls.id });
    const before = await signupsOf(cls.id);
    const firstWaiting = before.filter((r) => r.status === 'waitlisted').map((r) => r.personId);
    // 8 confirmed trainees cancel at once, while 30 new trainees sign up at once.
    const leaving = group.slice(0, 8);
    const late = callers.slice(200, 230);
    const settled = await Promise.allSettled([
      ...leaving.map((c) => c.api.training.cancel({ classId: cls.id })),
      ...late.map((c) => c.api.training.signup({ classId: cls.id })),
    ]);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    const after = await signupsOf(cls.id);
    const confirmed = after.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(20);
    // The 8 seats went to the first 8 on the waiting list, not to anyone who came later.
    const promoted = confirmed
      .map((r) => r.personId)
      .filter((p) => !group.slice(8, 20).some((g) => g.personId === p));
    expect(promoted.sort((a, b) => a - b)).toEqual(firstWaiting.slice(0, 8).sort((a, b) => a - b));
    const waiting = after.filter((r) => r.status === 'waitlisted');
    expect(waiting).toHaveLength(40 - 8 + 30);
    expect(waiting.slice(0, 32).map((r) => r.personId)).toEqual(firstWaiting.slice(8));
    // The counters agree with the rows.
    expect(await countersOf(cls.id)).toEqual({
      confirmedCount: 20,
      waitlistedCount: 62,
      signupSeq: 90,
    });
  });
});
