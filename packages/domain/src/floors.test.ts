import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import {
  checkCommunitySecretaryPay,
  checkDepartedCadreSubsidies,
  checkHardshipFund,
  checkNonPublicActivityFunds,
  checkNonPublicDuesReturns,
  checkOperatingFunds,
  checkVillageSecretaryPay,
  secretaryPayFloorRules,
} from './floors';
import { DONGGUAN_POLICY_SET, resolvePolicy } from './policy';
import type { PolicySet } from './policy';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const yuan = (y: number) => y * 100;
const changde = resolvePolicy([], '430700000000', 2012);
const dongguan = resolvePolicy([DONGGUAN_POLICY_SET], '441900000000', 2015);
const src = { seed: null, section: '测试', document: null };
const custom = (parameters: PolicySet['parameters']) =>
  resolvePolicy(
    [
      {
        id: 't',
        version: 1,
        name: 't',
        regionCode: '430700000000',
        fromYear: null,
        toYear: null,
        parameters,
      },
    ],
    '430700000000',
    2015,
  );

describe('operating funds (001 §16): averages of 60,000 yuan per village and 80,000 per community', () => {
  it('a floor met exactly on average: 55,000 and 65,000 yuan average 60,000', () => {
    const [check] = checkOperatingFunds(
      {
        units: [
          { id: 'v1', kind: 'village', fundsFen: yuan(55_000) },
          { id: 'v2', kind: 'village', fundsFen: yuan(65_000) },
        ],
      },
      changde,
    );
    expect(check).toMatchObject({
      floor: 'village_operating_funds',
      kind: 'average',
      floorFen: yuan(60_000),
      actualFen: yuan(60_000),
      shortfallFen: 0,
      met: true,
      count: 2,
    });
    expect(check?.basis[0]?.source).toBe('常委〔2012〕5号 第十六条');
  });

  it('one fen short on average is reported as not met, with the money needed', () => {
    const [check] = checkOperatingFunds(
      {
        units: [
          { id: 'a', kind: 'village', fundsFen: yuan(50_000) },
          { id: 'b', kind: 'village', fundsFen: yuan(60_000) },
          { id: 'c', kind: 'village', fundsFen: 6_999_999 },
        ],
      },
      changde,
    );
    // Σ = 17,999,999 fen < 3 × 6,000,000: 1 fen short; average 5,999,999.67 → shown as 5,999,999
    expect(check).toMatchObject({ met: false, shortfallFen: 1, actualFen: 5_999_999 });
  });

  it('villages and communities are separate averages; only kinds present are checked', () => {
    const checks = checkOperatingFunds(
      {
        units: [
          { id: 'c1', kind: 'community', fundsFen: yuan(70_000) },
          { id: 'v1', kind: 'village', fundsFen: yuan(100_000) },
        ],
      },
      changde,
    );
    expect(checks.map((c) => [c.floor, c.met, c.shortfallFen])).toEqual([
      ['village_operating_funds', true, 0],
      ['community_operating_funds', false, yuan(10_000)],
    ]);
    expect(
      checkOperatingFunds(
        { units: [{ id: 'c1', kind: 'community', fundsFen: yuan(80_000) }] },
        changde,
      ).map((c) => c.floor),
    ).toEqual(['community_operating_funds']);
  });

  it('rejects an empty region and negative money, naming the field', () => {
    expect(errorOf(() => checkOperatingFunds({ units: [] }, changde))).toBe('EMPTY_INPUT:units');
    expect(
      errorOf(() =>
        checkOperatingFunds({ units: [{ id: 'a', kind: 'village', fundsFen: -1 }] }, changde),
      ),
    ).toBe('INVALID_INPUT:units[0].fundsFen');
    expect(
      errorOf(() =>
        checkOperatingFunds(
          { units: [{ id: 'a', kind: 'town' as 'village', fundsFen: 1 }] },
          changde,
        ),
      ),
    ).toBe('UNKNOWN_VALUE:units[0].kind');
  });
});

describe('village secretary pay', () => {
  it('Changde (001 §17): the county average, not each, must reach rural labourers’ average income', () => {
    const r = checkVillageSecretaryPay(
      {
        ruralLabourAvgIncomeFen: yuan(20_000),
        secretaries: [
          { id: 'a', annualPayFen: yuan(18_000) },
          { id: 'b', annualPayFen: yuan(23_000) },
        ],
      },
      changde,
    );
    expect(r).toMatchObject({
      kind: 'average',
      floorFen: yuan(20_000),
      actualFen: yuan(20_500),
      met: true,
      shortfallFen: 0,
    });
    const short = checkVillageSecretaryPay(
      {
        ruralLabourAvgIncomeFen: yuan(20_000),
        secretaries: [
          { id: 'a', annualPayFen: yuan(18_000) },
          { id: 'b', annualPayFen: yuan(21_000) },
        ],
      },
      changde,
    );
    expect(short).toMatchObject({ met: false, actualFen: yuan(19_500), shortfallFen: yuan(1_000) });
  });

  it('Dongguan (003 §4.3): each basic pay ≥ 2 × farmers’ per-capita net income', () => {
    const r = checkVillageSecretaryPay(
      {
        farmerNetIncomePerCapitaFen: yuan(15_000),
        secretaries: [
          { id: 'met-exactly', annualPayFen: yuan(40_000), basicPayFen: yuan(30_000) },
          { id: 'short', annualPayFen: yuan(60_000), basicPayFen: yuan(29_000) },
        ],
      },
      dongguan,
    );
    expect(r).toMatchObject({
      kind: 'each',
      floorFen: yuan(30_000),
      actualFen: yuan(29_000),
      met: false,
      shortfallFen: yuan(1_000),
    });
    expect(r.items.map((i) => [i.id, i.met])).toEqual([
      ['met-exactly', true],
      ['short', false],
    ]);
    expect(r.basis.find((b) => b.key === 'villageSecretaryPayFloorMultiple')?.source).toBe(
      '东组通〔2015〕34号 第四部分第3项',
    );
    expect(r.policyVersion).toBe(dongguan.version);
  });

  it('requires the reference figure and the pay component the policy mode uses', () => {
    expect(
      errorOf(() =>
        checkVillageSecretaryPay({ secretaries: [{ id: 'a', annualPayFen: 1 }] }, changde),
      ),
    ).toBe('INVALID_INPUT:ruralLabourAvgIncomeFen');
    expect(
      errorOf(() =>
        checkVillageSecretaryPay(
          { secretaries: [{ id: 'a', annualPayFen: 1, basicPayFen: 1 }] },
          dongguan,
        ),
      ),
    ).toBe('INVALID_INPUT:farmerNetIncomePerCapitaFen');
    expect(
      errorOf(() =>
        checkVillageSecretaryPay(
          {
            farmerNetIncomePerCapitaFen: 1,
            secretaries: [
              { id: 'a', annualPayFen: 1, basicPayFen: 1 },
              { id: 'b', annualPayFen: 1 },
            ],
          },
          dongguan,
        ),
      ),
    ).toBe('INVALID_INPUT:secretaries[1].basicPayFen');
    expect(
      errorOf(() =>
        checkVillageSecretaryPay({ ruralLabourAvgIncomeFen: 1, secretaries: [] }, changde),
      ),
    ).toBe('EMPTY_INPUT:secretaries');
  });
});

describe('community secretary pay (001 §17): average ≥ average social wage', () => {
  it('met exactly', () => {
    const r = checkCommunitySecretaryPay(
      {
        averageSocialWageFen: yuan(40_000),
        secretaries: [
          { id: 'a', annualPayFen: yuan(39_000) },
          { id: 'b', annualPayFen: yuan(41_000) },
        ],
      },
      changde,
    );
    expect(r).toMatchObject({
      kind: 'average',
      met: true,
      actualFen: yuan(40_000),
      shortfallFen: 0,
    });
  });

  it('a fractional multiple rounds the floor up to the fen (1.5 × 3.33 yuan = 4.995 → 5.00)', () => {
    const p = custom({ communitySecretaryPayFloorMultiple: { value: 1.5, source: src } });
    const r = checkCommunitySecretaryPay(
      { averageSocialWageFen: 333, secretaries: [{ id: 'a', annualPayFen: 499 }] },
      p,
    );
    expect(r).toMatchObject({ floorFen: 500, met: false, shortfallFen: 1 });
  });
});

describe('Dongguan (003 §4.3): every village and community cadre’s basic pay ≥ 2 × farmers’ per-capita net income', () => {
  it('each village cadre is held to the floor on their own; every one below it is listed with their own gap', () => {
    const r = checkVillageSecretaryPay(
      {
        farmerNetIncomePerCapitaFen: yuan(20_000),
        cadres: [
          { id: 'secretary', basicPayFen: yuan(50_000) },
          { id: 'deputy', basicPayFen: yuan(39_000) },
          { id: 'member', basicPayFen: yuan(40_000) },
          { id: 'clerk', basicPayFen: yuan(30_000) },
        ],
      },
      dongguan,
    );
    expect(r).toMatchObject({
      kind: 'each',
      label: '村干部基本报酬',
      floorFen: yuan(40_000),
      actualFen: yuan(30_000),
      count: 4,
      met: false,
      // The secretary's 10,000 yuan above the floor does not cover anyone else's gap.
      shortfallFen: yuan(11_000),
    });
    expect(r.items.filter((i) => !i.met).map((i) => [i.id, i.shortfallFen])).toEqual([
      ['deputy', yuan(1_000)],
      ['clerk', yuan(10_000)],
    ]);
  });

  it('community cadres are held to the same 2 × farmers’ income, one by one, not to the social wage', () => {
    const r = checkCommunitySecretaryPay(
      {
        farmerNetIncomePerCapitaFen: yuan(20_000),
        averageSocialWageFen: yuan(10_000),
        cadres: [
          { id: 'a', basicPayFen: yuan(40_000) },
          { id: 'b', basicPayFen: yuan(35_000) },
        ],
      },
      dongguan,
    );
    expect(r).toMatchObject({
      floor: 'community_secretary_pay',
      kind: 'each',
      label: '社区干部基本报酬',
      floorFen: yuan(40_000),
      actualFen: yuan(35_000),
      shortfallFen: yuan(5_000),
      met: false,
    });
    expect(r.basis.find((b) => b.key === 'communitySecretaryPayFloorMode')?.source).toBe(
      '东组通〔2015〕34号 第四部分第3项',
    );
  });

  it('Changde keeps the community average against the social wage', () => {
    const r = checkCommunitySecretaryPay(
      {
        averageSocialWageFen: yuan(40_000),
        farmerNetIncomePerCapitaFen: yuan(1),
        secretaries: [{ id: 'a', annualPayFen: yuan(39_000) }],
      },
      changde,
    );
    expect(r).toMatchObject({ kind: 'average', floorFen: yuan(40_000), shortfallFen: yuan(1_000) });
  });

  it('a fractional floor rounds up to the fen (1.5 × 3.33 yuan = 4.995 → 5.00), against the payer', () => {
    const p = custom({
      communitySecretaryPayFloorMode: { value: 'each_basic_vs_farmer_net_income', source: src },
      communitySecretaryPayFloorMultiple: { value: 1.5, source: src },
    });
    const r = checkCommunitySecretaryPay(
      {
        farmerNetIncomePerCapitaFen: 333,
        cadres: [
          { id: 'short', basicPayFen: 499 },
          { id: 'exact', basicPayFen: 500 },
        ],
      },
      p,
    );
    expect(r.floorFen).toBe(500);
    expect(r.items.map((i) => [i.id, i.met, i.shortfallFen])).toEqual([
      ['short', false, 1],
      ['exact', true, 0],
    ]);
  });

  it('without the farmers’ income figure or any cadre the community floor cannot be evaluated', () => {
    expect(
      errorOf(() =>
        checkCommunitySecretaryPay({ cadres: [{ id: 'a', basicPayFen: 1 }] }, dongguan),
      ),
    ).toBe('INVALID_INPUT:farmerNetIncomePerCapitaFen');
    expect(
      errorOf(() =>
        checkCommunitySecretaryPay({ farmerNetIncomePerCapitaFen: 1, cadres: [] }, dongguan),
      ),
    ).toBe('EMPTY_INPUT:cadres');
    expect(
      errorOf(() =>
        checkCommunitySecretaryPay({ secretaries: [{ id: 'a', annualPayFen: 1 }] }, changde),
      ),
    ).toBe('INVALID_INPUT:averageSocialWageFen');
  });
});

describe('the pay floors in words, numbers read from the policy', () => {
  it('Dongguan: each cadre ≥ 2 × farmers’ income for villages and communities; Changde: county averages', () => {
    expect(secretaryPayFloorRules(dongguan)).toEqual([
      '村干部基本报酬每人不低于当地农民人均纯收入的 2 倍（东组通〔2015〕34号 第四部分第3项）',
      '社区干部基本报酬每人不低于当地农民人均纯收入的 2 倍（东组通〔2015〕34号 第四部分第3项）',
    ]);
    expect(secretaryPayFloorRules(changde)[1]).toBe(
      '社区党组织书记年平均报酬以区县为单位不低于当地社会平均工资（常委〔2012〕5号 第十七条）',
    );
    const p = custom({ villageSecretaryPayFloorMultiple: { value: 1.5, source: src } });
    expect(secretaryPayFloorRules(p)[0]).toContain('农村劳动力年平均收入的 1.5 倍');
  });
});

describe('departed village head cadres (001 §17-18): ≥100 yuan a month each, unless on a subsidised pension', () => {
  it('checks each eligible cadre, excludes pensioners, and flags pensioners still paid', () => {
    const r = checkDepartedCadreSubsidies(
      {
        cadres: [
          { id: 'a', monthlySubsidyFen: yuan(100), subsidisedPension: false },
          { id: 'b', monthlySubsidyFen: yuan(80), subsidisedPension: false },
          { id: 'c', monthlySubsidyFen: 0, subsidisedPension: true },
          { id: 'd', monthlySubsidyFen: yuan(50), subsidisedPension: true },
        ],
      },
      changde,
    );
    expect(r).toMatchObject({
      kind: 'each',
      floorFen: yuan(100),
      actualFen: yuan(80),
      shortfallFen: yuan(20),
      met: false,
      count: 2,
    });
    expect(r.excluded).toEqual(['c', 'd']);
    expect(r.exclusionViolations).toEqual(['d']);
  });

  it('all eligible cadres at the floor but a pensioner paid: still not met (mutually exclusive)', () => {
    const r = checkDepartedCadreSubsidies(
      {
        cadres: [
          { id: 'a', monthlySubsidyFen: yuan(100), subsidisedPension: false },
          { id: 'p', monthlySubsidyFen: 1, subsidisedPension: true },
        ],
      },
      changde,
    );
    expect([r.shortfallFen, r.met]).toEqual([0, false]);
  });

  it('only pensioners, paid nothing: nothing to check, met; no cadres at all: met', () => {
    const r = checkDepartedCadreSubsidies(
      { cadres: [{ id: 'c', monthlySubsidyFen: 0, subsidisedPension: true }] },
      changde,
    );
    expect([r.actualFen, r.met, r.count]).toEqual([null, true, 0]);
    expect(checkDepartedCadreSubsidies({ cadres: [] }, changde).met).toBe(true);
  });

  it('where a region drops the exclusion, pensioners are held to the floor instead', () => {
    const p = custom({ departedCadrePensionExcludesSubsidy: { value: false, source: src } });
    const r = checkDepartedCadreSubsidies(
      { cadres: [{ id: 'd', monthlySubsidyFen: yuan(50), subsidisedPension: true }] },
      p,
    );
    expect([r.excluded, r.exclusionViolations, r.shortfallFen]).toEqual([[], [], yuan(50)]);
  });
});

describe('non-public enterprise member activity funds (001 §22): ≥100 yuan per member per year', () => {
  it('checks each org against members × 100 yuan', () => {
    const r = checkNonPublicActivityFunds(
      {
        orgs: [
          { id: 'A', memberCount: 10, fundsFen: yuan(1_000) },
          { id: 'B', memberCount: 3, fundsFen: yuan(250) },
          { id: 'C', memberCount: 0, fundsFen: 0 },
        ],
      },
      changde,
    );
    expect(r.items.map((i) => [i.id, i.floorFen, i.shortfallFen])).toEqual([
      ['A', yuan(1_000), 0],
      ['B', yuan(300), yuan(50)],
      ['C', 0, 0],
    ]);
    // lowest per-member amount: B's 250 / 3 = 83.33 yuan → 8,333 fen
    expect(r).toMatchObject({
      kind: 'each',
      floorFen: yuan(100),
      actualFen: 8_333,
      shortfallFen: yuan(50),
      met: false,
    });
  });

  it('orgs without members have no per-member figure', () => {
    expect(
      checkNonPublicActivityFunds({ orgs: [{ id: 'C', memberCount: 0, fundsFen: 0 }] }, changde),
    ).toMatchObject({ actualFen: null, met: true });
  });
});

describe('city hardship care fund (001 §23): 1,000,000 yuan finance + 500,000 yuan dues', () => {
  it('both components at their amounts: met', () => {
    const r = checkHardshipFund({ financeFen: yuan(1_000_000), duesFen: yuan(500_000) }, changde);
    expect(r).toMatchObject({
      kind: 'total',
      floorFen: yuan(1_500_000),
      actualFen: yuan(1_500_000),
      met: true,
      shortfallFen: 0,
    });
  });

  it('extra finance money does not make up for missing dues money', () => {
    const r = checkHardshipFund({ financeFen: yuan(1_200_000), duesFen: yuan(400_000) }, changde);
    expect(r).toMatchObject({
      actualFen: yuan(1_600_000),
      met: false,
      shortfallFen: yuan(100_000),
    });
    expect(r.items.map((i) => [i.id, i.met])).toEqual([
      ['finance', true],
      ['dues', false],
    ]);
  });
});

describe('dues of non-public enterprise and social organisation members (001 §22): paid up, then returned in full', () => {
  it('an org that paid 1,200 yuan and got 800 back is owed 400; a full return clears it', () => {
    const r = checkNonPublicDuesReturns(
      {
        orgs: [
          { id: 'short', paidFen: yuan(1_200), returnedFen: yuan(800) },
          { id: 'full', paidFen: yuan(1_200), returnedFen: yuan(1_200) },
        ],
      },
      changde,
    );
    expect(r.lines.map((l) => [l.id, l.dueFen, l.owedFen, l.met])).toEqual([
      ['short', yuan(1_200), yuan(400), false],
      ['full', yuan(1_200), 0, true],
    ]);
    expect(r).toMatchObject({ returnPct: 100, owedFen: yuan(400), owing: 1, met: false });
    expect(r.citation).toBe('常委〔2012〕5号 第二十二条');
    expect(r.rule).toContain('全额返还');
  });

  it('money returned beyond one org’s dues does not settle another org’s debt', () => {
    const r = checkNonPublicDuesReturns(
      {
        orgs: [
          { id: 'over', paidFen: yuan(100), returnedFen: yuan(300) },
          { id: 'none', paidFen: yuan(200), returnedFen: 0 },
        ],
      },
      changde,
    );
    expect([r.paidFen, r.returnedFen, r.owedFen, r.met]).toEqual([
      yuan(300),
      yuan(300),
      yuan(200),
      false,
    ]);
  });

  it('a partial return share is read from the policy, and what is due rounds up to the fen', () => {
    const p = custom({ nonPublicDuesReturnPct: { value: 50, source: src } });
    const r = checkNonPublicDuesReturns(
      { orgs: [{ id: 'odd', paidFen: 301, returnedFen: 150 }] },
      p,
    );
    // 50% of 3.01 yuan = 1.505 → 1.51 due; 1.50 returned → 0.01 owed.
    expect(r.lines[0]).toMatchObject({ dueFen: 151, owedFen: 1, met: false });
    expect(r.rule).toContain('50%');
  });

  it('rejects negative money, naming the field', () => {
    expect(
      errorOf(() =>
        checkNonPublicDuesReturns({ orgs: [{ id: 'a', paidFen: -1, returnedFen: 0 }] }, changde),
      ),
    ).toBe('INVALID_INPUT:orgs[0].paidFen');
  });
});
