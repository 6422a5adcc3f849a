import type { RouterOutputs } from '@dangjian/api';
import { GRADUATE_POST_LABELS, type GraduatePost } from '@dangjian/domain';
import { defined, errorMessage, RegionTree, useTRPC } from '@dangjian/ui';
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
  Form,
  Grid,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { ExportButton } from './orglife/shared';

type HonoursItem = RouterOutputs['eligibility']['honours']['items'][number];
type HealthItem = RouterOutputs['eligibility']['healthCheck']['items'][number];
type Unit = RouterOutputs['eligibility']['graduateOfficials']['units'][number];
type Official = Unit['officials'][number];

const HEALTH_COLORS: Record<HealthItem['status'], string> = {
  eligible: 'green',
  close: 'orange',
  not_yet: 'default',
  unknown_start: 'red',
};

function Rule(props: { text: string | undefined; policyLabel: string | undefined }) {
  if (!props.text) return null;
  return (
    <Typography.Paragraph type="secondary">
      {props.text}。执行政策：{props.policyLabel}
    </Typography.Paragraph>
  );
}

/**
 * 评先评优与关爱激励 (001 §6, §7, §20, §21): a department's yearly working lists — who may be put
 * forward for honours and nominations, which secretaries get the health check-up, and how far
 * each county is with college-graduate village officials as village secretaries or deputies.
 */
export function EligibilityPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  /** On a phone the region tree scrolls in a short box above the lists. */
  const phone = !Grid.useBreakpoint().md;
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('honours');
  const [honoursFilter, setHonoursFilter] = useState<'all' | 'eligible' | 'ineligible'>('all');
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const code = picked ?? root.data?.code;
  const input = code ? { regionCode: code, year } : skipToken;
  const honours = useQuery({
    ...trpc.eligibility.honours.queryOptions(tab === 'honours' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const health = useQuery({
    ...trpc.eligibility.healthCheck.queryOptions(tab === 'health' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const graduates = useQuery({
    ...trpc.eligibility.graduateOfficials.queryOptions(tab === 'graduates' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const error = honours.error ?? health.error ?? graduates.error;
  const regionName =
    honours.data?.regionName ?? health.data?.regionName ?? graduates.data?.regionName;
  const honoursItems = (honours.data?.items ?? []).filter((i) =>
    honoursFilter === 'all' ? true : (honoursFilter === 'eligible') === i.eligible,
  );

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
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
          <span data-testid="eligibility-title">
            {regionName ? `${regionName} ${year} 年评先评优与关爱激励` : '评先评优与关爱激励'}
          </span>
        }
        extra={
          <Space wrap>
            <Select
              aria-label="年度"
              value={year}
              onChange={setYear}
              options={YEAR_OPTIONS}
              style={{ width: 110 }}
            />
            <ExportButton
              disabled={!code}
              fetch={() =>
                queryClient.fetchQuery(
                  trpc.eligibility.export.queryOptions({ regionCode: defined(code), year }),
                )
              }
            />
          </Space>
        }
      >
        {error ? (
          <Alert type="error" title={errorMessage(error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'honours',
              label: '评先评优和代表推荐',
              children: (
                <>
                  <Rule text={honours.data?.rule} policyLabel={honours.data?.policyLabel} />
                  <Space wrap style={{ marginBottom: 12 }}>
                    {honours.data ? (
                      <Tag color="green" data-testid="honours-eligible">
                        可推荐 {honours.data.eligibleCount} 个
                      </Tag>
                    ) : null}
                    <Segmented
                      value={honoursFilter}
                      onChange={(v) => setHonoursFilter(v as typeof honoursFilter)}
                      options={[
                        { value: 'all', label: '全部' },
                        { value: 'eligible', label: '可推荐' },
                        { value: 'ineligible', label: '不可推荐' },
                      ]}
                    />
                  </Space>
                  <Table<HonoursItem>
                    rowKey="orgId"
                    size="small"
                    loading={honours.isFetching}
                    dataSource={honoursItems}
                    scroll={{ x: true }}
                    pagination={{
                      pageSize: 20,
                      showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个`,
                    }}
                    columns={[
                      { title: '党组织', dataIndex: 'orgName', fixed: 'start' },
                      {
                        title: '结论',
                        dataIndex: 'eligible',
                        render: (e: boolean) =>
                          e ? <Tag color="green">可推荐</Tag> : <Tag>不可推荐</Tag>,
                      },
                      { title: '书记', dataIndex: 'secretaryName' },
                      {
                        title: `${year} 年等次`,
                        dataIndex: 'gradeLabel',
                        render: (g: string | null) => g ?? '未定级',
                      },
                      {
                        title: '原因',
                        dataIndex: 'reasons',
                        render: (r: string[]) => r.join('；'),
                      },
                      { title: '所在区划', dataIndex: 'regionName' },
                      { title: '区县', dataIndex: 'countyName' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'health',
              label: '书记健康体检',
              children: (
                <>
                  <Rule text={health.data?.rule} policyLabel={health.data?.policyLabel} />
                  {health.data ? (
                    <Space wrap style={{ marginBottom: 12 }} data-testid="health-counts">
                      <Tag color="green">符合条件 {health.data.counts.eligible} 人</Tag>
                      <Tag color="orange">接近条件 {health.data.counts.close} 人</Tag>
                      <Tag color="red">任职日期未登记 {health.data.counts.unknownStart} 人</Tag>
                      <Tag>尚不符合 {health.data.counts.notYet} 人</Tag>
                      <Typography.Text type="secondary">截至 {health.data.asOf}</Typography.Text>
                    </Space>
                  ) : null}
                  <Table<HealthItem>
                    rowKey="orgId"
                    size="small"
                    loading={health.isFetching}
                    dataSource={health.data?.items ?? []}
                    scroll={{ x: true }}
                    pagination={{
                      pageSize: 20,
                      showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
                    }}
                    columns={[
                      { title: '书记', dataIndex: 'secretaryName', fixed: 'start' },
                      {
                        title: '状态',
                        dataIndex: 'statusLabel',
                        render: (s: string, i) => <Tag color={HEALTH_COLORS[i.status]}>{s}</Tag>,
                      },
                      {
                        title: '尚缺',
                        dataIndex: 'lacks',
                        render: (l: string[]) => (l.length ? l.join('；') : '——'),
                      },
                      { title: '党组织', dataIndex: 'orgName' },
                      {
                        title: '连续任职起始',
                        dataIndex: 'inOfficeSince',
                        render: (d: string | null) => d ?? '未登记',
                      },
                      { title: '连续任职（年）', dataIndex: 'consecutiveYears', align: 'right' },
                      { title: '定为“好”类（年）', dataIndex: 'goodYears', align: 'right' },
                      { title: '所在区划', dataIndex: 'regionName' },
                      { title: '区县', dataIndex: 'countyName' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'graduates',
              label: '大学生村官任村书记',
              children: (
                <>
                  <Rule text={graduates.data?.rule} policyLabel={graduates.data?.policyLabel} />
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Button type="primary" onClick={() => setEditing('new')} disabled={!code}>
                      登记大学生村官
                    </Button>
                    {graduates.data ? (
                      <Typography.Text type="secondary">截至 {graduates.data.asOf}</Typography.Text>
                    ) : null}
                  </Space>
                  <Table<Unit>
                    rowKey="unitCode"
                    size="small"
                    loading={graduates.isFetching}
                    dataSource={graduates.data?.units ?? []}
                    scroll={{ x: true }}
                    pagination={false}
                    expandable={{
                      rowExpandable: (u) => u.officials.length > 0,
                      expandedRowRender: (u) => (
                        <Table<Official>
                          rowKey="id"
                          size="small"
                          pagination={false}
                          scroll={{ x: true }}
                          dataSource={u.officials}
                          columns={[
                            { title: '姓名', dataIndex: 'name', fixed: 'start' },
                            { title: '说明', dataIndex: 'standing' },
                            {
                              title: '任职',
                              dataIndex: 'postLabel',
                              render: (p: string | null) => p ?? '——',
                            },
                            {
                              title: '任职日期',
                              dataIndex: 'postSince',
                              render: (d: string | null) => d ?? '——',
                            },
                            { title: '所在村（社区）', dataIndex: 'villageName' },
                            { title: '在村任职', dataIndex: 'inVillageSince' },
                            { title: '在村（年）', dataIndex: 'yearsInVillage', align: 'right' },
                            {
                              title: '操作',
                              key: 'op',
                              render: (_: unknown, o) => (
                                <Button size="small" type="link" onClick={() => setEditing(o)}>
                                  修改
                                </Button>
                              ),
                            },
                          ]}
                        />
                      ),
                    }}
                    columns={[
                      { title: '区县（市）', dataIndex: 'unitName', fixed: 'start' },
                      {
                        title: '任书记、副书记（计入）',
                        key: 'count',
                        align: 'right',
                        render: (_: unknown, u) => `${u.qualifying} / ${u.target}`,
                      },
                      {
                        title: '结论',
                        dataIndex: 'met',
                        render: (m: boolean) =>
                          m ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>,
                      },
                      { title: '缺额', dataIndex: 'shortfall', align: 'right' },
                      { title: '可选拔（在村满年限）', dataIndex: 'poolCount', align: 'right' },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <OfficialModal regionCode={code} editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

interface OfficialValues {
  personId: number;
  inVillageSince: string;
  post: GraduatePost | 'none';
  postSince?: string;
  endedOn?: string;
}

/** 登记大学生村官: a person of a village, since when in the village, and any post as secretary or deputy. */
function OfficialModal(props: {
  regionCode: string | undefined;
  editing: Official | 'new' | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OfficialValues>();
  const [search, setSearch] = useState('');
  const post = Form.useWatch('post', form) as string | undefined;
  const editing = props.editing === 'new' ? null : props.editing;
  const people = useQuery({
    ...trpc.person.list.queryOptions(
      props.editing === 'new' && props.regionCode
        ? { regionCode: props.regionCode, search: search || undefined, page: 1, pageSize: 30 }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const save = useMutation(
    trpc.eligibility.saveGraduateOfficial.mutationOptions({
      onSuccess: () => {
        message.success('已保存');
        void queryClient.invalidateQueries({ queryKey: trpc.eligibility.pathKey() });
        props.onClose();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={editing ? `修改大学生村官：${editing.name}` : '登记大学生村官'}
      open={props.editing !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<OfficialValues>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                personId: editing.personId,
                inVillageSince: editing.inVillageSince,
                post: editing.post ?? 'none',
                postSince: editing.postSince ?? undefined,
              }
            : { post: 'none' }
        }
        onFinish={(v) =>
          save.mutate({
            id: editing?.id,
            personId: v.personId,
            inVillageSince: v.inVillageSince,
            post: v.post === 'none' ? null : v.post,
            postSince: v.post === 'none' || !v.postSince ? null : v.postSince,
            endedOn: v.endedOn ? v.endedOn : null,
          })
        }
      >
        <Form.Item
          name="personId"
          label="人员（所在村、社区）"
          rules={[{ required: true, message: '请选择人员' }]}
        >
          <Select
            disabled={editing !== null}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入姓名搜索"
            loading={people.isFetching}
            options={
              editing
                ? [{ value: editing.personId, label: `${editing.name}（${editing.villageName}）` }]
                : (people.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${p.regionName}）`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item
          name="inVillageSince"
          label="在村任职日期"
          rules={[{ required: true, message: '请填写在村任职日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="post" label="担任村党组织职务">
          <Select
            options={[
              { value: 'none', label: '未担任书记、副书记' },
              ...Object.entries(GRADUATE_POST_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </Form.Item>
        {post && post !== 'none' ? (
          <Form.Item
            name="postSince"
            label="任职日期"
            rules={[{ required: true, message: '请填写任职日期' }]}
          >
            <Input type="date" />
          </Form.Item>
        ) : null}
        {editing ? (
          <Form.Item name="endedOn" label="离开村任职日期（仍在村不填）">
            <Input type="date" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
