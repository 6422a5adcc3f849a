import type { RouterOutputs } from '@dangjian/api';

export type ListData = RouterOutputs['rectification']['list'];
export type CaseItem = ListData['items'][number];
export type QuotaLine = ListData['quota']['lines'][number];
export type CountyQuota = ListData['byCounty'][number];

export const FORMS = [
  { form: 'summary', label: '附件1 汇总表' },
  { form: 'brief', label: '附件2 一览表' },
  { form: 'election', label: '附件3 换届选举难点村' },
] as const;

export type FormKind = (typeof FORMS)[number]['form'];
