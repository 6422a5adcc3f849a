import { formatYuan } from '@dangjian/domain';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { downloadBase64, errorMessage, fileToBase64, useTRPC, XLSX_MIME } from '@dangjian/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Flex, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { FloorReport, CadrePayItem, ImportError } from './types';
import { StatModal } from './StatModal';
import { CadrePayModal } from './CadrePayModal';
import { cadrePayColumns } from './cadrePayColumns';
import { ImportErrorsModal } from './ImportErrorsModal';

/**
 * 村（社区）干部基本报酬 (003 §4.3): each cadre's yearly basic pay against the floor, entered one
 * by one or through the fill-in sheet, with the reference figures the floor is derived from.
 */
export function CadrePayTab(props: {
  code: string;
  year: number;
  report: FloorReport | undefined;
  isAdmin: boolean;
  isVillage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<CadrePayItem | 'new' | null>(null);
  const [statOpen, setStatOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);
  const list = useQuery({
    ...trpc.floors.cadrePay.queryOptions({ regionCode: props.code, year: props.year }),
    placeholderData: keepPreviousData,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.floors.cadrePay.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.floors.check.pathKey() }),
    ]);
  const remove = useMutation(
    trpc.floors.deleteCadrePay.mutationOptions({
      onSuccess: () => {
        message.success('已删除');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const importSheet = useMutation(
    trpc.floors.importCadrePay.mutationOptions({
      onSuccess: (r) => {
        if (r.ok) {
          message.success(
            `导入完成：共 ${r.rowCount} 行，新增 ${r.created} 条，更新 ${r.updated} 条（新登记人员 ${r.newPeople} 名）`,
          );
          void refresh();
        } else {
          setImportErrors(r.errors);
        }
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const exportSheet = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.floors.cadrePayTemplate.queryOptions({ regionCode: props.code, year: props.year }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const items = list.data?.items ?? [];
  const short = items.filter((i) => i.met === false);
  const farmer = (props.report?.rows ?? [])
    .flatMap((r) => r.references.filter((x) => x.key === 'farmer_net_income_per_capita'))
    .filter((x, i, all) => all.findIndex((y) => y.valueFen === x.valueFen) === i);

  return (
    <>
      {list.data ? (
        <Typography.Paragraph type="secondary" data-testid="cadre-pay-rules">
          {list.data.rules.join('；')}
          。按每人核算的地区，每名干部的基本报酬均须达到底线，低于底线者逐人列出差额。
        </Typography.Paragraph>
      ) : null}
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增基本报酬记录
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportSheet()}>
          导出填报表
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={importSheet.isPending}
          beforeUpload={(file) => {
            void fileToBase64(file).then((base64) =>
              importSheet.mutate({ regionCode: props.code, year: props.year, base64 }),
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importSheet.isPending}>
            导入填报表
          </Button>
        </Upload>
        {props.isAdmin ? <Button onClick={() => setStatOpen(true)}>录入参考数据</Button> : null}
        <Tag>记录 {items.length} 人</Tag>
        <Tag color={short.length > 0 ? 'red' : 'green'}>
          低于底线 {short.length} 人
          {short.length > 0
            ? `，差额合计 ${formatYuan(
                short.reduce((t, i) => t + (i.shortfallFen ?? 0), 0),
                { grouped: true },
              )} 元`
            : ''}
        </Tag>
        {farmer.map((f) => (
          <Tooltip key={f.valueFen} title={f.source ?? undefined}>
            <Tag color="blue">
              {f.label}：{formatYuan(f.valueFen, { grouped: true })} 元
            </Tag>
          </Tooltip>
        ))}
      </Flex>
      <Table<CadrePayItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人` }}
        rowClassName={(r) => (r.met === false ? 'floor-unmet' : '')}
        columns={cadrePayColumns({
          year: props.year,
          onEdit: setEditing,
          onDelete: (id) => remove.mutate({ id }),
        })}
      />
      <CadrePayModal
        open={editing !== null}
        record={editing === 'new' ? null : editing}
        regionCode={props.code}
        isVillage={props.isVillage}
        year={props.year}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          void refresh();
        }}
      />
      <ImportErrorsModal errors={importErrors} onClose={() => setImportErrors(null)} />
      <StatModal
        open={statOpen}
        year={props.year}
        units={(props.report?.units ?? []).map((u) => ({ value: u.code, label: u.name }))}
        onClose={() => setStatOpen(false)}
        onDone={() => {
          setStatOpen(false);
          void refresh();
        }}
      />
    </>
  );
}
