import { DomainError } from '../errors';
import { isoDateSchema } from '../validation';
import type { IsoDate } from '../validation';

/**
 * The 18-digit citizen identity number (公民身份号码, GB 11643-1999): a 6-digit address code, the
 * birth date YYYYMMDD, a 3-digit sequence code whose last digit is odd for men and even for
 * women, and a check character (ISO 7064 MOD 11-2: 0-9 or X). The roster derives sex and birth
 * date from it, so they are never typed twice and never disagree.
 */

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { male: '男', female: '女' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character the first 17 digits call for (ISO 7064 MOD 11-2). */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('INVALID_INPUT', 'idNumber', '身份号码本体码应为 17 位数字');
  }
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** What an ID number says about its holder. */
export interface CitizenIdInfo {
  /** The number as stored: upper-case X. */
  idNumber: string;
  /** The 6-digit address code (where the number was issued). */
  addressCode: string;
  birthDate: IsoDate;
  sex: Sex;
}

export type CitizenIdProblem = 'format' | 'birth_date' | 'check_char';
export const CITIZEN_ID_PROBLEM_LABELS: Record<CitizenIdProblem, string> = {
  format: '应为 17 位数字加 1 位校验码（数字或 X）',
  birth_date: '出生日期码不是有效日期',
  check_char: '校验码不符',
};

export type CitizenIdCheck =
  { ok: true; info: CitizenIdInfo } | { ok: false; problem: CitizenIdProblem };

/**
 * Checks an 18-digit ID number (GB 11643-1999) without throwing: the format (17 digits and a
 * check character, a lower-case x accepted and stored as X), a real birth date (no 19990230),
 * not after `asOf` when given, and the check character. On success returns the derived sex
 * (odd 17th digit: male) and birth date.
 */
export function checkCitizenId(raw: string, asOf?: IsoDate): CitizenIdCheck {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isoDateSchema.safeParse(birthDate).success || birthDate < '1900-01-01') {
    return { ok: false, problem: 'birth_date' };
  }
  if (asOf !== undefined && birthDate > asOf) return { ok: false, problem: 'birth_date' };
  if (citizenIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) {
    return { ok: false, problem: 'check_char' };
  }
  return {
    ok: true,
    info: {
      idNumber: id,
      addressCode: id.slice(0, 6),
      birthDate,
      sex: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/**
 * The holder's sex and birth date from an ID number (GB 11643-1999); throws a DomainError
 * (INVALID_INPUT) naming `field` and saying what is wrong when the number is not valid.
 */
export function parseCitizenId(raw: string, field = 'idNumber', asOf?: IsoDate): CitizenIdInfo {
  const result = checkCitizenId(raw, asOf);
  if (!result.ok) {
    throw new DomainError(
      'INVALID_INPUT',
      field,
      `身份证号（${field}）${CITIZEN_ID_PROBLEM_LABELS[result.problem]}`,
    );
  }
  return result.info;
}
