import {
  COMMUNITY_PAY_FLOOR_MODES,
  DISPATCH_MODE_LABELS,
  DISPATCH_MODES,
  formatYuan,
  GRADE_LABELS,
  VILLAGE_PAY_FLOOR_MODES,
  type PolicyKey,
  type PolicySetKind,
  type PolicyUnit,
} from '@dangjian/domain';

export const MODE_LABELS: Record<string, string> = {
  county_average_vs_rural_labour_income: '以区县为单位，年平均报酬 ≥ 农村劳动力年平均收入 × 倍数',
  county_average_vs_social_wage: '以区县为单位，年平均报酬 ≥ 当地社会平均工资 × 倍数',
  each_basic_vs_farmer_net_income: '每人基本报酬 ≥ 农民人均纯收入 × 倍数',
  ...DISPATCH_MODE_LABELS,
};

/** The choices of a parameter whose unit is a mode. */
export const MODE_OPTIONS: Partial<Record<PolicyKey, readonly string[]>> = {
  villageSecretaryPayFloorMode: VILLAGE_PAY_FLOOR_MODES,
  communitySecretaryPayFloorMode: COMMUNITY_PAY_FLOOR_MODES,
  dispatchForPoor: DISPATCH_MODES,
  dispatchForAverage: DISPATCH_MODES,
  dispatchForFair: DISPATCH_MODES,
};

/** Colour of each kind of policy set's tag. */
export const KIND_COLORS: Record<PolicySetKind, string> = {
  notice: 'red',
  adopted: 'blue',
  local: 'green',
  system: 'default',
};
export const ROUNDING_LABELS: Record<string, string> = {
  ceil: '向上取整',
  round: '四舍五入',
  floor: '向下取整',
};
export const MONEY_UNITS = new Set<PolicyUnit>([
  'fen_per_year',
  'fen_per_month',
  'fen_per_member_year',
]);
export const MONEY_UNIT_LABELS: Partial<Record<PolicyUnit, string>> = {
  fen_per_year: '元/年',
  fen_per_month: '元/月',
  fen_per_member_year: '元/人·年',
};

/** A parameter value as people read it: money in 元, modes and grades in words. */
export function formatPolicyValue(value: unknown, unit: PolicyUnit, unitLabel: string): string {
  if (value === null || value === undefined) return '—（无）';
  if (MONEY_UNITS.has(unit) && typeof value === 'number')
    return `${formatYuan(value, { grouped: true })} ${MONEY_UNIT_LABELS[unit] ?? ''}`;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return '—';
  if (unit === 'mode') return MODE_LABELS[value as keyof typeof MODE_LABELS] ?? String(value);
  if (unit === 'flag') return value ? '是' : '否';
  if (unit === 'rounding') return ROUNDING_LABELS[String(value)] ?? String(value);
  if (unit === 'grade')
    return `“${(GRADE_LABELS as Partial<Record<string, string>>)[String(value)] ?? String(value)}”类`;
  if (unit === 'percent') return `${String(value)}%`;
  return `${String(value)} ${unitLabel}`;
}
