import type { RouterOutputs } from '@dangjian/api';
import { ROLE_LABELS, type Role } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

type AuditItem = RouterOutputs['audit']['list']['items'][number];

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
      {JSON.stringify(value)}
    </Typography.Text>
  );
}

/** 审计日志: every change inside the admin's region — who, role, what, before/after, when, from where. */
export function AuditPage() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<{
    username?: string;
    procedure?: string;
    range?: [Dayjs, Dayjs];
  }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    ...trpc.audit.list.queryOptions({
      ...paging,
      username: filters.username || undefined,
      procedure: filters.procedure || undefined,
      from: filters.range?.[0].startOf('day').toDate(),
      to: filters.range?.[1].endOf('day').toDate(),
    }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="用户名"
          style={{ width: 180 }}
          onSearch={(v) => update({ username: v.trim() })}
        />
        <Input.Search
          allowClear
          placeholder="操作（如 auth.login）"
          style={{ width: 220 }}
          onSearch={(v) => update({ procedure: v.trim() })}
        />
        <DatePicker.RangePicker
          onChange={(r) => update({ range: r?.[0] && r[1] ? [r[0], r[1]] : undefined })}
        />
      </Space>
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<AuditItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 170,
            render: (d: Date) => d.toLocaleString('zh-CN', { hour12: false }),
          },
          { title: '用户', dataIndex: 'username', width: 120 },
          {
            title: '角色',
            dataIndex: 'role',
            width: 160,
            render: (r: Role | null) => (r ? ROLE_LABELS[r] : '—'),
          },
          { title: '操作', dataIndex: 'procedure', width: 180 },
          { title: '对象', dataIndex: 'target', width: 120 },
          { title: '所属区划', dataIndex: 'regionCode', width: 120 },
          { title: '变更前', dataIndex: 'before', render: (v: unknown) => <Json value={v} /> },
          { title: '变更后', dataIndex: 'after', render: (v: unknown) => <Json value={v} /> },
          { title: '来源地址', dataIndex: 'ip', width: 120 },
        ]}
      />
    </Card>
  );
}
