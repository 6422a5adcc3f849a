import { DISPATCH_STATUS_LABELS, type DispatchStatus } from '@dangjian/domain';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { Rule } from './Rule';
import type { DispatchData, DispatchItem } from './types';

const STATUS_COLORS: Record<DispatchStatus, string> = {
  met: 'green',
  missing: 'orange',
  wrong_kind: 'red',
  no_leader: 'red',
};

/** 选派名单: the orgs that need a dispatch this year, filterable by status, each recordable. */
export function DispatchTab(props: {
  data: DispatchData | undefined;
  loading: boolean;
  year: number;
  status: DispatchStatus | undefined;
  onStatus: (s: DispatchStatus | undefined) => void;
  onRecord: (i: DispatchItem) => void;
}) {
  const { data, year, status } = props;
  const items = (data?.items ?? []).filter((i) => !status || i.statusCode === status);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {(data?.needed ?? []).map((n) => (
          <Tag key={n.kind} color={n.met === n.count ? 'green' : 'blue'}>
            “{n.gradeLabel}”类 → {n.kindLabel}：已选派 {n.met} / {n.count} 个
          </Tag>
        ))}
      </Space>
      <Rule rule={data?.rule} prefix={`按 ${year - 1} 年定级确定 ${year} 年选派，`} />
      {data ? (
        <Typography.Paragraph type="secondary">
          按 {data.asOf} 在岗的选派干部核对。
        </Typography.Paragraph>
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<DispatchStatus>
          aria-label="选派状态"
          allowClear
          placeholder="选派状态"
          style={{ width: 220 }}
          value={status}
          onChange={props.onStatus}
          options={Object.entries(DISPATCH_STATUS_LABELS).map(([value, label]) => ({
            value: value as DispatchStatus,
            label,
          }))}
        />
      </Space>
      <Table<DispatchItem>
        rowKey="orgId"
        size="small"
        loading={props.loading}
        dataSource={items}
        scroll={{ x: true }}
        pagination={{
          pageSize: 20,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个`,
        }}
        columns={[
          { title: '党组织', dataIndex: 'orgName', fixed: 'start' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, i) => <Tag color={STATUS_COLORS[i.statusCode]}>{s}</Tag>,
          },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, i) => (
              <Button
                size="small"
                type="link"
                onClick={() => props.onRecord(i)}
                aria-label={`登记选派：${i.orgName}`}
              >
                登记选派
              </Button>
            ),
          },
          { title: `${year - 1} 年等次`, dataIndex: 'gradeLabel' },
          { title: '应选派', dataIndex: 'needsLabel' },
          {
            title: '驻联干部',
            key: 'cadres',
            render: (_: unknown, i) =>
              i.cadres.length === 0
                ? '——'
                : i.cadres.map((c) => `${c.cadreName}（${c.roleLabel}）`).join('、'),
          },
          { title: '书记', dataIndex: 'secretaryName' },
          { title: '所在区划', dataIndex: 'regionName' },
          { title: '区县', dataIndex: 'countyName' },
        ]}
      />
    </>
  );
}
