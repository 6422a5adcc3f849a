import type { RouterOutputs } from '@dangjian/api';
import { GRADE_LABELS, GRADES, type Grade } from '@dangjian/domain';
import { BarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart parts used here (keeps the bundle small).
echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };

export type Overview = RouterOutputs['dashboard']['overview'];
export type Child = Overview['children'][number];

const GRADE_COLORS: Record<Grade, string> = {
  good: '#c8102e',
  fair: '#f08c00',
  average: '#8c8c8c',
  poor: '#434343',
};

/** Category labels turn when they would not fit side by side (sooner on a phone). */
function rotateLabels(count: number, phone: boolean): number {
  return count > (phone ? 4 : 8) ? 40 : 0;
}

function categoryAxis(children: readonly Child[], phone: boolean) {
  return {
    type: 'category',
    data: children.map((c) => c.name),
    axisLabel: { rotate: rotateLabels(children.length, phone), interval: 0 },
  };
}

export function percentText(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/** The children's organisations by grade, stacked. */
export function gradeChartOption(children: readonly Child[], phone: boolean) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The legend sits above the plot and the axis name along the axis: neither covers the other.
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(children, phone),
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
  };
}

/** The upgrade target of last year's `grade` (the same for every child of one region). */
export function upgradeTarget(
  data: Overview | undefined,
  children: readonly Child[],
  grade: Grade,
): number | undefined {
  return (
    children[0]?.upgrade.find((u) => u.grade === grade)?.targetPercent ??
    data?.upgrade.find((u) => u.grade === grade)?.targetPercent
  );
}

/** No child has a comparable organisation of that grade: the chart would be blank. */
export function upgradeIsEmpty(children: readonly Child[], grade: Grade): boolean {
  return children.every(
    (c) => (c.upgrade.find((u) => u.grade === grade)?.rate.percent ?? null) === null,
  );
}

/** Each child's upgrade (or retention) rate of last year's `grade`, against the target line. */
export function upgradeChartOption(
  children: readonly Child[],
  grade: Grade,
  target: number | undefined,
  phone: boolean,
) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
    xAxis: categoryAxis(children, phone),
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
  };
}

/** Floors met and not met per child that is a county-level unit. */
export function floorsChartOption(floorChildren: readonly Child[], phone: boolean) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(floorChildren, phone),
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
  };
}
