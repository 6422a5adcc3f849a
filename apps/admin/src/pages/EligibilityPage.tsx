import { defined, errorMessage, RegionTree, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Grid, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { GraduatesTab } from './eligibility/GraduatesTab';
import { HealthTab } from './eligibility/HealthTab';
import { HonoursTab, type HonoursFilter } from './eligibility/HonoursTab';
import { OfficialModal } from './eligibility/OfficialModal';
import type { Official } from './eligibility/types';
import { ExportButton } from './orglife/shared';

/**
 * 评先评优与关爱激励 (001 §6, §7, §20, §21): a department's yearly working lists — who may be put
 * forward for honours and nominations, which secretaries get the health check-up, and how far
 * each county is with college-graduate village officials as village secretaries or deputies.
 */
export function EligibilityPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  /** On a phone the region tree scrolls in a short box above the lists. */
  const phone = !Grid.useBreakpoint().md;
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('honours');
  const [honoursFilter, setHonoursFilter] = useState<HonoursFilter>('all');
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const code = picked ?? root.data?.code;
  const input = code ? { regionCode: code, year } : skipToken;
  const honours = useQuery({
    ...trpc.eligibility.honours.queryOptions(tab === 'honours' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const health = useQuery({
    ...trpc.eligibility.healthCheck.queryOptions(tab === 'health' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const graduates = useQuery({
    ...trpc.eligibility.graduateOfficials.queryOptions(tab === 'graduates' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const error = honours.error ?? health.error ?? graduates.error;
  const regionName =
    honours.data?.regionName ?? health.data?.regionName ?? graduates.data?.regionName;

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
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
          <span data-testid="eligibility-title">
            {regionName ? `${regionName} ${year} 年评先评优与关爱激励` : '评先评优与关爱激励'}
          </span>
        }
        extra={
          <Space wrap>
            <Select
              aria-label="年度"
              value={year}
              onChange={setYear}
              options={YEAR_OPTIONS}
              style={{ width: 110 }}
            />
            <ExportButton
              disabled={!code}
              fetch={() =>
                queryClient.fetchQuery(
                  trpc.eligibility.export.queryOptions({ regionCode: defined(code), year }),
                )
              }
            />
          </Space>
        }
      >
        {error ? (
          <Alert type="error" title={errorMessage(error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'honours',
              label: '评先评优和代表推荐',
              children: (
                <HonoursTab
                  data={honours.data}
                  loading={honours.isFetching}
                  year={year}
                  filter={honoursFilter}
                  onFilter={setHonoursFilter}
                />
              ),
            },
            {
              key: 'health',
              label: '书记健康体检',
              children: <HealthTab data={health.data} loading={health.isFetching} />,
            },
            {
              key: 'graduates',
              label: '大学生村官任村书记',
              children: (
                <GraduatesTab
                  data={graduates.data}
                  loading={graduates.isFetching}
                  code={code}
                  onEdit={setEditing}
                />
              ),
            },
          ]}
        />
      </Card>
      <OfficialModal regionCode={code} editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
