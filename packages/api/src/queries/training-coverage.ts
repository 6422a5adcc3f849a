import { inRegion, rowsOf, type Database } from '@dangjian/db';
import { regions, trainingClasses } from '@dangjian/db/schema';
import {
  checkYearlyClasses,
  isNewSecretary,
  REGION_PREFIX_LENGTH,
  regionCodeRange,
  TRAINING_DUTIES,
  trainingCoverageFromCounts,
  unfulfilledDutyStatus,
  type RegionLevel,
  type ResolvedPolicy,
  type TrainingDuty,
} from '@dangjian/domain';
import { and, between, inArray, sql } from 'drizzle-orm';
import { loadPolicy } from '../policy';
import { childLevelOf, requireRegion } from './region';

/**
 * Coverage of the secretaries' yearly training duties (000 §2, 002 §3) for a region, as
 * training.coverage and training.coverageExport answer it. The database counts, per child region,
 * who owes each duty and who fulfilled it (trainingCoverageFromCounts judges the counts), and
 * lists only the people with a duty not fulfilled; trainingCoverage in @dangjian/domain is the
 * row-based reference these counts mirror (rollup tests compare the two).
 */

/**
 * Per secretary of the region (once each: their first org by id), whether they owe and have
 * fulfilled each duty of `year`, under trainingCoverage's rules:
 * - appointed on: the latest appointment recorded for any post they hold, else its term start
 *   (2000-01-01 when neither is known); nobody appointed after the year owes anything;
 * - records: the region's signups completed within the year;
 * - rotation_first_half: a village-level secretary of a rural or community org appointed by the
 *   deadline (trainingRotationDeadline) owes it; any 'rotation' record fulfils it;
 * - annual: owed by all; trainingAnnualTimesMin records of any kind but 'reserve' fulfil it;
 * - new_secretary_special: owed when appointed within the year; a 'special' record of at least
 *   trainingNewSecretaryMinDays days completed on or after the appointment fulfils it.
 */
function dutyFlagsSql(regionCode: string, year: number, policy: ResolvedPolicy) {
  const { from, to } = regionCodeRange(regionCode);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const rotationDue = `${year}-${policy.values.trainingRotationDeadline}`;
  const v = policy.values;
  return sql`with sec as (
    select distinct on (o.secretary_id) o.secretary_id as person_id, o.id as org_id, o.region_code,
      (r.level = 'village' and o.category in ('rural', 'street_community')) as village_post,
      coalesce((select max(coalesce(
          (select max(a.appointed_on) from secretary_appointments a
            where a.org_id = o2.id and a.person_id = o.secretary_id),
          o2.term_start, date '2000-01-01'))
        from orgs o2 where o2.secretary_id = o.secretary_id), date '2000-01-01') as appointed_on
    from orgs o join people p on p.id = o.secretary_id join regions r on r.code = o.region_code
    where o.region_code between ${from} and ${to} and o.secretary_id is not null
      and r.code between ${from} and ${to}
    order by o.secretary_id, o.id
  ), rec as (
    select t.person_id, c.kind, t.completed_on, t.completed_days
    from training_signups t join training_classes c on c.id = t.class_id
    where t.region_code between ${from} and ${to}
      and t.completed_on between ${yearStart}::date and ${yearEnd}::date
  ), flags as (
    select s.person_id, s.org_id, s.region_code, s.appointed_on,
      s.appointed_on <= ${yearEnd}::date as owes_annual,
      (s.village_post and s.appointed_on <= ${rotationDue}::date) as owes_rotation,
      s.appointed_on between ${yearStart}::date and ${yearEnd}::date as owes_special,
      coalesce(bool_or(x.kind = 'rotation'), false) as has_rotation,
      count(x.person_id) filter (where x.kind <> 'reserve') >= ${v.trainingAnnualTimesMin}::int
        as has_annual,
      coalesce(bool_or(x.kind = 'special'
        and x.completed_days >= ${v.trainingNewSecretaryMinDays}::int
        and x.completed_on >= s.appointed_on), false) as has_special
    from sec s left join rec x on x.person_id = s.person_id
    group by s.person_id, s.org_id, s.region_code, s.appointed_on, s.village_post
  ), duty as (
    select *, owes_rotation and not has_rotation as miss_rotation,
      owes_annual and not has_annual as miss_annual,
      owes_special and not has_special as miss_special
    from flags
  )`;
}

interface CountRow extends Record<string, unknown> {
  region_code: string;
  secretaries: number;
  rotation_required: number;
  rotation_fulfilled: number;
  annual_required: number;
  annual_fulfilled: number;
  special_required: number;
  special_fulfilled: number;
  missing: number;
}

interface MissingRow extends Record<string, unknown> {
  person_id: number;
  name: string;
  org_name: string;
  region_code: string;
  region_name: string;
  appointed_on: string;
  miss_rotation: boolean;
  miss_annual: boolean;
  miss_special: boolean;
}

/**
 * In one statement (the duties judged once): per child region (codes cut to `level` and padded)
 * the secretaries and each duty's counts, and the people with a duty not fulfilled by region
 * code and person id, the first `limit` only.
 */
async function dutyCounts(
  db: Database,
  flags: ReturnType<typeof dutyFlagsSql>,
  level: RegionLevel,
  limit?: number,
) {
  const length = sql.raw(String(REGION_PREFIX_LENGTH[level]));
  const [row] = await rowsOf<{ counts: CountRow[] | null; listed: MissingRow[] | null }>(
    db,
    sql`${flags} select
    (select json_agg(c order by c.region_code) from (
      select rpad(left(region_code, ${length}), 12, '0') as region_code,
        count(*)::int as secretaries,
        count(*) filter (where owes_rotation)::int as rotation_required,
        count(*) filter (where owes_rotation and has_rotation)::int as rotation_fulfilled,
        count(*) filter (where owes_annual)::int as annual_required,
        count(*) filter (where owes_annual and has_annual)::int as annual_fulfilled,
        count(*) filter (where owes_special)::int as special_required,
        count(*) filter (where owes_special and has_special)::int as special_fulfilled,
        count(*) filter (where miss_rotation or miss_annual or miss_special)::int as missing
      from duty group by 1) c) as counts,
    (select json_agg(l order by l.region_code, l.person_id) from (
      select d.person_id, p.name, o.name as org_name, d.region_code,
        r.name as region_name, d.appointed_on::text as appointed_on,
        d.miss_rotation, d.miss_annual, d.miss_special
      from duty d join people p on p.id = d.person_id join orgs o on o.id = d.org_id
        join regions r on r.code = d.region_code
      where d.miss_rotation or d.miss_annual or d.miss_special
      order by d.region_code, d.person_id ${limit === undefined ? sql`` : sql`limit ${limit}`}) l)
      as listed`,
  );
  return { counts: row?.counts ?? [], listed: row?.listed ?? [] };
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

/** A listed person with their unfulfilled duties, each pending or overdue as of `asOf`. */
function missingPerson(row: MissingRow, year: number, asOf: string, policy: ResolvedPolicy) {
  const missed: Record<TrainingDuty, boolean> = {
    rotation_first_half: row.miss_rotation,
    annual: row.miss_annual,
    new_secretary_special: row.miss_special,
  };
  return {
    personId: row.person_id,
    name: row.name,
    orgName: row.org_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    appointedOn: row.appointed_on as string | null,
    newSecretary: isNewSecretary(row.appointed_on, year),
    missing: TRAINING_DUTIES.filter((d) => missed[d]).map((d) =>
      unfulfilledDutyStatus(d, year, asOf, policy),
    ),
  };
}

/** The child regions' counts as trainingCoverageFromCounts takes them (regions owing nothing dropped). */
function countsInput(rows: readonly CountRow[]) {
  return rows
    .filter((r) => r.annual_required > 0)
    .map((r) => ({
      regionCode: r.region_code,
      duties: [
        {
          duty: 'rotation_first_half' as const,
          required: r.rotation_required,
          fulfilled: r.rotation_fulfilled,
        },
        { duty: 'annual' as const, required: r.annual_required, fulfilled: r.annual_fulfilled },
        {
          duty: 'new_secretary_special' as const,
          required: r.special_required,
          fulfilled: r.special_fulfilled,
        },
      ],
    }));
}

/** Per duty, the sums over the child regions. */
function dutyTotals(regionsCoverage: ReturnType<typeof trainingCoverageFromCounts>['regions']) {
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

/** The names of region codes. */
async function regionNames(db: Database, codes: string[]) {
  const names =
    codes.length > 0
      ? await db
          .select({ code: regions.code, name: regions.name })
          .from(regions)
          .where(inArray(regions.code, codes))
      : [];
  return new Map(names.map((n) => [n.code, n.name]));
}

/**
 * The coverage of a region's secretaries in a year: per child region the duties' counts, the
 * people with a duty not fulfilled (the first `listLimit` of them when given; missingTotal counts
 * them all), and for a city whether the yearly classes were held (001 §6).
 */
export async function secretaryTrainingCoverage(
  db: Database,
  regionCode: string,
  year: number,
  asOf: string,
  listLimit?: number,
) {
  const region = await requireRegion(db, regionCode);
  const [policy, childLevel] = await Promise.all([
    loadPolicy(db, regionCode, year),
    childLevelOf(db, region),
  ]);
  const groupBy = childLevel ?? region.level;
  const flags = dutyFlagsSql(regionCode, year, policy);
  const [{ counts: countRows, listed: missing }, classRows] = await Promise.all([
    dutyCounts(db, flags, groupBy, listLimit),
    yearClasses(db, regionCode, year),
  ]);
  const result = trainingCoverageFromCounts(
    { year, asOf, regions: countsInput(countRows) },
    policy,
  );
  const codes = result.regions.map((r) => r.regionCode);
  const nameOf = await regionNames(db, codes);
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
    missing: missing.map((row) => missingPerson(row, year, asOf, policy)),
    missingTotal: countRows.reduce((s, r) => s + r.missing, 0),
    secretaries: countRows.reduce((s, r) => s + r.secretaries, 0),
    yearlyClasses: yearly,
    policyVersion: result.policyVersion,
    /** The policy in force in people's words (shown instead of the version). */
    policyLabel: policy.label,
    basis: result.basis,
  };
}
