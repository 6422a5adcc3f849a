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
/** Who organises training classes (培训, 000 §2, 001 §6). */
const TRAINING_ORGANISERS = [
  'training_organiser',
  'city_admin',
  'county_admin',
] as const satisfies readonly Role[];
const TRAINING_ALL = [
  ...TRAINING_ORGANISERS,
  'township',
  'secretary',
] as const satisfies readonly Role[];

/** Who runs resident help for poor villages (驻村帮扶, 000 §4): the office and the departments. */
const POVERTY_OFFICE = [
  'poverty_office',
  'city_admin',
  'county_admin',
] as const satisfies readonly Role[];
/** …and who reads it: township committees too (row-level security limits each to its region). */
const POVERTY_READERS = [...POVERTY_OFFICE, 'township'] as const satisfies readonly Role[];

export const PERMISSIONS: Record<string, Access> = {
  // Resident help (router/poverty.ts): the office registers villages, posts teams and assesses;
  // team members (bound to their village) read it and keep their team's work log.
  'poverty.villages': [...POVERTY_READERS, 'team_member'],
  'poverty.village': [...POVERTY_READERS, 'team_member'],
  'poverty.logs': [...POVERTY_READERS, 'team_member'],
  'poverty.myTeams': ['team_member'],
  'poverty.logWork': ['team_member'],
  'poverty.recordIncome': [...POVERTY_OFFICE, 'team_member'],
  'poverty.villageOptions': POVERTY_OFFICE,
  'poverty.registerVillage': POVERTY_OFFICE,
  'poverty.updateVillage': POVERTY_OFFICE,
  'poverty.setExited': POVERTY_OFFICE,
  'poverty.memberAccounts': POVERTY_OFFICE,
  'poverty.createTeam': POVERTY_OFFICE,
  'poverty.addMember': POVERTY_OFFICE,
  'poverty.endMember': POVERTY_OFFICE,
  'poverty.appointFirstSecretary': POVERTY_OFFICE,
  'poverty.withdrawTeam': POVERTY_OFFICE,
  'poverty.assess': POVERTY_OFFICE,
  'poverty.coverage': POVERTY_READERS,
  'poverty.coverageExport': POVERTY_READERS,
  'poverty.overview': POVERTY_READERS,
  'poverty.assessments': POVERTY_READERS,
  'poverty.teams': POVERTY_READERS,

  // Training classes (router/training.ts): organisers create and manage classes; trainees sign up.
  'training.classes': TRAINING_ALL,
  'training.classById': TRAINING_ALL,
  'training.mySignups': TRAINING_ALL,
  // A trainee's own attendance and completion (only the rows of the person her account is).
  'training.myAttendance': TRAINING_ALL,
  'training.ics': TRAINING_ALL,
  'training.signup': ['secretary'],
  'training.cancel': ['secretary'],
  'training.createClass': TRAINING_ORGANISERS,
  'training.enrol': [...TRAINING_ORGANISERS, 'township'],
  'training.withdraw': [...TRAINING_ORGANISERS, 'township'],
  'training.roster': [...TRAINING_ORGANISERS, 'township'],
  'training.candidates': [...TRAINING_ORGANISERS, 'township'],
  'training.markAttendance': TRAINING_ORGANISERS,
  'training.complete': TRAINING_ORGANISERS,
  'training.coverage': [...TRAINING_ORGANISERS, 'township'],
  'training.coverageExport': [...TRAINING_ORGANISERS, 'township'],

  // Attachments (router/attachment.ts): who may read or add files to which kind of record is
  // checked per owner kind there (the owner's own roles); region scope as everywhere.
  'attachment.upload': [...DEPARTMENTS, 'team_member'],
  'attachment.list': [...DEPARTMENTS, 'poverty_office', 'team_member'],
  'attachment.download': [...DEPARTMENTS, 'poverty_office', 'team_member'],

  'health.check': 'public',

  'auth.login': 'public',
  'auth.me': 'public',
  'auth.logout': 'signed-in',
  'auth.changePassword': 'signed-in',

  'region.root': ROLES,
  'region.children': ROLES,
  'region.path': ROLES,
  'region.search': ROLES,

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
  'policy.adopt': ADMINS,

  'audit.list': ADMINS,
  // Security events belong to the city's organisation department (row-level security agrees).
  'security.events': ['city_admin'],

  'floors.check': DEPARTMENTS,
  // 003 §4.3: each village/community cadre's basic pay (townships record their villages').
  'floors.cadrePay': DEPARTMENTS,
  'floors.saveCadrePay': DEPARTMENTS,
  'floors.deleteCadrePay': DEPARTMENTS,
  'floors.cadrePayTemplate': DEPARTMENTS,
  'floors.importCadrePay': DEPARTMENTS,
  'floors.saveStat': ADMINS,
  // 001 §22: dues paid up to and returned by the organisation department (county or above).
  'dues.list': DEPARTMENTS,
  'dues.record': ADMINS,
  'dues.void': ADMINS,
  'upgrade.report': DEPARTMENTS,
  'upgrade.dispatch': DEPARTMENTS,
  'upgrade.sanctions': DEPARTMENTS,
  // 选派 (001 §9): departments record the cadres sent to the orgs of their region.
  'upgrade.dispatches': DEPARTMENTS,
  'upgrade.saveDispatch': DEPARTMENTS,
  'upgrade.endDispatch': DEPARTMENTS,
  // Eligibility lists (001 §6, §7, §20, §21): departments' working lists and the 大学生村官 record.
  'eligibility.honours': DEPARTMENTS,
  'eligibility.healthCheck': DEPARTMENTS,
  'eligibility.graduateOfficials': DEPARTMENTS,
  'eligibility.saveGraduateOfficial': DEPARTMENTS,
  'eligibility.export': DEPARTMENTS,
  'dashboard.overview': DEPARTMENTS,

  'grading.list': DEPARTMENTS,
  'grading.set': DEPARTMENTS,
  'grading.bulkSet': DEPARTMENTS,
  'grading.history': DEPARTMENTS,
  'grading.exportSheet': DEPARTMENTS,
  'grading.importSheet': DEPARTMENTS,

  'pay.rule': DEPARTMENTS,
  'pay.preview': DEPARTMENTS,
  'pay.commit': DEPARTMENTS,
  'pay.runs': DEPARTMENTS,
  'pay.run': DEPARTMENTS,
  'pay.exportPayroll': DEPARTMENTS,
  // A county's or city's run (001 §17 统一打卡发放): the county and city departments.
  'pay.startRegion': ADMINS,
  'pay.commitRegion': ADMINS,
  'pay.cancelRegion': ADMINS,
  'pay.regionJob': ADMINS,
  'pay.regionJobs': ADMINS,
  'pay.exportRegionPayroll': ADMINS,

  // 整顿软弱涣散 (router/rectification.ts): departments read and write within their region.
  'rectification.list': DEPARTMENTS,
  'rectification.byId': DEPARTMENTS,
  'rectification.create': DEPARTMENTS,
  'rectification.addEntry': DEPARTMENTS,
  'rectification.closeItem': DEPARTMENTS,
  'rectification.accept': DEPARTMENTS,
  'rectification.carryOver': DEPARTMENTS,
  // Corrections to a saved plan (issue 16): with a reason, kept in the case's history.
  'rectification.addProblem': DEPARTMENTS,
  'rectification.correctProblem': DEPARTMENTS,
  'rectification.correctCase': DEPARTMENTS,
  'rectification.withdrawProblem': DEPARTMENTS,
  'rectification.withdrawCase': DEPARTMENTS,
  'rectification.exportForm': DEPARTMENTS,

  // Report-and-review (述职评议): townships write their own; county and city read and write theirs.
  'review.townships': DEPARTMENTS,
  'review.meeting': DEPARTMENTS,
  'review.results': DEPARTMENTS,
  'review.history': DEPARTMENTS,
  'review.schedule': DEPARTMENTS,
  'review.markHeld': DEPARTMENTS,
  'review.saveReport': DEPARTMENTS,
  'review.reviewReport': DEPARTMENTS,
  'review.recordComments': DEPARTMENTS,
  'review.rate': DEPARTMENTS,
  'review.recordConsequence': DEPARTMENTS,
  'review.recordFeedback': DEPARTMENTS,

  // Organisation life (组织生活): departments read and keep the ledgers of their region. The city
  // sets the member development plans (001 §11 以县一级党委、高校党委为单位进行控制); city and county
  // departments record excess reports and pre-filings with the city and designate sites.
  'dashboard.orglife': DEPARTMENTS,
  'coverage.list': DEPARTMENTS,
  'coverage.save': DEPARTMENTS,
  'coverage.assignInstructor': DEPARTMENTS,
  'coverage.export': DEPARTMENTS,
  'reserves.villages': DEPARTMENTS,
  'reserves.ledger': DEPARTMENTS,
  'reserves.add': DEPARTMENTS,
  'reserves.end': DEPARTMENTS,
  'reserves.export': DEPARTMENTS,
  'development.overview': DEPARTMENTS,
  'development.candidates': DEPARTMENTS,
  'development.setQuota': ['city_admin'],
  'development.reportExcess': ADMINS,
  'development.addCandidate': DEPARTMENTS,
  'development.advance': DEPARTMENTS,
  'development.preFile': ADMINS,
  'development.export': DEPARTMENTS,
  'meetings.compliance': DEPARTMENTS,
  'meetings.list': DEPARTMENTS,
  'meetings.record': DEPARTMENTS,
  'meetings.publish': DEPARTMENTS,
  'meetings.export': DEPARTMENTS,
  'terms.list': DEPARTMENTS,
  'terms.recordElection': DEPARTMENTS,
  'terms.export': DEPARTMENTS,
  'demoSites.list': DEPARTMENTS,
  'demoSites.designate': ADMINS,
  'demoSites.revoke': ADMINS,
  'demoSites.export': DEPARTMENTS,
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
