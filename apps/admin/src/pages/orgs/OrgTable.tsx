import {
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  type FieldCategory,
  type OrgKind,
} from '@dangjian/domain';
import { errorMessage, regionTitle, useCurrentUser, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Grid, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OrgItem } from './types';
import { WRITER_ROLES } from './roles';
import { OrgDrawer } from './OrgDrawer';

export function OrgTable({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [category, setCategory] = useState<FieldCategory | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const list = useQuery({
    ...trpc.org.list.queryOptions(
      code
        ? { regionCode: code, search: search || undefined, kind, category, ...paging }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });

  const here = path.data?.at(-1);
  const user = useCurrentUser();
  const canWrite = WRITER_ROLES.has(user.role);
  // On a phone the name is narrower and the actions are not pinned, so a second column shows.
  const desktop = Grid.useBreakpoint().lg ?? true;
  const [editing, setEditing] = useState<{ id: number | null; tab: 'form' | 'history' } | null>(
    null,
  );
  return (
    <Card
      extra={
        canWrite && code ? (
          <Button type="primary" onClick={() => setEditing({ id: null, tab: 'form' })}>
            新建党组织
          </Button>
        ) : null
      }
      title={
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
          <span data-testid="orgs-title">{here ? `${regionTitle(here)} 的党组织` : '党组织'}</span>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="按名称搜索"
          style={{ width: 240 }}
          onSearch={(v) => {
            setSearch(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select<OrgKind>
          allowClear
          placeholder="组织类型"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
        />
        <Select<FieldCategory>
          allowClear
          placeholder="领域类别"
          style={{ width: 180 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={FIELD_CATEGORIES.map((c) => ({ value: c, label: FIELD_CATEGORY_LABELS[c] }))}
        />
      </Space>
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<OrgItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 个`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '党组织名称', dataIndex: 'name', width: desktop ? 300 : 170 },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: OrgKind) => (
              <Tag
                color={k === 'committee' ? 'red' : k === 'general_branch' ? 'orange' : 'default'}
              >
                {ORG_KIND_LABELS[k]}
              </Tag>
            ),
          },
          {
            title: '领域',
            dataIndex: 'category',
            width: 130,
            render: (c: FieldCategory) => FIELD_CATEGORY_LABELS[c],
          },
          { title: '所在区划', dataIndex: 'regionName', width: 200 },
          { title: '书记', dataIndex: 'secretaryName', width: 100 },
          { title: '书记电话', dataIndex: 'secretaryPhone', width: 130 },
          { title: '党员数', dataIndex: 'memberCount', width: 90, align: 'right' },
          {
            title: '本届届期',
            key: 'term',
            width: 200,
            render: (_: unknown, o: OrgItem) =>
              o.termStart && o.termEnd ? `${o.termStart} 至 ${o.termEnd}` : '—',
          },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 120,
                  fixed: desktop ? ('right' as const) : undefined,
                  render: (_: unknown, o: OrgItem) => (
                    <Space size="small">
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing({ id: o.id, tab: 'form' })}
                      >
                        编辑
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing({ id: o.id, tab: 'history' })}
                      >
                        历史
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && code ? (
        <OrgDrawer
          orgId={editing.id}
          initialTab={editing.tab}
          regionCode={code}
          regionName={here?.name ?? ''}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
