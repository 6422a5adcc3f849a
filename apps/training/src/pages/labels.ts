import { TRAINING_KIND_LABELS, type TrainingKind } from '@dangjian/domain';
import { downloadBase64 } from '@dangjian/ui';

export const KIND_COLORS: Record<TrainingKind, string> = {
  rotation: 'blue',
  special: 'volcano',
  model_class: 'red',
  county_class: 'geekblue',
  reserve: 'green',
  township_cadre: 'purple',
  other: 'default',
};

export function kindLabel(kind: TrainingKind): string {
  return TRAINING_KIND_LABELS[kind];
}

export const ICS_MIME = 'text/calendar;charset=utf-8';

export function saveIcs(file: { filename: string; base64: string }): void {
  downloadBase64(file.filename, file.base64, ICS_MIME);
}

/** "2026-12-14 至 12-18" */
export function dateSpan(start: string, end: string): string {
  if (start === end) return start;
  return start.slice(0, 4) === end.slice(0, 4)
    ? `${start} 至 ${end.slice(5)}`
    : `${start} 至 ${end}`;
}

/** 「08:30–17:30」: the hours of each class day (China time). */
export function timeSpan(start: string, end: string): string {
  return `${start.slice(0, 5)}–${end.slice(0, 5)}`;
}

// In their own module so that App (first screen) does not pull @dangjian/domain and zod.
export { MANAGER_ROLES, ORGANISER_ROLES } from '../roles';
