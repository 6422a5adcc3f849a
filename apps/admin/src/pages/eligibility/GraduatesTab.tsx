import { Button, Space, Table, Tag, Typography } from 'antd';
import { Rule } from './Rule';
import type { GraduatesData, Official, Unit } from './types';

/** 大学生村官任村书记: each county's count against its target, its officials expandable. */
export function GraduatesTab(props: {
  data: GraduatesData | undefined;
  loading: boolean;
  code: string | undefined;
  onEdit: (o: Official | 'new') => void;
}) {
  const { data } = props;
  return (
    <>
      <Rule text={data?.rule} policyLabel={data?.policyLabel} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => props.onEdit('new')} disabled={!props.code}>
          登记大学生村官
        </Button>
        {data ? <Typography.Text type="secondary">截至 {data.asOf}</Typography.Text> : null}
      </Space>
      <Table<Unit>
        rowKey="unitCode"
        size="small"
        loading={props.loading}
        dataSource={data?.units ?? []}
        scroll={{ x: true }}
        pagination={false}
        expandable={{
          rowExpandable: (u) => u.officials.length > 0,
          expandedRowRender: (u) => (
            <OfficialsTable officials={u.officials} onEdit={props.onEdit} />
          ),
        }}
        columns={[
          { title: '区县（市）', dataIndex: 'unitName', fixed: 'start' },
          {
            title: '任书记、副书记（计入）',
            key: 'count',
            align: 'right',
            render: (_: unknown, u) => `${u.qualifying} / ${u.target}`,
          },
          {
            title: '结论',
            dataIndex: 'met',
            render: (m: boolean) =>
              m ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>,
          },
          { title: '缺额', dataIndex: 'shortfall', align: 'right' },
          { title: '可选拔（在村满年限）', dataIndex: 'poolCount', align: 'right' },
        ]}
      />
    </>
  );
}

function OfficialsTable(props: { officials: Official[]; onEdit: (o: Official) => void }) {
  return (
    <Table<Official>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={props.officials}
      columns={[
        { title: '姓名', dataIndex: 'name', fixed: 'start' },
        { title: '说明', dataIndex: 'standing' },
        {
          title: '任职',
          dataIndex: 'postLabel',
          render: (p: string | null) => p ?? '——',
        },
        {
          title: '任职日期',
          dataIndex: 'postSince',
          render: (d: string | null) => d ?? '——',
        },
        { title: '所在村（社区）', dataIndex: 'villageName' },
        { title: '在村任职', dataIndex: 'inVillageSince' },
        { title: '在村（年）', dataIndex: 'yearsInVillage', align: 'right' },
        {
          title: '操作',
          key: 'op',
          render: (_: unknown, o) => (
            <Button size="small" type="link" onClick={() => props.onEdit(o)}>
              修改
            </Button>
          ),
        },
      ]}
    />
  );
}
