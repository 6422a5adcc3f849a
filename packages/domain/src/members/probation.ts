import { z } from 'zod';
import { daysBetween } from '../dates';
import { DomainError } from '../errors';
import { isoDateSchema, parseInput } from '../validation';
import type { IsoDate } from '../validation';
import { addMonths } from './calendar';
import type { MemberPolicyValues } from './member-policy';

/**
 * The probation year of a new member (预备期), its extension and its end, as 《中国共产党章程》
 * 第七条 sets them: the probation is one year, counted from the day the branch meeting admitted
 * the candidate as a probationary member; when it ends the branch decides in good time to convert
 * them (按期转为正式党员), to extend the probation (延长预备期, at most one year), or to cancel the
 * probationary membership (取消预备党员资格). Party standing counts from the conversion, which is
 * the day the probation ends.
 */

type ProbationValues = Pick<
  MemberPolicyValues,
  'probationMonths' | 'probationExtensionMaxMonths' | 'probationExtensionsMax'
>;

export interface ProbationDates {
  /** The day the branch meeting admitted them: the probation starts that day (党章 第七条). */
  probationStartOn: IsoDate;
  /** The day the probation year ends and conversion falls due. */
  conversionDueOn: IsoDate;
}

/**
 * A candidate admitted through 发展党员 (stage 'probationary' of cadres.ts) becomes a
 * probationary member on `admittedOn`; the probation runs probationMonths (12) from that day,
 * so conversion is due on the anniversary (2015-07-01 → 2016-07-01; 2016-02-29 → 2017-02-28)
 * (《中国共产党章程》 第七条).
 */
export function probationFromAdmission(
  admittedOn: IsoDate,
  values: Pick<MemberPolicyValues, 'probationMonths'>,
): ProbationDates {
  parseInput(isoDateSchema, admittedOn);
  return {
    probationStartOn: admittedOn,
    conversionDueOn: addMonths(admittedOn, values.probationMonths, 'admittedOn'),
  };
}

export const PROBATION_OUTCOMES = ['converted', 'extended', 'cancelled'] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];
export const PROBATION_OUTCOME_LABELS: Record<ProbationOutcome, string> = {
  converted: '按期转为正式党员',
  extended: '延长预备期',
  cancelled: '取消预备党员资格',
};

export const probationDecisionSchema = z.object({
  outcome: z.enum(PROBATION_OUTCOMES),
  /** The day the branch meeting decided it. */
  decidedOn: isoDateSchema,
  /** Months of extension (only for 'extended'). */
  months: z.number().int().positive().optional(),
});
export type ProbationDecision = z.infer<typeof probationDecisionSchema>;

export const probationRecordSchema = z.object({
  admittedOn: isoDateSchema,
  /** The branch meeting's decisions so far, in order. */
  decisions: z.array(probationDecisionSchema).default([]),
});
export type ProbationRecordInput = z.input<typeof probationRecordSchema>;

export const PROBATION_STATES = ['in_probation', 'overdue', 'converted', 'cancelled'] as const;
export type ProbationState = (typeof PROBATION_STATES)[number];
export const PROBATION_STATE_LABELS: Record<ProbationState, string> = {
  in_probation: '预备期内',
  overdue: '预备期满未讨论转正',
  converted: '已转为正式党员',
  cancelled: '已取消预备党员资格',
};

export interface ProbationStatus {
  state: ProbationState;
  probationStartOn: IsoDate;
  /** The original due date (one year after admission). */
  originalDueOn: IsoDate;
  /** The due date after any extension. */
  conversionDueOn: IsoDate;
  /** Months of extension granted (0 when none). */
  extendedMonths: number;
  /** 转正时间 (= the due date the conversion met); null unless converted. */
  fullSince: IsoDate | null;
  /** Days past the due date without a decision (0 unless overdue). */
  overdueDays: number;
}

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/** One decision applied to the probation so far (see probationStatus for the rules). */
function applyDecision(
  d: ProbationDecision,
  i: number,
  acc: { dueOn: IsoDate; extensions: number; months: number; closed: boolean; admittedOn: IsoDate },
  values: ProbationValues,
): void {
  const field = `decisions[${i}]`;
  if (acc.closed)
    throw rule(`${field}.outcome`, '预备期已结束（已转正或已取消资格），不能再作决定');
  if (d.decidedOn < acc.admittedOn) {
    throw rule(`${field}.decidedOn`, `决定日期不能早于入党时间（${acc.admittedOn}）`);
  }
  if (d.outcome === 'cancelled') {
    acc.closed = true;
    return;
  }
  if (d.decidedOn < acc.dueOn) {
    throw rule(`${field}.decidedOn`, `预备期满（${acc.dueOn}）后才能讨论转正或延长预备期`);
  }
  if (d.outcome === 'converted') {
    acc.closed = true;
    return;
  }
  if (acc.extensions >= values.probationExtensionsMax) {
    throw rule(`${field}.outcome`, `延长预备期最多 ${values.probationExtensionsMax} 次`);
  }
  const months = d.months ?? 0;
  if (months < 1 || acc.months + months > values.probationExtensionMaxMonths) {
    throw rule(
      `${field}.months`,
      `延长预备期应为 1 至 ${values.probationExtensionMaxMonths - acc.months} 个月（累计不超过 ${values.probationExtensionMaxMonths} 个月）`,
    );
  }
  acc.extensions += 1;
  acc.months += months;
  acc.dueOn = addMonths(acc.dueOn, months);
}

/**
 * Where a probation stands on `asOf` (《中国共产党章程》 第七条): converted or cancelled when the
 * branch so decided; overdue when the (possibly extended) probation has ended and the branch has
 * not decided; else in probation. The decisions are validated in order: conversion and extension
 * only on or after the due date (the branch discusses them when the probation ends); an extension
 * of 1..probationExtensionMaxMonths (12) months, at most probationExtensionsMax (1) time;
 * cancellation at any time after admission; nothing after a conversion or cancellation.
 * On conversion, 转正时间 is the due date the probation ended on, not the meeting's date.
 */
export function probationStatus(
  input: ProbationRecordInput,
  asOf: IsoDate,
  values: ProbationValues,
): ProbationStatus {
  const p = parseInput(probationRecordSchema, input);
  parseInput(isoDateSchema, asOf);
  const originalDueOn = addMonths(p.admittedOn, values.probationMonths);
  const acc = {
    dueOn: originalDueOn,
    extensions: 0,
    months: 0,
    closed: false,
    admittedOn: p.admittedOn,
  };
  p.decisions.forEach((d, i) => {
    applyDecision(d, i, acc, values);
  });
  const last = p.decisions.at(-1);
  const state: ProbationState =
    last?.outcome === 'converted'
      ? 'converted'
      : last?.outcome === 'cancelled'
        ? 'cancelled'
        : asOf > acc.dueOn
          ? 'overdue'
          : 'in_probation';
  return {
    state,
    probationStartOn: p.admittedOn,
    originalDueOn,
    conversionDueOn: acc.dueOn,
    extendedMonths: acc.months,
    fullSince: state === 'converted' ? acc.dueOn : null,
    overdueDays: state === 'overdue' ? daysBetween(acc.dueOn, asOf) : 0,
  };
}

/**
 * Whether a further decision is valid now, without throwing: the same rules as probationStatus
 * applied to the record with `next` appended. Returns null when valid, else the DomainError.
 */
export function checkProbationDecision(
  input: ProbationRecordInput,
  next: ProbationDecision,
  values: ProbationValues,
): DomainError | null {
  try {
    probationStatus(
      { ...input, decisions: [...(input.decisions ?? []), next] },
      next.decidedOn,
      values,
    );
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}
