import type { RouterOutputs } from '@dangjian/api';

export type OrgItem = RouterOutputs['org']['list']['items'][number];
export type PersonItem = RouterOutputs['person']['list']['items'][number];
export type HistoryRow = RouterOutputs['org']['history'][number];
