import { defined, errorMessage, RegionTree, useCurrentUser, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Grid, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { FloorsTable } from './floors/FloorsTable';
import { CadrePayTab } from './floors/CadrePayTab';
import { DuesTab } from './floors/DuesTab';

const ADMIN_ROLES = ['city_admin', 'county_admin'];

/**
 * 保障底线: every floor per county-level unit, those falling short first, with the notice that
 * sets each; the village and community cadres' basic pay (003 §4.3) and the non-public dues
 * returns (001 §22) are recorded in their own tabs.
 */
export function FloorsPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('floors');
  const code = picked ?? root.data?.code;
  const report = useQuery({
    ...trpc.floors.check.queryOptions(code ? { regionCode: code, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const isAdmin = ADMIN_ROLES.includes(user.role);
  const phone = !Grid.useBreakpoint().md;

  return (
    <Flex gap={16} wrap align="flex-start">
      <Card
        size="small"
        style={{ flex: '1 1 240px', maxWidth: 320 }}
        styles={{ body: { padding: 0, ...(phone ? { maxHeight: 240, overflow: 'auto' } : {}) } }}
      >
        <RegionTree selected={code} onSelect={setPicked} />
      </Card>
      <Card
        style={{ flex: '999 1 340px', minWidth: 0 }}
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
        {data ? (
          <Typography.Paragraph data-testid="floors-policy">
            <Typography.Text type="secondary">执行政策：</Typography.Text>
            {data.policyLabel}
          </Typography.Paragraph>
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'floors',
              label: '底线核算',
              children: <FloorsTable report={data} loading={report.isFetching} phone={phone} />,
            },
            {
              key: 'cadres',
              label: '村（社区）干部基本报酬',
              children:
                code && tab === 'cadres' ? (
                  <CadrePayTab
                    code={code}
                    year={year}
                    report={data}
                    isAdmin={isAdmin}
                    isVillage={code.slice(9) !== '000'}
                  />
                ) : null,
            },
            {
              key: 'dues',
              label: '非公党费返还',
              children:
                code && tab === 'dues' ? (
                  <DuesTab code={code} year={year} isAdmin={isAdmin} />
                ) : null,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
