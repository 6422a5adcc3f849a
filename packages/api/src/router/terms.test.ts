import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import {
  orgChanges,
  orgs,
  rectificationCases,
  regions,
  secretaryAppointments,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, eq, isNotNull, like, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const TODAY = '2026-11-25';
const NOW = () => new Date('2026-11-25T02:00:00Z'); // 2026-11-25 in China

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

describe.each(TEST_DRIVERS)('terms (按期换届, 000 §8; 002 §1) on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;
  let county2: Api;

  /** Orgs of 武陵区 whose term ended before today, and this year's postponed soft-and-lax villages. */
  async function pastTerm() {
    const [ended, postponed] = await Promise.all([
      handle.db
        .select({ id: orgs.id })
        .from(orgs)
        .where(
          and(like(orgs.regionCode, '430702%'), isNotNull(orgs.termEnd), lt(orgs.termEnd, TODAY)),
        )
        .orderBy(asc(orgs.id)),
      handle.db
        .select({ orgId: rectificationCases.orgId })
        .from(rectificationCases)
        .innerJoin(orgs, eq(orgs.id, rectificationCases.orgId))
        .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
        .where(
          and(
            eq(rectificationCases.year, 2026),
            eq(rectificationCases.electionPostponed, true),
            eq(orgs.category, 'rural'),
            like(rectificationCases.regionCode, '430702%'),
          ),
        ),
    ]);
    const excused = new Set(postponed.map((p) => p.orgId));
    return {
      overdue: ended.filter((o) => !excused.has(o.id)).map((o) => o.id),
      postponed: ended.filter((o) => excused.has(o.id)).map((o) => o.id),
    };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin', { now: NOW }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: NOW }));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('past its term end an org is overdue; a soft-and-lax village whose election was postponed is shown as postponed, not overdue', async () => {
    const expected = await pastTerm();
    expect(expected.overdue.length).toBeGreaterThan(0);
    expect(expected.postponed.length).toBeGreaterThan(0);
    const list = await county.terms.list({ regionCode: WULING });
    const ids = (status: string) =>
      list.items
        .filter((i) => i.status === status)
        .map((i) => i.orgId)
        .sort((a, b) => a - b);
    expect(ids('overdue')).toEqual(expected.overdue);
    expect(ids('postponed')).toEqual(expected.postponed);
    const postponed = defined(list.items.find((i) => i.orgId === expected.postponed[0]));
    expect(postponed).toMatchObject({
      status: 'postponed',
      statusLabel: '整顿期间推迟换届',
      softAndLax: true,
      category: 'rural',
    });
    expect(postponed.daysPastEnd).toBeGreaterThan(0);
    expect(list.summary).toMatchObject({
      overdue: expected.overdue.length,
      postponed: expected.postponed.length,
    });
    const only = await county.terms.list({ regionCode: WULING, status: 'postponed' });
    expect(only.items.map((i) => i.orgId)).toEqual([postponed.orgId]);
  });

  it('recording the election of an overdue org starts its new term, appoints the new secretary and keeps the history', async () => {
    const list = await county.terms.list({ regionCode: WULING, status: 'overdue' });
    const org = defined(list.items[0]);
    const person = await county.person.create({
      name: '谭新任',
      gender: 'male',
      regionCode: org.regionCode,
    });
    await expect(
      county.terms.recordElection({
        orgId: org.orgId,
        electedOn: '2026-11-26',
        termEnd: '2031-11-26',
        secretaryId: person.id,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '换届选举日期（electedOn）：不能晚于今天（2026-11-25）',
    });
    await county.terms.recordElection({
      orgId: org.orgId,
      electedOn: '2026-11-18',
      termEnd: '2031-11-18',
      secretaryId: person.id,
    });
    const after = await county.terms.list({ regionCode: WULING });
    expect(after.items.map((i) => i.orgId)).not.toContain(org.orgId);
    const appointments = await handle.db
      .select()
      .from(secretaryAppointments)
      .where(eq(secretaryAppointments.orgId, org.orgId))
      .orderBy(asc(secretaryAppointments.id));
    expect(appointments.at(-1)).toMatchObject({
      personId: person.id,
      appointedOn: '2026-11-18',
      endedOn: null,
    });
    expect(appointments.length).toBeGreaterThan(1);
    expect(appointments.slice(0, -1).every((a) => a.endedOn === '2026-11-18')).toBe(true);
    const changes = await handle.db
      .select({ field: orgChanges.field, after: orgChanges.after })
      .from(orgChanges)
      .where(eq(orgChanges.orgId, org.orgId));
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'termStart', after: '2026-11-18' },
        { field: 'termEnd', after: '2031-11-18' },
        { field: 'secretaryId', after: { id: person.id, name: '谭新任' } },
      ]),
    );
  });

  it('the sitting secretary of a village two years without a new member cannot be re-elected; another person can', async () => {
    const overview = await county.development.overview({ regionCode: WULING, year: 2026 });
    const barred = defined(
      overview.stagnant.find((s) => s.secretaryNominationBarred && s.secretaryId !== null),
    );
    expect(barred).toBeDefined();
    await expect(
      county.terms.recordElection({
        orgId: barred.orgId,
        electedOn: '2026-11-20',
        termEnd: '2031-11-20',
        secretaryId: defined(barred.secretaryId),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '书记（secretaryId）：本村连续两年未发展党员，现任书记不得提名为下届村党组织书记候选人（常委〔2012〕5号 §11）',
    });
    const [org] = await handle.db.select().from(orgs).where(eq(orgs.id, barred.orgId));
    expect(defined(org).secretaryId).toBe(barred.secretaryId);
    const other = await county.person.create({
      name: '杨接任',
      gender: 'female',
      regionCode: barred.regionCode,
    });
    const done = await county.terms.recordElection({
      orgId: barred.orgId,
      electedOn: '2026-11-20',
      termEnd: '2031-11-20',
      secretaryId: other.id,
    });
    expect(done.secretary).toEqual({ id: other.id, name: '杨接任' });
  });

  it('another county cannot record an election of a 武陵区 org', async () => {
    const list = await county.terms.list({ regionCode: WULING, status: 'overdue' });
    const org = defined(list.items[0]);
    await expect(
      county2.terms.recordElection({
        orgId: org.orgId,
        electedOn: '2026-11-20',
        termEnd: '2031-11-20',
        secretaryId: defined(org.secretaryId),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(county2.terms.list({ regionCode: WULING })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('the export lists the same orgs with their status', async () => {
    const list = await county.terms.list({ regionCode: WULING });
    const file = await county.terms.export({ regionCode: WULING });
    const sheet = defined((await readWorkbook(file.base64)).getWorksheet('届期届满未换届'));
    const rows: [string, string][] = [];
    sheet.eachRow((row, n) => {
      if (n > 2 && row.getCell(10).text) rows.push([row.getCell(1).text, row.getCell(10).text]);
    });
    expect(rows).toEqual(list.items.map((i) => [i.orgName, i.statusLabel]));
    expect(rows.map((r) => r[1])).toContain('整顿期间推迟换届');
  });
});
