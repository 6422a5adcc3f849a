import type { RouterOutputs } from '@dangjian/api';
import { Button, Modal, Table, Typography } from 'antd';

type ImportResult = RouterOutputs['grading']['importSheet'];
export type ImportError = Extract<ImportResult, { ok: false }>['errors'][number];

/** What a refused grading sheet got wrong, row by row (nothing was written). */
export function ImportErrorsModal({
  errors,
  onClose,
}: {
  errors: ImportError[] | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={errors !== null}
      title="导入未完成：定级表有错误，未写入任何数据"
      width={760}
      onCancel={() => onClose()}
      footer={<Button onClick={() => onClose()}>知道了</Button>}
    >
      <Typography.Paragraph type="secondary">
        请按下列行号修改后重新导入（共 {errors?.length ?? 0} 处）。
      </Typography.Paragraph>
      <Table<ImportError>
        data-testid="import-errors"
        size="small"
        rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
        dataSource={errors ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '—') },
          { title: '列', dataIndex: 'column', width: 100 },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
