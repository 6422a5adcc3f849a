import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, payRegionJobs, payRuns, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import {
  createTestDatabase,
  requirePostgres,
  TEST_DRIVERS,
  TEST_PII_CIPHER,
} from '@dangjian/db/testing';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const DINGCHENG = '430703000000';
const QIMING = '430702001000'; // 启明街道 (武陵区): communities only, nobody paid by grade (常德)
const YEAR = 2026; // graded by the seed
const UNGRADED_YEAR = 2018; // the seed grades only recent years
const BASE_FEN = 2_400_000;

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function runsOf(handle: DatabaseHandle, code: string, year: number) {
  return handle.db
    .select()
    .from(payRuns)
    .where(
      and(between(payRuns.regionCode, code, `${code.slice(0, 6)}999999`), eq(payRuns.year, year)),
    )
    .orderBy(asc(payRuns.id));
}

async function workbookOf(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('county-wide pay runs on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;
  let city: Api;
  let township: Api;
  let townships: { code: string; name: string }[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin'));
    ({ api: county2 } = await callerAs(handle, 'county2_admin'));
    ({ api: city } = await callerAs(handle, 'city_admin'));
    ({ api: township } = await callerAs(handle, 'township'));
    townships = await handle.db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(between(regions.code, WULING, '430702999999'), eq(regions.level, 'township')))
      .orderBy(asc(regions.code));
  });
  afterAll(async () => {
    await handle.close();
  });

  async function runCounty(api: Api, code: string, year: number) {
    const job = await api.pay.startRegion({ regionCode: code, year, baseFen: BASE_FEN });
    return api.pay.commitRegion({ id: job.id });
  }

  it('a county’s run pays each township exactly what that township’s own run pays, line by line', async () => {
    const result = await runCounty(county, WULING, YEAR);
    expect(result.job.status).toBe('done');
    // 启明街道 has only communities (outside the scheme in 常德): skipped and named, not failed
    expect(result.skipped.map((s) => s.regionCode)).toContain(QIMING);
    expect(result.townships.length + result.skipped.length).toBe(townships.length);
    for (const t of result.townships) {
      const preview = await county.pay.preview({
        regionCode: t.regionCode,
        year: YEAR,
        mode: 'base',
        baseFen: BASE_FEN,
      });
      const run = await county.pay.run({ id: t.runId });
      expect(run.totalFen, t.regionName).toBe(preview.totalFen);
      expect(run.lines.map((l) => [l.orgId, l.grade, l.amountFen])).toEqual(
        preview.lines.map((l) => [l.orgId, l.grade, l.amountFen]),
      );
      expect(run.unpaid.map((u) => u.orgId)).toEqual(preview.unpaid.map((u) => u.orgId));
      expect(run.policyLabel).toBe(preview.policyLabel);
    }
  });

  it('the region run’s total equals, to the fen, the sum of the townships’ own runs committed one by one', async () => {
    const region = await runCounty(county, WULING, YEAR);
    let sum = 0;
    for (const t of region.townships) {
      const own = await county.pay.commit({
        regionCode: t.regionCode,
        year: YEAR,
        mode: 'base',
        baseFen: BASE_FEN,
      });
      expect(own.totalFen, t.regionName).toBe(t.totalFen);
      expect(own.supersedesId).toBe(t.runId);
      sum += own.totalFen;
    }
    expect(region.job.totalFen).toBe(sum);
    expect(region.job.lineCount).toBe(region.townships.reduce((n, t) => n + t.lines, 0));
  });

  it('running it again supersedes every township’s committed run, so each township keeps exactly one committed run', async () => {
    const before = (await runsOf(handle, WULING, YEAR)).filter((r) => r.status === 'committed');
    const again = await runCounty(county, WULING, YEAR);
    const after = await runsOf(handle, WULING, YEAR);
    const committed = after.filter((r) => r.status === 'committed');
    expect(committed.map((r) => r.regionCode).sort()).toEqual(
      again.townships.map((t) => t.regionCode).sort(),
    );
    for (const t of again.townships) {
      const old = defined(before.find((r) => r.regionCode === t.regionCode));
      expect(t.supersedesId).toBe(old.id);
      expect(defined(after.find((r) => r.id === old.id)).status).toBe('superseded');
    }
    // audit rows in the same transaction: the job, each new run and each superseded one
    const audited = await handle.db
      .select({ target: auditLog.target })
      .from(auditLog)
      .where(eq(auditLog.procedure, 'pay.commitRegion'));
    const targets = new Set(audited.map((a) => a.target));
    expect(targets.has(`pay_region_job:${again.job.id}`)).toBe(true);
    for (const t of again.townships) {
      expect(targets.has(`pay_run:${t.runId}`)).toBe(true);
      expect(targets.has(`pay_run:${defined(t.supersedesId)}`)).toBe(true);
    }
  });

  it('a year with ungraded organisations writes nothing: the job fails naming the townships', async () => {
    const before = await runsOf(handle, WULING, UNGRADED_YEAR);
    const result = await runCounty(county, WULING, UNGRADED_YEAR);
    expect(result.job.status).toBe('failed');
    expect(result.job.message).toContain('尚未评定 2018 年度等次');
    expect(result.job.message).toContain('白鹤镇'); // villages, ungraded in 2018
    expect(await runsOf(handle, WULING, UNGRADED_YEAR)).toEqual(before);
    expect((await county.pay.regionJob({ id: result.job.id })).status).toBe('failed');
  });

  it('a cancelled job is never run, and a finished one cannot be cancelled', async () => {
    const job = await county.pay.startRegion({ regionCode: WULING, year: 2025, baseFen: 1 });
    // one pending job per region and year at a time
    await expect(
      county.pay.startRegion({ regionCode: WULING, year: 2025, baseFen: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const cancelled = await county.pay.cancelRegion({ id: job.id });
    expect(cancelled.status).toBe('cancelled');
    await expect(county.pay.commitRegion({ id: job.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('已取消') as unknown,
    });
    expect(await runsOf(handle, WULING, 2025)).toEqual([]);
    const done = await runCounty(county, WULING, YEAR);
    await expect(county.pay.cancelRegion({ id: done.job.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('已完成') as unknown,
    });
  });

  it('a job left pending longer than ten minutes is marked failed when the next one starts', async () => {
    const old = await county.pay.startRegion({ regionCode: WULING, year: 2024, baseFen: 1 });
    await handle.db
      .update(payRegionJobs)
      .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(payRegionJobs.id, old.id));
    const next = await county.pay.startRegion({ regionCode: WULING, year: 2024, baseFen: 1 });
    expect((await county.pay.regionJob({ id: old.id })).status).toBe('failed');
    await county.pay.cancelRegion({ id: next.id });
  });

  it('a run is for a county or a city: a township is refused, and only county and city departments may run one', async () => {
    await expect(
      county.pay.startRegion({ regionCode: QIMING, year: YEAR, baseFen: 1 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('不是县级或市级') as unknown,
    });
    await expect(
      township.pay.startRegion({ regionCode: QIMING, year: YEAR, baseFen: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('another county’s jobs can be neither seen, run, cancelled nor exported', async () => {
    const job = await county.pay.startRegion({ regionCode: WULING, year: 2023, baseFen: 1 });
    await expect(county2.pay.regionJob({ id: job.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(county2.pay.commitRegion({ id: job.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(county2.pay.cancelRegion({ id: job.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await county2.pay.regionJobs({ regionCode: DINGCHENG })).toEqual([]);
    await expect(
      county2.pay.exportRegionPayroll({ regionCode: WULING, year: YEAR }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await city.pay.regionJobs({ regionCode: '430700000000' })).map((j) => j.id)).toContain(
      job.id,
    );
    await county.pay.cancelRegion({ id: job.id });
  });

  it('the county payroll has a summary sheet and one sheet per township, and the totals add up to the fen', async () => {
    const exported = await county.pay.exportRegionPayroll({ regionCode: WULING, year: YEAR });
    const committed = (await runsOf(handle, WULING, YEAR)).filter((r) => r.status === 'committed');
    expect(exported.townships).toBe(committed.length);
    expect(exported.totalFen).toBe(committed.reduce((t, r) => t + r.totalFen, 0));
    const wb = await workbookOf(exported.base64);
    expect(wb.worksheets).toHaveLength(committed.length + 1);
    const summary = defined(wb.worksheets[0]);
    expect(summary.name).toBe('汇总');
    let total: number | null = null;
    let rows = 0;
    summary.eachRow((row, n) => {
      if (n <= 3) return;
      if (row.getCell(1).value === '合计') {
        const v = row.getCell(6).value;
        total = Math.round(
          Number(typeof v === 'object' && v && 'result' in v ? v.result : v) * 100,
        );
      } else if (total === null) rows += 1;
    });
    expect(rows).toBe(committed.length);
    expect(total).toBe(exported.totalFen);
    const names = new Set(townships.map((t) => t.name));
    for (const sheet of wb.worksheets.slice(1)) expect(names.has(sheet.name)).toBe(true);
  });
});

const PG = requirePostgres('a county-wide pay run cancelled while it runs');

describe.runIf(PG)('a cancel during a county-wide run on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let county: Api;

  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin'));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('rolls the whole run back: no township’s run is superseded and no new run is written', async () => {
    const first = await county.pay.startRegion({ regionCode: WULING, year: YEAR, baseFen: 1_000 });
    await county.pay.commitRegion({ id: first.id });
    const before = await runsOf(handle, WULING, YEAR);
    const held = defined(before[0]);
    const job = await county.pay.startRegion({ regionCode: WULING, year: YEAR, baseFen: 2_000 });
    // Another session holds a committed run's row: the region run stops at its supersede step,
    // in the middle of its transaction, until the cancel has been committed.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select id from pay_runs where id = ${held.id} for update`);
      locked();
      await released;
    });
    await isLocked;
    const running = county.pay.commitRegion({ id: job.id });
    const outcome = running.then(
      () => 'committed',
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await county.pay.cancelRegion({ id: job.id })).status).toBe('cancelled');
    release();
    await holder;
    expect(await outcome).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已全部撤回') as unknown,
    });
    expect(await runsOf(handle, WULING, YEAR)).toEqual(before);
    expect((await county.pay.regionJob({ id: job.id })).status).toBe('cancelled');
  });
});
