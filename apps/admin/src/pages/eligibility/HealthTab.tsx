import { Space, Table, Tag, Typography } from 'antd';
import { Rule } from './Rule';
import type { HealthData, HealthItem } from './types';

const HEALTH_COLORS: Record<HealthItem['status'], string> = {
  eligible: 'green',
  close: 'orange',
  not_yet: 'default',
  unknown_start: 'red',
};

/** 书记健康体检: each secretary's standing for the check-up, with the counts per status. */
export function HealthTab(props: { data: HealthData | undefined; loading: boolean }) {
  const { data } = props;
  return (
    <>
      <Rule text={data?.rule} policyLabel={data?.policyLabel} />
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="health-counts">
          <Tag color="green">符合条件 {data.counts.eligible} 人</Tag>
          <Tag color="orange">接近条件 {data.counts.close} 人</Tag>
          <Tag color="red">任职日期未登记 {data.counts.unknownStart} 人</Tag>
          <Tag>尚不符合 {data.counts.notYet} 人</Tag>
          <Typography.Text type="secondary">截至 {data.asOf}</Typography.Text>
        </Space>
      ) : null}
      <Table<HealthItem>
        rowKey="orgId"
        size="small"
        loading={props.loading}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        pagination={{
          pageSize: 20,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
        }}
        columns={[
          { title: '书记', dataIndex: 'secretaryName', fixed: 'start' },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (s: string, i) => <Tag color={HEALTH_COLORS[i.status]}>{s}</Tag>,
          },
          {
            title: '尚缺',
            dataIndex: 'lacks',
            render: (l: string[]) => (l.length ? l.join('；') : '——'),
          },
          { title: '党组织', dataIndex: 'orgName' },
          {
            title: '连续任职起始',
            dataIndex: 'inOfficeSince',
            render: (d: string | null) => d ?? '未登记',
          },
          { title: '连续任职（年）', dataIndex: 'consecutiveYears', align: 'right' },
          { title: '定为“好”类（年）', dataIndex: 'goodYears', align: 'right' },
          { title: '所在区划', dataIndex: 'regionName' },
          { title: '区县', dataIndex: 'countyName' },
        ]}
      />
    </>
  );
}
