import type { RouterOutputs } from '@dangjian/api';

export type FloorReport = RouterOutputs['floors']['check'];
export type FloorRow = FloorReport['rows'][number];
export type BelowCadre = FloorRow['below'][number];
export type CadrePayItem = RouterOutputs['floors']['cadrePay']['items'][number];
type CadrePayImport = RouterOutputs['floors']['importCadrePay'];
export type ImportError = Extract<CadrePayImport, { ok: false }>['errors'][number];
type DuesReport = RouterOutputs['dues']['list'];
export type DuesItem = DuesReport['items'][number];
export type DuesUnit = DuesReport['units'][number];
export type DuesEntry = DuesItem['entries'][number];
