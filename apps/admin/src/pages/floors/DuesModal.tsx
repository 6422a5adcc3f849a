import { yuanToFen } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { App as AntApp, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../orglife/shared';
import { yuanInputProps } from './yuanInput';

interface DuesValues {
  category: 'non_public' | 'social_org';
  orgId?: number;
  direction: 'paid' | 'returned';
  date: string;
  amountYuan: number;
  note?: string;
}

export function DuesModal(props: {
  target: { orgId?: number; orgName?: string } | null;
  regionCode: string;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DuesValues>();
  const category = Form.useWatch('category', form);
  const [search, setSearch] = useState('');
  const fixed = props.target?.orgId;
  const orgs = useQuery(
    trpc.org.list.queryOptions(
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
      props.target && fixed === undefined && category
        ? {
            regionCode: props.regionCode,
            category,
            search: search || undefined,
            page: 1,
            pageSize: 30,
          }
        : skipToken,
    ),
  );
  const record = useMutation(
    trpc.dues.record.mutationOptions({
      onSuccess: () => {
        message.success('已登记');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.target?.orgName ? `登记党费：${props.target.orgName}` : '登记党费上缴或返还'}
      open={props.target !== null}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<DuesValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ category: 'non_public', direction: 'returned', date: chinaToday() }}
        onFinish={(v) => {
          let amountFen: number;
          try {
            amountFen = yuanToFen(v.amountYuan, '金额');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          const orgId = fixed ?? v.orgId;
          if (orgId === undefined) {
            message.error('请选择党组织');
            return;
          }
          record.mutate({
            orgId,
            year: props.year,
            direction: v.direction,
            date: v.date,
            amountFen,
            note: v.note?.trim() || null,
          });
        }}
      >
        <Typography.Paragraph type="secondary">{props.year} 年度党费</Typography.Paragraph>
        {fixed === undefined ? (
          <>
            <Form.Item name="category" label="领域">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'non_public', label: '非公企业' },
                  { value: 'social_org', label: '社会组织' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="orgId"
              label="党组织"
              rules={[{ required: true, message: '请选择党组织' }]}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder="输入名称搜索"
                loading={orgs.isFetching}
                options={(orgs.data?.items ?? []).map((o) => ({
                  value: o.id,
                  label: `${o.name}（${o.regionName}）`,
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="direction" label="类型">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'paid', label: '党员党费上缴' },
              { value: 'returned', label: '组织部门返还' },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label="金额"
          rules={[{ required: true, message: '请填写金额' }]}
        >
          <InputNumber<number> {...yuanInputProps} min={0.01} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
