import type { RouterOutputs } from '@dangjian/api';
import { formatYuan, TEAM_TASK_AREA_LABELS, TEAM_TASK_AREAS } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useRegionDrill } from './drill';
import { THIS_YEAR, wanYuan, YEAR_OPTIONS } from './labels';

// Only the chart parts used here (keeps the bundle small).
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Overview = RouterOutputs['poverty']['overview'];
type Row = Overview['rows'][number];

function percentText(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/**
 * 总览: per child region the registered villages, teams, first secretaries, coverage and the
 * villages active in the last 30 days; collective income of the registered villages year by year
 * and this year's work per task area. Click a bar or a row to drill down.
 */
export function OverviewPage() {
  const trpc = useTRPC();
  const { current, breadcrumb, drill } = useRegionDrill();
  const [year, setYear] = useState(THIS_YEAR);
  const overview = useQuery({
    ...trpc.poverty.overview.queryOptions(current ? { regionCode: current, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  const canDrill = data
    ? data.region.level !== 'township' && data.region.level !== 'village'
    : false;
  const open = (r: Row) => {
    if (canDrill) drill(r.regionCode, r.name);
  };

  const coverageOption = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        // One scrolling legend line above the plot; axis names run along the axes (no overlap).
        legend: { top: 0, type: 'scroll' },
        grid: { left: 36, right: 12, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: data.rows.map((r) => r.name),
          axisLabel: { interval: 0, rotate: data.rows.length > 8 ? 30 : 0 },
        },
        yAxis: { type: 'value', name: '村数', nameLocation: 'middle', nameGap: 32, minInterval: 1 },
        series: [
          {
            name: '贫困村',
            type: 'bar',
            data: data.rows.map((r) => r.registered),
            itemStyle: { color: '#8c8c8c' },
          },
          {
            name: '已派工作队',
            type: 'bar',
            data: data.rows.map((r) => r.withTeam),
            itemStyle: { color: '#c8102e' },
          },
          {
            name: '队长任第一书记',
            type: 'bar',
            data: data.rows.map((r) => r.withFirstSecretary),
            itemStyle: { color: '#f08c00' },
          },
          {
            name: `近${data.activityWindowDays}天有日志`,
            type: 'bar',
            data: data.rows.map((r) => r.activeVillages),
            itemStyle: { color: '#1677ff' },
          },
        ],
      },
    [data],
  );
  const incomeOption = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 36, right: 36, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.income.map((r) => String(r.year)) },
        yAxis: [
          { type: 'value', name: '合计（万元）', nameLocation: 'middle', nameGap: 48 },
          { type: 'value', name: '村均（万元）', nameLocation: 'middle', nameGap: 44 },
        ],
        series: [
          {
            name: '村集体经济收入合计',
            type: 'bar',
            data: data.income.map((r) => wanYuan(r.incomeFen)),
            itemStyle: { color: '#c8102e' },
          },
          {
            name: '村均收入',
            type: 'line',
            yAxisIndex: 1,
            data: data.income.map((r) =>
              wanYuan(Math.round(r.incomeFen / Math.max(1, r.villages))),
            ),
            itemStyle: { color: '#f08c00' },
          },
        ],
      },
    [data],
  );
  const areaOption = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 96, right: 24, top: 16, bottom: 24 },
        xAxis: { type: 'value', name: '条', minInterval: 1 },
        yAxis: { type: 'category', data: TEAM_TASK_AREAS.map((a) => TEAM_TASK_AREA_LABELS[a]) },
        series: [
          {
            name: '工作日志',
            type: 'bar',
            data: TEAM_TASK_AREAS.map((a) => data.areas.find((x) => x.area === a)?.entries ?? 0),
            itemStyle: { color: '#c8102e' },
          },
        ],
      },
    [data],
  );
  const onBarClick = useMemo(
    () => ({
      click: (p: { dataIndex: number }) => {
        const r = data?.rows[p.dataIndex];
        if (r) open(r);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, canDrill],
  );
  const funds = data?.areas.reduce((n, a) => n + a.fundsFen, 0) ?? 0;
  const households = data?.areas.reduce((n, a) => n + a.householdsReached, 0) ?? 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {breadcrumb}
        <Select
          value={year}
          onChange={setYear}
          options={YEAR_OPTIONS}
          style={{ width: 110 }}
          aria-label="年度"
        />
      </Space>
      {overview.error ? (
        <Alert type="error" showIcon message={errorMessage(overview.error)} />
      ) : null}
      {data ? (
        <>
          <Row gutter={[16, 16]}>
            {[
              { title: '贫困村', value: data.total.registered, testid: 'stat-registered' },
              { title: '其中市级帮扶', value: data.total.cityHelped, testid: 'stat-city' },
              { title: '已派工作队', value: data.total.withTeam, testid: 'stat-teams' },
              {
                title: '覆盖率',
                value: percentText(data.total.coverage.percent),
                testid: 'stat-coverage',
              },
              {
                title: `近${data.activityWindowDays}天有日志的村`,
                value: data.total.activeVillages,
                testid: 'stat-active',
              },
              {
                title: `近${data.activityWindowDays}天日志`,
                value: data.total.recentEntries,
                testid: 'stat-entries',
              },
            ].map((s) => (
              <Col xs={12} md={8} xl={4} key={s.testid}>
                <Card size="small">
                  <Statistic
                    title={s.title}
                    value={s.value}
                    valueRender={(v) => <span data-testid={s.testid}>{v}</span>}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {data.gaps.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={`覆盖缺口 ${data.gaps.length} 处：未派驻工作队 ${data.coverage.villagesWithoutTeam.length} 个村，工作队无队长 ${data.coverage.teamsWithoutLeader.length} 支，队长未任第一书记 ${data.coverage.leadersNotFirstSecretary.length} 支（详见“覆盖检查”）`}
            />
          ) : (
            <Alert type="success" showIcon message="贫困村已全部派驻工作队，队长均任第一书记" />
          )}
          {data.rows.length === 0 ? <Empty description="该区域没有登记贫困村" /> : null}
          {data.rows.length > 0 ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card
                  size="small"
                  title={`工作队覆盖与近${data.activityWindowDays}天活跃（${data.windowFrom} 起${canDrill ? '，点击柱形下钻' : ''}）`}
                >
                  <ReactEChartsCore
                    echarts={echarts}
                    option={coverageOption ?? {}}
                    onEvents={onBarClick}
                    style={{ height: 320, width: '100%' }}
                    notMerge
                  />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title="村集体经济收入（登记贫困村，逐年）">
                  {data.income.length > 0 ? (
                    <ReactEChartsCore
                      echarts={echarts}
                      option={incomeOption ?? {}}
                      style={{ height: 320, width: '100%' }}
                      notMerge
                    />
                  ) : (
                    <Empty description="尚未登记村集体经济收入" />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={`${year} 年四项任务工作日志`}>
                  <ReactEChartsCore
                    echarts={echarts}
                    option={areaOption ?? {}}
                    style={{ height: 220, width: '100%' }}
                    notMerge
                  />
                  <Typography.Text type="secondary">
                    走访（受益）{households} 户，引进资金{' '}
                    {formatYuan(funds, { grouped: true, unit: true })}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card size="small" title="分区域情况">
                  <Table<Row>
                    size="small"
                    rowKey="regionCode"
                    pagination={false}
                    dataSource={data.rows}
                    onRow={(r) => ({
                      onClick: () => open(r),
                      style: canDrill ? { cursor: 'pointer' } : undefined,
                    })}
                    columns={[
                      { title: '区域', dataIndex: 'name' },
                      { title: '贫困村', dataIndex: 'registered', align: 'right' },
                      { title: '已派工作队', dataIndex: 'withTeam', align: 'right' },
                      { title: '第一书记', dataIndex: 'withFirstSecretary', align: 'right' },
                      {
                        title: '覆盖率',
                        key: 'coverage',
                        align: 'right',
                        render: (_, r) =>
                          r.fullCoverage ? (
                            percentText(r.coverage.percent)
                          ) : (
                            <Typography.Text type="danger">
                              {percentText(r.coverage.percent)}
                            </Typography.Text>
                          ),
                      },
                      {
                        title: `近${data.activityWindowDays}天活跃村`,
                        key: 'active',
                        align: 'right',
                        render: (_, r) => (
                          <span data-testid={`active-${r.regionCode}`}>{r.activeVillages}</span>
                        ),
                      },
                      { title: '日志条数', dataIndex: 'recentEntries', align: 'right' },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          ) : null}
        </>
      ) : null}
    </Space>
  );
}
