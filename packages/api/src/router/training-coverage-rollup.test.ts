import { defined, inRegion, type Database, type DatabaseHandle } from '@dangjian/db';
import {
  orgs,
  people,
  regions,
  secretaryAppointments,
  trainingClasses,
  trainingSignups,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { isNewSecretary, trainingCoverage } from '@dangjian/domain';
import { and, asc, between, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy';
import { childLevelOf, requireRegion } from '../queries/region';
import { secretaryTrainingCoverage } from '../queries/training-coverage';
import { callerAs } from '../testing';
import { MAX_LISTED_MISSING } from './training';

const CITY = '430700000000';
const DINGCHENG = '430703000000';
const YEAR = 2026;
/** 1 November 2026, 09:00 in China: the rotation deadline has passed, the year end has not. */
const NOW = new Date('2026-11-01T01:00:00Z');

/**
 * The reference: the rows training.coverage used to load (every secretary of the region, once,
 * with their first org; every record completed in the year) judged by the domain's row-based
 * trainingCoverage.
 */
async function rowReference(db: Database, regionCode: string, asOf: string) {
  const region = await requireRegion(db, regionCode);
  const policy = await loadPolicy(db, regionCode, YEAR);
  const groupBy = (await childLevelOf(db, region)) ?? region.level;
  const secretaries = await db
    .selectDistinctOn([orgs.secretaryId], {
      personId: sql<number>`${orgs.secretaryId}`,
      name: people.name,
      orgName: orgs.name,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      level: regions.level,
      kind: regions.kind,
      category: orgs.category,
      appointedOn: sql<string | null>`(
        select max(coalesce(
          (select max(a.appointed_on) from ${secretaryAppointments} a
            where a.org_id = o.id and a.person_id = "people"."id"),
          o.term_start, date '2000-01-01'))::text
        from ${orgs} o where o.secretary_id = "people"."id")`,
    })
    .from(orgs)
    .innerJoin(people, eq(people.id, orgs.secretaryId))
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(and(inRegion(orgs.regionCode, regionCode), isNotNull(orgs.secretaryId)))
    .orderBy(orgs.secretaryId, asc(orgs.id));
  const records = await db
    .select({
      personId: sql<string>`${trainingSignups.personId}::text`,
      kind: trainingClasses.kind,
      completedOn: sql<string>`${trainingSignups.completedOn}::text`,
      days: sql<number>`${trainingSignups.completedDays}::int`,
    })
    .from(trainingSignups)
    .innerJoin(trainingClasses, eq(trainingClasses.id, trainingSignups.classId))
    .where(
      and(
        inRegion(trainingSignups.regionCode, regionCode),
        between(trainingSignups.completedOn, `${YEAR}-01-01`, `${YEAR}-12-31`),
      ),
    );
  const result = trainingCoverage(
    {
      year: YEAR,
      asOf,
      groupBy,
      records,
      secretaries: secretaries.map((s) => ({
        id: String(s.personId),
        regionCode: s.regionCode,
        post:
          s.level === 'village' && (s.category === 'rural' || s.category === 'street_community')
            ? s.kind === 'community'
              ? ('community' as const)
              : ('village' as const)
            : ('other' as const),
        appointedOn: s.appointedOn ?? '2000-01-01',
      })),
    },
    policy,
  );
  const who = new Map(secretaries.map((s) => [String(s.personId), s]));
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
        newSecretary: s.appointedOn ? isNewSecretary(s.appointedOn, YEAR) : false,
        missing: p.duties
          .filter((d) => d.status === 'pending' || d.status === 'overdue')
          .map((d) => ({ duty: d.duty, status: d.status, due: d.due })),
      };
    })
    .sort((a, b) =>
      a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.personId - b.personId,
    );
  return { result, missing, secretaries: secretaries.length, groupBy };
}

describe.each(TEST_DRIVERS)('training coverage counted in SQL on %s', (driver) => {
  let handle: DatabaseHandle;
  let api: Awaited<ReturnType<typeof callerAs>>['api'];
  let codes: string[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api } = await callerAs(handle, 'city_admin', { now: () => NOW }));
    const [township] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'township'), eq(regions.parentCode, DINGCHENG)))
      .orderBy(asc(regions.code))
      .limit(1);
    codes = [CITY, DINGCHENG, defined(township).code];
  }, 600_000);

  afterAll(async () => {
    await handle.close();
  });

  it.each(['2026-03-01', '2026-11-01', '2027-01-15'])(
    'as of %s, the counts per child region, the secretaries and everyone not yet trained equal the row-based answer at city, county and township level',
    async (asOf) => {
      let owed = 0;
      let fulfilled = 0;
      for (const code of codes) {
        const got = await secretaryTrainingCoverage(handle.db, code, YEAR, asOf);
        const ref = await rowReference(handle.db, code, asOf);
        expect(got.groupBy).toBe(ref.groupBy);
        expect(got.regions.map(({ name: _, ...r }) => r)).toEqual(ref.result.regions);
        expect(got.secretaries).toBe(ref.secretaries);
        expect(got.missing).toEqual(ref.missing);
        expect(got.missingTotal).toBe(ref.missing.length);
        expect(got.basis).toEqual(ref.result.basis);
        for (const r of ref.result.regions) {
          for (const d of r.duties) {
            owed += d.required;
            fulfilled += d.fulfilled;
          }
        }
      }
      // The seed gives both outcomes, so the comparison covers fulfilled and missing duties.
      expect(fulfilled).toBeGreaterThan(0);
      expect(owed).toBeGreaterThan(fulfilled);
    },
    120_000,
  );

  it('training.coverage lists the first people not yet trained in code order and counts them all', async () => {
    for (const code of codes) {
      const got = await api.training.coverage({ regionCode: code, year: YEAR });
      const ref = await rowReference(handle.db, code, '2026-11-01');
      expect(got.missing).toEqual(ref.missing.slice(0, MAX_LISTED_MISSING));
      expect(got.missingTotal).toBe(ref.missing.length);
    }
  }, 120_000);
});
