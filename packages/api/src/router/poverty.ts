import { defined, inRegion, likeContains, type Database } from '@dangjian/db';
import {
  orgs,
  poorVillages,
  povertyAssessments,
  povertyTeamMembers,
  povertyTeams,
  povertyWorkLogs,
  regions,
  users,
  villageCollectiveIncome,
} from '@dangjian/db/schema';
import {
  ACTIVITY_WINDOW_DAYS,
  addDays,
  isRegisteredIn,
  chinaToday,
  checkTeamCoverage,
  collectiveIncomeTrend,
  countSchema,
  fenSchema,
  isoDateSchema,
  pagingSchema,
  phoneFor,
  regionCodeSchema,
  regionLevelOf,
  summarizePovertyByRegion,
  TEAM_ASSESSMENT_RATINGS,
  teamAssessmentConsequences,
  teamTaskAreaSchema,
  villageProgress,
  yearSchema,
  type TeamCoverageResult,
} from '@dangjian/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { buildPovertyWorkbook } from '../xlsx/poverty-sheet';
import { bad, notFound } from '../errors';
import { idSchema, labelledText, optionalText, PHONE_PATTERN } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { childLevelOf, requireRegion } from '../queries/region';

/**
 * Resident help for registered poor villages (驻村帮扶, 000 §4): the register with baseline and
 * status over time, resident teams (the leader serves as the village's 第一书记), the work log in
 * the four areas, collective income year by year, the yearly assessment with its consequences,
 * coverage gaps and the per-county overview. Rules: @dangjian/domain poverty.ts.
 */

const MAX_HOUSEHOLDS = 1_000_000;

const figuresSchema = z
  .object({
    identifiedYear: yearSchema,
    helpedBy: z.enum(['city', 'county']),
    households: countSchema.max(MAX_HOUSEHOLDS),
    poorHouseholds: countSchema.max(MAX_HOUSEHOLDS),
    poorPeople: countSchema.max(MAX_HOUSEHOLDS * 10),
    baselineIncomeFen: fenSchema,
  })
  .superRefine((v, ctx) => {
    if (v.poorHouseholds > v.households)
      ctx.addIssue({
        code: 'custom',
        path: ['poorHouseholds'],
        message: `贫困户数（${v.poorHouseholds}）不能多于总户数（${v.households}）`,
      });
    if (v.poorPeople < v.poorHouseholds)
      ctx.addIssue({
        code: 'custom',
        path: ['poorPeople'],
        message: `贫困人口（${v.poorPeople}）不能少于贫困户数（${v.poorHouseholds}）`,
      });
  });

const memberSchema = z.object({
  name: labelledText('姓名', 50),
  post: optionalText('职务', 50),
  phone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, '应为手机号或固定电话')
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  role: z.enum(['leader', 'member']),
  /** The leader is appointed the village Party org's 第一书记. */
  firstSecretary: z.boolean().default(false),
  userId: idSchema.nullish().transform((v) => v ?? null),
  fromDate: isoDateSchema.nullish().transform((v) => v ?? null),
});

/** The village if the caller sees it (row-level security hides the others). */
async function requireVillage(db: Database, villageId: number, lock = false) {
  const q = db
    .select({
      id: poorVillages.id,
      regionCode: poorVillages.regionCode,
      orgId: poorVillages.orgId,
      name: regions.name,
      identifiedYear: poorVillages.identifiedYear,
      helpedBy: poorVillages.helpedBy,
      households: poorVillages.households,
      poorHouseholds: poorVillages.poorHouseholds,
      poorPeople: poorVillages.poorPeople,
      baselineIncomeFen: poorVillages.baselineIncomeFen,
      exitedYear: poorVillages.exitedYear,
    })
    .from(poorVillages)
    .innerJoin(regions, eq(regions.code, poorVillages.regionCode))
    .where(eq(poorVillages.id, villageId));
  const [row] = await (lock ? q.for('update', { of: poorVillages }) : q);
  return row ?? notFound('贫困村');
}

async function requireTeam(db: Database, teamId: number) {
  const [row] = await db
    .select()
    .from(povertyTeams)
    .where(eq(povertyTeams.id, teamId))
    .for('update');
  return row ?? notFound('驻村工作队');
}

/** The team in the village now (not withdrawn), if any. */
async function currentTeam(db: Database, villageId: number) {
  const [row] = await db
    .select()
    .from(povertyTeams)
    .where(and(eq(povertyTeams.villageId, villageId), isNull(povertyTeams.endDate)))
    .orderBy(desc(povertyTeams.startDate))
    .limit(1);
  return row ?? null;
}

type MemberInput = z.output<typeof memberSchema>;

/**
 * The rows for new members of a team in village `v`: only the leader serves as first secretary,
 * which needs the village's Party org; a linked account must be a team-member account bound to
 * the village (checked for all members in one query).
 */
async function memberRows(
  db: Database,
  v: { name: string; regionCode: string; orgId: number | null },
  teamId: number,
  members: readonly MemberInput[],
  defaultFrom: string,
) {
  if (members.some((m) => m.firstSecretary && m.role !== 'leader'))
    bad('队员：只有队长担任村党组织第一书记');
  if (members.some((m) => m.firstSecretary) && v.orgId === null)
    bad(`「${v.name}」尚无村党组织记录，无法任命第一书记`);
  const userIds = members.flatMap((m) => (m.userId === null ? [] : [m.userId]));
  if (userIds.length > 0) {
    const [ok] = await db
      .select({ n: count() })
      .from(users)
      .where(
        and(
          inArray(users.id, userIds),
          eq(users.role, 'team_member'),
          eq(users.regionCode, v.regionCode),
        ),
      );
    if ((ok?.n ?? 0) !== new Set(userIds).size) bad('账号：只能关联本村的驻村工作队员账号');
  }
  return members.map((m) => ({
    teamId,
    regionCode: v.regionCode,
    name: m.name,
    post: m.post,
    phone: m.phone,
    role: m.role,
    firstSecretaryOrgId: m.firstSecretary ? v.orgId : null,
    userId: m.userId,
    fromDate: m.fromDate ?? defaultFrom,
  }));
}

/** Current member rows of each team, leader first. */
const currentMembers = (db: Database, where: SQL | undefined) =>
  db
    .select()
    .from(povertyTeamMembers)
    .where(and(where, isNull(povertyTeamMembers.toDate)))
    .orderBy(
      asc(povertyTeamMembers.teamId),
      desc(povertyTeamMembers.role),
      asc(povertyTeamMembers.id),
    );

const township = alias(regions, 'township');
const county = alias(regions, 'county');

/**
 * One row per registered village with its current team and leader, in region code order: the
 * input of coverage and the overview (one statement; the region prefix uses the index).
 */
function villageStatus(db: Database, where: SQL | undefined, asOf: string) {
  const windowFrom = addDays(asOf, -(ACTIVITY_WINDOW_DAYS - 1));
  return db
    .select({
      id: poorVillages.id,
      regionCode: poorVillages.regionCode,
      name: regions.name,
      townshipName: township.name,
      countyName: county.name,
      orgId: poorVillages.orgId,
      identifiedYear: poorVillages.identifiedYear,
      helpedBy: poorVillages.helpedBy,
      exitedYear: poorVillages.exitedYear,
      teamId: sql<number | null>`t.id`.as('team_id'),
      unit: sql<string | null>`t.unit`.as('team_unit'),
      leaderId: sql<number | null>`l.id`.as('leader_id'),
      leaderName: sql<string | null>`l.name`.as('leader_name'),
      leaderFirstSecretary: sql<boolean>`coalesce(l.first_secretary_org_id is not null, false)`.as(
        'leader_first_secretary',
      ),
      recentEntries: sql<number>`(select count(*)::int from ${povertyWorkLogs} w
        where w.village_id = ${poorVillages.id} and w.date between ${windowFrom} and ${asOf})`.as(
        'recent_entries',
      ),
      lastLogDate: sql<string | null>`(select max(w.date)::text from ${povertyWorkLogs} w
        where w.village_id = ${poorVillages.id})`.as('last_log_date'),
    })
    .from(poorVillages)
    .innerJoin(regions, eq(regions.code, poorVillages.regionCode))
    .leftJoin(township, eq(township.code, regions.parentCode))
    .leftJoin(county, eq(county.code, township.parentCode))
    .leftJoin(
      sql`lateral (select id, unit from ${povertyTeams} pt where pt.village_id = ${poorVillages.id}
        and pt.end_date is null order by pt.start_date desc, pt.id desc limit 1) t`,
      sql`true`,
    )
    .leftJoin(
      sql`lateral (select id, name, first_secretary_org_id from ${povertyTeamMembers} m
        where m.team_id = t.id and m.role = 'leader' and m.to_date is null limit 1) l`,
      sql`true`,
    )
    .where(where)
    .orderBy(asc(poorVillages.regionCode))
    .$dynamic();
}

type VillageStatusRow = Awaited<ReturnType<typeof villageStatus>>[number];

/** What the coverage rule reads: the registered villages and their current teams in `year`. */
function coverageFacts(rows: readonly VillageStatusRow[], year: number) {
  return {
    year,
    villages: rows.map((v) => ({
      id: String(v.id),
      name: v.name,
      regionCode: v.regionCode,
      identifiedYear: v.identifiedYear,
      helpedBy: v.helpedBy,
      exitedYear: v.exitedYear,
    })),
    teams: rows
      .filter((v) => v.teamId !== null && isRegisteredIn(v, year))
      .map((v) => ({
        id: String(v.teamId),
        villageId: String(v.id),
        unit: v.unit ?? '',
        leader:
          v.leaderId === null
            ? null
            : { personId: String(v.leaderId), servesAsFirstSecretary: v.leaderFirstSecretary },
      })),
  };
}

/** Each gap the coverage rule found, with its village and team as the list shows them. */
function coverageGaps(rows: readonly VillageStatusRow[], result: TeamCoverageResult) {
  const byVillage = new Map(rows.map((v) => [String(v.id), v]));
  const byTeam = new Map(rows.filter((v) => v.teamId !== null).map((v) => [String(v.teamId), v]));
  const gap = (kind: 'no_team' | 'no_leader' | 'not_first_secretary', v: VillageStatusRow) => ({
    kind,
    villageId: v.id,
    villageName: v.name,
    regionCode: v.regionCode,
    townshipName: v.townshipName,
    countyName: v.countyName,
    helpedBy: v.helpedBy,
    teamId: v.teamId,
    unit: v.unit,
    leaderName: v.leaderName,
  });
  return [
    ...result.villagesWithoutTeam.map((id) => gap('no_team', defined(byVillage.get(id)))),
    ...result.teamsWithoutLeader.map((id) => gap('no_leader', defined(byTeam.get(id)))),
    ...result.leadersNotFirstSecretary.map((id) =>
      gap('not_first_secretary', defined(byTeam.get(id))),
    ),
  ];
}

/** Names of a region's children, by code. */
async function childNames(db: Database, parentCode: string) {
  const children = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.parentCode, parentCode));
  return new Map(children.map((r) => [r.code, r.name]));
}

/** Whether each registered poor village of a region has a resident team as the policy requires (000 §4). */
async function teamCoverage(db: Database, regionCode: string, year: number, asOf: string) {
  const region = await requireRegion(db, regionCode);
  const rows = await villageStatus(db, inRegion(poorVillages.regionCode, regionCode), asOf);
  const policy = await loadPolicy(db, regionCode, year);
  const result = checkTeamCoverage(coverageFacts(rows, year), policy);
  const summary = summarizePovertyByRegion({
    year,
    asOf,
    activityWindowDays: ACTIVITY_WINDOW_DAYS,
    groupBy: (await childLevelOf(db, region)) ?? region.level,
    villages: rows.map((v) => ({
      id: String(v.id),
      regionCode: v.regionCode,
      identifiedYear: v.identifiedYear,
      helpedBy: v.helpedBy,
      exitedYear: v.exitedYear,
      hasTeam: v.teamId !== null,
      leaderIsFirstSecretary: v.leaderFirstSecretary,
      recentEntries: v.recentEntries,
    })),
  });
  const names = await childNames(db, region.code);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    year,
    asOf,
    windowFrom: summary.windowFrom,
    activityWindowDays: ACTIVITY_WINDOW_DAYS,
    coverage: result,
    gaps: coverageGaps(rows, result),
    rows: summary.rows.map((r) => ({ ...r, name: names.get(r.regionCode) ?? r.regionCode })),
    total: summary.total,
    policyVersion: policy.version,
    policyLabel: policy.label,
  };
}

/** The caller's current membership in the village's team (team members log only there). */
async function myMembership(db: Database, userId: number, villageId: number) {
  const [row] = await db
    .select({
      memberId: povertyTeamMembers.id,
      teamId: povertyTeams.id,
      startDate: povertyTeams.startDate,
    })
    .from(povertyTeamMembers)
    .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
    .where(
      and(
        eq(povertyTeamMembers.userId, userId),
        eq(povertyTeams.villageId, villageId),
        isNull(povertyTeamMembers.toDate),
        isNull(povertyTeams.endDate),
      ),
    )
    .limit(1);
  return row ?? null;
}

const listSchema = pagingSchema.extend({
  regionCode: regionCodeSchema,
  status: z.enum(['registered', 'exited', 'all']).default('registered'),
  helpedBy: z.enum(['city', 'county']).nullish(),
  team: z.enum(['with', 'without']).nullish(),
  search: z.string().trim().max(50).nullish(),
});

const logsSchema = pagingSchema.extend({
  regionCode: regionCodeSchema,
  villageId: idSchema.nullish(),
  area: teamTaskAreaSchema.nullish(),
  from: isoDateSchema.nullish(),
  to: isoDateSchema.nullish(),
});

export const povertyRouter = createTRPCRouter({
  /** Registered poor villages with their current team, leader and last work-log date. */
  villages: scopedProcedure.input(listSchema).query(async ({ ctx, input }) => {
    const today = chinaToday(ctx.now());
    const year = Number(today.slice(0, 4));
    const pattern = input.search ? likeContains(input.search) : null;
    const where = and(
      inRegion(poorVillages.regionCode, input.regionCode),
      input.status === 'registered'
        ? sql`${poorVillages.identifiedYear} <= ${year} and (${poorVillages.exitedYear} is null or ${poorVillages.exitedYear} > ${year})`
        : input.status === 'exited'
          ? sql`${poorVillages.exitedYear} <= ${year}`
          : undefined,
      input.helpedBy ? eq(poorVillages.helpedBy, input.helpedBy) : undefined,
      input.team === 'with'
        ? sql`t.id is not null`
        : input.team === 'without'
          ? sql`t.id is null`
          : undefined,
      pattern
        ? sql`(${regions.name} like ${pattern} or ${township.name} like ${pattern} or t.unit like ${pattern} or l.name like ${pattern})`
        : undefined,
    );
    const items = await villageStatus(ctx.db, where, today)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize);
    const [total] = await ctx.db
      .select({ n: count() })
      .from(villageStatus(ctx.db, where, today).as('v'));
    return { total: total?.n ?? 0, items };
  }),

  /** Village-level units of a region not yet in the register (for the registration form). */
  villageOptions: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, search: z.string().trim().max(50).nullish() }))
    .query(async ({ ctx, input }) => {
      const parent = alias(regions, 'parent');
      return ctx.db
        .select({ code: regions.code, name: regions.name, townshipName: parent.name })
        .from(regions)
        .leftJoin(parent, eq(parent.code, regions.parentCode))
        .leftJoin(poorVillages, eq(poorVillages.regionCode, regions.code))
        .where(
          and(
            inRegion(regions.code, input.regionCode),
            eq(regions.level, 'village'),
            ne(regions.kind, 'community'),
            isNull(poorVillages.id),
            input.search
              ? or(
                  sql`${regions.name} like ${likeContains(input.search)}`,
                  sql`${parent.name} like ${likeContains(input.search)}`,
                )
              : undefined,
          ),
        )
        .orderBy(asc(regions.code))
        .limit(50);
    }),

  /** Registers a poor village with its baseline; linked to the village's Party organisation. */
  registerVillage: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema }).and(figuresSchema))
    .mutation(async ({ ctx, input }) => {
      const { region } = ctx;
      if (region.level !== 'village' || region.kind === 'community')
        bad(`贫困村登记限于行政村，「${region.name}」不是行政村`);
      if (
        input.helpedBy === 'city' &&
        regionLevelOf(ctx.user.regionCode) !== 'city' &&
        regionLevelOf(ctx.user.regionCode) !== 'province'
      )
        bad('帮扶层级：市级帮扶村由市扶贫办认定，县（区）只能登记县级帮扶村');
      const [existing] = await ctx.db
        .select({ id: poorVillages.id })
        .from(poorVillages)
        .where(eq(poorVillages.regionCode, input.regionCode));
      if (existing) bad(`「${region.name}」已在贫困村名录中`);
      const [org] = await ctx.db
        .select({ id: orgs.id })
        .from(orgs)
        .where(eq(orgs.regionCode, input.regionCode))
        .orderBy(asc(orgs.parentId), asc(orgs.id))
        .limit(1);
      const { regionCode, ...figures } = input;
      const [row] = await ctx.db
        .insert(poorVillages)
        .values({ regionCode, orgId: org?.id ?? null, ...figures, createdBy: ctx.user.id })
        .returning();
      ctx.audit({ target: `poor_village:${defined(row).id}`, regionCode, after: row });
      return defined(row);
    }),

  /** Corrects a village's baseline figures or level of help. */
  updateVillage: scopedProcedure
    .input(z.object({ villageId: idSchema }).and(figuresSchema))
    .mutation(async ({ ctx, input }) => {
      const before = await requireVillage(ctx.db, input.villageId, true);
      if (input.helpedBy !== before.helpedBy && regionLevelOf(ctx.user.regionCode) === 'county')
        bad('帮扶层级：市级帮扶与县级帮扶的调整由市扶贫办办理');
      const { villageId, ...figures } = input;
      const [row] = await ctx.db
        .update(poorVillages)
        .set(figures)
        .where(eq(poorVillages.id, villageId))
        .returning();
      ctx.audit({
        target: `poor_village:${villageId}`,
        regionCode: before.regionCode,
        before,
        after: figures,
      });
      return defined(row);
    }),

  /** Records (or clears) the year the village was lifted out of the register (脱贫出列). */
  setExited: scopedProcedure
    .input(z.object({ villageId: idSchema, exitedYear: yearSchema.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId, true);
      if (input.exitedYear !== null && input.exitedYear < v.identifiedYear)
        bad(`脱贫出列年度：不能早于认定年度 ${v.identifiedYear}`);
      await ctx.db
        .update(poorVillages)
        .set({ exitedYear: input.exitedYear })
        .where(eq(poorVillages.id, v.id));
      ctx.audit({
        target: `poor_village:${v.id}`,
        regionCode: v.regionCode,
        before: { exitedYear: v.exitedYear },
        after: { exitedYear: input.exitedYear },
      });
      return { id: v.id, exitedYear: input.exitedYear };
    }),

  /** A village: baseline, teams and members, income trend, the year's progress and recent log. */
  village: scopedProcedure
    .input(z.object({ villageId: idSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId);
      const teams = await ctx.db
        .select()
        .from(povertyTeams)
        .where(eq(povertyTeams.villageId, v.id))
        .orderBy(desc(povertyTeams.startDate), desc(povertyTeams.id));
      const members = await ctx.db
        .select()
        .from(povertyTeamMembers)
        .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
        .where(eq(povertyTeams.villageId, v.id))
        .orderBy(desc(povertyTeamMembers.role), asc(povertyTeamMembers.id));
      const incomes = await ctx.db
        .select({
          year: villageCollectiveIncome.year,
          incomeFen: villageCollectiveIncome.incomeFen,
        })
        .from(villageCollectiveIncome)
        .where(eq(villageCollectiveIncome.villageId, v.id));
      const yearLog = await ctx.db
        .select({
          date: sql<string>`${povertyWorkLogs.date}::text`,
          area: povertyWorkLogs.area,
          householdsReached: povertyWorkLogs.householdsReached,
          fundsFen: povertyWorkLogs.fundsFen,
        })
        .from(povertyWorkLogs)
        .where(
          and(
            eq(povertyWorkLogs.villageId, v.id),
            gte(povertyWorkLogs.date, `${input.year}-01-01`),
            lte(povertyWorkLogs.date, `${input.year}-12-31`),
          ),
        );
      const assessments = await ctx.db
        .select()
        .from(povertyAssessments)
        .innerJoin(povertyTeams, eq(povertyTeams.id, povertyAssessments.teamId))
        .where(eq(povertyTeams.villageId, v.id))
        .orderBy(desc(povertyAssessments.year));
      return {
        village: v,
        teams: teams.map((t) => ({
          ...t,
          members: members
            .filter((m) => m.poverty_team_members.teamId === t.id)
            .map((m) => ({
              ...m.poverty_team_members,
              phone: phoneFor(ctx.user.role, m.poverty_team_members.phone),
              firstSecretary: m.poverty_team_members.firstSecretaryOrgId !== null,
            })),
        })),
        income: collectiveIncomeTrend({ records: incomes }),
        progress: villageProgress(input.year, yearLog),
        assessments: assessments.map((a) => a.poverty_assessments),
        mine: await myMembership(ctx.db, ctx.user.id, v.id),
      };
    }),

  /** Village collective economy income for one year (upserted). */
  recordIncome: scopedProcedure
    .input(z.object({ villageId: idSchema, year: yearSchema, incomeFen: fenSchema }))
    .mutation(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId);
      const thisYear = Number(chinaToday(ctx.now()).slice(0, 4));
      if (input.year > thisYear) bad(`年度：不能登记未来年度（${input.year}）的收入`);
      if (ctx.user.role === 'team_member' && !(await myMembership(ctx.db, ctx.user.id, v.id)))
        bad('只有本村驻村工作队成员可以登记本村收入');
      const [before] = await ctx.db
        .select()
        .from(villageCollectiveIncome)
        .where(
          and(
            eq(villageCollectiveIncome.villageId, v.id),
            eq(villageCollectiveIncome.year, input.year),
          ),
        );
      await ctx.db
        .insert(villageCollectiveIncome)
        .values({
          villageId: v.id,
          year: input.year,
          regionCode: v.regionCode,
          incomeFen: input.incomeFen,
          recordedBy: ctx.user.id,
        })
        .onConflictDoUpdate({
          target: [villageCollectiveIncome.villageId, villageCollectiveIncome.year],
          set: { incomeFen: input.incomeFen, recordedBy: ctx.user.id, recordedAt: ctx.now() },
        });
      ctx.audit({
        target: `village_collective_income:${v.id}:${input.year}`,
        regionCode: v.regionCode,
        before: before ? { incomeFen: before.incomeFen } : undefined,
        after: { incomeFen: input.incomeFen },
      });
      return { villageId: v.id, year: input.year, incomeFen: input.incomeFen };
    }),

  /** Team-member accounts bound to the village (to link a member's account). */
  memberAccounts: scopedProcedure
    .input(z.object({ villageId: idSchema }))
    .query(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId);
      return ctx.db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .where(and(eq(users.role, 'team_member'), eq(users.regionCode, v.regionCode)))
        .orderBy(asc(users.username));
    }),

  /** Posts a resident team to a village; at most one team in a village at a time. */
  createTeam: scopedProcedure
    .input(
      z.object({
        villageId: idSchema,
        unit: labelledText('派出单位', 100),
        startDate: isoDateSchema,
        members: z.array(memberSchema).min(1, '至少填写一名队员').max(20),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId, true);
      const thisYear = Number(chinaToday(ctx.now()).slice(0, 4));
      if (!isRegisteredIn(v, thisYear)) bad(`「${v.name}」已脱贫出列，无需新派工作队`);
      if (await currentTeam(ctx.db, v.id)) bad(`「${v.name}」已有在村工作队，请先撤回原工作队`);
      const leaders = input.members.filter((m) => m.role === 'leader');
      if (leaders.length > 1) bad('队员：一支工作队只能有一名队长');
      const [team] = await ctx.db
        .insert(povertyTeams)
        .values({
          villageId: v.id,
          regionCode: v.regionCode,
          unit: input.unit,
          startDate: input.startDate,
        })
        .returning();
      const members = await ctx.db
        .insert(povertyTeamMembers)
        .values(await memberRows(ctx.db, v, defined(team).id, input.members, input.startDate))
        .returning();
      ctx.audit({
        target: `poverty_team:${defined(team).id}`,
        regionCode: v.regionCode,
        after: { team, members },
      });
      return { ...defined(team), members };
    }),

  /** Adds a member (or a new leader, when the team has none) to a team in the village. */
  addMember: scopedProcedure
    .input(z.object({ teamId: idSchema, member: memberSchema }))
    .mutation(async ({ ctx, input }) => {
      const team = await requireTeam(ctx.db, input.teamId);
      if (team.endDate) bad('该工作队已撤回，不能再增加队员');
      const v = await requireVillage(ctx.db, team.villageId);
      const m = input.member;
      if (m.role === 'leader') {
        const [leader] = await currentMembers(
          ctx.db,
          and(eq(povertyTeamMembers.teamId, team.id), eq(povertyTeamMembers.role, 'leader')),
        );
        if (leader) bad(`该工作队已有队长「${leader.name}」，请先办理其离村`);
      }
      const [row] = await ctx.db
        .insert(povertyTeamMembers)
        .values(await memberRows(ctx.db, v, team.id, [m], chinaToday(ctx.now())))
        .returning();
      ctx.audit({
        target: `poverty_team_member:${defined(row).id}`,
        regionCode: team.regionCode,
        after: row,
      });
      return defined(row);
    }),

  /** A member leaves the village on `toDate` (the row stays as history). */
  endMember: scopedProcedure
    .input(z.object({ memberId: idSchema, toDate: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const [m] = await ctx.db
        .select()
        .from(povertyTeamMembers)
        .where(eq(povertyTeamMembers.id, input.memberId))
        .for('update');
      if (!m) notFound('工作队员');
      if (m.toDate) bad(`「${m.name}」已于 ${m.toDate} 离村`);
      if (input.toDate < m.fromDate) bad(`离村日期：不能早于驻村开始日期 ${m.fromDate}`);
      await ctx.db
        .update(povertyTeamMembers)
        .set({ toDate: input.toDate })
        .where(eq(povertyTeamMembers.id, m.id));
      ctx.audit({
        target: `poverty_team_member:${m.id}`,
        regionCode: m.regionCode,
        before: { toDate: null },
        after: { toDate: input.toDate },
      });
      return { id: m.id, toDate: input.toDate };
    }),

  /** Appoints the team's leader as the village Party org's first secretary (第一书记). */
  appointFirstSecretary: scopedProcedure
    .input(z.object({ memberId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const [m] = await ctx.db
        .select()
        .from(povertyTeamMembers)
        .where(eq(povertyTeamMembers.id, input.memberId))
        .for('update');
      if (!m) notFound('工作队员');
      if (m.role !== 'leader' || m.toDate) bad('只有在村的工作队长可以任命为第一书记');
      const team = await requireTeam(ctx.db, m.teamId);
      const v = await requireVillage(ctx.db, team.villageId);
      if (v.orgId === null) bad(`「${v.name}」尚无村党组织记录，无法任命第一书记`);
      await ctx.db
        .update(povertyTeamMembers)
        .set({ firstSecretaryOrgId: v.orgId })
        .where(eq(povertyTeamMembers.id, m.id));
      ctx.audit({
        target: `poverty_team_member:${m.id}`,
        regionCode: m.regionCode,
        before: { firstSecretaryOrgId: m.firstSecretaryOrgId },
        after: { firstSecretaryOrgId: v.orgId },
      });
      return { id: m.id, firstSecretaryOrgId: v.orgId };
    }),

  /** Withdraws a team on `endDate`; its current members leave the village the same day. */
  withdrawTeam: scopedProcedure
    .input(z.object({ teamId: idSchema, endDate: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const team = await requireTeam(ctx.db, input.teamId);
      if (team.endDate) bad(`该工作队已于 ${team.endDate} 撤回`);
      if (input.endDate < team.startDate) bad(`撤回日期：不能早于进驻日期 ${team.startDate}`);
      await ctx.db
        .update(povertyTeams)
        .set({ endDate: input.endDate })
        .where(eq(povertyTeams.id, team.id));
      await ctx.db
        .update(povertyTeamMembers)
        .set({ toDate: sql`greatest(${povertyTeamMembers.fromDate}, ${input.endDate}::date)` })
        .where(and(eq(povertyTeamMembers.teamId, team.id), isNull(povertyTeamMembers.toDate)));
      ctx.audit({
        target: `poverty_team:${team.id}`,
        regionCode: team.regionCode,
        before: { endDate: null },
        after: { endDate: input.endDate },
      });
      return { id: team.id, endDate: input.endDate };
    }),

  /**
   * Coverage (000 §4 全覆盖): every registered village has a team whose leader serves as first
   * secretary. Gaps first, then per child region.
   */
  coverage: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) =>
      teamCoverage(ctx.db, input.regionCode, input.year, chinaToday(ctx.now())),
    ),

  /** Coverage and gaps as an .xlsx workbook. */
  coverageExport: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const c = await teamCoverage(ctx.db, input.regionCode, input.year, chinaToday(ctx.now()));
      return {
        filename: `${c.region.name}${input.year}年度驻村帮扶覆盖情况.xlsx`,
        base64: await buildPovertyWorkbook(c),
      };
    }),

  /**
   * The overview at a glance: coverage and recent activity per child region, collective income
   * of the registered villages year by year, and the year's work per task area.
   */
  overview: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const c = await teamCoverage(ctx.db, input.regionCode, input.year, chinaToday(ctx.now()));
      const income = await ctx.db
        .select({
          year: villageCollectiveIncome.year,
          incomeFen: sql<number>`sum(${villageCollectiveIncome.incomeFen})::float8`,
          villages: count(),
        })
        .from(villageCollectiveIncome)
        .where(inRegion(villageCollectiveIncome.regionCode, input.regionCode))
        .groupBy(villageCollectiveIncome.year)
        .orderBy(villageCollectiveIncome.year);
      const areas = await ctx.db
        .select({
          area: povertyWorkLogs.area,
          entries: count(),
          householdsReached: sql<number>`coalesce(sum(${povertyWorkLogs.householdsReached}), 0)::int`,
          fundsFen: sql<number>`coalesce(sum(${povertyWorkLogs.fundsFen}), 0)::float8`,
        })
        .from(povertyWorkLogs)
        .where(
          and(
            inRegion(povertyWorkLogs.regionCode, input.regionCode),
            gte(povertyWorkLogs.date, `${input.year}-01-01`),
            lte(povertyWorkLogs.date, `${input.year}-12-31`),
          ),
        )
        .groupBy(povertyWorkLogs.area);
      return {
        ...c,
        income: income.map((r) => ({ ...r, incomeFen: Number(r.incomeFen) })),
        areas: areas.map((a) => ({ ...a, fundsFen: Number(a.fundsFen) })),
      };
    }),

  /** The caller's teams (team members): village, team, this year's progress and gaps. */
  myTeams: scopedProcedure.query(async ({ ctx }) => {
    const today = chinaToday(ctx.now());
    const rows = await ctx.db
      .select({
        memberId: povertyTeamMembers.id,
        role: povertyTeamMembers.role,
        teamId: povertyTeams.id,
        unit: povertyTeams.unit,
        villageId: poorVillages.id,
        villageName: regions.name,
        regionCode: poorVillages.regionCode,
      })
      .from(povertyTeamMembers)
      .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
      .innerJoin(poorVillages, eq(poorVillages.id, povertyTeams.villageId))
      .innerJoin(regions, eq(regions.code, poorVillages.regionCode))
      .where(
        and(
          eq(povertyTeamMembers.userId, ctx.user.id),
          isNull(povertyTeamMembers.toDate),
          isNull(povertyTeams.endDate),
        ),
      );
    const year = Number(today.slice(0, 4));
    const log =
      rows.length === 0
        ? []
        : await ctx.db
            .select({
              villageId: povertyWorkLogs.villageId,
              date: sql<string>`${povertyWorkLogs.date}::text`,
              area: povertyWorkLogs.area,
              householdsReached: povertyWorkLogs.householdsReached,
              fundsFen: povertyWorkLogs.fundsFen,
            })
            .from(povertyWorkLogs)
            .where(
              and(
                inArray(
                  povertyWorkLogs.villageId,
                  rows.map((r) => r.villageId),
                ),
                gte(povertyWorkLogs.date, `${year}-01-01`),
              ),
            );
    return rows.map((r) => ({
      ...r,
      today,
      progress: villageProgress(
        year,
        log.filter((e) => e.villageId === r.villageId).map(({ villageId: _v, ...e }) => e),
      ),
    }));
  }),

  /** A team member records a visit or task for their own village's team. */
  logWork: scopedProcedure
    .input(
      z.object({
        villageId: idSchema,
        date: isoDateSchema,
        area: teamTaskAreaSchema,
        summary: labelledText('工作纪实', 1000),
        householdsReached: countSchema.max(MAX_HOUSEHOLDS),
        fundsFen: fenSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const v = await requireVillage(ctx.db, input.villageId);
      const mine = await myMembership(ctx.db, ctx.user.id, v.id);
      if (!mine) bad(`您不是「${v.name}」驻村工作队的在村队员，不能为该村记录工作日志`);
      if (input.date > chinaToday(ctx.now())) bad('日期：不能记录未来日期的工作');
      if (input.date < mine.startDate) bad(`日期：不能早于工作队进驻日期 ${mine.startDate}`);
      const [row] = await ctx.db
        .insert(povertyWorkLogs)
        .values({
          teamId: mine.teamId,
          villageId: v.id,
          regionCode: v.regionCode,
          memberId: mine.memberId,
          date: input.date,
          area: input.area,
          summary: input.summary,
          householdsReached: input.householdsReached,
          fundsFen: input.fundsFen,
          createdBy: ctx.user.id,
        })
        .returning();
      ctx.audit({
        target: `poverty_work_log:${defined(row).id}`,
        regionCode: v.regionCode,
        after: row,
      });
      return defined(row);
    }),

  /** The work log, newest first, filtered by region, village, area and dates. */
  logs: scopedProcedure.input(logsSchema).query(async ({ ctx, input }) => {
    const where = and(
      inRegion(povertyWorkLogs.regionCode, input.regionCode),
      input.villageId ? eq(povertyWorkLogs.villageId, input.villageId) : undefined,
      input.area ? eq(povertyWorkLogs.area, input.area) : undefined,
      input.from ? gte(povertyWorkLogs.date, input.from) : undefined,
      input.to ? lte(povertyWorkLogs.date, input.to) : undefined,
    );
    const [total] = await ctx.db.select({ n: count() }).from(povertyWorkLogs).where(where);
    const items = await ctx.db
      .select({
        id: povertyWorkLogs.id,
        date: sql<string>`${povertyWorkLogs.date}::text`,
        area: povertyWorkLogs.area,
        summary: povertyWorkLogs.summary,
        householdsReached: povertyWorkLogs.householdsReached,
        fundsFen: povertyWorkLogs.fundsFen,
        villageId: povertyWorkLogs.villageId,
        villageName: regions.name,
        memberName: povertyTeamMembers.name,
      })
      .from(povertyWorkLogs)
      .innerJoin(regions, eq(regions.code, povertyWorkLogs.regionCode))
      .leftJoin(povertyTeamMembers, eq(povertyTeamMembers.id, povertyWorkLogs.memberId))
      .where(where)
      .orderBy(desc(povertyWorkLogs.date), desc(povertyWorkLogs.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize);
    return { total: total?.n ?? 0, items };
  }),

  /**
   * The yearly assessment of a team (its unit, memberId null) or one of its cadres, with the
   * consequences of 000 §4 (outstanding cadre → promotion priority; passive → named, deadline).
   */
  assess: scopedProcedure
    .input(
      z.object({
        year: yearSchema,
        teamId: idSchema,
        memberId: idSchema.nullable(),
        rating: z.enum(TEAM_ASSESSMENT_RATINGS),
        comments: labelledText('考核评语', 1000),
        correctionDeadline: isoDateSchema.nullish().transform((v) => v ?? null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const team = await requireTeam(ctx.db, input.teamId);
      if (input.memberId !== null) {
        const [m] = await ctx.db
          .select({ id: povertyTeamMembers.id })
          .from(povertyTeamMembers)
          .where(
            and(eq(povertyTeamMembers.id, input.memberId), eq(povertyTeamMembers.teamId, team.id)),
          );
        if (!m) bad('工作队员：不是该工作队的队员');
      }
      const [c] = teamAssessmentConsequences({
        correctionDeadline: input.correctionDeadline,
        assessments: [
          {
            subjectId: String(input.memberId ?? team.id),
            subject: input.memberId === null ? 'unit' : 'cadre',
            rating: input.rating,
          },
        ],
      });
      const values = {
        year: input.year,
        teamId: team.id,
        memberId: input.memberId,
        regionCode: team.regionCode,
        rating: input.rating,
        comments: input.comments,
        promotionPriority: defined(c).promotionPriority,
        publicCriticism: defined(c).publicCriticism,
        correctionDeadline: defined(c).correctionDeadline,
        assessedBy: ctx.user.id,
        assessedAt: ctx.now(),
      };
      const [before] = await ctx.db
        .select()
        .from(povertyAssessments)
        .where(
          and(
            eq(povertyAssessments.year, input.year),
            input.memberId === null
              ? and(eq(povertyAssessments.teamId, team.id), isNull(povertyAssessments.memberId))
              : eq(povertyAssessments.memberId, input.memberId),
          ),
        )
        .for('update');
      const [row] = before
        ? await ctx.db
            .update(povertyAssessments)
            .set(values)
            .where(eq(povertyAssessments.id, before.id))
            .returning()
        : await ctx.db.insert(povertyAssessments).values(values).returning();
      ctx.audit({
        target: `poverty_assessment:${defined(row).id}`,
        regionCode: team.regionCode,
        before,
        after: row,
      });
      return defined(row);
    }),

  /**
   * The year's assessments in a region with their subjects, and the two lists the notice asks
   * for: cadres with promotion priority, and units and cadres to be named with a deadline.
   */
  assessments: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          id: povertyAssessments.id,
          year: povertyAssessments.year,
          teamId: povertyAssessments.teamId,
          memberId: povertyAssessments.memberId,
          rating: povertyAssessments.rating,
          comments: povertyAssessments.comments,
          promotionPriority: povertyAssessments.promotionPriority,
          publicCriticism: povertyAssessments.publicCriticism,
          correctionDeadline: povertyAssessments.correctionDeadline,
          unit: povertyTeams.unit,
          villageId: povertyTeams.villageId,
          villageName: regions.name,
          regionCode: povertyAssessments.regionCode,
          memberName: povertyTeamMembers.name,
          memberPost: povertyTeamMembers.post,
        })
        .from(povertyAssessments)
        .innerJoin(povertyTeams, eq(povertyTeams.id, povertyAssessments.teamId))
        .innerJoin(regions, eq(regions.code, povertyAssessments.regionCode))
        .leftJoin(povertyTeamMembers, eq(povertyTeamMembers.id, povertyAssessments.memberId))
        .where(
          and(
            inRegion(povertyAssessments.regionCode, input.regionCode),
            eq(povertyAssessments.year, input.year),
          ),
        )
        .orderBy(
          asc(povertyAssessments.regionCode),
          asc(povertyAssessments.teamId),
          asc(povertyAssessments.memberId),
        );
      return {
        items: rows,
        promotion: rows.filter((r) => r.promotionPriority),
        criticism: rows.filter((r) => r.publicCriticism),
      };
    }),

  /** Teams (current and past) of a region, for the assessment form. */
  teams: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema }))
    .query(async ({ ctx, input }) => {
      const teams = await ctx.db
        .select({
          id: povertyTeams.id,
          unit: povertyTeams.unit,
          startDate: povertyTeams.startDate,
          endDate: povertyTeams.endDate,
          villageId: povertyTeams.villageId,
          villageName: regions.name,
          regionCode: povertyTeams.regionCode,
        })
        .from(povertyTeams)
        .innerJoin(regions, eq(regions.code, povertyTeams.regionCode))
        .where(inRegion(povertyTeams.regionCode, input.regionCode))
        .orderBy(asc(povertyTeams.regionCode), desc(povertyTeams.startDate));
      const members = await ctx.db
        .select({
          id: povertyTeamMembers.id,
          teamId: povertyTeamMembers.teamId,
          name: povertyTeamMembers.name,
          role: povertyTeamMembers.role,
          post: povertyTeamMembers.post,
          toDate: povertyTeamMembers.toDate,
        })
        .from(povertyTeamMembers)
        .where(inRegion(povertyTeamMembers.regionCode, input.regionCode))
        .orderBy(
          asc(povertyTeamMembers.teamId),
          desc(povertyTeamMembers.role),
          asc(povertyTeamMembers.id),
        );
      return teams.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id) }));
    }),
});
