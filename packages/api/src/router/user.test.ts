import type { DatabaseHandle } from '@dangjian/db';
import { defined, verifyPassword } from '@dangjian/db';
import { sessions, users } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { summarizeIssues } from '@dangjian/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createCaller } from '../root';
import { callerAs, createTestContext, memoryCookieJar } from '../testing';
import { assignableRoles, ROLE_RANK } from '@dangjian/domain';

const WULING = '430702000000';
const WULING_TOWNSHIP = '430702001000'; // 启明街道, the demo township
const DINGCHENG = '430703000000';

async function zodMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  const cause = (error as { cause: unknown }).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return summarizeIssues((cause as ZodError).issues);
}

describe('role rank', () => {
  it('ranks city admin above county admin above township above every other role', () => {
    expect(ROLE_RANK.city_admin).toBeGreaterThan(ROLE_RANK.county_admin);
    expect(ROLE_RANK.county_admin).toBeGreaterThan(ROLE_RANK.township);
    expect(ROLE_RANK.township).toBeGreaterThan(ROLE_RANK.secretary);
    expect(assignableRoles('county_admin')).not.toContain('city_admin');
    expect(assignableRoles('county_admin')).toContain('county_admin');
    expect(assignableRoles('city_admin')).toContain('city_admin');
  });
});

describe.each(TEST_DRIVERS)('account management on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a county admin creates an account inside the county, and it can sign in with its password', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const created = await api.user.create({
      username: 'qiming_clerk',
      displayName: '启明街道组织委员',
      role: 'township',
      regionCode: WULING_TOWNSHIP,
      password: 'Qiming#2026',
    });
    expect(created).toMatchObject({
      username: 'qiming_clerk',
      role: 'township',
      regionCode: WULING_TOWNSHIP,
    });
    const [row] = await handle.db.select().from(users).where(eq(users.username, 'qiming_clerk'));
    expect(defined(row).passwordHash).toMatch(/^\$argon2id\$/);
    const anonymous = createCaller(createTestContext(handle, { cookies: memoryCookieJar() }));
    expect(
      await anonymous.auth.login({ username: 'qiming_clerk', password: 'Qiming#2026' }),
    ).toMatchObject({
      role: 'township',
    });
    const listed = await api.user.list({ search: 'qiming', page: 1, pageSize: 20 });
    expect(listed.items.map((u) => u.username)).toEqual(['qiming_clerk']);
    expect(listed.items[0]).not.toHaveProperty('passwordHash');
  });

  it('a county admin may not create a city admin, nor an account outside the county', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    await expect(
      api.user.create({
        username: 'fake_city',
        displayName: '冒充市管理员',
        role: 'city_admin',
        regionCode: WULING,
        password: 'Strong#Pass1',
      }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '县（市、区）委组织部不能创建或授予更高级别的角色「市委组织部管理员」',
    });
    await expect(
      api.user.create({
        username: 'over_there',
        displayName: '越界账号',
        role: 'township',
        regionCode: '430703001000',
        password: 'Strong#Pass1',
      }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '无权访问本辖区以外的区域（430703001000）',
    });
    expect(await handle.db.select().from(users).where(eq(users.username, 'fake_city'))).toEqual([]);
    expect(await handle.db.select().from(users).where(eq(users.username, 'over_there'))).toEqual(
      [],
    );
  });

  it('a department account must sit at its level: a township account on a village is refused', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    await expect(
      api.user.create({
        username: 'wrong_level',
        displayName: '错层级',
        role: 'township',
        regionCode: WULING,
        password: 'Strong#Pass1',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '「乡镇（街道）党（工）委」账号应设在乡镇（街道）级区划，「武陵区」不是',
    });
  });

  it('a taken username is refused with a Chinese message, even when the holder is in another county', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    await expect(
      api.user.create({
        username: 'county2_admin',
        displayName: '重名',
        role: 'secretary',
        regionCode: WULING,
        password: 'Strong#Pass1',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '用户名（username）「county2_admin」已被使用，请换一个',
    });
  });

  it('the password policy applies when creating an account and when resetting one', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    expect(
      await zodMessage(
        api.user.create({
          username: 'weak_one',
          displayName: '弱口令',
          role: 'secretary',
          regionCode: WULING,
          password: 'abc123',
        }),
      ),
    ).toBe('密码（password）：密码至少 8 位');
    expect(
      await zodMessage(
        api.user.create({
          username: 'weak_two',
          displayName: '弱口令',
          role: 'secretary',
          regionCode: WULING,
          password: 'abcdefgh1',
        }),
      ),
    ).toBe('密码（password）：密码须包含大写字母、小写字母、数字、符号中的至少 3 类');
    const [township] = await handle.db.select().from(users).where(eq(users.username, 'township'));
    expect(
      await zodMessage(
        api.user.resetPassword({ userId: defined(township).id, newPassword: 'password' }),
      ),
    ).toBe('新密码（newPassword）：密码须包含大写字母、小写字母、数字、符号中的至少 3 类');
  });

  it("resetting a password ends that user's sessions and the new password works", async () => {
    const target = await callerAs(handle, 'township');
    expect(await target.api.auth.me()).toMatchObject({ username: 'township' });
    const { api } = await callerAs(handle, 'county_admin');
    await api.user.resetPassword({ userId: target.user.id, newPassword: 'Reset#Pass9' });
    expect(await target.api.auth.me()).toBeNull();
    expect(
      await handle.db.select().from(sessions).where(eq(sessions.userId, target.user.id)),
    ).toEqual([]);
    const [row] = await handle.db.select().from(users).where(eq(users.id, target.user.id));
    expect(await verifyPassword(defined(row).passwordHash, 'Reset#Pass9')).toBe(true);
    expect(await verifyPassword(defined(row).passwordHash, DEMO_PASSWORD)).toBe(false);
  });

  it('nobody can disable themselves; a disabled account is signed out and cannot sign in', async () => {
    const { api, user } = await callerAs(handle, 'county_admin');
    await expect(api.user.setDisabled({ userId: user.id, disabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '不能停用自己的账号',
    });
    const target = await callerAs(handle, 'team_member');
    await api.user.setDisabled({ userId: target.user.id, disabled: true });
    expect(await target.api.auth.me()).toBeNull();
    const anonymous = createCaller(createTestContext(handle, { cookies: memoryCookieJar() }));
    await expect(
      anonymous.auth.login({ username: 'team_member', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await api.user.setDisabled({ userId: target.user.id, disabled: false });
    expect(
      await anonymous.auth.login({ username: 'team_member', password: DEMO_PASSWORD }),
    ).toMatchObject({
      username: 'team_member',
    });
  });

  it('nobody raises an account above their own level, nor manages a higher-ranked one', async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const [township] = await handle.db.select().from(users).where(eq(users.username, 'township'));
    await expect(
      api.user.update({
        userId: defined(township).id,
        displayName: '升级',
        role: 'city_admin',
        regionCode: WULING,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A county admin may promote inside the county up to their own level.
    const promoted = await api.user.update({
      userId: defined(township).id,
      displayName: '武陵区委组织部（二）',
      role: 'county_admin',
      regionCode: WULING,
    });
    expect(promoted).toMatchObject({ role: 'county_admin', regionCode: WULING });
    await api.user.update({
      userId: defined(township).id,
      displayName: '启明街道党工委',
      role: 'township',
      regionCode: WULING_TOWNSHIP,
    });
    // A city-admin account placed in the county cannot be managed by the county admin.
    const city = await callerAs(handle, 'city_admin');
    const boss = await city.api.user.create({
      username: 'city_in_wuling',
      displayName: '市里派驻',
      role: 'secretary',
      regionCode: WULING,
      password: 'Strong#Pass1',
    });
    await handle.db.update(users).set({ role: 'city_admin' }).where(eq(users.id, boss.id));
    await expect(api.user.setDisabled({ userId: boss.id, disabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '县（市、区）委组织部不能管理更高级别的账号「city_in_wuling」（市委组织部管理员）',
    });
  });

  it("a county admin cannot read or change another county's accounts", async () => {
    const { api } = await callerAs(handle, 'county_admin');
    const [other] = await handle.db.select().from(users).where(eq(users.username, 'county2_admin'));
    await expect(
      api.user.list({ regionCode: DINGCHENG, page: 1, pageSize: 20 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mine = await api.user.list({ page: 1, pageSize: 200 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((u) => u.regionCode.startsWith('430702'))).toBe(true);
    expect(mine.items.map((u) => u.username)).not.toContain('county2_admin');
    await expect(
      api.user.setDisabled({ userId: defined(other).id, disabled: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      api.user.resetPassword({ userId: defined(other).id, newPassword: 'Hijack#Pass1' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.user.update({
        userId: defined(other).id,
        displayName: 'x',
        role: 'secretary',
        regionCode: WULING,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [after] = await handle.db
      .select()
      .from(users)
      .where(eq(users.id, defined(other).id));
    expect(after).toMatchObject({
      disabled: false,
      role: 'county_admin',
      passwordHash: defined(other).passwordHash,
    });
  });

  it('the city admin manages accounts anywhere in the city', async () => {
    const { api } = await callerAs(handle, 'city_admin');
    const all = await api.user.list({ page: 1, pageSize: 200 });
    expect(all.items.map((u) => u.username)).toEqual(
      expect.arrayContaining(['county_admin', 'county2_admin', 'township']),
    );
    expect(all.assignableRoles).toContain('city_admin');
    const [other] = await handle.db.select().from(users).where(eq(users.username, 'county2_admin'));
    await api.user.resetPassword({ userId: defined(other).id, newPassword: 'City#Reset1' });
  });
});
