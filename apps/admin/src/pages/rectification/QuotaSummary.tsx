import { QUOTA_GROUP_LABELS } from '@dangjian/domain';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { FORMS, type CountyQuota, type FormKind, type ListData, type QuotaLine } from './listTypes';

function QuotaTags({ lines }: { lines: readonly QuotaLine[] }) {
  return (
    <Space wrap size={4}>
      {lines.map((l) => (
        <Tag
          key={l.group}
          color={l.met === false ? 'red' : 'green'}
          data-testid={`quota-${l.group}`}
        >
          {QUOTA_GROUP_LABELS[l.group]}：{l.orgCount} 个，应列 ≥{l.required}（{l.percent}%），已列{' '}
          {l.listed ?? 0}
          {l.met === false ? `，差 ${l.shortfall}` : ''}
        </Tag>
      ))}
    </Space>
  );
}

/** Each county's quota under the region's listing, with its own policy where it differs. */
function CountyQuotaTable({ data }: { data: ListData }) {
  return (
    <Table<CountyQuota>
      rowKey="regionCode"
      size="small"
      pagination={false}
      dataSource={data.byCounty}
      columns={[
        { title: '县（市、区）', dataIndex: 'regionName', width: 120 },
        {
          title: '比例要求',
          key: 'lines',
          render: (_: unknown, c) => <QuotaTags lines={c.lines} />,
        },
        {
          title: '结论',
          dataIndex: 'met',
          width: 90,
          render: (m: boolean) =>
            m ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>,
        },
        {
          title: '执行政策',
          dataIndex: 'policyLabel',
          width: 220,
          render: (label: string, c) =>
            c.rule === data.quota.rule ? (
              label
            ) : (
              <Typography.Text title={c.rule}>{label}（比例另有规定）</Typography.Text>
            ),
        },
      ]}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** The listing's quota, its rule and conversion, the form exports and the per-county quotas. */
export function QuotaSummary(props: {
  data: ListData;
  exporting: string | null;
  onExport: (form: FormKind) => void;
}) {
  const { data } = props;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap>
        <Typography.Text strong>整顿对象比例：</Typography.Text>
        <QuotaTags lines={data.quota.lines} />
        <Tag color={data.quota.met ? 'green' : 'red'} data-testid="quota-met">
          {data.quota.met ? '达到比例要求' : '未达到比例要求'}
        </Tag>
      </Space>
      <Typography.Text type="secondary">
        <span data-testid="quota-rule">{data.quota.rule}</span>
        ，上年整顿不到位的纳入本年整顿任务（回头看）。执行政策：{data.quota.policyLabel}
        。已验收 {data.conversion.converted}/{data.conversion.listed}
        {data.conversion.applicable
          ? `，转化目标 ${data.conversion.targetPercent}%：${data.conversion.met ? '达标' : '未达标'}`
          : ''}
        。
      </Typography.Text>
      <Space wrap>
        {FORMS.map((f) => (
          <Button
            key={f.form}
            icon={<DownloadOutlined />}
            loading={props.exporting === f.form}
            onClick={() => props.onExport(f.form)}
          >
            导出{f.label}
          </Button>
        ))}
      </Space>
      {data.byCounty.length > 0 ? <CountyQuotaTable data={data} /> : null}
    </Space>
  );
}
