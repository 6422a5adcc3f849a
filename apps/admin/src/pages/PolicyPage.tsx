import type { RouterInputs, RouterOutputs } from '@dangjian/api';
import {
  COMMUNITY_PAY_FLOOR_MODES,
  DISPATCH_MODE_LABELS,
  DISPATCH_MODES,
  DomainError,
  formatYuan,
  GRADE_LABELS,
  GRADES,
  POLICY_KEYS,
  POLICY_PARAMETERS,
  VILLAGE_PAY_FLOOR_MODES,
  yuanToFen,
  type PolicyKey,
  type PolicySetKind,
  type PolicyUnit,
} from '@dangjian/domain';
import { defined, errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Modal,
  Tooltip,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerFieldErrors } from './OrgsPage';
import { RegionSelect } from './UsersPage';

type EffectiveRow = RouterOutputs['policy']['effective']['parameters'][number];
type SetItem = RouterOutputs['policy']['sets'][number];
type ShippedSet = RouterOutputs['policy']['shipped'][number];
type ParamRow = ShippedSet['parameters'][number];

const MODE_LABELS: Record<string, string> = {
  county_average_vs_rural_labour_income: '以区县为单位，年平均报酬 ≥ 农村劳动力年平均收入 × 倍数',
  county_average_vs_social_wage: '以区县为单位，年平均报酬 ≥ 当地社会平均工资 × 倍数',
  each_basic_vs_farmer_net_income: '每人基本报酬 ≥ 农民人均纯收入 × 倍数',
  ...DISPATCH_MODE_LABELS,
};

/** The choices of a parameter whose unit is a mode. */
const MODE_OPTIONS: Partial<Record<PolicyKey, readonly string[]>> = {
  villageSecretaryPayFloorMode: VILLAGE_PAY_FLOOR_MODES,
  communitySecretaryPayFloorMode: COMMUNITY_PAY_FLOOR_MODES,
  dispatchForPoor: DISPATCH_MODES,
  dispatchForAverage: DISPATCH_MODES,
  dispatchForFair: DISPATCH_MODES,
};

/** Colour of each kind of policy set's tag. */
const KIND_COLORS: Record<PolicySetKind, string> = {
  notice: 'red',
  adopted: 'blue',
  local: 'green',
  system: 'default',
};

/** A citation with the notice's full title on hover. */
function Citation({
  text,
  title,
  note,
}: {
  text: string;
  title: string | null;
  note?: string | null;
}) {
  return (
    <Space orientation="vertical" size={0}>
      {title ? (
        <Tooltip title={title}>
          <span style={{ borderBottom: '1px dotted' }}>{text}</span>
        </Tooltip>
      ) : (
        <span>{text}</span>
      )}
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Space>
  );
}
const ROUNDING_LABELS: Record<string, string> = {
  ceil: '向上取整',
  round: '四舍五入',
  floor: '向下取整',
};
const MONEY_UNITS = new Set<PolicyUnit>(['fen_per_year', 'fen_per_month', 'fen_per_member_year']);
const MONEY_UNIT_LABELS: Partial<Record<PolicyUnit, string>> = {
  fen_per_year: '元/年',
  fen_per_month: '元/月',
  fen_per_member_year: '元/人·年',
};

/** A parameter value as people read it: money in 元, modes and grades in words. */
export function formatPolicyValue(value: unknown, unit: PolicyUnit, unitLabel: string): string {
  if (value === null || value === undefined) return '—（无）';
  if (MONEY_UNITS.has(unit) && typeof value === 'number')
    return `${formatYuan(value, { grouped: true })} ${MONEY_UNIT_LABELS[unit] ?? ''}`;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return '—';
  if (unit === 'mode') return MODE_LABELS[value as keyof typeof MODE_LABELS] ?? String(value);
  if (unit === 'flag') return value ? '是' : '否';
  if (unit === 'rounding') return ROUNDING_LABELS[String(value)] ?? String(value);
  if (unit === 'grade')
    return `“${(GRADE_LABELS as Partial<Record<string, string>>)[String(value)] ?? String(value)}”类`;
  if (unit === 'percent') return `${String(value)}%`;
  return `${String(value)} ${unitLabel}`;
}

/** 政策参数: what applies where and why, the shipped sets with sources, and the department's overrides. */
export function PolicyPage() {
  const [editing, setEditing] = useState<SetItem | 'new' | null>(null);
  return (
    <>
      <Tabs
        items={[
          { key: 'effective', label: '适用政策查询', children: <EffectivePanel /> },
          { key: 'sets', label: '本部门参数集', children: <SetsPanel onEdit={setEditing} /> },
          { key: 'shipped', label: '政策文件与参照执行', children: <ShippedPanel /> },
        ]}
      />
      {editing ? (
        <OverrideDrawer set={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function EffectivePanel() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [regionCode, setRegionCode] = useState(user.regionCode);
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const effective = useQuery(
    trpc.policy.effective.queryOptions(year ? { regionCode, year } : skipToken),
  );
  return (
    <Card title="适用政策查询" data-testid="effective-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>区划</span>
        <RegionSelect value={regionCode} onChange={setRegionCode} style={{ width: 260 }} />
        <span>年度</span>
        <InputNumber
          aria-label="查询年度"
          min={1949}
          max={2200}
          precision={0}
          value={year}
          onChange={setYear}
        />
      </Space>
      {effective.error ? (
        <Alert type="error" title={errorMessage(effective.error)} style={{ marginBottom: 16 }} />
      ) : null}
      {effective.data ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="适用于">
            {effective.data.regionName} · {effective.data.year} 年
          </Descriptions.Item>
          <Descriptions.Item label="适用政策">
            <span data-testid="policy-label">{effective.data.label}</span>
          </Descriptions.Item>
          <Descriptions.Item label="其中">
            <Space wrap size={[4, 4]}>
              {effective.data.inForce.map((s) => (
                <Tooltip key={s.id} title={s.citation?.title ?? s.name}>
                  <Tag color={KIND_COLORS[s.kind]}>
                    {s.kindLabel}
                    {s.regionName && s.kind !== 'system' ? `（${s.regionName}）` : ''}：
                    {s.kind === 'system' ? `${s.parameters} 项` : (s.citation?.text ?? s.name)}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<EffectiveRow>
        rowKey="key"
        size="small"
        loading={effective.isFetching}
        dataSource={effective.data?.parameters ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: '参数', dataIndex: 'label', width: 280 },
          {
            title: '适用值',
            key: 'value',
            width: 220,
            render: (_: unknown, r) => formatPolicyValue(r.value, r.unit, r.unitLabel),
          },
          {
            title: '来自',
            key: 'set',
            width: 300,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <span>
                  <Tag color={KIND_COLORS[r.kind]}>{r.kindLabel}</Tag>
                  {r.kind === 'system'
                    ? '本地区文件未规定，也未参照执行'
                    : r.kind === 'notice'
                      ? (r.setRegionName ?? '')
                      : r.kind === 'adopted'
                        ? `${r.setRegionName ?? ''}决定参照`
                        : `${r.setRegionName ?? ''} · ${r.setName}（第 ${r.setVersion} 版）`}
                </span>
                {r.effectiveDate ? (
                  <Typography.Text type="secondary">自 {r.effectiveDate} 起执行</Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: '依据',
            key: 'source',
            render: (_: unknown, r) => (
              <Citation text={r.source} title={r.sourceTitle} note={r.sourceNote} />
            ),
          },
        ]}
      />
    </Card>
  );
}

function paramColumns() {
  return [
    { title: '参数', dataIndex: 'label', width: 280 },
    {
      title: '值',
      key: 'value',
      width: 220,
      render: (_: unknown, r: ParamRow) => formatPolicyValue(r.value, r.unit, r.unitLabel),
    },
    {
      title: '依据',
      key: 'source',
      render: (_: unknown, r: ParamRow) => (
        <Citation text={r.source} title={r.sourceTitle} note={r.sourceNote} />
      ),
    },
  ];
}

function SetsPanel({ onEdit }: { onEdit: (s: SetItem | 'new') => void }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const sets = useQuery(trpc.policy.sets.queryOptions({}));
  const canSave = user.role === 'city_admin' || user.role === 'county_admin';
  return (
    <Card
      title="本部门及上级的政策参数集（覆盖默认值）"
      extra={
        canSave ? (
          <Button type="primary" onClick={() => onEdit('new')}>
            新建参数集
          </Button>
        ) : null
      }
    >
      {sets.error ? <Alert type="error" title={errorMessage(sets.error)} /> : null}
      <Table<SetItem>
        rowKey="id"
        size="middle"
        loading={sets.isFetching}
        dataSource={sets.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (s) => (
            <Table<ParamRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={s.parameters}
              columns={paramColumns()}
            />
          ),
        }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '类别',
            key: 'kind',
            width: 100,
            render: (_: unknown, s) => <Tag>{s.kindLabel}</Tag>,
          },
          { title: '区划', dataIndex: 'regionName', width: 120 },
          {
            title: '适用年度',
            key: 'years',
            width: 140,
            render: (_: unknown, s) => `${s.fromYear ?? '—'} 至 ${s.toYear ?? '长期'}`,
          },
          { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
          { title: '版本', dataIndex: 'version', width: 70 },
          { title: '参数数', key: 'n', width: 80, render: (_: unknown, s) => s.parameters.length },
          { title: '备注', dataIndex: 'note', render: (t: string | null) => t ?? '' },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, s) =>
              s.editable && canSave && s.kind === 'local' ? (
                <Button type="link" size="small" onClick={() => onEdit(s)}>
                  编辑
                </Button>
              ) : (
                <Typography.Text type="secondary">上级</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

function ShippedPanel() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const shipped = useQuery(trpc.policy.shipped.queryOptions());
  const [adopting, setAdopting] = useState<ShippedSet | null>(null);
  const canAdopt = user.role === 'city_admin' || user.role === 'county_admin';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        title="每份政策文件约束发文地区及其下级；其他地区须经组织部门决定“参照执行”后才适用。本地区文件和参照执行均未规定的参数，按系统参考值计算并如实标注。"
      />
      {shipped.error ? <Alert type="error" title={errorMessage(shipped.error)} /> : null}
      {(shipped.data ?? []).map((s) => (
        <Card
          key={s.id}
          data-testid={`notice-${s.id}`}
          title={
            s.kind === 'system' ? (
              '系统参考值'
            ) : (
              <Tooltip title={s.title}>
                <span>
                  {s.noticeName}
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                    {s.issuer}
                  </Typography.Text>
                </span>
              </Tooltip>
            )
          }
          extra={
            <Space wrap>
              {s.kind === 'system' ? (
                <Typography.Text type="secondary">不约束任何地区</Typography.Text>
              ) : (
                <Typography.Text type="secondary">
                  适用于{s.regionName}及其下级 · {s.fromYear} 年起
                </Typography.Text>
              )}
              {s.bindsCaller ? <Tag color="red">本地区文件</Tag> : null}
              {s.adoptedByCaller ? <Tag color="blue">已参照执行</Tag> : null}
              {s.kind === 'notice' && !s.bindsCaller && canAdopt ? (
                <Button size="small" onClick={() => setAdopting(s)}>
                  参照执行
                </Button>
              ) : null}
            </Space>
          }
        >
          {s.title ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {s.title}
            </Typography.Paragraph>
          ) : null}
          <Table<ParamRow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={s.parameters}
            columns={paramColumns()}
            scroll={{ x: 640 }}
          />
        </Card>
      ))}
      {adopting ? <AdoptModal notice={adopting} onClose={() => setAdopting(null)} /> : null}
    </Space>
  );
}

interface AdoptFormValues {
  regionCode: string;
  keys: PolicyKey[];
  fromYear: number;
  effectiveDate: Dayjs;
  note: string | null;
}

/** 参照执行: the department adopts another region's notice, all its parameters or those chosen. */
function AdoptModal({ notice, onClose }: { notice: ShippedSet; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AdoptFormValues>();
  const adopt = useMutation(
    trpc.policy.adopt.mutationOptions({
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, (f) => [f])) message.error(errorMessage(e));
      },
    }),
  );
  const all = notice.parameters.map((p) => p.key);
  return (
    <Modal
      open
      title={`参照执行 ${notice.noticeName ?? ''}`}
      okText="参照执行"
      confirmLoading={adopt.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
    >
      <Form<AdoptFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: user.regionCode,
          keys: all,
          fromYear: new Date().getFullYear(),
          effectiveDate: dayjs(),
          note: null,
        }}
        onFinish={async (v) => {
          const saved = await adopt.mutateAsync({
            regionCode: v.regionCode,
            noticeId: notice.noticeId as NonNullable<typeof notice.noticeId>,
            keys: v.keys.length === all.length ? null : v.keys,
            fromYear: v.fromYear,
            effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
            note: v.note,
          });
          message.success(`已参照执行：${saved.parameters} 项参数`);
          await queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() });
          onClose();
        }}
      >
        <Form.Item label="适用区划" name="regionCode" rules={[{ required: true }]}>
          <RegionSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="自哪一年起"
          name="fromYear"
          rules={[{ required: true, message: '请输入年度' }]}
        >
          <InputNumber min={1949} max={2200} precision={0} />
        </Form.Item>
        <Form.Item
          label="决定日期"
          name="effectiveDate"
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          label="参照的参数"
          name="keys"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个参数' }]}
        >
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={notice.parameters.map((p) => ({ value: p.key, label: p.label }))}
          />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OverrideFormValues {
  name: string;
  regionCode: string;
  fromYear: number;
  toYear: number | null;
  effectiveDate: Dayjs;
  document: string | null;
  section: string;
  note: string | null;
  parameters: { key?: PolicyKey; value?: unknown }[];
}

/** The form value of a stored parameter (money shown in 元). */
function toFormValue(key: PolicyKey, value: unknown): unknown {
  return MONEY_UNITS.has(POLICY_PARAMETERS[key].unit) && typeof value === 'number'
    ? value / 100
    : value;
}

function ValueInput({
  id,
  unit,
  policyKey,
  value,
  onChange,
}: {
  id?: string;
  unit: PolicyUnit | undefined;
  policyKey?: PolicyKey;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const select = (options: { value: string | boolean; label: string }[]) => (
    <Select
      id={id}
      aria-label="参数值"
      style={{ width: 290 }}
      value={value as string | boolean | undefined}
      onChange={onChange}
      options={options}
    />
  );
  if (unit === 'mode')
    return select(
      (policyKey ? (MODE_OPTIONS[policyKey] ?? []) : []).map((m) => ({
        value: m,
        label: MODE_LABELS[m] ?? m,
      })),
    );
  if (unit === 'flag')
    return select([
      { value: true, label: '是' },
      { value: false, label: '否' },
    ]);
  if (unit === 'rounding')
    return select(Object.entries(ROUNDING_LABELS).map(([v, label]) => ({ value: v, label })));
  if (unit === 'grade')
    return select(GRADES.map((g) => ({ value: g, label: `“${GRADE_LABELS[g]}”类` })));
  if (unit === 'month_day') {
    return (
      <Input
        id={id}
        aria-label="参数值"
        style={{ width: 160 }}
        placeholder="MM-DD"
        value={value as string | undefined}
        onChange={(e) => onChange?.(e.target.value)}
      />
    );
  }
  return (
    <InputNumber<number>
      id={id}
      aria-label="参数值"
      style={{ width: 180 }}
      value={value as number | null | undefined}
      onChange={(v) => onChange?.(v)}
      suffix={unit ? (MONEY_UNITS.has(unit) ? MONEY_UNIT_LABELS[unit] : undefined) : undefined}
    />
  );
}

/** Create an override set, or a new version of one: values, years, effective date and the document it follows. */
function OverrideDrawer({ set, onClose }: { set: SetItem | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OverrideFormValues>();
  const keyIndex = (key: string): number =>
    (form.getFieldValue('parameters') as OverrideFormValues['parameters']).findIndex(
      (p) => p.key === key,
    );
  const nameOf = (field: string): (string | number)[] | null => {
    const m = /^parameters\.(\w+)/.exec(field);
    if (!m) return [field];
    const index = keyIndex(defined(m[1]));
    return index >= 0 ? ['parameters', index, 'value'] : ['parameters'];
  };
  const save = useMutation(
    trpc.policy.saveOverride.mutationOptions({
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, nameOf)) message.error(errorMessage(e));
      },
    }),
  );
  const first = set?.raw ? Object.values(set.raw)[0] : undefined;
  const initial: Partial<OverrideFormValues> = set
    ? {
        name: set.name,
        regionCode: set.regionCode ?? user.regionCode,
        fromYear: set.fromYear ?? new Date().getFullYear(),
        toYear: set.toYear,
        effectiveDate: dayjs(),
        document: first?.source.document ?? null,
        section: first?.source.section ?? '',
        note: set.note,
        parameters: (Object.keys(set.raw) as PolicyKey[]).map((key) => ({
          key,
          value: toFormValue(key, set.raw[key]?.value),
        })),
      }
    : {
        regionCode: user.regionCode,
        fromYear: new Date().getFullYear(),
        toYear: null,
        effectiveDate: dayjs(),
        parameters: [{}],
      };

  const submit = async (v: OverrideFormValues) => {
    const source = {
      seed: null,
      section: v.section.trim(),
      document: v.document?.trim() ? v.document.trim() : null,
    };
    const parameters: Record<string, { value: unknown; source: typeof source }> = {};
    for (const [index, p] of v.parameters.entries()) {
      if (!p.key) continue;
      const unit = POLICY_PARAMETERS[p.key].unit;
      let value = p.value ?? null;
      if (MONEY_UNITS.has(unit) && typeof value === 'number') {
        try {
          value = yuanToFen(value, p.key);
        } catch (e) {
          form.setFields([{ name: ['parameters', index, 'value'], errors: [errorMessage(e)] }]);
          return;
        }
      }
      parameters[p.key] = { value, source };
    }
    const input: RouterInputs['policy']['saveOverride'] = {
      ...(set ? { id: set.id } : {}),
      name: v.name,
      regionCode: v.regionCode,
      fromYear: v.fromYear,
      toYear: v.toYear ?? null,
      effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
      parameters,
      note: v.note?.trim() ? v.note.trim() : null,
    };
    const saved = await save.mutateAsync(input);
    await queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() });
    message.success(`参数集已保存（第 ${saved.version} 版）`);
    onClose();
  };

  return (
    <Drawer
      open
      size={760}
      title={set ? `编辑参数集：${set.name}（将保存为新版本）` : '新建政策参数集'}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<OverrideFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v).catch(() => undefined)}
      >
        <Form.Item
          name="name"
          label="参数集名称"
          rules={[{ required: true, whitespace: true, message: '请输入参数集名称' }]}
        >
          <Input placeholder="如：武陵区 2026 年村党组织书记报酬底线" disabled={set !== null} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="适用区划"
          rules={[{ required: true, message: '请选择适用区划' }]}
          extra="只能为本辖区或下级区划设置"
        >
          {set ? <Input disabled /> : <RegionSelect />}
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item
            name="fromYear"
            label="起始年度"
            rules={[{ required: true, message: '请输入起始年度' }]}
          >
            <InputNumber min={1949} max={2200} precision={0} />
          </Form.Item>
          <Form.Item
            name="toYear"
            label="截止年度（空为长期）"
            dependencies={['fromYear']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v: number | null) => {
                  const from = getFieldValue('fromYear') as number | null;
                  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
                  return v !== null && v !== undefined && from !== null && v < from
                    ? Promise.reject(
                        new DomainError('INVALID_INPUT', 'toYear', '截止年度不能早于起始年度'),
                      )
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber min={1949} max={2200} precision={0} />
          </Form.Item>
          <Form.Item
            name="effectiveDate"
            label="生效日期"
            rules={[{ required: true, message: '请选择生效日期' }]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="document" label="依据文件文号">
            <Input placeholder="如：武组发〔2026〕5号" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item
            name="section"
            label="条款"
            rules={[{ required: true, whitespace: true, message: '请输入依据的条款，如 §3' }]}
          >
            <Input placeholder="如：§3" style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>参数</Typography.Title>
        <Form.List
          name="parameters"
          rules={[
            {
              validator: (_r, list: OverrideFormValues['parameters']) =>
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
                list?.some((p) => p.key)
                  ? Promise.resolve()
                  : Promise.reject(
                      new DomainError('EMPTY_INPUT', 'parameters', '至少设置一个参数'),
                    ),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'key']}
                    rules={[{ required: true, message: '请选择参数' }]}
                  >
                    <Select<PolicyKey>
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="选择参数"
                      style={{ width: 290 }}
                      options={POLICY_KEYS.map((k) => ({
                        value: k,
                        label: POLICY_PARAMETERS[k].label,
                      }))}
                      onChange={() =>
                        form.setFieldValue(['parameters', field.name, 'value'], undefined)
                      }
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const key = form.getFieldValue(['parameters', field.name, 'key']) as
                        PolicyKey | undefined;
                      const unit = key ? POLICY_PARAMETERS[key].unit : undefined;
                      return (
                        <Form.Item
                          name={[field.name, 'value']}
                          rules={
                            key === 'rectConversionMinPct'
                              ? []
                              : [{ required: true, message: '请输入参数值' }]
                          }
                        >
                          <ValueInput unit={unit} policyKey={key} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>删除</Button>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" onClick={() => add({})} style={{ marginBottom: 16 }}>
                添加参数
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}
