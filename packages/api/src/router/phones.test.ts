import type { DatabaseHandle } from '@dangjian/db';
import { people, povertyTeamMembers, povertyTeams } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, eq, isNotNull, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

const CITY = '430700000000';
const MASKED = /^\d{3}\*+\d{4}$/;

describe.each(TEST_DRIVERS)(
  'phone numbers leave the API only as the role may see them, on %s',
  (driver) => {
    let handle: DatabaseHandle;
    let city: Api;
    let trainer: Api;
    let office: Api;
    let member: Api;
    beforeAll(async () => {
      handle = await createTestDatabase(driver);
      await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
      await seedAccounts(handle.db, { prefix: '4307' });
      ({ api: city } = await callerAs(handle, 'city_admin'));
      ({ api: trainer } = await callerAs(handle, 'trainer'));
      ({ api: office } = await callerAs(handle, 'poverty'));
      ({ api: member } = await callerAs(handle, 'team_member'));
    });
    afterAll(async () => {
      await handle.close();
    });

    async function somePersonWithPhone() {
      const [row] = await handle.db
        .select({ id: people.id, name: people.name, phone: people.phone })
        .from(people)
        .where(and(isNotNull(people.phone), like(people.regionCode, '4307%')))
        .orderBy(asc(people.id))
        .limit(1);
      if (!row?.phone) throw new TypeError('the seed has no person with a phone');
      return { ...row, phone: row.phone };
    }

    it('a training organiser sees a masked number and cannot find the person by the digits the mask hides', async () => {
      const person = await somePersonWithPhone();
      const hidden = person.phone.slice(3, -4);
      const byName = await trainer.person.list({
        regionCode: CITY,
        search: person.name,
        pageSize: 200,
      });
      const shown = byName.items.find((p) => p.id === person.id);
      expect(shown?.phone).toMatch(MASKED);
      for (const search of [person.phone, hidden, person.phone.slice(0, 8)]) {
        const found = await trainer.person.list({ regionCode: CITY, search, pageSize: 200 });
        expect(found.items.map((p) => p.id)).not.toContain(person.id);
      }
    });

    it('the poverty office searching phone digits finds no one by them either', async () => {
      const person = await somePersonWithPhone();
      const found = await office.person.list({ regionCode: CITY, search: person.phone });
      expect(found.total).toBe(0);
    });

    it('the city organisation department sees the number in full and finds the person by it', async () => {
      const person = await somePersonWithPhone();
      const found = await city.person.list({ regionCode: CITY, search: person.phone });
      expect(found.items.find((p) => p.id === person.id)?.phone).toBe(person.phone);
    });

    it("a village's team members' numbers reach the poverty office and team members masked, the city department in full", async () => {
      const [row] = await handle.db
        .select({ villageId: povertyTeams.villageId, phone: povertyTeamMembers.phone })
        .from(povertyTeamMembers)
        .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
        .where(and(isNotNull(povertyTeamMembers.phone), isNull(povertyTeamMembers.toDate)))
        .limit(1);
      if (!row?.phone) throw new TypeError('the seed has no team member with a phone');
      const phonesAs = async (api: Api) => {
        const v = await api.poverty.village({ villageId: row.villageId, year: 2026 });
        return v.teams.flatMap((t) => t.members.map((m) => m.phone)).filter((p) => p !== null);
      };
      const forOffice = await phonesAs(office);
      expect(forOffice.length).toBeGreaterThan(0);
      expect(forOffice.every((p) => MASKED.test(p))).toBe(true);
      expect(forOffice).not.toContain(row.phone);
      expect(await phonesAs(city)).toContain(row.phone);
    });

    it("a team member sees their own team's numbers masked", async () => {
      const mine = await member.poverty.myTeams();
      const villageId = mine[0]?.villageId;
      if (villageId === undefined) throw new TypeError('the team member account has no team');
      const v = await member.poverty.village({ villageId, year: 2026 });
      const phones = v.teams
        .flatMap((t) => t.members.map((m) => m.phone))
        .filter((p) => p !== null);
      expect(phones.every((p) => MASKED.test(p))).toBe(true);
    });
  },
);
