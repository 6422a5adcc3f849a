import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import {
  orgGrades,
  orgs,
  people,
  regions,
  secretaryAppointments,
  users,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import type { Grade } from '@dangjian/domain';
import { and, asc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const DINGCHENG = '430703000000';
const YEAR = 2026;

/**
 * One township of 鼎城区 with hand-built orgs (name → secretary's appointments, grades by year):
 * - 甲 好 this year, 好 last year: eligible for honours; its secretary in office since 2019
 *   (re-elected 2022) with 好 in 2024–2026: eligible for the check-up;
 * - 乙 较好 this year and last: not eligible (grade); secretary since 2021-03-01, 好 in 2022 and 2023:
 *   five years at the end of 2026, close (one year short);
 * - 丙 not graded this year: not eligible; no appointment recorded: start unknown;
 * - 丁 好 last year, 一般 this year (downgraded, sanctioned); secretary since 2024: not yet.
 */
const ORGS: {
  name: string;
  grades: [number, Grade][];
  appointments: [string, string | null][];
}[] = [
  {
    name: '甲村党支部',
    grades: [
      [2024, 'good'],
      [2025, 'good'],
      [2026, 'good'],
    ],
    appointments: [
      ['2019-04-01', '2022-03-31'],
      ['2022-04-01', null],
    ],
  },
  {
    name: '乙村党支部',
    grades: [
      [2022, 'good'],
      [2023, 'good'],
      [2024, 'fair'],
      [2025, 'fair'],
      [2026, 'fair'],
    ],
    appointments: [['2021-03-01', null]],
  },
  { name: '丙村党支部', grades: [[2025, 'average']], appointments: [] },
  {
    name: '丁村党支部',
    grades: [
      [2025, 'good'],
      [2026, 'average'],
    ],
    appointments: [['2024-05-01', null]],
  },
];

describe.each(TEST_DRIVERS)('eligibility lists on %s', (driver) => {
  let handle: DatabaseHandle;
  let villages: string[];
  const orgId = new Map<string, number>();

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', demo: false });
    await seedAccounts(handle.db, { prefix: '4307' });
    const [township] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'township'), eq(regions.parentCode, DINGCHENG)))
      .orderBy(asc(regions.code))
      .limit(1);
    villages = (
      await handle.db
        .select({ code: regions.code })
        .from(regions)
        .where(
          and(
            eq(regions.level, 'village'),
            like(regions.code, `${defined(township).code.slice(0, 9)}%`),
          ),
        )
        .orderBy(asc(regions.code))
    ).map((v) => v.code);
    for (const [i, o] of ORGS.entries()) {
      const regionCode = defined(villages[i]);
      const [person] = await handle.db
        .insert(people)
        .values({ name: `${o.name.slice(0, 1)}书记`, gender: 'male', regionCode })
        .returning({ id: people.id });
      const [org] = await handle.db
        .insert(orgs)
        .values({
          name: o.name,
          kind: 'branch',
          category: 'rural',
          regionCode,
          secretaryId: defined(person).id,
        })
        .returning({ id: orgs.id });
      orgId.set(o.name, defined(org).id);
      for (const [year, grade] of o.grades)
        await handle.db
          .insert(orgGrades)
          .values({ orgId: defined(org).id, regionCode, year, grade });
      for (const [appointedOn, endedOn] of o.appointments)
        await handle.db.insert(secretaryAppointments).values({
          orgId: defined(org).id,
          personId: defined(person).id,
          regionCode,
          appointedOn,
          endedOn,
        });
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  it('honours and nominations: only orgs graded 好 this year and not sanctioned, each refusal with its reason', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const r = await api.eligibility.honours({ regionCode: DINGCHENG, year: YEAR });
    const by = Object.fromEntries(r.items.map((i) => [i.orgName, i]));
    expect(by['甲村党支部']).toMatchObject({
      eligible: true,
      reasons: [],
      secretaryName: '甲书记',
    });
    expect(by['乙村党支部']).toMatchObject({
      eligible: false,
      reasons: ['2026 年定为“较好”类，须为“好”类（常委〔2012〕5号 第七条、第二十一条）'],
    });
    expect(by['丙村党支部']).toMatchObject({ eligible: false, reasons: ['2026 年度未定级'] });
    expect(defined(by['丁村党支部']).reasons).toHaveLength(2);
    expect(defined(by['丁村党支部']).reasons[1]).toContain(
      '不得评先评优（常委〔2012〕5号 第九条）',
    );
    expect(r.eligibleCount).toBe(1);
    expect(r.rule).toContain('从“好”类党组织中产生');
    expect(r.policyLabel).toContain('常委〔2012〕5号');
  });

  it('health check-up: six years of continuous tenure (re-election continues it) and two 好 years; one year short is close', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const r = await api.eligibility.healthCheck({ regionCode: DINGCHENG, year: YEAR });
    const by = Object.fromEntries(r.items.map((i) => [i.orgName, i]));
    expect(by['甲村党支部']).toMatchObject({
      status: 'eligible',
      inOfficeSince: '2019-04-01',
      consecutiveYears: 7,
      goodYears: 3,
    });
    expect(by['乙村党支部']).toMatchObject({
      status: 'close',
      consecutiveYears: 5,
      lacks: ['连续任职还差 1 年'],
    });
    expect(by['丙村党支部']).toMatchObject({
      status: 'unknown_start',
      statusLabel: '任职日期未登记',
    });
    expect(by['丁村党支部']).toBeUndefined();
    expect(r.counts).toEqual({ eligible: 1, close: 1, notYet: 1, unknownStart: 1 });
    expect(r.rule).toBe(
      '连续任职 6 年以上、2 年定为“好”类的基层党组织书记进行一次健康体检（常委〔2012〕5号 第二十条）',
    );
  });

  it('college-graduate village officials: recorded per village, counted per county against the target, too-early selections not counted', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const mk = async (name: string, village: string) => {
      const [p] = await handle.db
        .insert(people)
        .values({ name, gender: 'female', regionCode: village })
        .returning({ id: people.id });
      return defined(p).id;
    };
    const a = await mk('村官甲', defined(villages[0]));
    const b = await mk('村官乙', defined(villages[1]));
    const c = await mk('村官丙', defined(villages[2]));
    await api.eligibility.saveGraduateOfficial({
      personId: a,
      inVillageSince: '2023-09-01',
      post: 'deputy_secretary',
      postSince: '2025-03-01',
    });
    const early = await api.eligibility.saveGraduateOfficial({
      personId: b,
      inVillageSince: '2025-09-01',
      post: 'secretary',
      postSince: '2026-03-01',
    });
    await api.eligibility.saveGraduateOfficial({
      personId: c,
      inVillageSince: '2024-09-01',
      post: null,
    });
    // Registering the same person twice is refused; correcting the record is the way.
    await expect(
      api.eligibility.saveGraduateOfficial({
        personId: a,
        inVillageSince: '2023-09-01',
        post: null,
      }),
    ).rejects.toThrow('已登记为大学生村官');
    // A post needs its date.
    await expect(
      api.eligibility.saveGraduateOfficial({
        id: early.id,
        personId: b,
        inVillageSince: '2025-09-01',
        post: 'secretary',
        postSince: null,
      }),
    ).rejects.toThrow('postSince');

    const city = await callerAs(handle, 'city_admin');
    const r = await city.api.eligibility.graduateOfficials({ regionCode: CITY, year: YEAR });
    expect(r.units.map((u) => u.unitCode)).toContain(DINGCHENG);
    expect(r.units.length).toBeGreaterThan(5);
    const unit = defined(r.units.find((u) => u.unitCode === DINGCHENG));
    expect(unit).toMatchObject({
      qualifying: 1,
      target: 5,
      shortfall: 4,
      met: false,
      poolCount: 1,
    });
    expect(Object.fromEntries(unit.officials.map((o) => [o.name, o.standing]))).toEqual({
      村官甲: '计入',
      村官乙: '任职时在村不满 1 年，不计入',
      村官丙: '在村满 1 年，可选拔',
    });
    expect(r.rule).toContain('选拔 5 名以上担任村党组织书记或副书记（常委〔2012〕5号 第六条）');
    // A county sees its own unit only.
    const own = await api.eligibility.graduateOfficials({ regionCode: DINGCHENG, year: YEAR });
    expect(own.units.map((u) => u.unitCode)).toEqual([DINGCHENG]);
  });

  it('a 大学生村官 is recorded in a village; another county cannot record or read one', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const [townshipPerson] = await handle.db
      .insert(people)
      .values({
        name: '乡镇干部',
        gender: 'male',
        regionCode: `${defined(villages[0]).slice(0, 9)}000`,
      })
      .returning({ id: people.id });
    await expect(
      api.eligibility.saveGraduateOfficial({
        personId: defined(townshipPerson).id,
        inVillageSince: '2024-01-01',
        post: null,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const [p] = await handle.db
      .insert(people)
      .values({ name: '村官丁', gender: 'male', regionCode: defined(villages[3]) })
      .returning({ id: people.id });
    const other = await callerAs(handle, 'county_admin');
    await expect(
      other.api.eligibility.saveGraduateOfficial({
        personId: defined(p).id,
        inVillageSince: '2024-01-01',
        post: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const call of [
      () => other.api.eligibility.honours({ regionCode: DINGCHENG, year: YEAR }),
      () => other.api.eligibility.healthCheck({ regionCode: DINGCHENG, year: YEAR }),
      () => other.api.eligibility.graduateOfficials({ regionCode: DINGCHENG, year: YEAR }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('the three lists export as one workbook, each sheet with its rule and the policy in force', async () => {
    const { api } = await callerAs(handle, 'county2_admin');
    const file = await api.eligibility.export({ regionCode: DINGCHENG, year: YEAR });
    expect(file.filename).toBe('鼎城区2026年评先评优与关爱激励名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const bytes = Buffer.from(file.base64, 'base64');
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '评先评优和代表推荐',
      '书记健康体检',
      '大学生村官（区县）',
      '大学生村官（名单）',
    ]);
    const honours = defined(wb.getWorksheet('评先评优和代表推荐'));
    const cells = honours.getSheetValues().flat().map(String);
    expect(cells).toContain('甲村党支部');
    expect(cells.some((c) => c.includes('执行政策：常委〔2012〕5号'))).toBe(true);
    expect(cells.some((c) => c.includes('#'))).toBe(false);
    const health = defined(wb.getWorksheet('书记健康体检')).getSheetValues().flat().map(String);
    expect(health).toContain('连续任职还差 1 年');
  });

  it('a county override of the health check-up years changes who is eligible and the cited rule', async () => {
    const city = await callerAs(handle, 'city_admin');
    await city.api.policy.saveOverride({
      name: '鼎城区书记体检',
      regionCode: DINGCHENG,
      fromYear: YEAR,
      effectiveDate: `${YEAR}-01-01`,
      parameters: {
        healthCheckMinConsecutiveYears: {
          value: 5,
          source: { seed: null, document: '鼎组发〔2026〕3号', section: '§2' },
        },
      },
    });
    const { api } = await callerAs(handle, 'county2_admin');
    const r = await api.eligibility.healthCheck({ regionCode: DINGCHENG, year: YEAR });
    expect(r.items.find((i) => i.orgName === '乙村党支部')?.status).toBe('eligible');
    expect(r.rule).toContain('连续任职 5 年以上');
    expect(r.rule).toContain('鼎组发〔2026〕3号 §2');
    // The city's list applies 鼎城区's own policy to 鼎城区's secretaries.
    const cityList = await city.api.eligibility.healthCheck({ regionCode: CITY, year: YEAR });
    expect(cityList.items.find((i) => i.orgName === '乙村党支部')?.status).toBe('eligible');
    expect(cityList.rule).toContain('连续任职 6 年以上');
  });
});

describe.each(TEST_DRIVERS)(
  'college-graduate village officials in a city without counties on %s',
  (driver) => {
    let handle: DatabaseHandle;
    const DONGGUAN = '441900000000';

    beforeAll(async () => {
      handle = await createTestDatabase(driver);
      await seed(handle.db, { prefix: '4419', demo: false });
      await handle.db.insert(users).values({
        username: 'dongguan_admin',
        displayName: '东莞市委组织部',
        passwordHash: 'not-used',
        role: 'city_admin',
        regionCode: DONGGUAN,
      });
    });
    afterAll(async () => {
      await handle.close();
    });

    it('东莞 (towns directly under the city) is one unit: the city itself, against its target', async () => {
      const [village] = await handle.db
        .select({ code: regions.code })
        .from(regions)
        .where(and(eq(regions.level, 'village'), like(regions.code, '4419%')))
        .orderBy(asc(regions.code))
        .limit(1);
      const [p] = await handle.db
        .insert(people)
        .values({ name: '东莞村官', gender: 'female', regionCode: defined(village).code })
        .returning({ id: people.id });
      const { api } = await callerAs(handle, 'dongguan_admin');
      await api.eligibility.saveGraduateOfficial({
        personId: defined(p).id,
        inVillageSince: '2023-09-01',
        post: 'secretary',
        postSince: '2025-01-10',
      });
      const r = await api.eligibility.graduateOfficials({ regionCode: DONGGUAN, year: YEAR });
      expect(r.units.map((u) => [u.unitCode, u.qualifying])).toEqual([[DONGGUAN, 1]]);
      expect(r.policyLabel).not.toContain('#');
    });
  },
);
