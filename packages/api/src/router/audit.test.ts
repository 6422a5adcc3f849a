import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { PROCEDURE_LABELS } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../permissions';
import { createCaller } from '../root';
import { callerAs, createTestContext, memoryCookieJar } from '../testing';

describe('every procedure has an action label', () => {
  it('each key of the permission table has a Chinese label in PROCEDURE_LABELS', () => {
    const missing = Object.keys(PERMISSIONS).filter((p) => !Object.hasOwn(PROCEDURE_LABELS, p));
    expect(missing).toEqual([]);
    for (const p of Object.keys(PERMISSIONS)) {
      expect(PROCEDURE_LABELS[p]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

/** What the audit page shows of a row: none of it may be a procedure, an id or a region code. */
function shown(item: {
  who: string;
  action: string;
  regionName: string;
  targetLabel: string;
  changes: { field: string; before: string | null; after: string | null }[];
}) {
  return JSON.stringify([item.who, item.action, item.regionName, item.targetLabel, item.changes]);
}

describe.each(TEST_DRIVERS)('the audit log in people’s words on %s', (driver) => {
  let handle: DatabaseHandle;
  const NOW = new Date('2026-06-01T01:00:00Z');
  const now = () => NOW;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('a login reads 登录 by 武陵区委组织部 in 武陵区 on the account by its name, never auth.login, user:1 or 430702000000', async () => {
    const api = createCaller(createTestContext(handle, { cookies: memoryCookieJar(), now }));
    await api.auth.login({ username: 'county_admin', password: DEMO_PASSWORD });
    const city = await callerAs(handle, 'city_admin', { now });
    const page = await city.api.audit.list({ page: 1, pageSize: 50, person: '武陵区委组织部' });
    const login = page.items.find((i) => i.procedure === 'auth.login');
    expect(login).toMatchObject({
      who: '武陵区委组织部',
      action: '登录',
      regionName: '武陵区',
      targetLabel: '账号「武陵区委组织部」',
    });
    for (const item of page.items) {
      const text = shown(item);
      expect(text).not.toMatch(/\d{12}/);
      expect(text).not.toMatch(/auth\.|user:/);
    }
  });

  it('a new class reads as 新建培训班 on the class by name, its region as a name and no account id', async () => {
    const county = await callerAs(handle, 'county_admin', { now });
    const cls = await county.api.training.createClass({
      name: '审计测试轮训班',
      trainingKind: 'rotation',
      startDate: '2026-06-10',
      endDate: '2026-06-10',
      days: 1,
      venue: '区委党校',
      capacity: 10,
      eligibleRoles: ['secretary'],
    });
    const city = await callerAs(handle, 'city_admin', { now });
    const page = await city.api.audit.list({
      page: 1,
      pageSize: 10,
      procedure: 'training.createClass',
    });
    const item = defined(page.items.find((i) => i.target === `training_class:${cls.id}`));
    expect(item).toMatchObject({ action: '新建培训班', targetLabel: '培训班「审计测试轮训班」' });
    expect(item.changes).toEqual(
      expect.arrayContaining([
        { field: '名称', before: null, after: '审计测试轮训班' },
        { field: '区划', before: null, after: '武陵区' },
      ]),
    );
    expect(shown(item)).not.toMatch(/\d{12}|createdBy|training\./);
  });

  it('filters by person (part of a name) and by date', async () => {
    const city = await callerAs(handle, 'city_admin', { now });
    const none = await city.api.audit.list({ page: 1, pageSize: 10, person: '不存在的人' });
    expect(none.total).toBe(0);
    const before = await city.api.audit.list({
      page: 1,
      pageSize: 10,
      to: new Date('2026-01-01T00:00:00Z'),
    });
    expect(before.total).toBe(0);
    const that = await city.api.audit.list({
      page: 1,
      pageSize: 10,
      person: '武陵区',
      from: new Date('2026-06-01T00:00:00Z'),
      to: new Date('2026-06-02T00:00:00Z'),
    });
    expect(that.total).toBeGreaterThanOrEqual(2);
  });
});
