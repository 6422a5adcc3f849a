import { Segmented, Space, Table, Tag } from 'antd';
import { Rule } from './Rule';
import type { HonoursData, HonoursItem } from './types';

export type HonoursFilter = 'all' | 'eligible' | 'ineligible';

/** 评先评优和代表推荐: each org's verdict for the year, filterable by verdict. */
export function HonoursTab(props: {
  data: HonoursData | undefined;
  loading: boolean;
  year: number;
  filter: HonoursFilter;
  onFilter: (f: HonoursFilter) => void;
}) {
  const { data, year } = props;
  const items = (data?.items ?? []).filter((i) =>
    props.filter === 'all' ? true : (props.filter === 'eligible') === i.eligible,
  );
  return (
    <>
      <Rule text={data?.rule} policyLabel={data?.policyLabel} />
      <Space wrap style={{ marginBottom: 12 }}>
        {data ? (
          <Tag color="green" data-testid="honours-eligible">
            可推荐 {data.eligibleCount} 个
          </Tag>
        ) : null}
        <Segmented
          value={props.filter}
          onChange={(v) => props.onFilter(v as HonoursFilter)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'eligible', label: '可推荐' },
            { value: 'ineligible', label: '不可推荐' },
          ]}
        />
      </Space>
      <Table<HonoursItem>
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
            title: '结论',
            dataIndex: 'eligible',
            render: (e: boolean) => (e ? <Tag color="green">可推荐</Tag> : <Tag>不可推荐</Tag>),
          },
          { title: '书记', dataIndex: 'secretaryName' },
          {
            title: `${year} 年等次`,
            dataIndex: 'gradeLabel',
            render: (g: string | null) => g ?? '未定级',
          },
          {
            title: '原因',
            dataIndex: 'reasons',
            render: (r: string[]) => r.join('；'),
          },
          { title: '所在区划', dataIndex: 'regionName' },
          { title: '区县', dataIndex: 'countyName' },
        ]}
      />
    </>
  );
}
