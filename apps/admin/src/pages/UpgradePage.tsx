import type { RouterOutputs } from '@dangjian/api';
import {
  DISPATCH_MODE_LABELS,
  DISPATCH_STATUS_LABELS,
  type DispatchStatus,
} from '@dangjian/domain';
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
  Checkbox,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { chinaToday } from './orglife/shared';

type Line = RouterOutputs['upgrade']['report']['lines'][number];
type DispatchItem = RouterOutputs['upgrade']['dispatch']['items'][number];
type SanctionItem = RouterOutputs['upgrade']['sanctions']['items'][number];
type Kind = DispatchItem['needs'];

const STATUS_COLORS: Record<DispatchStatus, string> = {
  met: 'green',
  missing: 'orange',
  wrong_kind: 'red',
  no_leader: 'red',
};

/** A rule sentence with its citation (from the policy in force). */
function Rule(props: { rule: { text: string; citation: string } | undefined; prefix?: string }) {
  if (!props.rule) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="upgrade-rule">
      {props.prefix}
      {props.rule.text}（{props.rule.citation}）。
    </Typography.Paragraph>
  );
}

/** 晋位升级 (001 §9): target table, dispatch list with its records, sanction list for a region and year. */
export function UpgradePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  /** On a phone the region tree scrolls in a short box above the lists. */
  const phone = !Grid.useBreakpoint().md;
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('targets');
  const [status, setStatus] = useState<DispatchStatus | undefined>();
  const [recording, setRecording] = useState<DispatchItem | null>(null);
  const code = picked ?? root.data?.code;
  const input = code ? { regionCode: code, year } : skipToken;
  const report = useQuery({
    ...trpc.upgrade.report.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const dispatch = useQuery({
    ...trpc.upgrade.dispatch.queryOptions(tab === 'dispatch' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const sanctions = useQuery({
    ...trpc.upgrade.sanctions.queryOptions(tab === 'sanctions' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const error = report.error ?? dispatch.error ?? sanctions.error;
  const items = (dispatch.data?.items ?? []).filter((i) => !status || i.statusCode === status);

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
          <span data-testid="upgrade-title">
            {report.data ? `${report.data.regionName} ${report.data.year} 年晋位升级` : '晋位升级'}
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
        {error ? (
          <Alert type="error" title={errorMessage(error)} style={{ marginBottom: 16 }} />
        ) : null}
        {report.data ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            执行政策：<span data-testid="upgrade-policy">{report.data.policyLabel}</span>
          </Typography.Paragraph>
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'targets',
              label: '目标完成情况',
              children: (
                <>
                  <Rule rule={report.data?.rule} prefix={`以 ${year - 1} 年定级为基数：`} />
                  <Table<Line>
                    rowKey="grade"
                    size="middle"
                    loading={report.isFetching}
                    dataSource={report.data?.lines ?? []}
                    pagination={false}
                    scroll={{ x: true }}
                    columns={[
                      {
                        title: `${year - 1} 年等次`,
                        dataIndex: 'label',
                        fixed: 'start',
                        render: (l: string) => `“${l}”类`,
                      },
                      {
                        title: '完成率',
                        key: 'rate',
                        align: 'right',
                        render: (_: unknown, l) => (
                          <Typography.Text type={l.met === false ? 'danger' : undefined} strong>
                            {l.rate.percent === null ? '——' : `${l.rate.percent.toFixed(2)}%`}（
                            {l.achieved}/{l.orgCount}）
                          </Typography.Text>
                        ),
                      },
                      {
                        title: '目标',
                        dataIndex: 'targetPercent',
                        align: 'right',
                        render: (t: number) => `${t}%`,
                      },
                      {
                        title: '结论',
                        dataIndex: 'met',
                        render: (m: boolean | null) =>
                          m === null ? (
                            <Tag>无对象</Tag>
                          ) : m ? (
                            <Tag color="green">达标</Tag>
                          ) : (
                            <Tag color="red">未达标</Tag>
                          ),
                      },
                      { title: '党组织数', dataIndex: 'orgCount', align: 'right' },
                      { title: '晋位', dataIndex: 'up', align: 'right' },
                      { title: '保持', dataIndex: 'same', align: 'right' },
                      { title: '降级', dataIndex: 'down', align: 'right' },
                      { title: '本年未定级', dataIndex: 'notGraded', align: 'right' },
                      {
                        title: '考核口径',
                        dataIndex: 'measure',
                        render: (m: Line['measure']) => (m === 'retain' ? '巩固率' : '晋位升级率'),
                      },
                      { title: '达标所需', dataIndex: 'required', align: 'right' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'dispatch',
              label: '选派名单',
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    {(dispatch.data?.needed ?? []).map((n) => (
                      <Tag key={n.kind} color={n.met === n.count ? 'green' : 'blue'}>
                        “{n.gradeLabel}”类 → {n.kindLabel}：已选派 {n.met} / {n.count} 个
                      </Tag>
                    ))}
                  </Space>
                  <Rule
                    rule={dispatch.data?.rule}
                    prefix={`按 ${year - 1} 年定级确定 ${year} 年选派，`}
                  />
                  {dispatch.data ? (
                    <Typography.Paragraph type="secondary">
                      按 {dispatch.data.asOf} 在岗的选派干部核对。
                    </Typography.Paragraph>
                  ) : null}
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Select<DispatchStatus>
                      aria-label="选派状态"
                      allowClear
                      placeholder="选派状态"
                      style={{ width: 220 }}
                      value={status}
                      onChange={setStatus}
                      options={Object.entries(DISPATCH_STATUS_LABELS).map(([value, label]) => ({
                        value: value as DispatchStatus,
                        label,
                      }))}
                    />
                  </Space>
                  <Table<DispatchItem>
                    rowKey="orgId"
                    size="small"
                    loading={dispatch.isFetching}
                    dataSource={items}
                    scroll={{ x: true }}
                    pagination={{
                      pageSize: 20,
                      showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个`,
                    }}
                    columns={[
                      { title: '党组织', dataIndex: 'orgName', fixed: 'start' },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        render: (s: string, i) => (
                          <Tag color={STATUS_COLORS[i.statusCode]}>{s}</Tag>
                        ),
                      },
                      {
                        title: '操作',
                        key: 'op',
                        render: (_: unknown, i) => (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => setRecording(i)}
                            aria-label={`登记选派：${i.orgName}`}
                          >
                            登记选派
                          </Button>
                        ),
                      },
                      { title: `${year - 1} 年等次`, dataIndex: 'gradeLabel' },
                      { title: '应选派', dataIndex: 'needsLabel' },
                      {
                        title: '驻联干部',
                        key: 'cadres',
                        render: (_: unknown, i) =>
                          i.cadres.length === 0
                            ? '——'
                            : i.cadres.map((c) => `${c.cadreName}（${c.roleLabel}）`).join('、'),
                      },
                      { title: '书记', dataIndex: 'secretaryName' },
                      { title: '所在区划', dataIndex: 'regionName' },
                      { title: '区县', dataIndex: 'countyName' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'sanctions',
              label: '不得提拔重用和评先评优名单',
              children: (
                <Table<SanctionItem>
                  rowKey="key"
                  size="small"
                  loading={sanctions.isFetching}
                  dataSource={sanctions.data?.items ?? []}
                  scroll={{ x: true }}
                  pagination={{
                    pageSize: 20,
                    showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
                  }}
                  columns={[
                    { title: '姓名', dataIndex: 'personName', width: 100, fixed: 'start' },
                    { title: '身份', dataIndex: 'roleLabel', width: 150 },
                    { title: '党组织', dataIndex: 'orgName' },
                    { title: `等次（${year - 1} → ${year}）`, dataIndex: 'grades', width: 140 },
                    { title: '派出单位', dataIndex: 'unit', width: 140 },
                    { title: '所在区划', dataIndex: 'regionName', width: 140 },
                    { title: '区县', dataIndex: 'countyName', width: 100 },
                    { title: '原因', dataIndex: 'reasonLabel' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <DispatchModal
        item={recording}
        year={year}
        onClose={() => setRecording(null)}
        onChanged={() => void queryClient.invalidateQueries({ queryKey: trpc.upgrade.pathKey() })}
      />
    </div>
  );
}

interface DispatchValues {
  kind: Kind;
  cadreName: string;
  unit: string;
  post?: string;
  leader?: boolean;
  firstSecretary?: boolean;
  fromDate: string;
  toDate?: string;
}

/** 登记选派: the cadres recorded for one org and year, ending one, adding one. */
function DispatchModal(props: {
  item: DispatchItem | null;
  year: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DispatchValues>();
  const item = props.item;
  const kind = Form.useWatch('kind', form);
  const leader = Form.useWatch('leader', form);
  const listInput = item ? { orgId: item.orgId, year: props.year } : skipToken;
  const cadres = useQuery(trpc.upgrade.dispatches.queryOptions(listInput));
  const refresh = () => {
    props.onChanged();
    void queryClient.invalidateQueries({ queryKey: trpc.upgrade.dispatches.pathKey() });
  };
  const save = useMutation(
    trpc.upgrade.saveDispatch.mutationOptions({
      onSuccess: () => {
        message.success('已登记选派');
        form.resetFields(['cadreName', 'post', 'leader', 'firstSecretary', 'toDate']);
        refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const end = useMutation(
    trpc.upgrade.endDispatch.mutationOptions({
      onSuccess: () => {
        message.success('已登记离任');
        refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const today = chinaToday();
  const yearStart = `${props.year}-01-01`;
  const defaultFrom = today.startsWith(String(props.year)) ? today : yearStart;
  return (
    <Modal
      title={item ? `登记选派：${item.orgName}` : '登记选派'}
      open={item !== null}
      onCancel={props.onClose}
      okText="保存"
      cancelText="关闭"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {item ? (
        <Typography.Paragraph type="secondary">
          {props.year - 1} 年定为“{item.gradeLabel}”类，应选派：{item.needsLabel}。
        </Typography.Paragraph>
      ) : null}
      <List
        size="small"
        header={`${props.year} 年已登记的驻联干部`}
        loading={cadres.isFetching}
        dataSource={cadres.data?.items ?? []}
        locale={{ emptyText: '尚未登记' }}
        renderItem={(c) => (
          <List.Item
            actions={
              c.toDate === null
                ? [
                    <Popconfirm
                      key="end"
                      title={`登记${c.cadreName}于今天（${today}）离任？`}
                      okText="离任"
                      cancelText="取消"
                      onConfirm={() => end.mutate({ dispatchId: c.id, toDate: today })}
                    >
                      <Button size="small" type="link" danger>
                        离任
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${c.cadreName}（${c.roleLabel}）`}
              description={`${c.kindLabel}；${c.unit}${c.post ? ` ${c.post}` : ''}；${c.fromDate} 至 ${c.toDate ?? '今'}`}
            />
          </List.Item>
        )}
        style={{ marginBottom: 16 }}
      />
      <Form<DispatchValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: item?.needs, fromDate: defaultFrom }}
        onFinish={(v) =>
          item &&
          save.mutate({
            orgId: item.orgId,
            year: props.year,
            kind: v.kind,
            cadreName: v.cadreName,
            unit: v.unit,
            post: v.post?.trim() ? v.post.trim() : null,
            leader: v.kind === 'work_team' && v.leader === true,
            firstSecretary:
              v.kind === 'first_secretary' ||
              (v.kind === 'work_team' && v.leader === true) ||
              v.firstSecretary === true,
            fromDate: v.fromDate,
            toDate: v.toDate ? v.toDate : null,
          })
        }
      >
        <Form.Item name="kind" label="选派方式" rules={[{ required: true }]}>
          <Select
            options={(['work_team', 'first_secretary', 'township_contact'] as const).map((k) => ({
              value: k,
              label: DISPATCH_MODE_LABELS[k],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="cadreName"
          label="干部姓名"
          rules={[{ required: true, whitespace: true, message: '请填写干部姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="unit"
          label="派出单位"
          rules={[{ required: true, whitespace: true, message: '请填写派出单位' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="post" label="职务">
          <Input maxLength={50} />
        </Form.Item>
        {kind === 'work_team' ? (
          <Form.Item name="leader" valuePropName="checked">
            <Checkbox>工作组组长（担任第一书记）</Checkbox>
          </Form.Item>
        ) : null}
        {kind === 'township_contact' || (kind === 'work_team' && !leader) ? (
          <Form.Item name="firstSecretary" valuePropName="checked">
            <Checkbox>担任第一书记</Checkbox>
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item name="fromDate" label="到任日期" rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="toDate" label="离任日期（在任不填）">
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
