import type { RouterOutputs } from '@dangjian/api';
import { PROCEDURE_LABELS } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

type AuditItem = RouterOutputs['audit']['list']['items'][number];

/** The action filter's options: every action in Chinese (the value stays the internal key). */
const ACTION_OPTIONS = Object.entries(PROCEDURE_LABELS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));

function Changes({ changes }: { changes: AuditItem['changes'] }) {
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ fontSize: 12, whiteSpace: 'normal' }}>
      {changes.slice(0, 12).map((c, i) => (
        <div key={i}>
          <Typography.Text strong>{c.field}</Typography.Text>：
          {c.before !== null ? (
            <>
              <Typography.Text delete type="secondary">
                {c.before}
              </Typography.Text>
              {' → '}
            </>
          ) : null}
          {c.after ?? <Typography.Text type="secondary">（删除）</Typography.Text>}
        </div>
      ))}
      {changes.length > 12 ? (
        <Typography.Text type="secondary">等 {changes.length} 项</Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * 审计日志: every change inside the admin's region in people's words — who (name and unit), the
 * action, what it touched, the region, the changed fields, when and from where. Procedure names,
 * account ids and region codes stay in the database.
 */
export function AuditPage() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<{
    person?: string;
    procedure?: string;
    range?: [Dayjs, Dayjs];
  }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    ...trpc.audit.list.queryOptions({
      ...paging,
      person: filters.person || undefined,
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
          aria-label="操作人"
          placeholder="操作人（姓名或单位）"
          style={{ width: 220, maxWidth: '100%' }}
          onSearch={(v) => update({ person: v.trim() })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label="操作"
          placeholder="操作（如 登录、定级）"
          style={{ width: 220, maxWidth: '100%' }}
          options={ACTION_OPTIONS}
          value={filters.procedure}
          onChange={(v?: string) => update({ procedure: v })}
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
        scroll={{ x: 1400 }}
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
            width: 160,
            render: (d: Date) => d.toLocaleString('zh-CN', { hour12: false }),
          },
          { title: '操作人', dataIndex: 'who', width: 200 },
          { title: '操作', dataIndex: 'action', width: 150 },
          { title: '对象', dataIndex: 'targetLabel', width: 180 },
          { title: '所属区划', dataIndex: 'regionName', width: 120 },
          {
            title: '角色',
            dataIndex: 'roleLabel',
            width: 150,
            render: (r: string | null) => r ?? '—',
          },
          {
            title: '变更内容',
            dataIndex: 'changes',
            width: 320,
            render: (c: AuditItem['changes']) => <Changes changes={c} />,
          },
          { title: '来源地址', dataIndex: 'ip', width: 120 },
        ]}
      />
    </Card>
  );
}
