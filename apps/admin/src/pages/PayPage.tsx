import type { RouterInputs, RouterOutputs } from '@dangjian/api';
import { formatYuan, yuanToFen, type Grade } from '@dangjian/domain';
import {
  downloadBase64,
  errorMessage,
  RegionSplit,
  regionTitle,
  useTRPC,
  XLSX_MIME,
} from '@dangjian/ui';
import { DownloadOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { GradeTag, yearOptions } from './GradingPage';

type PayInput = RouterInputs['pay']['preview'];
type PreviewLine = RouterOutputs['pay']['preview']['lines'][number];
type Omission = RouterOutputs['pay']['preview']['notCovered'][number];
type RunItem = RouterOutputs['pay']['runs'][number];
type RunLine = RouterOutputs['pay']['run']['lines'][number];

const MODE_LABELS = { base: '按基数核算', pool: '按总额分配' } as const;
const STATUS = {
  committed: <Tag color="green">已提交</Tag>,
  superseded: <Tag>已被替代</Tag>,
} as const;

/**
 * 报酬核算 (001 §7): the pay of village Party secretaries per township by grade, in the ratios and
 * with the coverage of the policy in force (both stated from the API, never written here).
 */
export function PayPage() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <RegionSplit selected={regionCode} onSelect={setRegionCode} treeWidth={300}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <PayCalculator regionCode={regionCode} />
      </div>
    </RegionSplit>
  );
}

function PayCalculator({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const here = path.data?.at(-1);
  const isTownship = here?.level === 'township';

  const [year, setYear] = useState(() => new Date().getFullYear());
  const [mode, setMode] = useState<'base' | 'pool'>('pool');
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState<PayInput | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<number | null>(null);
  const [exportingId, setExportingId] = useState<number | null>(null);

  const rule = useQuery(trpc.pay.rule.queryOptions(code ? { regionCode: code, year } : skipToken));
  const preview = useQuery({
    ...trpc.pay.preview.queryOptions(submitted ?? skipToken),
    staleTime: 0,
  });
  const runs = useQuery(trpc.pay.runs.queryOptions(code ? { regionCode: code, year } : skipToken));
  const commit = useMutation(
    trpc.pay.commit.mutationOptions({
      onSuccess: async (r) => {
        message.success(
          `已提交报酬核算（编号 ${r.id}），合计 ${formatYuan(r.totalFen, { grouped: true })} 元${r.supersedesId ? `，替代了编号 ${r.supersedesId} 的核算` : ''}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.pay.runs.pathKey() });
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  const input = (): PayInput | null => {
    if (!code || !isTownship) return null;
    if (amountYuan === null || amountYuan <= 0) {
      setAmountError(mode === 'base' ? '请填写“好”类基数（元）' : '请填写报酬总额（元）');
      return null;
    }
    let fen: number;
    try {
      fen = yuanToFen(amountYuan, mode === 'base' ? '基数' : '报酬总额');
    } catch (e) {
      setAmountError(errorMessage(e));
      return null;
    }
    setAmountError(null);
    return mode === 'base'
      ? { regionCode: code, year, mode, baseFen: fen }
      : { regionCode: code, year, mode, poolFen: fen };
  };

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

  const data = preview.data;
  const previewMatches =
    data &&
    submitted &&
    submitted.regionCode === code &&
    submitted.year === year &&
    submitted.mode === mode;
  return (
    <>
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
            <span data-testid="pay-title">
              {here ? `${regionTitle(here)} 村党组织书记报酬核算` : '报酬核算'}
            </span>
          </Space>
        }
      >
        {here && !isTownship ? (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title="报酬以乡镇（街道）为单位核算：请在区划树中选择一个乡镇（街道）。下方列出本区域内已提交的核算。"
          />
        ) : null}
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <Select<number>
            aria-label="年度"
            data-testid="pay-year"
            style={{ width: 110 }}
            value={year}
            onChange={(y) => {
              setYear(y);
              setSubmitted(null);
            }}
            options={yearOptions()}
          />
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as 'base' | 'pool');
              setSubmitted(null);
            }}
            optionType="button"
            options={[
              { value: 'pool', label: '按总额分配' },
              { value: 'base', label: '按基数核算' },
            ]}
          />
          <InputNumber<number>
            aria-label={mode === 'base' ? '“好”类基数（元）' : '报酬总额（元）'}
            style={{ width: 220 }}
            min={0.01}
            precision={2}
            step={100}
            placeholder={mode === 'base' ? '“好”类基数' : '报酬总额'}
            suffix="元"
            value={amountYuan}
            onChange={(v) => setAmountYuan(v)}
            formatter={(v) =>
              v === undefined ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
            }
            parser={(v) => Number((v ?? '').replace(/,/g, ''))}
          />
          <Button
            type="primary"
            disabled={!isTownship}
            loading={preview.isFetching}
            onClick={() => {
              const next = input();
              if (next) {
                setSubmitted(next);
                void queryClient.invalidateQueries({ queryKey: trpc.pay.preview.pathKey() });
              }
            }}
          >
            预览
          </Button>
          <Popconfirm
            title="提交报酬核算"
            description="提交后不可修改；本乡镇本年度已提交的核算将被本次替代。确定提交？"
            okText="确定提交"
            cancelText="取消"
            disabled={!previewMatches}
            onConfirm={() => {
              if (submitted) commit.mutate(submitted);
            }}
          >
            <Button disabled={!previewMatches} loading={commit.isPending}>
              提交
            </Button>
          </Popconfirm>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="pay-rule">
          {rule.data ? `${rule.data.rule}。` : null}
          只核发村党组织本身的在任书记：驻村的其他领域党组织、村党组织下设的党支部和乡镇（街道）本级党组织不参与；书记空缺的列明、不发放。
          按总额分配时，以分为单位按最大余数法分配，合计与总额分毫不差。
          {rule.data ? `执行政策：${rule.data.policyLabel}。` : null}
        </Typography.Paragraph>
        {amountError ? (
          <Alert type="warning" title={amountError} style={{ marginBottom: 12 }} />
        ) : null}
        {preview.error ? (
          <Alert
            type="error"
            data-testid="pay-error"
            title={errorMessage(preview.error)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {data ? (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              style={{ marginBottom: 12 }}
            >
              <Descriptions.Item label="核算方式">{MODE_LABELS[data.mode]}</Descriptions.Item>
              <Descriptions.Item label="“好”类基数">
                {formatYuan(data.baseFen, { grouped: true })} 元
              </Descriptions.Item>
              <Descriptions.Item label="合计">
                <span data-testid="pay-total">
                  {formatYuan(data.totalFen, { grouped: true })} 元
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="执行政策">
                <span data-testid="pay-policy">{data.policyLabel}</span>
              </Descriptions.Item>
            </Descriptions>
            {data.unpaid.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                data-testid="pay-unpaid"
                style={{ marginBottom: 12 }}
                title={`${data.unpaid.length} 个村党组织书记空缺，本次不发放：`}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {data.unpaid.map((u) => (
                      <li key={u.orgId}>
                        {u.villageName} {u.orgName}：{u.reason}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <Table<PreviewLine>
              data-testid="pay-preview"
              rowKey="orgId"
              size="small"
              dataSource={data.lines}
              pagination={false}
              scroll={{ x: 'max-content', y: 420 }}
              columns={[
                { title: '村（社区）', dataIndex: 'villageName', width: 180 },
                { title: '党组织', dataIndex: 'orgName' },
                {
                  title: '书记',
                  dataIndex: 'secretaryName',
                  width: 100,
                  render: (n: string | null) => n ?? '（空缺）',
                },
                {
                  title: '等次',
                  dataIndex: 'grade',
                  width: 80,
                  render: (g: Grade) => <GradeTag grade={g} />,
                },
                { title: '系数', dataIndex: 'ratio', width: 70, align: 'right' },
                {
                  title: '金额（元）',
                  dataIndex: 'amountFen',
                  width: 140,
                  align: 'right',
                  render: (f: number) => formatYuan(f, { grouped: true }),
                },
              ]}
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={5}>
                      合计（{data.lines.length} 人）
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      <strong>{formatYuan(data.totalFen, { grouped: true })}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
            {data.notCovered.length > 0 ? (
              <Collapse
                size="small"
                style={{ marginTop: 12 }}
                items={[
                  {
                    key: 'not-covered',
                    label: `不参与本次核算的党组织（${data.notCovered.length} 个）`,
                    children: (
                      <Table<Omission>
                        data-testid="pay-not-covered"
                        rowKey="orgId"
                        size="small"
                        dataSource={data.notCovered}
                        pagination={{ pageSize: 20, hideOnSinglePage: true }}
                        scroll={{ x: 'max-content' }}
                        columns={[
                          { title: '党组织', dataIndex: 'orgName', width: 240 },
                          { title: '所在地', dataIndex: 'villageName', width: 140 },
                          { title: '原因', dataIndex: 'reason' },
                        ]}
                      />
                    ),
                  },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Card>

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
