import type { RouterOutputs } from '@dangjian/api';
import type { EducationLevel } from '@dangjian/domain';
import { defined, errorMessage, FilterBar, listPagination, useRegion, useTRPC } from '@dangjian/ui';
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
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, PersonFields, RegionLayout } from './orglife/shared';

type Village = RouterOutputs['reserves']['villages']['items'][number];
type Young = RouterOutputs['reserves']['ledger']['items'][number];

/** 后备干部 (001 §8; 003 §3.2): reserves per village, villages below the requirement, the under-35 ledger. */
export function ReservesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { code, setCode } = useRegion();
  const [tab, setTab] = useState('villages');
  const [shortOnly, setShortOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<Village | null>(null);
  const input = code ? { regionCode: code, shortOnly, search: search || undefined } : undefined;
  const villages = useQuery({
    ...trpc.reserves.villages.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const ledger = useQuery({
    ...trpc.reserves.ledger.queryOptions(
      code && tab === 'ledger' ? { regionCode: code } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reserves.pathKey() });
  const end = useMutation(
    trpc.reserves.end.mutationOptions({
      onSuccess: () => {
        message.success('已退出后备干部队伍');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const data = villages.data;

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="reserves-title"
      title={data ? `${data.regionName}村（社区）党组织书记后备干部` : '后备干部'}
      error={villages.error ?? ledger.error}
      exportQuery={input ? trpc.reserves.export.queryOptions(input) : undefined}
    >
      <Typography.Paragraph type="secondary" data-testid="reserves-rule">
        {data
          ? `${data.rule}。执行政策：${data.policyLabel}。本年列入整顿的软弱涣散村视为问题村。`
          : null}
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="reserves-summary">
          <Tag>村（社区）{data.summary.villages} 个</Tag>
          <Tag color="blue">后备干部 {data.summary.reserves} 人</Tag>
          <Tag color={data.summary.short > 0 ? 'red' : 'green'}>
            后备不足 {data.summary.short} 个（缺 {data.summary.shortfall} 人）
          </Tag>
          <Tag color="orange">软弱涣散村 {data.summary.problemVillages} 个</Tag>
        </Space>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'villages',
            label: '配备情况',
            children: (
              <>
                <FilterBar>
                  <Checkbox checked={shortOnly} onChange={(e) => setShortOnly(e.target.checked)}>
                    只看后备不足
                  </Checkbox>
                  <Input.Search
                    allowClear
                    placeholder="村（社区）或姓名"
                    style={{ width: 220 }}
                    onSearch={setSearch}
                  />
                </FilterBar>
                <Table<Village>
                  rowKey="orgId"
                  size="small"
                  loading={villages.isFetching}
                  dataSource={data?.items ?? []}
                  pagination={listPagination('个')}
                  columns={[
                    {
                      title: '党组织',
                      dataIndex: 'orgName',
                      render: (n: string, v) => (
                        <>
                          {n}
                          {v.problemVillage ? (
                            <Tag color="orange" style={{ marginLeft: 6 }}>
                              软弱涣散
                            </Tag>
                          ) : null}
                        </>
                      ),
                    },
                    { title: '乡镇（街道）', dataIndex: 'townshipName', width: 120 },
                    { title: '书记', dataIndex: 'secretaryName', width: 90 },
                    { title: '应有', dataIndex: 'required', width: 60, align: 'right' },
                    { title: '现有', dataIndex: 'actual', width: 60, align: 'right' },
                    {
                      title: '缺额',
                      dataIndex: 'shortfall',
                      width: 70,
                      align: 'right',
                      render: (n: number) => (n > 0 ? <Tag color="red">缺 {n} 人</Tag> : null),
                    },
                    {
                      title: '后备干部（年龄、文化程度）',
                      key: 'reserves',
                      render: (_: unknown, v) => (
                        <Space wrap size={4}>
                          {v.reserves.map((r) => (
                            <Popconfirm
                              key={r.id}
                              title={`${r.name}退出后备干部队伍？`}
                              okText="退出"
                              cancelText="取消"
                              onConfirm={() => end.mutate({ reserveId: r.id, until: chinaToday() })}
                            >
                              <Tag style={{ cursor: 'pointer' }}>
                                {r.name}（{r.age ?? '—'}岁，{r.educationLabel}）
                              </Tag>
                            </Popconfirm>
                          ))}
                        </Space>
                      ),
                    },
                    {
                      title: '操作',
                      key: 'op',
                      width: 100,
                      render: (_: unknown, v) => (
                        <Button size="small" onClick={() => setAdding(v)}>
                          添加后备
                        </Button>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'ledger',
            label: data ? `${data.ledgerMaxAge}岁以下台账` : '青年带头人台账',
            children: (
              <Table<Young>
                rowKey={(y) => `${y.role}:${y.personId}`}
                size="small"
                loading={ledger.isFetching}
                dataSource={ledger.data?.items ?? []}
                pagination={listPagination('人')}
                columns={[
                  { title: '姓名', dataIndex: 'name', width: 100 },
                  { title: '身份', dataIndex: 'roleLabel', width: 100 },
                  { title: '年龄', dataIndex: 'age', width: 70, align: 'right' },
                  { title: '文化程度', dataIndex: 'educationLabel', width: 110 },
                  { title: '党组织', dataIndex: 'orgName' },
                  { title: '乡镇（街道）', dataIndex: 'townshipName', width: 130 },
                  { title: '区县', dataIndex: 'countyName', width: 100 },
                ]}
              />
            ),
          },
        ]}
      />
      <AddReserveModal
        village={adding}
        onClose={() => setAdding(null)}
        onDone={() => {
          setAdding(null);
          void refresh();
        }}
      />
    </RegionLayout>
  );
}

interface ReserveValues {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: EducationLevel;
  phone?: string;
  since: string;
}

function AddReserveModal(props: {
  village: Village | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReserveValues>();
  const add = useMutation(
    trpc.reserves.add.mutationOptions({
      onSuccess: () => {
        message.success('已添加后备干部');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.village ? `添加后备干部：${props.village.orgName}` : '添加后备干部'}
      open={props.village !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ReserveValues>
        form={form}
        layout="vertical"
        initialValues={{ gender: 'male', education: 'high_school', since: chinaToday() }}
        onFinish={(v) =>
          add.mutate({ ...v, phone: v.phone || null, orgId: defined(props.village).orgId })
        }
      >
        <PersonFields />
        <Form.Item name="phone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item name="since" label="确定为后备日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
