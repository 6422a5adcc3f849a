import { describe, expect, it } from 'vitest';
import {
  accountUnit,
  auditActorLabel,
  auditTargetLabel,
  parseAuditTarget,
  describeAuditChanges,
  procedureLabel,
  regionCodesIn,
} from './audit-labels';

describe('audit log in people’s words', () => {
  it('an action reads in Chinese: auth.login is 登录, grading.set is 定级; an unknown one is 其他操作', () => {
    expect(procedureLabel('auth.login')).toBe('登录');
    expect(procedureLabel('grading.set')).toBe('定级');
    expect(procedureLabel('nothing.here')).toBe('其他操作');
    expect(procedureLabel('toString')).toBe('其他操作');
  });

  it('who did it is the name and the unit, or the unit alone when the account is named after it', () => {
    expect(auditActorLabel('张三', 'county_admin', '武陵区')).toBe('张三（武陵区委组织部）');
    expect(auditActorLabel('武陵区委组织部', 'county_admin', '武陵区')).toBe('武陵区委组织部');
    expect(auditActorLabel(null, null, null)).toBe('系统');
  });

  it('a target reads as its name, else its kind and number, else 记录 #n — never user:1', () => {
    expect(auditTargetLabel('user:1', '武陵区委组织部')).toBe('账号「武陵区委组织部」');
    expect(auditTargetLabel('org:12', null)).toBe('党组织 #12');
    expect(auditTargetLabel('widget:12', null)).toBe('记录 #12');
    expect(auditTargetLabel(null)).toBe('—');
    expect(auditTargetLabel('training_class:3:attendance:2026-06-01')).toBe('培训班 #3');
  });

  it('changes leave out ids and show region codes as names; unchanged fields are not listed', () => {
    const names = new Map([['430702000000', '武陵区']]);
    const before = { status: 'confirmed', seq: 3, regionCode: '430702000000', personId: 9 };
    const after = { status: 'cancelled', seq: 3, regionCode: '430702000000', personId: 9 };
    expect(describeAuditChanges(before, after, (c) => names.get(c))).toEqual([
      { field: '状态', before: 'confirmed', after: 'cancelled' },
    ]);
    const created = describeAuditChanges(
      null,
      { id: 5, name: '轮训班', regionCode: '430702000000', createdBy: 1 },
      (c) => names.get(c),
    );
    expect(created).toEqual([
      { field: '名称', before: null, after: '轮训班' },
      { field: '区划', before: null, after: '武陵区' },
    ]);
    expect(regionCodesIn({ a: ['430702000000', { b: '430703000000' }], c: 12 })).toEqual([
      '430702000000',
      '430703000000',
    ]);
  });
});

describe('audit words for every kind of account and value', () => {
  it('each role acts for its unit: 组织部, 培训科, 党（工）委, 党组织, 扶贫办, 工作队', () => {
    const roles = [
      ['city_admin', '常德市委组织部'],
      ['county_admin', '常德市委组织部'],
      ['training_organiser', '常德市委组织部培训科'],
      ['township', '常德市党（工）委'],
      ['secretary', '常德市党组织'],
      ['poverty_office', '常德市扶贫办'],
      ['team_member', '驻常德市工作队'],
    ] as const;
    for (const [role, unit] of roles) expect(accountUnit(role, '常德市')).toBe(unit);
    expect(accountUnit(null, '常德市')).toBe('常德市');
    expect(accountUnit('city_admin', null)).toBeNull();
    expect(auditActorLabel(null, 'township', '启明街道')).toBe('启明街道党（工）委');
    expect(auditActorLabel('李四', null, null)).toBe('李四');
  });

  it('values read as words: yes/no, numbers, lists, nested records without ids, unknown regions', () => {
    const none = () => undefined;
    const rows = describeAuditChanges(
      { open: true, count: 2, tags: [], nested: { id: 3, name: '甲' }, where: '430700000000' },
      { open: false, count: 3, tags: ['a', 'b'], nested: { id: 3, name: '乙' }, where: null },
      none,
    );
    expect(rows).toEqual([
      { field: 'open', before: '是', after: '否' },
      { field: 'count', before: '2', after: '3' },
      { field: 'tags', before: '—', after: 'a、b' },
      { field: 'nested', before: '名称：甲', after: '名称：乙' },
      { field: 'where', before: '（区划）', after: '—' },
    ]);
  });

  it('a value that is not a record is one change named 内容; nothing before and after is no change', () => {
    expect(describeAuditChanges('旧', '新', () => undefined)).toEqual([
      { field: '内容', before: '旧', after: '新' },
    ]);
    expect(describeAuditChanges(null, 7n, () => undefined)).toEqual([
      { field: '内容', before: null, after: '7' },
    ]);
    expect(describeAuditChanges(undefined, undefined, () => undefined)).toEqual([]);
    expect(describeAuditChanges(null, null, () => undefined)).toEqual([]);
    expect(describeAuditChanges({ a: 1 }, null, () => undefined)).toEqual([
      { field: 'a', before: '1', after: null },
    ]);
  });

  it('a target names its record kind even without an id, and a name without a known kind stands alone', () => {
    expect(auditTargetLabel('training_class', null)).toBe('培训班');
    expect(auditTargetLabel('widget', null)).toBe('记录');
    expect(auditTargetLabel('widget:3', '某物')).toBe('某物');
    expect(parseAuditTarget('org:x')).toEqual({ kind: 'org', id: null });
  });
});
