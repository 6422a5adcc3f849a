import type { RouterOutputs } from '@dangjian/api';
import {
  KEY_RECTIFICATION_FLAG_LABELS,
  QUOTA_GROUP_LABELS,
  RECTIFICATION_CRITERION_LABELS,
  type KeyRectificationFlag,
} from '@dangjian/domain';
import {
  defined,
  downloadBase64,
  errorMessage,
  RegionSplit,
  useTRPC,
  XLSX_MIME,
} from '@dangjian/ui';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { CaseDrawer } from './rectification/CaseDrawer';
import { CreateCaseModal } from './rectification/CreateCaseModal';

type ListData = RouterOutputs['rectification']['list'];
type CaseItem = ListData['items'][number];
type QuotaLine = ListData['quota']['lines'][number];
type CountyQuota = ListData['byCounty'][number];

export const STATUS_COLORS: Record<string, string> = {
  in_progress: 'processing',
  ready_for_acceptance: 'orange',
  accepted: 'green',
  failed_acceptance: 'red',
};

const FORMS = [
  { form: 'summary', label: '附件1 汇总表' },
  { form: 'brief', label: '附件2 一览表' },
  { form: 'election', label: '附件3 换届选举难点村' },
] as const;

function QuotaTags({ lines }: { lines: readonly QuotaLine[] }) {
  return (
    <Space wrap size={4}>
      {lines.map((l) => (
        <Tag
          key={l.group}
          color={l.met === false ? 'red' : 'green'}
          data-testid={`quota-${l.group}`}
        >
          {QUOTA_GROUP_LABELS[l.group]}：{l.orgCount} 个，应列 ≥{l.required}（{l.percent}%），已列{' '}
          {l.listed ?? 0}
          {l.met === false ? `，差 ${l.shortfall}` : ''}
        </Tag>
      ))}
    </Space>
  );
}

/** 整顿软弱涣散 (002; 000 §1, §3): listing with the quota, one org one plan, ledger, forms. */
export function RectificationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [creating, setCreating] = useState(false);
  const [openCase, setOpenCase] = useState<number | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const code = picked ?? root.data?.code;
  const list = useQuery({
    ...trpc.rectification.list.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.rectification.pathKey() });
  const carryOver = useMutation(
    trpc.rectification.carryOver.mutationOptions({
      onSuccess: (r) => {
        if (r.carried > 0) message.success(`已将上年未完成整顿的 ${r.carried} 个党组织结转至本年`);
        void invalidate();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  // 回头看: last year's unfinished cases carry over on the first listing of the year.
  const carried = useRef(new Set<string>());
  const pending = list.data?.pendingCarryOver ?? 0;
  useEffect(() => {
    if (!code || pending === 0 || list.data?.regionCode !== code || list.data.year !== year) return;
    const key = `${code}:${year}`;
    if (carried.current.has(key)) return;
    carried.current.add(key);
    carryOver.mutate({ regionCode: code, toYear: year });
  }, [code, year, pending, list.data, carryOver]);

  const exportForm = async (form: (typeof FORMS)[number]['form']) => {
    if (!code) return;
    setExporting(form);
    try {
      const file = await queryClient.fetchQuery(
        trpc.rectification.exportForm.queryOptions({ regionCode: code, year, form }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(null);
    }
  };

  const data = list.data;
  return (
    <RegionSplit selected={code} onSelect={setPicked}>
      <Card
        style={{ flex: 1, minWidth: 0 }}
        title={
          <span data-testid="rectification-title">
            {data ? `${data.regionName} ${data.year} 年整顿软弱涣散基层党组织` : '整顿软弱涣散'}
          </span>
        }
        extra={
          <Space>
            <Select
              aria-label="年度"
              data-testid="rectification-year"
              value={year}
              onChange={setYear}
              options={YEAR_OPTIONS}
              style={{ width: 110 }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              列入整顿对象
            </Button>
          </Space>
        }
      >
        {list.error ? (
          <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {data ? (
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>整顿对象比例：</Typography.Text>
              <QuotaTags lines={data.quota.lines} />
              <Tag color={data.quota.met ? 'green' : 'red'} data-testid="quota-met">
                {data.quota.met ? '达到比例要求' : '未达到比例要求'}
              </Tag>
            </Space>
            <Typography.Text type="secondary">
              <span data-testid="quota-rule">{data.quota.rule}</span>
              ，上年整顿不到位的纳入本年整顿任务（回头看）。执行政策：{data.quota.policyLabel}
              。已验收 {data.conversion.converted}/{data.conversion.listed}
              {data.conversion.applicable
                ? `，转化目标 ${data.conversion.targetPercent}%：${data.conversion.met ? '达标' : '未达标'}`
                : ''}
              。
            </Typography.Text>
            <Space wrap>
              {FORMS.map((f) => (
                <Button
                  key={f.form}
                  icon={<DownloadOutlined />}
                  loading={exporting === f.form}
                  onClick={() => void exportForm(f.form)}
                >
                  导出{f.label}
                </Button>
              ))}
            </Space>
            {data.byCounty.length > 0 ? (
              <Table<CountyQuota>
                rowKey="regionCode"
                size="small"
                pagination={false}
                dataSource={data.byCounty}
                columns={[
                  { title: '县（市、区）', dataIndex: 'regionName', width: 120 },
                  {
                    title: '比例要求',
                    key: 'lines',
                    render: (_: unknown, c) => <QuotaTags lines={c.lines} />,
                  },
                  {
                    title: '结论',
                    dataIndex: 'met',
                    width: 90,
                    render: (m: boolean) =>
                      m ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>,
                  },
                  {
                    title: '执行政策',
                    dataIndex: 'policyLabel',
                    width: 220,
                    render: (label: string, c) =>
                      c.rule === data.quota.rule ? (
                        label
                      ) : (
                        <Typography.Text title={c.rule}>{label}（比例另有规定）</Typography.Text>
                      ),
                  },
                ]}
                scroll={{ x: 'max-content' }}
              />
            ) : null}
          </Space>
        ) : null}
        <Table<CaseItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个` }}
          onRow={(c) => ({ onClick: () => setOpenCase(c.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: '党组织',
              dataIndex: 'orgName',
              render: (n: string, c) => (
                <a data-testid={`case-${c.id}`}>
                  {n}
                  {c.carriedOver ? (
                    <Tag color="purple" style={{ marginLeft: 6 }}>
                      {c.firstListedYear} 年结转
                    </Tag>
                  ) : null}
                </a>
              ),
            },
            { title: '所在区划', dataIndex: 'regionName', width: 130 },
            { title: '区县', dataIndex: 'countyName', width: 90 },
            {
              title: '整顿标准',
              key: 'criteria',
              width: 130,
              filters: Object.entries(RECTIFICATION_CRITERION_LABELS).map(([value, label], i) => ({
                value,
                text: `（${i + 1}）${label}`,
              })),
              onFilter: (value, c) => c.criteria.includes(value as CaseItem['criteria'][number]),
              render: (_: unknown, c) => (
                <Tooltip
                  title={c.criteria.map((k) => RECTIFICATION_CRITERION_LABELS[k]).join('；')}
                >
                  {c.criterionNumbers.map((n) => `（${n}）`).join('')}
                </Tooltip>
              ),
            },
            {
              title: '重点整顿',
              key: 'key',
              width: 110,
              filters: [{ value: true, text: '重点整顿' }],
              onFilter: (v, c) => c.keyRectification === v,
              render: (_: unknown, c) =>
                c.keyRectification ? (
                  <Tooltip
                    title={c.keyFlags
                      .map((f: KeyRectificationFlag) => KEY_RECTIFICATION_FLAG_LABELS[f])
                      .join('；')}
                  >
                    <Tag color="red">重点整顿</Tag>
                  </Tooltip>
                ) : null,
            },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              width: 100,
              // A withdrawn case (listed by mistake) stays in the list, grey, outside the quota.
              render: (l: string, c) => (
                <Tag color={c.withdrawn ? 'default' : STATUS_COLORS[c.status]}>{l}</Tag>
              ),
            },
            {
              title: '销号',
              key: 'items',
              width: 80,
              align: 'right',
              render: (_: unknown, c) => `${c.closedItems}/${c.closedItems + c.openItems}`,
            },
            {
              title: '逾期',
              dataIndex: 'overdueItems',
              width: 70,
              align: 'right',
              render: (n: number) => (n > 0 ? <Tag color="red">{n} 项</Tag> : null),
            },
          ]}
        />
      </Card>
      {code ? (
        <CreateCaseModal
          open={creating}
          regionCode={code}
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void invalidate();
            setOpenCase(id);
          }}
        />
      ) : null}
      <CaseDrawer
        id={openCase}
        onClose={() => setOpenCase(null)}
        onChanged={() => void invalidate()}
      />
    </RegionSplit>
  );
}
