import {
  DEMO_CATEGORIES,
  ENTERPRISE_KINDS,
  MEETING_KINDS,
  MEMBER_DEV_STAGES,
} from '@dangjian/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { educationLevel, gender, orgs, people } from './orgs';
import { regions } from './regions';

/**
 * Organisation life (组织生活): the duties a county is checked on at year end besides grading —
 * Party coverage of non-public enterprises and social organisations (001 §2), member development
 * with its quota, structure and two-year rule (001 §11), the joint meetings (003 §1) and the
 * demonstration sites (001 §10). Reserve cadres and secretary appointments live in training.ts
 * (reserve_cadres, secretary_appointments). Every row carries a region code for scope filters and
 * row-level security: drizzle/*_orglife_security.sql.
 */

export const enterpriseKind = pgEnum('enterprise_kind', ENTERPRISE_KINDS);
export const memberDevUnitKind = pgEnum('member_dev_unit_kind', ['county', 'university']);
export const memberDevStage = pgEnum('member_dev_stage', MEMBER_DEV_STAGES);
export const orgMeetingKind = pgEnum('org_meeting_kind', MEETING_KINDS);
export const demoCategory = pgEnum('demo_category', DEMO_CATEGORIES);

/**
 * A non-public enterprise or social organisation with its employees and Party members (001 §2),
 * and how it is covered: its own Party org, a joint org (联合组建), a trade union. `regionCode` is
 * where it is registered (township or village).
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: enterpriseKind().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    employees: integer().notNull(),
    memberCount: integer().notNull().default(0),
    hasUnion: boolean().notNull().default(false),
    ownOrgId: integer().references(() => orgs.id),
    jointOrgId: integer().references(() => orgs.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enterprises_region_code_idx').on(t.regionCode, t.id),
    index('enterprises_own_org_idx').on(t.ownOrgId),
    index('enterprises_joint_org_idx').on(t.jointOrgId),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('enterprises_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    check('enterprises_counts', sql`${t.employees} >= 0 AND ${t.memberCount} >= 0`),
  ],
);

/**
 * Party-building instructors (党建工作指导员) assigned to enterprises, one per enterprise (一企一员,
 * 001 §2): the partial unique index allows one current assignment per enterprise; a replaced
 * instructor keeps the row with its end date.
 */
export const enterpriseInstructors = pgTable(
  'enterprise_instructors',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer()
      .notNull()
      .references(() => enterprises.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    regionCode: varchar({ length: 12 }).notNull(),
    /** The instructor's own unit (the organ or institution that sent them). */
    unit: text().notNull(),
    assignedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
  },
  (t) => [
    uniqueIndex('enterprise_instructors_current_key')
      .on(t.enterpriseId)
      .where(sql`${t.endedOn} IS NULL`),
    index('enterprise_instructors_region_idx').on(t.regionCode),
    index('enterprise_instructors_person_idx').on(t.personId),
    check(
      'enterprise_instructors_dates',
      sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.assignedOn}`,
    ),
  ],
);

/**
 * The units member development is controlled by (001 §11 以县一级党委、高校党委为单位): each county
 * Party committee, and university Party committees (at the county they are in).
 */
export const memberDevUnits = pgTable(
  'member_dev_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    kind: memberDevUnitKind().notNull(),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('member_dev_units_region_kind_name_key').on(t.regionCode, t.kind, t.name)],
);

/** A unit's yearly development plan (指导计划) and, when exceeded, the date it was reported. */
export const memberDevQuotas = pgTable(
  'member_dev_quotas',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => memberDevUnits.id),
    regionCode: varchar({ length: 12 }).notNull(),
    year: smallint().notNull(),
    quota: integer().notNull(),
    excessReportedOn: date({ mode: 'string' }),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('member_dev_quotas_unit_year_key').on(t.unitId, t.year),
    index('member_dev_quotas_region_year_idx').on(t.regionCode, t.year),
    check('member_dev_quotas_quota', sql`${t.quota} >= 0`),
  ],
);

/**
 * A person on the way to membership, from application to full membership, with the date of each
 * step: the branch's development ledger (发展党员台账), holding only what the rules need (name,
 * gender, birth date, education) rather than a managed person with contact details. `admittedOn` (接收为预备党员) is when the member counts as developed (quota, structure,
 * two-year rule); `preFiledOn` when a rural exception was filed with the city (001 §11).
 * `regionCode` is the developing org's region.
 */
export const memberCandidates = pgTable(
  'member_candidates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    gender: gender().notNull(),
    birthDate: date({ mode: 'string' }).notNull(),
    education: educationLevel().notNull(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    unitId: integer()
      .notNull()
      .references(() => memberDevUnits.id),
    regionCode: varchar({ length: 12 }).notNull(),
    stage: memberDevStage().notNull(),
    appliedOn: date({ mode: 'string' }).notNull(),
    activistOn: date({ mode: 'string' }),
    candidateOn: date({ mode: 'string' }),
    admittedOn: date({ mode: 'string' }),
    fullOn: date({ mode: 'string' }),
    preFiledOn: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('member_candidates_region_admitted_idx').on(t.regionCode, t.admittedOn),
    index('member_candidates_org_idx').on(t.orgId, t.admittedOn),
    index('member_candidates_unit_idx').on(t.unitId, t.admittedOn),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('member_candidates_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    check(
      'member_candidates_stage_dates',
      sql`(${t.stage} = 'applicant' OR ${t.activistOn} IS NOT NULL)
        AND (${t.stage} IN ('applicant', 'activist') OR ${t.candidateOn} IS NOT NULL)
        AND (${t.stage} NOT IN ('probationary', 'full') OR ${t.admittedOn} IS NOT NULL)
        AND (${t.stage} <> 'full' OR ${t.fullOn} IS NOT NULL)`,
    ),
  ],
);

/**
 * A joint meeting of a village/community org (003 §1): 班子联席会议 weekly, 党群联席会议 at least
 * quarterly with its decisions published in writing. `regionCode` is the org's region.
 */
export const orgMeetings = pgTable(
  'org_meetings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    regionCode: varchar({ length: 12 }).notNull(),
    kind: orgMeetingKind().notNull(),
    meetingOn: date({ mode: 'string' }).notNull(),
    convener: text().notNull(),
    attendees: text().notNull(),
    attendeeCount: integer().notNull(),
    topics: text().notNull(),
    decisions: text().notNull(),
    decisionsPublishedOn: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_meetings_region_date_idx').on(t.regionCode, t.meetingOn),
    index('org_meetings_org_date_idx').on(t.orgId, t.meetingOn),
    check('org_meetings_attendees', sql`${t.attendeeCount} > 0`),
    check(
      'org_meetings_published',
      sql`${t.decisionsPublishedOn} IS NULL OR (${t.kind} = 'party_public_joint' AND ${t.decisionsPublishedOn} >= ${t.meetingOn})`,
    ),
  ],
);

/**
 * A designated demonstration site (示范点, 001 §10) for a year: a region (示范县, 乡镇, 街道, 村,
 * 社区) or a Party org (机关, 事业单位, 国企, 非公企业, 社会组织). A revoked designation keeps its row.
 */
export const demoSites = pgTable(
  'demo_sites',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: smallint().notNull(),
    category: demoCategory().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    orgId: integer().references(() => orgs.id),
    name: text().notNull(),
    designatedOn: date({ mode: 'string' }).notNull(),
    revokedOn: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('demo_sites_region_year_idx').on(t.regionCode, t.year),
    uniqueIndex('demo_sites_region_key')
      .on(t.year, t.category, t.regionCode)
      .where(sql`${t.orgId} IS NULL AND ${t.revokedOn} IS NULL`),
    uniqueIndex('demo_sites_org_key')
      .on(t.year, t.category, t.orgId)
      .where(sql`${t.orgId} IS NOT NULL AND ${t.revokedOn} IS NULL`),
  ],
);

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type MemberCandidateRow = typeof memberCandidates.$inferSelect;
export type OrgMeetingRow = typeof orgMeetings.$inferSelect;
export type DemoSiteRow = typeof demoSites.$inferSelect;
