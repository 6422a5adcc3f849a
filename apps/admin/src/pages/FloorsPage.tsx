import type { RouterOutputs } from '@dangjian/api';
import { formatYuan, POLICY_UNIT_LABELS } from '@dangjian/domain';
import { errorMessage, RegionTree, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';

type FloorRow = RouterOutputs['floors']['check']['rows'][number];

/** Fen as 元 with thousands separators: 1234567 → "12,345.67". */
export function yuan(fen: number | null): string {
  if (fen === null) return '——';
  const [whole = '0', cents = '00'] = formatYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const STATUS: Record<FloorRow['status'], { color: string; label: string }> = {
  met: { color: 'green', label: '达标' },
  unmet: { color: 'red', label: '未达标' },
  no_data: { color: 'default', label: '未录入' },
  unavailable: { color: 'orange', label: '无法核算' },
};

/** 保障底线: every floor per county, those falling short first, with the notice that sets each. */
export function FloorsPage() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(YEAR_OPTIONS[0]!.value);
  const code = picked ?? root.data?.code;
  const report = useQuery({
    ...trpc.floors.check.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  // Rows of one unit share a merged unit cell.
  const firstOfUnit = new Set<number>();
  const spans = new Map<number, number>();
  (data?.rows ?? []).forEach((r, i, all) => {
    if (i === 0 || all[i - 1]!.unitCode !== r.unitCode) {
      firstOfUnit.add(i);
      spans.set(i, all.filter((x) => x.unitCode === r.unitCode).length);
    }
  });

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card size="small" style={{ width: 280, flexShrink: 0 }} styles={{ body: { padding: 0 } }}>
        <RegionTree selected={code} onSelect={setPicked} />
      </Card>
      <Card
        style={{ flex: 1, minWidth: 0 }}
        title={
          <span data-testid="floors-title">
            {data ? `${data.regionName} ${data.year} 年保障底线` : '保障底线'}
          </span>
        }
        extra={
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={YEAR_OPTIONS}
            style={{ width: 110 }}
          />
        }
      >
        {report.error ? (
          <Alert type="error" title={errorMessage(report.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {data?.scopeNote ? (
          <Alert type="info" title={data.scopeNote} style={{ marginBottom: 16 }} />
        ) : null}
        {data ? (
          <Space wrap style={{ marginBottom: 16 }}>
            {data.summary.map((s) => (
              <Tag
                key={s.floor}
                color={s.unmet > 0 ? 'red' : s.evaluated > 0 ? 'green' : 'default'}
              >
                {s.label}：{s.met}/{s.evaluated} 达标
                {s.unmet > 0 ? `，共缺口 ${yuan(s.shortfallFen)} 元` : ''}
              </Tag>
            ))}
          </Space>
        ) : null}
        <Table<FloorRow>
          rowKey={(r) => `${r.unitCode}:${r.floor}`}
          size="small"
          bordered
          loading={report.isFetching}
          dataSource={data?.rows ?? []}
          pagination={false}
          scroll={{ x: 1300 }}
          rowClassName={(r) => (r.status === 'unmet' ? 'floor-unmet' : '')}
          columns={[
            {
              title: '核算单位',
              dataIndex: 'unitName',
              width: 130,
              fixed: 'left',
              onCell: (_r, i) => ({
                rowSpan: i !== undefined && firstOfUnit.has(i) ? spans.get(i) : 0,
              }),
            },
            { title: '底线项目', dataIndex: 'label', width: 190 },
            {
              title: '口径',
              key: 'kind',
              width: 150,
              render: (_: unknown, r) => (r.kindLabel ? `${r.kindLabel}（${r.per}）` : '——'),
            },
            {
              title: '底线（元）',
              dataIndex: 'floorFen',
              width: 130,
              align: 'right',
              render: (v: number | null) => yuan(v),
            },
            {
              title: '实际（元）',
              dataIndex: 'actualFen',
              width: 130,
              align: 'right',
              render: (v: number | null, r) => (
                <Typography.Text type={r.status === 'unmet' ? 'danger' : undefined}>
                  {yuan(v)}
                </Typography.Text>
              ),
            },
            {
              title: '缺口（元）',
              dataIndex: 'shortfallFen',
              width: 140,
              align: 'right',
              render: (v: number, r) =>
                r.status === 'unmet' ? (
                  <Typography.Text type="danger" strong data-testid="shortfall">
                    {yuan(v)}
                  </Typography.Text>
                ) : r.met === null ? (
                  '——'
                ) : (
                  yuan(v)
                ),
            },
            { title: '计数', dataIndex: 'count', width: 70, align: 'right' },
            {
              title: '结论',
              dataIndex: 'status',
              width: 90,
              render: (s: FloorRow['status']) => (
                <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
              ),
            },
            {
              title: '参考数据',
              key: 'refs',
              width: 200,
              render: (_: unknown, r) =>
                r.references.length === 0
                  ? '——'
                  : r.references.map((x) => (
                      <div key={x.key}>
                        <Tooltip title={x.source ?? undefined}>
                          {x.label}：{yuan(x.valueFen)} 元
                        </Tooltip>
                      </div>
                    )),
            },
            {
              title: '政策依据（来源文件）',
              key: 'basis',
              width: 280,
              render: (_: unknown, r) =>
                r.basis.length === 0
                  ? '——'
                  : r.basis.map((b) => (
                      <div key={b.key}>
                        <Tooltip
                          title={`${b.label} = ${String(b.value)}（${POLICY_UNIT_LABELS[b.unit]}）`}
                        >
                          {b.source}
                        </Tooltip>
                      </div>
                    )),
            },
            { title: '说明', dataIndex: 'note', width: 260, render: (n: string | null) => n ?? '' },
          ]}
        />
        <style>{'.floor-unmet td { background: #fff1f0 !important; }'}</style>
      </Card>
    </div>
  );
}
