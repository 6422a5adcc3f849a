import { EDUCATION_LABELS, type EducationLevel } from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Table } from 'antd';
import { useState } from 'react';
import type { PersonItem } from './types';
import { WRITER_ROLES } from './roles';
import { PersonDrawer } from './PersonDrawer';

/** People of the region: phone and ID number masked per role; create and edit in a drawer. */
export function PeopleTable({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const user = useCurrentUser();
  const canWrite = WRITER_ROLES.has(user.role);
  const [search, setSearch] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<PersonItem | 'new' | null>(null);
  const list = useQuery({
    ...trpc.person.list.queryOptions(
      code ? { regionCode: code, search: search || undefined, ...paging } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title="人员"
      extra={
        canWrite && code ? (
          <Button type="primary" onClick={() => setEditing('new')}>
            新增人员
          </Button>
        ) : null
      }
    >
      <Input.Search
        allowClear
        placeholder="按姓名或电话搜索"
        style={{ width: 240, marginBottom: 16 }}
        onSearch={(v) => {
          setSearch(v.trim());
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<PersonItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 人`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          {
            title: '性别',
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => (g === 'male' ? '男' : '女'),
          },
          { title: '出生日期', dataIndex: 'birthDate', width: 110 },
          {
            title: '文化程度',
            dataIndex: 'education',
            width: 110,
            render: (e: EducationLevel | null) => (e ? EDUCATION_LABELS[e] : '—'),
          },
          { title: '联系电话', dataIndex: 'phone', width: 130 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 180 },
          { title: '所在区划', dataIndex: 'regionName', width: 160 },
          { title: '任书记', dataIndex: 'secretaryOf', render: (t: string | null) => t ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, p: PersonItem) => (
                    <Button type="link" size="small" onClick={() => setEditing(p)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && code ? (
        <PersonDrawer
          person={editing === 'new' ? null : editing}
          regionCode={code}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
