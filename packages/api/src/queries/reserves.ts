import { defined, inRegion, type Database } from '@dangjian/db';
import { people, reserveCadres } from '@dangjian/db/schema';
import {
  checkReserveCadres,
  EDUCATION_LABELS,
  fullYearsBetween,
  yearOf,
  youngLeaderLedger,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { policyByCounty, softAndLax, villageOrgRows } from '../orglife';

function ageOf(birthDate: string | null, asOf: string): number | null {
  return birthDate ? fullYearsBetween(birthDate, asOf) : null;
}

/** Current reserves (no end date) of the village-level orgs in a region. */
function currentReserves(db: Database, regionCode: RegionCode) {
  return db
    .select({
      id: reserveCadres.id,
      orgId: reserveCadres.orgId,
      personId: people.id,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      education: people.education,
      since: reserveCadres.since,
    })
    .from(reserveCadres)
    .innerJoin(people, eq(people.id, reserveCadres.personId))
    .where(and(inRegion(reserveCadres.regionCode, regionCode), isNull(reserveCadres.until)))
    .orderBy(asc(reserveCadres.orgId), asc(reserveCadres.id));
}

/** Every village-level org with its reserves and requirement (checkReserveCadres per county policy). */
export async function reserveLines(db: Database, regionCode: RegionCode, asOf: string) {
  const year = yearOf(asOf);
  const [villages, reserves, problems, policyOf] = await Promise.all([
    villageOrgRows(db, regionCode),
    currentReserves(db, regionCode),
    softAndLax(db, regionCode, year),
    policyByCounty(db, regionCode, year),
  ]);
  const byOrg = new Map<number, typeof reserves>();
  for (const r of reserves) {
    const list = byOrg.get(r.orgId);
    if (list) list.push(r);
    else byOrg.set(r.orgId, [r]);
  }
  // One rule call per policy in force (a county may override the city), not one per village.
  const byPolicy = new Map<ResolvedPolicy, typeof villages>();
  for (const v of villages) {
    const policy = policyOf(v.regionCode);
    const list = byPolicy.get(policy);
    if (list) list.push(v);
    else byPolicy.set(policy, [v]);
  }
  const lineOf = new Map<string, ReturnType<typeof checkReserveCadres>['lines'][number]>();
  for (const [policy, group] of byPolicy) {
    const result = checkReserveCadres(
      {
        villages: group.map((v) => ({
          id: String(v.orgId),
          problemVillage: problems.has(v.orgId),
          reserveCount: byOrg.get(v.orgId)?.length ?? 0,
        })),
      },
      policy,
    );
    for (const line of result.lines) lineOf.set(line.villageId, line);
  }
  return villages.map((v) => {
    const mine = byOrg.get(v.orgId) ?? [];
    const problemVillage = problems.has(v.orgId);
    const policy = policyOf(v.regionCode);
    const line = lineOf.get(String(v.orgId));
    return {
      ...v,
      problemVillage,
      required: defined(line).required,
      actual: defined(line).actual,
      shortfall: defined(line).shortfall,
      reserves: mine.map((r) => ({
        ...r,
        age: ageOf(r.birthDate, asOf),
        educationLabel: r.education ? EDUCATION_LABELS[r.education] : '——',
      })),
      policyVersion: policy.version,
    };
  });
}
export type ReserveLine = Awaited<ReturnType<typeof reserveLines>>[number];

/** The city's ledger of village Party leaders aged 35 and under (001 §8): secretaries and reserves. */
export async function youngLedger(
  db: Database,
  regionCode: RegionCode,
  asOf: string,
  lines: readonly ReserveLine[],
) {
  const policyOf = await policyByCounty(db, regionCode, yearOf(asOf));
  return lines.flatMap((l) => {
    const candidates = [
      ...(l.secretaryId !== null && l.secretaryBirthDate
        ? [
            {
              id: String(l.secretaryId),
              name: l.secretaryName ?? '',
              role: 'secretary' as const,
              birthDate: l.secretaryBirthDate,
              education: l.secretaryEducation,
            },
          ]
        : []),
      ...l.reserves.flatMap((r) =>
        r.birthDate
          ? [
              {
                id: String(r.personId),
                name: r.name,
                role: 'reserve' as const,
                birthDate: r.birthDate,
                education: r.education,
              },
            ]
          : [],
      ),
    ];
    const young = new Set(
      youngLeaderLedger(
        { asOf, people: candidates.map((c) => ({ id: c.id, birthDate: c.birthDate })) },
        policyOf(l.regionCode),
      ),
    );
    return candidates
      .filter((c) => young.has(c.id))
      .map((c) => ({
        personId: Number(c.id),
        name: c.name,
        role: c.role,
        roleLabel: c.role === 'secretary' ? '党组织书记' : '后备干部',
        birthDate: c.birthDate,
        age: fullYearsBetween(c.birthDate, asOf),
        educationLabel: c.education ? EDUCATION_LABELS[c.education] : '——',
        line: l,
      }));
  });
}

export function reserveSummary(lines: readonly ReserveLine[], asOf: string) {
  return {
    asOf,
    villages: lines.length,
    short: lines.filter((l) => l.shortfall > 0).length,
    shortfall: lines.reduce((t, l) => t + l.shortfall, 0),
    problemVillages: lines.filter((l) => l.problemVillage).length,
    reserves: lines.reduce((t, l) => t + l.actual, 0),
  };
}

/** The year of an ISO date. */
export function yearOfDate(iso: string): number {
  return Number(iso.slice(0, 4));
}
