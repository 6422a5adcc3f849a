import {
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  ORG_KIND_LABELS,
  ORG_KINDS,
  type FieldCategory,
  type OrgKind,
} from '@dangjian/domain';
import { Input, Select, Space, Switch } from 'antd';
import { yearOptions } from './years';

/** What narrows the grading list besides the region and the year. */
export interface GradingFilterValues {
  search: string;
  kind: OrgKind | undefined;
  category: FieldCategory | undefined;
  ungradedOnly: boolean;
}

export const NO_GRADING_FILTERS: GradingFilterValues = {
  search: '',
  kind: undefined,
  category: undefined,
  ungradedOnly: false,
};

/** The year and the filters above the grading list. */
export function GradingFilters({
  year,
  onYear,
  filters,
  onFilters,
}: {
  year: number;
  onYear: (year: number) => void;
  filters: GradingFilterValues;
  onFilters: (patch: Partial<GradingFilterValues>) => void;
}) {
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select<number>
        aria-label="年度"
        data-testid="grading-year"
        style={{ width: 110 }}
        value={year}
        onChange={onYear}
        options={yearOptions()}
      />
      <Input.Search
        allowClear
        placeholder="按名称搜索"
        style={{ width: 200 }}
        onSearch={(v) => onFilters({ search: v.trim() })}
      />
      <Select<OrgKind>
        allowClear
        placeholder="组织类型"
        style={{ width: 120 }}
        value={filters.kind}
        onChange={(kind) => onFilters({ kind })}
        options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
      />
      <Select<FieldCategory>
        allowClear
        placeholder="领域类别"
        style={{ width: 160 }}
        value={filters.category}
        onChange={(category) => onFilters({ category })}
        options={FIELD_CATEGORIES.map((c) => ({ value: c, label: FIELD_CATEGORY_LABELS[c] }))}
      />
      <Space size={4}>
        <Switch
          size="small"
          checked={filters.ungradedOnly}
          onChange={(ungradedOnly) => onFilters({ ungradedOnly })}
        />
        <span>仅看未定级</span>
      </Space>
    </Space>
  );
}
