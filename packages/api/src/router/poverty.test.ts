import type { DatabaseHandle } from '@dangjian/db';
import {
  poorVillages,
  povertyTeamMembers,
  povertyTeams,
  regions,
  users,
} from '@dangjian/db/schema';
import { defined, hashPassword, rowsOf as rowsIn } from '@dangjian/db';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, zodMessage } from '../testing';
import { loadWorkbook } from '../xlsx/workbook';

const CITY = '430700000000';
const WULING = '430702000000';
const DINGCHENG = '430703000000';
const YEAR = 2026;
/** The clock: 25 November 2026, 12:00 in China. */
const now = () => new Date('2026-11-25T04:00:00Z');

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

describe.each(TEST_DRIVERS)('resident help for poor villages (驻村帮扶) on %s', (driver) => {
  let handle: DatabaseHandle;
  let office: Api;
  let countyOffice: Api;
  let member: Api;
  let memberVillageId: number;

  /** Registered villages (this year) without a current team, straight from the tables. */
  async function villagesWithoutTeam(prefix: string): Promise<number[]> {
    const rows = await rowsOf<{ id: number }>(sql`
      select v.id from poor_villages v
      where v.region_code like ${`${prefix}%`} and v.identified_year <= ${YEAR}
        and (v.exited_year is null or v.exited_year > ${YEAR})
        and not exists (select 1 from poverty_teams t where t.village_id = v.id and t.end_date is null)
      order by v.id`);
    return rows.map((r) => Number(r.id));
  }

  /** Rows of a raw SQL statement. */
  const rowsOf = <T>(query: SQL) => rowsIn<T>(handle.db, query);

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: office } = await callerAs(handle, 'poverty', { now }));
    ({ api: countyOffice } = await callerAs(handle, 'county_poverty', { now }));
    ({ api: member } = await callerAs(handle, 'team_member', { now }));
    const [mine] = await handle.db
      .select({ villageId: povertyTeams.villageId })
      .from(povertyTeamMembers)
      .innerJoin(users, eq(users.id, povertyTeamMembers.userId))
      .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
      .where(eq(users.username, 'team_member'));
    memberVillageId = defined(mine).villageId;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lists every registered village without a team, and every team without a leader or whose leader is not first secretary, as coverage gaps', async () => {
    const c = await office.poverty.coverage({ regionCode: CITY, year: YEAR });
    const noTeam = await villagesWithoutTeam('4307');
    expect(noTeam.length).toBeGreaterThan(0);
    expect(
      c.gaps
        .filter((g) => g.kind === 'no_team')
        .map((g) => g.villageId)
        .sort((a, b) => a - b),
    ).toEqual(noTeam);

    const teams = await rowsOf<{ id: number; leaders: number; first: number }>(sql`
      select t.id,
        count(m.id) filter (where m.role = 'leader')::int as leaders,
        count(m.id) filter (where m.role = 'leader' and m.first_secretary_org_id is not null)::int as first
      from poverty_teams t
      join poor_villages v on v.id = t.village_id
      left join poverty_team_members m on m.team_id = t.id and m.to_date is null
      where t.end_date is null and (v.exited_year is null or v.exited_year > ${YEAR})
      group by t.id order by t.id`);
    const noLeader = teams.filter((t) => Number(t.leaders) === 0).map((t) => Number(t.id));
    const notFirst = teams
      .filter((t) => Number(t.leaders) === 1 && Number(t.first) === 0)
      .map((t) => Number(t.id));
    expect(noLeader.length).toBeGreaterThan(0);
    expect(notFirst.length).toBeGreaterThan(0);
    const ids = (kind: string) =>
      c.gaps
        .filter((g) => g.kind === kind)
        .map((g) => defined(g.teamId))
        .sort((a, b) => a - b);
    expect(ids('no_leader')).toEqual(noLeader);
    expect(ids('not_first_secretary')).toEqual(notFirst);
    // gaps come first and in that order: no team, no leader, leader not first secretary
    expect(c.gaps.map((g) => g.kind)).toEqual([
      ...noTeam.map(() => 'no_team'),
      ...noLeader.map(() => 'no_leader'),
      ...notFirst.map(() => 'not_first_secretary'),
    ]);
    expect(c.coverage.fullCoverage).toBe(false);
    expect(c.total.registered).toBe(c.coverage.registered);
    expect(c.total.withTeam).toBe(c.coverage.registered - noTeam.length);
    expect(c.rows.length).toBeGreaterThan(0);
    expect(
      c.rows.map((r) => r.regionCode.slice(0, 6)).every((code) => code.startsWith('4307')),
    ).toBe(true);
  });

  it('registering a village puts it among the gaps until a team whose leader is first secretary is posted', async () => {
    const [candidate] = await office.poverty.villageOptions({ regionCode: DINGCHENG });
    expect(candidate).toBeDefined();
    const before = await office.poverty.coverage({ regionCode: CITY, year: YEAR });
    const village = await office.poverty.registerVillage({
      regionCode: defined(candidate).code,
      identifiedYear: 2015,
      helpedBy: 'city',
      households: 420,
      poorHouseholds: 61,
      poorPeople: 170,
      baselineIncomeFen: 1_200_000,
    });
    const registered = await office.poverty.coverage({ regionCode: CITY, year: YEAR });
    expect(registered.total.registered).toBe(before.total.registered + 1);
    expect(registered.gaps).toContainEqual(
      expect.objectContaining({ kind: 'no_team', villageId: village.id }),
    );

    const team = await office.poverty.createTeam({
      villageId: village.id,
      unit: '市财政局',
      startDate: '2026-03-01',
      members: [
        {
          name: '周建国',
          post: '副处长',
          phone: '13900000001',
          role: 'leader',
          firstSecretary: true,
        },
        { name: '李卫东', role: 'member' },
      ],
    });
    expect(defined(team.members.find((m) => m.role === 'leader')).firstSecretaryOrgId).toBe(
      village.orgId,
    );
    const covered = await office.poverty.coverage({ regionCode: CITY, year: YEAR });
    expect(covered.gaps.some((g) => g.villageId === village.id)).toBe(false);
    expect(covered.total.withTeam).toBe(registered.total.withTeam + 1);
    expect(covered.total.withFirstSecretary).toBe(registered.total.withFirstSecretary + 1);
    const dc = defined(covered.rows.find((r) => r.regionCode === DINGCHENG));
    expect(dc.name).toBe('鼎城区');

    await expect(
      office.poverty.createTeam({
        villageId: village.id,
        unit: '市教育局',
        startDate: '2026-04-01',
        members: [{ name: '王海军', role: 'leader' }],
      }),
    ).rejects.toThrow(/已有在村工作队/);
  });

  it('refuses figures that cannot be true, naming the field, and writes nothing', async () => {
    const [candidate] = await office.poverty.villageOptions({ regionCode: DINGCHENG });
    expect(
      await zodMessage(
        office.poverty.registerVillage({
          regionCode: defined(candidate).code,
          identifiedYear: 2015,
          helpedBy: 'county',
          households: 100,
          poorHouseholds: 120,
          poorPeople: 300,
          baselineIncomeFen: 0,
        }),
      ),
    ).toBe('建档立卡贫困户数（poorHouseholds）：贫困户数（120）不能多于总户数（100）');
    const [row] = await handle.db
      .select({ id: poorVillages.id })
      .from(poorVillages)
      .where(eq(poorVillages.regionCode, defined(candidate).code));
    expect(row).toBeUndefined();
  });

  it('only administrative villages can be registered: a community is refused and not offered', async () => {
    const [community] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.kind, 'community'), like(regions.code, '430703%')))
      .limit(1);
    await expect(
      office.poverty.registerVillage({
        regionCode: defined(community).code,
        identifiedYear: 2015,
        helpedBy: 'county',
        households: 300,
        poorHouseholds: 30,
        poorPeople: 90,
        baselineIncomeFen: 0,
      }),
    ).rejects.toThrow(/贫困村登记限于行政村/);
    const offered = await office.poverty.villageOptions({ regionCode: DINGCHENG });
    expect(offered.some((o) => o.code === defined(community).code)).toBe(false);
  });

  it('a county office registers only county-helped villages and sees only its own county', async () => {
    const [candidate] = await countyOffice.poverty.villageOptions({ regionCode: WULING });
    await expect(
      countyOffice.poverty.registerVillage({
        regionCode: defined(candidate).code,
        identifiedYear: 2016,
        helpedBy: 'city',
        households: 300,
        poorHouseholds: 30,
        poorPeople: 90,
        baselineIncomeFen: 0,
      }),
    ).rejects.toThrow(/帮扶层级/);
    const overview = await countyOffice.poverty.overview({ regionCode: WULING, year: YEAR });
    expect(overview.rows.length).toBeGreaterThan(0);
    expect(overview.rows.every((r) => r.regionCode.startsWith('430702'))).toBe(true);
    const list = await countyOffice.poverty.villages({ regionCode: WULING, pageSize: 200 });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((v) => v.regionCode.startsWith('430702'))).toBe(true);
    await expect(countyOffice.poverty.villages({ regionCode: DINGCHENG })).rejects.toThrow();
    const [dcVillage] = await handle.db
      .select({ id: poorVillages.id })
      .from(poorVillages)
      .where(like(poorVillages.regionCode, '430703%'))
      .limit(1);
    await expect(
      countyOffice.poverty.village({ villageId: defined(dcVillage).id, year: YEAR }),
    ).rejects.toThrow(/不存在或不在本辖区/);
  });

  it('a team member logs a visit for their own village and the overview counts it as recent activity', async () => {
    const [team] = await member.poverty.myTeams();
    expect(defined(team).villageId).toBe(memberVillageId);
    const before = await office.poverty.overview({ regionCode: CITY, year: YEAR });
    const county = defined(team).regionCode.slice(0, 6).padEnd(12, '0');
    const entry = await member.poverty.logWork({
      villageId: memberVillageId,
      date: '2026-11-24',
      area: 'solve_problems',
      summary: '走访 6 户脱贫监测户，协调解决饮水问题',
      householdsReached: 6,
      fundsFen: 50_000_00,
    });
    expect(entry.memberId).not.toBeNull();
    const after = await office.poverty.overview({ regionCode: CITY, year: YEAR });
    const row = (o: typeof after) => defined(o.rows.find((r) => r.regionCode === county));
    expect(row(after).recentEntries).toBe(row(before).recentEntries + 1);
    const area = (o: typeof after) => defined(o.areas.find((a) => a.area === 'solve_problems'));
    expect(area(after).entries).toBe(area(before).entries + 1);
    expect(area(after).fundsFen).toBe(area(before).fundsFen + 50_000_00);
    const logs = await member.poverty.logs({
      regionCode: defined(team).regionCode,
      villageId: memberVillageId,
    });
    expect(logs.items[0]).toMatchObject({ id: entry.id, householdsReached: 6 });
  });

  it('a team member cannot log for another village, nor for a future date', async () => {
    const [other] = await handle.db
      .select({ id: poorVillages.id })
      .from(poorVillages)
      .where(sql`${poorVillages.id} <> ${memberVillageId}`)
      .orderBy(asc(poorVillages.id))
      .limit(1);
    const log = {
      date: '2026-11-20',
      area: 'build_team' as const,
      summary: '列席支委会',
      householdsReached: 0,
      fundsFen: 0,
    };
    await expect(member.poverty.logWork({ villageId: defined(other).id, ...log })).rejects.toThrow(
      /不存在或不在本辖区/,
    );
    await expect(
      member.poverty.logWork({ villageId: memberVillageId, ...log, date: '2026-11-26' }),
    ).rejects.toThrow(/不能记录未来日期/);
  });

  it('a member can be linked only to a team-member account of the village, and only a leader serves as first secretary', async () => {
    const [team] = await member.poverty.myTeams();
    const [other] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'secretary'));
    await expect(
      office.poverty.addMember({
        teamId: defined(team).teamId,
        member: { name: '王海军', role: 'member', userId: defined(other).id },
      }),
    ).rejects.toThrow(/只能关联本村的驻村工作队员账号/);
    await expect(
      office.poverty.addMember({
        teamId: defined(team).teamId,
        member: { name: '王海军', role: 'member', firstSecretary: true },
      }),
    ).rejects.toThrow(/只有队长担任村党组织第一书记/);
  });

  it('an account in the village that is not on the team cannot log for it', async () => {
    const [village] = await handle.db
      .select({ regionCode: poorVillages.regionCode })
      .from(poorVillages)
      .where(eq(poorVillages.id, memberVillageId));
    await handle.db.insert(users).values({
      username: 'not_on_team',
      displayName: '未入队人员',
      role: 'team_member',
      regionCode: defined(village).regionCode,
      passwordHash: await hashPassword('Dangjian@2026'),
    });
    const { api: outsider } = await callerAs(handle, 'not_on_team', { now });
    await expect(
      outsider.poverty.logWork({
        villageId: memberVillageId,
        date: '2026-11-20',
        area: 'build_team',
        summary: '列席支委会',
        householdsReached: 0,
        fundsFen: 0,
      }),
    ).rejects.toThrow(/不是.*驻村工作队的在村队员/);
    expect(await outsider.poverty.myTeams()).toEqual([]);
  });

  it('an outstanding cadre is flagged for promotion; a passive unit needs a deadline and is listed for criticism', async () => {
    const [team] = await handle.db
      .select({ id: povertyTeams.id, regionCode: povertyTeams.regionCode })
      .from(povertyTeams)
      .where(and(like(povertyTeams.regionCode, '430703%'), isNull(povertyTeams.endDate)))
      .orderBy(asc(povertyTeams.id))
      .limit(1);
    const [leader] = await handle.db
      .select({ id: povertyTeamMembers.id })
      .from(povertyTeamMembers)
      .where(
        and(eq(povertyTeamMembers.teamId, defined(team).id), eq(povertyTeamMembers.role, 'leader')),
      );
    const cadre = await office.poverty.assess({
      year: YEAR,
      teamId: defined(team).id,
      memberId: defined(leader).id,
      rating: 'outstanding',
      comments: '扎根村里，实绩突出',
    });
    expect(cadre).toMatchObject({ promotionPriority: true, publicCriticism: false });
    await expect(
      office.poverty.assess({
        year: YEAR,
        teamId: defined(team).id,
        memberId: null,
        rating: 'passive',
        comments: '在岗时间不足',
      }),
    ).rejects.toThrow(/整改期限（correctionDeadline）/);
    await office.poverty.assess({
      year: YEAR,
      teamId: defined(team).id,
      memberId: null,
      rating: 'passive',
      comments: '在岗时间不足',
      correctionDeadline: '2027-03-31',
    });
    const a = await office.poverty.assessments({ regionCode: DINGCHENG, year: YEAR });
    expect(a.promotion).toContainEqual(
      expect.objectContaining({ memberId: defined(leader).id, promotionPriority: true }),
    );
    expect(a.criticism).toContainEqual(
      expect.objectContaining({
        teamId: defined(team).id,
        memberId: null,
        correctionDeadline: '2027-03-31',
      }),
    );
    // assessing again replaces the year's assessment instead of adding a second one
    await office.poverty.assess({
      year: YEAR,
      teamId: defined(team).id,
      memberId: null,
      rating: 'competent',
      comments: '已整改到位',
    });
    const again = await office.poverty.assessments({ regionCode: DINGCHENG, year: YEAR });
    expect(
      again.items.filter((r) => r.teamId === defined(team).id && r.memberId === null),
    ).toHaveLength(1);
    expect(again.criticism.some((r) => r.teamId === defined(team).id)).toBe(false);
  });

  it('collective income is kept year by year with the change from the previous year', async () => {
    await office.poverty.recordIncome({
      villageId: memberVillageId,
      year: 2026,
      incomeFen: 98_765_43,
    });
    const detail = await member.poverty.village({ villageId: memberVillageId, year: YEAR });
    const last = defined(detail.income.at(-1));
    const prev = defined(detail.income.at(-2));
    expect(last).toMatchObject({ year: 2026, incomeFen: 98_765_43 });
    expect(last.changeFen).toBe(98_765_43 - prev.incomeFen);
    expect(detail.mine).not.toBeNull();
    await expect(
      office.poverty.recordIncome({ villageId: memberVillageId, year: 2027, incomeFen: 1 }),
    ).rejects.toThrow(/未来年度/);
  });

  it('exports the coverage with a summary row per county and every gap', async () => {
    const c = await office.poverty.coverage({ regionCode: CITY, year: YEAR });
    const file = await office.poverty.coverageExport({ regionCode: CITY, year: YEAR });
    const wb = defined(await loadWorkbook(file.base64));
    const summary = defined(wb.getWorksheet('汇总'));
    const gaps = defined(wb.getWorksheet('问题清单'));
    expect(gaps.rowCount - 1).toBe(c.gaps.length);
    const names: string[] = [];
    summary.eachRow((row, n) => {
      if (n > 2) names.push(row.getCell(1).text);
    });
    expect(names).toContain('合计');
    for (const r of c.rows) expect(names).toContain(r.name);
    const [county] = await handle.db
      .select({ name: regions.name })
      .from(regions)
      .where(eq(regions.code, WULING));
    expect(names).toContain(defined(county).name);
  });
});
