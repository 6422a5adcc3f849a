import type { RouterOutputs } from '@dangjian/api';
import {
  MEMBER_DEV_STAGE_LABELS,
  MEMBER_DEV_STAGES,
  type EducationLevel,
  type MemberDevStage,
} from '@dangjian/domain';
import {
  errorMessage,
  FilterBar,
  useCurrentUser,
  useRegion,
  useTRPC,
  YEAR_OPTIONS,
} from '@dangjian/ui';
import { PlusOutlined } from '@ant-design/icons';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, PersonFields, RegionLayout } from './orglife/shared';

type Overview = RouterOutputs['development']['overview'];
type Unit = Overview['quota']['units'][number];
type Structure = Overview['structure'][number];
type Stagnant = Overview['stagnant'][number];
type Candidate = RouterOutputs['development']['candidates']['items'][number];

function percent(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/** 发展党员 (001 §11): plan, rural structure, the two-year rule, pre-filing, and the ledger. */
export function DevelopmentPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'city_admin' || user.role === 'county_admin';
  const { code, setCode } = useRegion();
  const [year, setYear] = useState(YEAR_OPTIONS[0]!.value);
  const [tab, setTab] = useState('quota');
  const [stage, setStage] = useState<MemberDevStage | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [quotaFor, setQuotaFor] = useState<Unit | null>(null);
  const [advancing, setAdvancing] = useState<Candidate | null>(null);
  const [adding, setAdding] = useState(false);
  const input = code ? { regionCode: code, year } : undefined;
  const overview = useQuery({
    ...trpc.development.overview.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const candidates = useQuery({
    ...trpc.development.candidates.queryOptions(
      code && tab === 'ledger'
        ? { regionCode: code, stage, search: search || undefined, page, pageSize: 20 }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.development.pathKey() });
  const onError = (e: unknown) => message.error(errorMessage(e));
  const report = useMutation(
    trpc.development.reportExcess.mutationOptions({
      onSuccess: () => {
        message.success('已登记超计划报告');
        void refresh();
      },
      onError,
    }),
  );
  const preFile = useMutation(
    trpc.development.preFile.mutationOptions({
      onSuccess: () => {
        message.success('已登记备案');
        void refresh();
      },
      onError,
    }),
  );
  const data = overview.data;

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="development-title"
      title={data ? `${data.regionName} ${data.year} 年发展党员` : '发展党员'}
      error={overview.error ?? candidates.error}
      year={{ value: year, onChange: setYear }}
      exportQuery={input ? trpc.development.export.queryOptions(input) : undefined}
      actions={
        <>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!code}>
            登记入党申请人
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary" data-testid="development-rule">
        {data ? `${data.rules.all}。执行政策：${data.policyLabel}。` : null}
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="development-summary">
          <Tag>已发展 {data.admitted} 名</Tag>
          <Tag color={data.quota.violations.length > 0 ? 'red' : 'green'}>
            超计划未报告 {data.quota.violations.length} 个单位
          </Tag>
          <Tag color={data.stagnant.length > 0 ? 'orange' : 'green'}>
            连续{data.stagnantYearsWord}年未发展等 {data.stagnant.length} 个村
          </Tag>
          <Tag color={data.preFiling.length > 0 ? 'orange' : 'green'}>
            待备案 {data.preFiling.length} 人
          </Tag>
        </Space>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'quota',
            label: '计划执行',
            children: (
              <Table<Unit>
                rowKey="id"
                size="small"
                loading={overview.isFetching}
                dataSource={data?.quota.units ?? []}
                pagination={false}
                columns={[
                  { title: '控制单位', dataIndex: 'name' },
                  { title: '类别', dataIndex: 'kindLabel', width: 90 },
                  {
                    title: '年度计划',
                    key: 'quota',
                    width: 100,
                    align: 'right',
                    render: (_: unknown, u) => (u.planned ? u.quota : <Tag>未下达</Tag>),
                  },
                  { title: '已发展', dataIndex: 'developed', width: 90, align: 'right' },
                  {
                    title: '超计划',
                    dataIndex: 'excess',
                    width: 90,
                    align: 'right',
                    render: (n: number) => (n > 0 ? n : ''),
                  },
                  {
                    title: '结论',
                    key: 'status',
                    width: 150,
                    render: (_: unknown, u) =>
                      u.unreportedExcess ? (
                        <Tag color="red">超计划未报告</Tag>
                      ) : u.mustReport ? (
                        <Tag color="orange">已报告（{u.excessReportedOn}）</Tag>
                      ) : (
                        <Tag color="green">计划内</Tag>
                      ),
                  },
                  {
                    title: '操作',
                    key: 'op',
                    width: 190,
                    render: (_: unknown, u) => (
                      <Space>
                        {user.role === 'city_admin' ? (
                          <Button size="small" onClick={() => setQuotaFor(u)}>
                            下达计划
                          </Button>
                        ) : null}
                        {admin && u.unreportedExcess ? (
                          <Button
                            size="small"
                            loading={report.isPending}
                            onClick={() =>
                              report.mutate({ unitId: u.id, year, excessReportedOn: chinaToday() })
                            }
                          >
                            登记已报告
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'structure',
            label: '农村新党员结构',
            children: (
              <Table<Structure>
                rowKey="countyCode"
                size="small"
                loading={overview.isFetching}
                dataSource={data?.structure ?? []}
                pagination={false}
                columns={[
                  { title: '区县', dataIndex: 'countyName' },
                  { title: '新发展农村党员', dataIndex: 'total', align: 'right' },
                  {
                    title: data ? `${data.youngMaxAge} 岁以下` : '青年党员',
                    key: 'young',
                    align: 'right',
                    render: (_: unknown, s) => (
                      <Typography.Text type={s.youngMet ? undefined : 'danger'}>
                        {percent(s.young.percent)}（{s.young.numerator}/{s.young.denominator}）
                      </Typography.Text>
                    ),
                  },
                  {
                    title: '高中以上',
                    key: 'edu',
                    align: 'right',
                    render: (_: unknown, s) => (
                      <Typography.Text type={s.educationMet ? undefined : 'danger'}>
                        {percent(s.highSchoolOrAbove.percent)}（{s.highSchoolOrAbove.numerator}/
                        {s.highSchoolOrAbove.denominator}）
                      </Typography.Text>
                    ),
                  },
                  {
                    title: '须事前备案',
                    key: 'need',
                    align: 'right',
                    render: (_: unknown, s) => s.needPreFiling.length,
                  },
                  {
                    title: '未事前备案',
                    key: 'not',
                    align: 'right',
                    render: (_: unknown, s) =>
                      s.notPreFiled.length > 0 ? <Tag color="red">{s.notPreFiled.length}</Tag> : 0,
                  },
                ]}
              />
            ),
          },
          {
            key: 'stagnant',
            label: data ? `连续${data.stagnantYearsWord}年未发展的村` : '连续未发展党员的村',
            children: (
              <Table<Stagnant>
                rowKey="orgId"
                size="small"
                loading={overview.isFetching}
                dataSource={data?.stagnant ?? []}
                pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个` }}
                columns={[
                  { title: '党组织', dataIndex: 'orgName' },
                  { title: '乡镇（街道）', dataIndex: 'townshipName', width: 120 },
                  { title: '书记', dataIndex: 'secretaryName', width: 90 },
                  {
                    title: '此前连续未发展',
                    dataIndex: 'streakBeforeYear',
                    width: 120,
                    align: 'right',
                    render: (n: number) => `${n} 年`,
                  },
                  {
                    title: '今年',
                    key: 'year',
                    width: 170,
                    render: (_: unknown, s) =>
                      !s.mustDevelopThisYear ? (
                        `已发展 ${s.developedThisYear} 名`
                      ) : s.obligationMet ? (
                        <Tag color="green">已发展 {s.developedThisYear} 名</Tag>
                      ) : (
                        <Tag color="red">须至少发展一名</Tag>
                      ),
                  },
                  {
                    title: '书记提名',
                    key: 'bar',
                    width: 190,
                    render: (_: unknown, s) =>
                      s.secretaryNominationBarred ? (
                        <Tag color="red">不得提名为下届书记候选人</Tag>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'prefiling',
            label: '待备案',
            children: (
              <Table<Overview['preFiling'][number]>
                rowKey="id"
                size="small"
                loading={overview.isFetching}
                dataSource={data?.preFiling ?? []}
                pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }}
                columns={[
                  { title: '姓名', dataIndex: 'name', width: 100 },
                  { title: '年龄', dataIndex: 'age', width: 70, align: 'right' },
                  { title: '文化程度', dataIndex: 'educationLabel', width: 110 },
                  { title: '阶段', dataIndex: 'stageLabel', width: 110 },
                  { title: '党组织', dataIndex: 'orgName' },
                  {
                    title: '备案原因',
                    key: 'why',
                    render: (_: unknown, c) => c.preFilingReasons.join('、'),
                  },
                  {
                    title: '操作',
                    key: 'op',
                    width: 120,
                    render: (_: unknown, c) =>
                      admin ? (
                        <Button
                          size="small"
                          onClick={() =>
                            preFile.mutate({ candidateId: c.id, preFiledOn: chinaToday() })
                          }
                        >
                          登记已备案
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'ledger',
            label: '发展党员台账',
            children: (
              <>
                <FilterBar>
                  <Select<MemberDevStage>
                    aria-label="发展阶段"
                    allowClear
                    placeholder="发展阶段"
                    style={{ width: 150 }}
                    value={stage}
                    onChange={(s) => {
                      setStage(s);
                      setPage(1);
                    }}
                    options={MEMBER_DEV_STAGES.map((s) => ({
                      value: s,
                      label: MEMBER_DEV_STAGE_LABELS[s],
                    }))}
                  />
                  <Input.Search
                    allowClear
                    placeholder="姓名"
                    style={{ width: 180 }}
                    onSearch={(s) => {
                      setSearch(s);
                      setPage(1);
                    }}
                  />
                </FilterBar>
                <Table<Candidate>
                  rowKey="id"
                  size="small"
                  loading={candidates.isFetching}
                  dataSource={candidates.data?.items ?? []}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: candidates.data?.total ?? 0,
                    onChange: setPage,
                    showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
                  }}
                  columns={[
                    { title: '姓名', dataIndex: 'name', width: 90 },
                    { title: '年龄', dataIndex: 'age', width: 60, align: 'right' },
                    { title: '文化程度', dataIndex: 'educationLabel', width: 100 },
                    { title: '阶段', dataIndex: 'stageLabel', width: 100 },
                    { title: '日期', dataIndex: 'stageSince', width: 110 },
                    { title: '党组织', dataIndex: 'orgName' },
                    {
                      title: '备案',
                      key: 'filing',
                      width: 140,
                      render: (_: unknown, c) =>
                        c.preFilingReasons.length === 0 ? null : c.preFiledOn ? (
                          `已备案 ${c.preFiledOn}`
                        ) : (
                          <Tag color="orange">须备案（{c.preFilingReasons.join('、')}）</Tag>
                        ),
                    },
                    {
                      title: '操作',
                      key: 'op',
                      width: 120,
                      render: (_: unknown, c) =>
                        c.stage === 'full' ? null : (
                          <Button size="small" onClick={() => setAdvancing(c)}>
                            转下一阶段
                          </Button>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <QuotaModal
        unit={quotaFor}
        year={year}
        onClose={() => setQuotaFor(null)}
        onDone={() => {
          setQuotaFor(null);
          void refresh();
        }}
      />
      <AdvanceModal
        candidate={advancing}
        onClose={() => setAdvancing(null)}
        onDone={() => {
          setAdvancing(null);
          void refresh();
        }}
      />
      {code ? (
        <AddCandidateModal
          open={adding}
          regionCode={code}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void refresh();
          }}
        />
      ) : null}
    </RegionLayout>
  );
}

function QuotaModal(props: {
  unit: Unit | null;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [quota, setQuota] = useState<number | null>(null);
  const save = useMutation(
    trpc.development.setQuota.mutationOptions({
      onSuccess: () => {
        message.success('已下达发展计划');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.unit ? `下达 ${props.year} 年发展计划：${props.unit.name}` : '下达发展计划'}
      open={props.unit !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => save.mutate({ unitId: props.unit!.id, year: props.year, quota: quota ?? 0 })}
      destroyOnHidden
    >
      <InputNumber
        aria-label="年度发展计划（人）"
        min={0}
        defaultValue={props.unit?.planned ? props.unit.quota : undefined}
        onChange={(v) => setQuota(v)}
        addonAfter="人"
      />
    </Modal>
  );
}

function AdvanceModal(props: {
  candidate: Candidate | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [on, setOn] = useState(chinaToday());
  const c = props.candidate;
  const next = c ? MEMBER_DEV_STAGES[MEMBER_DEV_STAGES.indexOf(c.stage) + 1] : undefined;
  const advance = useMutation(
    trpc.development.advance.mutationOptions({
      onSuccess: () => {
        message.success('已转入下一阶段');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={
        c && next ? `${c.name}：${c.stageLabel} → ${MEMBER_DEV_STAGE_LABELS[next]}` : '转下一阶段'
      }
      open={c !== null}
      onCancel={props.onClose}
      okText="确认"
      confirmLoading={advance.isPending}
      onOk={() => c && next && advance.mutate({ candidateId: c.id, stage: next, on })}
      destroyOnHidden
    >
      <Space orientation="vertical">
        {c && next === 'probationary' && c.preFilingReasons.length > 0 ? (
          <Typography.Text type="warning">
            该发展对象属于{c.preFilingReasons.join('、')}
            的农村党员，须事前报市委组织部备案后方可接收。
          </Typography.Text>
        ) : null}
        <Input aria-label="日期" type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </Space>
    </Modal>
  );
}

interface CandidateValues {
  orgId: number;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: EducationLevel;
  appliedOn: string;
}

function AddCandidateModal(props: {
  open: boolean;
  regionCode: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CandidateValues>();
  const [search, setSearch] = useState('');
  const orgs = useQuery({
    ...trpc.org.list.queryOptions({
      regionCode: props.regionCode,
      search: search || undefined,
      page: 1,
      pageSize: 30,
    }),
    enabled: props.open,
    placeholderData: keepPreviousData,
  });
  const add = useMutation(
    trpc.development.addCandidate.mutationOptions({
      onSuccess: () => {
        message.success('已登记入党申请人');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title="登记入党申请人"
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CandidateValues>
        form={form}
        layout="vertical"
        initialValues={{ gender: 'male', education: 'high_school', appliedOn: chinaToday() }}
        onFinish={(v) => add.mutate(v)}
      >
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
        <PersonFields />
        <Form.Item name="appliedOn" label="入党申请日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
