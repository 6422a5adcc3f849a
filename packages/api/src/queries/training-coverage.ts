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

/** Secretaries in a region with their post and appointment, and their completions in a year. */
export async function secretaryTrainingCoverage(
  db: Database,
  regionCode: string,
  year: number,
  asOf: string,
) {
  const region = await requireRegion(db, regionCode);
  const [secretaryRows, recordRows, classRows] = await Promise.all([
    db
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
      .orderBy(orgs.secretaryId, asc(orgs.id)),
    db
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
      ),
    db
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
      ),
  ]);
  const policy = await loadPolicy(db, regionCode, year);
  const groupBy = (await childLevelOf(db, region)) ?? region.level;
  const result = trainingCoverage(
    {
      year,
      asOf,
      groupBy,
      secretaries: secretaryRows.map((s) => ({
        id: String(s.personId),
        regionCode: s.regionCode,
        post:
          s.level === 'village' && (s.category === 'rural' || s.category === 'street_community')
            ? s.kind === 'community'
              ? 'community'
              : 'village'
            : 'other',
        appointedOn: s.appointedOn ?? '2000-01-01',
      })),
      records: recordRows.map((r) => ({
        personId: String(r.personId),
        kind: r.kind,
        completedOn: r.completedOn,
        days: r.days,
      })),
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
  const who = new Map(secretaryRows.map((s) => [String(s.personId), s]));
  const missing = result.people
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
  const totals = TRAINING_DUTIES.map((duty) => {
    const rows = result.regions.flatMap((r) => r.duties.filter((d) => d.duty === duty));
    return {
      duty,
      required: rows.reduce((s, d) => s + d.required, 0),
      fulfilled: rows.reduce((s, d) => s + d.fulfilled, 0),
      overdue: rows.reduce((s, d) => s + d.overdue, 0),
    };
  });
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
    totals,
    regions: result.regions.map((r) => ({ ...r, name: nameOf.get(r.regionCode) ?? r.regionCode })),
    missing,
    secretaries: secretaryRows.length,
    yearlyClasses: yearly,
    policyVersion: result.policyVersion,
    /** The policy in force in people's words (shown instead of the version). */
    policyLabel: policy.label,
    basis: result.basis,
  };
}
