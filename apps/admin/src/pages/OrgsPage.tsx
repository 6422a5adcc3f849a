import type { RouterInputs, RouterOutputs } from '@dangjian/api';
import {
  DomainError,
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  type EducationLevel,
  type FieldCategory,
  type OrgKind,
} from '@dangjian/domain';
import { errorMessage, RegionSplit, regionTitle, useCurrentUser, useTRPC } from '@dangjian/ui';
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
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';

type OrgItem = RouterOutputs['org']['list']['items'][number];
type PersonItem = RouterOutputs['person']['list']['items'][number];
type HistoryRow = RouterOutputs['org']['history'][number];

const WRITER_ROLES = new Set(['city_admin', 'county_admin', 'township']);

/**
 * Puts the server's per-field messages (the API's `fieldErrors`) on the form's fields; returns
 * whether any field took one (otherwise the caller shows the message as a toast).
 */
export function applyServerFieldErrors(
  form: FormInstance,
  error: unknown,
  nameOf: (field: string) => (string | number)[] | null = (f) => [f],
): boolean {
  const data = (
    error as { data?: { fieldErrors?: { field: string; message: string }[] | null } } | null
  )?.data;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = (data?.fieldErrors ?? []).flatMap((e) => {
    const name = nameOf(e.field);
    return name && known.has(String(name[0]))
      ? [{ name, errors: [e.message.replace(/^.*?（[\w.[\]]+）：/, '')] }]
      : [];
  });
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}

const toDate = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
const fromDate = (d: Dayjs | null | undefined): string | null =>
  d ? d.format('YYYY-MM-DD') : null;

/** Organisations and people of the region picked in the tree (default: the user's own). */
export function OrgsPage() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <RegionSplit selected={regionCode} onSelect={setRegionCode} treeWidth={300}>
      <Tabs
        items={[
          { key: 'orgs', label: '党组织', children: <OrgTable regionCode={regionCode} /> },
          { key: 'people', label: '人员', children: <PeopleTable regionCode={regionCode} /> },
        ]}
      />
    </RegionSplit>
  );
}

function OrgTable({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [category, setCategory] = useState<FieldCategory | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const list = useQuery({
    ...trpc.org.list.queryOptions(
      code
        ? { regionCode: code, search: search || undefined, kind, category, ...paging }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });

  const here = path.data?.at(-1);
  const user = useCurrentUser();
  const canWrite = WRITER_ROLES.has(user.role);
  // On a phone the name is narrower and the actions are not pinned, so a second column shows.
  const desktop = Grid.useBreakpoint().lg ?? true;
  const [editing, setEditing] = useState<{ id: number | null; tab: 'form' | 'history' } | null>(
    null,
  );
  return (
    <Card
      extra={
        canWrite && code ? (
          <Button type="primary" onClick={() => setEditing({ id: null, tab: 'form' })}>
            新建党组织
          </Button>
        ) : null
      }
      title={
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
          <span data-testid="orgs-title">{here ? `${regionTitle(here)} 的党组织` : '党组织'}</span>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="按名称搜索"
          style={{ width: 240 }}
          onSearch={(v) => {
            setSearch(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select<OrgKind>
          allowClear
          placeholder="组织类型"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
        />
        <Select<FieldCategory>
          allowClear
          placeholder="领域类别"
          style={{ width: 180 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={FIELD_CATEGORIES.map((c) => ({ value: c, label: FIELD_CATEGORY_LABELS[c] }))}
        />
      </Space>
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<OrgItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 个`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '党组织名称', dataIndex: 'name', width: desktop ? 300 : 170 },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: OrgKind) => (
              <Tag
                color={k === 'committee' ? 'red' : k === 'general_branch' ? 'orange' : 'default'}
              >
                {ORG_KIND_LABELS[k]}
              </Tag>
            ),
          },
          {
            title: '领域',
            dataIndex: 'category',
            width: 130,
            render: (c: FieldCategory) => FIELD_CATEGORY_LABELS[c],
          },
          { title: '所在区划', dataIndex: 'regionName', width: 200 },
          { title: '书记', dataIndex: 'secretaryName', width: 100 },
          { title: '书记电话', dataIndex: 'secretaryPhone', width: 130 },
          { title: '党员数', dataIndex: 'memberCount', width: 90, align: 'right' },
          {
            title: '本届届期',
            key: 'term',
            width: 200,
            render: (_: unknown, o: OrgItem) =>
              o.termStart && o.termEnd ? `${o.termStart} 至 ${o.termEnd}` : '—',
          },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 120,
                  fixed: desktop ? ('right' as const) : undefined,
                  render: (_: unknown, o: OrgItem) => (
                    <Space size="small">
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing({ id: o.id, tab: 'form' })}
                      >
                        编辑
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing({ id: o.id, tab: 'history' })}
                      >
                        历史
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && code ? (
        <OrgDrawer
          orgId={editing.id}
          initialTab={editing.tab}
          regionCode={code}
          regionName={here?.name ?? ''}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

interface OrgFormValues {
  name: string;
  kind: OrgKind;
  category: FieldCategory;
  parentId: number | null;
  memberCount: number;
  term: [Dayjs | null, Dayjs | null] | null;
  secretaryId: number | null;
}

/** A search-as-you-type picker over the caller's people (for the secretary) or orgs (for the parent). */
function RemoteSelect({
  id,
  kind,
  value,
  onChange,
  initialLabel,
  placeholder,
}: {
  id?: string;
  kind: 'person' | 'org';
  value?: number | null;
  onChange?: (v: number | null) => void;
  initialLabel?: string | null;
  placeholder: string;
}) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [search, setSearch] = useState('');
  const input =
    root.data && search ? { regionCode: root.data.code, search, page: 1, pageSize: 20 } : skipToken;
  const people = useQuery(trpc.person.list.queryOptions(kind === 'person' ? input : skipToken));
  const orgList = useQuery(trpc.org.list.queryOptions(kind === 'org' ? input : skipToken));
  const found =
    kind === 'person'
      ? (people.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.name}（${p.regionName}）`,
        }))
      : (orgList.data?.items ?? []).map((o) => ({
          value: o.id,
          label: `${o.name}（${o.regionName}）`,
        }));
  const options =
    value && initialLabel && !found.some((o) => o.value === value)
      ? [{ value, label: initialLabel }, ...found]
      : found;
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim()) }}
      allowClear
      placeholder={placeholder}
      value={value ?? undefined}
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd passes undefined when the selection is cleared
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={people.isFetching || orgList.isFetching}
      notFoundContent={search ? '没有匹配的结果' : '输入名称搜索'}
    />
  );
}

/** Create or edit an organisation, with its change history on a second tab. */
function OrgDrawer({
  orgId,
  initialTab,
  regionCode,
  regionName,
  onClose,
}: {
  orgId: number | null;
  initialTab: 'form' | 'history';
  regionCode: string;
  regionName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [tab, setTab] = useState<string>(initialTab);
  const org = useQuery(trpc.org.byId.queryOptions(orgId ? { id: orgId } : skipToken));
  const history = useQuery(trpc.org.history.queryOptions(orgId ? { orgId } : skipToken));
  const done = async (text: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() });
    message.success(text);
  };
  const onError = (e: unknown) => {
    if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const create = useMutation(trpc.org.create.mutationOptions({ onError }));
  const update = useMutation(trpc.org.update.mutationOptions({ onError }));

  const submit = async (v: OrgFormValues) => {
    const fields = {
      name: v.name,
      kind: v.kind,
      category: v.category,
      parentId: v.parentId ?? null,
      memberCount: v.memberCount,
      termStart: fromDate(v.term?.[0]),
      termEnd: fromDate(v.term?.[1]),
      secretaryId: v.secretaryId ?? null,
    };
    if (orgId === null) {
      await create.mutateAsync({ ...fields, regionCode });
      await done('党组织已创建');
      onClose();
    } else {
      const result = await update.mutateAsync({ id: orgId, ...fields });
      await done(
        result.changed.length ? `已保存，${result.changed.length} 项变更记入历史` : '没有变更',
      );
      setTab('history');
    }
  };

  const loaded = orgId === null || org.data;
  const formTab = loaded ? (
    <Form<OrgFormValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v).catch(() => undefined)}
      initialValues={
        org.data
          ? {
              name: org.data.name,
              kind: org.data.kind,
              category: org.data.category,
              parentId: org.data.parentId,
              memberCount: org.data.memberCount,
              term:
                org.data.termStart || org.data.termEnd
                  ? [toDate(org.data.termStart), toDate(org.data.termEnd)]
                  : null,
              secretaryId: org.data.secretaryId,
            }
          : {
              kind: 'branch',
              category: 'rural',
              memberCount: 0,
              parentId: null,
              secretaryId: null,
              term: null,
            }
      }
    >
      <Form.Item label="所在区划">
        <span>{org.data?.regionName ?? regionName}</span>
      </Form.Item>
      <Form.Item
        name="name"
        label="党组织名称"
        rules={[
          { required: true, whitespace: true, message: '请输入党组织名称' },
          { max: 100, message: '名称不能超过 100 个字' },
        ]}
      >
        <Input placeholder="如：某某村党支部" />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item
          name="kind"
          label="组织类型"
          rules={[{ required: true, message: '请选择组织类型' }]}
        >
          <Select
            style={{ width: 160 }}
            options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="category"
          label="领域类别"
          rules={[{ required: true, message: '请选择领域类别' }]}
        >
          <Select
            style={{ width: 200 }}
            options={FIELD_CATEGORIES.map((c) => ({ value: c, label: FIELD_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item
          name="memberCount"
          label="党员数"
          rules={[
            { required: true, message: '请输入党员数' },
            { type: 'integer', min: 0, message: '党员数应为不小于 0 的整数' },
          ]}
        >
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.Item name="parentId" label="上级党组织">
        <RemoteSelect
          kind="org"
          placeholder="输入名称搜索上级党组织"
          initialLabel={org.data?.parentName ?? null}
        />
      </Form.Item>
      <Form.Item name="secretaryId" label="书记" extra="更换书记后，原书记保留在“历史”中">
        <RemoteSelect
          kind="person"
          placeholder="输入姓名搜索人员"
          initialLabel={org.data?.secretaryName ?? null}
        />
      </Form.Item>
      <Form.Item
        name="term"
        label="本届届期"
        rules={[
          {
            validator: (_r, v: OrgFormValues['term']) =>
              v?.[0] && v[1] && !v[1].isAfter(v[0])
                ? Promise.reject(
                    new DomainError('INVALID_INPUT', 'termEnd', '届期结束日期应晚于开始日期'),
                  )
                : Promise.resolve(),
          },
        ]}
      >
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
        保存
      </Button>
    </Form>
  ) : null;

  return (
    <Drawer
      open
      size={640}
      title={orgId === null ? `新建党组织（${regionName}）` : `编辑：${org.data?.name ?? ''}`}
      onClose={onClose}
      destroyOnHidden
    >
      {org.error ? <Alert type="error" title={errorMessage(org.error)} /> : null}
      {orgId === null ? (
        formTab
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'form', label: '基本信息', children: formTab },
            {
              key: 'history',
              label: '历史',
              children: (
                <Table<HistoryRow>
                  data-testid="org-history"
                  rowKey="id"
                  size="small"
                  loading={history.isFetching}
                  dataSource={history.data ?? []}
                  pagination={false}
                  columns={[
                    {
                      title: '时间',
                      dataIndex: 'at',
                      width: 150,
                      render: (d: Date) => dayjs(d).format('YYYY-MM-DD HH:mm'),
                    },
                    { title: '项目', dataIndex: 'fieldLabel', width: 100 },
                    {
                      title: '原值',
                      dataIndex: 'beforeText',
                      render: (t: string | null) => t ?? '—',
                    },
                    {
                      title: '新值',
                      dataIndex: 'afterText',
                      render: (t: string | null, r) =>
                        r.field === 'created' ? '新建' : (t ?? '—'),
                    },
                    {
                      title: '操作人',
                      key: 'who',
                      width: 140,
                      render: (_: unknown, r) => r.displayName ?? r.username ?? '—',
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}

interface PersonFormValues {
  name: string;
  gender: 'male' | 'female';
  birthDate: Dayjs | null;
  education: EducationLevel | null;
  phone: string | null;
  idNumber: string | null;
}

/** People of the region: phone and ID number masked per role; create and edit in a drawer. */
function PeopleTable({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const user = useCurrentUser();
  const canWrite = WRITER_ROLES.has(user.role);
  const [search, setSearch] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<PersonItem | 'new' | null>(null);
  const list = useQuery({
    ...trpc.person.list.queryOptions(
      code ? { regionCode: code, search: search || undefined, ...paging } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title="人员"
      extra={
        canWrite && code ? (
          <Button type="primary" onClick={() => setEditing('new')}>
            新增人员
          </Button>
        ) : null
      }
    >
      <Input.Search
        allowClear
        placeholder="按姓名或电话搜索"
        style={{ width: 240, marginBottom: 16 }}
        onSearch={(v) => {
          setSearch(v.trim());
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<PersonItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 人`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          {
            title: '性别',
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => (g === 'male' ? '男' : '女'),
          },
          { title: '出生日期', dataIndex: 'birthDate', width: 110 },
          {
            title: '文化程度',
            dataIndex: 'education',
            width: 110,
            render: (e: EducationLevel | null) => (e ? EDUCATION_LABELS[e] : '—'),
          },
          { title: '联系电话', dataIndex: 'phone', width: 130 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 180 },
          { title: '所在区划', dataIndex: 'regionName', width: 160 },
          { title: '任书记', dataIndex: 'secretaryOf', render: (t: string | null) => t ?? '—' },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, p: PersonItem) => (
                    <Button type="link" size="small" onClick={() => setEditing(p)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && code ? (
        <PersonDrawer
          person={editing === 'new' ? null : editing}
          regionCode={code}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

function PersonDrawer({
  person,
  regionCode,
  onClose,
}: {
  person: PersonItem | null;
  regionCode: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const onError = (e: unknown) => {
    if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const create = useMutation(trpc.person.create.mutationOptions({ onError }));
  const update = useMutation(trpc.person.update.mutationOptions({ onError }));
  const submit = async (v: PersonFormValues) => {
    const fields = {
      name: v.name,
      gender: v.gender,
      birthDate: fromDate(v.birthDate),
      education: v.education ?? null,
      phone: v.phone?.trim() ? v.phone.trim() : null,
    };
    const idNumber = v.idNumber?.trim() ? v.idNumber.trim() : undefined;
    if (person === null) {
      const input: RouterInputs['person']['create'] = {
        ...fields,
        regionCode,
        idNumber: idNumber ?? null,
      };
      await create.mutateAsync(input);
    } else {
      // The phone may be shown masked: send it only when it was edited; an empty ID field keeps the stored one.
      const { phone, ...rest } = fields;
      await update.mutateAsync({
        id: person.id,
        ...rest,
        ...(form.isFieldTouched('phone') ? { phone } : {}),
        ...(idNumber ? { idNumber } : {}),
      });
    }
    await queryClient.invalidateQueries({ queryKey: trpc.person.pathKey() });
    message.success('人员信息已保存');
    onClose();
  };
  return (
    <Drawer
      open
      size={520}
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        initialValues={
          person
            ? {
                name: person.name,
                gender: person.gender,
                birthDate: toDate(person.birthDate),
                education: person.education,
                phone: person.phone,
                idNumber: null,
              }
            : { gender: 'male', birthDate: null, education: null, phone: null, idNumber: null }
        }
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不能超过 50 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
          <Select
            options={[
              { value: 'male', label: '男' },
              { value: 'female', label: '女' },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthDate" label="出生日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="education" label="文化程度">
          <Select
            allowClear
            options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[
            {
              pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$|\*/,
              message: '联系电话格式不正确（11 位手机号或带区号的固定电话）',
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          extra={
            person?.idNumberMasked
              ? `已登记：${person.idNumberMasked}（留空则不修改）`
              : '加密保存，列表中只显示部分'
          }
          rules={[{ pattern: /^\d{17}[\dXx]$/, message: '身份证号应为 18 位（最后一位可为 X）' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}
