import { chinaToday as chinaTodayAt } from '@dangjian/domain';

export const HELP_LABELS = { city: '市级帮扶', county: '县级帮扶' } as const;
export const GAP_LABELS = {
  no_team: '未派驻工作队',
  no_leader: '工作队无队长',
  not_first_secretary: '队长未任第一书记',
} as const;
export const GAP_COLORS = { no_team: 'red', no_leader: 'volcano', not_first_secretary: 'orange' };
export const RATING_COLORS = { outstanding: 'green', competent: 'blue', passive: 'red' } as const;

/** Fen as 万元 with two decimals, for charts. */
export function wanYuan(fen: number): number {
  return Math.round(fen / 10_000) / 100;
}

const THIS_YEAR = new Date().getFullYear();
export const YEAR_OPTIONS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));
export { THIS_YEAR };

/** Today in China (UTC+8) as YYYY-MM-DD, the calendar the log is kept in. */
export function chinaToday(): string {
  return chinaTodayAt(new Date());
}
