import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import {
  orgs,
  regions,
  reserveCadres,
  secretaryAppointments,
  trainingClasses,
  trainingSignups,
  users,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import ExcelJS from 'exceljs';
import { and, asc, between, eq, isNotNull, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSeats } from '../queries/signup';
import { callerAs, zodMessage } from '../testing';

const WULING = '430702000000'; // county_admin's county; the demo secretary lives in it
/** The clock of these tests: 1 June 2026, 09:00 in China. */
const NOW = new Date('2026-06-01T01:00:00Z');
const now = () => NOW;

const rotation = {
  name: '测试轮训班',
  trainingKind: 'rotation' as const,
  startDate: '2026-06-01',
  endDate: '2026-06-02',
  days: 2,
  venue: '区委党校',
  capacity: 30,
  eligibleRoles: ['secretary' as const],
};

describe.each(TEST_DRIVERS)('training classes on %s', (driver) => {
  let handle: DatabaseHandle;
  let secretary: { personId: number; regionCode: string };
  /** Four more secretaries of 武陵区 villages, for waiting-list tests. */
  let others: { personId: number; regionCode: string }[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    const [me] = await handle.db
      .select({ personId: users.personId, regionCode: users.regionCode })
      .from(users)
      .where(eq(users.username, 'secretary'));
    secretary = { personId: defined(defined(me).personId), regionCode: defined(me).regionCode };
    const rows = await handle.db
      .select({ personId: orgs.secretaryId, regionCode: orgs.regionCode })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(
        and(
          between(orgs.regionCode, WULING, '430702999999'),
          eq(regions.level, 'village'),
          isNotNull(orgs.secretaryId),
          ne(orgs.secretaryId, secretary.personId),
        ),
      )
      .orderBy(asc(orgs.id))
      .limit(4);
    others = rows.map((r) => ({ personId: defined(r.personId), regionCode: r.regionCode }));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a new-secretary special class shorter than 3 days is refused, naming the days field (002 §3)', async () => {
    const { api } = await callerAs(handle, 'trainer', { now });
    const refused = await api.training
      .createClass({
        ...rotation,
        name: '新任书记两天班',
        trainingKind: 'special',
        newSecretariesOnly: true,
      })
      .then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
    expect(refused?.code).toBe('BAD_REQUEST');
    // Cited by document number and part (娄组通〔2014〕10号 第三部分), never 「§3」.
    expect(refused?.message).toMatch(
      /^培训天数：新任书记专题培训不少于 3 天（[^§]*〔2014〕10号[^§]*），当前为 2 天$/,
    );
    const three = await api.training.createClass({
      ...rotation,
      name: '新任书记三天班',
      trainingKind: 'special',
      endDate: '2026-06-03',
      days: 3,
      newSecretariesOnly: true,
    });
    expect(three).toMatchObject({ level: 'city', regionCode: '430700000000', days: 3 });
  });

  it('a trainee outside the allowed regions or roles is refused with the Chinese reason; another county’s class is invisible', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const narrow = await county.api.training.createClass({
      ...rotation,
      name: '限定乡镇的轮训班',
      eligibleRegions: ['430702002000'], // another township of 武陵区 than the secretary's
    });
    const reserveOnly = await county.api.training.createClass({
      ...rotation,
      name: '后备干部班',
      trainingKind: 'reserve',
      eligibleRoles: ['reserve'],
    });
    const other = await (
      await callerAs(handle, 'county2_admin', { now })
    ).api.training.createClass({ ...rotation, name: '鼎城区轮训班' });
    const { api } = await callerAs(handle, 'secretary', { now });
    expect(secretary.regionCode.startsWith('430702001')).toBe(true);
    await expect(api.training.signup({ classId: narrow.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '不符合报名条件：您所在的区域不在本培训班限定的报名范围内',
    });
    await expect(api.training.signup({ classId: reserveOnly.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '不符合报名条件：本培训班仅限后备干部报名',
    });
    await expect(api.training.signup({ classId: other.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const list = await api.training.classes({});
    const byId = new Map(list.map((c) => [c.id, c]));
    expect(byId.get(narrow.id)).toMatchObject({ eligible: false });
    expect(byId.has(other.id)).toBe(false);
    // The city's classes are visible to a village trainee.
    expect(list.some((c) => c.regionCode === '430700000000')).toBe(true);
    // Nothing was written by the refusals.
    const rows = await handle.db
      .select()
      .from(trainingSignups)
      .where(eq(trainingSignups.personId, secretary.personId));
    expect(rows.filter((r) => [narrow.id, reserveOnly.id].includes(r.classId))).toEqual([]);
  });

  it('a reserve cadre can be enrolled in a reserve class; a secretary in the same batch is listed as refused', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({
      ...rotation,
      name: '后备干部批量班',
      trainingKind: 'reserve',
      eligibleRoles: ['reserve'],
    });
    const [reserve] = await handle.db
      .select({ personId: reserveCadres.personId })
      .from(reserveCadres)
      .where(between(reserveCadres.regionCode, WULING, '430702999999'))
      .orderBy(asc(reserveCadres.id))
      .limit(1);
    const r = await county.api.training.enrol({
      classId: cls.id,
      personIds: [defined(reserve).personId, secretary.personId],
    });
    expect(r).toMatchObject({ confirmed: 1, refused: 1 });
    expect(r.results[1]).toMatchObject({ outcome: 'refused', reason: '本培训班仅限后备干部报名' });
  });

  it('a full class puts people on the waiting list in order; a cancellation promotes the first in line', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({
      ...rotation,
      name: '两个名额的班',
      startDate: '2026-06-10',
      endDate: '2026-06-11',
      capacity: 2,
    });
    const ids = others.map((o) => o.personId);
    const r = await county.api.training.enrol({ classId: cls.id, personIds: ids });
    expect(r.results.map((x) => [x.outcome, x.position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    // Enrolling the same people again returns their existing signups.
    const again = await county.api.training.enrol({
      classId: cls.id,
      personIds: [defined(ids[3])],
    });
    expect(again.results[0]).toMatchObject({
      outcome: 'existing',
      status: 'waitlisted',
      position: 2,
    });

    const out = await county.api.training.withdraw({
      classId: cls.id,
      personIds: [defined(ids[0])],
    });
    expect(out).toEqual({
      cancelled: [{ personId: ids[0], status: 'confirmed' }],
      promoted: [{ personId: ids[2], seq: 3 }],
    });
    const roster = await county.api.training.roster({ classId: cls.id });
    expect(roster.rows.map((x) => [x.personId, x.status, x.position])).toEqual([
      [ids[1], 'confirmed', null],
      [ids[2], 'confirmed', null],
      [ids[3], 'waitlisted', 1],
    ]);
    // Cancelling a waitlisted person promotes no one and keeps the seats.
    const w = await county.api.training.withdraw({ classId: cls.id, personIds: [defined(ids[3])] });
    expect(w.promoted).toEqual([]);
    const detail = await county.api.training.classById({ classId: cls.id });
    expect(detail).toMatchObject({ confirmedCount: 2, waitlistedCount: 0, waitlisted: 0 });
    // A cancelled person who signs up again joins at the end of the queue.
    const back = await county.api.training.enrol({ classId: cls.id, personIds: [defined(ids[0])] });
    expect(back.results[0]).toMatchObject({ outcome: 'waitlisted', position: 1 });
  });

  it('取消报名 with three people selected cancels all three, and the freed seats go to the waiting list in order', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({
      ...rotation,
      name: '三人同时取消的班',
      startDate: '2026-06-12',
      endDate: '2026-06-12',
      days: 1,
      capacity: 3,
    });
    const ids = [...others.map((o) => o.personId), secretary.personId];
    await county.api.training.enrol({ classId: cls.id, personIds: ids });
    const out = await county.api.training.withdraw({
      classId: cls.id,
      personIds: [defined(ids[0]), defined(ids[1]), defined(ids[2])],
    });
    expect(out.cancelled.map((c) => c.personId)).toEqual([ids[0], ids[1], ids[2]]);
    expect(out.promoted.map((p) => p.personId)).toEqual([ids[3], ids[4]]);
    const roster = await county.api.training.roster({ classId: cls.id });
    expect(roster.rows.map((r) => [r.personId, r.status])).toEqual([
      [ids[3], 'confirmed'],
      [ids[4], 'confirmed'],
    ]);
    const rows = await handle.db
      .select({ personId: trainingSignups.personId, status: trainingSignups.status })
      .from(trainingSignups)
      .where(eq(trainingSignups.classId, cls.id));
    expect(
      rows
        .filter((r) => r.status === 'cancelled')
        .map((r) => r.personId)
        .sort(),
    ).toEqual([defined(ids[0]), defined(ids[1]), defined(ids[2])].sort());
    const detail = await county.api.training.classById({ classId: cls.id });
    expect(detail).toMatchObject({ confirmedCount: 2, waitlistedCount: 0, waitlisted: 0 });
  });

  it('a seat statement that meets a live signup of the same person (a racing double submit) undoes itself, and the next try in the same transaction succeeds', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({
      ...rotation,
      name: '撤销重试测试班',
      capacity: 1,
    });
    const [a, b] = others;
    await county.api.training.enrol({ classId: cls.id, personIds: [defined(a).personId] });
    const counters = () =>
      handle.db
        .select({
          confirmedCount: trainingClasses.confirmedCount,
          waitlistedCount: trainingClasses.waitlistedCount,
          signupSeq: trainingClasses.signupSeq,
        })
        .from(trainingClasses)
        .where(eq(trainingClasses.id, cls.id));
    expect(await counters()).toEqual([{ confirmedCount: 1, waitlistedCount: 0, signupSeq: 1 }]);
    const at = NOW;
    const [raced, next] = await handle.db.transaction(async (tx) => [
      await takeSeats(tx, { classId: cls.id, people: [defined(a)], at, enrolledBy: 1 }),
      await takeSeats(tx, { classId: cls.id, people: [defined(b)], at, enrolledBy: 1 }),
    ]);
    expect(raced).toBeNull();
    // The undone statement left no trace: the second person is the second in the queue.
    expect(next).toEqual([{ ...defined(b), status: 'waitlisted', seq: 2, position: 1 }]);
    expect(await counters()).toEqual([{ confirmedCount: 1, waitlistedCount: 1, signupSeq: 2 }]);
  });

  it('the database refuses a waiting list while a seat is free (what lets a signup read its seat from the counters)', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({ ...rotation, name: '约束测试班' });
    const error: unknown = await handle.db
      .update(trainingClasses)
      .set({ waitlistedCount: 1 })
      .where(eq(trainingClasses.id, cls.id))
      .then(
        () => null,
        (e: unknown) => e,
      );
    // drizzle wraps the driver's error; the constraint is named in the cause.
    expect(String((error as { cause?: unknown } | null)?.cause)).toMatch(
      /training_classes_waitlist/,
    );
  });

  it('a double submit by one trainee yields one signup: the second call gets the existing one back', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const cls = await trainer.api.training.createClass({ ...rotation, name: '双击测试班' });
    const { api } = await callerAs(handle, 'secretary', { now });
    const [a, b] = await Promise.all([
      api.training.signup({ classId: cls.id }),
      api.training.signup({ classId: cls.id }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['confirmed', 'existing']);
    expect(b.status).toBe('confirmed');
    const rows = await handle.db
      .select()
      .from(trainingSignups)
      .where(eq(trainingSignups.classId, cls.id));
    expect(rows).toHaveLength(1);
    const mine = await api.training.mySignups();
    expect(mine.filter((m) => m.classId === cls.id)).toHaveLength(1);
    // The trainee cancels; then the class is open again for them.
    const c = await api.training.cancel({ classId: cls.id });
    expect(c).toMatchObject({ cancelled: { status: 'confirmed' }, promoted: null });
    await expect(api.training.cancel({ classId: cls.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('attendance then completion counts toward the yearly duties: coverage changes for that secretary', async () => {
    const township = `${secretary.regionCode.slice(0, 9)}000`;
    const trainer = await callerAs(handle, 'trainer', { now });
    const before = await trainer.api.training.coverage({ regionCode: township, year: 2026 });
    const [appointment] = await handle.db
      .select({ on: secretaryAppointments.appointedOn })
      .from(secretaryAppointments)
      .where(eq(secretaryAppointments.personId, secretary.personId));
    const isNew = defined(appointment).on >= '2026-01-01';
    const mineBefore = before.missing.find((m) => m.personId === secretary.personId);
    // Seeded: the first village of each township is untrained; on 1 June the rotation is not yet
    // overdue (due 30 June), nor the annual training; a 2026 appointee also owes the special one.
    expect(mineBefore?.missing).toEqual([
      ...(defined(appointment).on <= '2026-06-30'
        ? [{ duty: 'rotation_first_half', status: 'pending', due: '2026-06-30' }]
        : []),
      { duty: 'annual', status: 'pending', due: '2026-12-31' },
      ...(isNew ? [{ duty: 'new_secretary_special', status: 'pending', due: '2026-12-31' }] : []),
    ]);

    const cls = await trainer.api.training.createClass({ ...rotation, name: '覆盖测试轮训班' });
    const me = await callerAs(handle, 'secretary', { now });
    expect(await me.api.training.signup({ classId: cls.id })).toMatchObject({
      outcome: 'confirmed',
    });
    await expect(
      trainer.api.training.complete({ classId: cls.id, personIds: [secretary.personId] }),
    ).rejects.toThrow(/^以下学员没有出勤记录，不能结业：/);
    await expect(
      trainer.api.training.markAttendance({
        classId: cls.id,
        sessionDate: '2026-06-02',
        personIds: [secretary.personId],
        present: true,
      }),
    ).rejects.toMatchObject({ message: '培训日期：不能为尚未到来的日期签到' });
    await trainer.api.training.markAttendance({
      classId: cls.id,
      sessionDate: '2026-06-01',
      personIds: [secretary.personId],
      present: true,
    });
    expect(
      await trainer.api.training.complete({ classId: cls.id, personIds: [secretary.personId] }),
    ).toEqual({ completed: 1, completedOn: '2026-06-01' });

    const after = await trainer.api.training.coverage({ regionCode: township, year: 2026 });
    const mineAfter = after.missing.find((m) => m.personId === secretary.personId);
    expect(mineAfter?.missing ?? []).toEqual(
      isNew ? [{ duty: 'new_secretary_special', status: 'pending', due: '2026-12-31' }] : [],
    );
    const village = (c: typeof before, duty: string) =>
      defined(
        defined(c.regions.find((r) => r.regionCode === secretary.regionCode)).duties.find(
          (d) => d.duty === duty,
        ),
      );
    expect(village(after, 'annual').fulfilled).toBe(village(before, 'annual').fulfilled + 1);
    expect(village(after, 'rotation_first_half').fulfilled).toBe(
      village(before, 'rotation_first_half').fulfilled + 1,
    );
    expect(defined(after.totals.find((t) => t.duty === 'annual')).fulfilled).toBe(
      defined(before.totals.find((t) => t.duty === 'annual')).fulfilled + 1,
    );
    // A trainee cannot cancel a completed class.
    await expect(me.api.training.cancel({ classId: cls.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('coverage drills down city → county → township, and the export re-opens with the same figures', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const city = await trainer.api.training.coverage({ regionCode: '430700000000', year: 2026 });
    expect(city.groupBy).toBe('county');
    expect(city.regions).toHaveLength(10);
    const county = await trainer.api.training.coverage({ regionCode: WULING, year: 2026 });
    expect(county.groupBy).toBe('township');
    const wuling = defined(city.regions.find((r) => r.regionCode === WULING));
    // The county's own total equals its row in the city's table.
    expect(county.totals).toEqual(wuling.duties);
    // Every secretary counted owes the annual training (000 §2): required = secretaries.
    expect(defined(county.totals.find((t) => t.duty === 'annual')).required).toBe(
      county.secretaries,
    );
    expect(city.yearlyClasses).toMatchObject({ cityModelClassHeld: true });

    const file = await trainer.api.training.coverageExport({ regionCode: WULING, year: 2026 });
    expect(file.filename).toBe('武陵区2026年度书记培训覆盖情况.xlsx');
    const wb = new ExcelJS.Workbook();
    const bytes = Buffer.from(file.base64, 'base64');
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '未完成名单']);
    const list = defined(wb.getWorksheet('未完成名单'));
    expect(list.getRow(1).getCell(1).value).toBe('姓名');
    expect(list.rowCount - 1).toBe(county.missingTotal);
    const summary = defined(wb.getWorksheet('汇总'));
    const totalRow = summary.getRow(4 + county.regions.length);
    expect(totalRow.getCell(1).value).toBe('合计');
    const annual = defined(county.totals.find((t) => t.duty === 'annual'));
    expect([totalRow.getCell(6).value, totalRow.getCell(7).value]).toEqual([
      annual.required,
      annual.fulfilled,
    ]);
  });

  it('the .ics of a class carries its daily times in China time (Asia/Shanghai), with CRLF lines of at most 75 octets', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const cls = await trainer.api.training.createClass({
      ...rotation,
      startTime: '08:30',
      endTime: '17:30',
      name: '常德市2026年村（社区）党组织书记示范培训班，第一期；含分组讨论、现场教学和结业考试的长名称',
      venue: '常德市委党校，报告厅',
    });
    const { api } = await callerAs(handle, 'secretary', { now });
    const file = await api.training.ics({ classId: cls.id });
    expect(file.filename.endsWith('.ics')).toBe(true);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = text.slice(0, -2).replace(/\r\n /g, '').split('\r\n');
    expect(unfolded[0]).toBe('BEGIN:VCALENDAR');
    expect(unfolded).toContain('VERSION:2.0');
    expect(unfolded).toContain(`UID:training-class-${cls.id}@dangjian`);
    // Each of the two days from 08:30 to 17:30 Beijing time: the first day, repeated daily.
    expect(unfolded).toContain('DTSTART;TZID=Asia/Shanghai:20260601T083000');
    expect(unfolded).toContain('DTEND;TZID=Asia/Shanghai:20260601T173000');
    expect(unfolded).toContain('RRULE:FREQ=DAILY;COUNT=2');
    // The time zone is defined in the file (RFC 5545 §3.6.5): UTC+8, no daylight saving.
    const tz = unfolded.slice(
      unfolded.indexOf('BEGIN:VTIMEZONE'),
      unfolded.indexOf('END:VTIMEZONE'),
    );
    expect(tz).toEqual(expect.arrayContaining(['TZID:Asia/Shanghai', 'TZOFFSETTO:+0800']));
    expect(
      unfolded.some((l) => l.startsWith('DESCRIPTION:') && l.includes('每天 08:30–17:30')),
    ).toBe(true);
    expect(unfolded).toContain('DTSTAMP:20260601T010000Z');
    expect(unfolded).toContain(`SUMMARY:${cls.name.replace(/,/g, '\\,').replace(/；/g, '；')}`);
    expect(unfolded).toContain('LOCATION:常德市委党校，报告厅');
    expect(unfolded.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(unfolded.at(-1)).toBe('END:VCALENDAR');
  });

  it('a class keeps its daily start and end time; an end before the start is refused naming the field', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const cls = await trainer.api.training.createClass({
      ...rotation,
      name: '下午班',
      startTime: '14:00',
      endTime: '17:30',
    });
    expect(cls).toMatchObject({ startTime: '14:00', endTime: '17:30' });
    const detail = await trainer.api.training.classById({ classId: cls.id });
    expect(detail).toMatchObject({ startTime: '14:00', endTime: '17:30' });
    expect(
      await zodMessage(
        trainer.api.training.createClass({ ...rotation, startTime: '17:00', endTime: '09:00' }),
      ),
    ).toContain('结束时间：须晚于开始时间');
    await expect(
      trainer.api.training.createClass({ ...rotation, startTime: '8点', endTime: '17:00' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('on a secretary’s list today’s class is at the top, the coming ones follow soonest first, past ones last', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const later = await trainer.api.training.createClass({
      ...rotation,
      name: '七月班',
      startDate: '2026-07-01',
      endDate: '2026-07-01',
      days: 1,
    });
    const soon = await trainer.api.training.createClass({
      ...rotation,
      name: '六月五日班',
      startDate: '2026-06-05',
      endDate: '2026-06-05',
      days: 1,
    });
    const today = await trainer.api.training.createClass({
      ...rotation,
      name: '今天的班',
      startDate: '2026-06-01',
      endDate: '2026-06-01',
      days: 1,
    });
    // A class held in May (created then, with the clock of May).
    const may = () => new Date('2026-05-01T01:00:00Z');
    const past = await (
      await callerAs(handle, 'trainer', { now: may })
    ).api.training.createClass({
      ...rotation,
      name: '五月班',
      startDate: '2026-05-01',
      endDate: '2026-05-01',
      days: 1,
    });
    const { api } = await callerAs(handle, 'secretary', { now });
    const list = (await api.training.classes({})).map((c) => c.id);
    const at = (id: number) => list.indexOf(id);
    expect(at(today.id)).toBeLessThan(at(soon.id));
    expect(at(soon.id)).toBeLessThan(at(later.id));
    expect(at(later.id)).toBeLessThan(at(past.id));
    // Nothing that ends before today comes before a class running today.
    const rows = await api.training.classes({});
    const firstPast = rows.findIndex((c) => c.endDate < '2026-06-01');
    // Past classes exist, and a class running or coming comes before the first of them.
    expect(firstPast).toBeGreaterThan(0);
    expect(rows.slice(firstPast).every((c) => c.endDate < '2026-06-01')).toBe(true);
    expect(
      defined(rows[0]).startDate <= '2026-06-01' && defined(rows[0]).endDate >= '2026-06-01',
    ).toBe(true);
  });

  it('a secretary sees her own attendance and completion for each class she signed up for, and nobody else’s', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const cls = await trainer.api.training.createClass({
      ...rotation,
      name: '出勤查看班',
      startDate: '2026-06-01',
      endDate: '2026-06-03',
      days: 3,
    });
    const me = await callerAs(handle, 'secretary', { now });
    await me.api.training.signup({ classId: cls.id });
    const other = defined(others[0]).personId;
    await trainer.api.training.enrol({ classId: cls.id, personIds: [other] });
    await trainer.api.training.markAttendance({
      classId: cls.id,
      sessionDate: '2026-06-01',
      personIds: [secretary.personId],
      present: true,
    });
    // The other trainee is marked absent: that must not show on the secretary's page.
    await trainer.api.training.markAttendance({
      classId: cls.id,
      sessionDate: '2026-06-01',
      personIds: [other],
      present: false,
    });
    let mine = (await me.api.training.myAttendance()).find((r) => r.classId === cls.id);
    expect(mine).toMatchObject({
      name: '出勤查看班',
      status: 'confirmed',
      completedOn: null,
      attendance: { held: ['2026-06-01'], present: ['2026-06-01'], absent: [], remaining: 2 },
    });
    await trainer.api.training.complete({ classId: cls.id, personIds: [secretary.personId] });
    mine = (await me.api.training.myAttendance()).find((r) => r.classId === cls.id);
    expect(mine).toMatchObject({ completedOn: '2026-06-01', completedDays: 1 });
    // Only her own signups: every class listed is one she signed up for.
    const signed = await handle.db
      .select({ classId: trainingSignups.classId })
      .from(trainingSignups)
      .where(
        and(
          eq(trainingSignups.personId, secretary.personId),
          ne(trainingSignups.status, 'cancelled'),
        ),
      );
    const all = await me.api.training.myAttendance();
    expect(all.map((r) => r.classId).sort((a, b) => a - b)).toEqual(
      signed.map((r) => r.classId).sort((a, b) => a - b),
    );
    // An organiser without a linked person has no attendance of their own.
    expect(await trainer.api.training.myAttendance()).toEqual([]);
  });

  it('people picked for bulk enrolment come from the region, with their eligibility', async () => {
    const trainer = await callerAs(handle, 'trainer', { now });
    const cls = await trainer.api.training.createClass({
      ...rotation,
      name: '新任书记专题班（候选）',
      trainingKind: 'special',
      endDate: '2026-06-03',
      days: 3,
      newSecretariesOnly: true,
    });
    const all = await trainer.api.training.candidates({
      classId: cls.id,
      regionCode: WULING,
      role: 'secretary',
    });
    const newOnly = await trainer.api.training.candidates({
      classId: cls.id,
      regionCode: WULING,
      role: 'secretary',
      newSecretariesOnly: true,
    });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.regionCode.startsWith('430702'))).toBe(true);
    expect(newOnly.length).toBeGreaterThan(0);
    expect(newOnly.every((c) => c.newSecretary && c.eligible)).toBe(true);
    expect(all.filter((c) => c.eligible).map((c) => c.personId)).toEqual(
      newOnly.map((c) => c.personId),
    );
    expect(all.find((c) => !c.newSecretary)?.reason).toBe(
      '本培训班仅限 2026 年新任职的党组织书记报名',
    );
  });
});
