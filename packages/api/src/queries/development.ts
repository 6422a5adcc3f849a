import { defined, inRegion, likeContains, type Database } from '@dangjian/db';
import {
  memberCandidates,
  memberDevQuotas,
  memberDevUnits,
  orgs,
  regions,
} from '@dangjian/db/schema';
import {
  fullYearsBetween,
  memberDevPreFilingText,
  preFilingReasons,
  type MemberDevStage,
  groupBy,
  checkDevelopmentQuota,
  checkRuralNewMemberStructure,
  chineseNumeral,
  EDUCATION_LABELS,
  MEMBER_DEV_STAGE_LABELS,
  memberDevelopmentText,
  memberDevQuotaText,
  memberDevStagnantText,
  memberDevStructureText,
  PRE_FILING_REASON_LABELS,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { and, asc, count, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import { county, policyByCounty, countyOf, stagnantVillages, villageOrgRows } from '../orglife';
import { loadPolicy } from '../policy';

const admittedIn = (year: number) =>
  sql`${memberCandidates.admittedOn} between ${`${year}-01-01`} and ${`${year}-12-31`}`;

/** Plan against admissions per control unit in a region (checkDevelopmentQuota). */
export async function quotaLines(
  db: Database,
  regionCode: RegionCode,
  year: number,
  policy: ResolvedPolicy,
) {
  const [units, developed] = await Promise.all([
    db
      .select({
        id: memberDevUnits.id,
        name: memberDevUnits.name,
        kind: memberDevUnits.kind,
        regionCode: memberDevUnits.regionCode,
        quota: memberDevQuotas.quota,
        excessReportedOn: memberDevQuotas.excessReportedOn,
      })
      .from(memberDevUnits)
      .leftJoin(
        memberDevQuotas,
        and(eq(memberDevQuotas.unitId, memberDevUnits.id), eq(memberDevQuotas.year, year)),
      )
      .where(inRegion(memberDevUnits.regionCode, regionCode))
      .orderBy(asc(memberDevUnits.regionCode), asc(memberDevUnits.kind), asc(memberDevUnits.id)),
    db
      .select({ unitId: memberCandidates.unitId, n: count() })
      .from(memberCandidates)
      .where(and(inRegion(memberCandidates.regionCode, regionCode), admittedIn(year)))
      .groupBy(memberCandidates.unitId),
  ]);
  const n = new Map(developed.map((d) => [d.unitId, d.n]));
  const check = checkDevelopmentQuota(
    {
      units: units.map((u) => ({
        id: String(u.id),
        kind: u.kind,
        quota: u.quota ?? 0,
        developed: n.get(u.id) ?? 0,
        excessReported: u.excessReportedOn !== null,
      })),
    },
    policy,
  );
  return {
    ...check,
    units: units.map((u, i) => ({
      ...defined(check.units[i]),
      id: u.id,
      name: u.name,
      kind: u.kind,
      kindLabel: u.kind === 'county' ? '县级党委' : '高校党委',
      regionCode: u.regionCode,
      planned: u.quota !== null,
      excessReportedOn: u.excessReportedOn,
    })),
  };
}

/** New rural members admitted in the year, per county (checkRuralNewMemberStructure). */
async function structureByCounty(
  db: Database,
  regionCode: RegionCode,
  year: number,
  policyOf: (code: string) => ResolvedPolicy,
) {
  const rows = await db
    .select({
      id: memberCandidates.id,
      regionCode: memberCandidates.regionCode,
      countyName: county.name,
      birthDate: memberCandidates.birthDate,
      education: memberCandidates.education,
      admittedOn: memberCandidates.admittedOn,
      preFiledOn: memberCandidates.preFiledOn,
    })
    .from(memberCandidates)
    .innerJoin(orgs, and(eq(orgs.id, memberCandidates.orgId), eq(orgs.category, 'rural')))
    .leftJoin(county, countyOf(memberCandidates.regionCode))
    .where(and(inRegion(memberCandidates.regionCode, regionCode), admittedIn(year)));
  const groups = groupBy(rows, (r) => r.regionCode.slice(0, 6));
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, members]) => {
      const check = checkRuralNewMemberStructure(
        {
          members: members.map((m) => ({
            id: String(m.id),
            birthDate: m.birthDate,
            education: m.education,
            admittedOn: defined(m.admittedOn),
            preFiled: m.preFiledOn !== null && m.preFiledOn <= defined(m.admittedOn),
          })),
        },
        policyOf(defined(members[0]).regionCode),
      );
      return {
        countyCode: `${code}000000`,
        countyName: defined(members[0]).countyName ?? code,
        ...check,
      };
    });
}

/** Villages under the two-year rule (must develop this year, or secretary barred), with names. */
async function stagnantList(
  db: Database,
  scopeCode: RegionCode,
  regionCode: RegionCode,
  year: number,
  policyOf: (code: string) => ResolvedPolicy,
) {
  const [rules, villages] = await Promise.all([
    stagnantVillages(db, scopeCode, regionCode, year, policyOf),
    villageOrgRows(db, regionCode),
  ]);
  return villages.flatMap((v) => {
    const r = rules.get(v.orgId);
    if (!r || (!r.mustDevelopThisYear && !r.secretaryNominationBarred)) return [];
    return [{ ...v, ...r }];
  });
}

/** The pipeline, paged and filtered, with ages and pre-filing needs. */
export function candidateQuery(
  regionCode: RegionCode,
  stage: MemberDevStage | undefined,
  search: string | undefined,
) {
  return and(
    inRegion(memberCandidates.regionCode, regionCode),
    stage ? eq(memberCandidates.stage, stage) : undefined,
    search ? ilike(memberCandidates.name, likeContains(search)) : undefined,
  );
}

const candidateColumns = {
  id: memberCandidates.id,
  name: memberCandidates.name,
  gender: memberCandidates.gender,
  birthDate: memberCandidates.birthDate,
  education: memberCandidates.education,
  stage: memberCandidates.stage,
  appliedOn: memberCandidates.appliedOn,
  activistOn: memberCandidates.activistOn,
  candidateOn: memberCandidates.candidateOn,
  admittedOn: memberCandidates.admittedOn,
  fullOn: memberCandidates.fullOn,
  preFiledOn: memberCandidates.preFiledOn,
  orgId: memberCandidates.orgId,
  orgName: orgs.name,
  category: orgs.category,
  regionCode: memberCandidates.regionCode,
  regionName: regions.name,
  countyName: county.name,
};

export function selectCandidates(db: Database) {
  return db
    .select(candidateColumns)
    .from(memberCandidates)
    .innerJoin(orgs, eq(orgs.id, memberCandidates.orgId))
    .innerJoin(regions, eq(regions.code, memberCandidates.regionCode))
    .leftJoin(county, countyOf(memberCandidates.regionCode));
}

type CandidateRow = Awaited<ReturnType<typeof selectCandidates>>[number];

export function describeCandidate(c: CandidateRow, asOf: string, policy: ResolvedPolicy) {
  const admittedOn = c.admittedOn ?? asOf;
  const reasons = preFilingReasons(
    {
      birthDate: c.birthDate,
      education: c.education,
      admittedOn,
      rural: c.category === 'rural',
    },
    policy,
  );
  return {
    ...c,
    age: fullYearsBetween(c.birthDate, asOf),
    educationLabel: EDUCATION_LABELS[c.education],
    stageLabel: MEMBER_DEV_STAGE_LABELS[c.stage],
    stageSince: c[STAGE_DATE[c.stage]],
    preFilingReasons: reasons.map((r) => PRE_FILING_REASON_LABELS[r]),
    /** Needs pre-filing and is not (yet) filed: to do before admission (or a breach after it). */
    preFilingMissing: reasons.length > 0 && (c.preFiledOn === null || c.preFiledOn > admittedOn),
  };
}

/** Rural candidates on the way in (not yet admitted) who must be pre-filed and are not. */
async function toPreFile(
  db: Database,
  regionCode: RegionCode,
  asOf: string,
  policyOf: (code: string) => ResolvedPolicy,
) {
  const rows = await selectCandidates(db)
    .where(
      and(
        inRegion(memberCandidates.regionCode, regionCode),
        inArray(memberCandidates.stage, ['applicant', 'activist', 'candidate']),
        isNull(memberCandidates.preFiledOn),
        eq(orgs.category, 'rural'),
      ),
    )
    .orderBy(asc(memberCandidates.regionCode), asc(memberCandidates.id));
  return rows
    .map((r) => describeCandidate(r, asOf, policyOf(r.regionCode)))
    .filter((r) => r.preFilingMissing);
}

/** A count of years as people say it: 2 → 两, 3 → 三. */
export function yearsWord(n: number): string {
  return n === 2 ? '两' : chineseNumeral(n);
}

/** Everything the overview shows; the dashboard uses the counts. */
export async function developmentOverview(
  db: Database,
  scopeCode: RegionCode,
  regionCode: RegionCode,
  year: number,
  asOf: string,
) {
  const [policy, policyOf] = await Promise.all([
    loadPolicy(db, regionCode, year),
    policyByCounty(db, regionCode, year),
  ]);
  const [quota, structure, stagnant, preFiling] = await Promise.all([
    quotaLines(db, regionCode, year, policy),
    structureByCounty(db, regionCode, year, policyOf),
    stagnantList(db, scopeCode, regionCode, year, policyOf),
    toPreFile(db, regionCode, asOf, policyOf),
  ]);
  const [admitted] = await db
    .select({ n: count() })
    .from(memberCandidates)
    .where(and(inRegion(memberCandidates.regionCode, regionCode), admittedIn(year)));
  return {
    quota,
    structure,
    stagnant,
    preFiling,
    admitted: admitted?.n ?? 0,
    /** The rules in force for the region, in people's words (they follow its own values). */
    rules: {
      all: memberDevelopmentText(policy),
      quota: memberDevQuotaText(policy),
      structure: memberDevStructureText(policy),
      preFiling: memberDevPreFilingText(policy),
      stagnant: memberDevStagnantText(policy),
    },
    youngMaxAge: policy.values.memberDevYoungMaxAge,
    stagnantYears: policy.values.memberDevStagnantYears,
    /** The streak as people say it (两, 三). */
    stagnantYearsWord: yearsWord(policy.values.memberDevStagnantYears),
    policyLabel: policy.label,
  };
}

export const STAGE_DATE = {
  applicant: 'appliedOn',
  activist: 'activistOn',
  candidate: 'candidateOn',
  probationary: 'admittedOn',
  full: 'fullOn',
} as const satisfies Record<MemberDevStage, string>;
