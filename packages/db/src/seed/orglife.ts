import { isCountyUnit } from '../scope';
import { and, asc, between, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import {
  demoSites,
  enterpriseInstructors,
  enterprises,
  memberCandidates,
  memberDevQuotas,
  memberDevUnits,
  orgs,
  people,
  rectificationCases,
  regions,
  reserveCadres,
} from '../schema/index';
import { THIS_YEAR } from './cycle';
import { insertJson } from './bulk';
import { createRandom, hashString, type Random } from './random';
import { defined } from '../defined';

/**
 * Organisation-life demo data (组织生活; fictional, deterministic, set-based inserts), as of
 * ORGLIFE_AS_OF in THIS_YEAR:
 * - enterprises (001 §2): every non-public / social-organisation branch of the demo orgs is an
 *   enterprise with its own org; each township has 1–3 more small units (joint org, or
 *   instructor and union), now and then a unit of 50+ employees without an org; about 88 % have
 *   an instructor. The first township of the first county holds 「…示例精密电子有限公司」: 60
 *   employees, 2 members, no Party org (a gap: its own org is due by the year end).
 * - reserve cadres (001 §8): nearly every village-level org gets one (on top of the training
 *   seed's); about 7 % stay without, among them the second village-level org of the first county.
 * - member development (001 §11): a control unit per county plus one university committee in the
 *   first county, quotas for the last and this year (the second county over its plan and
 *   reported, the third over and not reported), new members admitted per village over three
 *   years (the third county's rural structure below 80 % young), exceptions pre-filed before
 *   admission, a pipeline of applicants, activists and candidates (some candidates to pre-file).
 *   In the first county: the first rural village whose term began by THIS_YEAR − 2 developed
 *   nobody in any of the three years (must develop one; its secretary is barred from
 *   nomination); the first rural village re-elected this year developed nobody for two years and
 *   one member this year.
 * - joint meetings (003 §1): for every village-level org a 党群联席会议 in every quarter of THIS_YEAR
 *   (the fourth in half of them so far) and a 班子联席会议 every week of the quarter of
 *   ORGLIFE_AS_OF (weekly records start there, to keep the seed light), with a few weeks and
 *   quarters missed and a few decisions not published; the third village-level org of the first
 *   county missed three weeks of October and the Party–public meeting of the third quarter.
 * - terms (000 §8; 002 §1): in the first county one rural village listed as soft and lax this
 *   year has its election postponed and its term ended (shown as postponed, not overdue).
 * - demonstration sites (001 §10) designated for THIS_YEAR, some categories short of target.
 */
export const ORGLIFE_AS_OF = `${THIS_YEAR}-11-22`;
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function day(year: number, month: number, d: number): string {
  return `${year}-${pad(month)}-${pad(d)}`;
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋',
];
const GIVEN = [...'子豪思雨欣然宇航雅婷志强梦琪俊熙晨阳嘉怡天佑一诺浩宇诗涵明轩'];
const INDUSTRIES = ['农机', '食品', '物流', '建材', '电子', '纺织', '茶业', '电商', '家具', '包装'];
const SOCIAL = ['商会', '个体劳动者协会', '养老服务中心', '农民专业合作社联合会', '社会工作服务站'];
const UNITS = ['委组织部', '委办公室', '人社局', '工商联', '市场监管局'];

type Education = 'junior_high' | 'high_school' | 'college' | 'bachelor';

function nameOf(rnd: Random): string {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '');
}

function personRow(
  rnd: Random,
  regionCode: string,
  birthYear: number,
  education: Education,
): typeof people.$inferInsert {
  return {
    name: nameOf(rnd),
    gender: rnd.chance(0.4) ? 'female' : 'male',
    birthDate: day(birthYear, rnd.int(1, 12), rnd.int(1, 28)),
    education,
    phone: `100${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
    regionCode,
  };
}

interface OrgRow {
  id: number;
  name: string;
  regionCode: string;
  category: (typeof orgs.$inferSelect)['category'];
  memberCount: number;
  secretaryId: number | null;
  termStart: string | null;
  termEnd: string | null;
  level: (typeof regions.$inferSelect)['level'];
  kind: (typeof regions.$inferSelect)['kind'];
}

export interface OrglifeSeedResult {
  enterprises: number;
  instructors: number;
  reserves: number;
  candidates: number;
  meetings: number;
  demoSites: number;
}

export async function seedOrglife(
  tx: Database,
  options: { from: string; to: string; prefix: string },
): Promise<OrglifeSeedResult> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:orglife`));
  const year = THIS_YEAR;
  const township = alias(regions, 'township');
  const [orgRows, counties, townships, cities] = await Promise.all([
    tx
      .select({
        id: orgs.id,
        name: orgs.name,
        regionCode: orgs.regionCode,
        category: orgs.category,
        memberCount: orgs.memberCount,
        secretaryId: orgs.secretaryId,
        termStart: orgs.termStart,
        termEnd: orgs.termEnd,
        level: regions.level,
        kind: regions.kind,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(between(orgs.regionCode, options.from, options.to))
      .orderBy(asc(orgs.regionCode), asc(orgs.id)),
    tx
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(isCountyUnit(regions), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
    tx
      .select({ code: township.code, name: township.name, kind: township.kind })
      .from(township)
      .where(and(eq(township.level, 'township'), between(township.code, options.from, options.to)))
      .orderBy(asc(township.code)),
    tx
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(eq(regions.level, 'city'), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
  ]);
  const empty = { enterprises: 0, instructors: 0, reserves: 0, candidates: 0, meetings: 0 };
  if (orgRows.length === 0 || counties.length === 0) return { ...empty, demoSites: 0 };
  const first = defined(counties[0]).code.slice(0, 6);
  const countyIndex = new Map(counties.map((c, i) => [c.code.slice(0, 6), i]));
  const villageOrgs = orgRows.filter(
    (o) => o.level === 'village' && (o.category === 'rural' || o.category === 'street_community'),
  );
  const ruralVillages = villageOrgs.filter((o) => o.category === 'rural');

  // --- terms: a postponed election in the first county ------------------------------------------
  const firstCountyCases = await tx
    .select({
      id: rectificationCases.id,
      orgId: rectificationCases.orgId,
      postponed: rectificationCases.electionPostponed,
    })
    .from(rectificationCases)
    .where(
      and(
        eq(rectificationCases.year, year),
        between(rectificationCases.regionCode, `${first}000000`, `${first}999999`),
      ),
    )
    .orderBy(asc(rectificationCases.regionCode), asc(rectificationCases.id));
  const ruralIds = new Set(ruralVillages.map((o) => o.id));
  const postponedCase =
    firstCountyCases.find((c) => c.postponed && ruralIds.has(c.orgId)) ??
    firstCountyCases.find((c) => ruralIds.has(c.orgId));
  const postponedOrg = postponedCase
    ? ruralVillages.find((o) => o.id === postponedCase.orgId)
    : undefined;
  if (postponedCase && postponedOrg) {
    if (!postponedCase.postponed) {
      await tx
        .update(rectificationCases)
        .set({ electionPostponed: true, electionCompletionDate: day(year, 12, 20) })
        .where(eq(rectificationCases.id, postponedCase.id));
    }
    if (postponedOrg.termEnd === null || postponedOrg.termEnd >= ORGLIFE_AS_OF) {
      postponedOrg.termStart = day(year - 5, 4, 1);
      postponedOrg.termEnd = day(year, 4, 1);
      await tx
        .update(orgs)
        .set({ termStart: postponedOrg.termStart, termEnd: postponedOrg.termEnd })
        .where(eq(orgs.id, postponedOrg.id));
    }
  }

  // --- enterprises and instructors ---------------------------------------------------------------
  const byTownship = new Map<string, OrgRow[]>();
  for (const o of orgRows) {
    if (o.level !== 'township') continue;
    const list = byTownship.get(o.regionCode) ?? [];
    list.push(o);
    byTownship.set(o.regionCode, list);
  }
  type EnterpriseRow = typeof enterprises.$inferInsert;
  const enterpriseRows: EnterpriseRow[] = [];
  const fixedEnterpriseIndex: number[] = [];
  townships.forEach((t, ti) => {
    const short = t.name.replace(/(街道办事处|街道|镇|乡)$/, '');
    const local = byTownship.get(t.code) ?? [];
    const own = local.filter((o) => o.category === 'non_public' || o.category === 'social_org');
    const joint = own.find((o) => o.category === 'non_public');
    for (const o of own) {
      enterpriseRows.push({
        name: o.name.replace(/党支部$/, ''),
        kind: o.category === 'non_public' ? 'non_public' : 'social_org',
        regionCode: t.code,
        employees: o.category === 'non_public' ? rnd.int(50, 320) : rnd.int(12, 60),
        memberCount: o.memberCount,
        hasUnion: rnd.chance(0.9),
        ownOrgId: o.id,
      });
    }
    if (ti === 0) {
      fixedEnterpriseIndex.push(enterpriseRows.length);
      enterpriseRows.push({
        name: `${short}示例精密电子有限公司`,
        kind: 'non_public',
        regionCode: t.code,
        employees: 60,
        memberCount: 2,
        hasUnion: true,
      });
    }
    const extra = rnd.int(1, 3);
    for (let i = 0; i < extra; i++) {
      const social = rnd.chance(0.3);
      const big = !social && rnd.chance(0.08);
      const members = rnd.pick([0, 0, 0, 1, 2]);
      enterpriseRows.push({
        name: social
          ? `${short}${defined(SOCIAL[(ti + i) % SOCIAL.length])}`
          : `${short}示例${defined(INDUSTRIES[(ti * 3 + i) % INDUSTRIES.length])}有限公司`,
        kind: social ? 'social_org' : 'non_public',
        regionCode: t.code,
        employees: big ? rnd.int(50, 120) : rnd.int(3, 45),
        memberCount: members,
        hasUnion: members === 0 ? rnd.chance(0.75) : rnd.chance(0.5),
        jointOrgId: members > 0 && joint && !big && rnd.chance(0.9) ? joint.id : null,
      });
    }
  });
  // Entered in the ledger in March (so a 50+ unit without an org is due by 31 December).
  const enterpriseIds = await insertJson(
    tx,
    enterprises,
    enterpriseRows.map((e) => ({ ...e, createdAt: new Date(`${year}-03-01T00:00:00+08:00`) })),
  );
  const countyName = new Map(counties.map((c) => [c.code.slice(0, 6), c.name]));
  const withInstructor = enterpriseRows
    .map((e, i) => ({ e, id: defined(enterpriseIds[i]) }))
    .filter((_, i) => fixedEnterpriseIndex.includes(i) || rnd.chance(0.88));
  const instructorPeople = withInstructor.map(({ e }) =>
    personRow(rnd, e.regionCode, rnd.int(1968, 1992), rnd.pick(['college', 'bachelor'] as const)),
  );
  const instructorIds = await insertJson(tx, people, instructorPeople);
  const instructorRows = withInstructor.map(({ e, id }, i) => ({
    enterpriseId: id,
    personId: defined(instructorIds[i]),
    regionCode: e.regionCode,
    unit: `${countyName.get(e.regionCode.slice(0, 6)) ?? ''}${rnd.pick(UNITS)}`,
    assignedOn: day(rnd.int(year - 1, year), rnd.int(1, 10), rnd.int(1, 28)),
  }));
  await insertJson(tx, enterpriseInstructors, instructorRows);

  // --- reserve cadres --------------------------------------------------------------------------
  const existing = await tx
    .select({ orgId: reserveCadres.orgId })
    .from(reserveCadres)
    .where(
      and(between(reserveCadres.regionCode, options.from, options.to), isNull(reserveCadres.until)),
    );
  const hasReserve = new Set(existing.map((r) => r.orgId));
  const firstCountyVillages = villageOrgs.filter((o) => o.regionCode.startsWith(first));
  const keepShort = firstCountyVillages.find((o, i) => i >= 1 && !hasReserve.has(o.id));
  const reserveFor: OrgRow[] = [];
  for (const o of villageOrgs) {
    if (o === keepShort) continue;
    if (!hasReserve.has(o.id) && !rnd.chance(0.07)) reserveFor.push(o);
    if (rnd.chance(0.15)) reserveFor.push(o);
  }
  const reservePeople = reserveFor.map((o) =>
    personRow(
      rnd,
      o.regionCode,
      rnd.int(1981, 2001),
      rnd.pick(['high_school', 'college', 'college', 'bachelor'] as const),
    ),
  );
  const reserveIds = await insertJson(tx, people, reservePeople);
  const reserveRows = reserveFor.map((o, i) => ({
    personId: defined(reserveIds[i]),
    orgId: o.id,
    regionCode: o.regionCode,
    since: day(rnd.int(year - 3, year), rnd.int(1, 10), 1),
  }));
  await insertJson(tx, reserveCadres, reserveRows);

  // --- member development ----------------------------------------------------------------------
  const city = cities[0];
  const unitRows: (typeof memberDevUnits.$inferInsert)[] = counties.map((c) => ({
    regionCode: c.code,
    kind: 'county',
    name: `中共${c.name}委员会`,
  }));
  const school = orgRows.find((o) => o.regionCode.startsWith(first) && o.category === 'school');
  if (school) {
    unitRows.push({
      regionCode: defined(counties[0]).code,
      kind: 'university',
      name: `中共${city?.name ?? ''}示例学院委员会`,
    });
  }
  const units = await tx
    .insert(memberDevUnits)
    .values(unitRows)
    .returning({ id: memberDevUnits.id, regionCode: memberDevUnits.regionCode });
  const countyUnit = new Map(
    units.slice(0, counties.length).map((u) => [u.regionCode.slice(0, 6), u.id]),
  );
  const universityUnit = school ? units[counties.length]?.id : undefined;

  // The fixed two-year cases of the first county.
  const firstRural = ruralVillages.filter(
    (o) => o.regionCode.startsWith(first) && o.id !== postponedOrg?.id,
  );
  const barredVillage = firstRural.find(
    (o) =>
      o.termStart !== null &&
      Number(o.termStart.slice(0, 4)) <= year - 2 &&
      o.termEnd !== null &&
      o.termEnd > ORGLIFE_AS_OF,
  );
  const recoveredVillage = firstRural.find(
    (o) => o !== barredVillage && o.termStart !== null && o.termStart.startsWith(String(year)),
  );
  const youngShare = (code: string) => (countyIndex.get(code.slice(0, 6)) === 2 ? 0.66 : 0.9);

  type Candidate = typeof memberCandidates.$inferInsert;
  const candidateRows: Candidate[] = [];
  const who = (birthYear: number, education: Education) => ({
    name: nameOf(rnd),
    gender: rnd.chance(0.45) ? ('female' as const) : ('male' as const),
    birthDate: day(birthYear, rnd.int(1, 12), rnd.int(1, 28)),
    education,
  });
  const addMember = (o: OrgRow, unitId: number, admitted: string, rural: boolean) => {
    const y = Number(admitted.slice(0, 4));
    const young = rnd.chance(rural ? youngShare(o.regionCode) : 0.9);
    const education: Education = rnd.chance(0.9)
      ? rnd.pick(['high_school', 'college', 'bachelor'] as const)
      : 'junior_high';
    const birthYear = young ? y - rnd.int(21, 34) : y - rnd.int(37, 52);
    const exception = rural && (!young || education === 'junior_high');
    const applied = day(y - 2, rnd.int(1, 12), rnd.int(1, 28));
    const full = day(y + 1, Number(admitted.slice(5, 7)), Number(admitted.slice(8, 10)));
    candidateRows.push({
      ...who(birthYear, education),
      orgId: o.id,
      unitId,
      regionCode: o.regionCode,
      stage: full <= ORGLIFE_AS_OF ? 'full' : 'probationary',
      appliedOn: applied,
      activistOn: day(y - 1, rnd.int(1, 6), rnd.int(1, 28)),
      candidateOn: day(y - 1, rnd.int(7, 12), rnd.int(1, 28)),
      admittedOn: admitted,
      fullOn: full <= ORGLIFE_AS_OF ? full : null,
      preFiledOn: exception ? day(y - 1, 12, 28) : null,
    });
  };
  for (const o of villageOrgs) {
    const unitId = countyUnit.get(o.regionCode.slice(0, 6));
    if (unitId === undefined) continue;
    const rural = o.category === 'rural';
    for (const y of [year - 2, year - 1, year]) {
      let n = rnd.pick([0, 1, 1, 1, 2]);
      if (o === barredVillage) n = 0;
      if (o === recoveredVillage) n = y === year ? 1 : 0;
      const lastMonth = y === year ? 10 : 12;
      for (let k = 0; k < n; k++)
        addMember(o, unitId, day(y, rnd.int(1, lastMonth), rnd.int(1, 28)), rural);
    }
    // The pipeline: one person on the way in most villages.
    if (rnd.chance(0.6)) {
      const stage = rnd.pick(['applicant', 'activist', 'activist', 'candidate'] as const);
      const older = rural && stage === 'candidate' && rnd.chance(0.25);
      candidateRows.push({
        ...who(
          older ? year - rnd.int(38, 50) : year - rnd.int(20, 32),
          rnd.pick(['high_school', 'college', 'bachelor'] as const),
        ),
        orgId: o.id,
        unitId,
        regionCode: o.regionCode,
        stage,
        appliedOn: day(year - 1, rnd.int(1, 12), rnd.int(1, 28)),
        activistOn: stage === 'applicant' ? null : day(year, rnd.int(1, 4), rnd.int(1, 28)),
        candidateOn: stage === 'candidate' ? day(year, rnd.int(5, 9), rnd.int(1, 28)) : null,
      });
    }
  }
  if (school && universityUnit !== undefined) {
    for (let k = 0; k < 30; k++)
      addMember(school, universityUnit, day(year, rnd.int(3, 10), rnd.int(1, 28)), false);
  }
  await insertJson(tx, memberCandidates, candidateRows);

  // Quotas for last year and this year from what each unit developed: most units within plan;
  // the second county over its plan and reported, the third over and not reported.
  const developed = new Map<string, number>();
  for (const c of candidateRows) {
    if (!c.admittedOn) continue;
    const key = `${c.unitId}:${c.admittedOn.slice(0, 4)}`;
    developed.set(key, (developed.get(key) ?? 0) + 1);
  }
  const quotaRows = units.flatMap((u, i) =>
    [year - 1, year].map((y) => {
      const n = developed.get(`${u.id}:${y}`) ?? 0;
      const over = y === year && (i === 1 || i === 2);
      return {
        unitId: u.id,
        regionCode: u.regionCode,
        year: y,
        quota: over ? Math.floor(n * 0.9) : Math.max(5, Math.ceil((n * 1.08) / 5) * 5),
        excessReportedOn: over && i === 1 ? day(y, 10, 15) : null,
      };
    }),
  );
  await tx.insert(memberDevQuotas).values(quotaRows);

  // --- joint meetings (set-based) --------------------------------------------------------------
  const missedOrg = firstCountyVillages[2];
  // 班子联席会议 records start with the quarter of ORGLIFE_AS_OF (weekly records are heavy).
  const quarterStart = day(
    year,
    Math.floor((Number(ORGLIFE_AS_OF.slice(5, 7)) - 1) / 3) * 3 + 1,
    1,
  );
  const quietFrom = day(year, 10, 12);
  const quietTo = day(year, 10, 26);
  const meetings = (await tx.execute(sql`
    with v as (
      select o.id, o.region_code, coalesce(p.name, '村党组织书记') as secretary
      from orgs o join regions r on r.code = o.region_code and r.level = 'village'
        left join people p on p.id = o.secretary_id
      where o.region_code between ${options.from} and ${options.to}
        and o.category in ('rural', 'street_community')
    ),
    weeks as (
      select w::date as monday, row_number() over (order by w) as n
      from generate_series(${quarterStart}::date + ((8 - extract(isodow from ${quarterStart}::date)::int) % 7),
        ${ORGLIFE_AS_OF}::date - 6, interval '7 days') w
    ),
    team as (
      insert into org_meetings (org_id, region_code, kind, meeting_on, convener, attendees,
        attendee_count, topics, decisions)
      select v.id, v.region_code, 'team_joint', weeks.monday + (v.id % 5), v.secretary,
        '村（社区）党组织、自治组织、集体经济组织班子成员及相关人员', 5 + v.id % 5,
        (array['村级日常事务','村道维护和环境整治','低保评议和困难群众帮扶','集体经济项目推进','党员教育管理和组织生活'])[1 + (v.id + weeks.n::int) % 5],
        (array['集体讨论通过，由分管委员负责落实','形成决议，报镇（街道）备案','集体决议，限期办结','同意实施，按“四议两公开”程序推进'])[1 + ((v.id::bigint * 3 + weeks.n) % 4)::int]
      from v cross join weeks
      where case when v.id = ${missedOrg?.id ?? 0}
        then weeks.monday not between ${quietFrom}::date and ${quietTo}::date
        else (v.id::bigint * 7919 + weeks.n * 104729) % 31 <> 0 end
      returning 1
    ),
    quarters as (
      select q, make_date(${year}, q * 3, 1) as month from generate_series(1, 4) q
    ),
    joint as (
      insert into org_meetings (org_id, region_code, kind, meeting_on, convener, attendees,
        attendee_count, topics, decisions, decisions_published_on)
      select v.id, v.region_code, 'party_public_joint',
        case when quarters.q = 4 then make_date(${year}, 10 + v.id % 2, 5 + v.id % 14)
          else quarters.month + (5 + v.id % 20) end,
        v.secretary, '全体党员（代表）、村（居）民代表、股东代表、异地务工人员代表', 40 + v.id % 60,
        (array['年度村级重大事项','集体经济收益分配方案','村庄规划和项目建设','惠民资金使用'])[quarters.q],
        (array['表决通过，按程序组织实施','多数同意，报镇（街道）审核后实施','形成书面决议，交村委会实施'])[1 + v.id % 3],
        case when (v.id::bigint * 13 + quarters.q) % 12 = 0 then null
          else (case when quarters.q = 4 then make_date(${year}, 10 + v.id % 2, 5 + v.id % 14)
            else quarters.month + (5 + v.id % 20) end) + 3 end
      from v cross join quarters
      where case when v.id = ${missedOrg?.id ?? 0} then quarters.q <> 3
        else (v.id::bigint * 31 + quarters.q) % 23 <> 0 end
        and (quarters.q < 4 or v.id % 2 = 0)
      returning 1
    )
    select (select count(*) from team)::int + (select count(*) from joint)::int as n
  `)) as { rows: { n: number }[] };

  // --- demonstration sites ---------------------------------------------------------------------
  const siteRows: (typeof demoSites.$inferInsert)[] = [];
  const designatedOn = day(year, 6, 28);
  const add = (
    category: (typeof demoSites.$inferInsert)['category'],
    regionCode: string,
    name: string,
    orgId: number | null = null,
  ) => siteRows.push({ year, category, regionCode, orgId, name, designatedOn });
  add('county', defined(counties[0]).code, defined(counties[0]).name);
  const towns = townships.filter((t) => t.kind !== 'street');
  const streets = townships.filter((t) => t.kind === 'street');
  towns
    .filter((_, i) => i % 7 === 3)
    .slice(0, 22)
    .forEach((t) => add('township', t.code, t.name));
  streets.slice(0, 2).forEach((t) => add('street', t.code, t.name));
  const villageRegions = await tx
    .select({ code: regions.code, name: regions.name, kind: regions.kind })
    .from(regions)
    .where(and(eq(regions.level, 'village'), between(regions.code, options.from, options.to)))
    .orderBy(asc(regions.code));
  villageRegions
    .filter((r) => r.kind === 'village')
    .filter((_, i) => i % 16 === 5)
    .slice(0, 118)
    .forEach((r) => add('village', r.code, r.name));
  villageRegions
    .filter((r) => r.kind === 'community')
    .filter((_, i) => i % 11 === 2)
    .slice(0, 21)
    .forEach((r) => add('community', r.code, r.name));
  const byCategory = (
    cats: string[],
    take: number,
    category: (typeof demoSites.$inferInsert)['category'],
  ) =>
    orgRows
      .filter((o) => o.level === 'township' && cats.includes(o.category))
      .filter((_, i) => i % 2 === 0)
      .slice(0, take)
      .forEach((o) => add(category, o.regionCode, o.name, o.id));
  byCategory(['organ'], 40, 'organ');
  byCategory(['school', 'health', 'public_institution'], 60, 'institution');
  byCategory(['soe'], 30, 'soe');
  byCategory(['non_public'], 40, 'non_public');
  byCategory(['social_org'], 15, 'social_org');
  await insertJson(tx, demoSites, siteRows);

  return {
    enterprises: enterpriseRows.length,
    instructors: instructorRows.length,
    reserves: reserveRows.length,
    candidates: candidateRows.length,
    meetings: meetings.rows[0]?.n ?? 0,
    demoSites: siteRows.length,
  };
}
