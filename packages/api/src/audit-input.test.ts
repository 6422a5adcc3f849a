import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './trpc';

describe('the audit log copy of a mutation input', () => {
  it('masks passwords, tokens and personal identifiers wherever they sit in the input', () => {
    const logged = withoutSecrets({
      username: 'lisi',
      newPassword: 'Secret#2026',
      people: [{ name: '李四', idNumber: '430703199001011234', bankCardNo: '6222020000000000' }],
      nested: { resetToken: 'abc', id_number: '430703199001011234' },
    });
    expect(logged).toEqual({
      username: 'lisi',
      newPassword: '***',
      people: [{ name: '李四', idNumber: '***', bankCardNo: '***' }],
      nested: { resetToken: '***', id_number: '***' },
    });
    expect(JSON.stringify(logged)).not.toContain('430703199001011234');
  });

  it('keeps ordinary fields, numbers and dates as they are', () => {
    const when = new Date('2026-01-05T00:00:00Z');
    expect(withoutSecrets({ id: 7, year: 2026, at: when, note: null })).toEqual({
      id: 7,
      year: 2026,
      at: when,
      note: null,
    });
  });
});
