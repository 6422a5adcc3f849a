import type { DatabaseHandle } from '@dangjian/db';
import { orgs, payRunLines, payRuns, policySets, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy';
import { callerAs } from '../testing';

const WULING = '430702000000';
const DINGCHENG = '430703000000';
const QIMING = '430702001000'; // 启明街道 (武陵区)
const YEAR = 2018; // the seed grades only recent years: 2018 starts ungraded

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readPayroll(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = wb.worksheets[0]!;
  const fen = (v: ExcelJS.CellValue) => {
    const n = typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
    return Math.round(Number(n) * 100);
  };
  const lines: number[] = [];
  let totalFen: number | null = null;
  sheet.eachRow((row, n) => {
    if (n <= 3) return;
    if (row.getCell(1).value === '合计') totalFen = fen(row.getCell(8).value);
    else lines.push(fen(row.getCell(8).value));
  });
  return { sheet, lines, totalFen: totalFen as number | null };
}

describe.each(TEST_DRIVERS)('pay runs on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;
  let township: Api;
  /** The village/community orgs of 启明街道, by id. */
  let villages: { id: number; name: string }[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin'));
    ({ api: county2 } = await callerAs(handle, 'county2_admin'));
    ({ api: township } = await callerAs(handle, 'township'));
    villages = await handle.db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(between(orgs.regionCode, QIMING, '430702001999'))
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('a preview fails while any village/community org of the township is ungraded, naming each one', async () => {
    expect(villages.length).toBeGreaterThanOrEqual(4);
    const all = township.pay.preview({
      regionCode: QIMING,
      year: YEAR,
      mode: 'pool',
      poolFen: 1_000_000,
    });
    await expect(all).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(all).rejects.toThrow(
      `启明街道有 ${villages.length} 个村（社区）党组织尚未评定 ${YEAR} 年度等次，请先完成分类定级：`,
    );

    // Grade all but the last: the message names exactly that one.
    const last = villages.at(-1)!;
    await township.grading.bulkSet({
      regionCode: QIMING,
      year: YEAR,
      grade: 'good',
      reason: '年度考核',
      orgIds: villages.slice(0, -1).map((v) => v.id),
    });
    await expect(
      township.pay.preview({ regionCode: QIMING, year: YEAR, mode: 'pool', poolFen: 1_000_000 }),
    ).rejects.toThrow(
      `启明街道有 1 个村（社区）党组织尚未评定 ${YEAR} 年度等次，请先完成分类定级：${last.name}`,
    );
    // Grades: villages[1] 较好, [2] 一般, [3] 较差, every other 好.
    await township.grading.set({ orgId: last.id, year: YEAR, grade: 'good', reason: '年度考核' });
    await township.grading.set({ orgId: villages[1]!.id, year: YEAR, grade: 'fair' });
    await township.grading.set({ orgId: villages[2]!.id, year: YEAR, grade: 'average' });
    await township.grading.set({ orgId: villages[3]!.id, year: YEAR, grade: 'poor' });
  });

  const GRADE_ORDER = ['good', 'fair', 'average', 'poor'] as const;
  const expectedGrade = (i: number) => (i >= 1 && i <= 3 ? GRADE_ORDER[i]! : 'good');
  const permille = { good: 1000, fair: 900, average: 800, poor: 700 } as const;

  it('base mode pays B × 1 / 0.9 / 0.8 / 0.7 by grade, and a preview writes nothing', async () => {
    const preview = await county.pay.preview({
      regionCode: QIMING,
      year: YEAR,
      mode: 'base',
      baseFen: 300_000,
    });
    // 3,000.00 yuan for 好 → 2,700.00 / 2,400.00 / 2,100.00 yuan.
    expect(preview.lines.slice(0, 4).map((l) => l.amountFen)).toEqual([
      300_000, 270_000, 240_000, 210_000,
    ]);
    expect(preview.lines.slice(4).every((l) => l.amountFen === 300_000 && l.grade === 'good')).toBe(
      true,
    );
    expect(preview.totalFen).toBe(300_000 * (villages.length - 3) + 270_000 + 240_000 + 210_000);
    expect(preview.lines.map((l) => l.orgId)).toEqual(villages.map((v) => v.id));
    expect(await handle.db.select().from(payRuns)).toEqual([]);
  });

  it('pool mode shares the pool in 1 : 0.9 : 0.8 : 0.7 and the amounts add up to the pool to the fen', async () => {
    // Σ ratio × 1000 = W; a pool of 300 × W fen gives exactly 300 fen per permille; one more fen
    // goes to the largest remainder (a 好 org: remainder 1000/W), ties → the smaller id (as text).
    const W = villages.reduce((s, _, i) => s + permille[expectedGrade(i)], 0);
    const pool = 300 * W + 1;
    const preview = await county.pay.preview({
      regionCode: QIMING,
      year: YEAR,
      mode: 'pool',
      poolFen: pool,
    });
    const luckyId = villages
      .filter((_, i) => expectedGrade(i) === 'good')
      .map((v) => String(v.id))
      .sort()[0];
    expect(preview.lines.map((l) => l.amountFen)).toEqual(
      villages.map((v, i) => 300 * permille[expectedGrade(i)] + (String(v.id) === luckyId ? 1 : 0)),
    );
    expect(preview.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(pool);
    expect(preview.totalFen).toBe(pool);
  });

  let firstRunId: number;
  const POOL = 123_456_789; // 1,234,567.89 yuan: not a multiple of anything convenient

  it('a committed pool run is stored with its lines and the policy version, and its lines add up to the pool', async () => {
    const committed = await county.pay.commit({
      regionCode: QIMING,
      year: YEAR,
      mode: 'pool',
      poolFen: POOL,
    });
    firstRunId = committed.id;
    const policy = await loadPolicy(handle.db, QIMING, YEAR);
    const [run] = await handle.db.select().from(payRuns).where(eq(payRuns.id, committed.id));
    expect(run).toMatchObject({
      regionCode: QIMING,
      year: YEAR,
      mode: 'pool',
      poolFen: POOL,
      totalFen: POOL,
      status: 'committed',
      supersedesId: null,
      policyVersion: policy.version,
    });
    const lines = await handle.db
      .select()
      .from(payRunLines)
      .where(eq(payRunLines.runId, committed.id));
    expect(lines).toHaveLength(villages.length);
    expect(lines.reduce((s, l) => s + l.amountFen, 0)).toBe(POOL);
    // Each amount is the exact share rounded down or up by at most one fen.
    const W = villages.reduce((s, _, i) => s + permille[expectedGrade(i)], 0);
    for (const l of lines) {
      const exact = (POOL * l.ratioPermille) / W;
      expect(l.amountFen === Math.floor(exact) || l.amountFen === Math.floor(exact) + 1).toBe(true);
    }
    expect(new Set(lines.map((l) => l.ratioPermille))).toEqual(new Set([1000, 900, 800, 700]));

    const detail = await county.pay.run({ id: committed.id });
    expect(detail.lines.map((l) => l.orgId)).toEqual(villages.map((v) => v.id));
    expect(detail.lines.every((l) => l.secretaryName)).toBe(true);
  });

  it('a committed run cannot be changed or deleted, not even directly in the database', async () => {
    await expect(
      handle.db.update(payRuns).set({ totalFen: 1 }).where(eq(payRuns.id, firstRunId)),
    ).rejects.toThrow();
    await expect(
      handle.db.update(payRunLines).set({ amountFen: 1 }).where(eq(payRunLines.runId, firstRunId)),
    ).rejects.toThrow();
    await expect(
      handle.db.delete(payRunLines).where(eq(payRunLines.runId, firstRunId)),
    ).rejects.toThrow();
    const [run] = await handle.db.select().from(payRuns).where(eq(payRuns.id, firstRunId));
    expect(run?.totalFen).toBe(POOL);
  });

  it('a correction is a new run that supersedes the committed one, which stays as it was', async () => {
    const correction = await township.pay.commit({
      regionCode: QIMING,
      year: YEAR,
      mode: 'base',
      baseFen: 300_000,
    });
    expect(correction.supersedesId).toBe(firstRunId);
    const runs = await county.pay.runs({ regionCode: WULING, year: YEAR });
    expect(runs.map((r) => [r.id, r.status, r.supersedesId, r.lineCount])).toEqual([
      [correction.id, 'committed', firstRunId, villages.length],
      [firstRunId, 'superseded', null, villages.length],
    ]);
    const old = await county.pay.run({ id: firstRunId });
    expect(old.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(POOL);
    // A superseded run cannot go back to committed.
    await expect(
      handle.db.update(payRuns).set({ status: 'committed' }).where(eq(payRuns.id, firstRunId)),
    ).rejects.toThrow();
  });

  it("the payroll sheet lists every secretary and its totals row equals the run's pool to the fen", async () => {
    const file = await county.pay.exportPayroll({ id: firstRunId });
    expect(file.filename).toBe(
      `启明街道${YEAR}年度村（社区）党组织书记报酬表（核算${firstRunId}）.xlsx`,
    );
    const { lines, totalFen, sheet } = await readPayroll(file.base64);
    expect(sheet.getRow(3).getCell(8).value).toBe('金额（元）');
    expect(lines).toHaveLength(villages.length);
    expect(totalFen).toBe(POOL);
    expect(lines.reduce((s, l) => s + l, 0)).toBe(POOL);
  });

  it("the township's own policy set decides the ratios, and the run records its version", async () => {
    await handle.db.insert(policySets).values({
      id: 'wuling-pay',
      version: 1,
      name: '武陵区报酬系数',
      regionCode: WULING,
      fromYear: YEAR,
      toYear: YEAR,
      effectiveDate: `${YEAR}-01-01`,
      parameters: {
        payRatioPoor: {
          value: 0.6,
          source: { seed: null, section: '第一条', document: '武陵区测试文件' },
        },
      },
    });
    const preview = await county.pay.preview({
      regionCode: QIMING,
      year: YEAR,
      mode: 'base',
      baseFen: 300_000,
    });
    expect(preview.lines[3]).toMatchObject({
      grade: 'poor',
      ratio: 0.6,
      ratioPermille: 600,
      amountFen: 180_000,
    });
    expect(preview.policyVersion).toMatch(/^wuling-pay@1\+/);
    await handle.db.delete(policySets).where(eq(policySets.id, 'wuling-pay'));
  });

  it('pay is computed per township: a county is refused', async () => {
    await expect(
      county.pay.preview({ regionCode: WULING, year: YEAR, mode: 'base', baseFen: 100 }),
    ).rejects.toThrow('报酬核算以乡镇（街道）为单位，「武陵区」不是乡镇（街道）');
  });

  it("a county user can neither preview, commit, list nor open another county's pay runs", async () => {
    await expect(
      county2.pay.preview({ regionCode: QIMING, year: YEAR, mode: 'pool', poolFen: 100 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county2.pay.commit({ regionCode: QIMING, year: YEAR, mode: 'pool', poolFen: 100 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(county2.pay.runs({ regionCode: WULING })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(county2.pay.run({ id: firstRunId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(county2.pay.exportPayroll({ id: firstRunId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await county2.pay.runs({ regionCode: DINGCHENG })).toEqual([]);
    const all = await handle.db.select().from(payRuns);
    expect(all).toHaveLength(2);
  });
});
