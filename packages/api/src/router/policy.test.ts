import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, policySets } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { DEFAULT_POLICY_SET, POLICY_KEYS } from '@dangjian/domain';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const CITY = '430700000000';
const WULING = '430702000000';
const WULING_VILLAGE_PREFIX = '430702001'; // 启明街道's villages/communities
const DINGCHENG_TOWNSHIP = '430703001000';

/** A department's own source citation for an override. */
const source = (document: string, section: string) => ({ seed: null, section, document });

describe.each(TEST_DRIVERS)('policy configuration on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('常德 follows its own notice and what its department adopts: every parameter is in force, none a bare reference value', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const effective = await api.policy.effective({ regionCode: WULING, year: 2026 });
    expect(effective.parameters).toHaveLength(POLICY_KEYS.length);
    expect(effective.parameters.filter((p) => p.kind === 'system').map((p) => p.key)).toEqual([]);
    expect(effective.parameters.find((p) => p.key === 'payRatioFair')).toMatchObject({
      value: 0.9,
      unit: 'ratio',
      unitLabel: '系数',
      label: '“较好”类报酬系数',
      setId: 'changde-2012',
      kind: 'notice',
      kindLabel: '本地区文件',
      source: '常委〔2012〕5号 第七条',
      overridden: false,
    });
    expect(effective.parameters.find((p) => p.key === 'rectQuotaVillagePct')).toMatchObject({
      value: 10,
      kind: 'adopted',
      kindLabel: '参照执行',
      setRegionName: '常德市',
      source: '岳阳市委组织部2015年基层党建通知 第三部分',
    });
    expect(effective.label).toBe(
      '常委〔2012〕5号 + 参照执行岳阳市委组织部2015年基层党建通知 + 参照执行娄组通〔2014〕10号 + 参照执行东组通〔2015〕34号 + 参照执行三堂街镇2015年度书记述职评议考核通知',
    );
    expect(effective.inForce.map((s) => [s.kindLabel, s.regionName])).toEqual([
      ['本地区文件', '常德市'],
      ['参照执行', '常德市'],
      ['参照执行', '常德市'],
      ['参照执行', '常德市'],
      ['参照执行', '常德市'],
    ]);
  });

  it('the notices are listed with the region each binds, whether it binds the caller, and what the caller adopts', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const shipped = await api.policy.shipped();
    expect(shipped.map((s) => [s.id, s.kind, s.bindsCaller, s.adoptedByCaller])).toEqual([
      ['changde-2012', 'notice', true, false],
      ['yueyang-2015', 'notice', false, true],
      ['loudi-2014', 'notice', false, true],
      ['dongguan-2015', 'notice', false, true],
      ['santangjie-2015', 'notice', false, true],
      ['default', 'system', false, false],
    ]);
    expect(shipped.find((s) => s.id === 'changde-2012')).toMatchObject({
      regionName: '常德市',
      noticeName: '常委〔2012〕5号',
    });
    expect(defined(shipped.at(-1)).parameters).toHaveLength(
      Object.keys(DEFAULT_POLICY_SET.parameters).length,
    );
    expect(
      defined(shipped.find((s) => s.id === 'dongguan-2015')).parameters.find(
        (p) => p.key === 'villageSecretaryPayFloorMultiple',
      ),
    ).toMatchObject({ value: 2, source: '东组通〔2015〕34号 第四部分第3项' });
  });

  it('a county adopts another region’s notice (参照执行) for chosen parameters; its own notice cannot be adopted', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const adopted = await api.policy.adopt({
      regionCode: WULING,
      noticeId: '003',
      keys: ['rectQuotaVillagePct', 'rectQuotaVillageRounding'],
      fromYear: 2026,
      effectiveDate: '2026-02-01',
      note: '武陵区参照东莞按 10% 左右倒排',
    });
    expect(adopted).toMatchObject({ id: '430702000000-adopt-003', version: 1, parameters: 2 });
    const effective = await api.policy.effective({ regionCode: WULING, year: 2026 });
    expect(effective.parameters.find((p) => p.key === 'rectQuotaVillageRounding')).toMatchObject({
      value: 'round',
      kind: 'adopted',
      setRegionName: '武陵区',
      source: '东组通〔2015〕34号 第二部分',
      effectiveDate: '2026-02-01',
    });
    // the other groups keep the city's adoption
    expect(
      effective.parameters.find((p) => p.key === 'rectQuotaOtherRounding')?.setRegionName,
    ).toBe('常德市');
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, 'policy:430702000000-adopt-003@1'));
    expect(audit).toMatchObject({ procedure: 'policy.adopt', regionCode: WULING });
    await expect(
      api.policy.adopt({
        regionCode: WULING,
        noticeId: '001',
        fromYear: 2026,
        effectiveDate: '2026-02-01',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '文件（noticeId）：常委〔2012〕5号 本身适用于该区划，无需参照执行',
    });
    await expect(
      api.policy.adopt({
        regionCode: WULING,
        noticeId: '004',
        keys: ['payRatioGood'],
        fromYear: 2026,
        effectiveDate: '2026-02-01',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // cleanup for the tests below: a newer adoption of nothing is impossible, so delete as owner
    await handle.db.delete(policySets).where(eq(policySets.id, '430702000000-adopt-003'));
  });

  it('a bad override value is refused, naming the parameter', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    await expect(
      api.policy.saveOverride({
        name: '报酬系数调整',
        regionCode: WULING,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { payRatioFair: { value: 1.5, source: source('武组发〔2026〕1号', '§2') } },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '政策参数「“较好”类报酬系数」：比例不应大于 1',
    });
    // A ratio that breaks the order only once merged with the default (较差 0.85 > 一般 0.8) is refused too.
    await expect(
      api.policy.saveOverride({
        name: '较差类系数',
        regionCode: WULING,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { payRatioPoor: { value: 0.85, source: source('武组发〔2026〕1号', '§2') } },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '政策参数「“较差”类报酬系数」：报酬系数应从“好”到“较差”不递增：“较差”类报酬系数 0.85 大于 “一般”类报酬系数 0.8',
    });
    const unknown = await api.policy
      .saveOverride({
        name: '未知参数',
        regionCode: WULING,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { noSuchThing: { value: 1, source: source('x', '§1') } },
      })
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST' });
    expect((unknown as Error).message).toContain('noSuchThing');
    expect(await handle.db.select().from(policySets).where(eq(policySets.kind, 'local'))).toEqual(
      [],
    );
  });

  it("an override for a county beats the city's, which beats the default; policy.effective shows where each value came from", async () => {
    const city = await callerAs(handle, 'city_admin');
    const county = await callerAs(handle, 'county_admin');
    const citySet = await city.api.policy.saveOverride({
      name: '常德市2026年村干部报酬底线',
      regionCode: CITY,
      fromYear: 2026,
      effectiveDate: '2026-01-01',
      parameters: {
        villageSecretaryPayFloorMultiple: { value: 1.5, source: source('常组发〔2026〕3号', '§4') },
        reviewMinParticipants: { value: 100, source: source('常组发〔2026〕3号', '§6') },
      },
      note: '市级统一提高',
    });
    expect(citySet.id).toMatch(/^4307-[0-9a-f]{8}$/);
    expect(citySet.version).toBe(1);
    // Dongguan-like: each village secretary's basic pay ≥ 2 × farmers' per-capita net income.
    const countySet = await county.api.policy.saveOverride({
      name: '武陵区村书记报酬底线（参照东莞）',
      regionCode: WULING,
      fromYear: 2026,
      toYear: 2027,
      effectiveDate: '2026-03-01',
      parameters: {
        villageSecretaryPayFloorMode: {
          value: 'each_basic_vs_farmer_net_income',
          source: source('武组发〔2026〕5号', '§3'),
        },
        villageSecretaryPayFloorMultiple: { value: 2, source: source('武组发〔2026〕5号', '§3') },
      },
    });
    expect(countySet.id).toMatch(/^430702-[0-9a-f]{8}$/);

    const villages = await county.api.region.children({
      regionCode: `${WULING_VILLAGE_PREFIX}000`,
    });
    const villageCode = defined(villages[0]).code;

    const inWuling = await county.api.policy.effective({ regionCode: villageCode, year: 2026 });
    const pick = (key: string) => defined(inWuling.parameters.find((p) => p.key === key));
    expect(pick('villageSecretaryPayFloorMultiple')).toMatchObject({
      value: 2,
      setId: countySet.id,
      setRegionCode: WULING,
      setRegionName: '武陵区',
      effectiveDate: '2026-03-01',
      source: '武组发〔2026〕5号 §3',
      kind: 'local',
      overridden: true,
    });
    expect(pick('villageSecretaryPayFloorMode')).toMatchObject({
      value: 'each_basic_vs_farmer_net_income',
      setId: countySet.id,
    });
    expect(pick('reviewMinParticipants')).toMatchObject({
      value: 100,
      setId: citySet.id,
      setRegionCode: CITY,
      source: '常组发〔2026〕3号 §6',
    });
    expect(pick('payRatioFair')).toMatchObject({
      value: 0.9,
      setId: 'changde-2012',
      overridden: false,
    });
    expect(inWuling.sets.slice(0, 3)).toEqual([
      `${countySet.id}@1`,
      `${citySet.id}@1`,
      'changde-2012@1',
    ]);
    expect(
      inWuling.label.startsWith(
        '武陵区村书记报酬底线（参照东莞） + 常德市2026年村干部报酬底线 + 常委〔2012〕5号',
      ),
    ).toBe(true);

    // Another county gets the city's value; a year outside the sets' span gets the default.
    const inDingcheng = await city.api.policy.effective({
      regionCode: DINGCHENG_TOWNSHIP,
      year: 2026,
    });
    expect(
      inDingcheng.parameters.find((p) => p.key === 'villageSecretaryPayFloorMultiple'),
    ).toMatchObject({ value: 1.5, setId: citySet.id });
    const before = await county.api.policy.effective({ regionCode: villageCode, year: 2025 });
    expect(
      before.parameters.find((p) => p.key === 'villageSecretaryPayFloorMultiple'),
    ).toMatchObject({ value: 1, setId: 'changde-2012' });
    const after = await county.api.policy.effective({ regionCode: villageCode, year: 2028 });
    expect(
      after.parameters.find((p) => p.key === 'villageSecretaryPayFloorMultiple'),
    ).toMatchObject({ value: 1.5, setId: citySet.id });

    // Editing adds a version; the newest applies; the audit keeps the previous parameters.
    const v2 = await county.api.policy.saveOverride({
      id: countySet.id,
      name: '武陵区村书记报酬底线（参照东莞）',
      regionCode: WULING,
      fromYear: 2026,
      toYear: 2027,
      effectiveDate: '2026-07-01',
      parameters: {
        villageSecretaryPayFloorMode: {
          value: 'each_basic_vs_farmer_net_income',
          source: source('武组发〔2026〕9号', '§1'),
        },
        villageSecretaryPayFloorMultiple: { value: 2.5, source: source('武组发〔2026〕9号', '§1') },
      },
    });
    expect(v2).toEqual({ id: countySet.id, version: 2 });
    const now = await county.api.policy.effective({ regionCode: villageCode, year: 2026 });
    expect(now.parameters.find((p) => p.key === 'villageSecretaryPayFloorMultiple')).toMatchObject({
      value: 2.5,
      setVersion: 2,
      effectiveDate: '2026-07-01',
    });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `policy:${countySet.id}@2`));
    expect(audit).toMatchObject({
      username: 'county_admin',
      procedure: 'policy.saveOverride',
      regionCode: WULING,
      before: { version: 1 },
      after: { version: 2, effectiveDate: '2026-07-01' },
    });
  });

  it("a county user cannot read or change another county's policy overrides", async () => {
    const county2 = await callerAs(handle, 'county2_admin');
    const [wulingSet] = await handle.db
      .select()
      .from(policySets)
      .where(like(policySets.id, '430702-%'))
      .limit(1);
    expect(wulingSet).toBeDefined();
    const visible = (await county2.api.policy.sets({})).filter((s) => s.kind === 'local');
    expect(visible.map((s) => s.regionCode)).toEqual([CITY]); // the city's set applies to 鼎城区 too
    expect(defined(visible[0]).editable).toBe(false);
    await expect(county2.api.policy.sets({ regionCode: WULING })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      county2.api.policy.effective({ regionCode: WULING, year: 2026 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county2.api.policy.saveOverride({
        id: defined(wulingSet).id,
        name: '篡改',
        regionCode: '430703000000',
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { villageSecretaryPayFloorMultiple: { value: 1, source: source('x', '§1') } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      county2.api.policy.saveOverride({
        name: '越界',
        regionCode: WULING,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { villageSecretaryPayFloorMultiple: { value: 1, source: source('x', '§1') } },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Nor may a county admin change the city's set, though it sees it.
    await expect(
      county2.api.policy.saveOverride({
        id: defined(visible[0]).id,
        name: '改市里的',
        regionCode: CITY,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { villageSecretaryPayFloorMultiple: { value: 1, source: source('x', '§1') } },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const versions = await handle.db
      .select()
      .from(policySets)
      .where(eq(policySets.id, defined(wulingSet).id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    // The county's own admin sees its set and the city's, and may edit only its own.
    const county = await callerAs(handle, 'county_admin');
    const own = (await county.api.policy.sets({})).filter((s) => s.kind === 'local');
    expect(own.map((s) => [s.regionCode, s.editable, s.version])).toEqual([
      [CITY, false, 1],
      [WULING, true, 2],
    ]);
  });

  it('a township may look up the policy but not save an override', async () => {
    const { api, user } = await callerAs(handle, 'township');
    const effective = await api.policy.effective({ regionCode: user.regionCode, year: 2026 });
    expect(
      effective.parameters.find((p) => p.key === 'villageSecretaryPayFloorMultiple')?.value,
    ).toBe(2.5);
    await expect(
      api.policy.saveOverride({
        name: '乡镇参数',
        regionCode: user.regionCode,
        fromYear: 2026,
        effectiveDate: '2026-01-01',
        parameters: { reviewMinParticipants: { value: 90, source: source('x', '§1') } },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
