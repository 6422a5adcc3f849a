import type { RouterInputs, RouterOutputs } from '@dangjian/api';
import {
  ENTERPRISE_KIND_LABELS,
  FORMATION_PATH_LABELS,
  type EnterpriseKind,
  type FormationPath,
} from '@dangjian/domain';
import {
  defined,
  errorMessage,
  FilterBar,
  listPagination,
  ResponsiveTable,
  useRegion,
  useTRPC,
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
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, GenderField, RegionLayout } from './orglife/shared';

type Item = RouterOutputs['coverage']['list']['items'][number];
type ListInput = RouterInputs['coverage']['list'];

/** 组织覆盖 (001 §2): enterprises and social organisations, what each must have, and the gaps. */
export function CoveragePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { code, setCode } = useRegion();
  const [kind, setKind] = useState<EnterpriseKind | undefined>();
  const [path, setPath] = useState<FormationPath | undefined>();
  const [gapsOnly, setGapsOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [assigning, setAssigning] = useState<Item | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Item | null>(null);
  const input: ListInput | undefined = code
    ? {
        regionCode: code,
        enterpriseKind: kind,
        path,
        gapsOnly,
        search: search || undefined,
      }
    : undefined;
  const list = useQuery({
    ...trpc.coverage.list.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.coverage.pathKey() });
  const ops = (i: Item) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(i)}>
        修改
      </Button>
      <Button size="small" onClick={() => setAssigning(i)}>
        {i.instructorName ? '更换指导员' : '选派指导员'}
      </Button>
    </Space>
  );

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="coverage-title"
      title={data ? `${data.regionName}非公企业和社会组织党的组织覆盖` : '组织覆盖'}
      error={list.error}
      exportQuery={input ? trpc.coverage.export.queryOptions(input) : undefined}
      actions={
        <>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!code}>
            登记单位
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary" data-testid="coverage-rule">
        {data ? `${data.rule}。执行政策：${data.policyLabel}。` : null}截至 {data?.asOf ?? '今天'}。
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="coverage-summary">
          <Tag>单位 {data.summary.enterprises} 个</Tag>
          <Tag color="green">单独组建 {data.summary.withOwnOrg} 个</Tag>
          <Tag color="blue">已选派指导员 {data.summary.withInstructor} 个</Tag>
          <Tag color={data.summary.withGaps > 0 ? 'red' : 'green'}>
            存在缺口 {data.summary.withGaps} 个
          </Tag>
        </Space>
      ) : null}
      <FilterBar>
        <Select<EnterpriseKind>
          aria-label="单位类型"
          allowClear
          placeholder="单位类型"
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={Object.entries(ENTERPRISE_KIND_LABELS).map(([value, label]) => ({
            value: value as EnterpriseKind,
            label,
          }))}
        />
        <Select<FormationPath>
          aria-label="组建要求"
          allowClear
          placeholder="组建要求"
          style={{ width: 260 }}
          value={path}
          onChange={setPath}
          options={Object.entries(FORMATION_PATH_LABELS).map(([value, label]) => ({
            value: value as FormationPath,
            label,
          }))}
        />
        <Checkbox checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)}>
          只看存在缺口
        </Checkbox>
        <Input.Search
          allowClear
          placeholder="单位名称"
          style={{ width: 200 }}
          onSearch={setSearch}
        />
      </FilterBar>
      <ResponsiveTable<Item>
        rowKey="id"
        renderCard={(i) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{i.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {i.kindLabel} · {i.regionName} · 职工 {i.employees} / 党员 {i.memberCount} ·{' '}
              {i.pathLabel}
            </Typography.Text>
            <Problems item={i} />
            <Cover item={i} />
            {ops(i)}
          </Flex>
        )}
        size="small"
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1150 }}
        pagination={listPagination('个')}
        columns={[
          {
            title: '单位名称',
            dataIndex: 'name',
            width: 210,
            render: (n: string, i) => (
              <>
                {n}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.kindLabel} · {i.regionName}
                </Typography.Text>
              </>
            ),
          },
          {
            title: '职工 / 党员',
            key: 'size',
            width: 90,
            align: 'right',
            render: (_: unknown, i) => `${i.employees} / ${i.memberCount}`,
          },
          { title: '组建要求', dataIndex: 'pathLabel', width: 150 },
          {
            title: '存在问题',
            key: 'problems',
            width: 200,
            render: (_: unknown, i) => <Problems item={i} />,
          },
          {
            title: '覆盖情况',
            key: 'cover',
            render: (_: unknown, i) => <Cover item={i} />,
          },
          {
            title: '操作',
            key: 'op',
            width: 170,
            fixed: 'right',
            render: (_: unknown, i) => ops(i),
          },
        ]}
      />
      <InstructorModal
        item={assigning}
        onClose={() => setAssigning(null)}
        onDone={() => {
          setAssigning(null);
          void refresh();
        }}
      />
      {code ? (
        <EnterpriseModal
          open={adding || editing !== null}
          item={editing}
          regionCode={code}
          onClose={() => {
            setAdding(false);
            setEditing(null);
          }}
          onDone={() => {
            setAdding(false);
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
    </RegionLayout>
  );
}

/** 已覆盖 in green, or each gap in red. */
function Problems({ item: i }: { item: Item }) {
  return i.problemLabels.length === 0 ? (
    <Tag color="green">已覆盖</Tag>
  ) : (
    <Space wrap size={4}>
      {i.problemLabels.map((p) => (
        <Tag color="red" key={p}>
          {p}
        </Tag>
      ))}
    </Space>
  );
}

/** How the unit is covered: its own or joint Party org, the union and the instructor. */
function Cover({ item: i }: { item: Item }) {
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {i.ownOrgName
        ? `单独组建：${i.ownOrgName}`
        : i.jointOrgName
          ? `联合组建：${i.jointOrgName}`
          : '未组建党组织'}
      <br />
      工会：{i.hasUnion ? '已建' : '未建'}；指导员：
      {i.instructorName ? `${i.instructorName}（${i.instructorUnit}）` : '未选派'}
    </Typography.Text>
  );
}

interface InstructorValues {
  name: string;
  gender: 'male' | 'female';
  phone?: string;
  instructorUnit: string;
  assignedOn: string;
}

function InstructorModal(props: { item: Item | null; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<InstructorValues>();
  const assign = useMutation(
    trpc.coverage.assignInstructor.mutationOptions({
      onSuccess: () => {
        message.success('已选派党建工作指导员');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.item ? `选派党建工作指导员：${props.item.name}` : '选派党建工作指导员'}
      open={props.item !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={assign.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        一企一员：新选派的指导员到任之日，现任指导员同时卸任。
      </Typography.Paragraph>
      <Form<InstructorValues>
        form={form}
        layout="vertical"
        initialValues={{ gender: 'male', assignedOn: chinaToday() }}
        onFinish={(v) =>
          assign.mutate({
            enterpriseId: defined(props.item).id,
            name: v.name,
            gender: v.gender,
            phone: v.phone || null,
            instructorUnit: v.instructorUnit,
            assignedOn: v.assignedOn,
          })
        }
      >
        <Form.Item
          name="name"
          label="指导员姓名"
          rules={[{ required: true, message: '请填写姓名' }]}
        >
          <Input />
        </Form.Item>
        <GenderField />
        <Form.Item name="phone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item
          name="instructorUnit"
          label="所在单位"
          rules={[{ required: true, message: '请填写所在单位' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="assignedOn" label="选派日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EnterpriseValues {
  name: string;
  enterpriseKind: EnterpriseKind;
  employees: number;
  memberCount: number;
  hasUnion: boolean;
  ownOrgId?: number | null;
  jointOrgId?: number | null;
}

/** Adds a unit in the selected region, or edits one (size, members, union, covering org). */
function EnterpriseModal(props: {
  open: boolean;
  regionCode: string;
  item: Item | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EnterpriseValues>();
  const item = props.item;
  const regionCode = item?.regionCode ?? props.regionCode;
  const path = useQuery(trpc.region.path.queryOptions({ regionCode }));
  // Party orgs of the non-public and social fields in the region looked at, to cover the unit.
  const scope = props.regionCode;
  const covering = useQuery({
    ...trpc.org.list.queryOptions(
      props.open
        ? { regionCode: scope, page: 1, pageSize: 200, category: 'non_public' }
        : skipToken,
    ),
  });
  const social = useQuery({
    ...trpc.org.list.queryOptions(
      props.open
        ? { regionCode: scope, page: 1, pageSize: 200, category: 'social_org' }
        : skipToken,
    ),
  });
  const orgOptions = [...(covering.data?.items ?? []), ...(social.data?.items ?? [])].map((o) => ({
    value: o.id,
    label: `${o.name}（${o.regionName}）`,
  }));
  const save = useMutation(
    trpc.coverage.save.mutationOptions({
      onSuccess: () => {
        message.success('已保存');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={
        item ? `修改：${item.name}` : `登记非公企业或社会组织（${path.data?.at(-1)?.name ?? ''}）`
      }
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<EnterpriseValues>
        form={form}
        layout="vertical"
        initialValues={
          item
            ? {
                name: item.name,
                enterpriseKind: item.kind,
                employees: item.employees,
                memberCount: item.memberCount,
                hasUnion: item.hasUnion,
                ownOrgId: item.ownOrgId,
                jointOrgId: item.jointOrgId,
              }
            : { enterpriseKind: 'non_public', employees: 0, memberCount: 0, hasUnion: false }
        }
        onFinish={(v) =>
          save.mutate({
            ...v,
            id: item?.id,
            regionCode,
            ownOrgId: v.ownOrgId ?? null,
            jointOrgId: v.jointOrgId ?? null,
          })
        }
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="enterpriseKind" label="单位类型">
          <Radio.Group
            options={Object.entries(ENTERPRISE_KIND_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="employees" label="职工人数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="memberCount" label="党员数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="hasUnion" label="已建立工会" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="ownOrgId" label="本单位党组织（单独组建）">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={orgOptions} />
        </Form.Item>
        <Form.Item name="jointOrgId" label="联合党组织（联合组建）">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={orgOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
