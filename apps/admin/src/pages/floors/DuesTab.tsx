import { formatYuan } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Flex,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { DuesItem, DuesUnit } from './types';
import { DuesModal } from './DuesModal';
import { EntriesTable } from './EntriesTable';

/** 非公企业和社会组织党费先缴后返 (001 §22): what each organisation paid, is owed and got back. */
export function DuesTab(props: { code: string; year: number; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [owedOnly, setOwedOnly] = useState(false);
  const [recording, setRecording] = useState<{ orgId?: number; orgName?: string } | null>(null);
  const list = useQuery({
    ...trpc.dues.list.queryOptions({ regionCode: props.code, year: props.year, owedOnly }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.dues.pathKey() });
  const voidEntry = useMutation(
    trpc.dues.void.mutationOptions({
      onSuccess: () => {
        message.success('已作废');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const data = list.data;

  return (
    <>
      {data ? (
        <Typography.Paragraph type="secondary">
          {data.rule}（{data.citation}）。每个组织每年已返还的党费不得少于应返还额，差额即待返还。
        </Typography.Paragraph>
      ) : null}
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        {props.isAdmin ? (
          <Button type="primary" onClick={() => setRecording({})}>
            登记上缴或返还
          </Button>
        ) : null}
        <Checkbox checked={owedOnly} onChange={(e) => setOwedOnly(e.target.checked)}>
          只看待返还
        </Checkbox>
        {data ? (
          <>
            <Tag>组织 {data.totals.orgs} 个</Tag>
            <Tag>上缴 {formatYuan(data.totals.paidFen, { grouped: true })} 元</Tag>
            <Tag>已返还 {formatYuan(data.totals.returnedFen, { grouped: true })} 元</Tag>
            <Tag color={data.totals.owedFen > 0 ? 'red' : 'green'} data-testid="dues-owed">
              待返还 {formatYuan(data.totals.owedFen, { grouped: true })} 元（{data.totals.owing}{' '}
              个组织）
            </Tag>
          </>
        ) : null}
      </Flex>
      {data && data.units.length > 0 ? (
        <Table<DuesUnit>
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          style={{ marginBottom: 12 }}
          dataSource={data.units}
          columns={[
            { title: '核算单位', dataIndex: 'name', width: 120 },
            {
              title: '待返还（元）',
              dataIndex: 'owedFen',
              align: 'right',
              render: (v: number) =>
                v > 0 ? (
                  <Typography.Text type="danger">
                    {formatYuan(v, { grouped: true })}
                  </Typography.Text>
                ) : (
                  formatYuan(v, { grouped: true })
                ),
            },
            { title: '待返还组织', dataIndex: 'owing', align: 'right' },
            { title: '组织数', dataIndex: 'orgs', align: 'right' },
            {
              title: '上缴（元）',
              dataIndex: 'paidFen',
              align: 'right',
              render: (v: number) => formatYuan(v, { grouped: true }),
            },
            {
              title: '已返还（元）',
              dataIndex: 'returnedFen',
              align: 'right',
              render: (v: number) => formatYuan(v, { grouped: true }),
            },
            {
              title: '执行政策',
              key: 'policy',
              render: (_: unknown, u) => (
                <Tooltip title={u.rule}>
                  {u.policyLabel}（{u.citation}）
                </Tooltip>
              ),
            },
          ]}
        />
      ) : null}
      <Table<DuesItem>
        rowKey="orgId"
        size="small"
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        rowClassName={(r) => (r.met ? '' : 'floor-unmet')}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个` }}
        locale={{ emptyText: owedOnly ? '没有待返还党费的组织' : '本年度尚未登记党费上缴或返还' }}
        expandable={{
          expandedRowRender: (r) => (
            <EntriesTable
              entries={r.entries}
              canVoid={props.isAdmin}
              onVoid={(entryId, reason) => voidEntry.mutate({ entryId, reason })}
            />
          ),
        }}
        columns={[
          { title: '党组织', dataIndex: 'orgName', width: 220, fixed: 'left' },
          {
            title: '结论',
            key: 'verdict',
            width: 170,
            render: (_: unknown, r) =>
              r.met ? (
                <Tag color="green">已足额返还</Tag>
              ) : (
                <Space size={4} wrap>
                  <Tag color="red">待返还</Tag>
                  <Typography.Text type="danger">
                    {formatYuan(r.owedFen, { grouped: true })} 元
                  </Typography.Text>
                </Space>
              ),
          },
          {
            title: '上缴（元）',
            dataIndex: 'paidFen',
            width: 110,
            align: 'right',
            render: (v: number) => formatYuan(v, { grouped: true }),
          },
          {
            title: '应返还（元）',
            dataIndex: 'dueFen',
            width: 110,
            align: 'right',
            render: (v: number) => formatYuan(v, { grouped: true }),
          },
          {
            title: '已返还（元）',
            dataIndex: 'returnedFen',
            width: 110,
            align: 'right',
            render: (v: number) => formatYuan(v, { grouped: true }),
          },
          { title: '领域', dataIndex: 'categoryLabel', width: 120 },
          { title: '所在区划', dataIndex: 'regionName', width: 140 },
          { title: '核算单位', dataIndex: 'unitName', width: 100 },
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, r) =>
              props.isAdmin ? (
                <Button
                  size="small"
                  onClick={() => setRecording({ orgId: r.orgId, orgName: r.orgName })}
                >
                  登记
                </Button>
              ) : null,
          },
        ]}
      />
      <DuesModal
        target={recording}
        regionCode={props.code}
        year={props.year}
        onClose={() => setRecording(null)}
        onDone={() => {
          setRecording(null);
          void refresh();
        }}
      />
    </>
  );
}
