import { defined, inRegion, type Database } from '@dangjian/db';
import {
  orgs,
  people,
  regions,
  secretaryAppointments,
  trainingClasses,
  trainingSignups,
} from '@dangjian/db/schema';
import {
  checkYearlyClasses,
  isNewSecretary,
  TRAINING_DUTIES,
  trainingCoverage,
} from '@dangjian/domain';
import { and, asc, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { loadPolicy } from '../policy';
import { childLevelOf, requireRegion } from './region';

/**
 * Coverage of the secretaries' yearly training duties (000 §2, 002 §3) for a region, as
 * training.coverage and training.coverageExport answer it.
 */

/** A secretary's appointment date: the latest recorded for a current post, else the term start. */
const appointedOnSql = sql<string | null>`(
  select max(coalesce(
    (select max(a.appointed_on) from ${secretaryAppointments} a
      where a.org_id = o.id and a.person_id = "people"."id"),
    o.term_start, date '2000-01-01'))::text
  from ${orgs} o where o.secretary_id = "people"."id")`;

/** The secretaries of a region's orgs, once each (their first org by id), with their post. */
function coverageSecretaries(db: Database, regionCode: string) {
  return db
    .selectDistinctOn([orgs.secretaryId], {
      personId: sql<number>`${orgs.secretaryId}`,
      name: people.name,
      orgName: orgs.name,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      level: regions.level,
      kind: regions.kind,
      category: orgs.category,
      appointedOn: appointedOnSql,
    })
    .from(orgs)
    .innerJoin(people, eq(people.id, orgs.secretaryId))
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(
      and(
        inRegion(orgs.regionCode, regionCode),
        isNotNull(orgs.secretaryId),
        // The same range on the region joined by code, so its index narrows it too.
        inRegion(regions.code, regionCode),
      ),
    )
    .orderBy(orgs.secretaryId, asc(orgs.id));
}
type SecretaryRow = Awaited<ReturnType<typeof coverageSecretaries>>[number];

/** The training completed in a year by people of a region. */
function coverageRecords(db: Database, regionCode: string, year: number) {
  return db
    .select({
      personId: trainingSignups.personId,
      kind: trainingClasses.kind,
      completedOn: sql<string>`${trainingSignups.completedOn}::text`,
      days: sql<number>`${trainingSignups.completedDays}::int`,
    })
    .from(trainingSignups)
    .innerJoin(trainingClasses, eq(trainingClasses.id, trainingSignups.classId))
    .where(
      and(
        inRegion(trainingSignups.regionCode, regionCode),
        between(trainingSignups.completedOn, `${year}-01-01`, `${year}-12-31`),
      ),
    );
}

/** The classes a region organised that start in a year. */
function yearClasses(db: Database, regionCode: string, year: number) {
  return db
    .select({
      id: trainingClasses.id,
      name: trainingClasses.name,
      level: trainingClasses.level,
      regionCode: trainingClasses.regionCode,
      kind: trainingClasses.kind,
      startDate: trainingClasses.startDate,
      endDate: trainingClasses.endDate,
      days: trainingClasses.days,
      capacity: trainingClasses.capacity,
    })
    .from(trainingClasses)
    .where(
      and(
        inRegion(trainingClasses.regionCode, regionCode),
        between(trainingClasses.startDate, `${year}-01-01`, `${year}-12-31`),
      ),
    );
}

/** A secretary's post as the duties know it: village, community, or any other org's. */
function postOf(s: SecretaryRow): 'village' | 'community' | 'other' {
  return s.level === 'village' && (s.category === 'rural' || s.category === 'street_community')
    ? s.kind === 'community'
      ? 'community'
      : 'village'
    : 'other';
}

/** Everyone with a duty pending or overdue, by region code and person. */
function missingPeople(
  result: ReturnType<typeof trainingCoverage>,
  secretaryRows: readonly SecretaryRow[],
  year: number,
) {
  const who = new Map(secretaryRows.map((s) => [String(s.personId), s]));
  return result.people
    .filter((p) => p.missing.length > 0)
    .map((p) => {
      const s = defined(who.get(p.personId));
      return {
        personId: s.personId,
        name: s.name,
        orgName: s.orgName,
        regionCode: s.regionCode,
        regionName: s.regionName,
        appointedOn: s.appointedOn,
        newSecretary: s.appointedOn ? isNewSecretary(s.appointedOn, year) : false,
        missing: p.duties
          .filter((d) => d.status === 'pending' || d.status === 'overdue')
          .map((d) => ({ duty: d.duty, status: d.status, due: d.due })),
      };
    })
    .sort((a, b) =>
      a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.personId - b.personId,
    );
}

/** Per duty, the sums over the child regions. */
function dutyTotals(regionsCoverage: ReturnType<typeof trainingCoverage>['regions']) {
  return TRAINING_DUTIES.map((duty) => {
    const rows = regionsCoverage.flatMap((r) => r.duties.filter((d) => d.duty === duty));
    return {
      duty,
      required: rows.reduce((s, d) => s + d.required, 0),
      fulfilled: rows.reduce((s, d) => s + d.fulfilled, 0),
      overdue: rows.reduce((s, d) => s + d.overdue, 0),
    };
  });
}

/** Secretaries in a region with their post and appointment, and their completions in a year. */
export async function secretaryTrainingCoverage(
  db: Database,
  regionCode: string,
  year: number,
  asOf: string,
) {
  const region = await requireRegion(db, regionCode);
  const [secretaryRows, recordRows, classRows, policy, childLevel] = await Promise.all([
    coverageSecretaries(db, regionCode),
    coverageRecords(db, regionCode, year),
    yearClasses(db, regionCode, year),
    loadPolicy(db, regionCode, year),
    childLevelOf(db, region),
  ]);
  const groupBy = childLevel ?? region.level;
  const result = trainingCoverage(
    {
      year,
      asOf,
      groupBy,
      secretaries: secretaryRows.map((s) => ({
        id: String(s.personId),
        regionCode: s.regionCode,
        post: postOf(s),
        appointedOn: s.appointedOn ?? '2000-01-01',
      })),
      records: recordRows.map((r) => ({ ...r, personId: String(r.personId) })),
    },
    policy,
  );
  const codes = result.regions.map((r) => r.regionCode);
  const names =
    codes.length > 0
      ? await db
          .select({ code: regions.code, name: regions.name })
          .from(regions)
          .where(inArray(regions.code, codes))
      : [];
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const yearly =
    region.level === 'city'
      ? checkYearlyClasses({
          year,
          cityCode: region.code,
          countyCodes: codes,
          classes: classRows.map((c) => ({ ...c, id: String(c.id), capacity: c.capacity })),
        })
      : null;
  return {
    region: { code: region.code, name: region.name, level: region.level },
    year,
    asOf,
    groupBy,
    totals: dutyTotals(result.regions),
    regions: result.regions.map((r) => ({ ...r, name: nameOf.get(r.regionCode) ?? r.regionCode })),
    missing: missingPeople(result, secretaryRows, year),
    secretaries: secretaryRows.length,
    yearlyClasses: yearly,
    policyVersion: result.policyVersion,
    /** The policy in force in people's words (shown instead of the version). */
    policyLabel: policy.label,
    basis: result.basis,
  };
}
