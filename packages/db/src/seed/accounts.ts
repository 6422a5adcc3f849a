import { idNumberCheckChar } from '@dangjian/domain';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { hashPassword } from '../crypto';
import { orgs, povertyTeams, regions, users } from '../schema/index';
import type { Role } from '@dangjian/domain';

/** The password of every demo account (meets the policy: 8+ characters, 4 classes). */
export const DEMO_PASSWORD = 'Dangjian@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  personId?: number | null;
}

/**
 * One demo account per role, bound to real regions of the loaded area: the city, its first two
 * counties (so cross-county refusals can be tried), a township, one of its villages' secretary.
 * Skips usernames that exist. Returns the accounts created.
 */
export async function seedAccounts(
  db: Database,
  options: { prefix: string },
): Promise<DemoAccount[]> {
  const like12 = `${options.prefix}%`;
  const pick = (level: 'city' | 'county' | 'township' | 'village', parent?: string) =>
    db
      .select()
      .from(regions)
      .where(
        and(
          eq(regions.level, level),
          like(regions.code, like12),
          parent ? eq(regions.parentCode, parent) : undefined,
        ),
      )
      .orderBy(asc(regions.code))
      .limit(2);
  const [city] = await pick('city');
  if (!city) return [];
  // A city without counties (东莞) does a county's work itself: its townships sit directly under
  // it, and it gets no county accounts.
  const [county, county2] = await pick('county', city.code);
  const unit = county ?? city;
  const [township] = await pick('township', unit.code);
  if (!township && !county) return [];
  const [village] = township ? await pick('village', township.code) : [];
  // The demo team member works in the county's first registered poor village that has a team.
  const [teamVillage] = await db
    .select({ code: regions.code, name: regions.name, teamId: povertyTeams.id })
    .from(povertyTeams)
    .innerJoin(regions, eq(regions.code, povertyTeams.regionCode))
    .where(like(povertyTeams.regionCode, `${unit.code.slice(0, 6)}%`))
    .orderBy(asc(povertyTeams.regionCode), asc(povertyTeams.id))
    .limit(1);
  const [villageOrg] = village
    ? await db
        .select({ secretaryId: orgs.secretaryId })
        .from(orgs)
        .where(eq(orgs.regionCode, village.code))
    : [];

  const accounts: DemoAccount[] = [
    {
      username: 'city_admin',
      displayName: `${city.name}委组织部管理员`,
      role: 'city_admin',
      regionCode: city.code,
    },
    ...(county
      ? [
          {
            username: 'county_admin',
            displayName: `${county.name}委组织部`,
            role: 'county_admin' as const,
            regionCode: county.code,
          },
        ]
      : []),
    ...(county2
      ? [
          {
            username: 'county2_admin',
            displayName: `${county2.name}委组织部`,
            role: 'county_admin' as const,
            regionCode: county2.code,
          },
        ]
      : []),
    ...(township
      ? [
          {
            username: 'township',
            displayName: `${township.name}党（工）委`,
            role: 'township' as const,
            regionCode: township.code,
          },
        ]
      : []),
    ...(village
      ? [
          {
            username: 'secretary',
            displayName: `${village.name}党组织书记`,
            role: 'secretary' as const,
            regionCode: village.code,
            personId: villageOrg?.secretaryId ?? null,
          },
          {
            username: 'team_member',
            displayName: `驻${(teamVillage ?? village).name}工作队员`,
            role: 'team_member' as const,
            regionCode: (teamVillage ?? village).code,
          },
        ]
      : []),
    {
      username: 'trainer',
      displayName: `${city.name}委组织部培训科`,
      role: 'training_organiser',
      regionCode: city.code,
    },
    {
      username: 'poverty',
      displayName: `${city.name}扶贫办`,
      role: 'poverty_office',
      regionCode: city.code,
    },
    ...(county
      ? [
          {
            username: 'county_poverty',
            displayName: `${county.name}扶贫办`,
            role: 'poverty_office' as const,
            regionCode: county.code,
          },
        ]
      : []),
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await db
    .insert(users)
    .values(accounts.map((a) => ({ ...a, personId: a.personId ?? null, passwordHash })))
    .onConflictDoNothing({ target: users.username })
    .returning({ username: users.username });
  const made = new Set(created.map((c) => c.username));
  if (teamVillage && made.has('team_member')) {
    // The account joins that team as one of its members (the first one without an account).
    await db.execute(sql`
      update poverty_team_members set user_id = (select id from users where username = 'team_member')
      where id = (select id from poverty_team_members where team_id = ${teamVillage.teamId}
                  and role = 'member' and user_id is null order by id limit 1)`);
  }
  return accounts.filter((a) => made.has(a.username));
}

/** A fictional but well-formed 18-digit ID number: county code, birth date, sequence, check. */
export function demoIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode.slice(0, 6)}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
