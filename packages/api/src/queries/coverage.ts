import { inRegion, likeContains, type Database } from '@dangjian/db';
import { enterpriseInstructors, enterprises, orgs, people, regions } from '@dangjian/db/schema';
import {
  chinaToday,
  ENTERPRISE_KIND_LABELS,
  FORMATION_PATH_LABELS,
  FORMATION_PATHS,
  FORMATION_PROBLEM_LABELS,
  formationGaps,
  formationRequirement,
  yearOf,
  type FormationPath,
  type FormationProblem,
  type RegionCode,
} from '@dangjian/domain';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, ilike, isNull } from 'drizzle-orm';
import { county, countyOf, policyByCounty, township, townshipOf } from '../orglife';

const ownOrg = alias(orgs, 'own_org');
const jointOrg = alias(orgs, 'joint_org');
export const instructor = alias(people, 'instructor');

function rowsOf(db: Database, regionCode: RegionCode, search?: string) {
  return db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      kind: enterprises.kind,
      regionCode: enterprises.regionCode,
      regionName: regions.name,
      townshipName: township.name,
      countyName: county.name,
      employees: enterprises.employees,
      memberCount: enterprises.memberCount,
      hasUnion: enterprises.hasUnion,
      createdAt: enterprises.createdAt,
      ownOrgId: enterprises.ownOrgId,
      ownOrgName: ownOrg.name,
      jointOrgId: enterprises.jointOrgId,
      jointOrgName: jointOrg.name,
      instructorId: enterpriseInstructors.personId,
      instructorName: instructor.name,
      instructorUnit: enterpriseInstructors.unit,
      instructorSince: enterpriseInstructors.assignedOn,
    })
    .from(enterprises)
    .innerJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(township, townshipOf(enterprises.regionCode))
    .leftJoin(county, countyOf(enterprises.regionCode))
    .leftJoin(ownOrg, eq(ownOrg.id, enterprises.ownOrgId))
    .leftJoin(jointOrg, eq(jointOrg.id, enterprises.jointOrgId))
    .leftJoin(
      enterpriseInstructors,
      and(
        eq(enterpriseInstructors.enterpriseId, enterprises.id),
        isNull(enterpriseInstructors.endedOn),
      ),
    )
    .leftJoin(instructor, eq(instructor.id, enterpriseInstructors.personId))
    .where(
      and(
        inRegion(enterprises.regionCode, regionCode),
        search ? ilike(enterprises.name, likeContains(search)) : undefined,
      ),
    )
    .orderBy(asc(enterprises.regionCode), asc(enterprises.id));
}

/**
 * Every enterprise of a region with its requirement and gaps as of `asOf` (the policy of its
 * county): the list page, the export and the dashboard use this one evaluation. The year of the
 * rule (001 §2 今年年底前实行单独组建) is the year the enterprise entered the ledger: one of 50+
 * employees entered this year must have its own org by 31 December, one entered earlier is
 * overdue.
 */
export async function enterpriseFormationCoverage(
  db: Database,
  regionCode: RegionCode,
  asOf: string,
  search?: string,
) {
  const year = yearOf(asOf);
  const [rows, policyOf] = await Promise.all([
    rowsOf(db, regionCode, search),
    policyByCounty(db, regionCode, year),
  ]);
  return rows.map((r) => {
    const policy = policyOf(r.regionCode);
    const since = Math.min(year, yearOf(chinaToday(r.createdAt)));
    const facts = { id: String(r.id), employees: r.employees, members: r.memberCount };
    const req = formationRequirement(facts, since, policy);
    const { gaps } = formationGaps(
      {
        year: since,
        asOf,
        enterprises: [
          {
            ...facts,
            hasOwnOrg: r.ownOrgId !== null,
            inJointOrg: r.jointOrgId !== null,
            hasUnion: r.hasUnion,
            instructorIds: r.instructorId === null ? [] : [String(r.instructorId)],
          },
        ],
      },
      policy,
    );
    const problems: FormationProblem[] = gaps[0]?.problems ?? [];
    return {
      ...r,
      kindLabel: ENTERPRISE_KIND_LABELS[r.kind],
      path: req.path,
      pathLabel: FORMATION_PATH_LABELS[req.path],
      needsLeaderOrNewMembers: req.needsLeaderOrNewMembers,
      deadline: req.deadline,
      problems,
      problemLabels: problems.map((p) => FORMATION_PROBLEM_LABELS[p]),
      policyVersion: policy.version,
    };
  });
}
export type CoverageItem = Awaited<ReturnType<typeof enterpriseFormationCoverage>>[number];

/** Counts for the summary line and the dashboard. */
export function coverageSummary(items: readonly CoverageItem[]) {
  const byPath = Object.fromEntries(
    FORMATION_PATHS.map((p) => [p, items.filter((i) => i.path === p).length]),
  ) as Record<FormationPath, number>;
  const byProblem = Object.fromEntries(
    (Object.keys(FORMATION_PROBLEM_LABELS) as FormationProblem[]).map((p) => [
      p,
      items.filter((i) => i.problems.includes(p)).length,
    ]),
  ) as Record<FormationProblem, number>;
  return {
    enterprises: items.length,
    withGaps: items.filter((i) => i.problems.length > 0).length,
    withOwnOrg: items.filter((i) => i.ownOrgId !== null).length,
    withInstructor: items.filter((i) => i.instructorId !== null).length,
    byPath,
    byProblem,
  };
}
