import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { GRADES, gradeSchema } from './orgs';
import type { Grade } from './orgs';
import { computeTownshipPay, payEligibility, payRuleText, planTownshipPay } from './pay';
import type { PayCandidate, PayEligibility, PaySecretary } from './pay';
import { resolvePolicy } from './policy';
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

const policy = resolvePolicy([], '430700000000', 2015);
const amounts = (r: ReturnType<typeof computeTownshipPay>) =>
  Object.fromEntries(r.lines.map((l) => [l.secretaryId, l.amountFen]));
const src = { seed: null, section: '测试', document: null };

describe('base mode (001 §7): pay = base × ratio', () => {
  it('base 3,000 yuan gives 3,000 / 2,700 / 2,400 / 2,100 yuan for 好/较好/一般/较差', () => {
    const r = computeTownshipPay(
      {
        mode: 'base',
        baseFen: 300_000,
        secretaries: [
          { id: 'a', grade: 'good' },
          { id: 'b', grade: 'fair' },
          { id: 'c', grade: 'average' },
          { id: 'd', grade: 'poor' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ a: 300_000, b: 270_000, c: 240_000, d: 210_000 });
    expect(r.totalFen).toBe(1_020_000);
    expect(r.baseFen).toBe(300_000);
    expect(r.lines.map((l) => l.ratio)).toEqual([1, 0.9, 0.8, 0.7]);
    expect(r.policyVersion).toBe(policy.version);
    expect(r.basis.map((b) => b.source)).toEqual(Array(4).fill('常委〔2012〕5号 第七条'));
  });

  it('rounds each amount half-up to the fen (123.45 yuan × 0.9 = 111.105 → 111.11; × 0.7 = 86.415 → 86.42)', () => {
    const r = computeTownshipPay(
      {
        mode: 'base',
        baseFen: 12_345,
        secretaries: [
          { id: 'f', grade: 'fair' },
          { id: 'p', grade: 'poor' },
          { id: 'a', grade: 'average' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ f: 11_111, p: 8_642, a: 9_876 });
  });
});

describe('pool mode (001 §7): the pool is shared by the ratios, to the fen', () => {
  it('a pool of 10,200 yuan for one secretary per grade gives base 3,000 yuan exactly', () => {
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: 1_020_000,
        secretaries: [
          { id: 'a', grade: 'good' },
          { id: 'b', grade: 'fair' },
          { id: 'c', grade: 'average' },
          { id: 'd', grade: 'poor' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ a: 300_000, b: 270_000, c: 240_000, d: 210_000 });
    expect(r.baseFen).toBe(300_000);
    expect(r.totalFen).toBe(1_020_000);
  });

  it('a pool not divisible by the ratio sum: 100 fen over 1 : 0.9 : 0.7 → 38 / 35 / 27 (largest remainders get the 2 spare fen)', () => {
    // exact shares 100×1/2.6 = 38.46, 100×0.9/2.6 = 34.62, 100×0.7/2.6 = 26.92 → floors 38+34+26 = 98;
    // remainders .46 < .62 < .92, so the 2 spare fen go to the 较差 and then the 较好 secretary.
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: 100,
        secretaries: [
          { id: 'a', grade: 'good' },
          { id: 'b', grade: 'fair' },
          { id: 'c', grade: 'poor' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ a: 38, b: 35, c: 27 });
    expect(r.baseFen).toBe(38); // 100 / 2.6 = 38.46 → 38
  });

  it('a township with one secretary: the whole pool goes to them, whatever the grade', () => {
    const r = computeTownshipPay(
      { mode: 'pool', poolFen: 123_457, secretaries: [{ id: 'only', grade: 'poor' }] },
      policy,
    );
    expect(amounts(r)).toEqual({ only: 123_457 });
    expect(r.baseFen).toBe(176_367); // 123457 / 0.7 = 176367.14
  });

  it('all grades equal: an even split, the spare fen to the smallest ids', () => {
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: 1_000,
        secretaries: [
          { id: 'z', grade: 'average' },
          { id: 'm', grade: 'average' },
          { id: 'b', grade: 'average' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ b: 334, m: 333, z: 333 });
  });

  it('equal remainders go to the higher grade before the smaller id', () => {
    // a policy where 好 and 较好 share the ratio 1: equal exact shares 0.5 fen each
    const flat: PolicySet = {
      id: 'flat',
      version: 1,
      name: 'flat',
      regionCode: '430700000000',
      fromYear: null,
      toYear: null,
      parameters: { payRatioFair: { value: 1, source: src } },
    };
    const p = resolvePolicy([flat], '430700000000', 2015);
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: 1,
        secretaries: [
          { id: 'a', grade: 'fair' },
          { id: 'b', grade: 'good' },
        ],
      },
      p,
    );
    expect(amounts(r)).toEqual({ a: 0, b: 1 });
    expect(r.policyVersion).toBe(p.version);
  });

  it('a zero pool pays zero to everyone', () => {
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: 0,
        secretaries: [
          { id: 'a', grade: 'good' },
          { id: 'b', grade: 'poor' },
        ],
      },
      policy,
    );
    expect(amounts(r)).toEqual({ a: 0, b: 0 });
  });

  it('stays exact for very large pools (no floating-point drift)', () => {
    const pool = Number.MAX_SAFE_INTEGER;
    const r = computeTownshipPay(
      {
        mode: 'pool',
        poolFen: pool,
        secretaries: [
          { id: 'a', grade: 'good' },
          { id: 'b', grade: 'fair' },
          { id: 'c', grade: 'poor' },
        ],
      },
      policy,
    );
    expect(r.lines.reduce((t, l) => t + BigInt(l.amountFen), 0n)).toBe(BigInt(pool));
  });
});

describe('bad input is rejected with the field named', () => {
  const ok = [
    { id: 'a', grade: 'good' },
    { id: 'b', grade: 'fair' },
    { id: 'c', grade: 'poor' },
  ];
  it.each([
    [
      'an empty township',
      { mode: 'pool', poolFen: 100, secretaries: [] },
      'EMPTY_INPUT:secretaries',
    ],
    [
      'an unknown grade',
      {
        mode: 'pool',
        poolFen: 100,
        secretaries: [...ok.slice(0, 2), { id: 'c', grade: 'excellent' }],
      },
      'UNKNOWN_VALUE:secretaries[2].grade',
    ],
    ['a negative pool', { mode: 'pool', poolFen: -1, secretaries: ok }, 'INVALID_INPUT:poolFen'],
    [
      'a fractional pool',
      { mode: 'pool', poolFen: 10.5, secretaries: ok },
      'INVALID_INPUT:poolFen',
    ],
    ['a NaN base', { mode: 'base', baseFen: Number.NaN, secretaries: ok }, 'INVALID_INPUT:baseFen'],
    [
      'an infinite base',
      { mode: 'base', baseFen: Number.POSITIVE_INFINITY, secretaries: ok },
      'INVALID_INPUT:baseFen',
    ],
    [
      'a duplicate secretary',
      { mode: 'base', baseFen: 1, secretaries: [...ok, { id: 'a', grade: 'poor' }] },
      'INVALID_INPUT:secretaries[3].id',
    ],
    [
      'an empty id',
      { mode: 'base', baseFen: 1, secretaries: [{ id: ' ', grade: 'poor' }] },
      'INVALID_INPUT:secretaries[0].id',
    ],
    ['an unknown mode', { mode: 'share', poolFen: 1, secretaries: ok }, 'INVALID_INPUT:mode'],
  ])('%s', (_name, input, expected) => {
    expect(errorOf(() => computeTownshipPay(input as never, policy))).toBe(expected);
  });

  it('the message is in Chinese and names the field', () => {
    try {
      computeTownshipPay(
        { mode: 'pool', poolFen: 1, secretaries: [{ id: 'a', grade: 'x' as Grade }] },
        policy,
      );
    } catch (e) {
      expect(isDomainError(e) && e.message.startsWith('等次（secretaries[0].grade）：')).toBe(true);
    }
    expect.assertions(1);
  });
});

describe('pool mode properties', () => {
  const secretariesArb = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim().length > 0),
        grade: fc.constantFrom(...GRADES),
      }),
      {
        minLength: 1,
        maxLength: 40,
        selector: (s) => s.id,
      },
    )
    .map((list) => list.map((s) => ({ id: s.id, grade: gradeSchema.parse(s.grade) })));
  // any valid policy: ratios in thousandths, non-increasing from 好 to 较差
  const policyArb = fc
    .array(fc.integer({ min: 1, max: 1000 }), { minLength: 4, maxLength: 4 })
    .map((ks) => [...ks].sort((a, b) => b - a))
    .map((ks) => {
      const [g, f, a, p] = ks.map((k) => ({ value: k / 1000, source: src })) as [
        never,
        never,
        never,
        never,
      ];
      const s: PolicySet = {
        id: 'gen',
        version: 1,
        name: 'gen',
        regionCode: '430700000000',
        fromYear: null,
        toYear: null,
        parameters: { payRatioGood: g, payRatioFair: f, payRatioAverage: a, payRatioPoor: p },
      };
      return resolvePolicy([s], '430700000000', 2015);
    });
  const poolArb = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 10_000_000_000 }),
  );

  it('allocations always add up to the pool, to the fen', () => {
    fc.assert(
      fc.property(secretariesArb, poolArb, policyArb, (secretaries, pool, p) => {
        const r = computeTownshipPay({ mode: 'pool', poolFen: pool, secretaries }, p);
        expect(r.lines.reduce((t, l) => t + l.amountFen, 0)).toBe(pool);
      }),
    );
  });

  it('each amount is within one fen below or above the exact proportional share', () => {
    fc.assert(
      fc.property(secretariesArb, poolArb, policyArb, (secretaries, pool, p) => {
        const r = computeTownshipPay({ mode: 'pool', poolFen: pool, secretaries }, p);
        const weights = r.lines.map((l) => BigInt(Math.round(l.ratio * 1000)));
        const total = weights.reduce((a, b) => a + b, 0n);
        r.lines.forEach((l, i) => {
          const exactTimesTotal = BigInt(pool) * (weights[i] as bigint);
          const amountTimesTotal = BigInt(l.amountFen) * total;
          expect(
            amountTimesTotal - exactTimesTotal < total &&
              exactTimesTotal - amountTimesTotal < total,
          ).toBe(true);
        });
      }),
    );
  });

  it('a higher grade never gets less than a lower grade', () => {
    fc.assert(
      fc.property(secretariesArb, poolArb, policyArb, (secretaries, pool, p) => {
        const r = computeTownshipPay({ mode: 'pool', poolFen: pool, secretaries }, p);
        for (const x of r.lines) {
          for (const y of r.lines) {
            if (GRADES.indexOf(x.grade) < GRADES.indexOf(y.grade))
              expect(x.amountFen).toBeGreaterThanOrEqual(y.amountFen);
          }
        }
      }),
    );
  });

  it('results do not depend on input order', () => {
    fc.assert(
      fc.property(
        secretariesArb.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        poolArb,
        ([list, shuffled]: [PaySecretary[], PaySecretary[]], pool) => {
          const a = computeTownshipPay({ mode: 'pool', poolFen: pool, secretaries: list }, policy);
          const b = computeTownshipPay(
            { mode: 'pool', poolFen: pool, secretaries: shuffled },
            policy,
          );
          expect(amounts(b)).toEqual(amounts(a));
          expect(b.lines.map((l) => l.secretaryId)).toEqual(shuffled.map((s) => s.id));
        },
      ),
    );
  });

  it('base mode: a higher grade never gets less, and order does not matter', () => {
    fc.assert(
      fc.property(secretariesArb, fc.integer({ min: 0, max: 100_000_000 }), (secretaries, base) => {
        const r = computeTownshipPay({ mode: 'base', baseFen: base, secretaries }, policy);
        const rev = computeTownshipPay(
          { mode: 'base', baseFen: base, secretaries: [...secretaries].reverse() },
          policy,
        );
        expect(amounts(rev)).toEqual(amounts(r));
        for (const l of r.lines) if (l.grade === 'good') expect(l.amountFen).toBe(base);
      }),
    );
  });
});

describe('who the grade-linked pay covers (001 §7: 村党组织书记报酬与定级挂钩)', () => {
  const reasonOf = (e: PayEligibility): string => (e.status === 'paid' ? '' : e.reason);
  const villageOrg: PayCandidate = {
    regionLevel: 'village',
    regionKind: 'village',
    category: 'rural',
    parentInSameRegion: false,
    hasSecretary: true,
  };
  const communityOrg: PayCandidate = {
    ...villageOrg,
    regionKind: 'community',
    category: 'street_community',
  };
  const covering = resolvePolicy(
    [
      {
        id: 'covers',
        version: 1,
        name: '社区书记也按等次',
        regionCode: '430702000000',
        fromYear: null,
        toYear: null,
        parameters: { payCoversCommunities: { value: true, source: src } },
      },
    ],
    '430702100000',
    2015,
  );

  it("the secretary of the village's own Party organisation is paid", () => {
    expect(payEligibility(villageOrg, policy)).toEqual({ status: 'paid', unit: 'village' });
  });

  it('a non-public enterprise branch located in the village is not part of the run', () => {
    const r = payEligibility({ ...villageOrg, category: 'non_public' }, policy);
    expect(r.status).toBe('not_covered');
    expect(reasonOf(r)).toContain('驻村的非公有制经济组织党组织，不是村党组织本身');
    expect(reasonOf(r)).toContain('常委〔2012〕5号 第七条');
    // Not even when it has no secretary: it is outside the scheme, not a vacancy.
    expect(
      payEligibility({ ...villageOrg, category: 'school', hasSecretary: false }, policy),
    ).toMatchObject({ status: 'not_covered' });
  });

  it("a branch under the village's own organisation is not paid separately", () => {
    const r = payEligibility({ ...villageOrg, parentInSameRegion: true }, policy);
    expect(r.status).toBe('not_covered');
    expect(reasonOf(r)).toContain('村党组织下设的党组织');
  });

  it("the township's own organisations are not part of the run", () => {
    const r = payEligibility(
      { ...villageOrg, regionLevel: 'township', regionKind: 'town' },
      policy,
    );
    expect(r.status).toBe('not_covered');
    expect(reasonOf(r)).toContain('不是村（社区）党组织');
  });

  it('a village organisation without a secretary in office is listed as vacant, not paid', () => {
    expect(payEligibility({ ...villageOrg, hasSecretary: false }, policy)).toEqual({
      status: 'vacant',
      unit: 'village',
      reason: '书记空缺，无在任书记，本次不发放报酬',
    });
  });

  it('community secretaries are outside the scheme where payCoversCommunities is false (常德), citing the social-wage floor', () => {
    expect(policy.values.payCoversCommunities).toBe(false);
    const r = payEligibility(communityOrg, policy);
    expect(r.status).toBe('not_covered');
    expect(r).toMatchObject({
      reason:
        '本地区政策：社区党组织书记报酬不与定级挂钩（常委〔2012〕5号 第七条），其报酬对照当地社会平均工资保障（常委〔2012〕5号 第十七条）',
    });
  });

  it('community secretaries are paid by grade where a region sets payCoversCommunities true', () => {
    expect(covering.values.payCoversCommunities).toBe(true);
    expect(payEligibility(communityOrg, covering)).toEqual({ status: 'paid', unit: 'community' });
    expect(payEligibility({ ...communityOrg, hasSecretary: false }, covering)).toMatchObject({
      status: 'vacant',
      unit: 'community',
    });
    // A village-category org in a community is still not the community's own organisation.
    const r = payEligibility({ ...communityOrg, category: 'rural' }, covering);
    expect(r.status).toBe('not_covered');
    expect(reasonOf(r)).toContain('驻社区的农村党组织');
  });

  it('without a region kind, the category tells a village from a community', () => {
    expect(payEligibility({ ...villageOrg, regionKind: null }, policy)).toEqual({
      status: 'paid',
      unit: 'village',
    });
    expect(payEligibility({ ...communityOrg, regionKind: null }, covering)).toEqual({
      status: 'paid',
      unit: 'community',
    });
  });
});

describe('the pay rule in words follows the policy in force', () => {
  it('states the ratios and the coverage of 常德, citing the notice', () => {
    expect(payRuleText(policy)).toBe(
      '以乡镇为单位，按“好、较好、一般、较差”1 : 0.9 : 0.8 : 0.7 的比例确定村党组织书记报酬（常委〔2012〕5号 第七条）；社区党组织书记报酬不与定级挂钩（常委〔2012〕5号 第七条）',
    );
  });

  it("a county's own ratio and coverage change the sentence and its citation", () => {
    const county = resolvePolicy(
      [
        {
          id: 'wuling',
          version: 1,
          name: '武陵区报酬',
          regionCode: '430702000000',
          fromYear: null,
          toYear: null,
          parameters: {
            payRatioPoor: {
              value: 0.6,
              source: { seed: null, section: '第一条', document: '武办〔2015〕1号' },
            },
            payCoversCommunities: {
              value: true,
              source: { seed: null, section: '第二条', document: '武办〔2015〕1号' },
            },
          },
        },
      ],
      '430702100000',
      2015,
    );
    expect(payRuleText(county)).toBe(
      '以乡镇为单位，按“好、较好、一般、较差”1 : 0.9 : 0.8 : 0.6 的比例确定村（社区）党组织书记报酬（常委〔2012〕5号 第七条、武办〔2015〕1号 第一条；社区：武办〔2015〕1号 第二条）',
    );
  });
});

describe('a township run (001 §7): eligibility, then the grade ratios over the paid', () => {
  const village = {
    regionLevel: 'village',
    regionKind: 'village',
    category: 'rural',
    parentInSameRegion: false,
    hasSecretary: true,
  } as const;
  const org = (orgId: number, grade: Grade | null, extra: Partial<PayCandidate> = {}) => ({
    ...village,
    ...extra,
    orgId,
    grade,
  });

  it('pays the villages’ own organisations by grade and lists the others with their reasons', () => {
    const plan = planTownshipPay(
      [
        org(1, 'good'),
        org(2, 'poor'),
        org(3, 'good', { hasSecretary: false }),
        org(4, 'good', { category: 'non_public' }),
      ],
      { mode: 'base', baseFen: 100_000 },
      policy,
    );
    if (plan.status !== 'ready') throw new RangeError(plan.status);
    expect(plan.paid.map((o) => o.orgId)).toEqual([1, 2]);
    expect(plan.result.lines.map((l) => l.amountFen)).toEqual([100_000, 70_000]);
    expect(plan.omitted.map((o) => [o.org.orgId, o.status])).toEqual([
      [3, 'vacant'],
      [4, 'not_covered'],
    ]);
  });

  it('a township whose paid organisations are not all graded cannot be paid', () => {
    const plan = planTownshipPay(
      [org(1, 'good'), org(2, null)],
      { mode: 'pool', poolFen: 1 },
      policy,
    );
    expect(plan.status).toBe('ungraded');
    if (plan.status === 'ungraded') expect(plan.ungraded.map((o) => o.orgId)).toEqual([2]);
  });

  it('a township with no secretary in office to pay has nothing to pay', () => {
    const plan = planTownshipPay(
      [org(1, 'good', { hasSecretary: false }), org(2, 'good', { regionLevel: 'township' })],
      { mode: 'base', baseFen: 1 },
      policy,
    );
    expect(plan.status).toBe('nothing_to_pay');
  });
});
