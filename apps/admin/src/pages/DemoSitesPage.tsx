import type { RouterOutputs } from '@dangjian/api';
import {
  DEMO_CATEGORIES,
  DEMO_CATEGORY_LABELS,
  type DemoCategory,
  type FieldCategory,
} from '@dangjian/domain';
import {
  defined,
  errorMessage,
  FilterBar,
  listPagination,
  ResponsiveTable,
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
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, RegionLayout } from './orglife/shared';

type List = RouterOutputs['demoSites']['list'];
type Line = List['lines'][number];
type Site = List['sites'][number];

const ORG_FIELDS: Partial<Record<DemoCategory, FieldCategory[]>> = {
  organ: ['organ'],
  institution: ['school', 'health', 'public_institution'],
  soe: ['soe'],
  non_public: ['non_public'],
  social_org: ['social_org'],
};

/** 示范点 (001 §10): per-category targets for the year against designated sites. */
export function DemoSitesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'city_admin' || user.role === 'county_admin';
  const { code, setCode } = useRegion();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [category, setCategory] = useState<DemoCategory | undefined>();
  const [designating, setDesignating] = useState(false);
  const input = code ? { regionCode: code, year, demoCategory: category } : undefined;
  const list = useQuery({
    ...trpc.demoSites.list.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.demoSites.pathKey() });
  const revoke = useMutation(
    trpc.demoSites.revoke.mutationOptions({
      onSuccess: () => {
        message.success('已撤销命名');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const data = list.data;
  const revokeButton = (s: Site) =>
    admin ? (
      <Popconfirm
        title={`撤销「${s.name}」的命名？`}
        okText="撤销"
        cancelText="取消"
        onConfirm={() => revoke.mutate({ siteId: s.id, revokedOn: chinaToday() })}
      >
        <Button size="small" danger>
          撤销
        </Button>
      </Popconfirm>
    ) : null;

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="demo-sites-title"
      title={data ? `${data.regionName} ${data.year} 年基层党建示范点` : '示范点'}
      error={list.error}
      year={{ value: year, onChange: setYear }}
      exportQuery={input ? trpc.demoSites.export.queryOptions(input) : undefined}
      actions={
        <>
          {admin ? (
            <Button icon={<PlusOutlined />} onClick={() => setDesignating(true)} disabled={!code}>
              命名示范点
            </Button>
          ) : null}
        </>
      }
    >
      <Typography.Paragraph type="secondary">
        深化“三级联创”，建设基层党建示范县、乡镇、街道、村、社区和机关、事业单位、国有企业、非公企业、社会组织示范点
        {data ? `（${data.source}）。执行政策：${data.policyLabel}` : ''}
        。县（市、区）可在“政策参数”中设置本级目标。
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="demo-sites-summary">
          <Tag color={data.met ? 'green' : 'red'}>
            已命名 {data.totalActual} 个 / 目标 {data.totalTarget} 个
          </Tag>
        </Space>
      ) : null}
      <Table<Line>
        rowKey="category"
        size="small"
        loading={list.isFetching}
        dataSource={data?.lines ?? []}
        pagination={false}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '类别', dataIndex: 'label' },
          { title: '目标', dataIndex: 'target', align: 'right' },
          { title: '已命名', dataIndex: 'actual', align: 'right' },
          {
            title: '差额',
            dataIndex: 'shortfall',
            align: 'right',
            render: (n: number) =>
              n > 0 ? <Tag color="red">差 {n} 个</Tag> : <Tag color="green">达标</Tag>,
          },
        ]}
      />
      <FilterBar>
        <Select<DemoCategory>
          aria-label="示范类别"
          allowClear
          placeholder="示范类别"
          style={{ width: 160 }}
          value={category}
          onChange={setCategory}
          options={DEMO_CATEGORIES.map((c) => ({ value: c, label: DEMO_CATEGORY_LABELS[c] }))}
        />
      </FilterBar>
      <ResponsiveTable<Site>
        rowKey="id"
        renderCard={(s) => (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{s.name}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {s.categoryLabel} · {s.regionName} · {s.designatedOn}
              </Typography.Text>
            </div>
            {revokeButton(s)}
          </Flex>
        )}
        size="small"
        loading={list.isFetching}
        dataSource={data?.sites ?? []}
        pagination={listPagination('个')}
        columns={[
          { title: '类别', dataIndex: 'categoryLabel', width: 130 },
          { title: '名称', dataIndex: 'name' },
          { title: '所在区划', dataIndex: 'regionName', width: 140 },
          { title: '区县', dataIndex: 'countyName', width: 100 },
          { title: '命名日期', dataIndex: 'designatedOn', width: 110 },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, s) => revokeButton(s),
          },
        ]}
      />
      {code ? (
        <DesignateModal
          open={designating}
          regionCode={code}
          year={year}
          onClose={() => setDesignating(false)}
          onDone={() => {
            setDesignating(false);
            void refresh();
          }}
        />
      ) : null}
    </RegionLayout>
  );
}

interface DesignateValues {
  demoCategory: DemoCategory;
  target: string;
  designatedOn: string;
}

/** Names a site: a region of the tree below the current one, or a Party org of a matching field. */
function DesignateModal(props: {
  open: boolean;
  regionCode: string;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DesignateValues>();
  // Undefined until a category is chosen.
  const category = Form.useWatch('demoCategory', form) as
    DesignateValues['demoCategory'] | undefined;
  const [search, setSearch] = useState('');
  const orgCategories = category ? ORG_FIELDS[category] : undefined;
  const orgs = useQuery({
    ...trpc.org.list.queryOptions(
      props.open && orgCategories
        ? {
            regionCode: props.regionCode,
            search: search || undefined,
            category: orgCategories.length === 1 ? orgCategories[0] : undefined,
            page: 1,
            pageSize: 50,
          }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const regions = useQuery({
    ...trpc.region.children.queryOptions(
      props.open && category && !orgCategories ? { regionCode: props.regionCode } : skipToken,
    ),
  });
  const designate = useMutation(
    trpc.demoSites.designate.mutationOptions({
      onSuccess: () => {
        message.success('已命名示范点');
        form.resetFields();
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const options = orgCategories
    ? (orgs.data?.items ?? [])
        .filter((o) => orgCategories.includes(o.category))
        .map((o) => ({ value: `org:${o.id}`, label: `${o.name}（${o.regionName}）` }))
    : [
        { value: `region:${props.regionCode}`, label: '当前所选区域本身' },
        ...(regions.data ?? []).map((r) => ({ value: `region:${r.code}`, label: r.name })),
      ];
  return (
    <Modal
      title={`命名 ${props.year} 年示范点`}
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={designate.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<DesignateValues>
        form={form}
        layout="vertical"
        initialValues={{ designatedOn: chinaToday() }}
        onFinish={(v) => {
          const [type, id] = v.target.split(':') as [string, string];
          designate.mutate({
            year: props.year,
            demoCategory: v.demoCategory,
            designatedOn: v.designatedOn,
            ...(type === 'org' ? { orgId: Number(id) } : { regionCode: id }),
          });
        }}
      >
        <Form.Item
          name="demoCategory"
          label="示范类别"
          rules={[{ required: true, message: '请选择类别' }]}
        >
          <Select
            options={DEMO_CATEGORIES.map((c) => ({ value: c, label: DEMO_CATEGORY_LABELS[c] }))}
            onChange={() => form.setFieldValue('target', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="target"
          label="示范点"
          rules={[{ required: true, message: '请选择示范点' }]}
        >
          <Select
            showSearch={
              orgCategories
                ? { filterOption: false, onSearch: setSearch }
                : { optionFilterProp: 'label' }
            }
            placeholder={orgCategories ? '输入党组织名称搜索' : '选择区划'}
            options={options}
          />
        </Form.Item>
        <Form.Item name="designatedOn" label="命名日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
