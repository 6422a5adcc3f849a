import { Table, Tag, Typography } from 'antd';
import type { Line } from './types';

/** 目标完成情况: one line per last year's grade, its rate against the target. */
export function TargetsTable(props: { lines: Line[]; loading: boolean; year: number }) {
  const { year } = props;
  return (
    <Table<Line>
      rowKey="grade"
      size="middle"
      loading={props.loading}
      dataSource={props.lines}
      pagination={false}
      scroll={{ x: true }}
      columns={[
        {
          title: `${year - 1} 年等次`,
          dataIndex: 'label',
          fixed: 'start',
          render: (l: string) => `“${l}”类`,
        },
        {
          title: '完成率',
          key: 'rate',
          align: 'right',
          render: (_: unknown, l) => (
            <Typography.Text type={l.met === false ? 'danger' : undefined} strong>
              {l.rate.percent === null ? '——' : `${l.rate.percent.toFixed(2)}%`}（{l.achieved}/
              {l.orgCount}）
            </Typography.Text>
          ),
        },
        {
          title: '目标',
          dataIndex: 'targetPercent',
          align: 'right',
          render: (t: number) => `${t}%`,
        },
        {
          title: '结论',
          dataIndex: 'met',
          render: (m: boolean | null) =>
            m === null ? (
              <Tag>无对象</Tag>
            ) : m ? (
              <Tag color="green">达标</Tag>
            ) : (
              <Tag color="red">未达标</Tag>
            ),
        },
        { title: '党组织数', dataIndex: 'orgCount', align: 'right' },
        { title: '晋位', dataIndex: 'up', align: 'right' },
        { title: '保持', dataIndex: 'same', align: 'right' },
        { title: '降级', dataIndex: 'down', align: 'right' },
        { title: '本年未定级', dataIndex: 'notGraded', align: 'right' },
        {
          title: '考核口径',
          dataIndex: 'measure',
          render: (m: Line['measure']) => (m === 'retain' ? '巩固率' : '晋位升级率'),
        },
        { title: '达标所需', dataIndex: 'required', align: 'right' },
      ]}
    />
  );
}
