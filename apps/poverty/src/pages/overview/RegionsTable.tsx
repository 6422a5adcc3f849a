import { Table, Typography } from 'antd';
import { percentText, type Overview, type Row } from './charts';

/** 分区域情况: one row per child region; a click drills down when the region can. */
export function RegionsTable({
  data,
  canDrill,
  open,
}: {
  data: Overview;
  canDrill: boolean;
  open: (r: Row) => void;
}) {
  return (
    <Table<Row>
      size="small"
      rowKey="regionCode"
      pagination={false}
      dataSource={data.rows}
      onRow={(r) => ({
        onClick: () => open(r),
        style: canDrill ? { cursor: 'pointer' } : undefined,
      })}
      columns={[
        { title: '区域', dataIndex: 'name' },
        { title: '贫困村', dataIndex: 'registered', align: 'right' },
        { title: '已派工作队', dataIndex: 'withTeam', align: 'right' },
        { title: '第一书记', dataIndex: 'withFirstSecretary', align: 'right' },
        {
          title: '覆盖率',
          key: 'coverage',
          align: 'right',
          render: (_, r) =>
            r.fullCoverage ? (
              percentText(r.coverage.percent)
            ) : (
              <Typography.Text type="danger">{percentText(r.coverage.percent)}</Typography.Text>
            ),
        },
        {
          title: `近${data.activityWindowDays}天活跃村`,
          key: 'active',
          align: 'right',
          render: (_, r) => <span data-testid={`active-${r.regionCode}`}>{r.activeVillages}</span>,
        },
        { title: '日志条数', dataIndex: 'recentEntries', align: 'right' },
      ]}
    />
  );
}
