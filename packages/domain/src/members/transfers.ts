import { z } from 'zod';
import { DomainError } from '../errors';
import { idSchema, isoDateSchema, parseInput } from '../validation';
import type { IsoDate } from '../validation';

/**
 * Moves of a member's organisational relation (组织关系转接): between two organisations of the
 * system, out to an organisation outside it, or in from one outside it. 常委〔2012〕5号 第三条
 * asks for members' relations to be put in order (理顺党员组织关系) and for mobile members to be
 * found and managed; a move is the record of where the relation went and when.
 */

export const TRANSFER_KINDS = ['within_system', 'to_outside', 'from_outside'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  within_system: '系统内转接',
  to_outside: '转出（转往系统外党组织）',
  from_outside: '转入（从系统外党组织转入）',
};

const name = z.string().trim().min(1, '党组织名称不能为空');

export const transferSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('within_system'),
    fromOrgId: idSchema,
    toOrgId: idSchema,
    on: isoDateSchema,
  }),
  z.object({
    kind: z.literal('to_outside'),
    fromOrgId: idSchema,
    /** The receiving organisation outside the system, by name (e.g. 广东省东莞市某党委). */
    toOrgName: name,
    on: isoDateSchema,
  }),
  z.object({
    kind: z.literal('from_outside'),
    /** The sending organisation outside the system, by name. */
    fromOrgName: name,
    toOrgId: idSchema,
    on: isoDateSchema,
  }),
]);
export type Transfer = z.infer<typeof transferSchema>;

export const transferContextSchema = z.object({
  /** 入党时间. */
  joinedOn: isoDateSchema,
  /** The organisation holding the relation now (null: the relation is outside the system). */
  currentOrgId: idSchema.nullable(),
  /** Date of the member's last move, if any. */
  lastMovedOn: isoDateSchema.nullable().default(null),
  /** Today: a move is not recorded ahead of time. */
  asOf: isoDateSchema,
});
export type TransferContext = z.input<typeof transferContextSchema>;

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/** The organisation side rules of a move (see validateTransfer). */
function checkSides(t: Transfer, currentOrgId: string | null): void {
  if (t.kind === 'from_outside') {
    if (currentOrgId !== null) {
      throw rule('kind', '组织关系在系统内的党员应办理系统内转接，不能从系统外转入');
    }
    return;
  }
  if (currentOrgId === null) {
    throw rule('fromOrgId', '组织关系不在系统内，不能从系统内转出');
  }
  if (t.fromOrgId !== currentOrgId) {
    throw rule('fromOrgId', '转出党组织应为组织关系当前所在的党组织');
  }
  if (t.kind === 'within_system' && t.toOrgId === t.fromOrgId) {
    throw rule('toOrgId', '转入党组织不能与转出党组织相同');
  }
}

/**
 * Validates a move of a member's organisational relation and returns where the relation is
 * afterwards (the receiving organisation's id, or null when it left the system). A move within
 * the system or out of it starts at the organisation holding the relation now; a move within the
 * system goes to another organisation; a move in from outside is only for a member whose relation
 * is outside the system; the date is not before joining, not before the last move and not after
 * `asOf`. Throws a DomainError (RULE_VIOLATION) naming the field.
 */
export function validateTransfer(
  transfer: z.input<typeof transferSchema>,
  context: TransferContext,
): { orgId: string | null; movedOn: IsoDate } {
  const t = parseInput(transferSchema, transfer);
  const c = parseInput(transferContextSchema, context);
  checkSides(t, c.currentOrgId);
  if (t.on < c.joinedOn) throw rule('on', `转接日期不能早于入党时间（${c.joinedOn}）`);
  if (c.lastMovedOn !== null && t.on < c.lastMovedOn) {
    throw rule('on', `转接日期不能早于上一次转接（${c.lastMovedOn}）`);
  }
  if (t.on > c.asOf) throw rule('on', `转接日期不能晚于今天（${c.asOf}）`);
  return { orgId: t.kind === 'to_outside' ? null : t.toOrgId, movedOn: t.on };
}

/**
 * Replays a member's moves in date order from where the relation was on joining, validating
 * each (validateTransfer), and returns where it is now. The first error names its index:
 * "transfers[2].toOrgId".
 */
export function replayTransfers(
  start: { joinedOn: IsoDate; orgId: string | null; asOf: IsoDate },
  transfers: readonly z.input<typeof transferSchema>[],
): { orgId: string | null; lastMovedOn: IsoDate | null } {
  let orgId = start.orgId;
  let lastMovedOn: IsoDate | null = null;
  transfers.forEach((t, i) => {
    try {
      const r = validateTransfer(t, {
        joinedOn: start.joinedOn,
        currentOrgId: orgId,
        lastMovedOn,
        asOf: start.asOf,
      });
      orgId = r.orgId;
      lastMovedOn = r.movedOn;
    } catch (e) {
      if (e instanceof DomainError) {
        throw new DomainError(e.code, `transfers[${i}].${e.field}`, e.message);
      }
      throw e;
    }
  });
  return { orgId, lastMovedOn };
}
