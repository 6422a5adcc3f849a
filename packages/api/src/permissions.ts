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
  'org.create': DEPARTMENTS,
  'org.update': DEPARTMENTS,
  'org.history': DEPARTMENTS,

  'person.revealIdNumber': ROLES_REVEALING_ID_NUMBER,
  'person.list': [...DEPARTMENTS, 'training_organiser', 'poverty_office'],
  'person.byId': [...DEPARTMENTS, 'training_organiser', 'poverty_office'],
  'person.create': DEPARTMENTS,
  'person.update': DEPARTMENTS,

  // Account management (router/user.ts documents the role rank that limits it further).
  'user.list': ADMINS,
  'user.create': ADMINS,
  'user.update': ADMINS,
  'user.setDisabled': ADMINS,
  'user.resetPassword': ADMINS,

  'policy.effective': DEPARTMENTS,
  'policy.shipped': DEPARTMENTS,
  'policy.sets': DEPARTMENTS,
  'policy.saveOverride': ADMINS,

  'audit.list': ADMINS,

  'floors.check': DEPARTMENTS,
  'upgrade.report': DEPARTMENTS,
  'upgrade.dispatch': DEPARTMENTS,
  'upgrade.sanctions': DEPARTMENTS,
  'dashboard.overview': DEPARTMENTS,

  'grading.list': DEPARTMENTS,
  'grading.set': DEPARTMENTS,
  'grading.bulkSet': DEPARTMENTS,
  'grading.history': DEPARTMENTS,
  'grading.exportSheet': DEPARTMENTS,
  'grading.importSheet': DEPARTMENTS,

  'pay.preview': DEPARTMENTS,
  'pay.commit': DEPARTMENTS,
  'pay.runs': DEPARTMENTS,
  'pay.run': DEPARTMENTS,
  'pay.exportPayroll': DEPARTMENTS,
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
