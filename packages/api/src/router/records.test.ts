import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, orgChanges, orgs, people, regions } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { idNumberCheckChar, summarizeIssues } from '@dangjian/domain';
import { and, asc, between, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { callerAs } from '../testing';

const WULING = '430702000000'; // county_admin's county
const DINGCHENG = '430703000000'; // county2_admin's county
const NOW = new Date('2026-03-02T08:30:00Z');

/** A well-formed ID number (check character computed by the GB 11643 rule). */
function idNumber(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

describe.each(TEST_DRIVERS)('organisation and people records on %s', (driver) => {
  let handle: DatabaseHandle;
  let village: { orgId: number; regionCode: string; secretaryId: number; secretaryName: string };
  let otherCountyOrg: { id: number; regionCode: string };

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    // A village org of 武陵区 with its secretary (village level: the last three digits are not 000).
    const [row] = await handle.db
      .select({
        orgId: orgs.id,
        regionCode: orgs.regionCode,
        secretaryId: orgs.secretaryId,
        secretaryName: people.name,
      })
      .from(orgs)
      .innerJoin(people, eq(people.id, orgs.secretaryId))
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(
        and(
          between(orgs.regionCode, WULING, '430702999999'),
          eq(regions.level, 'village'),
          isNotNull(orgs.secretaryId),
        ),
      )
      .orderBy(asc(orgs.id))
      .limit(1);
    village = { ...defined(row), secretaryId: defined(defined(row).secretaryId) };
    const [other] = await handle.db
      .select({ id: orgs.id, regionCode: orgs.regionCode })
      .from(orgs)
      .where(between(orgs.regionCode, DINGCHENG, '430703999999'))
      .orderBy(asc(orgs.id))
      .limit(1);
    otherCountyOrg = defined(other);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("changing a village's secretary keeps the old one in the org's history, with who changed it and when", async () => {
    const { api } = await callerAs(handle, 'county_admin', { now: () => NOW });
    const newcomer = await api.person.create({
      name: '林新书',
      gender: 'female',
      birthDate: '1988-05-04',
      education: 'bachelor',
      phone: '10012340001',
      idNumber: idNumber('43070219880504002'),
      regionCode: village.regionCode,
    });
    const result = await api.org.update({ id: village.orgId, secretaryId: newcomer.id });
    expect(result.changed).toEqual(['secretaryId']);

    const history = await api.org.history({ orgId: village.orgId });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      field: 'secretaryId',
      fieldLabel: '书记',
      before: { id: village.secretaryId, name: village.secretaryName },
      after: { id: newcomer.id, name: '林新书' },
      beforeText: village.secretaryName,
      afterText: '林新书',
      username: 'county_admin',
    });
    expect(defined(history[0]).at.toISOString()).toBe(NOW.toISOString());
    // The org now names the newcomer; the old secretary is still a person on record.
    expect((await api.org.byId({ id: village.orgId })).secretaryName).toBe('林新书');
    expect(await api.person.byId({ id: village.secretaryId })).toMatchObject({
      name: village.secretaryName,
    });
    // The same change is in the audit log, written in the same transaction.
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.procedure, 'org.update'), eq(auditLog.target, `org:${village.orgId}`)),
      );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      username: 'county_admin',
      before: { secretaryId: { id: village.secretaryId, name: village.secretaryName } },
      after: { secretaryId: { id: newcomer.id, name: '林新书' } },
    });
  });

  it('every changed field writes its own history row; unchanged fields write none', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const before = await api.org.byId({ id: village.orgId });
    // Precondition: the seeded term is not already 2001-2005.
    expect([before.termStart, before.termEnd]).not.toEqual(['2001-01-01', '2005-12-31']);
    await api.org.update({
      id: village.orgId,
      name: before.name, // unchanged
      memberCount: before.memberCount + 3,
      termStart: '2001-01-01',
      termEnd: '2005-12-31',
    });
    const history = await api.org.history({ orgId: village.orgId });
    const fields = history
      .filter((h) => h.field !== 'secretaryId')
      .map((h) => h.field)
      .sort();
    expect(fields).toEqual(
      [
        'memberCount',
        before.termStart === '2001-01-01' ? null : 'termStart',
        before.termEnd === '2005-12-31' ? null : 'termEnd',
      ]
        .filter((f) => f !== null)
        .sort(),
    );
    const members = defined(history.find((h) => h.field === 'memberCount'));
    expect(members.before).toBe(before.memberCount);
    expect(members.after).toBe(before.memberCount + 3);
    const again = await api.org.update({ id: village.orgId, memberCount: before.memberCount + 3 });
    expect(again.changed).toEqual([]);
    expect(await api.org.history({ orgId: village.orgId })).toHaveLength(history.length);
  });

  it('a failed update rolls back: a term that ends before it starts is refused on the field and writes no history', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const count = (await api.org.history({ orgId: village.orgId })).length;
    await expect(
      api.org.update({
        id: village.orgId,
        name: '改名后',
        termStart: '2026-06-01',
        termEnd: '2026-01-01',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '届期结束日期（termEnd）：应晚于届期开始日期',
    });
    expect(await api.org.history({ orgId: village.orgId })).toHaveLength(count);
    expect((await api.org.byId({ id: village.orgId })).name).not.toBe('改名后');
  });

  it('a township creates an organisation in its own region, under a parent inside it, with a 新建 history row', async () => {
    const { api, user } = await callerAs(handle, 'township');
    const [parent] = await handle.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.regionCode, user.regionCode))
      .orderBy(asc(orgs.id))
      .limit(1);
    const created = await api.org.create({
      name: '某某科技有限公司党支部',
      kind: 'branch',
      category: 'non_public',
      parentId: defined(parent).id,
      regionCode: user.regionCode,
      memberCount: 4,
      termStart: '2026-03-01',
      termEnd: '2029-02-28',
    });
    expect(created).toMatchObject({
      regionCode: user.regionCode,
      parentId: defined(parent).id,
      memberCount: 4,
    });
    const history = await api.org.history({ orgId: created.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      field: 'created',
      fieldLabel: '新建',
      username: 'township',
    });
  });

  it("a county admin cannot create, edit, reparent to or read the history of another county's organisations", async () => {
    const { api } = await callerAs(handle, 'county_admin');
    await expect(
      api.org.create({
        name: '越界党支部',
        kind: 'branch',
        category: 'rural',
        regionCode: otherCountyOrg.regionCode,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.org.update({ id: otherCountyOrg.id, memberCount: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.org.history({ orgId: otherCountyOrg.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.org.update({ id: village.orgId, parentId: otherCountyOrg.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `上级党组织（编号 ${otherCountyOrg.id}）不存在或不在本辖区内`,
    });
    const [untouched] = await handle.db.select().from(orgs).where(eq(orgs.id, otherCountyOrg.id));
    expect(untouched?.memberCount).not.toBe(1);
    expect(
      await handle.db.select().from(orgChanges).where(eq(orgChanges.orgId, otherCountyOrg.id)),
    ).toEqual([]);
  });

  it('an organisation cannot become its own ancestor', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const child = await api.org.create({
      name: '下级党支部',
      kind: 'branch',
      category: 'rural',
      parentId: village.orgId,
      regionCode: village.regionCode,
    });
    await expect(api.org.update({ id: village.orgId, parentId: child.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '上级党组织（parentId）：不能选择本组织的下级组织',
    });
  });

  it('a person’s ID number must pass the check character; it is stored encrypted and listed masked', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const good = idNumber('43070219900101003');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const refusal = await api.person
      .create({ name: '张校验', gender: 'male', idNumber: bad, regionCode: village.regionCode })
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST' });
    // The message users see (the API's error formatter) names the field in Chinese.
    const cause = (refusal as { cause: unknown }).cause;
    expect(cause).toBeInstanceOf(ZodError);
    expect(summarizeIssues((cause as ZodError).issues)).toBe(
      '身份证号（idNumber）：身份证号无效（应为 18 位且校验码正确）',
    );
    const created = await api.person.create({
      name: '张校验',
      gender: 'male',
      idNumber: good,
      phone: '10012345678',
      regionCode: village.regionCode,
    });
    const [row] = await handle.db.select().from(people).where(eq(people.id, created.id));
    expect(defined(row).idNumberEnc).not.toContain(good);
    expect(TEST_PII_CIPHER.decrypt(defined(defined(row).idNumberEnc))).toBe(good);
    const listed = await api.person.list({
      regionCode: village.regionCode,
      search: '张校验',
      page: 1,
      pageSize: 10,
    });
    expect(listed.items).toHaveLength(1);
    // 430702 + 8 stars + last four; the county admin sees the phone in full.
    expect(listed.items[0]).toMatchObject({
      idNumberMasked: `430702********${good.slice(-4)}`,
      phone: '10012345678',
      hasIdNumber: true,
    });
    expect(listed.items[0]).not.toHaveProperty('idNumberEnc');
    // A training organiser sees the phone masked (138****1234 style).
    const trainer = await callerAs(handle, 'trainer');
    const seen = await trainer.api.person.list({
      regionCode: village.regionCode,
      search: '张校验',
      page: 1,
      pageSize: 10,
    });
    expect(seen.items[0]?.phone).toBe('100****5678');
  });

  it('editing a person changes only the given fields; the audit keeps the ID number masked', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const created = await api.person.create({
      name: '王改',
      gender: 'male',
      regionCode: village.regionCode,
    });
    const newId = idNumber('43070219751231004');
    const res = await api.person.update({
      id: created.id,
      education: 'college',
      idNumber: newId,
      name: '王改',
    });
    expect(res.changed.sort()).toEqual(['education', 'idNumber']);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.procedure, 'person.update'), eq(auditLog.target, `person:${created.id}`)),
      );
    expect(JSON.stringify(audit)).not.toContain(newId);
    expect(audit?.after).toMatchObject({
      education: 'college',
      idNumber: `430702********${newId.slice(-4)}`,
    });
  });

  it("a county admin cannot list, open, create or edit another county's people", async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const [stranger] = await handle.db
      .select({ id: people.id })
      .from(people)
      .where(between(people.regionCode, DINGCHENG, '430703999999'))
      .limit(1);
    await expect(
      api.person.list({ regionCode: DINGCHENG, page: 1, pageSize: 5 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.person.byId({ id: defined(stranger).id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.person.update({ id: defined(stranger).id, name: '越界' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.person.create({ name: '越界', gender: 'male', regionCode: DINGCHENG }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Nor move one of their own people there.
    await expect(
      api.person.update({ id: village.secretaryId, regionCode: DINGCHENG }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
