import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { enterpriseInstructors, enterprises, orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const QIMING = '430702001000'; // 启明街道 (武陵区)
const NOV_2026 = () => new Date('2026-11-25T02:00:00Z');
const JAN_2027 = () => new Date('2027-01-04T02:00:00Z');

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('organisation coverage (组织覆盖, 001 §2) on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let countyIn2027: Api;
  let county2: Api;
  let fixedId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOV_2026 }));
    ({ api: countyIn2027 } = await callerAs(handle, 'county_admin', { now: JAN_2027 }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOV_2026 }));
    const [fixed] = await handle.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.employees, 60), like(enterprises.name, '%精密电子%')));
    fixedId = defined(fixed).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a 60-employee enterprise with 2 members and no Party org is a gap: its own org is due by 31 December, overdue after', async () => {
    const list = await county.coverage.list({ regionCode: WULING, gapsOnly: true });
    const item = list.items.find((i) => i.id === fixedId);
    expect(item).toMatchObject({
      employees: 60,
      memberCount: 2,
      ownOrgId: null,
      path: 'own_org_by_year_end',
      pathLabel: '年底前单独组建',
      needsLeaderOrNewMembers: true,
      deadline: '2026-12-31',
      problems: ['no_own_org'],
      problemLabels: ['未单独组建党组织'],
    });
    const later = await countyIn2027.coverage.list({ regionCode: WULING, gapsOnly: true });
    expect(later.items.find((i) => i.id === fixedId)?.problems).toEqual(['own_org_overdue']);
    // Every listed gap has a problem; every enterprise of the region is counted once.
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.problems.length > 0)).toBe(true);
    const all = await handle.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(like(enterprises.regionCode, '430702%'));
    expect(list.summary.enterprises).toBe(all.length);
    expect(list.summary.withGaps).toBe(list.items.length);
  });

  it('once it has its own org the 60-employee enterprise is covered', async () => {
    const [org] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(like(orgs.regionCode, '430702%'), eq(orgs.category, 'non_public')))
      .orderBy(asc(orgs.id))
      .limit(1);
    const [e] = await handle.db.select().from(enterprises).where(eq(enterprises.id, fixedId));
    await county.coverage.save({
      id: fixedId,
      name: defined(e).name,
      enterpriseKind: 'non_public',
      regionCode: defined(e).regionCode,
      employees: 60,
      memberCount: 3,
      hasUnion: true,
      ownOrgId: defined(org).id,
    });
    const list = await county.coverage.list({ regionCode: WULING });
    expect(list.items.find((i) => i.id === fixedId)?.problems).toEqual([]);
  });

  it('a small unit with 1–2 members joins a joint org; with none, a union and an instructor cover it', async () => {
    const made = await county.coverage.save({
      name: '启明测试商贸有限公司',
      enterpriseKind: 'non_public',
      regionCode: QIMING,
      employees: 20,
      memberCount: 2,
      hasUnion: false,
    });
    const none = await county.coverage.save({
      name: '启明测试志愿服务站',
      enterpriseKind: 'social_org',
      regionCode: QIMING,
      employees: 6,
      memberCount: 0,
      hasUnion: false,
    });
    const find = async (id: number) =>
      defined((await county.coverage.list({ regionCode: QIMING })).items.find((i) => i.id === id));
    expect(await find(made.id)).toMatchObject({
      path: 'joint_org',
      problems: ['no_joint_org', 'instructor_count'],
    });
    expect(await find(none.id)).toMatchObject({
      path: 'instructor_and_union',
      problems: ['no_union', 'instructor_count'],
    });
    const [joint] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(like(orgs.regionCode, '430702%'), eq(orgs.category, 'non_public')))
      .limit(1);
    await county.coverage.save({
      id: made.id,
      name: '启明测试商贸有限公司',
      enterpriseKind: 'non_public',
      regionCode: QIMING,
      employees: 20,
      memberCount: 2,
      hasUnion: false,
      jointOrgId: defined(joint).id,
    });
    expect((await find(made.id)).problems).toEqual(['instructor_count']);
    // A village org is no joint org of enterprises.
    const [village] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(like(orgs.regionCode, '430702%'))
      .limit(1);
    await expect(
      county.coverage.save({
        id: made.id,
        name: '启明测试商贸有限公司',
        enterpriseKind: 'non_public',
        regionCode: QIMING,
        employees: 20,
        memberCount: 2,
        hasUnion: false,
        jointOrgId: defined(village).id,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '联合党组织（jointOrgId）应为非公有制经济组织或社会组织领域的党组织',
    });
  });

  it('one instructor per enterprise (一企一员): a new instructor relieves the current one the same day', async () => {
    const unit = await county.coverage.save({
      name: '启明测试物流有限公司',
      enterpriseKind: 'non_public',
      regionCode: QIMING,
      employees: 8,
      memberCount: 0,
      hasUnion: true,
    });
    const first = await county.coverage.assignInstructor({
      enterpriseId: unit.id,
      name: '周指导',
      gender: 'male',
      instructorUnit: '武陵区委组织部',
      assignedOn: '2026-03-01',
    });
    await county.coverage.assignInstructor({
      enterpriseId: unit.id,
      name: '吴指导',
      gender: 'female',
      instructorUnit: '武陵区工商联',
      assignedOn: '2026-09-01',
    });
    const rows = await handle.db
      .select()
      .from(enterpriseInstructors)
      .where(eq(enterpriseInstructors.enterpriseId, unit.id))
      .orderBy(asc(enterpriseInstructors.id));
    expect(rows.map((r) => [r.unit, r.endedOn])).toEqual([
      ['武陵区委组织部', '2026-09-01'],
      ['武陵区工商联', null],
    ]);
    expect(defined(rows[0]).id).toBe(first.id);
    const item = (await county.coverage.list({ regionCode: QIMING })).items.find(
      (i) => i.id === unit.id,
    );
    expect(item).toMatchObject({ instructorName: '吴指导', problems: [] });
    await expect(
      county.coverage.assignInstructor({
        enterpriseId: unit.id,
        name: '郑指导',
        gender: 'male',
        instructorUnit: '武陵区委组织部',
        assignedOn: '2026-08-01',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '选派日期（assignedOn）：不能早于现任指导员的选派日期（2026-09-01）',
    });
    const current = await handle.db
      .select()
      .from(enterpriseInstructors)
      .where(
        and(eq(enterpriseInstructors.enterpriseId, unit.id), isNull(enterpriseInstructors.endedOn)),
      );
    expect(current).toHaveLength(1);
  });

  it('another county neither lists nor changes 武陵区 enterprises', async () => {
    await expect(county2.coverage.list({ regionCode: WULING })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      county2.coverage.assignInstructor({
        enterpriseId: fixedId,
        name: '越权',
        gender: 'male',
        instructorUnit: '鼎城区委组织部',
        assignedOn: '2026-10-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await county2.coverage.list({ regionCode: '430703000000' });
    expect(own.items.every((i) => i.regionCode.startsWith('430703'))).toBe(true);
    expect(own.items.length).toBeGreaterThan(0);
  });

  it('the export lists every gap of the region with its problems in words', async () => {
    const list = await county.coverage.list({ regionCode: WULING, gapsOnly: true });
    const file = await county.coverage.export({ regionCode: WULING, gapsOnly: true });
    expect(file.filename).toBe('武陵区非公企业和社会组织党组织覆盖情况（2026-11-25）.xlsx');
    const sheet = defined((await readWorkbook(file.base64)).getWorksheet('覆盖情况'));
    expect(sheet.getRow(2).getCell(1).text).toBe('单位名称');
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2 && row.getCell(7).text) names.push(row.getCell(1).text);
    });
    expect(names).toEqual(list.items.map((i) => i.name));
    expect(sheet.getRow(3).getCell(13).text).toBe(defined(list.items[0]).problemLabels.join('；'));
  });

  it('the dashboard row of each module counts what the module lists', async () => {
    const dash = await county.dashboard.orglife({ regionCode: WULING, year: 2026 });
    const row = (m: string) => defined(dash.rows.find((r) => r.module === m));
    expect(dash.rows.map((r) => r.module)).toEqual([
      'coverage',
      'reserves',
      'development',
      'meetings',
      'terms',
      'demoSites',
    ]);
    // Each measure states its rule from the policy in force and cites it in people's words.
    for (const r of dash.rows) expect(r.measure).not.toMatch(/§|（00\d）/);
    expect(row('reserves').measure).toContain('每村不少于 1 名（常委〔2012〕5号 第八条）');
    expect(row('meetings').measure).toContain('东组通〔2015〕34号 第一部分第1项');
    const coverage = await county.coverage.list({ regionCode: WULING });
    expect(row('coverage').issues).toBe(coverage.summary.withGaps);
    const reserves = await county.reserves.villages({ regionCode: WULING });
    expect(row('reserves').issues).toBe(reserves.summary.short);
    const terms = await county.terms.list({ regionCode: WULING });
    expect(row('terms').issues).toBe(terms.summary.overdue);
    // Meetings: a missed week this quarter, or a missed quarter or unpublished decisions this year.
    const year = await county.meetings.compliance({
      regionCode: WULING,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const quarter = await county.meetings.compliance({
      regionCode: WULING,
      from: '2026-10-01',
      to: '2026-12-31',
    });
    const weekly = new Set(
      quarter.items.filter((i) => i.missedWeeks.length > 0).map((i) => i.orgId),
    );
    const short = year.items.filter(
      (i) =>
        weekly.has(i.orgId) || i.missedQuarters.length > 0 || i.unpublishedDecisions.length > 0,
    );
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThan(year.items.length);
    expect(row('meetings').issues).toBe(short.length);
    const sites = await county.demoSites.list({ regionCode: WULING, year: 2026 });
    expect(row('demoSites').issues).toBe(sites.lines.filter((l) => l.shortfall > 0).length);
  });
});
