import { formatYuan, POLICY_UNIT_LABELS } from '@dangjian/domain';
import { defined } from '@dangjian/ui';
import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { FloorReport, FloorRow, BelowCadre } from './types';
import { FLOOR_WORD, ACTUAL_WORD, Verdict } from './verdict';
import { FloorCards } from './FloorCards';

export function FloorsTable(props: {
  report: FloorReport | undefined;
  loading: boolean;
  phone: boolean;
}) {
  const data = props.report;
  // Rows of one unit share a merged unit cell.
  const firstOfUnit = new Set<number>();
  const spans = new Map<number, number>();
  (data?.rows ?? []).forEach((r, i, all) => {
    if (i === 0 || defined(all[i - 1]).unitCode !== r.unitCode) {
      firstOfUnit.add(i);
      spans.set(i, all.filter((x) => x.unitCode === r.unitCode).length);
    }
  });
  const policyOf = new Map((data?.units ?? []).map((u) => [u.code, u.policyLabel]));

  return (
    <>
      {data?.scopeNote ? (
        <Alert type="info" title={data.scopeNote} style={{ marginBottom: 16 }} />
      ) : null}
      {data ? (
        <Space wrap style={{ marginBottom: 16 }}>
          {data.summary.map((s) => (
            <Tag key={s.floor} color={s.unmet > 0 ? 'red' : s.evaluated > 0 ? 'green' : 'default'}>
              {s.label}：{s.met}/{s.evaluated} 达标
              {s.shortfallFen > 0
                ? `，缺口合计 ${formatYuan(s.shortfallFen, { grouped: true })} 元`
                : ''}
            </Tag>
          ))}
        </Space>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        “平均”口径的底线和实际为人（村、社区）均数；“每人（项）”口径的底线为每人（项）标准、实际为最低一人（项）；缺口为仍需补足的金额合计。
      </Typography.Paragraph>
      {props.phone && data ? <FloorCards report={data} /> : null}
      <Table<FloorRow>
        style={props.phone ? { display: 'none' } : undefined}
        rowKey={(r) => `${r.unitCode}:${r.floor}`}
        size="small"
        bordered
        loading={props.loading}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 1400 }}
        rowClassName={(r) => (r.status === 'unmet' ? 'floor-unmet' : '')}
        expandable={{
          rowExpandable: (r) => r.below.length > 0,
          expandedRowRender: (r) => <BelowTable rows={r.below} />,
        }}
        columns={[
          {
            title: '核算单位',
            dataIndex: 'unitName',
            width: 120,
            fixed: 'left',
            onCell: (_r, i) => ({
              rowSpan: i !== undefined && firstOfUnit.has(i) ? spans.get(i) : 0,
            }),
            render: (name: string, r) => (
              <Tooltip title={`执行政策：${policyOf.get(r.unitCode) ?? ''}`}>{name}</Tooltip>
            ),
          },
          { title: '底线项目', dataIndex: 'label', width: 170, fixed: 'left' },
          {
            title: '结论',
            key: 'status',
            width: 190,
            render: (_: unknown, r) => <Verdict row={r} />,
          },
          {
            title: '口径',
            key: 'kind',
            width: 150,
            render: (_: unknown, r) => (r.kindLabel ? `${r.kindLabel}（${r.per}）` : '——'),
          },
          {
            title: '底线标准（元，平均或每人/项）',
            dataIndex: 'floorFen',
            width: 160,
            align: 'right',
            render: (v: number | null, r) =>
              v === null || r.kind === null ? (
                '——'
              ) : (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {FLOOR_WORD[r.kind]}{' '}
                  </Typography.Text>
                  {formatYuan(v, { grouped: true })}
                </>
              ),
          },
          {
            title: '实际（元，平均或最低）',
            dataIndex: 'actualFen',
            width: 160,
            align: 'right',
            render: (v: number | null, r) =>
              v === null || r.kind === null ? (
                '——'
              ) : (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ACTUAL_WORD[r.kind]}{' '}
                  </Typography.Text>
                  <Typography.Text type={r.status === 'unmet' ? 'danger' : undefined}>
                    {formatYuan(v, { grouped: true })}
                  </Typography.Text>
                </>
              ),
          },
          {
            title: '缺口合计（元）',
            dataIndex: 'shortfallFen',
            width: 130,
            align: 'right',
            render: (v: number, r) =>
              r.status === 'unmet' && v > 0 ? (
                <Typography.Text type="danger" strong data-testid="shortfall">
                  {formatYuan(v, { grouped: true })}
                </Typography.Text>
              ) : r.met === null || r.status === 'unmet' ? (
                '——'
              ) : (
                formatYuan(v, { grouped: true })
              ),
          },
          { title: '计数', dataIndex: 'count', width: 60, align: 'right' },
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
                        {x.label}：{formatYuan(x.valueFen, { grouped: true })} 元
                      </Tooltip>
                    </div>
                  )),
          },
          {
            title: '政策依据（来源文件）',
            key: 'basis',
            width: 260,
            render: (_: unknown, r) =>
              r.basis.length === 0
                ? '——'
                : r.basis.map((b) => (
                    <div key={b.key}>
                      <Tooltip
                        title={`${b.label} = ${String(b.value)}（${POLICY_UNIT_LABELS[b.unit]}）${b.sourceTitle ? `；${b.sourceTitle}` : ''}`}
                      >
                        {b.source}
                      </Tooltip>
                    </div>
                  )),
          },
          { title: '说明', dataIndex: 'note', width: 260, render: (n: string | null) => n ?? '' },
        ]}
      />
      <style>{'.floor-unmet td, .floor-unmet-card { background: #fff1f0 !important; }'}</style>
    </>
  );
}

/** Cadres below a basic pay floor (003 §4.3), each with their own gap. */
function BelowTable({ rows }: { rows: BelowCadre[] }) {
  return (
    <Table<BelowCadre>
      rowKey="recordId"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      title={() => `低于底线的干部 ${rows.length} 人`}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90 },
        { title: '村（社区）', dataIndex: 'unitName', width: 180 },
        { title: '职务', dataIndex: 'postLabel', width: 160 },
        {
          title: '基本报酬（元）',
          dataIndex: 'basicPayFen',
          align: 'right',
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        {
          title: '底线（元/人）',
          dataIndex: 'floorFen',
          align: 'right',
          render: (v: number) => formatYuan(v, { grouped: true }),
        },
        {
          title: '差额（元）',
          dataIndex: 'shortfallFen',
          align: 'right',
          render: (v: number) => (
            <Typography.Text type="danger">{formatYuan(v, { grouped: true })}</Typography.Text>
          ),
        },
      ]}
    />
  );
}
