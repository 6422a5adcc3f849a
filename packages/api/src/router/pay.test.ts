import { defined } from '@dangjian/db';
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
const QIMING = '430702001000'; // 启明街道 (武陵区): communities only
const BAIHE = '430702102000'; // 白鹤镇 (武陵区): villages and communities
const HEFU = '430702100000'; // 河洑镇 (武陵区): villages and communities
const YEAR = 2018; // the seed grades only recent years: 2018 starts ungraded

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readPayroll(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = defined(wb.worksheets[0]);
  const fen = (v: ExcelJS.CellValue) => {
    const n = typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
    return Math.round(Number(n) * 100);
  };
  const lines: number[] = [];
  let totalFen: number | null = null;
  let note: string | null = null;
  sheet.eachRow((row, n) => {
    if (n <= 3) return;
    if (totalFen !== null) {
      // under the totals: the note on the unpaid, then the signature block
      if (row.getCell(1).text.startsWith('未发放')) note = row.getCell(1).text;
    } else if (row.getCell(1).value === '合计') totalFen = fen(row.getCell(8).value);
    else lines.push(fen(row.getCell(8).value));
  });
  return { sheet, lines, totalFen: totalFen as number | null, note: note as string | null };
}

describe.each(TEST_DRIVERS)('pay runs on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;
  let township: Api;
  /** The village orgs of 白鹤镇 (its 村, not its 社区), by id. */
  let villages: { id: number; name: string }[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin'));
    ({ api: county2 } = await callerAs(handle, 'county2_admin'));
    ({ api: township } = await callerAs(handle, 'township'));
    villages = await villageOrgsOf(BAIHE);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** The orgs of a township's administrative villages (category 农村), by region code and id. */
  async function villageOrgsOf(townshipCode: string) {
    return handle.db
      .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode })
      .from(orgs)
      .innerJoin(
        regions,
        and(
          eq(regions.code, orgs.regionCode),
          eq(regions.level, 'village'),
          eq(regions.kind, 'village'),
        ),
      )
      .where(
        and(
          between(orgs.regionCode, townshipCode, townshipCode.slice(0, 9) + '999'),
          eq(orgs.category, 'rural'),
        ),
      )
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
  }

  it('a preview fails while any village org to be paid is ungraded, naming each one', async () => {
    expect(villages.length).toBeGreaterThanOrEqual(4);
    const all = county.pay.preview({
      regionCode: BAIHE,
      year: YEAR,
      mode: 'pool',
      poolFen: 1_000_000,
    });
    await expect(all).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(all).rejects.toThrow(
      `白鹤镇有 ${villages.length} 个参与报酬核算的党组织尚未评定 ${YEAR} 年度等次，请先完成分类定级：`,
    );

    // Grade all but the last: the message names exactly that one.
    const last = defined(villages.at(-1));
    await county.grading.bulkSet({
      regionCode: BAIHE,
      year: YEAR,
      grade: 'good',
      reason: '年度考核',
      orgIds: villages.slice(0, -1).map((v) => v.id),
    });
    await expect(
      county.pay.preview({ regionCode: BAIHE, year: YEAR, mode: 'pool', poolFen: 1_000_000 }),
    ).rejects.toThrow(
      `白鹤镇有 1 个参与报酬核算的党组织尚未评定 ${YEAR} 年度等次，请先完成分类定级：${last.name}`,
    );
    // Grades: villages[1] 较好, [2] 一般, [3] 较差, every other 好.
    await county.grading.set({ orgId: last.id, year: YEAR, grade: 'good', reason: '年度考核' });
    await county.grading.set({ orgId: defined(villages[1]).id, year: YEAR, grade: 'fair' });
    await county.grading.set({ orgId: defined(villages[2]).id, year: YEAR, grade: 'average' });
    await county.grading.set({ orgId: defined(villages[3]).id, year: YEAR, grade: 'poor' });
  });

  const GRADE_ORDER = ['good', 'fair', 'average', 'poor'] as const;
  const expectedGrade = (i: number) => (i >= 1 && i <= 3 ? defined(GRADE_ORDER[i]) : 'good');
  const permille = { good: 1000, fair: 900, average: 800, poor: 700 } as const;

  it('base mode pays B × 1 / 0.9 / 0.8 / 0.7 by grade, and a preview writes nothing', async () => {
    const preview = await county.pay.preview({
      regionCode: BAIHE,
      year: YEAR,
      mode: 'base',
      baseFen: 300_000,
    });
    // 3,000.00 yuan for 好 → 2,700.00 / 2,400.00 / 2,100.00 yuan.
    expect(preview.lines.slice(0, 4).map((l) => l.amountFen)).toEqual([
      300_000, 270_000, 240_000, 210_000,
    ]);
    expect(preview.lines.length).toBeGreaterThan(4);
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
      regionCode: BAIHE,
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
      regionCode: BAIHE,
      year: YEAR,
      mode: 'pool',
      poolFen: POOL,
    });
    firstRunId = committed.id;
    const policy = await loadPolicy(handle.db, BAIHE, YEAR);
    const [run] = await handle.db.select().from(payRuns).where(eq(payRuns.id, committed.id));
    expect(run).toMatchObject({
      regionCode: BAIHE,
      year: YEAR,
      mode: 'pool',
      poolFen: POOL,
      totalFen: POOL,
      status: 'committed',
      supersedesId: null,
      policyVersion: policy.version,
      policyLabel: policy.label,
      unpaid: [],
    });
    expect(committed.policyLabel).toBe(policy.label);
    expect(committed.policyLabel).toMatch(/^常委〔2012〕5号/);
    expect(committed.policyLabel).not.toMatch(/@|#|changde-2012/);
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
    expect(detail.lines.length).toBeGreaterThan(0);
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
    const correction = await county.pay.commit({
      regionCode: BAIHE,
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
      `白鹤镇${YEAR}年度村（社区）党组织书记报酬表（核算${firstRunId}）.xlsx`,
    );
    const { lines, totalFen, sheet, note } = await readPayroll(file.base64);
    expect(sheet.getRow(3).getCell(8).value).toBe('金额（元）');
    // The policy in force in people's words, never its internal version.
    const particulars = sheet.getRow(2).getCell(1).text;
    expect(particulars).toContain('执行政策：常委〔2012〕5号');
    expect(particulars).not.toMatch(/changde-2012|default@|#[0-9a-f]{8}|§/);
    expect(note).toBeNull();
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
      regionCode: BAIHE,
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
    expect(preview.policyLabel).toMatch(/^武陵区报酬系数 \+ 常委〔2012〕5号/);
    expect(preview.rule).toContain('1 : 0.9 : 0.8 : 0.6');
    expect(preview.rule).toContain('武陵区测试文件 第一条');
    const rule = await county.pay.rule({ regionCode: WULING, year: YEAR });
    expect(rule.rule).toBe(preview.rule);
    expect(rule.policyLabel).toBe(preview.policyLabel);
    const before = await county.pay.rule({ regionCode: WULING, year: YEAR - 1 });
    expect(before.rule).toContain(
      '1 : 0.9 : 0.8 : 0.7 的比例确定村党组织书记报酬（常委〔2012〕5号 第七条）',
    );
    await handle.db.delete(policySets).where(eq(policySets.id, 'wuling-pay'));
  });

  it('pay is computed per township: a county is refused', async () => {
    await expect(
      county.pay.preview({ regionCode: WULING, year: YEAR, mode: 'base', baseFen: 100 }),
    ).rejects.toThrow('报酬核算以乡镇（街道）为单位，「武陵区」不是乡镇（街道）');
  });

  it("a county user can neither preview, commit, list nor open another county's pay runs", async () => {
    await expect(
      county2.pay.preview({ regionCode: BAIHE, year: YEAR, mode: 'pool', poolFen: 100 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county2.pay.commit({ regionCode: BAIHE, year: YEAR, mode: 'pool', poolFen: 100 }),
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

  it('a street of communities only has nobody to pay where community secretaries are outside the scheme (常德)', async () => {
    await expect(
      township.pay.preview({ regionCode: QIMING, year: YEAR, mode: 'pool', poolFen: 1_000_000 }),
    ).rejects.toThrow('启明街道没有报酬与定级挂钩的在任村党组织书记，无法核算报酬');
  });

  describe('who is paid (001 §7: the secretaries of the village Party organisations)', () => {
    const POOL_HEFU = 10_000_000;
    let hefuVillages: { id: number; name: string; regionCode: string }[];
    let vacant: { id: number; name: string; regionCode: string };
    let enterpriseId: number;
    let communityIds: number[];

    beforeAll(async () => {
      hefuVillages = await villageOrgsOf(HEFU);
      expect(hefuVillages.length).toBeGreaterThanOrEqual(3);
      vacant = defined(hefuVillages[1]);
      // A village organisation whose secretary has left: nobody in office.
      await handle.db.update(orgs).set({ secretaryId: null }).where(eq(orgs.id, vacant.id));
      // A non-public enterprise's branch located in a village, without a secretary, graded 好.
      const [enterprise] = await handle.db
        .insert(orgs)
        .values({
          name: '河洑示例农业开发有限公司党支部',
          kind: 'branch',
          category: 'non_public',
          regionCode: defined(hefuVillages[0]).regionCode,
          memberCount: 4,
        })
        .returning({ id: orgs.id });
      enterpriseId = defined(enterprise).id;
      const communities = await handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.kind, 'community')))
        .where(between(orgs.regionCode, HEFU, '430702100999'));
      communityIds = communities.map((c) => c.id);
      expect(communityIds.length).toBeGreaterThan(0);
      await county.grading.bulkSet({
        regionCode: HEFU,
        year: YEAR,
        grade: 'good',
        reason: '年度考核',
        orgIds: [...hefuVillages.map((v) => v.id), enterpriseId, ...communityIds],
      });
      await county.grading.set({ orgId: defined(hefuVillages[2]).id, year: YEAR, grade: 'poor' });
    });

    it('pays exactly the village organisations with a secretary in office, lists the others with reasons, and Σ lines = pool', async () => {
      const preview = await county.pay.preview({
        regionCode: HEFU,
        year: YEAR,
        mode: 'pool',
        poolFen: POOL_HEFU,
      });
      const expected = hefuVillages.filter((v) => v.id !== vacant.id).map((v) => v.id);
      expect(preview.lines.map((l) => l.orgId)).toEqual(expected);
      expect(preview.lines.length).toBeGreaterThan(0);
      expect(preview.lines.every((l) => l.secretaryName !== null)).toBe(true);
      expect(preview.lines.reduce((t, l) => t + l.amountFen, 0)).toBe(POOL_HEFU);
      expect(preview.totalFen).toBe(POOL_HEFU);
      // Listed, not paid: the village without a secretary.
      expect(preview.unpaid).toEqual([
        expect.objectContaining({
          orgId: vacant.id,
          status: 'vacant',
          secretaryName: null,
          reason: '书记空缺，无在任书记，本次不发放报酬',
        }),
      ]);
      // Not part of the run: the enterprise branch, every community, the township's own orgs.
      const notCovered = new Map(preview.notCovered.map((o) => [o.orgId, o.reason]));
      expect(notCovered.get(enterpriseId)).toContain(
        '驻村的非公有制经济组织党组织，不是村党组织本身',
      );
      for (const id of communityIds) {
        expect(notCovered.get(id)).toContain(
          '社区党组织书记报酬不与定级挂钩（常委〔2012〕5号 第七条）',
        );
      }
      const paidOrListed = new Set([
        ...preview.lines.map((l) => l.orgId),
        ...preview.unpaid.map((o) => o.orgId),
        ...preview.notCovered.map((o) => o.orgId),
      ]);
      const all = await handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .where(between(orgs.regionCode, HEFU, '430702100999'));
      expect(paidOrListed).toEqual(new Set(all.map((o) => o.id)));
      expect(preview.rule).toContain('社区党组织书记报酬不与定级挂钩');
    });

    it('a committed run keeps the unpaid organisations, and the payroll lists them under the total', async () => {
      const committed = await county.pay.commit({
        regionCode: HEFU,
        year: YEAR,
        mode: 'pool',
        poolFen: POOL_HEFU,
      });
      const detail = await county.pay.run({ id: committed.id });
      expect(detail.unpaid.map((u) => u.orgId)).toEqual([vacant.id]);
      expect(detail.lines.map((l) => l.orgId)).not.toContain(enterpriseId);
      const file = await county.pay.exportPayroll({ id: committed.id });
      const { lines, totalFen, note } = await readPayroll(file.base64);
      expect(lines).toHaveLength(hefuVillages.length - 1);
      expect(totalFen).toBe(POOL_HEFU);
      expect(lines.reduce((t, l) => t + l, 0)).toBe(POOL_HEFU);
      expect(note).toContain(`未发放（1 个）：`);
      expect(note).toContain(`${vacant.name}（书记空缺，无在任书记，本次不发放报酬）`);
    });

    it('where a region ties community secretaries to the grade too, they are paid', async () => {
      await handle.db.insert(policySets).values({
        id: 'wuling-communities',
        version: 1,
        name: '武陵区社区书记报酬',
        regionCode: WULING,
        fromYear: YEAR,
        toYear: YEAR,
        effectiveDate: `${YEAR}-01-01`,
        parameters: {
          payCoversCommunities: {
            value: true,
            source: { seed: null, section: '第二条', document: '武陵区测试文件' },
          },
        },
      });
      try {
        const preview = await county.pay.preview({
          regionCode: HEFU,
          year: YEAR,
          mode: 'pool',
          poolFen: POOL_HEFU,
        });
        const paid = new Set(preview.lines.map((l) => l.orgId));
        for (const id of communityIds) expect(paid.has(id)).toBe(true);
        expect(paid.has(enterpriseId)).toBe(false);
        expect(paid.has(vacant.id)).toBe(false);
        expect(preview.lines.reduce((t, l) => t + l.amountFen, 0)).toBe(POOL_HEFU);
        expect(preview.rule).toContain('确定村（社区）党组织书记报酬');
      } finally {
        await handle.db.delete(policySets).where(eq(policySets.id, 'wuling-communities'));
      }
    });
  });
});
