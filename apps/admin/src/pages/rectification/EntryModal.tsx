import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES_TEXT,
  formatFileSize,
} from '@dangjian/domain';
import { errorMessage, fileToBase64, useTRPC } from '@dangjian/ui';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, Form, Input, Modal, Upload } from 'antd';
import { useState } from 'react';
import type { Problem } from './caseTypes';

/**
 * 记录进展: a dated note and its files (the public-confirmation record, minutes, photos), kept
 * with the entry (attachment.upload after the entry is saved; more can be added under it later).
 */
export function EntryModal(props: {
  problem: Problem | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ entryDate: string; note: string }>();
  const [files, setFiles] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const add = useMutation(trpc.rectification.addEntry.mutationOptions());
  const upload = useMutation(trpc.attachment.upload.mutationOptions());
  async function save(v: { entryDate: string; note: string }) {
    if (!props.problem) return;
    setSaving(true);
    try {
      const entry = await add.mutateAsync({
        problemId: props.problem.id,
        entryDate: v.entryDate,
        note: v.note,
      });
      const failed: string[] = [];
      for (const file of files) {
        try {
          await upload.mutateAsync({
            ownerKind: 'rect_entry',
            ownerId: entry.id,
            filename: file.name,
            base64: await fileToBase64(file),
          });
        } catch (e) {
          failed.push(`「${file.name}」：${errorMessage(e)}`);
        }
      }
      if (failed.length) message.warning(`进展已记录，以下附件未保存：${failed.join('；')}`, 8);
      else message.success(files.length ? `已记录进展和 ${files.length} 个附件` : '已记录进展');
      setFiles([]);
      props.onClose();
      await props.onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      title={props.problem ? `记录进展：${props.problem.description}` : '记录进展'}
      open={props.problem !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ entryDate: props.today }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="entryDate"
          label="日期"
          rules={[{ required: true, message: '请填写日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="note"
          label="进展情况"
          rules={[{ required: true, message: '请填写进展情况' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          label={`附件（会议记录、群众认可记录、公示照片等；${ATTACHMENT_TYPES_TEXT}，单个不超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)}）`}
        >
          <Upload
            multiple
            accept={ATTACHMENT_ACCEPT}
            beforeUpload={(file) => {
              if (file.size > ATTACHMENT_MAX_BYTES) {
                message.error(
                  `「${file.name}」为 ${formatFileSize(file.size)}，超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)} 的上限`,
                );
              } else {
                setFiles((list) => [...list, file]);
              }
              return false;
            }}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' }))}
            onRemove={(f) => setFiles((list) => list.filter((_, i) => String(i) !== f.uid))}
          >
            <Button icon={<PaperClipOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
