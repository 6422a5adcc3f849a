import { inRegion, type Database } from '@dangjian/db';
import { demoSites, regions } from '@dangjian/db/schema';
import {
  checkDemonstrationSites,
  DEMO_CATEGORY_LABELS,
  type DemoCategory,
  type RegionCode,
  citeParameters,
  DEMO_TARGET_KEYS,
  demoSitesText,
} from '@dangjian/domain';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { county, countyOf } from '../orglife';
import { loadPolicy } from '../policy';

/** The year's designated (not revoked) sites of a region and the targets they are counted against. */
export async function demoSiteReport(db: Database, regionCode: RegionCode, year: number) {
  const [sites, policy] = await Promise.all([
    db
      .select({
        id: demoSites.id,
        year: demoSites.year,
        category: demoSites.category,
        regionCode: demoSites.regionCode,
        regionName: regions.name,
        countyName: county.name,
        orgId: demoSites.orgId,
        name: demoSites.name,
        designatedOn: demoSites.designatedOn,
      })
      .from(demoSites)
      .innerJoin(regions, eq(regions.code, demoSites.regionCode))
      .leftJoin(county, countyOf(demoSites.regionCode))
      .where(
        and(
          eq(demoSites.year, year),
          isNull(demoSites.revokedOn),
          inRegion(demoSites.regionCode, regionCode),
        ),
      )
      .orderBy(asc(demoSites.category), asc(demoSites.regionCode), asc(demoSites.id)),
    loadPolicy(db, regionCode, year),
  ]);
  const counts: Partial<Record<DemoCategory, number>> = {};
  for (const s of sites) counts[s.category] = (counts[s.category] ?? 0) + 1;
  const check = checkDemonstrationSites({ counts }, policy);
  return {
    ...check,
    /** The targets in force for the region, in people's words, with their sources. */
    rule: demoSitesText(policy),
    source: citeParameters(policy, DEMO_TARGET_KEYS),
    policyLabel: policy.label,
    sites: sites.map((s) => ({ ...s, categoryLabel: DEMO_CATEGORY_LABELS[s.category] })),
  };
}
export type SiteReport = Awaited<ReturnType<typeof demoSiteReport>>;
