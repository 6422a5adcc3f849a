import {
  KEY_RECTIFICATION_FLAG_LABELS,
  RECTIFICATION_CRITERION_LABELS,
  type KeyRectificationFlag,
} from '@dangjian/domain';
import type { TableColumnsType } from 'antd';
import { Tag, Tooltip } from 'antd';
import type { CaseItem } from './listTypes';
import { STATUS_COLORS } from './status';

/** The listed cases' table: org (with carry-over), region, criteria, key flag, status, items. */
export const CASE_COLUMNS: TableColumnsType<CaseItem> = [
  {
    title: '党组织',
    dataIndex: 'orgName',
    render: (n: string, c) => (
      <a data-testid={`case-${c.id}`}>
        {n}
        {c.carriedOver ? (
          <Tag color="purple" style={{ marginLeft: 6 }}>
            {c.firstListedYear} 年结转
          </Tag>
        ) : null}
      </a>
    ),
  },
  { title: '所在区划', dataIndex: 'regionName', width: 130 },
  { title: '区县', dataIndex: 'countyName', width: 90 },
  {
    title: '整顿标准',
    key: 'criteria',
    width: 130,
    filters: Object.entries(RECTIFICATION_CRITERION_LABELS).map(([value, label], i) => ({
      value,
      text: `（${i + 1}）${label}`,
    })),
    onFilter: (value, c) => c.criteria.includes(value as CaseItem['criteria'][number]),
    render: (_: unknown, c) => (
      <Tooltip title={c.criteria.map((k) => RECTIFICATION_CRITERION_LABELS[k]).join('；')}>
        {c.criterionNumbers.map((n) => `（${n}）`).join('')}
      </Tooltip>
    ),
  },
  {
    title: '重点整顿',
    key: 'key',
    width: 110,
    filters: [{ value: true, text: '重点整顿' }],
    onFilter: (v, c) => c.keyRectification === v,
    render: (_: unknown, c) =>
      c.keyRectification ? (
        <Tooltip
          title={c.keyFlags
            .map((f: KeyRectificationFlag) => KEY_RECTIFICATION_FLAG_LABELS[f])
            .join('；')}
        >
          <Tag color="red">重点整顿</Tag>
        </Tooltip>
      ) : null,
  },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 100,
    // A withdrawn case (listed by mistake) stays in the list, grey, outside the quota.
    render: (l: string, c) => (
      <Tag color={c.withdrawn ? 'default' : STATUS_COLORS[c.status]}>{l}</Tag>
    ),
  },
  {
    title: '销号',
    key: 'items',
    width: 80,
    align: 'right',
    render: (_: unknown, c) => `${c.closedItems}/${c.closedItems + c.openItems}`,
  },
  {
    title: '逾期',
    dataIndex: 'overdueItems',
    width: 70,
    align: 'right',
    render: (n: number) => (n > 0 ? <Tag color="red">{n} 项</Tag> : null),
  },
];
