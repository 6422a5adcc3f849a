import {
  defined,
  downloadBase64,
  errorMessage,
  RegionSplit,
  useTRPC,
  XLSX_MIME,
} from '@dangjian/ui';
import { PlusOutlined } from '@ant-design/icons';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Select, Space, Table } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { CASE_COLUMNS } from './rectification/caseColumns';
import { CaseDrawer } from './rectification/CaseDrawer';
import { CreateCaseModal } from './rectification/CreateCaseModal';
import type { CaseItem, FormKind } from './rectification/listTypes';
import { QuotaSummary } from './rectification/QuotaSummary';

/** 整顿软弱涣散 (002; 000 §1, §3): listing with the quota, one org one plan, ledger, forms. */
export function RectificationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [creating, setCreating] = useState(false);
  const [openCase, setOpenCase] = useState<number | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const code = picked ?? root.data?.code;
  const list = useQuery({
    ...trpc.rectification.list.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.rectification.pathKey() });
  const carryOver = useMutation(
    trpc.rectification.carryOver.mutationOptions({
      onSuccess: (r) => {
        if (r.carried > 0) message.success(`已将上年未完成整顿的 ${r.carried} 个党组织结转至本年`);
        void invalidate();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  // 回头看: last year's unfinished cases carry over on the first listing of the year.
  const carried = useRef(new Set<string>());
  const pending = list.data?.pendingCarryOver ?? 0;
  useEffect(() => {
    if (!code || pending === 0 || list.data?.regionCode !== code || list.data.year !== year) return;
    const key = `${code}:${year}`;
    if (carried.current.has(key)) return;
    carried.current.add(key);
    carryOver.mutate({ regionCode: code, toYear: year });
  }, [code, year, pending, list.data, carryOver]);

  const exportForm = async (form: FormKind) => {
    if (!code) return;
    setExporting(form);
    try {
      const file = await queryClient.fetchQuery(
        trpc.rectification.exportForm.queryOptions({ regionCode: code, year, form }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(null);
    }
  };

  const data = list.data;
  return (
    <RegionSplit selected={code} onSelect={setPicked}>
      <Card
        style={{ flex: 1, minWidth: 0 }}
        title={
          <span data-testid="rectification-title">
            {data ? `${data.regionName} ${data.year} 年整顿软弱涣散基层党组织` : '整顿软弱涣散'}
          </span>
        }
        extra={
          <Space>
            <Select
              aria-label="年度"
              data-testid="rectification-year"
              value={year}
              onChange={setYear}
              options={YEAR_OPTIONS}
              style={{ width: 110 }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              列入整顿对象
            </Button>
          </Space>
        }
      >
        {list.error ? (
          <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {data ? (
          <QuotaSummary data={data} exporting={exporting} onExport={(f) => void exportForm(f)} />
        ) : null}
        <Table<CaseItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个` }}
          onRow={(c) => ({ onClick: () => setOpenCase(c.id), style: { cursor: 'pointer' } })}
          columns={CASE_COLUMNS}
        />
      </Card>
      {code ? (
        <CreateCaseModal
          open={creating}
          regionCode={code}
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void invalidate();
            setOpenCase(id);
          }}
        />
      ) : null}
      <CaseDrawer
        id={openCase}
        onClose={() => setOpenCase(null)}
        onChanged={() => void invalidate()}
      />
    </RegionSplit>
  );
}
