import type { RouterOutputs } from '@dangjian/api';

export type CaseDetail = RouterOutputs['rectification']['byId'];
export type Problem = CaseDetail['problems'][number];

export type Correction =
  | { kind: 'addProblem' }
  | { kind: 'correctCase' }
  | { kind: 'withdrawCase' }
  | { kind: 'correctProblem'; problem: Problem }
  | { kind: 'withdrawProblem'; problem: Problem };
