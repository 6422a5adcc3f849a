import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { SetItem, ParamRow } from './types';
import { paramColumns } from './paramColumns';

export function SetsPanel({ onEdit }: { onEdit: (s: SetItem | 'new') => void }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const sets = useQuery(trpc.policy.sets.queryOptions({}));
  const canSave = user.role === 'city_admin' || user.role === 'county_admin';
  return (
    <Card
      title="本部门及上级的政策参数集（覆盖默认值）"
      extra={
        canSave ? (
          <Button type="primary" onClick={() => onEdit('new')}>
            新建参数集
          </Button>
        ) : null
      }
    >
      {sets.error ? <Alert type="error" title={errorMessage(sets.error)} /> : null}
      <Table<SetItem>
        rowKey="id"
        size="middle"
        loading={sets.isFetching}
        dataSource={sets.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (s) => (
            <Table<ParamRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={s.parameters}
              columns={paramColumns()}
            />
          ),
        }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '类别',
            key: 'kind',
            width: 100,
            render: (_: unknown, s) => <Tag>{s.kindLabel}</Tag>,
          },
          { title: '区划', dataIndex: 'regionName', width: 120 },
          {
            title: '适用年度',
            key: 'years',
            width: 140,
            render: (_: unknown, s) => `${s.fromYear ?? '—'} 至 ${s.toYear ?? '长期'}`,
          },
          { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
          { title: '版本', dataIndex: 'version', width: 70 },
          { title: '参数数', key: 'n', width: 80, render: (_: unknown, s) => s.parameters.length },
          { title: '备注', dataIndex: 'note', render: (t: string | null) => t ?? '' },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, s) =>
              s.editable && canSave && s.kind === 'local' ? (
                <Button type="link" size="small" onClick={() => onEdit(s)}>
                  编辑
                </Button>
              ) : (
                <Typography.Text type="secondary">上级</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
