import {
  CameraOutlined,
  DownloadOutlined,
  EyeOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES_TEXT,
  formatFileSize,
  isImageMime,
} from '@dangjian/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Modal, Space, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { fileToBase64 } from './download';
import { errorMessage, useTRPC } from './trpc';

export type AttachmentOwnerKind = 'rect_entry' | 'work_log' | 'org_meeting';

export interface AttachmentsProps {
  owner: { kind: AttachmentOwnerKind; id: number };
  /** Offer the upload buttons (the server decides too: only who may write the record sees them). */
  editable?: boolean;
  /** Offer a 拍照 button that opens the phone's camera (work-log photos). */
  camera?: boolean;
  /** What the files are, for the empty text and the button (e.g. 「群众认可记录」). */
  label?: string;
  /** Show nothing at all when there are no files and none can be added (long lists). */
  hideWhenEmpty?: boolean;
}

interface Opened {
  id: number;
  filename: string;
  mimeType: string;
  url: string;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function saveAs(filename: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The files kept with one record (issue 16): a list (name, size, who uploaded, when), 查看 (an
 * image inline, a PDF in a frame, both from an object URL of the downloaded bytes), 下载, and —
 * where the caller may write the record — upload buttons (拍照 opens the rear camera on a phone).
 * Every download is audited by the server, so files are fetched when opened, not on listing.
 */
export function Attachments({
  owner,
  editable = false,
  camera = false,
  label = '附件',
  hideWhenEmpty = false,
}: AttachmentsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const listOptions = trpc.attachment.list.queryOptions({
    ownerKind: owner.kind,
    ownerId: owner.id,
  });
  const list = useQuery(listOptions);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [uploading, setUploading] = useState(0);

  useEffect(() => () => (opened ? URL.revokeObjectURL(opened.url) : undefined), [opened]);

  const upload = useMutation(trpc.attachment.upload.mutationOptions());
  const download = useMutation(trpc.attachment.download.mutationOptions());

  async function send(file: File): Promise<void> {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(
        `文件「${file.name}」为 ${formatFileSize(file.size)}，超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)} 的上限，请压缩后再上传`,
      );
      return;
    }
    setUploading((n) => n + 1);
    try {
      await upload.mutateAsync({
        ownerKind: owner.kind,
        ownerId: owner.id,
        filename: file.name,
        base64: await fileToBase64(file),
      });
      message.success(`已上传「${file.name}」`);
      await queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading((n) => n - 1);
    }
  }

  async function open(id: number, thenSave = false): Promise<void> {
    try {
      const got = await download.mutateAsync({ id });
      const url = URL.createObjectURL(new Blob([bytesOf(got.base64)], { type: got.mimeType }));
      if (thenSave) {
        saveAs(got.filename, url);
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        return;
      }
      setOpened({ id, filename: got.filename, mimeType: got.mimeType, url });
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const canUpload = editable && list.data?.canUpload === true;
  const items = list.data?.items ?? [];
  const uploadProps = {
    multiple: true,
    showUploadList: false,
    beforeUpload: (file: File) => {
      void send(file);
      return false as const;
    },
  };

  return (
    <div data-testid={`attachments-${owner.kind}-${owner.id}`}>
      {list.isLoading ? (
        <Spin size="small" />
      ) : list.error ? (
        <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>
      ) : items.length === 0 ? (
        canUpload || hideWhenEmpty ? null : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            暂无{label}
          </Typography.Text>
        )
      ) : (
        <Flex vertical gap={4}>
          {items.map((a) => (
            <Flex key={a.id} wrap gap={4} align="center" data-testid="attachment-item">
              <PaperClipOutlined />
              <Typography.Link onClick={() => void open(a.id)} style={{ wordBreak: 'break-all' }}>
                {a.filename}
              </Typography.Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatFileSize(a.size)} · {a.uploadedByName ?? '—'} ·{' '}
                {new Date(a.uploadedAt).toLocaleString('zh-CN', { hour12: false })}
              </Typography.Text>
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<EyeOutlined />}
                  aria-label={`查看 ${a.filename}`}
                  onClick={() => void open(a.id)}
                >
                  查看
                </Button>
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  aria-label={`下载 ${a.filename}`}
                  onClick={() => void open(a.id, true)}
                >
                  下载
                </Button>
              </Space>
            </Flex>
          ))}
        </Flex>
      )}
      {canUpload ? (
        <Space wrap size={8} style={{ marginTop: 6 }}>
          {camera ? (
            <Upload {...uploadProps} accept="image/*" capture="environment">
              <Button size="small" icon={<CameraOutlined />} loading={uploading > 0}>
                拍照
              </Button>
            </Upload>
          ) : null}
          <Upload {...uploadProps} accept={ATTACHMENT_ACCEPT}>
            <Button size="small" icon={<PaperClipOutlined />} loading={uploading > 0}>
              上传{label}
            </Button>
          </Upload>
        </Space>
      ) : null}
      {canUpload && !camera ? (
        <div style={{ fontSize: 12, opacity: 0.65 }}>
          {ATTACHMENT_TYPES_TEXT}，每个不超过 {formatFileSize(ATTACHMENT_MAX_BYTES)}
        </div>
      ) : null}
      <Modal
        open={opened !== null}
        title={opened?.filename}
        onCancel={() => setOpened(null)}
        width={820}
        footer={
          opened ? (
            <Space wrap>
              {opened.mimeType === 'application/pdf' ? (
                <Button onClick={() => window.open(opened.url, '_blank', 'noopener')}>
                  新窗口打开
                </Button>
              ) : null}
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                onClick={() => saveAs(opened.filename, opened.url)}
              >
                下载
              </Button>
            </Space>
          ) : null
        }
      >
        {opened ? (
          isImageMime(opened.mimeType) && opened.mimeType !== 'image/heic' ? (
            <img
              src={opened.url}
              alt={opened.filename}
              data-testid="attachment-preview"
              style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }}
            />
          ) : opened.mimeType === 'application/pdf' ? (
            <iframe
              src={opened.url}
              title={opened.filename}
              data-testid="attachment-preview"
              style={{ width: '100%', height: '70vh', border: 0 }}
            />
          ) : (
            <Typography.Paragraph data-testid="attachment-preview">
              此类文件（{opened.mimeType === 'image/heic' ? 'HEIC 图片' : 'Office 文档'}
              ）不能在浏览器中预览，请下载后查看。
            </Typography.Paragraph>
          )
        ) : null}
      </Modal>
    </div>
  );
}
