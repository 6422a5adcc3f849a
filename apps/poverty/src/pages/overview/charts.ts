import type { RouterOutputs } from '@dangjian/api';
import { TEAM_TASK_AREA_LABELS, TEAM_TASK_AREAS } from '@dangjian/domain';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { wanYuan } from '../labels';

// Only the chart parts used here (keeps the bundle small).
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };

export type Overview = RouterOutputs['poverty']['overview'];
export type Row = Overview['rows'][number];

export function percentText(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/** Per child region: registered villages, those with a team, a first secretary, recent logs. */
export function coverageChartOption(data: Overview) {
  return {
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
  };
}

/** Collective income of the registered villages year by year: the total and the village mean. */
export function incomeChartOption(data: Overview) {
  return {
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
        data: data.income.map((r) => wanYuan(Math.round(r.incomeFen / Math.max(1, r.villages)))),
        itemStyle: { color: '#f08c00' },
      },
    ],
  };
}

/** The year's work-log entries per task area. */
export function areaChartOption(data: Overview) {
  return {
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
  };
}
