import { GRADE_LABELS, GRADES, type PolicyKey, type PolicyUnit } from '@dangjian/domain';
import { Input, InputNumber, Select } from 'antd';
import {
  MODE_LABELS,
  MODE_OPTIONS,
  ROUNDING_LABELS,
  MONEY_UNITS,
  MONEY_UNIT_LABELS,
} from './labels';

export function ValueInput({
  id,
  unit,
  policyKey,
  value,
  onChange,
}: {
  id?: string;
  unit: PolicyUnit | undefined;
  policyKey?: PolicyKey;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const select = (options: { value: string | boolean; label: string }[]) => (
    <Select
      id={id}
      aria-label="参数值"
      style={{ width: 290 }}
      value={value as string | boolean | undefined}
      onChange={onChange}
      options={options}
    />
  );
  if (unit === 'mode')
    return select(
      (policyKey ? (MODE_OPTIONS[policyKey] ?? []) : []).map((m) => ({
        value: m,
        label: MODE_LABELS[m] ?? m,
      })),
    );
  if (unit === 'flag')
    return select([
      { value: true, label: '是' },
      { value: false, label: '否' },
    ]);
  if (unit === 'rounding')
    return select(Object.entries(ROUNDING_LABELS).map(([v, label]) => ({ value: v, label })));
  if (unit === 'grade')
    return select(GRADES.map((g) => ({ value: g, label: `“${GRADE_LABELS[g]}”类` })));
  if (unit === 'month_day') {
    return (
      <Input
        id={id}
        aria-label="参数值"
        style={{ width: 160 }}
        placeholder="MM-DD"
        value={value as string | undefined}
        onChange={(e) => onChange?.(e.target.value)}
      />
    );
  }
  return (
    <InputNumber<number>
      id={id}
      aria-label="参数值"
      style={{ width: 180 }}
      value={value as number | null | undefined}
      onChange={(v) => onChange?.(v)}
      suffix={unit ? (MONEY_UNITS.has(unit) ? MONEY_UNIT_LABELS[unit] : undefined) : undefined}
    />
  );
}
