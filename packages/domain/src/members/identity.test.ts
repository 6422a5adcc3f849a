import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { checkCitizenId, citizenIdCheckChar, parseCitizenId } from './identity';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

describe('18-digit citizen ID numbers (GB 11643-1999)', () => {
  it('accepts the standard example and derives a female born 1949-12-31', () => {
    expect(parseCitizenId('11010519491231002X')).toEqual({
      idNumber: '11010519491231002X',
      addressCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('reads an odd 17th digit as male and an even one as female', () => {
    expect(parseCitizenId('430702198507150014').sex).toBe('male');
    expect(parseCitizenId('430702198507150022').sex).toBe('female');
  });

  it('accepts a lower-case x check character and stores it upper-case', () => {
    expect(parseCitizenId(' 11010519491231002x ').idNumber).toBe('11010519491231002X');
  });

  it('computes the MOD 11-2 check character, X for 10', () => {
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    expect(citizenIdCheckChar('43070219850715001')).toBe('4');
    expect(errorOf(() => citizenIdCheckChar('4307021985'))).toBe('INVALID_INPUT:idNumber');
  });

  it('rejects a wrong check character', () => {
    expect(checkCitizenId('430702198507150015')).toEqual({ ok: false, problem: 'check_char' });
  });

  it('rejects a birth date that does not exist (30 February, 29 February of a common year)', () => {
    const first17 = '43070219990229001';
    expect(checkCitizenId(first17 + citizenIdCheckChar(first17))).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    const leap = '43070220000229001';
    expect(checkCitizenId(leap + citizenIdCheckChar(leap)).ok).toBe(true);
  });

  it('rejects a birth date after the day of checking', () => {
    expect(checkCitizenId('430702200003010069', '2000-02-29')).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    expect(checkCitizenId('430702200003010069', '2000-03-01').ok).toBe(true);
  });

  it('rejects 15-digit numbers, letters and a misplaced X', () => {
    expect(checkCitizenId('430702850715001')).toEqual({ ok: false, problem: 'format' });
    expect(checkCitizenId('4307021985071500A4')).toEqual({ ok: false, problem: 'format' });
    expect(checkCitizenId('X30702198507150014')).toEqual({ ok: false, problem: 'format' });
  });

  it('throws a DomainError naming the given field', () => {
    expect(errorOf(() => parseCitizenId('123', 'members[3].idNumber'))).toBe(
      'INVALID_INPUT:members[3].idNumber',
    );
  });
});
