import { defined, inRegion, type Database, type DatabaseHandle } from '@dangjian/db';
import {
  orgs,
  people,
  rectificationCases,
  regions,
  secretaryAppointments,
  trainingClasses,
  trainingSignups,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import {
  computeUpgradeTargets,
  GRADES,
  isNewSecretary,
  REGION_PREFIX_LENGTH,
  trainingCoverage,
} from '@dangjian/domain';
import { and, asc, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy';
import { evaluateFloors } from '../queries/floors';
import { childLevelOf, requireRegion } from '../queries/region';
import { secretaryTrainingCoverage } from '../queries/training-coverage';
import { comparable, gradedOrgs } from '../queries/upgrade';
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

/**
 * The roll-ups count in SQL (grade movements per child region, accepted cases, training
 * coverage); these tests compare their answers on the seeded 常德 data with the domain's answer
 * over the rows. One seeded city per driver serves them all (seeding is the slow part).
 */
describe.each(TEST_DRIVERS)('region roll-ups counted in SQL on %s', (driver) => {
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
    // Edge cases for the accepted count: a failed acceptance, and an accepted case withdrawn.
    const cases = await handle.db
      .select({ id: rectificationCases.id })
      .from(rectificationCases)
      .where(eq(rectificationCases.year, YEAR))
      .orderBy(asc(rectificationCases.id))
      .limit(2);
    const [failed, withdrawn] = cases.map((c) => c.id);
    await handle.db
      .update(rectificationCases)
      .set({ acceptanceBy: 'county', acceptedOn: '2026-10-01', acceptancePassed: false })
      .where(inArray(rectificationCases.id, [defined(failed)]));
    await handle.db
      .update(rectificationCases)
      .set({
        acceptanceBy: 'county',
        acceptedOn: '2026-10-01',
        acceptancePassed: true,
        status: 'accepted',
        withdrawnAt: NOW,
        withdrawnReason: '误列',
      })
      .where(inArray(rectificationCases.id, [defined(withdrawn)]));
  }, 600_000);

  afterAll(async () => {
    await handle.close();
  });

  it("each child's upgrade lines equal the domain's answer over that child's graded orgs", async () => {
    let measured = 0;
    for (const code of codes) {
      const o = await api.dashboard.overview({ regionCode: code, year: YEAR });
      const rows = await gradedOrgs(handle.db, code, YEAR);
      const length = o.childLevel ? REGION_PREFIX_LENGTH[o.childLevel] : 12;
      for (const child of o.children) {
        const mine = rows.filter(
          (r) => r.regionCode.slice(0, length) === child.code.slice(0, length),
        );
        const policy = await loadPolicy(handle.db, child.own ? code : child.code, YEAR);
        const expected = computeUpgradeTargets({ orgs: comparable(mine) }, policy).lines;
        expect(child.upgrade).toEqual(
          expected.map((l) => ({
            grade: l.grade,
            label: l.label,
            measure: l.measure,
            orgCount: l.orgCount,
            achieved: l.achieved,
            rate: l.rate,
            targetPercent: l.targetPercent,
            met: l.met,
          })),
        );
        measured += expected.reduce((n, l) => n + l.orgCount, 0);
      }
      const overall = computeUpgradeTargets(
        { orgs: comparable(rows) },
        await loadPolicy(handle.db, code, YEAR),
      );
      expect(o.upgrade).toEqual(overall.lines);
      expect(GRADES.map((g) => o.upgrade.find((l) => l.grade === g)?.orgCount)).toEqual(
        GRADES.map((g) => overall.lines.find((l) => l.grade === g)?.orgCount),
      );
    }
    expect(measured).toBeGreaterThan(0);
  });

  it('the conversion counts the listed cases the domain calls accepted, withdrawn ones left out', async () => {
    for (const code of codes) {
      const list = await api.rectification.list({ regionCode: code, year: YEAR });
      const counted = list.items.filter((i) => !i.withdrawn);
      expect(list.conversion.listed).toBe(counted.length);
      expect(list.conversion.converted).toBe(counted.filter((i) => i.status === 'accepted').length);
      expect(list.itemsTotal).toBe(list.items.length);
    }
    const city = await api.rectification.list({ regionCode: CITY, year: YEAR });
    expect(city.conversion.converted).toBeGreaterThan(0);
    expect(city.items.some((i) => i.status === 'failed_acceptance')).toBe(true);
    expect(city.items.some((i) => i.withdrawn && i.status === 'accepted')).toBe(true);
  });

  it('a page of the case list is that slice of the whole list, with the same figures', async () => {
    const all = await api.rectification.list({ regionCode: CITY, year: YEAR });
    const page = await api.rectification.list({
      regionCode: CITY,
      year: YEAR,
      page: 2,
      pageSize: 7,
    });
    expect(page.items).toEqual(all.items.slice(7, 14));
    expect(page).toMatchObject({ itemsTotal: all.items.length, page: 2, pageSize: 7 });
    expect(page.conversion).toEqual(all.conversion);
    expect(page.quota).toEqual(all.quota);
    expect(page.byCounty).toEqual(all.byCounty);
    expect(all).toMatchObject({ page: 1, pageSize: null });
  });

  it("the overview's floor counts (people not looked up by name) equal the floors page's report", async () => {
    let evaluated = 0;
    for (const code of codes) {
      const o = await api.dashboard.overview({ regionCode: code, year: YEAR });
      const page = await evaluateFloors(handle.db, code, YEAR);
      expect(o.floors).toEqual({
        partial: page.partial,
        scopeNote: page.scopeNote,
        units: page.units.map((u) => ({
          code: u.code,
          name: u.name,
          evaluated: u.evaluated,
          met: u.met,
          unmet: u.unmet,
        })),
        summary: page.summary,
      });
      evaluated += page.summary.reduce((n, s) => n + s.evaluated, 0);
    }
    expect(evaluated).toBeGreaterThan(0);
  });

  describe('training coverage counted in SQL', () => {
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
});
