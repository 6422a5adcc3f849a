import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import {
  DEFAULT_POLICY_SET,
  DONGGUAN_POLICY_SET,
  POLICY_KEYS,
  POLICY_PARAMETERS,
  NOTICE_POLICY_SETS,
  SHIPPED_POLICY_SETS,
  adoptNotice,
  describePolicy,
  noticePolicySet,
  fingerprint,
  formatPolicySource,
  parsePolicySet,
  payRatioKey,
  policyBasis,
  resolvePolicy,
} from './policy';
import type { PolicyKey, PolicySet } from './policy';
import type { NoticeId } from './notices';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

const CHANGDE = '430700000000';
const WULING = '430702000000'; // a district of Changde
const DINGCHENG = '430703000000'; // another district
const CHANGSHA = '430100000000'; // a city that issued none of the shipped notices
const src = { seed: null, section: '本地', document: '测试文件' } as const;

function set(partial: Partial<PolicySet> & Pick<PolicySet, 'id' | 'parameters'>): PolicySet {
  return {
    version: 1,
    name: partial.id,
    regionCode: null,
    fromYear: null,
    toYear: null,
    ...partial,
  };
}

describe('default policy', () => {
  it('carries the notices’ own numbers with their sources', () => {
    const p = resolvePolicy([], CHANGDE, 2012);
    expect([
      p.values.payRatioGood,
      p.values.payRatioFair,
      p.values.payRatioAverage,
      p.values.payRatioPoor,
    ]).toEqual([1, 0.9, 0.8, 0.7]);
    expect(p.values.villageOperatingFundsAvgMinFen).toBe(60_000 * 100);
    expect(p.values.communityOperatingFundsAvgMinFen).toBe(80_000 * 100);
    expect(p.values.departedCadreSubsidyMinMonthlyFen).toBe(100 * 100);
    expect(p.values.hardshipFundFinanceMinFen + p.values.hardshipFundDuesMinFen).toBe(
      1_500_000 * 100,
    );
    expect([
      p.values.rectQuotaVillagePct,
      p.values.rectQuotaCommunityPct,
      p.values.rectQuotaOtherPct,
    ]).toEqual([10, 5, 5]);
    expect([
      p.values.upgradeTargetPoorPct,
      p.values.upgradeTargetAveragePct,
      p.values.upgradeTargetFairPct,
      p.values.retentionTargetGoodPct,
    ]).toEqual([90, 20, 10, 100]);
    expect(p.provenance.payRatioFair.source).toEqual({
      seed: '001',
      section: '§7',
      document: '常委〔2012〕5号',
    });
    expect(p.provenance.rectQuotaVillagePct.source.seed).toBe('000');
    expect(p.provenance.trainingNewSecretaryMinDays.source.document).toBe('娄组通〔2014〕10号');
    expect(p.sets).toEqual(['changde-2012@1', 'default@2']);
  });

  it('every parameter has a label, a unit and a shipped default value', () => {
    for (const key of POLICY_KEYS) {
      expect(POLICY_PARAMETERS[key].label.length).toBeGreaterThan(0);
      expect(DEFAULT_POLICY_SET.parameters[key]).toBeDefined();
    }
  });

  it('a notice the system does not ship is refused by name', () => {
    expect(errorOf(() => noticePolicySet('009' as NoticeId))).toBe('UNKNOWN_VALUE:noticeId');
  });

  it('at equal region and kind, a set with a first year beats an open-ended one', () => {
    const open = set({
      id: 'a-open',
      regionCode: CHANGDE,
      parameters: { reviewMinParticipants: { value: 85, source: src } },
    });
    const dated = set({
      id: 'b-dated',
      regionCode: CHANGDE,
      fromYear: 2015,
      parameters: { reviewMinParticipants: { value: 86, source: src } },
    });
    expect(resolvePolicy([open, dated], CHANGDE, 2016).values.reviewMinParticipants).toBe(86);
    expect(resolvePolicy([dated, open], CHANGDE, 2016).values.reviewMinParticipants).toBe(86);
  });

  it('the shipped sets pass their own validation', () => {
    for (const s of SHIPPED_POLICY_SETS) expect(parsePolicySet(s).id).toBe(s.id);
  });

  it('the version is stable for the same inputs and changes when a value changes', () => {
    const a = resolvePolicy([], CHANGDE, 2015);
    const b = resolvePolicy([], WULING, 2016);
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^changde-2012@1\+default@2#[0-9a-f]{8}$/);
    const c = resolvePolicy(
      [
        set({
          id: 'x',
          regionCode: CHANGDE,
          parameters: { payRatioPoor: { value: 0.6, source: src } },
        }),
      ],
      CHANGDE,
      2015,
    );
    expect(c.version).not.toBe(a.version);
    expect(c.version.startsWith('x@1+changde-2012@1+default@2#')).toBe(true);
  });
});

describe('resolvePolicy: most specific set wins, per parameter', () => {
  const city = set({
    id: 'changde',
    regionCode: CHANGDE,
    parameters: {
      payRatioPoor: { value: 0.6, source: src },
      villageOperatingFundsAvgMinFen: { value: 7_000_000, source: src },
    },
  });
  const county = set({
    id: 'wuling',
    regionCode: WULING,
    parameters: { villageOperatingFundsAvgMinFen: { value: 8_000_000, source: src } },
  });

  it("a county's override beats the city's, the city's beats the default, other parameters fall through", () => {
    const p = resolvePolicy([city, county], '430702100200', 2015);
    expect(p.values.villageOperatingFundsAvgMinFen).toBe(8_000_000);
    expect(p.provenance.villageOperatingFundsAvgMinFen.setId).toBe('wuling');
    expect(p.values.payRatioPoor).toBe(0.6);
    expect(p.provenance.payRatioPoor.setId).toBe('changde');
    expect(p.values.payRatioAverage).toBe(0.8);
    expect(p.provenance.payRatioAverage.setId).toBe('changde-2012');
    expect(p.values.reviewQuarter).toBe(4);
    expect(p.provenance.reviewQuarter.setId).toBe('default');
    expect(p.sets).toEqual(['wuling@1', 'changde@1', 'changde-2012@1', 'default@2']);
  });

  it('input order of the sets does not matter', () => {
    expect(resolvePolicy([county, city], WULING, 2015).version).toBe(
      resolvePolicy([city, county], WULING, 2015).version,
    );
  });

  it("a neighbouring county gets the city's values, and a region outside gets the default", () => {
    expect(
      resolvePolicy([city, county], DINGCHENG, 2015).values.villageOperatingFundsAvgMinFen,
    ).toBe(7_000_000);
    expect(
      resolvePolicy([city, county], '430100000000', 2015).values.villageOperatingFundsAvgMinFen,
    ).toBe(6_000_000);
  });

  it('effective years are inclusive at both ends', () => {
    const limited = set({
      id: 'y',
      regionCode: CHANGDE,
      fromYear: 2014,
      toYear: 2016,
      parameters: { rectQuotaVillagePct: { value: 12, source: src } },
    });
    expect(resolvePolicy([limited], CHANGDE, 2013).values.rectQuotaVillagePct).toBe(10);
    expect(resolvePolicy([limited], CHANGDE, 2014).values.rectQuotaVillagePct).toBe(12);
    expect(resolvePolicy([limited], CHANGDE, 2016).values.rectQuotaVillagePct).toBe(12);
    expect(resolvePolicy([limited], CHANGDE, 2017).values.rectQuotaVillagePct).toBe(10);
  });

  it('at equal specificity: a department set beats the default, then later fromYear, then higher version, then smaller id', () => {
    const national = set({
      id: 'national',
      parameters: { reviewMinParticipants: { value: 90, source: src } },
    });
    expect(resolvePolicy([national], CHANGSHA, 2015).values.reviewMinParticipants).toBe(90);
    const older = set({
      id: 'a-old',
      regionCode: CHANGDE,
      fromYear: 2012,
      parameters: { reviewMinParticipants: { value: 81, source: src } },
    });
    const newer = set({
      id: 'b-new',
      regionCode: CHANGDE,
      fromYear: 2015,
      parameters: { reviewMinParticipants: { value: 82, source: src } },
    });
    expect(resolvePolicy([older, newer], CHANGDE, 2015).values.reviewMinParticipants).toBe(82);
    const v2 = set({
      id: 'c',
      version: 2,
      regionCode: CHANGDE,
      fromYear: 2015,
      parameters: { reviewMinParticipants: { value: 83, source: src } },
    });
    expect(resolvePolicy([newer, v2], CHANGDE, 2015).values.reviewMinParticipants).toBe(83);
    const twin = set({
      id: 'a-twin',
      regionCode: CHANGDE,
      fromYear: 2015,
      parameters: { reviewMinParticipants: { value: 84, source: src } },
    });
    expect(resolvePolicy([newer, twin], CHANGDE, 2015).values.reviewMinParticipants).toBe(84);
    expect(resolvePolicy([twin, newer], CHANGDE, 2015).values.reviewMinParticipants).toBe(84);
  });

  it('a set with id "default" replaces the shipped default', () => {
    const replacement = {
      ...DEFAULT_POLICY_SET,
      version: 2,
      parameters: {
        ...DEFAULT_POLICY_SET.parameters,
        memberDevCityQuota: { value: 6000, source: src },
      },
    };
    const p = resolvePolicy([replacement], CHANGSHA, 2015);
    expect(p.values.memberDevCityQuota).toBe(6000);
    expect(p.sets).toEqual(['default@2']);
  });

  it('a parameter no set provides is reported as POLICY_NOT_FOUND naming it', () => {
    const partial = {
      ...DEFAULT_POLICY_SET,
      parameters: { ...DEFAULT_POLICY_SET.parameters, reviewQuarter: undefined },
    };
    expect(errorOf(() => resolvePolicy([partial], CHANGSHA, 2015))).toBe(
      'POLICY_NOT_FOUND:reviewQuarter',
    );
  });
});

describe('Dongguan variant', () => {
  it('applies from 2015 in Dongguan only: 2× farmer income each, ~10 % with ≥90 % conversion, reserves 1:2', () => {
    const p = resolvePolicy([DONGGUAN_POLICY_SET], '441900003000', 2015);
    expect(p.values.villageSecretaryPayFloorMode).toBe('each_basic_vs_farmer_net_income');
    expect(p.values.villageSecretaryPayFloorMultiple).toBe(2);
    expect(p.values.rectQuotaVillageRounding).toBe('round');
    expect(p.values.rectQuotaOtherRounding).toBe('ceil');
    expect(p.values.communitySecretaryPayFloorMode).toBe('each_basic_vs_farmer_net_income');
    expect(p.values.rectQuotaCommunityPct).toBe(10);
    expect(p.values.rectConversionMinPct).toBe(90);
    expect(p.values.reservePerPostProblemVillage).toBe(2);
    expect(p.provenance.villageSecretaryPayFloorMultiple.source.document).toBe(
      '东组通〔2015〕34号',
    );
    expect(p.values.payRatioPoor).toBe(0.7);
    expect(p.version.startsWith('dongguan-2015@1+default@2#')).toBe(true);
    expect(
      resolvePolicy([DONGGUAN_POLICY_SET], '441900003000', 2014).values
        .villageSecretaryPayFloorMultiple,
    ).toBe(1);
    expect(
      resolvePolicy([DONGGUAN_POLICY_SET], CHANGDE, 2015).values.villageSecretaryPayFloorMultiple,
    ).toBe(1);
  });
});

describe('override validation', () => {
  it('rejects ratios that increase from 好 to 较差 within one set, naming the parameter', () => {
    const bad = set({
      id: 'b',
      parameters: {
        payRatioAverage: { value: 0.8, source: src },
        payRatioPoor: { value: 0.85, source: src },
      },
    });
    expect(errorOf(() => resolvePolicy([bad], CHANGSHA, 2015))).toBe(
      'INVALID_INPUT:sets[0].parameters.payRatioPoor.value',
    );
    expect(errorOf(() => parsePolicySet(bad))).toBe('INVALID_INPUT:parameters.payRatioPoor.value');
  });

  it('rejects a merge that makes ratios increase even when each set is fine alone', () => {
    const poorOnly = set({
      id: 'p',
      regionCode: CHANGDE,
      parameters: { payRatioPoor: { value: 0.85, source: src } },
    });
    expect(errorOf(() => resolvePolicy([poorOnly], CHANGDE, 2015))).toBe(
      'INVALID_INPUT:payRatioPoor',
    );
  });

  it('accepts equal neighbouring ratios (non-increasing, not strictly decreasing)', () => {
    const flat = set({ id: 'f', parameters: { payRatioFair: { value: 1, source: src } } });
    expect(resolvePolicy([flat], CHANGSHA, 2015).values.payRatioFair).toBe(1);
  });

  it.each([
    ['payRatioGood', 0, 'INVALID_INPUT'],
    ['payRatioGood', 1.2, 'INVALID_INPUT'],
    ['payRatioFair', 0.9005, 'INVALID_INPUT'],
    ['rectQuotaVillagePct', 120, 'INVALID_INPUT'],
    ['rectQuotaVillagePct', -1, 'INVALID_INPUT'],
    ['villageOperatingFundsAvgMinFen', -100, 'INVALID_INPUT'],
    ['villageOperatingFundsAvgMinFen', 1.5, 'INVALID_INPUT'],
    ['trainingRotationDeadline', '02-30', 'INVALID_INPUT'],
    ['trainingRotationDeadline', '6/30', 'INVALID_INPUT'],
    ['rectQuotaOtherRounding', 'up', 'UNKNOWN_VALUE'],
  ])('rejects %s = %s', (key, value, code) => {
    const bad = {
      id: 'b',
      version: 1,
      name: 'b',
      regionCode: null,
      fromYear: null,
      toYear: null,
      parameters: { [key]: { value, source: src } },
    };
    expect(errorOf(() => parsePolicySet(bad))).toBe(`${code}:parameters.${key}.value`);
  });

  it('rejects unknown parameters, reversed years, bad region codes', () => {
    const base = {
      id: 'b',
      version: 1,
      name: 'b',
      regionCode: null,
      fromYear: null,
      toYear: null,
      parameters: {},
    };
    expect(
      errorOf(() =>
        parsePolicySet({ ...base, parameters: { payRatioExcellent: { value: 1, source: src } } }),
      ),
    ).toBe('INVALID_INPUT:parameters');
    expect(errorOf(() => parsePolicySet({ ...base, fromYear: 2016, toYear: 2015 }))).toBe(
      'INVALID_INPUT:toYear',
    );
    expect(errorOf(() => parsePolicySet({ ...base, regionCode: '4307' }))).toBe(
      'INVALID_INPUT:regionCode',
    );
    expect(errorOf(() => resolvePolicy([], '4307', 2015))).toBe('INVALID_INPUT:regionCode');
    expect(errorOf(() => resolvePolicy([], CHANGDE, 2015.5))).toBe('INVALID_INPUT:year');
  });
});

describe('display helpers', () => {
  it('cites a notice by document number and article, or by its issuer when it has no number', () => {
    expect(formatPolicySource({ seed: '001', section: '§7', document: '常委〔2012〕5号' })).toBe(
      '常委〔2012〕5号 第七条',
    );
    expect(
      formatPolicySource({ seed: '001', section: '§7、§21', document: '常委〔2012〕5号' }),
    ).toBe('常委〔2012〕5号 第七条、第二十一条');
    expect(formatPolicySource({ seed: '000', section: '§3', document: null })).toBe(
      '岳阳市委组织部2015年基层党建通知 第三部分',
    );
    expect(
      formatPolicySource({ seed: '003', section: '§4.3', document: '东组通〔2015〕34号' }),
    ).toBe('东组通〔2015〕34号 第四部分第3项');
    expect(formatPolicySource({ seed: null, section: '第2条', document: null })).toBe(
      '本地区决定（第2条）',
    );
    expect(formatPolicySource({ seed: null, section: '§1', document: '某文件' })).toBe('某文件 §1');
  });

  it('describePolicy lists every parameter with its unit and source', () => {
    const rows = describePolicy(resolvePolicy([], CHANGDE, 2015));
    expect(rows).toHaveLength(POLICY_KEYS.length);
    expect(rows.find((r) => r.key === 'payRatioFair')).toMatchObject({
      value: 0.9,
      unit: 'ratio',
      setId: 'changde-2012',
      kind: 'notice',
      kindLabel: '本地区文件',
      source: '常委〔2012〕5号 第七条',
    });
    expect(policyBasis(resolvePolicy([], CHANGDE, 2015), [payRatioKey('poor')])[0]?.value).toBe(
      0.7,
    );
  });

  it('fingerprint is FNV-1a (standard test vectors)', () => {
    expect(fingerprint('')).toBe('811c9dc5');
    expect(fingerprint('a')).toBe('e40c292c');
    expect(fingerprint('foobar')).toBe('bf9cf968');
  });
});

describe('where each notice applies (a notice binds the region that issued it)', () => {
  it('常德 follows 常委〔2012〕5号 as its own notice; what it does not set is a 系统参考值, not 岳阳’s or 娄底’s policy', () => {
    const p = resolvePolicy([], WULING, 2026);
    expect(p.provenance.payRatioPoor).toMatchObject({ setId: 'changde-2012', kind: 'notice' });
    expect(p.provenance.rectQuotaVillagePct).toMatchObject({ setId: 'default', kind: 'system' });
    expect(p.provenance.trainingNewSecretaryMinDays.kind).toBe('system');
    expect(p.label).toMatch(/^常委〔2012〕5号 \+ 系统参考值 \d+ 项$/);
  });

  it('each notice binds its issuer’s region and everything inside it, and no other region', () => {
    const cases: [string, string, string][] = [
      ['001', '430721000000', 'changde-2012'], // 安乡县, 常德
      ['000', '430621000000', 'yueyang-2015'], // 岳阳县
      ['002', '431321000000', 'loudi-2014'], // 双峰县
      ['003', '441900003000', 'dongguan-2015'], // 东城街道, 东莞 (no county level)
      ['004', '430922116000', 'santangjie-2015'], // 三堂街镇 itself
    ];
    for (const [notice, code, setId] of cases) {
      const p = resolvePolicy([], code, 2016);
      const key = POLICY_KEYS.find((k) => p.provenance[k].source.seed === notice);
      expect(key, notice).toBeDefined();
      expect(p.provenance[key as PolicyKey].setId).toBe(setId);
      expect(p.provenance[key as PolicyKey].kind).toBe('notice');
    }
    // 三堂街镇's notice does not bind its neighbour township, nor 常德's bind 长沙.
    expect(resolvePolicy([], '430922117000', 2016).provenance.reviewMinParticipants.kind).toBe(
      'system',
    );
    expect(resolvePolicy([], CHANGSHA, 2016).inForce.map((s) => s.kind)).toEqual(['system']);
  });

  it('a department adopting another region’s notice (参照执行) follows it below its own notice', () => {
    const adopted = adoptNotice('000', CHANGDE, 2020);
    expect(adopted).toMatchObject({ kind: 'adopted', noticeId: '000', regionCode: CHANGDE });
    const p = resolvePolicy([adopted], '430702100200', 2026);
    expect(p.provenance.rectQuotaVillagePct).toMatchObject({ kind: 'adopted', setId: adopted.id });
    expect(p.provenance.payRatioPoor.kind).toBe('notice');
    expect(p.label).toContain('参照执行岳阳市委组织部2015年基层党建通知');
    // before the year it was adopted from, the reference value is what there is
    expect(resolvePolicy([adopted], CHANGDE, 2019).provenance.rectQuotaVillagePct.kind).toBe(
      'system',
    );
    // an adoption never outranks the region's own notice for the same parameter
    const dongguanHere = adoptNotice('003', CHANGDE, 2020);
    const q = resolvePolicy([dongguanHere], CHANGDE, 2026);
    expect(q.values.villageSecretaryPayFloorMode).toBe('county_average_vs_rural_labour_income');
    expect(q.values.rectQuotaVillageRounding).toBe('round');
  });

  it('adopting only some parameters takes only those', () => {
    const part = adoptNotice('003', CHANGSHA, 2020, ['teamMeetingsPerWeekMin']);
    expect(Object.keys(part.parameters)).toEqual(['teamMeetingsPerWeekMin']);
    expect(errorOf(() => adoptNotice('004', CHANGSHA, 2020, ['payRatioGood']))).toBe(
      'INVALID_INPUT:keys',
    );
  });

  it('an adoption must name the notice it follows', () => {
    expect(
      errorOf(() => parsePolicySet({ ...adoptNotice('002', CHANGSHA, 2020), noticeId: null })),
    ).toBe('INVALID_INPUT:noticeId');
  });

  it('every shipped notice set takes its values from its own notice only', () => {
    for (const s of NOTICE_POLICY_SETS) {
      for (const e of Object.values(s.parameters)) expect(e.source.seed).toBe(s.noticeId);
    }
  });
});
