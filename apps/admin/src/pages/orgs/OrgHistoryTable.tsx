import dayjs from 'dayjs';
import { Table } from 'antd';
import type { HistoryRow } from './types';

/** An organisation's change history: when, which field, old and new value, who. */
export function OrgHistoryTable({ rows, loading }: { rows: HistoryRow[]; loading: boolean }) {
  return (
    <Table<HistoryRow>
      data-testid="org-history"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: '时间',
          dataIndex: 'at',
          width: 150,
          render: (d: Date) => dayjs(d).format('YYYY-MM-DD HH:mm'),
        },
        { title: '项目', dataIndex: 'fieldLabel', width: 100 },
        {
          title: '原值',
          dataIndex: 'beforeText',
          render: (t: string | null) => t ?? '—',
        },
        {
          title: '新值',
          dataIndex: 'afterText',
          render: (t: string | null, r) => (r.field === 'created' ? '新建' : (t ?? '—')),
        },
        {
          title: '操作人',
          key: 'who',
          width: 140,
          render: (_: unknown, r) => r.displayName ?? r.username ?? '—',
        },
      ]}
    />
  );
}
