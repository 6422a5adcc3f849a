import { citation } from '@dangjian/domain';
import { Card, Space, Tag, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { echarts, floorsChartOption, type Child, type Overview } from './charts';

/**
 * 保障底线: a chart of the children that are county-level units (click to drill down), or, below
 * that level, the units the region belongs to as tags.
 */
export function FloorsCard({
  data,
  rows,
  phone,
  onDrill,
}: {
  data: Overview;
  rows: readonly Child[];
  phone: boolean;
  onDrill: (child: Child | undefined) => void;
}) {
  const floorChildren = useMemo(() => rows.filter((c) => c.floors !== null), [rows]);
  const option = useMemo(() => floorsChartOption(floorChildren, phone), [floorChildren, phone]);
  if (floorChildren.length === 0) {
    return (
      <Card size="small" title="保障底线（以区县为单位核算）">
        {data.floors.scopeNote ? (
          <Typography.Paragraph type="secondary">{data.floors.scopeNote}</Typography.Paragraph>
        ) : null}
        <Space wrap>
          {data.floors.units.map((u) => (
            <Tag key={u.code} color={u.unmet > 0 ? 'red' : 'green'}>
              {u.name}：达标 {u.met} / {u.evaluated} 项
            </Tag>
          ))}
        </Space>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={`保障底线达标情况（以区县为单位，${citation('001')} 第十六至十八条、第二十二条）`}
    >
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        onEvents={{ click: (p: { dataIndex: number }) => onDrill(floorChildren[p.dataIndex]) }}
        style={{ height: 300, width: '100%' }}
        notMerge
      />
    </Card>
  );
}
