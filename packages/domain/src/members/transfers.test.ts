import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { replayTransfers, validateTransfer } from './transfers';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};

const ctx = { joinedOn: '2010-07-01', currentOrgId: 'o1', asOf: '2015-12-31' };

describe('moves of the organisational relation (组织关系转接)', () => {
  it('moves within the system to another organisation', () => {
    expect(
      validateTransfer(
        { kind: 'within_system', fromOrgId: 'o1', toOrgId: 'o2', on: '2015-03-01' },
        ctx,
      ),
    ).toEqual({
      orgId: 'o2',
      movedOn: '2015-03-01',
    });
  });

  it('refuses a move to the same organisation', () => {
    expect(
      errorOf(() =>
        validateTransfer(
          { kind: 'within_system', fromOrgId: 'o1', toOrgId: 'o1', on: '2015-03-01' },
          ctx,
        ),
      ),
    ).toBe('RULE_VIOLATION:toOrgId');
  });

  it('refuses a move from an organisation that does not hold the relation', () => {
    expect(
      errorOf(() =>
        validateTransfer(
          { kind: 'within_system', fromOrgId: 'o9', toOrgId: 'o2', on: '2015-03-01' },
          ctx,
        ),
      ),
    ).toBe('RULE_VIOLATION:fromOrgId');
  });

  it('refuses a date before joining, before the last move, or after today; the joining day is fine', () => {
    const t = { kind: 'to_outside' as const, fromOrgId: 'o1', toOrgName: '东莞市某镇党委' };
    expect(errorOf(() => validateTransfer({ ...t, on: '2010-06-30' }, ctx))).toBe(
      'RULE_VIOLATION:on',
    );
    expect(validateTransfer({ ...t, on: '2010-07-01' }, ctx).orgId).toBeNull();
    expect(
      errorOf(() =>
        validateTransfer({ ...t, on: '2014-01-01' }, { ...ctx, lastMovedOn: '2014-02-01' }),
      ),
    ).toBe('RULE_VIOLATION:on');
    expect(errorOf(() => validateTransfer({ ...t, on: '2016-01-01' }, ctx))).toBe(
      'RULE_VIOLATION:on',
    );
  });

  it('moves in from outside only when the relation is outside the system', () => {
    const t = {
      kind: 'from_outside' as const,
      fromOrgName: '广州市某党支部',
      toOrgId: 'o3',
      on: '2015-05-01',
    };
    expect(validateTransfer(t, { ...ctx, currentOrgId: null }).orgId).toBe('o3');
    expect(errorOf(() => validateTransfer(t, ctx))).toBe('RULE_VIOLATION:kind');
    expect(
      errorOf(() =>
        validateTransfer(
          { kind: 'to_outside', fromOrgId: 'o1', toOrgName: 'x', on: '2015-05-01' },
          { ...ctx, currentOrgId: null },
        ),
      ),
    ).toBe('RULE_VIOLATION:fromOrgId');
  });

  it('requires the outside organisation to be named', () => {
    expect(
      errorOf(() =>
        validateTransfer(
          { kind: 'to_outside', fromOrgId: 'o1', toOrgName: ' ', on: '2015-05-01' },
          ctx,
        ),
      ),
    ).toBe('INVALID_INPUT:toOrgName');
  });

  it('replays a history out and back in, and names the index of the first bad move', () => {
    const start = { joinedOn: '2010-07-01', orgId: 'o1', asOf: '2015-12-31' };
    const history = [
      { kind: 'within_system' as const, fromOrgId: 'o1', toOrgId: 'o2', on: '2012-01-01' },
      {
        kind: 'to_outside' as const,
        fromOrgId: 'o2',
        toOrgName: '东莞市某镇党委',
        on: '2013-01-01',
      },
      {
        kind: 'from_outside' as const,
        fromOrgName: '东莞市某镇党委',
        toOrgId: 'o1',
        on: '2015-01-01',
      },
    ];
    expect(replayTransfers(start, history)).toEqual({ orgId: 'o1', lastMovedOn: '2015-01-01' });
    expect(replayTransfers(start, [])).toEqual({ orgId: 'o1', lastMovedOn: null });
    const swapped = [history[0], history[2], history[1]] as typeof history;
    expect(errorOf(() => replayTransfers(start, swapped))).toBe('RULE_VIOLATION:transfers[1].kind');
  });
});
