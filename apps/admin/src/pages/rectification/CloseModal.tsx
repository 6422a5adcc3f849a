import { PUBLIC_CONFIRMATION_METHOD_LABELS, PUBLIC_CONFIRMATION_METHODS } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Form, Input, Modal, Select, Typography } from 'antd';
import type { Problem } from './caseTypes';

interface CloseValues {
  closedOn: string;
  confirmedBy: string;
  confirmedOn: string;
  method: (typeof PUBLIC_CONFIRMATION_METHODS)[number];
  evidence: string;
}

/** 销号: only with the public's confirmation — who, how, when, on what record (000 §1). */
export function CloseModal(props: {
  problem: Problem | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CloseValues>();
  const close = useMutation(
    trpc.rectification.closeItem.mutationOptions({
      onSuccess: async () => {
        message.success('已销号');
        props.onClose();
        await props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.problem ? `销号：${props.problem.description}` : '销号'}
      open={props.problem !== null}
      onCancel={props.onClose}
      okText="确认销号"
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        群众认可一件、销号一件：须记录由谁确认、以何种方式、何时确认及其依据。
      </Typography.Paragraph>
      <Form<CloseValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ closedOn: props.today, confirmedOn: props.today }}
        onFinish={(v) =>
          props.problem &&
          close.mutate({
            problemId: props.problem.id,
            closedOn: v.closedOn,
            publicConfirmation: {
              // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
              confirmedBy: v.confirmedBy ?? '',
              confirmedOn: v.confirmedOn,
              method: v.method,
              // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
              evidence: v.evidence ?? '',
            },
          })
        }
      >
        <Form.Item
          name="closedOn"
          label="销号日期"
          rules={[{ required: true, message: '请填写销号日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="confirmedBy" label="确认人（主持人或组织者）">
          <Input />
        </Form.Item>
        <Form.Item
          name="method"
          label="认可方式"
          rules={[{ required: true, message: '请选择认可方式' }]}
        >
          <Select
            aria-label="认可方式"
            data-testid="confirmation-method"
            options={PUBLIC_CONFIRMATION_METHODS.map((m) => ({
              value: m,
              label: PUBLIC_CONFIRMATION_METHOD_LABELS[m],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="confirmedOn"
          label="认可日期"
          rules={[{ required: true, message: '请填写认可日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="evidence" label="认可依据（会议记录、测评结果、公示照片等）">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
