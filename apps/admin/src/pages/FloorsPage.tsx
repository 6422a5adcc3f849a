import type { RouterOutputs } from '@dangjian/api';
import {
  CADRE_POST_LABELS,
  CADRE_POSTS,
  formatYuan,
  POLICY_UNIT_LABELS,
  yuanToFen,
  type CadrePost,
} from '@dangjian/domain';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  defined,
  downloadBase64,
  errorMessage,
  fileToBase64,
  RegionTree,
  useCurrentUser,
  useTRPC,
  XLSX_MIME,
} from '@dangjian/ui';
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
  Cascader,
  Checkbox,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { chinaToday } from './orglife/shared';

type FloorReport = RouterOutputs['floors']['check'];
type FloorRow = FloorReport['rows'][number];
type BelowCadre = FloorRow['below'][number];
type CadrePayItem = RouterOutputs['floors']['cadrePay']['items'][number];
type CadrePayImport = RouterOutputs['floors']['importCadrePay'];
type ImportError = Extract<CadrePayImport, { ok: false }>['errors'][number];
type DuesReport = RouterOutputs['dues']['list'];
type DuesItem = DuesReport['items'][number];
type DuesUnit = DuesReport['units'][number];
type DuesEntry = DuesItem['entries'][number];

const STATUS: Record<FloorRow['status'], { color: string; label: string }> = {
  met: { color: 'green', label: '达标' },
  unmet: { color: 'red', label: '未达标' },
  no_data: { color: 'default', label: '未录入' },
  unavailable: { color: 'orange', label: '无法核算' },
};

/** What the 底线 and 实际 figures of a row are, by the kind of floor. */
const FLOOR_WORD: Record<NonNullable<FloorRow['kind']>, string> = {
  average: '平均',
  each: '每人（项）',
  total: '合计',
};
const ACTUAL_WORD: Record<NonNullable<FloorRow['kind']>, string> = {
  average: '平均',
  each: '最低',
  total: '合计',
};

const ADMIN_ROLES = ['city_admin', 'county_admin'];

const yuanInputProps = {
  min: 0,
  precision: 2,
  step: 100,
  suffix: '元',
  style: { width: '100%' },
  formatter: (v: number | string | undefined) =>
    v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v: string | undefined) => Number((v ?? '').replace(/,/g, '')),
};

/**
 * 保障底线: every floor per county-level unit, those falling short first, with the notice that
 * sets each; the village and community cadres' basic pay (003 §4.3) and the non-public dues
 * returns (001 §22) are recorded in their own tabs.
 */
export function FloorsPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('floors');
  const code = picked ?? root.data?.code;
  const report = useQuery({
    ...trpc.floors.check.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const isAdmin = ADMIN_ROLES.includes(user.role);
  const phone = !Grid.useBreakpoint().md;

  return (
    <Flex gap={16} wrap align="flex-start">
      <Card
        size="small"
        style={{ flex: '1 1 240px', maxWidth: 320 }}
        styles={{ body: { padding: 0, ...(phone ? { maxHeight: 240, overflow: 'auto' } : {}) } }}
      >
        <RegionTree selected={code} onSelect={setPicked} />
      </Card>
      <Card
        style={{ flex: '999 1 340px', minWidth: 0 }}
        title={
          <span data-testid="floors-title">
            {data ? `${data.regionName} ${data.year} 年保障底线` : '保障底线'}
          </span>
        }
        extra={
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={YEAR_OPTIONS}
            style={{ width: 110 }}
          />
        }
      >
        {report.error ? (
          <Alert type="error" title={errorMessage(report.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {data ? (
          <Typography.Paragraph data-testid="floors-policy">
            <Typography.Text type="secondary">执行政策：</Typography.Text>
            {data.policyLabel}
          </Typography.Paragraph>
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'floors',
              label: '底线核算',
              children: <FloorsTable report={data} loading={report.isFetching} phone={phone} />,
            },
            {
              key: 'cadres',
              label: '村（社区）干部基本报酬',
              children:
                code && tab === 'cadres' ? (
                  <CadrePayTab
                    code={code}
                    year={year}
                    report={data}
                    isAdmin={isAdmin}
                    isVillage={code.slice(9) !== '000'}
                  />
                ) : null,
            },
            {
              key: 'dues',
              label: '非公党费返还',
              children:
                code && tab === 'dues' ? (
                  <DuesTab code={code} year={year} isAdmin={isAdmin} />
                ) : null,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

// ---------------------------------------------------------------------------------------------
// 底线核算

function Verdict({ row }: { row: FloorRow }) {
  const tag = <Tag color={STATUS[row.status].color}>{STATUS[row.status].label}</Tag>;
  if (row.status !== 'unmet') return tag;
  return (
    <Space size={4} wrap>
      {tag}
      {row.shortfallFen > 0 ? (
        <Typography.Text type="danger">
          差 {formatYuan(row.shortfallFen, { grouped: true })} 元
        </Typography.Text>
      ) : (
        <Typography.Text type="danger">{row.reason ?? row.note ?? '未达标'}</Typography.Text>
      )}
    </Space>
  );
}

/** On a phone, each unit's floors as a card: the item, the verdict with its gap, the figures. */
function FloorCards({ report }: { report: FloorReport }) {
  return (
    <Flex vertical gap={12}>
      {report.units.map((u) => (
        <Card
          key={u.code}
          size="small"
          title={u.name}
          extra={<Typography.Text type="secondary">{u.unmet} 项未达标</Typography.Text>}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            执行政策：{u.policyLabel}
          </Typography.Paragraph>
          {u.floors.map((r) => (
            <div
              key={r.floor}
              className={r.status === 'unmet' ? 'floor-unmet-card' : undefined}
              style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}
            >
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{r.label}</Typography.Text>
                <Verdict row={r} />
              </Flex>
              {r.kind !== null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  底线（{FLOOR_WORD[r.kind]}）
                  {r.floorFen === null ? '——' : formatYuan(r.floorFen, { grouped: true })} 元 ·
                  实际（{ACTUAL_WORD[r.kind]}）
                  {r.actualFen === null ? '——' : formatYuan(r.actualFen, { grouped: true })} 元
                  {r.basis[0] ? ` · ${r.basis[0].source}` : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.note}
                </Typography.Text>
              )}
              {r.below.length > 0 ? (
                <div style={{ fontSize: 12 }}>
                  {r.below.slice(0, 10).map((b) => (
                    <div key={b.recordId}>
                      {b.name}（{b.unitName}，{b.postLabel}）：
                      {formatYuan(b.basicPayFen, { grouped: true })} 元，差{' '}
                      <Typography.Text type="danger">
                        {formatYuan(b.shortfallFen, { grouped: true })}
                      </Typography.Text>{' '}
                      元
                    </div>
                  ))}
                  {r.below.length > 10 ? <div>等 {r.below.length} 人</div> : null}
                </div>
              ) : null}
            </div>
          ))}
        </Card>
      ))}
    </Flex>
  );
}

function FloorsTable(props: { report: FloorReport | undefined; loading: boolean; phone: boolean }) {
  const data = props.report;
  // Rows of one unit share a merged unit cell.
  const firstOfUnit = new Set<number>();
  const spans = new Map<number, number>();
  (data?.rows ?? []).forEach((r, i, all) => {
    if (i === 0 || defined(all[i - 1]).unitCode !== r.unitCode) {
      firstOfUnit.add(i);
      spans.set(i, all.filter((x) => x.unitCode === r.unitCode).length);
    }
  });
  const policyOf = new Map((data?.units ?? []).map((u) => [u.code, u.policyLabel]));

  return (
    <>
      {data?.scopeNote ? (
        <Alert type="info" title={data.scopeNote} style={{ marginBottom: 16 }} />
      ) : null}
      {data ? (
        <Space wrap style={{ marginBottom: 16 }}>
          {data.summary.map((s) => (
            <Tag key={s.floor} color={s.unmet > 0 ? 'red' : s.evaluated > 0 ? 'green' : 'default'}>
              {s.label}：{s.met}/{s.evaluated} 达标
              {s.shortfallFen > 0
                ? `，缺口合计 ${formatYuan(s.shortfallFen, { grouped: true })} 元`
                : ''}
            </Tag>
          ))}
        </Space>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        “平均”口径的底线和实际为人（村、社区）均数；“每人（项）”口径的底线为每人（项）标准、实际为最低一人（项）；缺口为仍需补足的金额合计。
      </Typography.Paragraph>
      {props.phone && data ? <FloorCards report={data} /> : null}
      <Table<FloorRow>
        style={props.phone ? { display: 'none' } : undefined}
        rowKey={(r) => `${r.unitCode}:${r.floor}`}
        size="small"
        bordered
        loading={props.loading}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 1400 }}
        rowClassName={(r) => (r.status === 'unmet' ? 'floor-unmet' : '')}
        expandable={{
          rowExpandable: (r) => r.below.length > 0,
          expandedRowRender: (r) => <BelowTable rows={r.below} />,
        }}
        columns={[
          {
            title: '核算单位',
            dataIndex: 'unitName',
            width: 120,
            fixed: 'left',
            onCell: (_r, i) => ({
              rowSpan: i !== undefined && firstOfUnit.has(i) ? spans.get(i) : 0,
            }),
            render: (name: string, r) => (
              <Tooltip title={`执行政策：${policyOf.get(r.unitCode) ?? ''}`}>{name}</Tooltip>
            ),
          },
          { title: '底线项目', dataIndex: 'label', width: 170, fixed: 'left' },
          {
            title: '结论',
            key: 'status',
            width: 190,
            render: (_: unknown, r) => <Verdict row={r} />,
          },
          {
            title: '口径',
            key: 'kind',
            width: 150,
            render: (_: unknown, r) => (r.kindLabel ? `${r.kindLabel}（${r.per}）` : '——'),
          },
          {
            title: '底线标准（元，平均或每人/项）',
            dataIndex: 'floorFen',
            width: 160,
            align: 'right',
            render: (v: number | null, r) =>
              v === null || r.kind === null ? (
                '——'
              ) : (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {FLOOR_WORD[r.kind]}{' '}
                  </Typography.Text>
                  {formatYuan(v, { grouped: true })}
                </>
              ),
          },
          {
            title: '实际（元，平均或最低）',
            dataIndex: 'actualFen',
            width: 160,
            align: 'right',
            render: (v: number | null, r) =>
              v === null || r.kind === null ? (
                '——'
              ) : (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ACTUAL_WORD[r.kind]}{' '}
                  </Typography.Text>
                  <Typography.Text type={r.status === 'unmet' ? 'danger' : undefined}>
                    {formatYuan(v, { grouped: true })}
                  </Typography.Text>
                </>
              ),
          },
          {
            title: '缺口合计（元）',
            dataIndex: 'shortfallFen',
            width: 130,
            align: 'right',
            render: (v: number, r) =>
              r.status === 'unmet' && v > 0 ? (
                <Typography.Text type="danger" strong data-testid="shortfall">
                  {formatYuan(v, { grouped: true })}
                </Typography.Text>
              ) : r.met === null || r.status === 'unmet' ? (
                '——'
              ) : (
                formatYuan(v, { grouped: true })
              ),
          },
          { title: '计数', dataIndex: 'count', width: 60, align: 'right' },
          {
            title: '参考数据',
            key: 'refs',
            width: 200,
            render: (_: unknown, r) =>
              r.references.length === 0
                ? '——'
                : r.references.map((x) => (
                    <div key={x.key}>
                      <Tooltip title={x.source ?? undefined}>
                        {x.label}：{formatYuan(x.valueFen, { grouped: true })} 元
                      </Tooltip>
                    </div>
                  )),
          },
          {
            title: '政策依据（来源文件）',
            key: 'basis',
            width: 260,
            render: (_: unknown, r) =>
              r.basis.length === 0
                ? '——'
                : r.basis.map((b) => (
                    <div key={b.key}>
                      <Tooltip
                        title={`${b.label} = ${String(b.value)}（${POLICY_UNIT_LABELS[b.unit]}）${b.sourceTitle ? `；${b.sourceTitle}` : ''}`}
                      >
                        {b.source}
                      </Tooltip>
                    </div>
                  )),
          },
          { title: '说明', dataIndex: 'note', width: 260, render: (n: string | null) => n ?? '' },
        ]}
      />
      <style>{'.floor-unmet td, .floor-unmet-card { background: #fff1f0 !important; }'}</style>
    </>
  );
}

/** Cadres below a basic pay floor (003 §4.3), each with their own gap. */
function BelowTable({ rows }: { rows: BelowCadre[] }) {
  return (
    <Table<BelowCadre>
      rowKey="recordId"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      title={() => `低于底线的干部 ${rows.length} 人`}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90 },
        { title: '村（社区）', dataIndex: 'unitName', width: 180 },
        { title: '职务', dataIndex: 'postLabel', width: 160 },
        {
          title: '基本报酬（元）',
          dataIndex: 'basicPayFen',
          align: 'right',
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        {
          title: '底线（元/人）',
          dataIndex: 'floorFen',
          align: 'right',
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        {
          title: '差额（元）',
          dataIndex: 'shortfallFen',
          align: 'right',
          render: (v: number) => (
            <Typography.Text type="danger">{formatYuan(v, { grouped: true })}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// 村（社区）干部基本报酬 (003 §4.3)

function CadrePayTab(props: {
  code: string;
  year: number;
  report: FloorReport | undefined;
  isAdmin: boolean;
  isVillage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<CadrePayItem | 'new' | null>(null);
  const [statOpen, setStatOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);
  const list = useQuery({
    ...trpc.floors.cadrePay.queryOptions({ regionCode: props.code, year: props.year }),
    placeholderData: keepPreviousData,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.floors.cadrePay.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.floors.check.pathKey() }),
    ]);
  const remove = useMutation(
    trpc.floors.deleteCadrePay.mutationOptions({
      onSuccess: () => {
        message.success('已删除');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const importSheet = useMutation(
    trpc.floors.importCadrePay.mutationOptions({
      onSuccess: (r) => {
        if (r.ok) {
          message.success(
            `导入完成：共 ${r.rowCount} 行，新增 ${r.created} 条，更新 ${r.updated} 条（新登记人员 ${r.newPeople} 名）`,
          );
          void refresh();
        } else {
          setImportErrors(r.errors);
        }
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const exportSheet = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.floors.cadrePayTemplate.queryOptions({ regionCode: props.code, year: props.year }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const items = list.data?.items ?? [];
  const short = items.filter((i) => i.met === false);
  const farmer = (props.report?.rows ?? [])
    .flatMap((r) => r.references.filter((x) => x.key === 'farmer_net_income_per_capita'))
    .filter((x, i, all) => all.findIndex((y) => y.valueFen === x.valueFen) === i);

  return (
    <>
      {list.data ? (
        <Typography.Paragraph type="secondary" data-testid="cadre-pay-rules">
          {list.data.rules.join('；')}
          。按每人核算的地区，每名干部的基本报酬均须达到底线，低于底线者逐人列出差额。
        </Typography.Paragraph>
      ) : null}
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增基本报酬记录
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportSheet()}>
          导出填报表
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={importSheet.isPending}
          beforeUpload={(file) => {
            void fileToBase64(file).then((base64) =>
              importSheet.mutate({ regionCode: props.code, year: props.year, base64 }),
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importSheet.isPending}>
            导入填报表
          </Button>
        </Upload>
        {props.isAdmin ? <Button onClick={() => setStatOpen(true)}>录入参考数据</Button> : null}
        <Tag>记录 {items.length} 人</Tag>
        <Tag color={short.length > 0 ? 'red' : 'green'}>
          低于底线 {short.length} 人
          {short.length > 0
            ? `，差额合计 ${formatYuan(
                short.reduce((t, i) => t + (i.shortfallFen ?? 0), 0),
                { grouped: true },
              )} 元`
            : ''}
        </Tag>
        {farmer.map((f) => (
          <Tooltip key={f.valueFen} title={f.source ?? undefined}>
            <Tag color="blue">
              {f.label}：{formatYuan(f.valueFen, { grouped: true })} 元
            </Tag>
          </Tooltip>
        ))}
      </Flex>
      <Table<CadrePayItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人` }}
        rowClassName={(r) => (r.met === false ? 'floor-unmet' : '')}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
          { title: '村（社区）', dataIndex: 'unitName', width: 180 },
          { title: '职务', dataIndex: 'postLabel', width: 170 },
          {
            title: '基本报酬（元/年）',
            dataIndex: 'basicPayFen',
            width: 130,
            align: 'right',
            render: (v: number) => formatYuan(v, { grouped: true }),
          },
          {
            title: '结论',
            key: 'verdict',
            width: 200,
            render: (_: unknown, r) =>
              r.met === null ? (
                <Typography.Text type="secondary">{r.reason ?? '——'}</Typography.Text>
              ) : r.met ? (
                <Tag color="green">达标</Tag>
              ) : (
                <Space size={4} wrap>
                  <Tag color="red">低于底线</Tag>
                  <Typography.Text type="danger">
                    差{' '}
                    {r.shortfallFen === null ? '——' : formatYuan(r.shortfallFen, { grouped: true })}{' '}
                    元
                  </Typography.Text>
                </Space>
              ),
          },
          {
            title: '底线（元/人·年）',
            dataIndex: 'floorFen',
            width: 130,
            align: 'right',
            render: (v: number | null) => (v === null ? '——' : formatYuan(v, { grouped: true })),
          },
          { title: '乡镇（街道）', dataIndex: 'townshipName', width: 130 },
          { title: '备注', dataIndex: 'note', width: 160, render: (n: string | null) => n ?? '' },
          {
            title: '操作',
            key: 'op',
            width: 120,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Popconfirm
                  title={`删除${r.name}的${props.year}年基本报酬记录？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove.mutate({ id: r.id })}
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CadrePayModal
        open={editing !== null}
        record={editing === 'new' ? null : editing}
        regionCode={props.code}
        isVillage={props.isVillage}
        year={props.year}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          void refresh();
        }}
      />
      <Modal
        open={importErrors !== null}
        title="导入未完成：填报表有错误，未写入任何数据"
        width={760}
        onCancel={() => setImportErrors(null)}
        footer={<Button onClick={() => setImportErrors(null)}>知道了</Button>}
      >
        <Typography.Paragraph type="secondary">
          请按下列行号修改后重新导入（共 {importErrors?.length ?? 0} 处）。
        </Typography.Paragraph>
        <Table<ImportError>
          data-testid="import-errors"
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={importErrors ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '—') },
            { title: '列', dataIndex: 'column', width: 110 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      </Modal>
      <StatModal
        open={statOpen}
        year={props.year}
        units={(props.report?.units ?? []).map((u) => ({ value: u.code, label: u.name }))}
        onClose={() => setStatOpen(false)}
        onDone={() => {
          setStatOpen(false);
          void refresh();
        }}
      />
    </>
  );
}

interface CascaderOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CascaderOption[];
}

/** A village or community below `root`, picked level by level (loaded as it opens). */
function VillagePicker(props: { root: string; onChange: (code: string | undefined) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [options, setOptions] = useState<CascaderOption[]>([]);
  const load = (code: string) =>
    queryClient
      .fetchQuery(trpc.region.children.queryOptions({ regionCode: code }))
      .then((rows) =>
        rows.map((r) => ({ value: r.code, label: r.name, isLeaf: r.level === 'village' })),
      );
  useEffect(() => {
    let live = true;
    void load(props.root).then((o) => {
      if (live) setOptions(o);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.root]);
  return (
    <Cascader<CascaderOption>
      aria-label="村（社区）"
      placeholder="选择乡镇（街道）和村（社区）"
      options={options}
      loadData={(path) => {
        const target = defined(path[path.length - 1]);
        void load(target.value).then((kids) => {
          target.children = kids;
          if (kids.length === 0) target.isLeaf = true;
          setOptions((o) => [...o]);
        });
      }}
      onChange={(path) => {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd passes undefined when the selection is cleared
        const last = path?.[path.length - 1];
        props.onChange(typeof last === 'string' && last.slice(9) !== '000' ? last : undefined);
      }}
      style={{ width: '100%' }}
    />
  );
}

interface CadrePayValues {
  village?: string;
  who: 'existing' | 'new';
  personId?: number;
  name?: string;
  gender?: 'male' | 'female';
  post: CadrePost;
  basicPayYuan: number;
  note?: string;
}

function CadrePayModal(props: {
  open: boolean;
  record: CadrePayItem | null;
  regionCode: string;
  isVillage: boolean;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CadrePayValues>();
  const who = Form.useWatch('who', form);
  const picked = Form.useWatch('village', form);
  const village = props.record?.regionCode ?? (props.isVillage ? props.regionCode : picked);
  const [search, setSearch] = useState('');
  const people = useQuery(
    trpc.person.list.queryOptions(
      props.open && !props.record && village && who === 'existing'
        ? { regionCode: village, search: search || undefined, page: 1, pageSize: 30 }
        : skipToken,
    ),
  );
  const save = useMutation(
    trpc.floors.saveCadrePay.mutationOptions({
      onSuccess: () => {
        message.success('已保存');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const record = props.record;
  return (
    <Modal
      title={record ? `修改基本报酬：${record.name}（${record.unitName}）` : '新增基本报酬记录'}
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CadrePayValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          record
            ? {
                who: 'existing',
                post: record.post,
                basicPayYuan: record.basicPayFen / 100,
                note: record.note ?? undefined,
              }
            : { who: 'new', gender: 'male', post: 'secretary' }
        }
        onFinish={(v) => {
          let basicPayFen: number;
          try {
            basicPayFen = yuanToFen(v.basicPayYuan, '基本报酬');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          if (!village) {
            message.error('请选择村（社区）');
            return;
          }
          save.mutate({
            ...(record ? { id: record.id } : {}),
            regionCode: village,
            year: props.year,
            ...(record
              ? {}
              : v.who === 'existing'
                ? { personId: v.personId }
                : { name: v.name, gender: v.gender }),
            post: v.post,
            basicPayFen,
            note: v.note?.trim() || null,
          });
        }}
      >
        <Typography.Paragraph type="secondary">{props.year} 年度</Typography.Paragraph>
        {record || props.isVillage ? null : (
          <Form.Item
            name="village"
            label="村（社区）"
            rules={[{ required: true, message: '请选择村（社区）' }]}
          >
            <VillagePicker
              root={props.regionCode}
              onChange={(c) => form.setFieldValue('village', c)}
            />
          </Form.Item>
        )}
        {record ? null : (
          <>
            <Form.Item name="who" label="人员">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'new', label: '新增人员' },
                  { value: 'existing', label: '选择已登记人员' },
                ]}
              />
            </Form.Item>
            {who === 'existing' ? (
              <Form.Item
                name="personId"
                label="已登记人员"
                rules={[{ required: true, message: '请选择人员' }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  disabled={!village}
                  placeholder={village ? '输入姓名搜索' : '请先选择村（社区）'}
                  loading={people.isFetching}
                  options={(people.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${p.regionName}）`,
                  }))}
                />
              </Form.Item>
            ) : (
              <Flex gap={8} wrap>
                <Form.Item
                  name="name"
                  label="姓名"
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                  style={{ flex: '1 1 160px' }}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name="gender" label="性别" style={{ flex: '0 0 140px' }}>
                  <Radio.Group
                    options={[
                      { value: 'male', label: '男' },
                      { value: 'female', label: '女' },
                    ]}
                  />
                </Form.Item>
              </Flex>
            )}
          </>
        )}
        <Form.Item name="post" label="职务" rules={[{ required: true }]}>
          <Select options={CADRE_POSTS.map((p) => ({ value: p, label: CADRE_POST_LABELS[p] }))} />
        </Form.Item>
        <Form.Item
          name="basicPayYuan"
          label="全年基本报酬"
          rules={[{ required: true, message: '请填写基本报酬' }]}
        >
          <InputNumber<number> {...yuanInputProps} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const STAT_OPTIONS = [
  { value: 'farmer_net_income_per_capita', label: '当地农民人均纯收入' },
  { value: 'rural_labour_avg_income', label: '当地农村劳动力年平均收入' },
  { value: 'average_social_wage', label: '当地社会平均工资' },
  { value: 'hardship_fund_finance', label: '市财政安排的关怀帮扶资金（市级）' },
  { value: 'hardship_fund_dues', label: '市管党费安排的关怀帮扶资金（市级）' },
] as const;
type StatKey = (typeof STAT_OPTIONS)[number]['value'];

interface StatValues {
  regionCode: string;
  key: StatKey;
  valueYuan: number;
  source: string;
}

/** Records a reference figure (e.g. farmers' per-capita net income) for a county-level unit. */
function StatModal(props: {
  open: boolean;
  year: number;
  units: { value: string; label: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<StatValues>();
  const save = useMutation(
    trpc.floors.saveStat.mutationOptions({
      onSuccess: (r) => {
        message.success(`已录入${r.label}`);
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={`录入 ${props.year} 年参考数据`}
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<StatValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          regionCode: props.units[0]?.value,
          key: 'farmer_net_income_per_capita',
        }}
        onFinish={(v) => {
          let valueFen: number;
          try {
            valueFen = yuanToFen(v.valueYuan, '数值');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          save.mutate({
            regionCode: v.regionCode,
            year: props.year,
            key: v.key,
            valueFen,
            source: v.source,
          });
        }}
      >
        <Form.Item
          name="regionCode"
          label="核算单位"
          rules={[{ required: true, message: '请选择核算单位' }]}
        >
          <Select options={props.units} />
        </Form.Item>
        <Form.Item name="key" label="数据项" rules={[{ required: true }]}>
          <Select options={[...STAT_OPTIONS]} />
        </Form.Item>
        <Form.Item
          name="valueYuan"
          label="数值（元/年）"
          rules={[{ required: true, message: '请填写数值' }]}
        >
          <InputNumber<number> {...yuanInputProps} />
        </Form.Item>
        <Form.Item
          name="source"
          label="数据来源"
          rules={[{ required: true, whitespace: true, message: '请填写数据来源，如统计公报' }]}
        >
          <Input maxLength={200} placeholder="如：2026 年国民经济和社会发展统计公报" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// 非公企业和社会组织党费先缴后返 (001 §22)

function DuesTab(props: { code: string; year: number; isAdmin: boolean }) {
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

function EntriesTable(props: {
  entries: DuesEntry[];
  canVoid: boolean;
  onVoid: (entryId: number, reason: string) => void;
}) {
  return (
    <Table<DuesEntry>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={props.entries}
      columns={[
        { title: '日期', dataIndex: 'on', width: 110 },
        { title: '类型', dataIndex: 'kindLabel', width: 70 },
        {
          title: '金额（元）',
          dataIndex: 'amountFen',
          align: 'right',
          width: 120,
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '' },
        {
          title: '操作',
          key: 'op',
          width: 80,
          render: (_: unknown, e) =>
            props.canVoid ? (
              <Popconfirm
                title={`作废这笔${e.kindLabel}（${e.on}，${formatYuan(e.amountFen, { grouped: true })} 元）？`}
                description="作废后不再计入，记录保留。"
                okText="作废"
                cancelText="取消"
                onConfirm={() => props.onVoid(e.id, '录入错误')}
              >
                <Button size="small" danger>
                  作废
                </Button>
              </Popconfirm>
            ) : null,
        },
      ]}
    />
  );
}

interface DuesValues {
  category: 'non_public' | 'social_org';
  orgId?: number;
  direction: 'paid' | 'returned';
  date: string;
  amountYuan: number;
  note?: string;
}

function DuesModal(props: {
  target: { orgId?: number; orgName?: string } | null;
  regionCode: string;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DuesValues>();
  const category = Form.useWatch('category', form);
  const [search, setSearch] = useState('');
  const fixed = props.target?.orgId;
  const orgs = useQuery(
    trpc.org.list.queryOptions(
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
      props.target && fixed === undefined && category
        ? {
            regionCode: props.regionCode,
            category,
            search: search || undefined,
            page: 1,
            pageSize: 30,
          }
        : skipToken,
    ),
  );
  const record = useMutation(
    trpc.dues.record.mutationOptions({
      onSuccess: () => {
        message.success('已登记');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.target?.orgName ? `登记党费：${props.target.orgName}` : '登记党费上缴或返还'}
      open={props.target !== null}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<DuesValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ category: 'non_public', direction: 'returned', date: chinaToday() }}
        onFinish={(v) => {
          let amountFen: number;
          try {
            amountFen = yuanToFen(v.amountYuan, '金额');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          const orgId = fixed ?? v.orgId;
          if (orgId === undefined) {
            message.error('请选择党组织');
            return;
          }
          record.mutate({
            orgId,
            year: props.year,
            direction: v.direction,
            date: v.date,
            amountFen,
            note: v.note?.trim() || null,
          });
        }}
      >
        <Typography.Paragraph type="secondary">{props.year} 年度党费</Typography.Paragraph>
        {fixed === undefined ? (
          <>
            <Form.Item name="category" label="领域">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'non_public', label: '非公企业' },
                  { value: 'social_org', label: '社会组织' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="orgId"
              label="党组织"
              rules={[{ required: true, message: '请选择党组织' }]}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder="输入名称搜索"
                loading={orgs.isFetching}
                options={(orgs.data?.items ?? []).map((o) => ({
                  value: o.id,
                  label: `${o.name}（${o.regionName}）`,
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="direction" label="类型">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'paid', label: '党员党费上缴' },
              { value: 'returned', label: '组织部门返还' },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label="金额"
          rules={[{ required: true, message: '请填写金额' }]}
        >
          <InputNumber<number> {...yuanInputProps} min={0.01} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
