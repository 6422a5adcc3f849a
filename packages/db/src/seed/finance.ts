import { and, asc, between, count, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../client';
import { cadreBasicPay, nonPublicDuesEntries, orgs, regions } from '../schema/index';
import { LAST_YEAR, THIS_YEAR } from './cycle';
import { createRandom, hashString } from './random';

const CHUNK = 1000;

/**
 * Demo money records that the floors page checks, fictional and deterministic:
 * - 村（社区）干部基本报酬 (003 §4.3): every village-level org's secretary, LAST_YEAR and THIS_YEAR,
 *   52,000–95,000 yuan, about one in twelve held low (30,000–45,000) so that a region held to
 *   2 × farmers' per-capita net income (东莞) has cadres below its floor;
 * - 非公企业和社会组织党员党费 (001 §22): for every non-public and social-organisation org, THIS_YEAR's
 *   dues paid up in two halves (members × 12 months × 10–30 yuan) and returned in full, except
 *   about one in five whose second return is still outstanding.
 * Skipped when the range already has such records (idempotent).
 */
export async function seedFinanceRecords(
  tx: Database,
  options: { from: string; to: string; prefix: string },
): Promise<{ basicPay: number; dues: number }> {
  const [done] = await tx
    .select({ n: count() })
    .from(cadreBasicPay)
    .where(between(cadreBasicPay.regionCode, options.from, options.to));
  if ((done?.n ?? 0) > 0) return { basicPay: 0, dues: 0 };
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:finance`));
  const villageOrgs = await tx
    .select({ regionCode: orgs.regionCode, secretaryId: orgs.secretaryId })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(
      and(
        between(orgs.regionCode, options.from, options.to),
        eq(regions.level, 'village'),
        inArray(orgs.category, ['rural', 'street_community']),
        isNotNull(orgs.secretaryId),
      ),
    )
    .orderBy(asc(orgs.id));
  const pay = villageOrgs.flatMap((o) =>
    [LAST_YEAR, THIS_YEAR].map((year) => {
      const low = rnd.chance(1 / 12);
      const yuan = low ? rnd.int(30_000, 45_000) : rnd.int(52_000, 95_000);
      return {
        year,
        regionCode: o.regionCode,
        personId: o.secretaryId as number,
        post: 'secretary' as const,
        basicPayFen: Math.round(yuan / 100) * 100 * 100,
      };
    }),
  );
  for (let i = 0; i < pay.length; i += CHUNK) {
    await tx
      .insert(cadreBasicPay)
      .values(pay.slice(i, i + CHUNK))
      .onConflictDoNothing();
  }

  const enterprises = await tx
    .select({ id: orgs.id, regionCode: orgs.regionCode, members: orgs.memberCount })
    .from(orgs)
    .where(
      and(
        between(orgs.regionCode, options.from, options.to),
        inArray(orgs.category, ['non_public', 'social_org']),
      ),
    )
    .orderBy(asc(orgs.id));
  const dues = enterprises.flatMap((o) => {
    const half = o.members * 6 * rnd.int(10, 30) * 100;
    const owing = rnd.chance(0.2);
    const base = { year: THIS_YEAR, orgId: o.id, regionCode: o.regionCode };
    return [
      { ...base, kind: 'paid' as const, on: `${THIS_YEAR}-01-20`, amountFen: half },
      { ...base, kind: 'returned' as const, on: `${THIS_YEAR}-03-10`, amountFen: half },
      { ...base, kind: 'paid' as const, on: `${THIS_YEAR}-07-20`, amountFen: half },
      ...(owing
        ? []
        : [{ ...base, kind: 'returned' as const, on: `${THIS_YEAR}-09-10`, amountFen: half }]),
    ];
  });
  for (let i = 0; i < dues.length; i += CHUNK) {
    await tx.insert(nonPublicDuesEntries).values(dues.slice(i, i + CHUNK));
  }
  return { basicPay: pay.length, dues: dues.length };
}
