import type { RouterOutputs } from '@dangjian/api';
import { formatYuan, type Grade } from '@dangjian/domain';
import { downloadBase64, errorMessage, useTRPC, XLSX_MIME } from '@dangjian/ui';
import { DownloadOutlined } from '@ant-design/icons';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Space, Table } from 'antd';
import { useState } from 'react';
import { GradeTag } from '../grading/GradeTag';
import { MODE_LABELS, STATUS } from './labels';

type RunItem = RouterOutputs['pay']['runs'][number];
type RunLine = RouterOutputs['pay']['run']['lines'][number];

/** The runs committed in the region and year: open one, or export its payroll sheet. */
export function PayRuns({ regionCode, year }: { regionCode: string | undefined; year: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [openRun, setOpenRun] = useState<number | null>(null);
  const [exportingId, setExportingId] = useState<number | null>(null);
  const runs = useQuery(trpc.pay.runs.queryOptions(regionCode ? { regionCode, year } : skipToken));
  const exportPayroll = async (id: number) => {
    setExportingId(id);
    try {
      const file = await queryClient.fetchQuery(trpc.pay.exportPayroll.queryOptions({ id }));
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExportingId(null);
    }
  };

  return (
    <>
      <Card title={`已提交的核算（${year} 年度）`}>
        {runs.error ? <Alert type="error" title={errorMessage(runs.error)} /> : null}
        <Table<RunItem>
          data-testid="pay-runs"
          rowKey="id"
          size="small"
          loading={runs.isFetching}
          dataSource={runs.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 70 },
            { title: '乡镇（街道）', dataIndex: 'regionName', width: 140 },
            { title: '年度', dataIndex: 'year', width: 70 },
            {
              title: '方式',
              dataIndex: 'mode',
              width: 110,
              render: (m: 'base' | 'pool') => MODE_LABELS[m],
            },
            { title: '人数', dataIndex: 'lineCount', width: 60, align: 'right' },
            {
              title: '合计（元）',
              dataIndex: 'totalFen',
              width: 140,
              align: 'right',
              render: (f: number) => formatYuan(f, { grouped: true }),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: 'committed' | 'superseded') => STATUS[s],
            },
            {
              title: '替代',
              dataIndex: 'supersedesId',
              width: 80,
              render: (id: number | null) => (id ? `编号 ${id}` : '—'),
            },
            {
              title: '提交人',
              dataIndex: 'createdByName',
              width: 140,
              render: (n: string | null) => n ?? '上级用户',
            },
            {
              title: '提交时间',
              dataIndex: 'createdAt',
              width: 160,
              render: (d: Date) => d.toLocaleString('zh-CN'),
            },
            {
              title: '操作',
              key: 'actions',
              width: 180,
              render: (_: unknown, r: RunItem) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setOpenRun(r.id)}>
                    查看
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    loading={exportingId === r.id}
                    onClick={() => void exportPayroll(r.id)}
                  >
                    导出工资表
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RunDrawer id={openRun} onClose={() => setOpenRun(null)} />
    </>
  );
}

/** One committed run in full. */
function RunDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.pay.run.queryOptions(id ? { id } : skipToken));
  const r = run.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={820}
      title={r ? `报酬核算 编号 ${r.id}：${r.regionName} ${r.year} 年度` : '报酬核算'}
    >
      {run.error ? <Alert type="error" title={errorMessage(run.error)} /> : null}
      {r ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="状态">{STATUS[r.status]}</Descriptions.Item>
          <Descriptions.Item label="核算方式">{MODE_LABELS[r.mode]}</Descriptions.Item>
          <Descriptions.Item label="合计">
            {formatYuan(r.totalFen, { grouped: true })} 元
          </Descriptions.Item>
          <Descriptions.Item label="“好”类基数">
            {formatYuan(r.baseFen, { grouped: true })} 元
          </Descriptions.Item>
          <Descriptions.Item label="替代">
            {r.supersedesId ? `编号 ${r.supersedesId}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="执行政策">{r.policyLabel}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {r && r.unpaid.length > 0 ? (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={`未发放（${r.unpaid.length} 个）`}
          description={r.unpaid.map((u) => `${u.villageName} ${u.orgName}：${u.reason}`).join('；')}
        />
      ) : null}
      <Table<RunLine>
        rowKey="id"
        size="small"
        loading={run.isFetching}
        dataSource={r?.lines ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '村（社区）', dataIndex: 'villageName', width: 160 },
          { title: '党组织', dataIndex: 'orgName' },
          {
            title: '书记',
            dataIndex: 'secretaryName',
            width: 90,
            render: (n: string | null) => n ?? '（空缺）',
          },
          {
            title: '等次',
            dataIndex: 'grade',
            width: 80,
            render: (g: Grade) => <GradeTag grade={g} />,
          },
          {
            title: '系数',
            dataIndex: 'ratioPermille',
            width: 70,
            align: 'right',
            render: (p: number) => p / 1000,
          },
          {
            title: '金额（元）',
            dataIndex: 'amountFen',
            width: 130,
            align: 'right',
            render: (f: number) => formatYuan(f, { grouped: true }),
          },
        ]}
      />
    </Drawer>
  );
}
