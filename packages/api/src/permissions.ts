import { ROLES, ROLES_REVEALING_ID_NUMBER, type Role } from '@dangjian/domain';

/**
 * Who may call what: the one permission table. Every procedure of the app router has an entry
 * (the authorization matrix test fails when one is missing, and the access middleware refuses a
 * procedure without one). Region scope is enforced separately, for every role, on every call.
 *
 * - 'public': anyone, signed in or not;
 * - 'signed-in': any account;
 * - a list of roles: only those roles.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

const ADMINS = ['city_admin', 'county_admin'] as const satisfies readonly Role[];
const DEPARTMENTS = ['city_admin', 'county_admin', 'township'] as const satisfies readonly Role[];

export const PERMISSIONS: Record<string, Access> = {
  'health.check': 'public',

  'auth.login': 'public',
  'auth.me': 'public',
  'auth.logout': 'signed-in',
  'auth.changePassword': 'signed-in',

  'region.root': ROLES,
  'region.children': ROLES,
  'region.path': ROLES,

  'org.list': [...DEPARTMENTS, 'training_organiser', 'poverty_office'],
  'org.byId': [...DEPARTMENTS, 'training_organiser', 'poverty_office'],

  'person.revealIdNumber': ROLES_REVEALING_ID_NUMBER,

  'audit.list': ADMINS,
};

export function accessOf(path: string): Access | undefined {
  return Object.hasOwn(PERMISSIONS, path) ? PERMISSIONS[path] : undefined;
}

export function isAllowed(access: Access | undefined, role: Role | null): boolean {
  if (access === undefined) return false;
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed-in') return true;
  return access.includes(role);
}
