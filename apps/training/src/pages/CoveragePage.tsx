import type { RouterOutputs } from '@dangjian/api';
import {
  DUTY_STATUS_LABELS,
  rate,
  TRAINING_DUTIES,
  TRAINING_DUTY_LABELS,
  type TrainingDuty,
} from '@dangjian/domain';
import { defined, errorMessage, useTRPC, XLSX_MIME, downloadBase64 } from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Cite, Source } from './Cite';

type Coverage = RouterOutputs['training']['coverage'];
type RegionRow = Coverage['regions'][number];
type MissingRow = Coverage['missing'][number];

const SHORT: Record<TrainingDuty, string> = {
  rotation_first_half: '上半年轮训',
  annual: '年内轮训',
  new_secretary_special: '新任书记专题培训',
};
const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2];

/** A link that changes the page's own state (drill-down), not the URL. */
function DrillLink({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <a
      href="#"
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
    >
      {children}
    </a>
  );
}

function percent(fulfilled: number, required: number): string {
  const p = rate(fulfilled, required).percent;
  return p === null ? '——' : `${p}%`;
}

/**
 * 培训覆盖: for a region and year, per child region how many secretaries owe each duty and how
 * many fulfilled it (000 §2, 002 §3); click a region to drill down; the list of who is missing.
 */
export function CoveragePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const [year, setYear] = useState(THIS_YEAR);
  const current = path.at(-1)?.code ?? root.data?.code;
  const coverage = useQuery({
    ...trpc.training.coverage.queryOptions(current ? { regionCode: current, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(
        trpc.training.coverageExport.queryOptions({ regionCode: defined(current), year }),
      ),
    onSuccess: (f) => downloadBase64(f.filename, f.base64, XLSX_MIME),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const data = coverage.data;
  const crumbs = [...(root.data ? [{ code: root.data.code, name: root.data.name }] : []), ...path];
  const drill = (r: RegionRow) => {
    if (data && data.groupBy !== 'village')
      setPath([...path, { code: r.regionCode, name: r.name }]);
  };
  const dutyColumns = TRAINING_DUTIES.map((duty) => ({
    title: TRAINING_DUTY_LABELS[duty],
    children: [
      {
        title: '应完成',
        key: `${duty}-required`,
        width: 80,
        render: (_: unknown, r: RegionRow) =>
          defined(r.duties.find((d) => d.duty === duty)).required,
      },
      {
        title: '已完成',
        key: `${duty}-fulfilled`,
        width: 80,
        render: (_: unknown, r: RegionRow) => (
          <span data-testid={`${duty}-fulfilled-${r.regionCode}`}>
            {defined(r.duties.find((d) => d.duty === duty)).fulfilled}
          </span>
        ),
      },
      {
        title: '逾期未完成',
        key: `${duty}-overdue`,
        width: 96,
        render: (_: unknown, r: RegionRow) => {
          const n = defined(r.duties.find((d) => d.duty === duty)).overdue;
          return n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : 0;
        },
      },
    ],
  }));
  return (
    <Card
      title={
        <span data-testid="coverage-title">
          {data ? `${data.region.name} ${data.year} 年书记培训覆盖` : '培训覆盖'}
        </span>
      }
      extra={
        <Space wrap>
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <Button
            onClick={() => exporting.mutate()}
            loading={exporting.isPending}
            disabled={!current}
          >
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={crumbs.map((c, i) => ({
          title:
            i < crumbs.length - 1 ? (
              <DrillLink onClick={() => setPath(path.slice(0, i))}>{c.name}</DrillLink>
            ) : (
              c.name
            ),
        }))}
      />
      {coverage.error ? <Alert type="error" title={errorMessage(coverage.error)} /> : null}
      {data ? (
        <>
          <Space wrap size="large" style={{ marginBottom: 16 }}>
            {data.totals.map((t) => (
              <Card size="small" key={t.duty} style={{ minWidth: 220 }}>
                <Statistic
                  title={TRAINING_DUTY_LABELS[t.duty]}
                  value={`${t.fulfilled} / ${t.required}`}
                  suffix={
                    <span style={{ fontSize: 14 }}>（{percent(t.fulfilled, t.required)}）</span>
                  }
                />
                <span data-testid={`total-${t.duty}`} style={{ display: 'none' }}>
                  {t.fulfilled}
                </span>
                {t.overdue > 0 ? (
                  <Typography.Text type="danger">逾期未完成 {t.overdue} 人</Typography.Text>
                ) : null}
              </Card>
            ))}
          </Space>
          {data.yearlyClasses ? (
            <Alert
              style={{ marginBottom: 12 }}
              type={data.yearlyClasses.cityModelClassHeld ? 'info' : 'warning'}
              title={
                <span data-testid="yearly-classes">
                  <Cite notice="001" section="§6" />
                  ：市级示范培训班{data.yearlyClasses.cityModelClassHeld ? '已举办' : '尚未举办'}
                  ；未举办区县书记培训班的区县 {data.yearlyClasses.countiesWithoutClass.length} 个
                </span>
              }
            />
          ) : null}
          <Table<RegionRow>
            rowKey="regionCode"
            size="small"
            bordered
            dataSource={data.regions}
            scroll={{ x: 1000 }}
            pagination={false}
            columns={[
              {
                title: '区域',
                dataIndex: 'name',
                fixed: 'left',
                width: 160,
                render: (name: string, r) =>
                  data.groupBy === 'village' ? (
                    name
                  ) : (
                    <DrillLink onClick={() => drill(r)}>{name}</DrillLink>
                  ),
              },
              ...dutyColumns,
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            尚未完成培训的书记（共 {data.missingTotal} 人
            {data.missingTotal > data.missing.length
              ? `，显示前 ${data.missing.length} 人，完整名单请导出`
              : ''}
            ）
          </Typography.Title>
          <Table<MissingRow>
            rowKey="personId"
            size="small"
            dataSource={data.missing}
            scroll={{ x: 800 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
              { title: '区划', dataIndex: 'regionName', width: 150, ellipsis: true },
              { title: '任职日期', dataIndex: 'appointedOn', width: 110 },
              {
                title: '未完成',
                render: (_, r) =>
                  r.missing.map((m) => (
                    <Tag key={m.duty} color={m.status === 'overdue' ? 'red' : 'gold'}>
                      {SHORT[m.duty]}·{DUTY_STATUS_LABELS[m.status]}
                    </Tag>
                  )),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            依据：
            {[...new Map(data.basis.map((b) => [b.source, b])).values()].map((b, i) => (
              <span key={b.source}>
                {i > 0 ? '；' : ''}
                <Source text={b.source} title={b.sourceTitle} />
              </span>
            ))}
            。执行政策：
            {data.policyLabel}，截至 {data.asOf}。
          </Typography.Paragraph>
        </>
      ) : null}
    </Card>
  );
}
