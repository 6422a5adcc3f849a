import type { RouterOutputs } from '@dangjian/api';
import { GRADE_LABELS, GRADES, type Grade } from '@dangjian/domain';
import { errorMessage, RegionSplit, regionTitle, useTRPC } from '@dangjian/ui';
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
  Breadcrumb,
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  GradingFilters,
  NO_GRADING_FILTERS,
  type GradingFilterValues,
} from './grading/GradingFilters';
import { gradeOptions, gradingColumns, type GradedOrg } from './grading/columns';
import { GRADE_COLORS, GradeTag } from './grading/GradeTag';
import { SheetButtons } from './grading/SheetButtons';

/** 分类定级 (001 §7): grade the orgs of a region for a year, one by one, in bulk or by spreadsheet. */
export function GradingPage() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <RegionSplit selected={regionCode} onSelect={setRegionCode} treeWidth={260}>
      <GradingTable regionCode={regionCode} />
    </RegionSplit>
  );
}

function GradingTable({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [filters, setFilters] = useState<GradingFilterValues>(NO_GRADING_FILTERS);
  const [paging, setPaging] = useState({ page: 1, pageSize: 100 });
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [historyOrg, setHistoryOrg] = useState<number | null>(null);
  // On a desktop the name stays at the left and the actions at the right while the rest scrolls;
  // on a phone nothing is pinned (a pinned name would leave no room for the grade).
  const desktop = Grid.useBreakpoint().lg ?? true;

  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const list = useQuery({
    ...trpc.grading.list.queryOptions(
      code
        ? {
            regionCode: code,
            year,
            search: filters.search || undefined,
            kind: filters.kind,
            category: filters.category,
            ungradedOnly: filters.ungradedOnly,
            ...paging,
          }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.grading.pathKey() });

  const setOne = useMutation(
    trpc.grading.set.mutationOptions({
      onSuccess: async () => {
        message.success('已保存等次');
        await refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  const here = path.data?.at(-1);
  const summary = list.data?.summary;
  const resetPage = () => setPaging((p) => ({ ...p, page: 1 }));
  return (
    <Card
      title={
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
          <span data-testid="grading-title">
            {here ? `${regionTitle(here)} ${year} 年度分类定级` : '分类定级'}
          </span>
        </Space>
      }
      extra={<SheetButtons code={code} year={year} onImported={refresh} />}
    >
      <GradingFilters
        year={year}
        onYear={(y) => {
          setYear(y);
          setSelected([]);
          resetPage();
        }}
        filters={filters}
        onFilters={(patch) => {
          setFilters((f) => ({ ...f, ...patch }));
          resetPage();
        }}
      />
      {summary ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="grading-summary">
          {GRADES.map((g) => (
            <Tag key={g} color={GRADE_COLORS[g]}>
              {GRADE_LABELS[g]} {summary[g]}
            </Tag>
          ))}
          <Tag>未定级 {summary.ungraded}</Tag>
        </Space>
      ) : null}
      {selected.length > 0 ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          title={
            <Space>
              <span>已选 {selected.length} 个党组织</span>
              <Button type="primary" size="small" onClick={() => setBulkOpen(true)}>
                批量定级
              </Button>
              <Button size="small" onClick={() => setSelected([])}>
                取消选择
              </Button>
            </Space>
          }
        />
      ) : null}
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<GradedOrg>
        rowKey="id"
        size="middle"
        loading={list.isFetching || setOne.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys.map(Number)),
          fixed: desktop,
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 个`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        // Key columns first: name, this year's grade and its reason are visible at 1440 px
        // without scrolling; the region, type and field follow.
        columns={gradingColumns({
          desktop,
          onGrade: (o, grade) =>
            setOne.mutate({ orgId: o.id, year, grade, reason: o.reason ?? undefined }),
          onHistory: (o) => setHistoryOrg(o.id),
        })}
      />
      {code ? (
        <BulkGradeModal
          open={bulkOpen}
          regionCode={code}
          year={year}
          orgIds={selected}
          onClose={(done) => {
            setBulkOpen(false);
            if (done) setSelected([]);
          }}
        />
      ) : null}
      <HistoryDrawer orgId={historyOrg} onClose={() => setHistoryOrg(null)} />
    </Card>
  );
}

function BulkGradeModal(props: {
  open: boolean;
  regionCode: string;
  year: number;
  orgIds: number[];
  onClose: (done: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ grade: Grade; reason: string }>();
  const bulk = useMutation(
    trpc.grading.bulkSet.mutationOptions({
      onSuccess: async (r) => {
        message.success(
          `已为 ${r.changed} 个党组织定级${r.unchanged > 0 ? `（${r.unchanged} 个原已是该等次）` : ''}`,
        );
        form.resetFields();
        await queryClient.invalidateQueries({ queryKey: trpc.grading.pathKey() });
        props.onClose(true);
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      open={props.open}
      title={`批量定级：${props.year} 年度，已选 ${props.orgIds.length} 个党组织`}
      okText="确定定级"
      confirmLoading={bulk.isPending}
      onCancel={() => props.onClose(false)}
      onOk={() => {
        void form.validateFields().then((v) =>
          bulk.mutate({
            regionCode: props.regionCode,
            year: props.year,
            grade: v.grade,
            reason: v.reason,
            orgIds: props.orgIds,
          }),
        );
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="grade" label="等次" rules={[{ required: true, message: '请选择等次' }]}>
          <Select<Grade> options={gradeOptions} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '批量定级须填写理由' },
            { max: 500, message: '理由不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：经年度考核和党员群众评议" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryDrawer({ orgId, onClose }: { orgId: number | null; onClose: () => void }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.grading.history.queryOptions(orgId ? { orgId } : skipToken));
  type Row = RouterOutputs['grading']['history']['rows'][number];
  return (
    <Drawer
      open={orgId !== null}
      onClose={onClose}
      size={720}
      title={history.data ? `定级历史：${history.data.org.name}` : '定级历史'}
    >
      {history.error ? <Alert type="error" title={errorMessage(history.error)} /> : null}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={history.isFetching}
        dataSource={history.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          {
            title: '等次',
            dataIndex: 'grade',
            width: 80,
            render: (g: Grade) => <GradeTag grade={g} />,
          },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          {
            title: '定级人',
            key: 'by',
            width: 150,
            render: (_: unknown, r: Row) =>
              r.gradedByName ?? (r.gradedBy ? `上级用户（编号 ${r.gradedBy}）` : '—'),
          },
          {
            title: '定级时间',
            dataIndex: 'gradedAt',
            width: 150,
            render: (d: Date) => d.toLocaleString('zh-CN'),
          },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_: unknown, r: Row) =>
              r.supersededAt ? (
                <Typography.Text type="secondary">
                  已更正（{r.supersededAt.toLocaleDateString('zh-CN')}）
                </Typography.Text>
              ) : (
                <Tag color="green">当前</Tag>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
