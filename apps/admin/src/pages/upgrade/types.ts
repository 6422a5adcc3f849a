import type { RouterOutputs } from '@dangjian/api';

export type Line = RouterOutputs['upgrade']['report']['lines'][number];
export type DispatchItem = RouterOutputs['upgrade']['dispatch']['items'][number];
export type SanctionItem = RouterOutputs['upgrade']['sanctions']['items'][number];
export type Kind = DispatchItem['needs'];
export type DispatchData = RouterOutputs['upgrade']['dispatch'];
