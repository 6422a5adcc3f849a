import type { RouterOutputs } from '@dangjian/api';

export type HonoursItem = RouterOutputs['eligibility']['honours']['items'][number];
export type HealthItem = RouterOutputs['eligibility']['healthCheck']['items'][number];
export type Unit = RouterOutputs['eligibility']['graduateOfficials']['units'][number];
export type Official = Unit['officials'][number];
export type HonoursData = RouterOutputs['eligibility']['honours'];
export type HealthData = RouterOutputs['eligibility']['healthCheck'];
export type GraduatesData = RouterOutputs['eligibility']['graduateOfficials'];
