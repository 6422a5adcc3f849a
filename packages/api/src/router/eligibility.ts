import { defined, inRegion, isCountyUnit, type Database } from '@dangjian/db';
import {
  graduateOfficials,
  orgGrades,
  orgs,
  people,
  regions,
  secretaryAppointments,
} from '@dangjian/db/schema';
import {
  continuousTenureStart,
  fullYearsBetween,
  GRADE_LABELS,
  GRADUATE_POST_LABELS,
  GRADUATE_POSTS,
  graduateOfficialsByUnit,
  graduateOfficialUnitOf,
  groupBy,
  HEALTH_CHECK_STATUS_LABELS,
  healthCheckList,
  honoursEligibility,
  isoDateSchema,
  regionCodeSchema,
  regionLevelOf,
  sanctionList,
  yearSchema,
  type Grade,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { county, countyOf, policyByCounty } from '../orglife';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idOf, idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import type { requireRegion } from '../queries/region';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import { checkDay, comparable, gradedOrgs } from '../queries/upgrade';
import { orgSecretaryColumns } from '../queries/org-columns';

/**
 * A department's yearly eligibility lists (评先评优和代表委员推荐, 体检, 大学生村官): who is eligible
 * this year, who is not and why, from the rules of packages/domain/src/eligibility.ts with the
 * policy in force per county (a county may override the city's parameters).
 */

const input = z.object({ regionCode: regionCodeSchema, year: yearSchema });

/** Lines of a list, each computed with its county's policy (lines keep their order). */
function perCounty<T extends { regionCode: string }, R>(
  lines: readonly T[],
  policyOf: (code: string) => ResolvedPolicy,
  run: (group: T[], policy: ResolvedPolicy) => R[],
): R[] {
  const out = new Map<T, R>();
  for (const group of groupBy(lines, (l) => l.regionCode.slice(0, 6)).values()) {
    const results = run(group, policyOf(defined(group[0]).regionCode));
    group.forEach((l, i) => out.set(l, defined(results[i])));
  }
  return lines.map((l) => defined(out.get(l)));
}

/** Every org of a region with its secretary and this year's current grade (one query). */
function orgsWithGrade(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({
      ...orgSecretaryColumns,
      grade: sql<Grade | null>`(select g.grade from ${orgGrades} g
        where g.org_id = ${orgs.id} and g.year = ${year} and g.superseded_at is null)`,
    })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(county, countyOf(orgs.regionCode))
    .where(inRegion(orgs.regionCode, regionCode))
    .orderBy(asc(orgs.regionCode), asc(orgs.id));
}

const official = alias(people, 'official');
const village = alias(regions, 'village');

const saveOfficialInput = z.object({
  /** Absent for a new record. */
  id: idSchema.optional(),
  personId: idOf('请选择人员（personId）'),
  inVillageSince: isoDateSchema,
  post: z.enum(GRADUATE_POSTS, { error: '任职（post）应为村党组织书记或副书记' }).nullable(),
  postSince: isoDateSchema.nullable().default(null),
  endedOn: isoDateSchema.nullable().default(null),
});

type Region = Awaited<ReturnType<typeof requireRegion>>;

/** 评先评优和代表委员推荐 (001 §7, §21): every org with whether it may be put forward, and why not. */
async function honoursList(db: Database, region: Region, year: number) {
  const [rows, graded, policyOf, own] = await Promise.all([
    orgsWithGrade(db, region.code, year),
    gradedOrgs(db, region.code, year),
    policyByCounty(db, region.code, year),
    loadPolicy(db, region.code, year),
  ]);
  const sanctioned = new Set(sanctionList({ orgs: comparable(graded) }).map((e) => e.orgId));
  const results = perCounty(
    rows,
    policyOf,
    (group, policy) =>
      honoursEligibility(
        {
          year: year,
          orgs: group.map((r) => ({
            orgId: String(r.orgId),
            grade: r.grade,
            sanctioned: sanctioned.has(String(r.orgId)),
          })),
        },
        policy,
      ).orgs,
  );
  const items = rows.map((r, i) => ({
    ...r,
    gradeLabel: r.grade === null ? null : GRADE_LABELS[r.grade],
    eligible: defined(results[i]).eligible,
    reasons: defined(results[i]).reasons.map((x) => x.text),
  }));
  const rule = honoursEligibility({ year: year, orgs: [] }, own);
  return {
    regionCode: region.code,
    regionName: region.name,
    year: year,
    eligibleCount: items.filter((i) => i.eligible).length,
    items,
    rule: rule.rule,
    policyLabel: own.label,
    basis: rule.basis,
  };
}

/** Every secretary appointment (who, which org, from when to when) recorded within a region. */
function secretaryAppointmentRows(db: Database, regionCode: RegionCode) {
  return db
    .select({
      orgId: secretaryAppointments.orgId,
      personId: secretaryAppointments.personId,
      appointedOn: secretaryAppointments.appointedOn,
      endedOn: secretaryAppointments.endedOn,
    })
    .from(secretaryAppointments)
    .where(inRegion(secretaryAppointments.regionCode, regionCode));
}

/** The current grades of a region's orgs for every year up to `year`. */
function currentGradesUpTo(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({ orgId: orgGrades.orgId, year: orgGrades.year, grade: orgGrades.grade })
    .from(orgGrades)
    .where(
      and(
        inRegion(orgGrades.regionCode, regionCode),
        isNull(orgGrades.supersededAt),
        lte(orgGrades.year, year),
      ),
    );
}

/** 体检 (001 §20): secretaries eligible, close (with what they lack) or without a start date. */
async function healthCheckLines(db: Database, region: Region, year: number) {
  const asOf = `${year}-12-31`;
  const [rows, appointments, grades, policyOf, own] = await Promise.all([
    orgsWithGrade(db, region.code, year),
    secretaryAppointmentRows(db, region.code),
    currentGradesUpTo(db, region.code, year),
    policyByCounty(db, region.code, year),
    loadPolicy(db, region.code, year),
  ]);
  const withSecretary = rows.filter(
    (r): r is (typeof rows)[number] & { secretaryId: number } => r.secretaryId !== null,
  );
  const appointed = groupBy(appointments, (a) => `${a.orgId}:${a.personId}`);
  const gradesOf = groupBy(grades, (g) => g.orgId);
  const lines = withSecretary.map((r) => ({
    ...r,
    inOfficeSince: continuousTenureStart(appointed.get(`${r.orgId}:${r.secretaryId}`) ?? [], asOf),
  }));
  const results = perCounty(
    lines,
    policyOf,
    (group, policy) =>
      healthCheckList(
        {
          asOf,
          secretaries: group.map((l) => ({
            orgId: String(l.orgId),
            personId: String(l.secretaryId),
            inOfficeSince: l.inOfficeSince,
            grades: (gradesOf.get(l.orgId) ?? []).map((g) => ({ year: g.year, grade: g.grade })),
          })),
        },
        policy,
      ).secretaries,
  );
  const all = lines.map((l, i) => ({
    orgId: l.orgId,
    orgName: l.orgName,
    regionName: l.regionName,
    countyName: l.countyName,
    secretaryId: l.secretaryId,
    secretaryName: l.secretaryName,
    inOfficeSince: l.inOfficeSince,
    status: defined(results[i]).status,
    statusLabel: HEALTH_CHECK_STATUS_LABELS[defined(results[i]).status],
    consecutiveYears: defined(results[i]).consecutiveYears,
    goodYears: defined(results[i]).goodYears,
    lacks: defined(results[i]).lacks,
  }));
  const rule = healthCheckList({ asOf, secretaries: [] }, own);
  const count = (s: (typeof all)[number]['status']) => all.filter((a) => a.status === s).length;
  return {
    regionCode: region.code,
    regionName: region.name,
    year: year,
    asOf,
    counts: {
      eligible: count('eligible'),
      close: count('close'),
      notYet: count('not_yet'),
      unknownStart: count('unknown_start'),
    },
    items: all.filter((a) => a.status !== 'not_yet'),
    rule: rule.rule,
    policyLabel: own.label,
    basis: rule.basis,
  };
}

/** The units 大学生村官 are counted by: the county-level units of a city or province, else the one holding the region. */
function graduateCountyUnits(db: Database, regionCode: RegionCode) {
  const level = regionLevelOf(regionCode);
  const units = db.select({ code: regions.code, name: regions.name }).from(regions);
  return level === 'city' || level === 'province'
    ? units
        .where(and(isCountyUnit(regions), inRegion(regions.code, regionCode)))
        .orderBy(asc(regions.code))
    : units.where(eq(regions.code, graduateOfficialUnitOf(regionCode)));
}

/** The college-graduate village officials of a region serving on a day, with their village. */
function graduateOfficialRows(db: Database, regionCode: RegionCode, asOf: string) {
  return db
    .select({
      id: graduateOfficials.id,
      personId: graduateOfficials.personId,
      name: official.name,
      regionCode: graduateOfficials.regionCode,
      villageName: village.name,
      inVillageSince: graduateOfficials.inVillageSince,
      post: graduateOfficials.post,
      postSince: graduateOfficials.postSince,
      endedOn: graduateOfficials.endedOn,
    })
    .from(graduateOfficials)
    .innerJoin(official, eq(official.id, graduateOfficials.personId))
    .innerJoin(village, eq(village.code, graduateOfficials.regionCode))
    .where(
      and(
        inRegion(graduateOfficials.regionCode, regionCode),
        lte(graduateOfficials.inVillageSince, asOf),
        or(isNull(graduateOfficials.endedOn), gte(graduateOfficials.endedOn, asOf)),
      ),
    )
    .orderBy(asc(graduateOfficials.regionCode), asc(graduateOfficials.id));
}
type GraduateOfficialRow = Awaited<ReturnType<typeof graduateOfficialRows>>[number];

/** One unit against its target (001 §6) under its policy, each official with where they stand. */
function graduateUnitLine(
  unit: { code: string; name: string },
  list: readonly GraduateOfficialRow[],
  policy: ResolvedPolicy,
  asOf: string,
) {
  const minYears = policy.values.graduateOfficialsMinYearsInOffice;
  const [line] = graduateOfficialsByUnit(
    {
      asOf,
      units: [
        {
          unitCode: unit.code,
          officials: list.map((o) => ({
            id: String(o.id),
            inVillageSince: o.inVillageSince,
            post: o.post,
            postSince: o.postSince,
          })),
        },
      ],
    },
    policy,
  ).units;
  const counts = new Set(defined(line).qualifying);
  const early = new Set(defined(line).selectedTooEarly);
  const pool = new Set(defined(line).pool);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    qualifying: defined(line).qualifying.length,
    target: defined(line).target,
    shortfall: defined(line).shortfall,
    met: defined(line).met,
    poolCount: defined(line).pool.length,
    officials: list.map((o) => {
      const key = String(o.id);
      return {
        ...o,
        postLabel: o.post === null ? null : GRADUATE_POST_LABELS[o.post],
        yearsInVillage: Math.max(0, fullYearsBetween(o.inVillageSince, asOf)),
        standing: counts.has(key)
          ? '计入'
          : early.has(key)
            ? `任职时在村不满 ${minYears} 年，不计入`
            : pool.has(key)
              ? `在村满 ${minYears} 年，可选拔`
              : `在村不满 ${minYears} 年`,
      };
    }),
  };
}

/** 大学生村官 (001 §6): per county (or county-less city) against the target. */
async function graduateUnits(db: Database, region: Region, year: number, asOf: string) {
  const [unitRows, officials, policyOf, own] = await Promise.all([
    graduateCountyUnits(db, region.code),
    graduateOfficialRows(db, region.code, asOf),
    policyByCounty(db, region.code, year),
    loadPolicy(db, region.code, year),
  ]);
  const byUnit = groupBy(officials, (o) => graduateOfficialUnitOf(o.regionCode));
  const units = unitRows.map((u) =>
    graduateUnitLine(u, byUnit.get(u.code) ?? [], policyOf(u.code), asOf),
  );
  const rule = graduateOfficialsByUnit({ asOf, units: [] }, own);
  return {
    regionCode: region.code,
    regionName: region.name,
    year: year,
    asOf,
    units,
    rule: rule.rule,
    policyLabel: own.label,
    basis: rule.basis,
  };
}

export const eligibilityRouter = createTRPCRouter({
  /**
   * 评先评优和代表委员推荐 (001 §7, §21): every org of the region with whether it (and its
   * secretary) may be put forward this year — graded at least honoursMinGrade and not on the
   * sanction list (001 §9) — and why not.
   */
  honours: regionProcedure
    .input(input)
    .query(async ({ ctx, input }) => honoursList(ctx.db, ctx.region, input.year)),

  /**
   * 体检 (001 §20): the secretaries of the region's orgs with their continuous tenure (from their
   * appointments) and the years their org was graded 好 during it, as of the year's end: those
   * eligible, those close (with what they lack), those whose start date is not recorded; the
   * others are only counted.
   */
  healthCheck: regionProcedure
    .input(input)
    .query(async ({ ctx, input }) => healthCheckLines(ctx.db, ctx.region, input.year)),

  /**
   * 大学生村官 (001 §6): per county (or the city itself when it has no counties, 东莞), the
   * college-graduate village officials serving as village secretary or deputy who had served
   * graduateOfficialsMinYearsInOffice in the village when selected, against
   * graduateOfficialsMinPerCounty; those selected too early and the pool not yet in post.
   */
  graduateOfficials: regionProcedure
    .input(input)
    .query(async ({ ctx, input }) =>
      graduateUnits(ctx.db, ctx.region, input.year, checkDay(input.year, ctx.now())),
    ),

  /**
   * The three lists as one workbook (a department's working lists): 评先评优和代表推荐 (every org,
   * eligible or not with the reason), 书记健康体检 (eligible, close, start unknown) and 大学生村官
   * (per county, then each official), each with its rule and the policy in force.
   */
  export: regionProcedure.input(input).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = checkDay(input.year, ctx.now());
    const honours = await honoursList(ctx.db, region, input.year);
    const health = await healthCheckLines(ctx.db, region, input.year);
    const graduates = await graduateUnits(ctx.db, region, input.year, asOf);
    const note = (rule: string, label: string) => `依据：${rule}。执行政策：${label}`;
    type Official = (typeof graduates.units)[number]['officials'][number] & { unitName: string };
    const sheets = [
      listSheet<(typeof honours.items)[number]>({
        name: '评先评优和代表推荐',
        title: `${region.name} ${input.year} 年评先评优和代表委员推荐资格（可推荐 ${honours.eligibleCount} 个）`,
        columns: [
          { header: '党组织', width: 32, value: (i) => i.orgName },
          { header: '结论', width: 10, value: (i) => (i.eligible ? '可推荐' : '不可推荐') },
          { header: '书记', width: 10, value: (i) => i.secretaryName },
          { header: `${input.year} 年等次`, width: 10, value: (i) => i.gradeLabel ?? '未定级' },
          { header: '原因', width: 60, value: (i) => i.reasons.join('；') },
          { header: '所在区划', width: 16, value: (i) => i.regionName },
          { header: '区县', width: 12, value: (i) => i.countyName },
        ],
        rows: honours.items,
        note: note(honours.rule, honours.policyLabel),
      }),
      listSheet<(typeof health.items)[number]>({
        name: '书记健康体检',
        title: `${region.name} ${input.year} 年基层党组织书记健康体检名单（截至 ${health.asOf}）`,
        columns: [
          { header: '书记', width: 10, value: (i) => i.secretaryName },
          { header: '状态', width: 14, value: (i) => i.statusLabel },
          { header: '尚缺', width: 30, value: (i) => i.lacks.join('；') },
          { header: '党组织', width: 32, value: (i) => i.orgName },
          { header: '连续任职起始', width: 14, value: (i) => i.inOfficeSince ?? '未登记' },
          { header: '连续任职（年）', width: 12, value: (i) => i.consecutiveYears },
          { header: '定为“好”类（年）', width: 14, value: (i) => i.goodYears },
          { header: '所在区划', width: 16, value: (i) => i.regionName },
          { header: '区县', width: 12, value: (i) => i.countyName },
        ],
        rows: health.items,
        note: note(health.rule, health.policyLabel),
      }),
      listSheet<(typeof graduates.units)[number]>({
        name: '大学生村官（区县）',
        title: `${region.name} ${input.year} 年大学生村官担任村党组织书记、副书记情况（截至 ${asOf}）`,
        columns: [
          { header: '区县（市）', width: 16, value: (u) => u.unitName },
          { header: '计入人数', width: 10, value: (u) => u.qualifying },
          { header: '目标', width: 8, value: (u) => u.target },
          { header: '缺额', width: 8, value: (u) => u.shortfall },
          { header: '结论', width: 10, value: (u) => (u.met ? '达标' : '未达标') },
          { header: '可选拔（在村满年限）', width: 20, value: (u) => u.poolCount },
        ],
        rows: graduates.units,
        note: note(graduates.rule, graduates.policyLabel),
      }),
      listSheet<Official>({
        name: '大学生村官（名单）',
        title: `${region.name} ${input.year} 年大学生村官名单（截至 ${asOf}）`,
        columns: [
          { header: '姓名', width: 10, value: (o) => o.name },
          { header: '区县（市）', width: 14, value: (o) => o.unitName },
          { header: '所在村（社区）', width: 18, value: (o) => o.villageName },
          { header: '在村任职', width: 12, value: (o) => o.inVillageSince },
          { header: '任职', width: 16, value: (o) => o.postLabel },
          { header: '任职日期', width: 12, value: (o) => o.postSince },
          { header: '说明', width: 28, value: (o) => o.standing },
        ],
        rows: graduates.units.flatMap((u) =>
          u.officials.map((o) => ({ ...o, unitName: u.unitName })),
        ),
      }),
    ];
    return {
      filename: `${region.name}${input.year}年评先评优与关爱激励名单.xlsx`,
      base64: await buildListWorkbook(sheets),
    };
  }),

  /**
   * Records (or corrects) that a person serves as a college-graduate village official in their
   * village (the person's region, a village or community), since when, and whether selected as
   * the village Party org's secretary or deputy, since when.
   */
  saveGraduateOfficial: scopedProcedure
    .input(saveOfficialInput)
    .mutation(async ({ ctx, input }) => {
      const [person] = await ctx.db
        .select({ id: people.id, regionCode: people.regionCode, level: regions.level })
        .from(people)
        .innerJoin(regions, eq(regions.code, people.regionCode))
        .where(eq(people.id, input.personId));
      if (!person) notFound('人员');
      if (person.level !== 'village') bad('人员（personId）：大学生村官应登记在所任职的村（社区）');
      if ((input.post === null) !== (input.postSince === null))
        bad('任职日期（postSince）：担任书记或副书记时须填写任职日期，未担任时不填');
      if (input.postSince !== null && input.postSince < input.inVillageSince)
        bad('任职日期（postSince）：不能早于在村任职日期');
      if (input.endedOn !== null && input.endedOn < input.inVillageSince)
        bad('离任日期（endedOn）：不能早于在村任职日期');
      const values = {
        personId: person.id,
        regionCode: person.regionCode,
        inVillageSince: input.inVillageSince,
        post: input.post,
        postSince: input.postSince,
        endedOn: input.endedOn,
      };
      if (input.id === undefined) {
        const [current] = await ctx.db
          .select({ id: graduateOfficials.id })
          .from(graduateOfficials)
          .where(and(eq(graduateOfficials.personId, person.id), isNull(graduateOfficials.endedOn)));
        if (current && input.endedOn === null)
          bad('人员（personId）：该人员已登记为大学生村官，请修改原记录');
        const [made] = await ctx.db.insert(graduateOfficials).values(values).returning();
        ctx.audit({
          target: `graduate_official:${defined(made).id}`,
          regionCode: person.regionCode,
          after: values,
        });
        return defined(made);
      }
      const [current] = await ctx.db
        .select()
        .from(graduateOfficials)
        .where(eq(graduateOfficials.id, input.id))
        .for('update');
      if (!current || current.personId !== person.id) notFound('大学生村官记录');
      const [updated] = await ctx.db
        .update(graduateOfficials)
        .set({ ...values, updatedAt: ctx.now() })
        .where(eq(graduateOfficials.id, current.id))
        .returning();
      ctx.audit({
        target: `graduate_official:${current.id}`,
        regionCode: person.regionCode,
        before: {
          inVillageSince: current.inVillageSince,
          post: current.post,
          postSince: current.postSince,
          endedOn: current.endedOn,
        },
        after: values,
      });
      return defined(updated);
    }),
});
