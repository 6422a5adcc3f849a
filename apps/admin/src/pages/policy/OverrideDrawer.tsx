import type { RouterInputs } from '@dangjian/api';
import { DomainError, POLICY_PARAMETERS, yuanToFen, type PolicyKey } from '@dangjian/domain';
import { defined, errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyServerFieldErrors } from '../orgs/fieldErrors';
import { RegionSelect } from '../UsersPage';
import type { SetItem } from './types';
import { MONEY_UNITS } from './labels';
import { ParameterList } from './ParameterList';

export interface OverrideFormValues {
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

/** Create an override set, or a new version of one: values, years, effective date and the document it follows. */
export function OverrideDrawer({ set, onClose }: { set: SetItem | null; onClose: () => void }) {
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
        <ParameterList form={form} />
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
