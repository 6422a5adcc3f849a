/**
 * The authorization matrix: every procedure of the app router (enumerated from the router, so a
 * new procedure cannot be forgotten) × every role and an anonymous caller × a target inside and
 * outside the caller's region. Allowed or refused exactly as PERMISSIONS says; never a
 * cross-region read or write.
 */
import type { DatabaseHandle } from '@dangjian/db';
import { defined, hashPassword } from '@dangjian/db';
import { orgs, povertyTeamMembers, povertyTeams, users } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { ROLES, type Role } from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, between, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS } from './permissions';
import { appRouter, createCaller } from './root';
import { callerAs, createTestContext } from './testing';

const HOME = '430703000000'; // 鼎城区: every matrix user is bound here
const AWAY = '430702000000'; // 武陵区: a neighbouring county

interface Target {
  regionCode: string;
  orgId: number;
  personId: number;
  /** An account (role secretary) in the target's county, for the user.* procedures. */
  userId: number;
  /** A registered poor village of the county with its team and the team's leader. */
  villageId: number;
  teamId: number;
  memberId: number;
}

/**
 * A valid input for every procedure, aimed at a target. `targeted: false` marks procedures whose
 * input names no region, org or person (they act on the caller's own account or region).
 */
const SAMPLES: Record<string, { input: (t: Target) => unknown; targeted: boolean }> = {
  'poverty.villages': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'poverty.village': { input: (t) => ({ villageId: t.villageId, year: 2026 }), targeted: true },
  'poverty.logs': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'poverty.myTeams': { input: () => undefined, targeted: false },
  // Attachments name a record by id (a never-used id → NOT_FOUND); scope refusals by region are
  // checked in router/attachment.test.ts.
  'attachment.upload': {
    input: () => ({
      ownerKind: 'work_log',
      ownerId: 2_000_000_000,
      filename: 'a.png',
      base64: 'iVBORw0KGgo=',
    }),
    targeted: false,
  },
  'attachment.list': {
    input: () => ({ ownerKind: 'work_log', ownerId: 2_000_000_000 }),
    targeted: false,
  },
  'attachment.download': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'poverty.logWork': {
    input: (t) => ({
      villageId: t.villageId,
      date: '2026-01-05',
      area: 'build_team',
      summary: '矩阵日志',
      householdsReached: 0,
      fundsFen: 0,
    }),
    targeted: true,
  },
  'poverty.recordIncome': {
    input: (t) => ({ villageId: t.villageId, year: 2020, incomeFen: 1 }),
    targeted: true,
  },
  'poverty.villageOptions': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'poverty.registerVillage': {
    input: (t) => ({
      regionCode: t.regionCode,
      identifiedYear: 2015,
      helpedBy: 'county',
      households: 500,
      poorHouseholds: 50,
      poorPeople: 150,
      baselineIncomeFen: 0,
    }),
    targeted: true,
  },
  'poverty.updateVillage': {
    input: (t) => ({
      villageId: t.villageId,
      identifiedYear: 2015,
      helpedBy: 'county',
      households: 500,
      poorHouseholds: 50,
      poorPeople: 150,
      baselineIncomeFen: 0,
    }),
    targeted: true,
  },
  'poverty.setExited': {
    input: (t) => ({ villageId: t.villageId, exitedYear: null }),
    targeted: true,
  },
  'poverty.memberAccounts': { input: (t) => ({ villageId: t.villageId }), targeted: true },
  'poverty.createTeam': {
    input: (t) => ({
      villageId: t.villageId,
      unit: '矩阵单位',
      startDate: '2026-01-01',
      members: [{ name: '矩阵队员', role: 'member' }],
    }),
    targeted: true,
  },
  'poverty.addMember': {
    input: (t) => ({ teamId: t.teamId, member: { name: '矩阵队员', role: 'member' } }),
    targeted: true,
  },
  'poverty.endMember': {
    input: (t) => ({ memberId: t.memberId, toDate: '2030-01-01' }),
    targeted: true,
  },
  'poverty.appointFirstSecretary': { input: (t) => ({ memberId: t.memberId }), targeted: true },
  'poverty.withdrawTeam': {
    input: (t) => ({ teamId: t.teamId, endDate: '2030-01-01' }),
    targeted: true,
  },
  'poverty.assess': {
    input: (t) => ({
      year: 2030,
      teamId: t.teamId,
      memberId: null,
      rating: 'competent',
      comments: '矩阵考核',
    }),
    targeted: true,
  },
  'poverty.coverage': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'poverty.coverageExport': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'poverty.overview': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'poverty.assessments': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'poverty.teams': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  // Training: seedTraining makes one class per county in code order, so in a fresh database the
  // class of 武陵区 (AWAY) is 1 and that of 鼎城区 (HOME) is 2.
  'training.classes': { input: () => ({ year: 2026 }), targeted: false },
  'training.mySignups': { input: () => undefined, targeted: false },
  'training.myAttendance': { input: () => undefined, targeted: false },
  'training.classById': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1 }),
    targeted: true,
  },
  'training.ics': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1 }),
    targeted: true,
  },
  'training.roster': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1 }),
    targeted: true,
  },
  'training.signup': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1 }),
    targeted: true,
  },
  'training.cancel': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1 }),
    targeted: true,
  },
  'training.createClass': {
    input: () => ({
      name: '矩阵培训班',
      trainingKind: 'rotation',
      startDate: '2030-03-04',
      endDate: '2030-03-05',
      days: 2,
      venue: '矩阵会议室',
      capacity: 10,
      eligibleRoles: ['secretary'],
    }),
    targeted: false,
  },
  'training.enrol': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1, personIds: [t.personId] }),
    targeted: true,
  },
  'training.withdraw': {
    input: (t) => ({
      classId: t.regionCode.startsWith('430703') ? 2 : 1,
      personIds: [t.personId],
    }),
    targeted: true,
  },
  'training.candidates': {
    input: (t) => ({
      classId: t.regionCode.startsWith('430703') ? 2 : 1,
      regionCode: t.regionCode,
      role: 'secretary',
    }),
    targeted: true,
  },
  'training.markAttendance': {
    input: (t) => ({
      classId: t.regionCode.startsWith('430703') ? 2 : 1,
      sessionDate: '2026-04-13',
      personIds: [t.personId],
      present: true,
    }),
    targeted: true,
  },
  'training.complete': {
    input: (t) => ({ classId: t.regionCode.startsWith('430703') ? 2 : 1, personIds: [t.personId] }),
    targeted: true,
  },
  'training.coverage': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'training.coverageExport': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'health.check': { input: () => undefined, targeted: false },
  'auth.login': {
    input: () => ({ username: 'matrix_city_admin', password: DEMO_PASSWORD }),
    targeted: false,
  },
  'auth.me': { input: () => undefined, targeted: false },
  'auth.logout': { input: () => undefined, targeted: false },
  'auth.changePassword': {
    input: () => ({ currentPassword: 'Wrong-Pass-1', newPassword: 'Another@Pass2' }),
    targeted: false,
  },
  'region.root': { input: () => undefined, targeted: false },
  'region.children': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'region.path': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'region.search': { input: (t) => ({ query: '村', regionCode: t.regionCode }), targeted: true },
  'org.list': {
    input: (t) => ({ regionCode: t.regionCode, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'org.byId': { input: (t) => ({ id: t.orgId }), targeted: true },
  'person.revealIdNumber': { input: (t) => ({ personId: t.personId }), targeted: true },
  'person.list': {
    input: (t) => ({ regionCode: t.regionCode, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'person.byId': { input: (t) => ({ id: t.personId }), targeted: true },
  'person.create': {
    input: (t) => ({ name: '矩阵人员', gender: 'female', regionCode: t.regionCode }),
    targeted: true,
  },
  'person.update': { input: (t) => ({ id: t.personId, phone: '10012345678' }), targeted: true },
  'org.create': {
    input: (t) => ({
      name: '矩阵党支部',
      kind: 'branch',
      category: 'non_public',
      regionCode: t.regionCode,
    }),
    targeted: true,
  },
  'org.update': { input: (t) => ({ id: t.orgId, memberCount: 30 }), targeted: true },
  'org.history': { input: (t) => ({ orgId: t.orgId }), targeted: true },
  'user.list': {
    input: (t) => ({ regionCode: t.regionCode, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'user.create': {
    input: (t) => ({
      username: `matrix_new_${t.regionCode}`,
      displayName: '矩阵新账号',
      role: 'secretary',
      regionCode: t.regionCode,
      password: 'Matrix@Pass1',
    }),
    targeted: true,
  },
  'user.update': {
    input: (t) => ({
      userId: t.userId,
      displayName: '矩阵目标账号',
      role: 'secretary',
      regionCode: t.regionCode,
    }),
    targeted: true,
  },
  'user.setDisabled': { input: (t) => ({ userId: t.userId, disabled: false }), targeted: true },
  'user.resetPassword': {
    input: (t) => ({ userId: t.userId, newPassword: 'Matrix@Reset2' }),
    targeted: true,
  },
  'policy.effective': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'policy.shipped': { input: () => undefined, targeted: false },
  'policy.sets': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'policy.adopt': {
    input: (t) => ({
      regionCode: t.regionCode,
      noticeId: '003',
      keys: ['teamMeetingsPerWeekMin'],
      fromYear: 2026,
      effectiveDate: '2026-01-01',
    }),
    targeted: true,
  },
  'policy.saveOverride': {
    input: (t) => ({
      name: '矩阵参数集',
      regionCode: t.regionCode,
      fromYear: 2026,
      effectiveDate: '2026-01-01',
      parameters: {
        trainingNewSecretaryMinDays: {
          value: 3,
          source: { seed: null, section: '§1', document: '矩阵〔2026〕1号' },
        },
      },
    }),
    targeted: true,
  },
  'audit.list': {
    input: (t) => ({ regionCode: t.regionCode, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'security.events': { input: () => ({ page: 1, pageSize: 5 }), targeted: false },
  'grading.list': {
    input: (t) => ({ regionCode: t.regionCode, year: 2030, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'grading.set': {
    input: (t) => ({ orgId: t.orgId, year: 2030, grade: 'good', reason: '矩阵' }),
    targeted: true,
  },
  'grading.bulkSet': {
    input: (t) => ({
      regionCode: t.regionCode,
      year: 2030,
      grade: 'good',
      reason: '矩阵',
      orgIds: [t.orgId],
    }),
    targeted: true,
  },
  'grading.history': { input: (t) => ({ orgId: t.orgId }), targeted: true },
  'grading.exportSheet': {
    input: (t) => ({ regionCode: t.regionCode, year: 2030 }),
    targeted: true,
  },
  // Not a workbook: inside the region the answer is a Chinese error report, outside a refusal.
  'grading.importSheet': {
    input: (t) => ({ regionCode: t.regionCode, year: 2030, base64: 'bm90IGEgd29ya2Jvb2s=' }),
    targeted: true,
  },
  'pay.rule': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  // Pay runs are per township: the target's township.
  'pay.preview': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 9)}000`,
      year: 2026,
      mode: 'pool',
      poolFen: 1_000_000,
    }),
    targeted: true,
  },
  'pay.commit': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 9)}000`,
      year: 2026,
      mode: 'pool',
      poolFen: 1_000_000,
    }),
    targeted: true,
  },
  'pay.runs': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  // A run id names no region here (only home runs exist); cross-county reads of runs: pay.test.ts.
  'pay.run': { input: () => ({ id: 1 }), targeted: false },
  'pay.exportPayroll': { input: () => ({ id: 1 }), targeted: false },
  // Region runs are per county or city: the target's county (a job id names no region here;
  // cross-county jobs: pay-region.test.ts).
  'pay.startRegion': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 6)}000000`,
      year: 2026,
      baseFen: 1_000_000,
    }),
    targeted: true,
  },
  'pay.commitRegion': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'pay.cancelRegion': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'pay.regionJob': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'pay.regionJobs': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'pay.exportRegionPayroll': {
    input: (t) => ({ regionCode: `${t.regionCode.slice(0, 6)}000000`, year: 2026 }),
    targeted: true,
  },
  'floors.check': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'floors.cadrePay': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  // The target org sits above village level: inside, a Chinese refusal (pay is per village).
  'floors.saveCadrePay': {
    input: (t) => ({
      regionCode: t.regionCode,
      year: 2026,
      personId: t.personId,
      post: 'secretary',
      basicPayFen: 1,
    }),
    targeted: true,
  },
  'floors.deleteCadrePay': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'floors.cadrePayTemplate': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  // Not a workbook: inside, the import answers with its problems (not a refusal).
  'floors.importCadrePay': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026, base64: 'bm90IGFuIHhsc3g=' }),
    targeted: true,
  },
  'floors.saveStat': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 6)}000000`,
      year: 2031,
      key: 'farmer_net_income_per_capita',
      valueFen: 1,
      source: '矩阵',
    }),
    targeted: true,
  },
  'dues.list': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  // The target org is not a non-public or social organisation: inside, a Chinese refusal.
  'dues.record': {
    input: (t) => ({
      orgId: t.orgId,
      year: 2026,
      direction: 'paid',
      date: '2026-01-05',
      amountFen: 1,
    }),
    targeted: true,
  },
  'dues.void': { input: () => ({ entryId: 2_000_000_000, reason: '矩阵' }), targeted: false },
  'upgrade.report': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'upgrade.dispatch': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'upgrade.sanctions': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'upgrade.dispatches': { input: (t) => ({ orgId: t.orgId, year: 2030 }), targeted: true },
  'upgrade.saveDispatch': {
    input: (t) => ({
      orgId: t.orgId,
      year: 2030,
      kind: 'first_secretary',
      cadreName: '矩阵干部',
      unit: '矩阵单位',
      firstSecretary: true,
      fromDate: '2030-01-05',
    }),
    targeted: true,
  },
  // Dispatch ids name no region here (a never-used id → NOT_FOUND); cross-county: router/upgrade.test.ts.
  'upgrade.endDispatch': {
    input: () => ({ dispatchId: 2_000_000_000, toDate: '2030-06-30' }),
    targeted: false,
  },
  'eligibility.honours': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'eligibility.healthCheck': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'eligibility.graduateOfficials': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'eligibility.export': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  // The target person is a township committee's secretary: inside, a Chinese refusal (a
  // 大学生村官 is recorded in a village).
  'eligibility.saveGraduateOfficial': {
    input: (t) => ({ personId: t.personId, inVillageSince: '2024-09-01', post: null }),
    targeted: true,
  },
  'dashboard.overview': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  // 整顿软弱涣散: ids of problems/cases name no region here (a never-used id → NOT_FOUND);
  // cross-county reads and writes by id are checked in router/rectification.test.ts.
  'rectification.list': {
    input: (t) => ({ regionCode: t.regionCode, year: 2030 }),
    targeted: true,
  },
  'rectification.byId': { input: () => ({ id: 2_000_000_000 }), targeted: false },
  'rectification.create': {
    input: (t) => ({
      orgId: t.orgId,
      year: 2030,
      criteria: ['weak_service'],
      workTeam: { leader: '矩阵组长', members: [] },
      leadingCadre: { name: '矩阵干部', post: '副书记' },
      problems: [
        {
          description: '矩阵问题',
          measures: ['矩阵措施'],
          goal: '矩阵目标',
          deadline: '2030-06-30',
          responsiblePerson: '矩阵责任人',
        },
      ],
    }),
    targeted: true,
  },
  'rectification.addEntry': {
    input: () => ({ problemId: 2_000_000_000, entryDate: '2026-01-05', note: '矩阵台账' }),
    targeted: false,
  },
  'rectification.closeItem': {
    input: () => ({ problemId: 2_000_000_000, closedOn: '2026-01-05' }),
    targeted: false,
  },
  'rectification.accept': {
    input: () => ({
      caseId: 2_000_000_000,
      acceptedOn: '2026-01-05',
      passed: true,
      publicOpinionHeard: true,
    }),
    targeted: false,
  },
  'rectification.addProblem': {
    input: () => ({
      caseId: 2_000_000_000,
      reason: '矩阵补充',
      problem: {
        description: '矩阵问题',
        measures: ['矩阵措施'],
        goal: '矩阵目标',
        deadline: '2030-06-30',
        responsiblePerson: '矩阵责任人',
      },
    }),
    targeted: false,
  },
  'rectification.correctProblem': {
    input: () => ({ problemId: 2_000_000_000, reason: '矩阵更正', goal: '矩阵目标' }),
    targeted: false,
  },
  'rectification.correctCase': {
    input: () => ({ caseId: 2_000_000_000, reason: '矩阵更正', electionPostponed: false }),
    targeted: false,
  },
  'rectification.withdrawProblem': {
    input: () => ({ problemId: 2_000_000_000, reason: '矩阵撤销' }),
    targeted: false,
  },
  'rectification.withdrawCase': {
    input: () => ({ caseId: 2_000_000_000, reason: '矩阵撤销' }),
    targeted: false,
  },
  'rectification.carryOver': {
    input: (t) => ({ regionCode: t.regionCode, toYear: 2031 }),
    targeted: true,
  },
  'rectification.exportForm': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026, form: 'brief' }),
    targeted: true,
  },
  // Report-and-review (述职评议): meetings are per township (the target's township), year 2030.
  'review.townships': { input: (t) => ({ regionCode: t.regionCode, year: 2030 }), targeted: true },
  'review.meeting': {
    input: (t) => ({ regionCode: `${t.regionCode.slice(0, 9)}000`, year: 2030 }),
    targeted: true,
  },
  'review.results': { input: (t) => ({ regionCode: t.regionCode, year: 2030 }), targeted: true },
  'review.history': { input: (t) => ({ personId: t.personId }), targeted: true },
  // Rescheduling the same meeting again is allowed while it is not held: safe to repeat.
  'review.schedule': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 9)}000`,
      year: 2030,
      meetingOn: '2030-11-20',
      venue: '矩阵会议室',
      participants: {
        party_congress_deputy: 16,
        npc_deputy: 16,
        cppcc_member: 16,
        member_cadre: 16,
        public_rep: 16,
      },
    }),
    targeted: true,
  },
  // A 2030 meeting cannot be recorded as held before 2030: inside a Chinese refusal, outside 403.
  'review.markHeld': {
    input: (t) => ({
      regionCode: `${t.regionCode.slice(0, 9)}000`,
      year: 2030,
      heldOn: '2030-11-20',
      participants: {
        party_congress_deputy: 16,
        npc_deputy: 16,
        cppcc_member: 16,
        member_cadre: 16,
        public_rep: 16,
      },
    }),
    targeted: true,
  },
  // Review ids name no region here (only home reviews exist); cross-county writes of one
  // secretary's review: router/review.test.ts.
  'review.saveReport': {
    input: () => ({
      reviewId: 1,
      reportSummary: '矩阵述职报告',
      submittedOn: '2030-11-01',
      contentAreas: [],
    }),
    targeted: false,
  },
  'review.reviewReport': {
    input: () => ({
      reviewId: 1,
      reviewerName: '矩阵',
      reviewedByTownshipSecretary: true,
      reviewedOn: '2030-11-02',
    }),
    targeted: false,
  },
  'review.recordComments': {
    input: () => ({ reviewId: 1, meetingComments: '矩阵点评' }),
    targeted: false,
  },
  'review.rate': { input: () => ({ reviewId: 1, rating: 'qualified' }), targeted: false },
  'review.recordConsequence': {
    input: () => ({
      reviewId: 1,
      consequence: 'written_reminder',
      consequenceBy: '矩阵',
      consequenceOn: '2030-12-01',
    }),
    targeted: false,
  },
  'review.recordFeedback': {
    input: () => ({ reviewId: 1, feedbackOn: '2030-12-02', feedbackMethod: '书面反馈' }),
    targeted: false,
  },
  // Organisation life (组织生活). Member development units are made in county order by the seed, so
  // in a fresh database the unit of 武陵区 (AWAY) is 1 and that of 鼎城区 (HOME) is 2. Ids of
  // reserves, candidates, meetings and sites name no region here (a never-used id → NOT_FOUND);
  // cross-county writes by id: router/{reserves,development,meetings,demo-sites}.test.ts.
  'dashboard.orglife': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'coverage.list': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'coverage.export': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'coverage.save': {
    input: (t) => ({
      name: '矩阵示例有限公司',
      enterpriseKind: 'non_public',
      regionCode: t.regionCode,
      employees: 10,
      memberCount: 0,
      hasUnion: true,
    }),
    targeted: true,
  },
  'coverage.assignInstructor': {
    input: () => ({
      enterpriseId: 2_000_000_000,
      name: '矩阵指导员',
      gender: 'male',
      instructorUnit: '矩阵单位',
      assignedOn: '2026-01-05',
    }),
    targeted: false,
  },
  'reserves.villages': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'reserves.ledger': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'reserves.export': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  // The target org is a township committee: inside, a Chinese refusal (reserves are per village).
  'reserves.add': {
    input: (t) => ({
      orgId: t.orgId,
      name: '矩阵后备',
      gender: 'female',
      birthDate: '1995-01-01',
      education: 'college',
      since: '2026-01-05',
    }),
    targeted: true,
  },
  'reserves.end': {
    input: () => ({ reserveId: 2_000_000_000, until: '2026-01-05' }),
    targeted: false,
  },
  'development.overview': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'development.export': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  'development.candidates': {
    input: (t) => ({ regionCode: t.regionCode, page: 1, pageSize: 5 }),
    targeted: true,
  },
  'development.setQuota': {
    input: (t) => ({ unitId: t.regionCode.startsWith('430703') ? 2 : 1, year: 2030, quota: 10 }),
    targeted: true,
  },
  'development.reportExcess': {
    input: (t) => ({
      unitId: t.regionCode.startsWith('430703') ? 2 : 1,
      year: 2030,
      excessReportedOn: '2026-01-05',
    }),
    targeted: true,
  },
  'development.addCandidate': {
    input: (t) => ({
      orgId: t.orgId,
      name: '矩阵申请人',
      gender: 'male',
      birthDate: '1998-01-01',
      education: 'high_school',
      appliedOn: '2026-01-05',
    }),
    targeted: true,
  },
  'development.advance': {
    input: () => ({ candidateId: 2_000_000_000, stage: 'activist', on: '2026-01-05' }),
    targeted: false,
  },
  'development.preFile': {
    input: () => ({ candidateId: 2_000_000_000, preFiledOn: '2026-01-05' }),
    targeted: false,
  },
  'meetings.compliance': {
    input: (t) => ({ regionCode: t.regionCode, from: '2026-10-01', to: '2026-11-22' }),
    targeted: true,
  },
  'meetings.export': {
    input: (t) => ({ regionCode: t.regionCode, from: '2026-10-01', to: '2026-11-22' }),
    targeted: true,
  },
  'meetings.list': {
    input: (t) => ({ orgId: t.orgId, from: '2026-01-01', to: '2026-12-31' }),
    targeted: true,
  },
  // A township committee holds no village joint meetings: inside, a Chinese refusal.
  'meetings.record': {
    input: (t) => ({
      orgId: t.orgId,
      meetingKind: 'team_joint',
      meetingOn: '2026-01-05',
      convener: '矩阵',
      attendees: '矩阵班子成员',
      attendeeCount: 5,
      topics: '矩阵议题',
      decisions: '矩阵决议',
    }),
    targeted: true,
  },
  'meetings.publish': {
    input: () => ({ meetingId: 2_000_000_000, decisionsPublishedOn: '2026-01-05' }),
    targeted: false,
  },
  'terms.list': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  'terms.export': { input: (t) => ({ regionCode: t.regionCode }), targeted: true },
  // Re-electing the same election again is refused (the new term has begun): safe to repeat.
  'terms.recordElection': {
    input: (t) => ({
      orgId: t.orgId,
      electedOn: '2026-06-30',
      termEnd: '2031-06-30',
      secretaryId: t.personId,
    }),
    targeted: true,
  },
  'demoSites.list': { input: (t) => ({ regionCode: t.regionCode, year: 2026 }), targeted: true },
  'demoSites.export': {
    input: (t) => ({ regionCode: t.regionCode, year: 2026 }),
    targeted: true,
  },
  // Designating the same township twice is refused in Chinese: safe to repeat.
  'demoSites.designate': {
    input: (t) => ({
      year: 2030,
      demoCategory: 'township',
      regionCode: `${t.regionCode.slice(0, 9)}000`,
      designatedOn: '2026-01-05',
    }),
    targeted: true,
  },
  'demoSites.revoke': {
    input: () => ({ siteId: 2_000_000_000, revokedOn: '2026-01-05' }),
    targeted: false,
  },
};

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, p]) => ({ path, type: p._def.type as 'query' | 'mutation' }));

async function call(
  api: ReturnType<typeof createCaller>,
  path: string,
  input: unknown,
): Promise<unknown> {
  const [area, name] = path.split('.') as [string, string];
  const group = defined(
    (api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[area],
  );
  return defined(group[name])(input);
}

/**
 * How an allowed call may still fail: a rule of the domain refusing the sample's data. Not
 * UNAUTHORIZED/FORBIDDEN (that would be a refusal of the role) and not INTERNAL_SERVER_ERROR.
 */
const ALLOWED_FAILURES = ['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'];
/** A region code of the neighbouring county AWAY, as it would appear in an answer. */
const AWAY_CODE = new RegExp(`"${AWAY.slice(0, 6)}\\d{6}"`);

function serialize(value: unknown): string {
  // String(): JSON.stringify gives undefined (typed as a string) for an answer of undefined.
  return String(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
  );
}

async function outcome(
  promise: Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    if (e instanceof TRPCError) return { ok: false, code: e.code };
    throw e;
  }
}

it('every procedure of the router has an entry in the permission table and a matrix sample', () => {
  const paths = procedures.map((p) => p.path).sort();
  expect(paths).toEqual(Object.keys(PERMISSIONS).sort());
  expect(paths).toEqual(Object.keys(SAMPLES).sort());
});

describe.each(TEST_DRIVERS)('authorization matrix on %s', (driver) => {
  let handle: DatabaseHandle;
  const inside = {} as Target;
  const outside = {} as Target;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await handle.db.insert(users).values(
      ROLES.map((role) => ({
        username: `matrix_${role}`,
        displayName: role,
        passwordHash,
        role,
        regionCode: HOME,
      })),
    );
    for (const [target, county] of [
      [inside, HOME],
      [outside, AWAY],
    ] as const) {
      const [org] = await handle.db
        .select({ id: orgs.id, regionCode: orgs.regionCode, personId: orgs.secretaryId })
        .from(orgs)
        .where(
          and(
            between(orgs.regionCode, county, `${county.slice(0, 6)}999999`),
            isNotNull(orgs.secretaryId),
          ),
        )
        .orderBy(asc(orgs.id))
        .limit(1);
      const [leader] = await handle.db
        .select({
          villageId: povertyTeams.villageId,
          teamId: povertyTeams.id,
          memberId: povertyTeamMembers.id,
        })
        .from(povertyTeamMembers)
        .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
        .where(
          and(
            between(povertyTeams.regionCode, county, `${county.slice(0, 6)}999999`),
            eq(povertyTeamMembers.role, 'leader'),
          ),
        )
        .orderBy(asc(povertyTeams.id))
        .limit(1);
      Object.assign(target, {
        regionCode: defined(org).regionCode,
        orgId: defined(org).id,
        personId: defined(defined(org).personId),
        ...defined(leader),
      });
    }
    const targetUsers = await handle.db
      .insert(users)
      .values(
        [HOME, AWAY].map((regionCode) => ({
          username: `matrix_target_${regionCode}`,
          displayName: '矩阵目标账号',
          passwordHash,
          role: 'secretary' as const,
          regionCode,
        })),
      )
      .returning({ id: users.id, regionCode: users.regionCode });
    inside.userId = defined(targetUsers.find((u) => u.regionCode === HOME)).id;
    outside.userId = defined(targetUsers.find((u) => u.regionCode === AWAY)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const callers: (Role | 'anonymous')[] = ['anonymous', ...ROLES];

  describe.each(procedures)('$path', ({ path }) => {
    it.each(callers)(
      'as %s: allowed inside the region exactly when the table says so',
      async (role) => {
        const sample = SAMPLES[path];
        expect(sample, `${path} has no matrix sample`).toBeDefined();
        if (!sample) return;
        const api =
          role === 'anonymous'
            ? createCaller(createTestContext(handle))
            : (await callerAs(handle, `matrix_${role}`)).api;
        const result = await outcome(call(api, path, sample.input(inside)));
        const allowed = isAllowed(PERMISSIONS[path], role === 'anonymous' ? null : role);
        if (!allowed) {
          expect(result).toEqual({
            ok: false,
            code: role === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN',
          });
        } else if (!result.ok) {
          // Allowed, and the call is answered with a rule of the domain (a wrong password, a
          // record that does not exist, a township where a village is needed): never a refusal
          // of the role and never a server error.
          expect(ALLOWED_FAILURES).toContain(result.code);
        } else {
          // Answered: every matrix account and the target sit in HOME, so nothing of the
          // neighbouring county is in the answer (this also checks the procedures whose input
          // names no region: they act on the caller's own account or region).
          expect(serialize(result.value)).not.toMatch(AWAY_CODE);
        }
      },
    );

    // Procedures whose input names no region, org or person act on the caller's own account or
    // region: there is no "outside" to aim them at (their answers are checked above instead).
    if (SAMPLES[path]?.targeted) {
      it.each(ROLES)('as %s: nothing outside the region is read or written', async (role) => {
        const { api } = await callerAs(handle, `matrix_${role}`);
        const result = await outcome(call(api, path, SAMPLES[path]?.input(outside)));
        if (isAllowed(PERMISSIONS[path], role)) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.code);
        } else {
          expect(result).toEqual({ ok: false, code: 'FORBIDDEN' });
        }
      });
    }
  });

  it('row-level security hides other counties even from a query that forgets its filter', async () => {
    const { createTRPCRouter, scopedProcedure, createCallerFactory } = await import('./trpc');
    const { count } = await import('drizzle-orm');
    const leaky = createTRPCRouter({
      countAll: scopedProcedure.query(async ({ ctx }) => {
        const [row] = await ctx.db.select({ n: count() }).from(orgs);
        return row?.n ?? 0;
      }),
    });
    // Borrow an existing permission entry for the throwaway procedure's path check.
    PERMISSIONS['countAll'] = ['county_admin'];
    try {
      const { cookies } = await callerAs(handle, 'matrix_county_admin');
      const caller = createCallerFactory(leaky)(createTestContext(handle, { cookies }));
      const seen = await caller.countAll();
      const [inCounty] = await handle.db
        .select({ n: count() })
        .from(orgs)
        .where(between(orgs.regionCode, HOME, '430703999999'));
      const [all] = await handle.db.select({ n: count() }).from(orgs);
      expect(seen).toBe(inCounty?.n);
      expect(seen).toBeLessThan(all?.n ?? 0);
    } finally {
      delete PERMISSIONS['countAll'];
    }
  });

  it('a county admin cannot list, open or reveal anything of another county', async () => {
    const { api } = await callerAs(handle, 'matrix_county_admin');
    await expect(api.org.list({ regionCode: AWAY, page: 1, pageSize: 5 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `无权访问本辖区以外的区域（${AWAY}）`,
    });
    await expect(api.org.byId({ id: outside.orgId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.person.revealIdNumber({ personId: outside.personId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const own = await api.org.byId({ id: inside.orgId });
    expect(own.regionCode.startsWith('430703')).toBe(true);
    const [stillThere] = await handle.db.select().from(orgs).where(eq(orgs.id, outside.orgId));
    expect(stillThere).toBeDefined();
  });
});
