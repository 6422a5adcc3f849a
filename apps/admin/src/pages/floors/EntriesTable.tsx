import { formatYuan } from '@dangjian/domain';
import { Button, Popconfirm, Table } from 'antd';
import type { DuesEntry } from './types';

export function EntriesTable(props: {
  entries: DuesEntry[];
  canVoid: boolean;
  onVoid: (entryId: number, reason: string) => void;
}) {
  return (
    <Table<DuesEntry>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={props.entries}
      columns={[
        { title: '日期', dataIndex: 'on', width: 110 },
        { title: '类型', dataIndex: 'kindLabel', width: 70 },
        {
          title: '金额（元）',
          dataIndex: 'amountFen',
          align: 'right',
          width: 120,
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '' },
        {
          title: '操作',
          key: 'op',
          width: 80,
          render: (_: unknown, e) =>
            props.canVoid ? (
              <Popconfirm
                title={`作废这笔${e.kindLabel}（${e.on}，${formatYuan(e.amountFen, { grouped: true })} 元）？`}
                description="作废后不再计入，记录保留。"
                okText="作废"
                cancelText="取消"
                onConfirm={() => props.onVoid(e.id, '录入错误')}
              >
                <Button size="small" danger>
                  作废
                </Button>
              </Popconfirm>
            ) : null,
        },
      ]}
    />
  );
}
