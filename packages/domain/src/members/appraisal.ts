import { z } from 'zod';
import { repeatedIndexes } from '../collections';
import { DomainError } from '../errors';
import { idSchema, isoDateSchema, parseInput, yearSchema } from '../validation';
import type { IsoDate } from '../validation';
import { addMonths } from './calendar';
import type { MemberPolicyValues } from './member-policy';

/**
 * The yearly democratic appraisal of members (民主评议党员) and the handling of members rated
 * unqualified: 常委〔2012〕5号 第十四条 (坚持民主评议党员，探索处置不合格党员方式方法) and
 * 岳阳市委组织部2015年基层党建通知 第六部分 (开展民主评议党员活动，稳妥慎重做好处置不合格党员工作).
 * The handling follows 《中国共产党章程》 第九条 (限期改正; 经教育仍无转变的，劝其退党; 坚持不退的，
 * 除名) and 第七条 (a probationary member who does not meet the conditions loses that status).
 */

export const APPRAISAL_STEPS = [
  'self_assessment',
  'mutual_appraisal',
  'democratic_poll',
  'verdict',
] as const;
export type AppraisalStep = (typeof APPRAISAL_STEPS)[number];
export const APPRAISAL_STEP_LABELS: Record<AppraisalStep, string> = {
  self_assessment: '个人自评',
  mutual_appraisal: '党员互评',
  democratic_poll: '民主测评',
  verdict: '支部评定等次',
};

export const APPRAISAL_GRADES = [
  'excellent',
  'qualified',
  'basically_qualified',
  'unqualified',
] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export const appraisalSchema = z.object({
  branchId: idSchema,
  /** The year appraised (the meetings may run into the first months of the next year). */
  year: yearSchema,
  steps: z.array(z.object({ step: z.enum(APPRAISAL_STEPS), on: isoDateSchema })),
  verdicts: z.array(z.object({ memberId: idSchema, grade: z.enum(APPRAISAL_GRADES) })).default([]),
});
export type AppraisalInput = z.input<typeof appraisalSchema>;

export interface AppraisalState {
  /** The last step done, or null before the self-assessment. */
  reached: AppraisalStep | null;
  /** The step that comes next, or null once the verdict is in. */
  next: AppraisalStep | null;
  complete: boolean;
  counts: Record<AppraisalGrade, number>;
  /** Members rated 不合格: each needs handling (memberHandlingStatus). */
  unqualified: string[];
}

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

function checkSteps(p: z.output<typeof appraisalSchema>, asOf: IsoDate): void {
  p.steps.forEach((s, i) => {
    const expected = APPRAISAL_STEPS[i];
    if (s.step !== expected) {
      throw rule(
        `steps[${i}].step`,
        expected === undefined
          ? '评议步骤已全部完成'
          : `第 ${i + 1} 步应为“${APPRAISAL_STEP_LABELS[expected]}”，不能是“${APPRAISAL_STEP_LABELS[s.step]}”`,
      );
    }
    const previous = p.steps[i - 1];
    if (previous !== undefined && s.on < previous.on) {
      throw rule(`steps[${i}].on`, `不能早于上一步骤（${previous.on}）`);
    }
    if (s.on < `${p.year}-01-01` || s.on > asOf) {
      throw rule(`steps[${i}].on`, `应在 ${p.year} 年度开始之后、不晚于 ${asOf}`);
    }
  });
}

function checkVerdicts(p: z.output<typeof appraisalSchema>, memberIds: readonly string[]): void {
  const verdictDone = p.steps.length === APPRAISAL_STEPS.length;
  if (!verdictDone) {
    if (p.verdicts.length > 0) throw rule('verdicts', '尚未进行支部评定，不能先填写等次');
    return;
  }
  const repeated = repeatedIndexes(p.verdicts, (v) => v.memberId)[0];
  if (repeated !== undefined)
    throw rule(`verdicts[${repeated}].memberId`, '同一党员只能评定一个等次');
  const known = new Set(memberIds);
  const stranger = p.verdicts.findIndex((v) => !known.has(v.memberId));
  if (stranger >= 0) throw rule(`verdicts[${stranger}].memberId`, '不是本支部参加评议的党员');
  const rated = new Set(p.verdicts.map((v) => v.memberId));
  const unrated = memberIds.filter((id) => !rated.has(id));
  if (unrated.length > 0) throw rule('verdicts', `尚有 ${unrated.length} 名党员未评定等次`);
}

/**
 * Where a branch's yearly appraisal stands (常委〔2012〕5号 第十四条): the steps run in order
 * 个人自评 → 党员互评 → 民主测评 → 支部评定等次, none skipped or repeated, each dated on or after
 * the previous one, within the appraised year or after it, and not after `asOf`. Grades
 * (优秀 / 合格 / 基本合格 / 不合格) are given only at the verdict, then to every member appraised
 * (`memberIds`), once each. Throws a DomainError (RULE_VIOLATION) naming the step or verdict.
 */
export function appraisalState(
  input: AppraisalInput,
  memberIds: readonly string[],
  asOf: IsoDate,
): AppraisalState {
  const p = parseInput(appraisalSchema, input);
  parseInput(isoDateSchema, asOf);
  checkSteps(p, asOf);
  checkVerdicts(p, memberIds);
  const reached = p.steps.at(-1)?.step ?? null;
  const counts = Object.fromEntries(APPRAISAL_GRADES.map((g) => [g, 0])) as Record<
    AppraisalGrade,
    number
  >;
  for (const v of p.verdicts) counts[v.grade] += 1;
  return {
    reached,
    next: APPRAISAL_STEPS[p.steps.length] ?? null,
    complete: reached === 'verdict',
    counts,
    unqualified: p.verdicts.filter((v) => v.grade === 'unqualified').map((v) => v.memberId),
  };
}

/**
 * The appraisal with one more step done on `on`, validated as a whole (appraisalState); the
 * verdicts go with the verdict step.
 */
export function advanceAppraisal(
  input: AppraisalInput,
  step: AppraisalStep,
  on: IsoDate,
  memberIds: readonly string[],
  verdicts: NonNullable<AppraisalInput['verdicts']> = [],
): AppraisalInput {
  const next = {
    ...input,
    steps: [...input.steps, { step, on }],
    verdicts: [...(input.verdicts ?? []), ...verdicts],
  };
  appraisalState(next, memberIds, on);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Handling a member rated 不合格 (党章 第七条、第九条)
// ---------------------------------------------------------------------------------------------

export const HANDLING_ACTIONS = [
  'correction',
  'corrected',
  'persuade_withdraw',
  'withdrawn',
  'removed',
  'probation_cancelled',
] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];
export const HANDLING_ACTION_LABELS: Record<HandlingAction, string> = {
  correction: '限期改正',
  corrected: '经教育已改正',
  persuade_withdraw: '劝其退党',
  withdrawn: '本人同意退党',
  removed: '除名',
  probation_cancelled: '取消预备党员资格',
};

export type HandlingState = 'unqualified' | HandlingAction;
export const HANDLING_STATE_LABELS: Record<HandlingState, string> = {
  unqualified: '评为不合格，待处置',
  ...HANDLING_ACTION_LABELS,
};

/** What may follow each state; the last four actions end the handling. */
const NEXT: Record<HandlingState, readonly HandlingAction[]> = {
  unqualified: ['correction', 'probation_cancelled'],
  correction: ['corrected', 'persuade_withdraw', 'probation_cancelled'],
  persuade_withdraw: ['withdrawn', 'removed'],
  corrected: [],
  withdrawn: [],
  removed: [],
  probation_cancelled: [],
};

export const handlingInputSchema = z.object({
  /** The day the branch rated the member 不合格. */
  verdictOn: isoDateSchema,
  /** A probationary member may instead lose that status (党章 第七条). */
  probationary: z.boolean(),
  actions: z.array(z.object({ action: z.enum(HANDLING_ACTIONS), on: isoDateSchema })).default([]),
});
export type HandlingInput = z.input<typeof handlingInputSchema>;

export interface HandlingStatus {
  state: HandlingState;
  /** End of the correction period (限期改正), once one was set. */
  correctionDeadline: IsoDate | null;
  /** The correction period has ended (deadline before asOf) with no outcome recorded. */
  correctionOverdue: boolean;
  /** Actions that may come next (none once the handling has ended). */
  allowed: HandlingAction[];
}

function checkAction(
  a: { action: HandlingAction; on: IsoDate },
  i: number,
  from: HandlingState,
  p: z.output<typeof handlingInputSchema>,
  deadline: IsoDate | null,
): void {
  const field = `actions[${i}]`;
  if (!NEXT[from].includes(a.action)) {
    throw rule(
      `${field}.action`,
      `“${HANDLING_STATE_LABELS[from]}”之后不能“${HANDLING_ACTION_LABELS[a.action]}”`,
    );
  }
  if (a.action === 'probation_cancelled' && !p.probationary) {
    throw rule(`${field}.action`, '只有预备党员才能取消预备党员资格');
  }
  const previous = p.actions[i - 1]?.on ?? p.verdictOn;
  if (a.on < previous) throw rule(`${field}.on`, `不能早于上一步（${previous}）`);
  if (a.action === 'persuade_withdraw' && deadline !== null && a.on < deadline) {
    throw rule(`${field}.on`, `限期改正期满（${deadline}）仍无转变的，才能劝其退党`);
  }
}

/**
 * The handling of a member rated 不合格, validated step by step (《中国共产党章程》 第九条):
 * first 限期改正 for appraisalCorrectionMonths (the deadline); then 经教育已改正, or — only once
 * the deadline has come without change — 劝其退党, after which the member either withdraws or,
 * insisting on staying, is removed (除名). A probationary member may instead have that status
 * cancelled (第七条). Dates never go back. `correctionOverdue` flags a correction period that has
 * ended with nothing recorded.
 */
export function memberHandlingStatus(
  input: HandlingInput,
  asOf: IsoDate,
  values: Pick<MemberPolicyValues, 'appraisalCorrectionMonths'>,
): HandlingStatus {
  const p = parseInput(handlingInputSchema, input);
  parseInput(isoDateSchema, asOf);
  const walk: { state: HandlingState; deadline: IsoDate | null } = {
    state: 'unqualified',
    deadline: null,
  };
  p.actions.forEach((a, i) => {
    checkAction(a, i, walk.state, p, walk.deadline);
    if (a.action === 'correction')
      walk.deadline = addMonths(a.on, values.appraisalCorrectionMonths);
    walk.state = a.action;
  });
  const { state, deadline } = walk;
  const allowed = NEXT[state].filter((a) => a !== 'probation_cancelled' || p.probationary);
  return {
    state,
    correctionDeadline: deadline,
    correctionOverdue: state === 'correction' && deadline !== null && asOf > deadline,
    allowed,
  };
}
