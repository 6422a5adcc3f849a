import { formatYuan } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useRegionDrill } from './drill';
import { THIS_YEAR, YEAR_OPTIONS } from './labels';
import {
  areaChartOption,
  coverageChartOption,
  echarts,
  incomeChartOption,
  type Row as RegionRow,
} from './overview/charts';
import { GapsAlert, Headline } from './overview/Headline';
import { RegionsTable } from './overview/RegionsTable';

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
  const open = (r: RegionRow) => {
    if (canDrill) drill(r.regionCode, r.name);
  };

  const coverageOption = useMemo(() => data && coverageChartOption(data), [data]);
  const incomeOption = useMemo(() => data && incomeChartOption(data), [data]);
  const areaOption = useMemo(() => data && areaChartOption(data), [data]);
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
          <Headline data={data} />
          <GapsAlert data={data} />
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
                  <RegionsTable data={data} canDrill={canDrill} open={open} />
                </Card>
              </Col>
            </Row>
          ) : null}
        </>
      ) : null}
    </Space>
  );
}
