import { z } from 'zod';
import { daysBetween, fromDayNumber, quarterOf } from './dates';
import { fieldCategorySchema } from './orgs';
import type { FieldCategory } from './orgs';
import { REGION_KINDS, REGION_LEVELS } from './regions';
import type { RegionKind, RegionLevel } from './regions';
import { policyBasis } from './policy';
import type { PolicyBasis, PolicyKey, ResolvedPolicy } from './policy';
import { DomainError } from './errors';
import {
  countSchema,
  describeField,
  idSchema,
  isoDateSchema,
  parseInput,
  yearSchema,
} from './validation';
import type { IsoDate } from './validation';

/**
 * Governance routines and reviews: joint-meeting cadence (003 §1, 东组通〔2015〕34号), the annual
 * report-and-review of village/community secretaries (004; ratings 003 §6), term expiry (000 §8;
 * 002 §1(4)), demonstration-site targets (001 §10, 常委〔2012〕5号).
 */

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

export const MEETING_KINDS = ['team_joint', 'party_public_joint'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  team_joint: '班子联席会议',
  party_public_joint: '党群联席会议',
};

export const meetingCadenceInputSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    meetings: z.array(
      z.object({
        kind: z.enum(MEETING_KINDS),
        date: isoDateSchema,
        /** Party–public meetings: decisions published to all residents in writing (003 §1.2). */
        decisionsPublished: z.boolean().default(false),
        id: idSchema.optional(),
      }),
    ),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' });

/** Days since 1970-01-01 of a date already validated by its schema (no second validation). */
function fastDayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    86_400_000
  );
}

export interface MeetingCadenceResult {
  /** Whole Monday–Sunday weeks inside the period. */
  weeks: number;
  /** Start (Monday) of each whole week with fewer team meetings than required. */
  missedWeeks: IsoDate[];
  /** Whole calendar quarters inside the period, as "YYYY-Qn". */
  quarters: string[];
  missedQuarters: string[];
  /** Party–public meetings in the period whose decisions were not published in writing. */
  unpublishedDecisions: IsoDate[];
  policyVersion: string;
  basis: PolicyBasis[];
}

/**
 * Joint-meeting cadence (003 §1): the 班子联席会议 meets weekly (teamMeetingsPerWeekMin); the
 * 党群联席会议 at least once a quarter (partyPublicMeetingsPerQuarterMin) and publishes its
 * decisions in writing. Only whole weeks (Monday–Sunday) and whole calendar quarters inside
 * [from, to] are judged — a partial week or quarter at either end is not counted as missed.
 */
export function meetingCadence(
  input: z.input<typeof meetingCadenceInputSchema>,
  policy: ResolvedPolicy,
): MeetingCadenceResult {
  const p = parseInput(meetingCadenceInputSchema, input);
  const inPeriod = p.meetings.filter((m) => m.date >= p.from && m.date <= p.to);
  const team = inPeriod.filter((m) => m.kind === 'team_joint');
  const joint = inPeriod.filter((m) => m.kind === 'party_public_joint');

  // Day numbers of the (already validated) dates: the loops below run for every village of a
  // region, so they count in integers rather than re-parsing dates.
  const from = fastDayNumber(p.from);
  const to = fastDayNumber(p.to);
  const sinceMonday = (((from + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const firstMonday = sinceMonday === 0 ? from : from - sinceMonday + 7;
  const weeks = firstMonday + 6 <= to ? Math.floor((to - 6 - firstMonday) / 7) + 1 : 0;
  const heldPerWeek = new Array<number>(weeks).fill(0);
  for (const m of team) {
    const k = Math.floor((fastDayNumber(m.date) - firstMonday) / 7);
    if (k >= 0 && k < weeks) heldPerWeek[k] = (heldPerWeek[k] ?? 0) + 1;
  }
  const missedWeeks: IsoDate[] = heldPerWeek.flatMap((held, k) =>
    held < policy.values.teamMeetingsPerWeekMin ? [fromDayNumber(firstMonday + 7 * k)] : [],
  );

  const quarters: string[] = [];
  const missedQuarters: string[] = [];
  const firstYear = Number(p.from.slice(0, 4));
  const lastYear = Number(p.to.slice(0, 4));
  for (let y = firstYear; y <= lastYear; y += 1) {
    for (let q = 1; q <= 4; q += 1) {
      const start = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      const end = fromDayNumber(
        fastDayNumber(
          q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`,
        ) - 1,
      );
      if (start < p.from || end > p.to) continue;
      const label = `${y}-Q${q}`;
      quarters.push(label);
      const held = joint.filter((m) => m.date >= start && m.date <= end).length;
      if (held < policy.values.partyPublicMeetingsPerQuarterMin) missedQuarters.push(label);
    }
  }
  return {
    weeks,
    missedWeeks,
    quarters,
    missedQuarters,
    unpublishedDecisions: joint.filter((m) => !m.decisionsPublished).map((m) => m.date),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['teamMeetingsPerWeekMin', 'partyPublicMeetingsPerQuarterMin']),
  };
}

export const meetingRecordSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  meetingOn: isoDateSchema,
  attendeeCount: z.number().int().positive('参会人数应大于 0'),
  /** 集体决议: what the meeting decided (both meetings decide collectively, 003 §1.1, §1.2). */
  decisions: z.string().trim().min(1, '请填写决议事项'),
  /** Date the decisions were published in writing to all residents (null: not yet). */
  decisionsPublishedOn: isoDateSchema.nullable().default(null),
});

/**
 * A joint meeting as recorded (003 §1): held on or before `asOf` (no future meetings); its
 * collective decisions written down; a written publication of the decisions not before the
 * meeting nor after `asOf`. Only a Party–public meeting's decisions are published to all
 * residents (003 §1.2 经党群联席会议做出的决议，以书面形式向全体村（居）民进行公开); a publication date on
 * a team meeting is refused. Throws a DomainError naming the field.
 */
export function assertMeetingRecord(
  input: z.input<typeof meetingRecordSchema>,
  asOf: IsoDate,
): z.output<typeof meetingRecordSchema> {
  const m = parseInput(meetingRecordSchema, input);
  const today = parseInput(z.object({ asOf: isoDateSchema }), { asOf }).asOf;
  if (m.meetingOn > today) {
    throw new DomainError(
      'RULE_VIOLATION',
      'meetingOn',
      `${describeField(['meetingOn'])}：会议日期不能晚于今天（${today}）`,
    );
  }
  const published = m.decisionsPublishedOn;
  if (published !== null) {
    if (m.kind !== 'party_public_joint') {
      throw new DomainError(
        'RULE_VIOLATION',
        'decisionsPublishedOn',
        `${describeField(['decisionsPublishedOn'])}：只有党群联席会议的决议需向全体村（居）民书面公开`,
      );
    }
    if (published < m.meetingOn || published > today) {
      throw new DomainError(
        'RULE_VIOLATION',
        'decisionsPublishedOn',
        `${describeField(['decisionsPublishedOn'])}：公开日期应在会议（${m.meetingOn}）之后、今天（${today}）之前`,
      );
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Report-and-review (述职评议)
// ---------------------------------------------------------------------------------------------

/** Participant types of the review meeting (004 §2). */
export const REVIEW_PARTICIPANT_TYPES = [
  'party_congress_deputy',
  'npc_deputy',
  'cppcc_member',
  'member_cadre',
  'public_rep',
] as const;
export type ReviewParticipantType = (typeof REVIEW_PARTICIPANT_TYPES)[number];
export const REVIEW_PARTICIPANT_LABELS: Record<ReviewParticipantType, string> = {
  party_congress_deputy: '党代会代表',
  npc_deputy: '人大代表',
  cppcc_member: '政协委员',
  member_cadre: '基层党员干部',
  public_rep: '群众代表',
};

/** The six content areas of the report (004 §1). */
export const REVIEW_CONTENT_AREAS = [
  'first_responsibility',
  'rectification_and_team',
  'service_oriented_org',
  'member_management',
  'funding_and_facilities',
  'next_steps',
] as const;
export type ReviewContentArea = (typeof REVIEW_CONTENT_AREAS)[number];
export const REVIEW_CONTENT_LABELS: Record<ReviewContentArea, string> = {
  first_responsibility: '履行第一责任人职责及问题整改',
  rectification_and_team: '整顿软弱涣散党组织、班子建设、民主管理',
  service_oriented_org: '服务型党组织建设、结对帮扶',
  member_management: '党员教育管理、组织生活',
  funding_and_facilities: '投入保障：经费、场所、服务群众专项经费',
  next_steps: '加强基层党组织建设的思路、重点和措施',
};

export const reviewMeetingInputSchema = z.object({
  year: yearSchema,
  meetingOn: isoDateSchema,
  participants: z.object(
    Object.fromEntries(REVIEW_PARTICIPANT_TYPES.map((t) => [t, countSchema])) as Record<
      ReviewParticipantType,
      typeof countSchema
    >,
  ),
  report: z.object({
    submittedOn: isoDateSchema,
    reviewedBy: z.enum(['township_secretary', 'other']).nullable(),
    reviewedOn: isoDateSchema.nullable(),
    contentAreas: z.array(z.enum(REVIEW_CONTENT_AREAS)).default([...REVIEW_CONTENT_AREAS]),
  }),
  feedbackOn: isoDateSchema.nullable(),
});

export type ReviewIssue =
  | 'wrong_year'
  | 'not_in_required_quarter'
  | 'too_few_participants'
  | 'report_not_reviewed_by_township_secretary'
  | 'report_reviewed_after_meeting'
  | 'report_missing_content'
  | 'no_feedback'
  | 'feedback_before_meeting';
export const REVIEW_ISSUE_LABELS: Record<ReviewIssue, string> = {
  wrong_year: '会议不在本年度',
  not_in_required_quarter: '会议不在规定季度（第四季度）',
  too_few_participants: '参会人员少于规定人数',
  report_not_reviewed_by_township_secretary: '述职报告未经镇党委书记审阅',
  report_reviewed_after_meeting: '述职报告审阅晚于述职会议',
  report_missing_content: '述职报告缺少规定内容',
  no_feedback: '未向村党组织反馈评议结果',
  feedback_before_meeting: '反馈早于述职会议',
};

export interface ReviewMeetingCheck {
  valid: boolean;
  issues: ReviewIssue[];
  totalParticipants: number;
  /** Participant types with nobody present (a warning; the notice sets no per-type minimum). */
  missingTypes: ReviewParticipantType[];
  missingContent: ReviewContentArea[];
  policyVersion: string;
  basis: PolicyBasis[];
}

export const reviewScheduleInputSchema = reviewMeetingInputSchema.pick({
  year: true,
  meetingOn: true,
  participants: true,
});

export type ReviewScheduleIssue = Extract<
  ReviewIssue,
  'wrong_year' | 'not_in_required_quarter' | 'too_few_participants'
>;

export interface ReviewScheduleCheck {
  valid: boolean;
  issues: ReviewScheduleIssue[];
  totalParticipants: number;
  minParticipants: number;
  /** The quarter the meeting must be held in (reviewQuarter) and its first and last day. */
  quarter: number;
  quarterFrom: IsoDate;
  quarterTo: IsoDate;
  missingTypes: ReviewParticipantType[];
  policyVersion: string;
  basis: PolicyBasis[];
}

const QUARTER_NAMES = ['', '第一', '第二', '第三', '第四'] as const;
const QUARTER_LAST_DAY = ['', '03-31', '06-30', '09-30', '12-31'] as const;

/**
 * The meeting part of the report-and-review rules (004), checkable when the meeting is scheduled
 * and again when it is held: in the year under review, in its required quarter (reviewQuarter,
 * Q4 — 004 §4 今后每年第四季度), with at least reviewMinParticipants participants (80 — 004 §2
 * 参会人员不少于80人) counted over the five participant types.
 */
export function checkReviewSchedule(
  input: z.input<typeof reviewScheduleInputSchema>,
  policy: ResolvedPolicy,
): ReviewScheduleCheck {
  const p = parseInput(reviewScheduleInputSchema, input);
  const issues: ReviewScheduleIssue[] = [];
  const quarter = policy.values.reviewQuarter;
  if (Number(p.meetingOn.slice(0, 4)) !== p.year) issues.push('wrong_year');
  if (quarterOf(p.meetingOn) !== quarter) issues.push('not_in_required_quarter');
  const totalParticipants = REVIEW_PARTICIPANT_TYPES.reduce((t, k) => t + p.participants[k], 0);
  const minParticipants = policy.values.reviewMinParticipants;
  if (totalParticipants < minParticipants) issues.push('too_few_participants');
  return {
    valid: issues.length === 0,
    issues,
    totalParticipants,
    minParticipants,
    quarter,
    quarterFrom: `${p.year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`,
    quarterTo: `${p.year}-${QUARTER_LAST_DAY[quarter]}`,
    missingTypes: REVIEW_PARTICIPANT_TYPES.filter((t) => p.participants[t] === 0),
    policyVersion: policy.version,
    basis: policyBasis(policy, ['reviewQuarter', 'reviewMinParticipants'] satisfies PolicyKey[]),
  };
}

/**
 * checkReviewSchedule as a gate: throws a DomainError (RULE_VIOLATION) naming the field —
 * `meetingOn` for a date outside the year or the required quarter, `participants` for too few
 * participants ("参会人数（participants）：述职评议参会人员不少于 80 人，当前 79 人").
 */
export function assertReviewSchedule(
  input: z.input<typeof reviewScheduleInputSchema>,
  policy: ResolvedPolicy,
): ReviewScheduleCheck {
  const check = checkReviewSchedule(input, policy);
  const { year, meetingOn } = parseInput(reviewScheduleInputSchema, input);
  if (check.issues.includes('wrong_year') || check.issues.includes('not_in_required_quarter')) {
    throw new DomainError(
      'RULE_VIOLATION',
      'meetingOn',
      `${describeField(['meetingOn'])}：述职评议应在 ${year} 年${QUARTER_NAMES[check.quarter]}季度（${check.quarterFrom} 至 ${check.quarterTo}）召开，当前为 ${meetingOn}`,
    );
  }
  if (check.issues.includes('too_few_participants')) {
    throw new DomainError(
      'RULE_VIOLATION',
      'participants',
      `${describeField(['participants'])}：述职评议参会人员不少于 ${check.minParticipants} 人，当前 ${check.totalParticipants} 人`,
    );
  }
  return check;
}

/**
 * Validity of a secretaries' report-and-review meeting (004): held in Q4 of the year
 * (reviewQuarter, 004 §4); at least 80 participants (reviewMinParticipants, 004 §2) drawn from
 * Party congress deputies, NPC deputies, CPPCC members, member cadres and public
 * representatives; steps in order — preparation (written report reviewed by the township
 * secretary, before the meeting) → meeting → feedback to the village org; the report covers the
 * six content areas (004 §1).
 */
export function checkReviewMeeting(
  input: z.input<typeof reviewMeetingInputSchema>,
  policy: ResolvedPolicy,
): ReviewMeetingCheck {
  const p = parseInput(reviewMeetingInputSchema, input);
  const schedule = checkReviewSchedule(p, policy);
  const issues: ReviewIssue[] = [...schedule.issues];
  const totalParticipants = schedule.totalParticipants;
  if (p.report.reviewedBy !== 'township_secretary' || p.report.reviewedOn === null)
    issues.push('report_not_reviewed_by_township_secretary');
  else if (p.report.reviewedOn > p.meetingOn) issues.push('report_reviewed_after_meeting');
  const missingContent = REVIEW_CONTENT_AREAS.filter((a) => !p.report.contentAreas.includes(a));
  if (missingContent.length > 0) issues.push('report_missing_content');
  if (p.feedbackOn === null) issues.push('no_feedback');
  else if (p.feedbackOn < p.meetingOn) issues.push('feedback_before_meeting');
  return {
    valid: issues.length === 0,
    issues,
    totalParticipants,
    missingTypes: schedule.missingTypes,
    missingContent,
    policyVersion: policy.version,
    basis: policyBasis(policy, ['reviewQuarter', 'reviewMinParticipants'] satisfies PolicyKey[]),
  };
}

export const REVIEW_RATINGS = ['excellent', 'qualified', 'unqualified'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];
export const REVIEW_RATING_LABELS: Record<ReviewRating, string> = {
  excellent: '优秀',
  qualified: '合格',
  unqualified: '不合格',
};
export const reviewRatingSchema = z.enum(REVIEW_RATINGS);

export type ReviewAction =
  'announce' | 'consider_for_selection' | 'written_reminder' | 'admonition_talk';
export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  announce: '逐级通报名单',
  consider_for_selection: '特别优秀的与选拔任用干部结合',
  written_reminder: '书面提醒',
  admonition_talk: '诫勉谈话',
};

/**
 * Consequences of a review rating (003 §6): 优秀 and 合格 are announced level by level (outstanding
 * ones are considered for selection); 不合格 → the upper-level committee gives a written reminder
 * or an admonition talk (either; `options`).
 */
export function reviewConsequences(rating: ReviewRating): {
  required: ReviewAction[];
  options: ReviewAction[];
} {
  const r = parseInput(z.object({ rating: reviewRatingSchema }), { rating }).rating;
  if (r === 'excellent') return { required: ['announce'], options: ['consider_for_selection'] };
  if (r === 'qualified') return { required: ['announce'], options: [] };
  return { required: [], options: ['written_reminder', 'admonition_talk'] };
}

/** The consequences the upper-level committee may give a 不合格 secretary (003 §6). */
export const REVIEW_CONSEQUENCES = ['written_reminder', 'admonition_talk'] as const;
export type ReviewConsequence = (typeof REVIEW_CONSEQUENCES)[number];
export const reviewConsequenceSchema = z.enum(REVIEW_CONSEQUENCES);

/**
 * The consequence recorded for a rating (003 §6 对考核不合格的，由上一级党委及其组织部门对其进行书面提醒、
 * 诫勉谈话): a 不合格 secretary must have one of reviewConsequences('unqualified').options — a
 * written reminder or an admonition talk — before the result is fed back (004 §2(三)); a 优秀 or
 * 合格 secretary has none. Throws a DomainError (RULE_VIOLATION) naming `consequence`.
 */
export function assertReviewConsequence(
  rating: ReviewRating,
  consequence: ReviewConsequence | null,
): void {
  const options = reviewConsequences(rating).options;
  const c = parseInput(z.object({ consequence: reviewConsequenceSchema.nullable() }), {
    consequence,
  }).consequence;
  const label = describeField(['consequence']);
  if (rating === 'unqualified' && c === null) {
    throw new DomainError(
      'RULE_VIOLATION',
      'consequence',
      `${label}：评议为“不合格”的书记，须先由上一级党委作出书面提醒或诫勉谈话并登记，才能反馈结果`,
    );
  }
  if (c !== null && !options.includes(c)) {
    throw new DomainError(
      'RULE_VIOLATION',
      'consequence',
      `${label}：只有评议为“不合格”的书记才作${REVIEW_ACTION_LABELS[c]}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Terms
// ---------------------------------------------------------------------------------------------

export const termInputSchema = z.object({
  orgId: idSchema,
  category: fieldCategorySchema,
  termEnd: isoDateSchema,
  /** The org is listed as soft and lax this year. */
  softAndLax: z.boolean().default(false),
  /** Its election was postponed to rectify first (002 §1). */
  electionPostponed: z.boolean().default(false),
});

export type TermStatus = 'current' | 'overdue' | 'postponed';
export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  current: '届期内',
  overdue: '逾期未换届',
  postponed: '整顿期间推迟换届',
};

export interface TermCheck {
  orgId: string;
  status: TermStatus;
  /** Days past the term end (0 when not past). */
  daysPastEnd: number;
}

/**
 * Term status (按期换届, 000 §8; 长期不换届 is criterion (4) of 002 §1): past its term end an org is
 * 'overdue' — unless it is a soft-and-lax village org whose election was postponed to rectify
 * first (002 §1), which is 'postponed', not overdue. A postponement recorded for any other org
 * does not excuse it. The term end day itself is still within the term.
 */
export function termStatus(input: z.input<typeof termInputSchema>, asOf: IsoDate): TermCheck {
  const t = parseInput(termInputSchema, input);
  const day = parseInput(z.object({ asOf: isoDateSchema }), { asOf }).asOf;
  const past = Math.max(0, daysBetween(t.termEnd, day));
  if (past === 0) return { orgId: t.orgId, status: 'current', daysPastEnd: 0 };
  const excused = t.electionPostponed && t.softAndLax && t.category === 'rural';
  return { orgId: t.orgId, status: excused ? 'postponed' : 'overdue', daysPastEnd: past };
}

/** Term checks of many orgs; returns only those not 'current'. */
export function overdueTerms(
  orgs: readonly z.input<typeof termInputSchema>[],
  asOf: IsoDate,
): TermCheck[] {
  const parsed = parseInput(z.object({ orgs: z.array(termInputSchema) }), { orgs }).orgs;
  return parsed.map((o) => termStatus(o, asOf)).filter((t) => t.status !== 'current');
}

// ---------------------------------------------------------------------------------------------
// Demonstration sites
// ---------------------------------------------------------------------------------------------

export const DEMO_CATEGORIES = [
  'county',
  'township',
  'street',
  'village',
  'community',
  'organ',
  'institution',
  'soe',
  'non_public',
  'social_org',
] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];
export const DEMO_CATEGORY_LABELS: Record<DemoCategory, string> = {
  county: '示范县',
  township: '示范乡镇',
  street: '示范街道',
  village: '示范村',
  community: '示范社区',
  organ: '示范机关单位',
  institution: '示范事业单位',
  soe: '示范国有企业',
  non_public: '示范非公企业',
  social_org: '示范社会组织',
};
const DEMO_KEYS = {
  county: 'demoTargetCounty',
  township: 'demoTargetTownship',
  street: 'demoTargetStreet',
  village: 'demoTargetVillage',
  community: 'demoTargetCommunity',
  organ: 'demoTargetOrgan',
  institution: 'demoTargetInstitution',
  soe: 'demoTargetSoe',
  non_public: 'demoTargetNonPublic',
  social_org: 'demoTargetSocialOrg',
} as const satisfies Record<DemoCategory, PolicyKey>;

/** What a demonstration site is: a region (county, township, village…) or a Party organisation. */
export const demoSiteSubjectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('region'),
    name: z.string(),
    level: z.enum(REGION_LEVELS),
    regionKind: z.enum(REGION_KINDS).nullable(),
  }),
  z.object({ type: z.literal('org'), name: z.string(), category: fieldCategorySchema }),
]);
export type DemoSiteSubject = z.input<typeof demoSiteSubjectSchema>;

/** Field categories of the org-type demonstration sites (001 §10; 事业单位 = schools, health, others). */
const DEMO_ORG_CATEGORIES: Partial<Record<DemoCategory, readonly FieldCategory[]>> = {
  organ: ['organ'],
  institution: ['school', 'health', 'public_institution'],
  soe: ['soe'],
  non_public: ['non_public'],
  social_org: ['social_org'],
};
const DEMO_REGIONS: Partial<
  Record<DemoCategory, { level: RegionLevel; kinds: readonly (RegionKind | null)[] }>
> = {
  county: { level: 'county', kinds: [null] },
  township: { level: 'township', kinds: ['town', 'other'] },
  street: { level: 'township', kinds: ['street'] },
  village: { level: 'village', kinds: ['village'] },
  community: { level: 'village', kinds: ['community'] },
};
/** What each category must be, for the refusal message. */
const DEMO_SUBJECT_LABELS: Record<DemoCategory, string> = {
  county: '县（市、区）',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  organ: '机关党组织',
  institution: '事业单位（学校、医疗卫生单位、其他事业单位）党组织',
  soe: '国有企业党组织',
  non_public: '非公有制企业党组织',
  social_org: '社会组织党组织',
};

/**
 * A designated site must be of its category (001 §10 三级联创 and the per-category targets): a
 * 示范县 is a county, a 示范乡镇 a township (乡镇), a 示范街道 a street (街道), a 示范村 a village
 * (村), a 示范社区 a community (社区); the other categories are Party organisations of the matching
 * field — 机关 organ, 事业单位 school / health / other public institution, 国有企业 SOE, 非公企业
 * non-public enterprise, 社会组织 social organisation. Throws a DomainError (RULE_VIOLATION)
 * naming `demoCategory`.
 */
export function assertDemoSiteSubject(category: DemoCategory, subject: DemoSiteSubject): void {
  const p = parseInput(
    z.object({ demoCategory: z.enum(DEMO_CATEGORIES), subject: demoSiteSubjectSchema }),
    { demoCategory: category, subject },
  );
  const label = DEMO_CATEGORY_LABELS[p.demoCategory];
  const orgCategories = DEMO_ORG_CATEGORIES[p.demoCategory];
  const region = DEMO_REGIONS[p.demoCategory];
  const s = p.subject;
  const fits = orgCategories
    ? s.type === 'org' && orgCategories.includes(s.category)
    : s.type === 'region' &&
      region !== undefined &&
      s.level === region.level &&
      region.kinds.includes(s.regionKind);
  if (!fits) {
    throw new DomainError(
      'RULE_VIOLATION',
      'demoCategory',
      `${describeField(['demoCategory'])}：${label}应为${DEMO_SUBJECT_LABELS[p.demoCategory]}，「${s.name}」不是`,
    );
  }
}

export const demoSitesInputSchema = z.object({
  counts: z.partialRecord(z.enum(DEMO_CATEGORIES), countSchema),
});

/**
 * Demonstration sites against the per-category targets (001 §10: 1 county, 25 townships,
 * 2 streets, 130 villages, 21 communities, 45 organs, 75 institutions, 30 SOEs, 75 non-public
 * enterprises, 15 social organisations). A category not given counts 0.
 */
export function checkDemonstrationSites(
  input: z.input<typeof demoSitesInputSchema>,
  policy: ResolvedPolicy,
) {
  const { counts } = parseInput(demoSitesInputSchema, input);
  const lines = DEMO_CATEGORIES.map((category) => {
    const target = policy.values[DEMO_KEYS[category]];
    const actual = counts[category] ?? 0;
    return {
      category,
      label: DEMO_CATEGORY_LABELS[category],
      target,
      actual,
      shortfall: Math.max(0, target - actual),
    };
  });
  return {
    lines,
    totalTarget: lines.reduce((t, l) => t + l.target, 0),
    totalActual: lines.reduce((t, l) => t + l.actual, 0),
    met: lines.every((l) => l.shortfall === 0),
    policyVersion: policy.version,
    basis: policyBasis(
      policy,
      DEMO_CATEGORIES.map((c) => DEMO_KEYS[c]),
    ),
  };
}
