import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { memberCandidates, memberDevUnits, orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { fullYearsBetween } from '@dangjian/domain';
import { and, asc, count, eq, isNotNull, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const WULING = '430702000000';
const ANXIANG = '430721000000';
const NOW = () => new Date('2026-11-25T02:00:00Z'); // 2026-11-25 in China

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('member development (发展党员, 001 §11) on %s', (driver) => {
  let handle: DatabaseHandle;
  let city: Api;
  let county: Api;
  let county2: Api;
  let township: Api;

  /** New members admitted per rural village of 武陵区 and year, with the term start. */
  async function ruralHistory() {
    const villages = await handle.db
      .select({ id: orgs.id, termStart: orgs.termStart })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(and(like(orgs.regionCode, '430702%'), eq(orgs.category, 'rural')))
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
    const counts = await handle.db
      .select({
        orgId: memberCandidates.orgId,
        y: sql<number>`extract(year from ${memberCandidates.admittedOn})::int`,
        n: count(),
      })
      .from(memberCandidates)
      .where(
        and(like(memberCandidates.regionCode, '430702%'), isNotNull(memberCandidates.admittedOn)),
      )
      .groupBy(memberCandidates.orgId, sql`2`);
    const n = (id: number, y: number) => counts.find((c) => c.orgId === id && c.y === y)?.n ?? 0;
    return villages.map((v) => ({ ...v, n: (y: number) => n(v.id, y) }));
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: city } = await callerAs(handle, 'city_admin', { now: NOW }));
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOW }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOW }));
    ({ api: township } = await callerAs(handle, 'township', { now: NOW }));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a village with no new member in 2024 and 2025 must develop one in 2026; two such years in the term bar its secretary from nomination', async () => {
    const overview = await county.development.overview({ regionCode: WULING, year: 2026 });
    const history = await ruralHistory();
    // The ledger starts in 2024: the rule counts from there, or from the term's start if later.
    const expected = history.flatMap((v) => {
      const must = v.n(2024) === 0 && v.n(2025) === 0;
      const from = Math.max(2024, Number(defined(v.termStart).slice(0, 4)));
      let run = 0;
      let barred = false;
      for (let y = from; y <= 2026; y++) {
        run = v.n(y) === 0 ? run + 1 : 0;
        if (run >= 2) barred = true;
      }
      return must || barred
        ? [{ orgId: v.id, must, met: must ? v.n(2026) > 0 : null, barred }]
        : [];
    });
    expect(
      overview.stagnant.map((s) => ({
        orgId: s.orgId,
        must: s.mustDevelopThisYear,
        met: s.obligationMet,
        barred: s.secretaryNominationBarred,
      })),
    ).toEqual(expected);
    // The seed's two cases: nobody in three years under a term begun by 2024 (must develop, not
    // yet done, secretary barred), and nobody in 2024–2025 but one in 2026 under a 2026 term.
    const stuck = overview.stagnant.find(
      (s) => s.developedThisYear === 0 && Number(defined(s.termStart).slice(0, 4)) <= 2024,
    );
    expect(stuck).toMatchObject({
      streakBeforeYear: 2,
      mustDevelopThisYear: true,
      obligationMet: false,
      secretaryNominationBarred: true,
    });
    const recovered = overview.stagnant.find(
      (s) => defined(s.termStart).startsWith('2026') && s.developedThisYear === 1,
    );
    expect(recovered).toMatchObject({
      mustDevelopThisYear: true,
      obligationMet: true,
      secretaryNominationBarred: false,
    });
  });

  it('a unit over its plan must report to the city: 鼎城区 reported, 安乡县 did not (a violation) until the city records it', async () => {
    const overview = await city.development.overview({ regionCode: CITY, year: 2026 });
    const unit = (code: string) =>
      defined(overview.quota.units.find((u) => u.regionCode === code && u.kind === 'county'));
    const developed = await handle.db
      .select({ unitId: memberCandidates.unitId, n: count() })
      .from(memberCandidates)
      .where(sql`${memberCandidates.admittedOn} between '2026-01-01' and '2026-12-31'`)
      .groupBy(memberCandidates.unitId);
    for (const u of overview.quota.units) {
      expect(u.developed).toBe(developed.find((d) => d.unitId === u.id)?.n ?? 0);
      expect(u.excess).toBe(Math.max(0, u.developed - u.quota));
    }
    expect(unit('430703000000')).toMatchObject({ mustReport: true, unreportedExcess: false });
    expect(unit(ANXIANG)).toMatchObject({ mustReport: true, unreportedExcess: true });
    expect(overview.quota.violations).toEqual([String(unit(ANXIANG).id)]);

    await expect(
      county.development.setQuota({ unitId: unit(ANXIANG).id, year: 2026, quota: 500 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county2.development.reportExcess({
        unitId: unit(WULING).id,
        year: 2026,
        excessReportedOn: '2026-11-20',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      city.development.reportExcess({
        unitId: unit(WULING).id,
        year: 2026,
        excessReportedOn: '2026-11-20',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '中共武陵区委员会 2026 年未超出发展计划，无需报告',
    });
    await city.development.reportExcess({
      unitId: unit(ANXIANG).id,
      year: 2026,
      excessReportedOn: '2026-11-20',
    });
    const after = await city.development.overview({ regionCode: CITY, year: 2026 });
    expect(after.quota.violations).toEqual([]);
    // A new plan above what was developed leaves nothing to report.
    await city.development.setQuota({ unitId: unit(ANXIANG).id, year: 2026, quota: 500 });
    const raised = await city.development.overview({ regionCode: CITY, year: 2026 });
    expect(raised.quota.units.find((u) => u.id === unit(ANXIANG).id)).toMatchObject({
      quota: 500,
      excess: 0,
      mustReport: false,
    });
  });

  it('rural structure per county: 安乡县 is below 80 % aged 35 or under, by the same count as the database', async () => {
    const overview = await city.development.overview({ regionCode: CITY, year: 2026 });
    const line = defined(overview.structure.find((s) => s.countyCode === ANXIANG));
    const members = await handle.db
      .select({ birthDate: memberCandidates.birthDate, admittedOn: memberCandidates.admittedOn })
      .from(memberCandidates)
      .innerJoin(orgs, and(eq(orgs.id, memberCandidates.orgId), eq(orgs.category, 'rural')))
      .where(
        and(
          like(memberCandidates.regionCode, '430721%'),
          sql`${memberCandidates.admittedOn} between '2026-01-01' and '2026-12-31'`,
        ),
      );
    const young = members.filter(
      (m) => fullYearsBetween(m.birthDate, defined(m.admittedOn)) <= 35,
    ).length;
    expect(line.total).toBe(members.length);
    expect(line.young.numerator).toBe(young);
    expect(young * 100 < members.length * 80).toBe(true);
    expect(line.youngMet).toBe(false);
    // Every admitted exception was pre-filed beforehand in the demo data.
    expect(overview.structure.length).toBeGreaterThan(0);
    expect(overview.structure.every((s) => s.notPreFiled.length === 0)).toBe(true);
  });

  it('a rural candidate aged 36+ is admitted only after pre-filing with the city, on or before the admission day', async () => {
    const [village] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(and(like(orgs.regionCode, '430702%'), eq(orgs.category, 'rural')))
      .limit(1);
    const c = await county.development.addCandidate({
      orgId: defined(village).id,
      name: '覃建国',
      gender: 'male',
      birthDate: '1980-05-01',
      education: 'high_school',
      appliedOn: '2025-03-01',
    });
    await expect(
      county.development.advance({ candidateId: c.id, stage: 'candidate', on: '2026-03-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '发展阶段（stage）：入党申请人的下一阶段是入党积极分子，不能直接转为发展对象',
    });
    await county.development.advance({ candidateId: c.id, stage: 'activist', on: '2025-06-01' });
    await county.development.advance({ candidateId: c.id, stage: 'candidate', on: '2026-06-01' });
    const waiting = await county.development.overview({ regionCode: WULING, year: 2026 });
    expect(waiting.preFiling.map((p) => p.id)).toContain(c.id);
    expect(waiting.preFiling.find((p) => p.id === c.id)?.preFilingReasons).toEqual(['36 岁以上']);
    await expect(
      county.development.advance({ candidateId: c.id, stage: 'probationary', on: '2026-11-20' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '备案日期（preFiledOn）：发展36 岁以上的农村党员，名单须事前报市委组织部备案，当前尚未备案',
    });
    await expect(
      township.development.preFile({ candidateId: c.id, preFiledOn: '2026-11-21' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await county.development.preFile({ candidateId: c.id, preFiledOn: '2026-11-21' });
    await expect(
      county.development.advance({ candidateId: c.id, stage: 'probationary', on: '2026-11-20' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '备案日期（preFiledOn）：备案（2026-11-21）应在接收为预备党员（2026-11-20）之前',
    });
    const admitted = await county.development.advance({
      candidateId: c.id,
      stage: 'probationary',
      on: '2026-11-22',
    });
    expect(admitted).toMatchObject({ stage: 'probationary', admittedOn: '2026-11-22' });
    const after = await county.development.overview({ regionCode: WULING, year: 2026 });
    expect(after.preFiling.map((p) => p.id)).not.toContain(c.id);
    const line = defined(after.structure.find((s) => s.countyCode === WULING));
    expect(line.needPreFiling).toContain(String(c.id));
    expect(line.notPreFiled).not.toContain(String(c.id));
    // A young high-school candidate needs no filing.
    const young = await county.development.addCandidate({
      orgId: defined(village).id,
      name: '覃小燕',
      gender: 'female',
      birthDate: '2000-05-01',
      education: 'college',
      appliedOn: '2026-03-01',
    });
    await expect(
      county.development.preFile({ candidateId: young.id, preFiledOn: '2026-11-21' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the ledger pages through the region, and another county cannot move a 武陵区 candidate', async () => {
    const [total] = await handle.db
      .select({ n: count() })
      .from(memberCandidates)
      .where(like(memberCandidates.regionCode, '430702%'));
    const page = await county.development.candidates({ regionCode: WULING, page: 2, pageSize: 50 });
    expect(page.total).toBe(defined(total).n);
    expect(page.items).toHaveLength(50);
    const [one] = await handle.db
      .select({ id: memberCandidates.id })
      .from(memberCandidates)
      .where(
        and(like(memberCandidates.regionCode, '430702%'), eq(memberCandidates.stage, 'applicant')),
      )
      .limit(1);
    await expect(
      county2.development.advance({
        candidateId: defined(one).id,
        stage: 'activist',
        on: '2026-11-20',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [units] = await handle.db
      .select({ n: count() })
      .from(memberDevUnits)
      .where(like(memberDevUnits.regionCode, '430702%'));
    const own = await county.development.overview({ regionCode: WULING, year: 2026 });
    expect(own.quota.units).toHaveLength(defined(units).n);
  });

  it('the export has the plan, structure, two-year-rule and pre-filing sheets', async () => {
    const overview = await county.development.overview({ regionCode: WULING, year: 2026 });
    const file = await county.development.export({ regionCode: WULING, year: 2026 });
    expect(file.filename).toBe('武陵区2026年发展党员情况.xlsx');
    const wb = await readWorkbook(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '发展计划执行',
      '农村新党员结构',
      '连续两年未发展党员的村',
      '待备案名单',
    ]);
    const stagnant = defined(wb.getWorksheet('连续两年未发展党员的村'));
    const names: string[] = [];
    stagnant.eachRow((row, n) => {
      if (n > 2 && row.getCell(2).text) names.push(row.getCell(1).text);
    });
    expect(names).toEqual(overview.stagnant.map((s) => s.orgName));
  });
});
