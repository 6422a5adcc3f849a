import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { downloadBase64, errorMessage, fileToBase64, useTRPC, XLSX_MIME } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { ImportErrorsModal, type ImportError } from './ImportErrorsModal';

/**
 * The grading sheet's round trip: export the region's sheet for the year, import it back filled in;
 * a refused sheet's errors open in a dialog.
 */
export function SheetButtons({
  code,
  year,
  onImported,
}: {
  code: string | undefined;
  year: number;
  onImported: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);
  const [exporting, setExporting] = useState(false);
  const importSheet = useMutation(
    trpc.grading.importSheet.mutationOptions({
      onSuccess: async (r) => {
        if (r.ok) {
          message.success(
            `导入完成：共 ${r.rowCount} 行，更新 ${r.changed} 个，未变 ${r.unchanged} 个，未填等次 ${r.skipped} 个`,
          );
          await onImported();
        } else {
          setImportErrors(r.errors);
        }
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  const exportSheet = async () => {
    if (!code) return;
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.grading.exportSheet.queryOptions({ regionCode: code, year }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Space>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportSheet()}
          disabled={!code}
        >
          导出定级表
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={!code || importSheet.isPending}
          beforeUpload={(file) => {
            if (code) {
              void fileToBase64(file).then((base64) =>
                importSheet.mutate({ regionCode: code, year, base64 }),
              );
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importSheet.isPending} disabled={!code}>
            导入定级表
          </Button>
        </Upload>
      </Space>
      <ImportErrorsModal errors={importErrors} onClose={() => setImportErrors(null)} />
    </>
  );
}
