import { Button, Modal, Table, Typography } from 'antd';
import type { ImportError } from './types';

/** What a refused cadre pay sheet got wrong, row by row (nothing was written). */
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
      title="导入未完成：填报表有错误，未写入任何数据"
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
        scroll={{ x: true }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '—') },
          { title: '列', dataIndex: 'column', width: 110 },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
