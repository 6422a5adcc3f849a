import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { orgMeetings, orgs, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, eq, inArray, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const NOW = () => new Date('2026-11-25T02:00:00Z'); // 2026-11-25 in China
const Q4 = { regionCode: WULING, from: '2026-10-01', to: '2026-12-31' };

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

const team = (orgId: number, meetingOn: string) => ({
  orgId,
  meetingKind: 'team_joint' as const,
  meetingOn,
  convener: '村党组织书记',
  attendees: '村“两委”班子成员、集体经济组织负责人',
  attendeeCount: 7,
  topics: '村道维护',
  decisions: '集体讨论通过，由村委会组织实施',
});

describe.each(TEST_DRIVERS)('joint meetings (联席会议, 003 §1) on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;
  /** The third village-level org of 武陵区: the seed leaves three October weeks and Q3 without meetings. */
  let quiet: { id: number; name: string };

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOW }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOW }));
    const villages = await handle.db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(
        and(
          like(orgs.regionCode, '430702%'),
          inArray(orgs.category, ['rural', 'street_community']),
        ),
      )
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
    quiet = defined(villages[2]);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('the weeks without a team meeting are listed by their Monday; only whole weeks up to today count', async () => {
    const c = await county.meetings.compliance(Q4);
    expect(c.to).toBe('2026-11-25');
    const item = defined(c.items.find((i) => i.orgId === quiet.id));
    // 5 Oct … 22 Nov: seven whole weeks; the week of 23 Nov is not over.
    expect(item.weeks).toBe(7);
    expect(item.missedWeeks).toEqual(['2026-10-12', '2026-10-19', '2026-10-26']);
    expect(item.compliant).toBe(false);
    // The count matches the database: weeks with no team meeting of that org.
    const held = await handle.db
      .select({ on: orgMeetings.meetingOn })
      .from(orgMeetings)
      .where(
        and(
          eq(orgMeetings.orgId, quiet.id),
          eq(orgMeetings.kind, 'team_joint'),
          between(orgMeetings.meetingOn, '2026-10-05', '2026-11-22'),
        ),
      );
    expect(held).toHaveLength(4);
    const missing = await county.meetings.compliance({ ...Q4, missedOnly: true });
    expect(missing.items.map((i) => i.orgId)).toContain(quiet.id);
    expect(missing.items.every((i) => !i.compliant)).toBe(true);
    expect(missing.summary.nonCompliant).toBe(missing.items.length);
  });

  it('a quarter without a Party–public meeting is missed; a quarter not yet over is not judged', async () => {
    const year = await county.meetings.compliance({
      regionCode: WULING,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const item = defined(year.items.find((i) => i.orgId === quiet.id));
    expect(item.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(item.missedQuarters).toEqual(['2026-Q3']);
  });

  it('recording a meeting in a missed week clears that week', async () => {
    await county.meetings.record(team(quiet.id, '2026-10-14'));
    const item = defined(
      (await county.meetings.compliance(Q4)).items.find((i) => i.orgId === quiet.id),
    );
    expect(item.missedWeeks).toEqual(['2026-10-19', '2026-10-26']);
    const list = await county.meetings.list({
      orgId: quiet.id,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(list.items[0]).toMatchObject({ meetingOn: '2026-10-14', kindLabel: '班子联席会议' });
  });

  it('a Party–public meeting’s decisions are published in writing after it; until then they are listed as unpublished', async () => {
    const joint = {
      ...team(quiet.id, '2026-11-02'),
      meetingKind: 'party_public_joint' as const,
      attendees: '全体党员、村民代表',
      attendeeCount: 56,
    };
    await expect(
      county.meetings.record({ ...joint, decisionsPublishedOn: '2026-11-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '决议公开日期（decisionsPublishedOn）：公开日期应在会议（2026-11-02）之后、今天（2026-11-25）之前',
    });
    await expect(
      county.meetings.record({
        ...team(quiet.id, '2026-11-03'),
        decisionsPublishedOn: '2026-11-04',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '决议公开日期（decisionsPublishedOn）：只有党群联席会议的决议需向全体村（居）民书面公开',
    });
    const made = await county.meetings.record(joint);
    let item = defined(
      (await county.meetings.compliance(Q4)).items.find((i) => i.orgId === quiet.id),
    );
    expect(item.unpublishedDecisions).toContain('2026-11-02');
    await county.meetings.publish({ meetingId: made.id, decisionsPublishedOn: '2026-11-05' });
    item = defined((await county.meetings.compliance(Q4)).items.find((i) => i.orgId === quiet.id));
    expect(item.unpublishedDecisions).not.toContain('2026-11-02');
    await expect(
      county.meetings.publish({ meetingId: made.id, decisionsPublishedOn: '2026-11-06' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a meeting in the future, or of a township committee, is refused; another county cannot record for 武陵区', async () => {
    await expect(county.meetings.record(team(quiet.id, '2026-11-26'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '会议日期（meetingOn）：会议日期不能晚于今天（2026-11-25）',
    });
    const [committee] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'township')))
      .where(like(orgs.regionCode, '430702%'))
      .limit(1);
    await expect(
      county.meetings.record(team(defined(committee).id, '2026-11-20')),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '党组织（orgId）：联席会议由村（社区）党组织召开',
    });
    await expect(county2.meetings.record(team(quiet.id, '2026-11-20'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(county2.meetings.compliance(Q4)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the export lists the villages with missed meetings and their weeks', async () => {
    const c = await county.meetings.compliance({ ...Q4, missedOnly: true });
    const file = await county.meetings.export({ ...Q4, missedOnly: true });
    expect(file.filename).toBe('武陵区联席会议落实情况（2026-10-01至2026-11-25）.xlsx');
    const sheet = defined((await readWorkbook(file.base64)).getWorksheet('联席会议落实情况'));
    const rows: [string, string][] = [];
    sheet.eachRow((row, n) => {
      if (n > 2 && row.getCell(5).text) rows.push([row.getCell(1).text, row.getCell(7).text]);
    });
    expect(rows).toEqual(c.items.map((i) => [i.orgName, i.missedWeeks.join('、')]));
  });
});
