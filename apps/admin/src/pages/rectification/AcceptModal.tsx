import { citation } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';

export function AcceptModal(props: {
  caseId: number | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{
    acceptedOn: string;
    passed: boolean;
    publicOpinionHeard: boolean;
  }>();
  const accept = useMutation(
    trpc.rectification.accept.mutationOptions({
      onSuccess: async (r) => {
        message.success(r.acceptance.passed ? '验收通过' : '已记录验收未通过');
        props.onClose();
        await props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title="考核验收"
      open={props.caseId !== null}
      onCancel={props.onClose}
      okText="保存验收结论"
      confirmLoading={accept.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        考核验收要坚持群众公认、注重听取群众意见（{citation('002', '§5')}）。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ acceptedOn: props.today, passed: true, publicOpinionHeard: false }}
        onFinish={(v) =>
          props.caseId !== null &&
          accept.mutate({
            caseId: props.caseId,
            acceptedOn: v.acceptedOn,
            passed: v.passed,
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
            publicOpinionHeard: v.publicOpinionHeard ?? false,
          })
        }
      >
        <Form.Item
          name="acceptedOn"
          label="验收日期"
          rules={[{ required: true, message: '请填写验收日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="passed" label="验收结论">
          <Radio.Group
            options={[
              { value: true, label: '通过' },
              { value: false, label: '不通过' },
            ]}
          />
        </Form.Item>
        <Form.Item name="publicOpinionHeard" valuePropName="checked">
          <Checkbox>已听取党员群众意见</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
