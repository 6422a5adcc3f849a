import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { MEMBER_POLICY_VALUES } from './member-policy';
import { mobileContactStatus, mobileMembersByDestination, parseOutflow } from './mobile';
import type { OutflowInput } from './mobile';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const v = MEMBER_POLICY_VALUES;
const base: OutflowInput = {
  memberId: 'm1',
  regionCode: '430702001001',
  destinationRegionCode: '441900000000',
  destinationPlace: '广东省东莞市',
  since: '2015-01-31',
  contactPhone: '10012345678',
};

describe('流动党员: registering an outflow (常委〔2012〕5号 第三条)', () => {
  it('accepts a registration and fills the optional fields with null', () => {
    const o = parseOutflow(base, '2010-07-01', '2015-12-31');
    expect([o.destinationOrgName, o.lastContactOn, o.returnedOn]).toEqual([null, null, null]);
  });

  it('refuses leaving before joining or after today', () => {
    expect(errorOf(() => parseOutflow(base, '2015-02-01', '2015-12-31'))).toBe(
      'RULE_VIOLATION:since',
    );
    expect(errorOf(() => parseOutflow(base, '2010-07-01', '2015-01-30'))).toBe(
      'RULE_VIOLATION:since',
    );
  });

  it('refuses a last contact or return before leaving or after today', () => {
    expect(
      errorOf(() =>
        parseOutflow({ ...base, lastContactOn: '2015-01-30' }, '2010-07-01', '2015-12-31'),
      ),
    ).toBe('RULE_VIOLATION:lastContactOn');
    expect(
      errorOf(() =>
        parseOutflow({ ...base, returnedOn: '2016-01-01' }, '2010-07-01', '2015-12-31'),
      ),
    ).toBe('RULE_VIOLATION:returnedOn');
  });

  it('refuses a destination inside the home county', () => {
    expect(
      errorOf(() =>
        parseOutflow(
          { ...base, destinationRegionCode: '430702003000' },
          '2010-07-01',
          '2015-12-31',
        ),
      ),
    ).toBe('RULE_VIOLATION:destinationRegionCode');
  });

  it('requires the destination in words', () => {
    expect(
      errorOf(() => parseOutflow({ ...base, destinationPlace: '' }, '2010-07-01', '2015-12-31')),
    ).toBe('INVALID_INPUT:destinationPlace');
  });
});

describe('流动党员: out of contact after N months without contact', () => {
  it('counts from leaving when never contacted; month end kept (31 Jan + 6 months → 31 Jul)', () => {
    expect(mobileContactStatus(base, '2015-07-30', v)).toEqual({
      away: true,
      countedFrom: '2015-01-31',
      outOfContactFrom: '2015-07-31',
      outOfContact: false,
    });
    expect(mobileContactStatus(base, '2015-07-31', v).outOfContact).toBe(true);
  });

  it('counts from the last contact when there is one', () => {
    const s = mobileContactStatus({ ...base, lastContactOn: '2015-08-31' }, '2016-02-28', v);
    expect(s.outOfContactFrom).toBe('2016-02-29');
    expect(s.outOfContact).toBe(false);
    expect(
      mobileContactStatus({ ...base, lastContactOn: '2015-08-31' }, '2016-02-29', v).outOfContact,
    ).toBe(true);
  });

  it('takes the month count from the policy', () => {
    expect(
      mobileContactStatus(base, '2015-04-30', { mobileOutOfContactMonths: 3 }).outOfContact,
    ).toBe(true);
  });

  it('is neither away nor out of contact once back, nor before leaving', () => {
    expect(
      mobileContactStatus({ ...base, returnedOn: '2015-06-01' }, '2016-01-01', v),
    ).toMatchObject({ away: false, outOfContact: false });
    expect(mobileContactStatus({ ...base, returnedOn: '2015-06-01' }, '2015-05-31', v).away).toBe(
      true,
    );
    expect(mobileContactStatus(base, '2015-01-30', v).away).toBe(false);
  });
});

describe('流动党员: a county roll-up by destination', () => {
  const outflows: OutflowInput[] = [
    base,
    {
      ...base,
      memberId: 'm2',
      destinationRegionCode: '441901000000',
      destinationOrgName: '东莞某镇流动党员党支部',
      lastContactOn: '2015-11-01',
    },
    {
      ...base,
      memberId: 'm3',
      destinationRegionCode: '440300000000',
      destinationPlace: '深圳市',
      lastContactOn: '2015-10-01',
    },
    {
      ...base,
      memberId: 'm4',
      destinationRegionCode: null,
      destinationPlace: '外出务工，地点不详',
    },
    { ...base, memberId: 'm5', returnedOn: '2015-06-01' },
    { ...base, memberId: 'm6', regionCode: '430703001001' },
    {
      ...base,
      memberId: 'm7',
      destinationRegionCode: '330100000000',
      destinationPlace: '杭州市',
      lastContactOn: '2015-12-01',
    },
    {
      ...base,
      memberId: 'm8',
      destinationRegionCode: '330200000000',
      destinationPlace: '宁波市',
      lastContactOn: '2015-12-01',
    },
  ];

  it('counts members away per destination city, out of contact and with a destination organisation', () => {
    const rows = mobileMembersByDestination(
      { countyCode: '430702000000', outflows, asOf: '2015-12-31' },
      v,
    );
    expect(
      rows.map((r) => [r.destinationRegionCode, r.members, r.outOfContact, r.withDestinationOrg]),
    ).toEqual([
      ['441900000000', 2, 1, 1],
      ['330100000000', 1, 0, 0],
      ['330200000000', 1, 0, 0],
      ['440300000000', 1, 0, 0],
      [null, 1, 1, 0],
    ]);
  });

  it('groups by province on request', () => {
    const rows = mobileMembersByDestination(
      { countyCode: '430702000000', outflows, asOf: '2015-12-31', by: 'province' },
      v,
    );
    expect(rows.map((r) => [r.destinationRegionCode, r.members])).toEqual([
      ['440000000000', 3],
      ['330000000000', 2],
      [null, 1],
    ]);
  });

  it('requires a county code', () => {
    expect(
      errorOf(() =>
        mobileMembersByDestination({ countyCode: '430700000000', outflows, asOf: '2015-12-31' }, v),
      ),
    ).toBe('INVALID_INPUT:countyCode');
  });
});
