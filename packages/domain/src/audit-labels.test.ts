import { describe, expect, it } from 'vitest';
import {
  auditActorLabel,
  auditTargetLabel,
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
