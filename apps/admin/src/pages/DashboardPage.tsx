import type { RouterOutputs } from '@dangjian/api';
import { citation, GRADE_LABELS, GRADES, REGION_LEVEL_LABELS, type Grade } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { BarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { OrglifeCard } from './orglife/OrglifeCard';

// Only the chart parts used here (keeps the bundle small).
echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Overview = RouterOutputs['dashboard']['overview'];
type Child = Overview['children'][number];

const GRADE_COLORS: Record<Grade, string> = {
  good: '#c8102e',
  fair: '#f08c00',
  average: '#8c8c8c',
  poor: '#434343',
};
const THIS_YEAR = new Date().getFullYear();
export const YEAR_OPTIONS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));

/** Category labels turn when they would not fit side by side (sooner on a phone). */
function rotateLabels(count: number, phone: boolean): number {
  return count > (phone ? 4 : 8) ? 40 : 0;
}

function percentText(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/** 概览: the region's children side by side; click a bar (or a name) to drill down. */
export function DashboardPage() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(THIS_YEAR);
  const [grade, setGrade] = useState<Grade>('poor');
  const code = picked ?? root.data?.code;
  const phone = !(Grid.useBreakpoint().md ?? true);

  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const overview = useQuery({
    ...trpc.dashboard.overview.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  const children = useMemo(() => data?.children ?? [], [data]);
  const drill = (child: Child | undefined) => {
    if (child?.drillable) setPicked(child.code);
  };

  const gradeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The legend sits above the plot and the axis name along the axis: neither covers the other.
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 12, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: children.map((c) => c.name),
        axisLabel: { rotate: rotateLabels(children.length, phone), interval: 0 },
      },
      yAxis: {
        type: 'value',
        name: '党组织数',
        nameLocation: 'middle',
        nameGap: 40,
        minInterval: 1,
      },
      series: GRADES.map((g) => ({
        name: GRADE_LABELS[g],
        type: 'bar',
        stack: 'grades',
        itemStyle: { color: GRADE_COLORS[g] },
        data: children.map((c) => c.grades[g]),
      })),
    }),
    [children, phone],
  );

  const target =
    children[0]?.upgrade.find((u) => u.grade === grade)?.targetPercent ??
    data?.upgrade.find((u) => u.grade === grade)?.targetPercent;
  const upgradeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: children.map((c) => c.name),
        axisLabel: { rotate: rotateLabels(children.length, phone), interval: 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: grade === 'good' ? '巩固率' : '晋位升级率',
          type: 'bar',
          data: children.map((c) => {
            const line = c.upgrade.find((u) => u.grade === grade);
            return {
              value: line?.rate.percent ?? null,
              itemStyle: {
                color: line?.met === false ? '#cf1322' : line?.met ? '#389e0d' : '#bfbfbf',
              },
            };
          }),
          markLine:
            target === undefined
              ? undefined
              : {
                  symbol: 'none',
                  data: [{ yAxis: target, name: '目标' }],
                  label: { formatter: `目标 ${target}%` },
                },
        },
      ],
    }),
    [children, grade, target, phone],
  );
  // A township's villages often have no comparable organisations yet: say so instead of a blank
  // chart.
  const upgradeEmpty = children.every(
    (c) => (c.upgrade.find((u) => u.grade === grade)?.rate.percent ?? null) === null,
  );

  const floorChildren = children.filter((c) => c.floors !== null);
  const floorsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 12, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: floorChildren.map((c) => c.name),
        axisLabel: { rotate: rotateLabels(floorChildren.length, phone), interval: 0 },
      },
      yAxis: {
        type: 'value',
        name: '底线项数',
        nameLocation: 'middle',
        nameGap: 32,
        minInterval: 1,
      },
      series: [
        {
          name: '达标',
          type: 'bar',
          stack: 'floors',
          itemStyle: { color: '#389e0d' },
          data: floorChildren.map((c) => c.floors?.met ?? 0),
        },
        {
          name: '未达标',
          type: 'bar',
          stack: 'floors',
          itemStyle: { color: '#cf1322' },
          data: floorChildren.map((c) => c.floors?.unmet ?? 0),
        },
      ],
    }),
    [floorChildren, phone],
  );

  // Which of last year's grades the upgrade chart shows: in the card header on a desktop, above
  // the chart on a phone (where the header has room only for the title).
  const upgradeSwitch = (
    <Segmented<Grade>
      size="small"
      value={grade}
      onChange={setGrade}
      options={(['poor', 'average', 'fair', 'good'] as const).map((g) => ({
        value: g,
        label: `上年“${GRADE_LABELS[g]}”`,
      }))}
    />
  );
  const onBarClick = { click: (p: { dataIndex: number }) => drill(children[p.dataIndex]) };
  const onFloorClick = { click: (p: { dataIndex: number }) => drill(floorChildren[p.dataIndex]) };
  const totals = GRADES.map((g) => ({ g, n: children.reduce((t, c) => t + c.grades[g], 0) }));
  const graded = totals.reduce((t, x) => t + x.n, 0);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <Breadcrumb
              items={(path.data ?? []).map((r, i, all) => ({
                title:
                  i < all.length - 1 ? (
                    <a onClick={() => setPicked(r.code)} data-testid={`crumb-${r.code}`}>
                      {r.name}
                    </a>
                  ) : (
                    r.name
                  ),
              }))}
            />
            <span data-testid="dashboard-title">
              {data ? `${data.regionName} ${data.year} 年概览` : '概览'}
            </span>
          </Space>
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
        loading={!data && overview.isFetching}
      >
        {overview.error ? <Alert type="error" title={errorMessage(overview.error)} /> : null}
        {data ? (
          <Row gutter={[16, 16]} data-testid="dashboard-headline">
            <Col xs={12} sm={8} xl={6}>
              <Statistic title={`${data.year} 年已定级党组织`} value={graded} />
            </Col>
            {data.upgrade.map((l) => (
              <Col xs={12} sm={8} xl={4} key={l.grade}>
                <Statistic
                  title={`“${l.label}”类${l.measure === 'retain' ? '巩固率' : '晋位升级率'}（目标 ${l.targetPercent}%）`}
                  value={percentText(l.rate.percent)}
                  styles={{
                    content: { color: l.met === false ? '#cf1322' : l.met ? '#389e0d' : undefined },
                  }}
                />
              </Col>
            ))}
            <Col xs={12} sm={8} xl={2}>
              <Statistic
                title="保障底线"
                value={`${data.floors.units.reduce((t, u) => t + u.met, 0)}/${data.floors.units.reduce((t, u) => t + u.evaluated, 0)}`}
              />
            </Col>
          </Row>
        ) : null}
      </Card>

      {data && children.length === 0 ? <Empty description="该区域没有下级区划" /> : null}
      {data && children.length > 0 ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={`${data.year} 年定级分布（按${data.childLevel ? REGION_LEVEL_LABELS[data.childLevel] : '下级'}，点击柱形下钻）`}
              >
                <ReactEChartsCore
                  echarts={echarts}
                  option={gradeOption}
                  onEvents={onBarClick}
                  style={{ height: 340, width: '100%' }}
                  notMerge
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={`晋位升级率与目标（${citation('001', '§9')}）`}
                extra={phone ? null : upgradeSwitch}
              >
                {phone ? <div style={{ marginBottom: 8 }}>{upgradeSwitch}</div> : null}
                {upgradeEmpty ? (
                  <Empty
                    data-testid="upgrade-empty"
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description="暂无数据：下级区域上年没有该等次的党组织或本年尚未定级"
                    style={{ height: 340, paddingTop: 100, margin: 0 }}
                  />
                ) : (
                  <ReactEChartsCore
                    echarts={echarts}
                    option={upgradeOption}
                    onEvents={onBarClick}
                    style={{ height: 340, width: '100%' }}
                    notMerge
                  />
                )}
              </Card>
            </Col>
          </Row>
          {floorChildren.length > 0 ? (
            <Card
              size="small"
              title={`保障底线达标情况（以区县为单位，${citation('001')} 第十六至十八条、第二十二条）`}
            >
              <ReactEChartsCore
                echarts={echarts}
                option={floorsOption}
                onEvents={onFloorClick}
                style={{ height: 300, width: '100%' }}
                notMerge
              />
            </Card>
          ) : (
            <Card size="small" title="保障底线（以区县为单位核算）">
              {data.floors.scopeNote ? (
                <Typography.Paragraph type="secondary">
                  {data.floors.scopeNote}
                </Typography.Paragraph>
              ) : null}
              <Space wrap>
                {data.floors.units.map((u) => (
                  <Tag key={u.code} color={u.unmet > 0 ? 'red' : 'green'}>
                    {u.name}：达标 {u.met} / {u.evaluated} 项
                  </Tag>
                ))}
              </Space>
            </Card>
          )}
          <Card size="small" title="下级区域明细">
            <Table<Child>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={children}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: '区域',
                  dataIndex: 'name',
                  render: (name: string, c) =>
                    c.drillable ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => drill(c)}
                        data-testid={`drill-${c.code}`}
                      >
                        {name}
                      </Button>
                    ) : (
                      name
                    ),
                },
                ...GRADES.map((g) => ({
                  title: GRADE_LABELS[g],
                  key: g,
                  align: 'right' as const,
                  render: (_: unknown, c: Child) => c.grades[g],
                })),
                ...(['poor', 'average', 'fair', 'good'] as const).map((g) => ({
                  title: `上年“${GRADE_LABELS[g]}”${g === 'good' ? '巩固率' : '升级率'}`,
                  key: `up-${g}`,
                  align: 'right' as const,
                  render: (_: unknown, c: Child) => {
                    const l = c.upgrade.find((u) => u.grade === g);
                    if (!l) return '——';
                    return (
                      <Typography.Text type={l.met === false ? 'danger' : undefined}>
                        {percentText(l.rate.percent)}（{l.achieved}/{l.orgCount}）
                      </Typography.Text>
                    );
                  },
                })),
                {
                  title: '保障底线达标',
                  key: 'floors',
                  align: 'right' as const,
                  render: (_: unknown, c: Child) =>
                    c.floors ? (
                      <Typography.Text type={c.floors.unmet > 0 ? 'danger' : undefined}>
                        {c.floors.met}/{c.floors.evaluated}
                      </Typography.Text>
                    ) : (
                      '——'
                    ),
                },
              ]}
            />
          </Card>
        </>
      ) : null}
      <OrglifeCard regionCode={code} year={year} />
    </Space>
  );
}
