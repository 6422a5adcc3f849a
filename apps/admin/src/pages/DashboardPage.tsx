import { citation, GRADE_LABELS, REGION_LEVEL_LABELS, type Grade } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Col, Empty, Grid, Row, Segmented, Select, Space } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { ChildrenTable } from './dashboard/ChildrenTable';
import {
  echarts,
  gradeChartOption,
  upgradeChartOption,
  upgradeIsEmpty,
  upgradeTarget,
  type Child,
} from './dashboard/charts';
import { FloorsCard } from './dashboard/FloorsCard';
import { Headline } from './dashboard/Headline';
import { OrglifeCard } from './orglife/OrglifeCard';

const THIS_YEAR = new Date().getFullYear();
export const YEAR_OPTIONS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));

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

  const gradeOption = useMemo(() => gradeChartOption(children, phone), [children, phone]);
  const target = upgradeTarget(data, children, grade);
  const upgradeOption = useMemo(
    () => upgradeChartOption(children, grade, target, phone),
    [children, grade, target, phone],
  );
  // A township's villages often have no comparable organisations yet: say so instead of a blank
  // chart.
  const upgradeEmpty = upgradeIsEmpty(children, grade);

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
        {data ? <Headline data={data} rows={children} /> : null}
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
          <FloorsCard data={data} rows={children} phone={phone} onDrill={drill} />
          <Card size="small" title="下级区域明细">
            <ChildrenTable rows={children} onDrill={drill} />
          </Card>
        </>
      ) : null}
      <OrglifeCard regionCode={code} year={year} />
    </Space>
  );
}
