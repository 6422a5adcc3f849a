import { orgs, people, regions } from '@dangjian/db/schema';
import { sql } from 'drizzle-orm';
import { county } from '../orglife';

/**
 * An org with its place and its secretary, as the lists show it. A query selecting these joins
 * `orgs` with its region (`regions` on the org's region code) and its county (`county`,
 * `countyOf(orgs.regionCode)`). The secretary's name is looked up per row by key (a scalar
 * subquery): joined instead, the planner hashes the whole people table of the caller's scope.
 */
export const orgSecretaryColumns = {
  orgId: orgs.id,
  orgName: orgs.name,
  regionCode: orgs.regionCode,
  regionName: regions.name,
  countyName: county.name,
  secretaryId: orgs.secretaryId,
  secretaryName: sql<
    string | null
  >`(select ${people.name} from ${people} where ${people.id} = ${orgs.secretaryId})`,
};
