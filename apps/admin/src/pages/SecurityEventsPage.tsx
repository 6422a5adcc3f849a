import type { RouterOutputs } from '@dangjian/api';
import {
  SECURITY_EVENT_KIND_LABELS,
  SECURITY_EVENT_KINDS,
  type SecurityEventKind,
} from '@dangjian/domain';
import { errorMessage, FilterBar, ResponsiveTable, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

type SecurityEvent = RouterOutputs['security']['events']['items'][number];

const KIND_OPTIONS = SECURITY_EVENT_KINDS.map((value) => ({
  value,
  label: SECURITY_EVENT_KIND_LABELS[value],
}));

const KIND_COLORS: Record<SecurityEventKind, string> = {
  login_failed: 'orange',
  login_throttled: 'volcano',
  account_locked: 'red',
  unauthenticated: 'gold',
  forbidden: 'magenta',
  cross_region: 'red',
  not_found_on_write: 'purple',
  origin_refused: 'geekblue',
};

function KindTag({ event }: { event: SecurityEvent }) {
  return (
    <Tag color={KIND_COLORS[event.kind]} style={{ marginInlineEnd: 0 }}>
      {event.kindLabel}
    </Tag>
  );
}

/** The detail, and for a summary row how many events it stands for. */
function detailOf(e: SecurityEvent): string {
  const detail = e.detail ?? '—';
  return e.suppressed > 0 ? `${detail}（共 ${e.suppressed} 次）` : detail;
}

const time = (d: Date) => d.toLocaleString('zh-CN', { hour12: false });

interface Filters {
  kind?: SecurityEventKind;
  username?: string;
  address?: string;
  range?: [Dayjs, Dayjs];
}

/**
 * 安全事件 (city admins only): failed and throttled logins, account lockouts and calls the system
 * refused (another region, no permission, a foreign origin), newest first, with who, from which
 * address, what they tried and where. At most 10 events per kind and address a minute are kept
 * one by one; the rest are counted in one row.
 */
export function SecurityEventsPage() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({});
  const [resets, setResets] = useState(0);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    ...trpc.security.events.queryOptions({
      ...paging,
      kind: filters.kind,
      username: filters.username || undefined,
      address: filters.address || undefined,
      from: filters.range?.[0].startOf('day').toDate(),
      to: filters.range?.[1].endOf('day').toDate(),
    }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <Card title="安全事件">
      <FilterBar
        onReset={() => {
          setFilters({});
          setPaging((p) => ({ ...p, page: 1 }));
          setResets((n) => n + 1);
        }}
      >
        <Select
          allowClear
          aria-label="事件类型"
          placeholder="事件类型"
          style={{ width: 160 }}
          options={KIND_OPTIONS}
          value={filters.kind}
          onChange={(v?: SecurityEventKind) => update({ kind: v })}
        />
        <Input.Search
          key={`u${resets}`}
          allowClear
          aria-label="用户名"
          placeholder="用户名"
          style={{ width: 180, maxWidth: '100%' }}
          onSearch={(v) => update({ username: v.trim() })}
        />
        <Input.Search
          key={`a${resets}`}
          allowClear
          aria-label="来源地址"
          placeholder="来源地址（IP）"
          style={{ width: 180, maxWidth: '100%' }}
          onSearch={(v) => update({ address: v.trim() })}
        />
        <DatePicker.RangePicker
          key={`r${resets}`}
          aria-label="日期"
          style={{ maxWidth: '100%' }}
          onChange={(r) => update({ range: r?.[0] && r[1] ? [r[0], r[1]] : undefined })}
        />
      </FilterBar>
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <ResponsiveTable<SecurityEvent>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: time },
          {
            title: '事件',
            dataIndex: 'kindLabel',
            width: 130,
            render: (_: string, e) => <KindTag event={e} />,
          },
          {
            title: '账号',
            dataIndex: 'who',
            width: 200,
            render: (w: string | null) => w ?? '—',
          },
          {
            title: '来源地址',
            dataIndex: 'ip',
            width: 140,
            render: (ip: string | null) => ip ?? '—',
          },
          {
            title: '操作',
            dataIndex: 'action',
            width: 150,
            render: (a: string | null) => a ?? '—',
          },
          {
            title: '所属区划',
            dataIndex: 'regionName',
            width: 120,
            render: (r: string | null) => r ?? '—',
          },
          {
            title: '说明',
            dataIndex: 'detail',
            width: 320,
            render: (_: string | null, e) => detailOf(e),
          },
        ]}
        renderCard={(e) => (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="center">
              <KindTag event={e} />
              <Typography.Text strong>
                {e.who ?? (e.suppressed > 0 ? '多次请求' : '未登录')}
              </Typography.Text>
            </Flex>
            <Typography.Text style={{ fontSize: 13 }}>{detailOf(e)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {time(e.at)} · {e.ip ?? '—'}
              {e.action ? ` · ${e.action}` : ''}
              {e.regionName ? ` · ${e.regionName}` : ''}
            </Typography.Text>
          </Flex>
        )}
      />
    </Card>
  );
}
