import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  idNumberCheckChar,
  isLockedOut,
  isValidIdNumber,
  maskIdNumber,
  maskPhone,
  mayManageRole,
  maySearchByPhone,
  passwordProblem,
  phoneFor,
  ROLE_RANK,
  ROLES,
  sessionState,
} from './access';

const at = (min: number) => new Date(Date.UTC(2026, 10, 25, 9, 0) + min * 60_000);

describe('password policy', () => {
  it('refuses fewer than 8 characters', () => {
    expect(passwordProblem('Ab1!xyz')).toBe('密码至少 8 位');
  });
  it('refuses 8+ characters from only two classes', () => {
    expect(passwordProblem('abcdefgh12')).toMatch(/至少 3 类/);
  });
  it('accepts 8 characters from three classes', () => {
    expect(passwordProblem('abcdEF12')).toBeNull();
    expect(passwordProblem('abcdef1!')).toBeNull();
  });
  it('refuses absurdly long passwords', () => {
    expect(passwordProblem('Aa1!'.repeat(40))).toBe('密码不能超过 128 位');
  });
});

describe('lockout after 5 failures in 15 minutes', () => {
  it('locks at the fifth failure inside the window', () => {
    const failures = [0, 1, 2, 3, 4].map(at);
    expect(isLockedOut(failures.slice(0, 4), at(5))).toBe(false);
    expect(isLockedOut(failures, at(5))).toBe(true);
  });
  it('unlocks once the oldest failure leaves the 15-minute window', () => {
    const failures = [0, 1, 2, 3, 4].map(at);
    expect(isLockedOut(failures, at(14))).toBe(true);
    expect(isLockedOut(failures, at(15))).toBe(false);
  });
  it('failures spread over more than 15 minutes do not lock', () => {
    expect(isLockedOut([0, 4, 8, 12, 16].map(at), at(16))).toBe(false);
  });
});

describe('session validity', () => {
  const session = { lastSeenAt: at(0), expiresAt: at(12 * 60) };
  it('is valid within 30 minutes of the last request', () => {
    expect(sessionState(session, at(29))).toBe('valid');
  });
  it('ends after 30 idle minutes', () => {
    expect(sessionState(session, at(30))).toBe('idle');
  });
  it('ends at its absolute expiry even when active', () => {
    expect(sessionState({ lastSeenAt: at(12 * 60 - 1), expiresAt: at(12 * 60) }, at(12 * 60))).toBe(
      'expired',
    );
  });
});

describe('masking personal data', () => {
  it('shows a phone as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('masks short or missing phones entirely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
  it('keeps only the region prefix and last four characters of an ID number', () => {
    expect(maskIdNumber('43070219800101123X')).toBe('430702********123X');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber(undefined)).toBeNull();
  });
});

describe('resident ID numbers', () => {
  it('accepts the check character computed by ISO 7064 MOD 11-2', () => {
    // The standard's own example: 11010519491231002X.
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });
  it('refuses a wrong check character or a wrong shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('1101051949')).toBe(false);
  });
});

describe('who sees phone numbers in full', () => {
  it('the organisation departments and the township see the number; every other role sees it masked', () => {
    const shown = Object.fromEntries(ROLES.map((r) => [r, phoneFor(r, '10066631199')]));
    expect(shown).toEqual({
      city_admin: '10066631199',
      county_admin: '10066631199',
      township: '10066631199',
      secretary: '100****1199',
      training_organiser: '100****1199',
      poverty_office: '100****1199',
      team_member: '100****1199',
    });
  });
  it('no number stays no number for every role', () => {
    expect(ROLES.map((r) => phoneFor(r, null))).toEqual(ROLES.map(() => null));
  });
  it('only a role that sees numbers in full may search by phone digits', () => {
    expect(ROLES.filter(maySearchByPhone)).toEqual(['city_admin', 'county_admin', 'township']);
  });
});

describe('who manages which accounts', () => {
  it('a county department gives roles up to its own rank, never the city administrator', () => {
    expect(assignableRoles('county_admin')).not.toContain('city_admin');
    expect(assignableRoles('county_admin')).toContain('county_admin');
    expect(assignableRoles('township')).toEqual([
      'township',
      'secretary',
      'training_organiser',
      'poverty_office',
      'team_member',
    ]);
  });
  it('an account of higher rank cannot be managed from below; equal rank can', () => {
    expect(mayManageRole('township', 'county_admin')).toBe(false);
    expect(mayManageRole('county_admin', 'county_admin')).toBe(true);
    expect(mayManageRole('secretary', 'team_member')).toBe(true);
    expect(ROLE_RANK.city_admin).toBeGreaterThan(ROLE_RANK.county_admin);
  });
});
