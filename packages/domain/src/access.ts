import { z } from 'zod';

/**
 * The roles of the departments that use the platform. Each user holds one role and one region
 * (their data scope). Source: issue "Accounts, roles, region data scope" and the departments named
 * in the notices: 市委组织部 / 县委组织部 (001, 000), 乡镇党委 (004), 村（社区）党组织书记 (001 §6),
 * 培训组织 (000 §2), 扶贫（驻村帮扶）工作 (000 §4).
 */
export const ROLES = [
  'city_admin',
  'county_admin',
  'township',
  'secretary',
  'training_organiser',
  'poverty_office',
  'team_member',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: '市委组织部管理员',
  county_admin: '县（市、区）委组织部',
  township: '乡镇（街道）党（工）委',
  secretary: '村（社区）党组织书记（学员）',
  training_organiser: '培训组织者',
  poverty_office: '扶贫（驻村帮扶）办公室',
  team_member: '驻村工作队员',
};

/**
 * Password policy (等保 2.0 身份鉴别): at least 8 characters from at least three of the four
 * classes upper case, lower case, digit, symbol. Returns the Chinese reason or null when accepted.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) {
    return `密码须包含大写字母、小写字母、数字、符号中的至少 ${PASSWORD_MIN_CLASSES} 类`;
  }
  return null;
}

export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Lockout: this many failed logins within the window lock the account until the window passes. */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
/** Sessions end after 30 minutes without a request, and 12 hours after login in any case. */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;

/**
 * Whether an account is locked, given the times of its recent failed logins (any order).
 * Locked while at least LOCKOUT_MAX_FAILURES failures fall inside the window ending at `now`.
 */
export function isLockedOut(failures: readonly Date[], now: Date): boolean {
  const since = now.getTime() - LOCKOUT_WINDOW_MINUTES * 60_000;
  return (
    failures.filter((t) => t.getTime() > since && t.getTime() <= now.getTime()).length >=
    LOCKOUT_MAX_FAILURES
  );
}

/** Whether a session is still valid at `now` (idle timeout and absolute expiry). */
export function sessionState(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
): 'valid' | 'idle' | 'expired' {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * 60_000) return 'idle';
  return 'valid';
}

/** 138****1234: the first three and last four digits of a phone number stay visible. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 430702********123X: region prefix and the last four characters stay visible. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/**
 * Roles that see phone numbers in full: the organisation departments and the township Party
 * committee, who contact secretaries as part of their work. Every other role (training organisers,
 * the poverty-relief office, team members, secretaries) sees them masked. Source: domain rules §1
 * ("personal data (ID number, phone) is sensitive: masked in lists and exports unless the viewer's
 * role needs it").
 */
export const ROLES_SEEING_FULL_PHONE: readonly Role[] = ['city_admin', 'county_admin', 'township'];

/** Whether `role` sees phone numbers in full (see ROLES_SEEING_FULL_PHONE). */
export function seesFullPhone(role: Role): boolean {
  return ROLES_SEEING_FULL_PHONE.includes(role);
}

/**
 * A phone number as `role` may see it: in full for the roles that need it, else masked
 * (138****1234). The one decision for every phone number the API hands out.
 */
export function phoneFor(role: Role, phone: string | null | undefined): string | null {
  return seesFullPhone(role) ? (phone ?? null) : maskPhone(phone);
}

/**
 * Whether `role` may search people by phone digits. Only roles that see numbers in full may: a
 * search matching digits hidden by the mask would reveal them one query at a time.
 */
export function maySearchByPhone(role: Role): boolean {
  return seesFullPhone(role);
}
/** Roles that may reveal an ID number, one person at a time, with an audit entry. */
export const ROLES_REVEALING_ID_NUMBER: readonly Role[] = ['city_admin', 'county_admin'];

/** 18-digit resident ID number (GB 11643) with its ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export function idNumberCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return '10X98765432'.charAt(sum % 11);
}

/**
 * Role rank for account management: 市委组织部管理员 (3) > 县委组织部 (2) > 乡镇党委 (1) > every
 * other role (0: secretaries, team members, training organisers, poverty offices). An admin may
 * give an account a role of at most their own rank, and may manage (edit, disable, reset) only
 * accounts of at most their own rank; the region scope limits which accounts they see at all.
 * Source: issue "Accounts, roles, region data scope" (each department administers the accounts
 * below it).
 */
export const ROLE_RANK: Record<Role, number> = {
  city_admin: 3,
  county_admin: 2,
  township: 1,
  secretary: 0,
  training_organiser: 0,
  poverty_office: 0,
  team_member: 0,
};

/** The roles `caller` may give an account: those of at most its own rank (ROLE_RANK). */
export function assignableRoles(caller: Role): Role[] {
  return ROLES.filter((r) => ROLE_RANK[r] <= ROLE_RANK[caller]);
}

/** Whether `caller` may create, edit, disable or reset an account of `role` (ROLE_RANK). */
export function mayManageRole(caller: Role, role: Role): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[caller];
}
