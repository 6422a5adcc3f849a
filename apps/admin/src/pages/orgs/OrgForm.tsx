import type { FormInstance } from 'antd';
import {
  DomainError,
  FIELD_CATEGORIES,
  FIELD_CATEGORY_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  type FieldCategory,
  type OrgKind,
} from '@dangjian/domain';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { type Dayjs } from 'dayjs';
import { toDate } from './dates';
import { RemoteSelect } from './RemoteSelect';
import type { RouterOutputs } from '@dangjian/api';

/** The organisation form: name, kind, field, members, parent, secretary and term. */
export function OrgForm({
  form,
  org,
  regionName,
  saving,
  onSubmit,
}: {
  form: FormInstance<OrgFormValues>;
  org: RouterOutputs['org']['byId'] | undefined;
  regionName: string;
  saving: boolean;
  onSubmit: (v: OrgFormValues) => void;
}) {
  return (
    <Form<OrgFormValues>
      form={form}
      layout="vertical"
      onFinish={onSubmit}
      initialValues={
        org
          ? {
              name: org.name,
              kind: org.kind,
              category: org.category,
              parentId: org.parentId,
              memberCount: org.memberCount,
              term:
                org.termStart || org.termEnd ? [toDate(org.termStart), toDate(org.termEnd)] : null,
              secretaryId: org.secretaryId,
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
        <span>{org?.regionName ?? regionName}</span>
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
          initialLabel={org?.parentName ?? null}
        />
      </Form.Item>
      <Form.Item name="secretaryId" label="书记" extra="更换书记后，原书记保留在“历史”中">
        <RemoteSelect
          kind="person"
          placeholder="输入姓名搜索人员"
          initialLabel={org?.secretaryName ?? null}
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
      <Button type="primary" htmlType="submit" loading={saving}>
        保存
      </Button>
    </Form>
  );
}

export interface OrgFormValues {
  name: string;
  kind: OrgKind;
  category: FieldCategory;
  parentId: number | null;
  memberCount: number;
  term: [Dayjs | null, Dayjs | null] | null;
  secretaryId: number | null;
}
