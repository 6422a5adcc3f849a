import { Table } from 'antd';
import type { SanctionItem } from './types';

/** 不得提拔重用和评先评优名单: the people barred for the year and why. */
export function SanctionsTable(props: { items: SanctionItem[]; loading: boolean; year: number }) {
  const { year } = props;
  return (
    <Table<SanctionItem>
      rowKey="key"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      scroll={{ x: true }}
      pagination={{
        pageSize: 20,
        showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
      }}
      columns={[
        { title: '姓名', dataIndex: 'personName', width: 100, fixed: 'start' },
        { title: '身份', dataIndex: 'roleLabel', width: 150 },
        { title: '党组织', dataIndex: 'orgName' },
        { title: `等次（${year - 1} → ${year}）`, dataIndex: 'grades', width: 140 },
        { title: '派出单位', dataIndex: 'unit', width: 140 },
        { title: '所在区划', dataIndex: 'regionName', width: 140 },
        { title: '区县', dataIndex: 'countyName', width: 100 },
        { title: '原因', dataIndex: 'reasonLabel' },
      ]}
    />
  );
}
