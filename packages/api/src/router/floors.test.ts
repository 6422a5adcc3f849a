import type { DatabaseHandle } from '@dangjian/db';
import { defined, hashPassword } from '@dangjian/db';
import { fundRecords, people, regions, regionStats, users } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS } from '@dangjian/db/testing';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, zodMessage } from '../testing';
import { loadWorkbook, toBase64 } from '../xlsx/workbook';

const CITY = '430700000000';
const WULING = '430702000000'; // county_admin's county
const DINGCHENG = '430703000000';
const YEAR = 2026;

/** The first `n` village-level regions of a county of the given kind (村 or 社区). */
async function units(
  handle: DatabaseHandle,
  county: string,
  kind: 'village' | 'community',
  n: number,
) {
  const rows = await handle.db
    .select({ code: regions.code })
    .from(regions)
    .where(
      and(
        eq(regions.level, 'village'),
        eq(regions.kind, kind),
        like(regions.code, `${county.slice(0, 6)}%`),
      ),
    )
    .orderBy(asc(regions.code))
    .limit(n);
  expect(rows).toHaveLength(n);
  return rows.map((r) => r.code);
}

describe.each(TEST_DRIVERS)('funding and pay floors on %s', (driver) => {
  let handle: DatabaseHandle;
  let otherCounty: string;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    // Regions and accounts only: every figure below is inserted by hand.
    await seed(handle.db, { prefix: '4307', demo: false });
    await seedAccounts(handle.db, { prefix: '4307' });
    const [third] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'county'), like(regions.code, '4307%')))
      .orderBy(asc(regions.code))
      .offset(2)
      .limit(1);
    otherCounty = defined(third).code;

    const [dcVillages, wlVillages, otherVillages] = await Promise.all([
      units(handle, DINGCHENG, 'village', 3),
      units(handle, WULING, 'village', 3),
      units(handle, otherCounty, 'village', 2),
    ]);
    await handle.db.insert(regionStats).values([
      {
        regionCode: WULING,
        year: YEAR,
        key: 'rural_labour_avg_income',
        valueFen: 3_000_000,
        source: '测试',
      },
      {
        regionCode: DINGCHENG,
        year: YEAR,
        key: 'rural_labour_avg_income',
        valueFen: 2_500_000,
        source: '测试',
      },
    ]);
    const [cadreA, cadreB] = await handle.db
      .insert(people)
      .values([
        { name: '甲离任', gender: 'male', regionCode: defined(otherVillages[0]) },
        { name: '乙离任', gender: 'male', regionCode: defined(otherVillages[1]) },
      ])
      .returning({ id: people.id });
    await handle.db.insert(fundRecords).values([
      // 鼎城区: village operating funds 55,000 + 65,000 yuan → average exactly 60,000 (the floor).
      {
        year: YEAR,
        kind: 'operating_funds',
        regionCode: defined(dcVillages[0]),
        amountFen: 5_500_000,
      },
      {
        year: YEAR,
        kind: 'operating_funds',
        regionCode: defined(dcVillages[1]),
        amountFen: 6_500_000,
      },
      // 鼎城区: one village secretary paid 26,000 yuan ≥ 25,000 rural income → met.
      {
        year: YEAR,
        kind: 'secretary_annual_pay',
        regionCode: defined(dcVillages[2]),
        amountFen: 2_600_000,
      },
      // 武陵区: three village secretaries 28,000 + 30,000 + 29,000 = 87,000 yuan against
      // 3 × 30,000 = 90,000 → 3,000 yuan (300,000 fen) short, average 29,000.
      {
        year: YEAR,
        kind: 'secretary_annual_pay',
        regionCode: defined(wlVillages[0]),
        amountFen: 2_800_000,
      },
      {
        year: YEAR,
        kind: 'secretary_annual_pay',
        regionCode: defined(wlVillages[1]),
        amountFen: 3_000_000,
      },
      {
        year: YEAR,
        kind: 'secretary_annual_pay',
        regionCode: defined(wlVillages[2]),
        amountFen: 2_900_000,
      },
      // Third county: A has a subsidised pension AND a 150 yuan/month subsidy (001 §18 violation);
      // B gets exactly 100 yuan/month (the floor).
      {
        year: YEAR,
        kind: 'departed_cadre_subsidy',
        regionCode: defined(otherVillages[0]),
        personId: defined(cadreA).id,
        amountFen: 15_000,
        subsidisedPension: true,
      },
      {
        year: YEAR,
        kind: 'departed_cadre_subsidy',
        regionCode: defined(otherVillages[1]),
        personId: defined(cadreB).id,
        amountFen: 10_000,
        subsidisedPension: false,
      },
      // Last year's record must not count this year.
      {
        year: YEAR - 1,
        kind: 'secretary_annual_pay',
        regionCode: defined(wlVillages[0]),
        amountFen: 1,
      },
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('an average floor met exactly (average 60,000 yuan for a 60,000 yuan floor) is met with no shortfall', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const report = await api.floors.check({ regionCode: CITY, year: YEAR });
    const row = defined(
      report.rows.find((r) => r.unitCode === DINGCHENG && r.floor === 'village_operating_funds'),
    );
    expect(row).toMatchObject({
      kind: 'average',
      floorFen: 6_000_000,
      actualFen: 6_000_000,
      shortfallFen: 0,
      met: true,
      status: 'met',
      count: 2,
    });
    expect(row.basis[0]?.source).toContain('常委〔2012〕5号');
  });

  it('a county whose secretaries average below the rural labour income is listed first, with the money still needed', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const report = await api.floors.check({ regionCode: CITY, year: YEAR });
    expect(report.units[0]?.code).toBe(WULING);
    const row = defined(
      defined(report.units[0]).floors.find((r) => r.floor === 'village_secretary_pay'),
    );
    expect(row).toMatchObject({
      kind: 'average',
      floorFen: 3_000_000,
      actualFen: 2_900_000,
      shortfallFen: 300_000,
      met: false,
      count: 3,
    });
    expect(row.references[0]).toMatchObject({
      key: 'rural_labour_avg_income',
      valueFen: 3_000_000,
    });
    // Every unit that falls short comes before every unit that does not (鼎城区 meets all it records).
    const shortfalls = report.units.map((u) => u.unmet > 0);
    expect(shortfalls.indexOf(false)).toBeGreaterThan(shortfalls.lastIndexOf(true));
    expect(report.units.find((u) => u.code === DINGCHENG)?.unmet).toBe(0);
    expect(report.summary.find((s) => s.floor === 'village_secretary_pay')).toMatchObject({
      evaluated: 2,
      met: 1,
      unmet: 1,
      shortfallFen: 300_000,
    });
  });

  it('a departed cadre with a subsidised pension who is still paid a living subsidy is reported as a violation', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const report = await api.floors.check({ regionCode: CITY, year: YEAR });
    const row = defined(
      report.rows.find((r) => r.unitCode === otherCounty && r.floor === 'departed_cadre_subsidy'),
    );
    // B's 100 yuan meets the floor exactly; A is excluded from the floor but breaks the exclusion.
    expect(row).toMatchObject({
      kind: 'each',
      floorFen: 10_000,
      actualFen: 10_000,
      shortfallFen: 0,
      met: false,
      status: 'unmet',
      count: 1,
    });
    expect(row.violations.map((v) => v.name)).toEqual(['甲离任']);
    expect(row.note).toContain('甲离任');
  });

  it('nothing recorded is shown as not recorded, neither met nor short; the city fund is checked only for the city', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const report = await api.floors.check({ regionCode: CITY, year: YEAR });
    const row = defined(
      report.rows.find((r) => r.unitCode === DINGCHENG && r.floor === 'community_secretary_pay'),
    );
    expect(row).toMatchObject({ status: 'no_data', met: null, shortfallFen: 0 });
    expect(report.rows.find((r) => r.floor === 'hardship_care_fund')).toMatchObject({
      unitCode: CITY,
      status: 'no_data',
    });
  });

  it('a county user sees only its own county, and is refused the city', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const report = await api.floors.check({ regionCode: WULING, year: YEAR });
    expect(report.units.map((u) => u.code)).toEqual([WULING]);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.every((r) => r.unitCode === WULING)).toBe(true);
    await expect(api.floors.check({ regionCode: CITY, year: YEAR })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(api.floors.check({ regionCode: DINGCHENG, year: YEAR })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('a township sees its own part of the county, marked partial, without county figures it may not read', async () => {
    const { api, user } = await callerAs(handle, 'township');
    const report = await api.floors.check({ regionCode: user.regionCode, year: YEAR });
    expect(report.partial).toBe(true);
    expect(report.units.map((u) => u.code)).toEqual([`${user.regionCode.slice(0, 6)}000000`]);
    expect(report.scopeNote).toContain('以区县');
  });

  describe('Dongguan (003 §4.3), a city with towns directly under it', () => {
    const DONGGUAN = '441900000000';
    let dgVillages: string[];
    let dgCommunity: string | undefined;
    let dgTown: string;

    beforeAll(async () => {
      // The real 东莞 tree: the city, its towns and streets, their villages and communities.
      await seed(handle.db, { prefix: '4419', demo: false });
      dgVillages = await units(handle, DONGGUAN, 'village', 2);
      [dgCommunity] = await units(handle, DONGGUAN, 'community', 1);
      dgTown = `${defined(dgVillages[0]).slice(0, 9)}000`;
      const passwordHash = await hashPassword('Dangjian@2026');
      await handle.db.insert(users).values([
        {
          username: 'dg_admin',
          displayName: '东莞市委组织部',
          role: 'city_admin',
          regionCode: DONGGUAN,
          passwordHash,
        },
        {
          username: 'dg_town',
          displayName: '东莞某镇党委',
          role: 'township',
          regionCode: dgTown,
          passwordHash,
        },
      ]);
    });

    it('the city is its own county-level unit; with no basic pay recorded, pay is shown as not recorded', async () => {
      const { api } = await callerAs(handle, 'dg_admin');
      const report = await api.floors.check({ regionCode: DONGGUAN, year: YEAR });
      expect(report.units.map((u) => u.code)).toEqual([DONGGUAN]);
      expect(report.policyLabel).toContain('东组通〔2015〕34号');
      expect(defined(report.units[0]).policyLabel).toContain('东组通〔2015〕34号');
      const village = defined(report.rows.find((r) => r.floor === 'village_secretary_pay'));
      expect(village).toMatchObject({ status: 'no_data', label: '村干部基本报酬' });
      // The city's own hardship fund sits in the same unit, not in a second one with the same code.
      expect(defined(report.units[0]).floors.map((r) => r.floor)).toContain('hardship_care_fund');
    });

    it('each cadre’s recorded basic pay gets a verdict against 2 × farmers’ income; every cadre below it is listed with the gap', async () => {
      const { api } = await callerAs(handle, 'dg_admin');
      await api.floors.saveStat({
        regionCode: DONGGUAN,
        year: YEAR,
        key: 'farmer_net_income_per_capita',
        valueFen: 2_000_000,
        source: '东莞市统计公报（测试）',
      });
      await api.floors.saveCadrePay({
        regionCode: defined(dgVillages[0]),
        year: YEAR,
        name: '莞甲书记',
        gender: 'male',
        post: 'secretary_director',
        basicPayFen: 5_000_000,
      });
      const member = await api.floors.saveCadrePay({
        regionCode: defined(dgVillages[0]),
        year: YEAR,
        name: '莞乙委员',
        gender: 'female',
        post: 'committee_member',
        basicPayFen: 3_900_000,
      });
      await api.floors.saveCadrePay({
        regionCode: defined(dgVillages[1]),
        year: YEAR,
        name: '莞丙书记',
        gender: 'male',
        post: 'secretary',
        basicPayFen: 4_000_000,
      });
      // A community cadre: held to the same 2 × farmers' income (no social wage is recorded at all).
      await api.floors.saveCadrePay({
        regionCode: defined(dgCommunity),
        year: YEAR,
        name: '莞丁书记',
        gender: 'female',
        post: 'secretary',
        basicPayFen: 3_500_000,
      });

      const report = await api.floors.check({ regionCode: DONGGUAN, year: YEAR });
      const village = defined(report.rows.find((r) => r.floor === 'village_secretary_pay'));
      expect(village).toMatchObject({
        unitCode: DONGGUAN,
        kind: 'each',
        label: '村干部基本报酬',
        floorFen: 4_000_000,
        actualFen: 3_900_000,
        shortfallFen: 100_000,
        met: false,
        status: 'unmet',
        count: 3,
      });
      expect(village.note ?? '').not.toContain('无法核算');
      expect(village.below).toEqual([
        expect.objectContaining({
          recordId: member.id,
          name: '莞乙委员',
          postLabel: '两委委员',
          basicPayFen: 3_900_000,
          floorFen: 4_000_000,
          shortfallFen: 100_000,
        }),
      ]);
      expect(village.basis.map((b) => b.source)).toContain('东组通〔2015〕34号 第四部分第3项');
      const community = defined(report.rows.find((r) => r.floor === 'community_secretary_pay'));
      expect(community).toMatchObject({
        kind: 'each',
        label: '社区干部基本报酬',
        floorFen: 4_000_000,
        shortfallFen: 500_000,
        status: 'unmet',
      });
      expect(community.below.map((b) => b.name)).toEqual(['莞丁书记']);

      // The list per region and year shows each record against its floor.
      const list = await api.floors.cadrePay({ regionCode: DONGGUAN, year: YEAR });
      expect(list.rules[1]).toBe(
        '社区干部基本报酬每人不低于当地农民人均纯收入的 2 倍（东组通〔2015〕34号 第四部分第3项）',
      );
      expect(list.items.find((i) => i.id === member.id)).toMatchObject({
        name: '莞乙委员',
        floorFen: 4_000_000,
        shortfallFen: 100_000,
        met: false,
      });

      // Raising the member's pay to the floor clears the village row.
      await api.floors.saveCadrePay({
        id: member.id,
        regionCode: defined(dgVillages[0]),
        year: YEAR,
        post: 'committee_member',
        basicPayFen: 4_000_000,
      });
      const after = await api.floors.check({ regionCode: DONGGUAN, year: YEAR });
      expect(after.rows.find((r) => r.floor === 'village_secretary_pay')).toMatchObject({
        met: true,
        shortfallFen: 0,
        below: [],
      });
    });

    it('without the farmers’ income figure the verdict names the missing figure, not an input path', async () => {
      const { api } = await callerAs(handle, 'dg_admin');
      await api.floors.saveCadrePay({
        regionCode: defined(dgVillages[0]),
        year: YEAR + 1,
        name: '莞戊书记',
        gender: 'male',
        post: 'secretary',
        basicPayFen: 1,
      });
      const report = await api.floors.check({ regionCode: DONGGUAN, year: YEAR + 1 });
      const village = defined(report.rows.find((r) => r.floor === 'village_secretary_pay'));
      expect(village.status).toBe('unavailable');
      expect(village.note).toBe(`无法核算：缺少东莞市${YEAR + 1}年当地农民人均纯收入`);
    });

    it('a cadre is recorded once per village and year; pay is recorded per village, not per town', async () => {
      const { api } = await callerAs(handle, 'dg_admin');
      // Farmers' income is a figure of the county-level unit (东莞 itself), not of a town.
      await expect(
        api.floors.saveStat({
          regionCode: dgTown,
          year: YEAR,
          key: 'farmer_net_income_per_capita',
          valueFen: 1,
          source: '测试',
        }),
      ).rejects.toThrow(/按县（市、区）录入/);
      const list = await api.floors.cadrePay({ regionCode: DONGGUAN, year: YEAR });
      const secretary = defined(list.items.find((i) => i.name === '莞甲书记'));
      await expect(
        api.floors.saveCadrePay({
          regionCode: defined(dgVillages[0]),
          year: YEAR,
          personId: secretary.personId,
          post: 'secretary',
          basicPayFen: 1,
        }),
      ).rejects.toThrow(/已有基本报酬记录/);
      await expect(
        api.floors.saveCadrePay({
          regionCode: dgTown,
          year: YEAR,
          personId: secretary.personId,
          post: 'secretary',
          basicPayFen: 1,
        }),
      ).rejects.toThrow(/按村或社区录入/);
      expect(
        await zodMessage(
          api.floors.saveCadrePay({
            regionCode: defined(dgVillages[0]),
            year: YEAR,
            post: 'secretary',
            basicPayFen: 1,
          }),
        ),
      ).toContain('请选择人员');
    });

    it('a sheet exported for a town, filled in and imported, records each cadre; a wrong sheet writes nothing and lists every problem by row', async () => {
      const { api } = await callerAs(handle, 'dg_admin');
      const file = await api.floors.cadrePayTemplate({ regionCode: dgTown, year: YEAR + 2 });
      const workbook = defined(await loadWorkbook(file.base64));
      const sheet = defined(workbook.worksheets[0]);
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        '乡镇（街道）',
        '村（社区）',
        '姓名',
        '性别',
        '职务',
        '基本报酬（元/年）',
        '备注',
      ]);
      // One blank line per village and community of the town; no region code anywhere.
      expect(file.rowCount).toBe(sheet.rowCount - 1);
      const unitName = sheet.getCell('B2').text;
      sheet.getCell('C2').value = '导入甲';
      sheet.getCell('D2').value = '女';
      sheet.getCell('E2').value = '两委委员';
      sheet.getCell('F2').value = 38_000;
      sheet.getCell('C3').value = '导入乙';
      sheet.getCell('D3').value = '男';
      sheet.getCell('E3').value = '党组织书记';
      sheet.getCell('F3').value = 45_000.5;

      const bad = defined(await loadWorkbook(await toBase64(workbook)));
      defined(bad.worksheets[0]).getCell('E2').value = '村长';
      defined(bad.worksheets[0]).getCell('B3').value = '不存在的村';
      const rejected = await api.floors.importCadrePay({
        regionCode: dgTown,
        year: YEAR + 2,
        base64: await toBase64(bad),
      });
      expect(rejected.ok).toBe(false);
      if (!rejected.ok) {
        expect(rejected.errors.map((e) => [e.row, e.column])).toEqual([
          [2, '职务'],
          [3, '村（社区）'],
        ]);
      }
      expect((await api.floors.cadrePay({ regionCode: dgTown, year: YEAR + 2 })).items).toEqual([]);

      const written = await api.floors.importCadrePay({
        regionCode: dgTown,
        year: YEAR + 2,
        base64: await toBase64(workbook),
      });
      expect(written).toMatchObject({ ok: true, created: 2, updated: 0, newPeople: 2 });
      const list = await api.floors.cadrePay({ regionCode: dgTown, year: YEAR + 2 });
      expect(list.items.find((i) => i.name === '导入甲')).toMatchObject({
        unitName,
        postLabel: '两委委员',
        basicPayFen: 3_800_000,
      });
      expect(list.items.find((i) => i.name === '导入乙')).toMatchObject({
        postLabel: '党组织书记',
        basicPayFen: 4_500_050,
      });
      // Importing again replaces the records instead of adding people twice.
      const again = await api.floors.importCadrePay({
        regionCode: dgTown,
        year: YEAR + 2,
        base64: await toBase64(workbook),
      });
      expect(again).toMatchObject({ ok: true, created: 0, updated: 2, newPeople: 0 });
    });

    it('a Dongguan town sees its own part of the city, and a Changde account cannot record Dongguan pay', async () => {
      const { api } = await callerAs(handle, 'dg_town');
      const report = await api.floors.check({ regionCode: dgTown, year: YEAR });
      expect(report.partial).toBe(true);
      expect(report.units.map((u) => u.code)).toEqual([DONGGUAN]);
      const { api: changde } = await callerAs(handle, 'city_admin');
      await expect(
        changde.floors.saveCadrePay({
          regionCode: defined(dgVillages[1]),
          year: YEAR,
          name: '越权',
          gender: 'male',
          post: 'secretary',
          basicPayFen: 1,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Changde's own communities stay on the county average against the social wage.
      const own = await changde.floors.check({ regionCode: CITY, year: YEAR });
      expect(own.rows.find((r) => r.floor === 'community_secretary_pay')?.label).toBe(
        '社区党组织书记年平均报酬',
      );
    });
  });
});
