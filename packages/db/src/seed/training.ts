import { isCountyUnit } from '../scope';
import { and, asc, between, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../client';
import {
  orgs,
  people,
  regions,
  reserveCadres,
  secretaryAppointments,
  trainingAttendance,
  trainingClasses,
  trainingSignups,
} from '../schema/index';
import { THIS_YEAR } from './cycle';
import { createRandom, hashString } from './random';
import { defined } from '../defined';

/**
 * Training demo data (fictional, deterministic, set-based inserts) for the orgs just seeded:
 * - every secretary's appointment: village/community secretaries mostly in the 2021 spring
 *   election, about one in eight new in the 2026 spring election, a few adjusted in between;
 *   other secretaries spread over 2016-2025 with a few new in 2026;
 * - a reserve cadre (后备干部, one person) for every third village/community org;
 * - THIS_YEAR classes: one first-half rotation class (集中轮训) per county, in county code order
 *   (so the county classes have ids 1, 2, … in a fresh database), whose completion rate differs
 *   per county; the city's past special class for new secretaries (3 days); and upcoming city
 *   classes open for signups: the model class (示范培训班, some seats taken), a second special
 *   class, a reserve-cadre class;
 * - completion (结业) with attendance for the past classes. The secretary of the first village of
 *   every township has not been trained yet, so every township has work left (and the demo
 *   trainee has classes to sign up for).
 */
const CHUNK = 1000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'志远晓东明辉思源佳怡文博子涵雨轩浩然欣怡俊宇梓萱嘉豪诗琪'];

interface SeedTrainingOptions {
  from: string;
  to: string;
  prefix: string;
}

export interface TrainingSeedResult {
  appointments: number;
  reserveCadres: number;
  classes: number;
  signups: number;
}

export async function seedTraining(
  tx: Database,
  options: SeedTrainingOptions,
): Promise<TrainingSeedResult> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:training`));
  const year = THIS_YEAR;
  const [orgRows, counties, cities] = await Promise.all([
    tx
      .select({
        id: orgs.id,
        regionCode: orgs.regionCode,
        category: orgs.category,
        secretaryId: orgs.secretaryId,
        level: regions.level,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(and(between(orgs.regionCode, options.from, options.to), isNotNull(orgs.secretaryId)))
      .orderBy(asc(orgs.regionCode), asc(orgs.id)),
    tx
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(isCountyUnit(regions), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
    tx
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(eq(regions.level, 'city'), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
  ]);
  if (orgRows.length === 0 || counties.length === 0) {
    return { appointments: 0, reserveCadres: 0, classes: 0, signups: 0 };
  }

  // --- appointments ---------------------------------------------------------------------------
  const grassroots = (o: (typeof orgRows)[number]) =>
    o.level === 'village' && (o.category === 'rural' || o.category === 'street_community');
  const appointed = new Map<number, string>();
  const appointmentRows = orgRows.map((o) => {
    const x = rnd.next();
    let on: string;
    if (grassroots(o)) {
      if (x < 0.78) on = `2021-${pad(rnd.int(3, 5))}-${pad(rnd.int(1, 28))}`;
      else if (x < 0.9) on = `${year}-${pad(rnd.int(3, 4))}-${pad(rnd.int(1, 28))}`;
      else on = `${rnd.int(2022, year - 1)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
    } else {
      on =
        x < 0.05
          ? `${year}-${pad(rnd.int(1, 6))}-${pad(rnd.int(1, 28))}`
          : `${rnd.int(2016, year - 1)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
    }
    appointed.set(defined(o.secretaryId), on);
    return {
      orgId: o.id,
      personId: defined(o.secretaryId),
      regionCode: o.regionCode,
      appointedOn: on,
    };
  });
  for (const part of chunks(appointmentRows)) await tx.insert(secretaryAppointments).values(part);

  // --- reserve cadres -------------------------------------------------------------------------
  const villageOrgs = orgRows.filter(grassroots);
  const reserveFor = villageOrgs.filter((_, i) => i % 3 === 0);
  const reservePeople = reserveFor.map((o) => ({
    name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + rnd.pick(GIVEN),
    gender: rnd.chance(0.35) ? ('female' as const) : ('male' as const),
    birthDate: `${rnd.int(1988, 2000)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
    education: rnd.pick(['high_school', 'college', 'bachelor'] as const),
    phone: `100${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
    regionCode: o.regionCode,
  }));
  const reserveRows: (typeof reserveCadres.$inferInsert)[] = [];
  for (const [p, part] of chunks(reservePeople).entries()) {
    const ids = await tx.insert(people).values(part).returning({ id: people.id });
    ids.forEach((row, i) => {
      const o = defined(reserveFor[p * CHUNK + i]);
      reserveRows.push({
        personId: row.id,
        orgId: o.id,
        regionCode: o.regionCode,
        since: `${rnd.int(2022, year - 1)}-${pad(rnd.int(1, 12))}-01`,
      });
    });
  }
  for (const part of chunks(reserveRows)) await tx.insert(reserveCadres).values(part);

  // --- classes and completions ----------------------------------------------------------------
  // The first village (lowest code) of each township stays untrained.
  const firstOfTownship = new Set<number>();
  const seenTownship = new Set<string>();
  for (const o of villageOrgs) {
    const township = o.regionCode.slice(0, 9);
    if (!seenTownship.has(township)) {
      seenTownship.add(township);
      firstOfTownship.add(o.id);
    }
  }
  const trainable = villageOrgs.filter((o) => !firstOfTownship.has(o.id));
  const city = cities[0];
  type Plan = {
    row: typeof trainingClasses.$inferInsert;
    completed: { personId: number; regionCode: string }[];
    booked: { personId: number; regionCode: string }[];
  };
  const plans: Plan[] = [];
  const roundUp = (n: number) => Math.max(10, Math.ceil((n + 10) / 10) * 10);
  for (const c of counties) {
    const rate = 0.55 + rnd.next() * 0.4;
    const start = `${year}-04-13`;
    const completed = trainable
      .filter(
        (o) =>
          o.regionCode.startsWith(c.code.slice(0, 6)) &&
          defined(appointed.get(defined(o.secretaryId))) < start,
      )
      .filter(() => rnd.chance(rate))
      .map((o) => ({ personId: defined(o.secretaryId), regionCode: o.regionCode }));
    plans.push({
      row: {
        name: `${year}年${c.name}村（社区）党组织书记集中轮训班`,
        kind: 'rotation',
        level: 'county',
        regionCode: c.code,
        startDate: start,
        endDate: `${year}-04-15`,
        days: 3,
        hours: 24,
        venue: `${c.name}委党校`,
        capacity: roundUp(completed.length),
        eligibleRoles: ['secretary'],
      },
      completed,
      booked: [],
    });
  }
  if (city) {
    const newcomers = trainable.filter(
      (o) => defined(appointed.get(defined(o.secretaryId))) >= `${year}-01-01`,
    );
    const special = newcomers
      .filter(() => rnd.chance(0.7))
      .map((o) => ({ personId: defined(o.secretaryId), regionCode: o.regionCode }));
    plans.push({
      row: {
        name: `${year}年新任村（社区）党组织书记专题培训班（第一期）`,
        kind: 'special',
        level: 'city',
        regionCode: city.code,
        startDate: `${year}-05-18`,
        endDate: `${year}-05-20`,
        days: 3,
        hours: 24,
        venue: `${city.name}委党校`,
        capacity: roundUp(special.length),
        eligibleRoles: ['secretary'],
        newSecretariesOnly: true,
        description: '增强群众观念，当好党组织书记（娄组通〔2014〕10号 第三部分：不少于3天）',
      },
      completed: special,
      booked: [],
    });
    const booked = trainable
      .filter((_, i) => i % 40 === 7)
      .slice(0, 36)
      .map((o) => ({ personId: defined(o.secretaryId), regionCode: o.regionCode }));
    plans.push({
      row: {
        name: `${year}年${city.name}基层党组织书记示范培训班`,
        kind: 'model_class',
        level: 'city',
        regionCode: city.code,
        startDate: `${year}-12-14`,
        endDate: `${year}-12-18`,
        days: 5,
        hours: 40,
        venue: `${city.name}委党校报告厅`,
        capacity: 100,
        eligibleRoles: ['secretary'],
        description: '常委〔2012〕5号 第六条：市委组织部每年举办基层党组织书记示范培训班',
      },
      completed: [],
      booked,
    });
    plans.push({
      row: {
        name: `${year}年新任村（社区）党组织书记专题培训班（第二期）`,
        kind: 'special',
        level: 'city',
        regionCode: city.code,
        startDate: `${year}-12-07`,
        endDate: `${year}-12-09`,
        days: 3,
        hours: 24,
        venue: `${city.name}委党校`,
        capacity: 80,
        eligibleRoles: ['secretary'],
        newSecretariesOnly: true,
      },
      completed: [],
      booked: [],
    });
    plans.push({
      row: {
        name: `${year}年村（社区）党组织书记后备干部培训班`,
        kind: 'reserve',
        level: 'city',
        regionCode: city.code,
        startDate: `${year}-12-21`,
        endDate: `${year}-12-23`,
        days: 3,
        hours: 24,
        venue: `${city.name}委党校`,
        capacity: 60,
        eligibleRoles: ['reserve'],
      },
      completed: [],
      booked: [],
    });
  }
  // One insert, ids in plan order.
  const classIds = await tx
    .insert(trainingClasses)
    .values(
      plans.map((p) => ({
        ...p.row,
        confirmedCount: p.completed.length + p.booked.length,
        signupSeq: p.completed.length + p.booked.length,
      })),
    )
    .returning({ id: trainingClasses.id });
  const signupRows: (typeof trainingSignups.$inferInsert)[] = [];
  const attendanceRows: (typeof trainingAttendance.$inferInsert)[] = [];
  plans.forEach((p, k) => {
    const classId = defined(classIds[k]).id;
    const sessions = datesBetween(p.row.startDate, p.row.endDate);
    [...p.completed, ...p.booked].forEach((who, i) => {
      const done = i < p.completed.length;
      signupRows.push({
        classId,
        personId: who.personId,
        regionCode: who.regionCode,
        status: 'confirmed',
        seq: i + 1,
        signedUpAt: new Date(`${year}-0${done ? 3 : 9}-01T08:00:00+08:00`),
        confirmedAt: new Date(`${year}-0${done ? 3 : 9}-01T08:00:00+08:00`),
        completedOn: done ? p.row.endDate : null,
        completedDays: done ? sessions.length : null,
      });
      if (done) {
        for (const sessionDate of sessions)
          attendanceRows.push({
            classId,
            personId: who.personId,
            sessionDate,
            regionCode: who.regionCode,
            present: true,
          });
      }
    });
  });
  for (const part of chunks(signupRows)) await tx.insert(trainingSignups).values(part);
  for (const part of chunks(attendanceRows)) await tx.insert(trainingAttendance).values(part);
  return {
    appointments: appointmentRows.length,
    reserveCadres: reserveRows.length,
    classes: plans.length,
    signups: signupRows.length,
  };
}
