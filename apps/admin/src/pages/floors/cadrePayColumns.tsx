import { formatYuan } from '@dangjian/domain';
import { Button, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { CadrePayItem } from './types';

/** The cadre basic pay table's columns: who, the pay, the verdict against the floor, edit and delete. */
export function cadrePayColumns(opts: {
  year: number;
  onEdit: (item: CadrePayItem) => void;
  onDelete: (id: number) => void;
}): TableColumnsType<CadrePayItem> {
  return [
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '村（社区）', dataIndex: 'unitName', width: 180 },
    { title: '职务', dataIndex: 'postLabel', width: 170 },
    {
      title: '基本报酬（元/年）',
      dataIndex: 'basicPayFen',
      width: 130,
      align: 'right',
      render: (v: number) => formatYuan(v, { grouped: true }),
    },
    {
      title: '结论',
      key: 'verdict',
      width: 200,
      render: (_: unknown, r) =>
        r.met === null ? (
          <Typography.Text type="secondary">{r.reason ?? '——'}</Typography.Text>
        ) : r.met ? (
          <Tag color="green">达标</Tag>
        ) : (
          <Space size={4} wrap>
            <Tag color="red">低于底线</Tag>
            <Typography.Text type="danger">
              差 {r.shortfallFen === null ? '——' : formatYuan(r.shortfallFen, { grouped: true })} 元
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: '底线（元/人·年）',
      dataIndex: 'floorFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => (v === null ? '——' : formatYuan(v, { grouped: true })),
    },
    { title: '乡镇（街道）', dataIndex: 'townshipName', width: 130 },
    { title: '备注', dataIndex: 'note', width: 160, render: (n: string | null) => n ?? '' },
    {
      title: '操作',
      key: 'op',
      width: 120,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => opts.onEdit(r)}>
            修改
          </Button>
          <Popconfirm
            title={`删除${r.name}的${opts.year}年基本报酬记录？`}
            okText="删除"
            cancelText="取消"
            onConfirm={() => opts.onDelete(r.id)}
          >
            <Button size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
