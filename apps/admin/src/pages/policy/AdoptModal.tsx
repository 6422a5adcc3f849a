import { type PolicyKey } from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Checkbox, Modal, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyServerFieldErrors } from '../orgs/fieldErrors';
import { RegionSelect } from '../UsersPage';
import type { ShippedSet } from './types';

interface AdoptFormValues {
  regionCode: string;
  keys: PolicyKey[];
  fromYear: number;
  effectiveDate: Dayjs;
  note: string | null;
}

/** 参照执行: the department adopts another region's notice, all its parameters or those chosen. */
export function AdoptModal({ notice, onClose }: { notice: ShippedSet; onClose: () => void }) {
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
