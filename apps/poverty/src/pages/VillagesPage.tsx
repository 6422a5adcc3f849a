import type { RouterOutputs } from '@dangjian/api';
import { regionLevelOf, yuanToFen } from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
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
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { OFFICE_ROLES } from '../roles';
import { HELP_LABELS, THIS_YEAR } from './labels';

type Village = RouterOutputs['poverty']['villages']['items'][number];

interface RegisterForm {
  regionCode: string;
  identifiedYear: number;
  helpedBy: 'city' | 'county';
  households: number;
  poorHouseholds: number;
  poorPeople: number;
  /** An InputNumber left empty gives null. */
  baselineIncomeYuan: number | null;
}

/** Registers a poor village: pick a village-level unit not yet registered, enter the baseline. */
function RegisterVillage({ regionCode, onClose }: { regionCode: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const [search, setSearch] = useState('');
  const options = useQuery({
    ...trpc.poverty.villageOptions.queryOptions({ regionCode, search: search || null }),
    placeholderData: keepPreviousData,
  });
  const register = useMutation(
    trpc.poverty.registerVillage.mutationOptions({
      onSuccess: async (v) => {
        message.success('已登记贫困村');
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
        onClose();
        return v;
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const cityLevel = ['province', 'city'].includes(regionLevelOf(user.regionCode));
  return (
    <Modal
      open
      title="登记贫困村"
      okText="登记"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        initialValues={{ helpedBy: 'county', identifiedYear: 2014, baselineIncomeYuan: 0 }}
        onFinish={(v) =>
          register.mutate({
            regionCode: v.regionCode,
            identifiedYear: v.identifiedYear,
            helpedBy: v.helpedBy,
            households: v.households,
            poorHouseholds: v.poorHouseholds,
            poorPeople: v.poorPeople,
            baselineIncomeFen: yuanToFen(v.baselineIncomeYuan ?? 0, 'baselineIncomeYuan'),
          })
        }
      >
        <Form.Item
          name="regionCode"
          label="村（社区）"
          rules={[{ required: true, message: '请选择村' }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入村名或乡镇名搜索"
            loading={options.isFetching}
            // While the answer to the new search is on its way, offer none of the previous
            // search's options: that list is replaced when the answer lands, and a click on it
            // then would be lost or pick a different village than the one clicked.
            options={(options.isPlaceholderData ? [] : (options.data ?? [])).map((o) => ({
              value: o.code,
              label: `${o.townshipName ?? ''} ${o.name}`,
            }))}
            notFoundContent={options.isFetching ? '正在查找…' : undefined}
            aria-label="村（社区）"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="identifiedYear" label="认定年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={THIS_YEAR} aria-label="认定年度" />
          </Form.Item>
          <Form.Item name="helpedBy" label="帮扶层级" rules={[{ required: true }]}>
            <Segmented
              options={[
                { value: 'county', label: HELP_LABELS.county },
                ...(cityLevel ? [{ value: 'city', label: HELP_LABELS.city }] : []),
              ]}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item
            name="households"
            label="总户数"
            rules={[{ required: true, message: '请填写总户数' }]}
          >
            <InputNumber min={0} precision={0} aria-label="总户数" />
          </Form.Item>
          <Form.Item
            name="poorHouseholds"
            label="建档立卡贫困户"
            rules={[{ required: true, message: '请填写贫困户数' }]}
          >
            <InputNumber min={0} precision={0} aria-label="建档立卡贫困户" />
          </Form.Item>
          <Form.Item
            name="poorPeople"
            label="贫困人口"
            rules={[{ required: true, message: '请填写贫困人口' }]}
          >
            <InputNumber min={0} precision={0} aria-label="贫困人口" />
          </Form.Item>
        </Space>
        <Form.Item name="baselineIncomeYuan" label="认定时村集体经济收入（元）">
          <InputNumber
            min={0}
            precision={2}
            style={{ width: 200 }}
            aria-label="认定时村集体经济收入"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 贫困村: the register with filters, each village's team, leader and last work-log date. */
export function VillagesPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const root = useQuery(trpc.region.root.queryOptions());
  const [status, setStatus] = useState<'registered' | 'exited' | 'all'>('registered');
  const [team, setTeam] = useState<'with' | 'without' | null>(null);
  const [helpedBy, setHelpedBy] = useState<'city' | 'county' | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const list = useQuery({
    ...trpc.poverty.villages.queryOptions(
      root.data
        ? {
            regionCode: root.data.code,
            status,
            team,
            helpedBy,
            search: search || null,
            page,
            pageSize: 20,
          }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const office = OFFICE_ROLES.has(user.role);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Segmented<'registered' | 'exited' | 'all'>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'registered', label: '在册' },
              { value: 'exited', label: '已脱贫出列' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Select
            allowClear
            placeholder="工作队"
            value={team}
            onChange={(v: 'with' | 'without' | null | undefined) => {
              setTeam(v ?? null);
              setPage(1);
            }}
            style={{ width: 130 }}
            options={[
              { value: 'with', label: '已派工作队' },
              { value: 'without', label: '未派工作队' },
            ]}
            aria-label="工作队"
          />
          <Select
            allowClear
            placeholder="帮扶层级"
            value={helpedBy}
            onChange={(v: 'city' | 'county' | null | undefined) => {
              setHelpedBy(v ?? null);
              setPage(1);
            }}
            style={{ width: 120 }}
            options={[
              { value: 'city', label: HELP_LABELS.city },
              { value: 'county', label: HELP_LABELS.county },
            ]}
            aria-label="帮扶层级"
          />
          <Input.Search
            allowClear
            placeholder="村、乡镇、派出单位、队长"
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
            style={{ width: 240 }}
          />
        </Space>
        {office && root.data ? (
          <Button type="primary" onClick={() => setRegistering(true)}>
            登记贫困村
          </Button>
        ) : null}
      </Space>
      {list.error ? <Alert type="error" showIcon message={errorMessage(list.error)} /> : null}
      <Table<Village>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        onRow={(v) => ({
          onClick: () => void navigate(`/villages/${v.id}`),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => `共 ${n} 个村`,
        }}
        columns={[
          { title: '县（市、区）', dataIndex: 'countyName' },
          { title: '乡镇（街道）', dataIndex: 'townshipName' },
          {
            title: '村',
            dataIndex: 'name',
            render: (n: string) => <Typography.Link>{n}</Typography.Link>,
          },
          { title: '认定年度', dataIndex: 'identifiedYear', align: 'right' },
          {
            title: '帮扶层级',
            dataIndex: 'helpedBy',
            render: (h: Village['helpedBy']) => HELP_LABELS[h],
          },
          {
            title: '状态',
            dataIndex: 'exitedYear',
            render: (y: number | null) => (y ? <Tag>{y} 年出列</Tag> : <Tag color="red">在册</Tag>),
          },
          {
            title: '工作队',
            key: 'team',
            render: (_, v) =>
              v.teamId === null ? <Tag color="red">未派驻</Tag> : (v.unit ?? '——'),
          },
          {
            title: '队长（第一书记）',
            key: 'leader',
            render: (_, v) =>
              v.teamId === null ? (
                '——'
              ) : v.leaderName === null ? (
                <Tag color="volcano">无队长</Tag>
              ) : (
                <Space size={4}>
                  {v.leaderName}
                  {v.leaderFirstSecretary ? (
                    <Tag color="green">第一书记</Tag>
                  ) : (
                    <Tag color="orange">未任第一书记</Tag>
                  )}
                </Space>
              ),
          },
          { title: '最近日志', dataIndex: 'lastLogDate', render: (d: string | null) => d ?? '——' },
        ]}
      />
      {registering && root.data ? (
        <RegisterVillage regionCode={root.data.code} onClose={() => setRegistering(false)} />
      ) : null}
    </Space>
  );
}
