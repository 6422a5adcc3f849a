import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { isHighSchoolOrAbove } from '../models';
import { MEMBER_POLICY_VALUES } from './member-policy';
import {
  educationLevelOf,
  ETHNICITIES,
  ETHNICITY_LABELS,
  MEMBER_EDUCATION_LEVELS,
  parseMember,
  partyStandingYears,
} from './roster';
import type { MemberInput } from './roster';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

const base: MemberInput = {
  id: 'm1',
  name: '张三',
  idNumber: '430702198507150014',
  ethnicity: '01',
  education: 'bachelor',
  orgId: 'o1',
  regionCode: '430702001001',
  status: 'full',
  joinedOn: '2010-07-01',
  fullSince: '2011-07-01',
  occupation: 'farmer',
};
const v = MEMBER_POLICY_VALUES;
const asOf = '2015-12-31';

describe('roster entries (党员名册)', () => {
  it('derives sex and birth date from the ID number and defaults the flags to false', () => {
    const m = parseMember(base, asOf, v);
    expect(m.sex).toBe('male');
    expect(m.birthDate).toBe('1985-07-15');
    expect([m.inDifficulty, m.mobile, m.elderlyInfirm, m.phone]).toEqual([
      false,
      false,
      false,
      null,
    ]);
  });

  it('rejects a sex or birth date that disagrees with the ID number', () => {
    expect(errorOf(() => parseMember({ ...base, sex: 'female' }, asOf, v))).toBe(
      'RULE_VIOLATION:sex',
    );
    expect(errorOf(() => parseMember({ ...base, birthDate: '1985-07-16' }, asOf, v))).toBe(
      'RULE_VIOLATION:birthDate',
    );
    expect(parseMember({ ...base, sex: 'male', birthDate: '1985-07-15' }, asOf, v).sex).toBe(
      'male',
    );
  });

  it('rejects an invalid ID number, naming idNumber', () => {
    expect(errorOf(() => parseMember({ ...base, idNumber: '430702198507150015' }, asOf, v))).toBe(
      'INVALID_INPUT:idNumber',
    );
  });

  it('requires the member to have turned 18 on joining (a day short is refused)', () => {
    const young = {
      ...base,
      idNumber: '430702199707010045',
      status: 'probationary' as const,
      fullSince: null,
    };
    expect(errorOf(() => parseMember({ ...young, joinedOn: '2015-06-30' }, asOf, v))).toBe(
      'RULE_VIOLATION:joinedOn',
    );
    expect(parseMember({ ...young, joinedOn: '2015-07-01' }, asOf, v).status).toBe('probationary');
  });

  it('counts the 18th birthday of someone born on 29 February as 28 February', () => {
    const leap = {
      ...base,
      idNumber: '430702200002290011',
      status: 'probationary' as const,
      fullSince: null,
    };
    expect(parseMember({ ...leap, joinedOn: '2018-02-28' }, '2018-12-31', v).birthDate).toBe(
      '2000-02-29',
    );
    expect(errorOf(() => parseMember({ ...leap, joinedOn: '2018-02-27' }, '2018-12-31', v))).toBe(
      'RULE_VIOLATION:joinedOn',
    );
  });

  it('refuses a joining date after today', () => {
    expect(errorOf(() => parseMember({ ...base, joinedOn: '2016-01-01' }, asOf, v))).toBe(
      'RULE_VIOLATION:joinedOn',
    );
  });

  it('requires a conversion date for full members, none for probationary ones', () => {
    expect(errorOf(() => parseMember({ ...base, fullSince: null }, asOf, v))).toBe(
      'RULE_VIOLATION:fullSince',
    );
    expect(errorOf(() => parseMember({ ...base, status: 'probationary' }, asOf, v))).toBe(
      'RULE_VIOLATION:fullSince',
    );
  });

  it('refuses a conversion before the probation year ended or after today', () => {
    expect(errorOf(() => parseMember({ ...base, fullSince: '2011-06-30' }, asOf, v))).toBe(
      'RULE_VIOLATION:fullSince',
    );
    expect(errorOf(() => parseMember({ ...base, fullSince: '2016-01-01' }, asOf, v))).toBe(
      'RULE_VIOLATION:fullSince',
    );
  });

  it('rejects an unknown ethnicity code and a malformed phone', () => {
    expect(errorOf(() => parseMember({ ...base, ethnicity: '57' as '01' }, asOf, v))).toBe(
      'UNKNOWN_VALUE:ethnicity',
    );
    expect(errorOf(() => parseMember({ ...base, phone: '12345' }, asOf, v))).toBe(
      'INVALID_INPUT:phone',
    );
  });

  it('lists the 56 ethnic groups of GB/T 3304 plus 其他 and 外国血统, codes unique', () => {
    expect(ETHNICITIES).toHaveLength(58);
    expect(new Set(ETHNICITIES.map(([c]) => c)).size).toBe(58);
    expect(ETHNICITY_LABELS['01']).toBe('汉族');
    expect(ETHNICITY_LABELS['15']).toBe('土家族');
  });

  it('maps roster 学历 to the development levels: 中专 counts as high-school level', () => {
    expect(isHighSchoolOrAbove(educationLevelOf('secondary_vocational'))).toBe(true);
    expect(isHighSchoolOrAbove(educationLevelOf('junior_high'))).toBe(false);
    expect(MEMBER_EDUCATION_LEVELS.map(educationLevelOf)).toEqual([
      'primary_or_below',
      'junior_high',
      'high_school',
      'high_school',
      'college',
      'bachelor',
      'postgraduate',
      'postgraduate',
    ]);
  });

  it('counts party standing in full years from the conversion, 0 before it', () => {
    expect(partyStandingYears({ fullSince: '2011-07-01' }, '2015-06-30')).toBe(3);
    expect(partyStandingYears({ fullSince: '2011-07-01' }, '2015-07-01')).toBe(4);
    expect(partyStandingYears({ fullSince: null }, '2015-07-01')).toBe(0);
    expect(partyStandingYears({ fullSince: '2016-07-01' }, '2015-07-01')).toBe(0);
  });
});
