import type { RouterOutputs } from '@dangjian/api';

export type EffectiveRow = RouterOutputs['policy']['effective']['parameters'][number];
export type SetItem = RouterOutputs['policy']['sets'][number];
export type ShippedSet = RouterOutputs['policy']['shipped'][number];
export type ParamRow = ShippedSet['parameters'][number];
