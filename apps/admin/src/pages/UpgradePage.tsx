import type { DispatchStatus } from '@dangjian/domain';
import { defined, errorMessage, RegionTree, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Grid, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';
import { DispatchModal } from './upgrade/DispatchModal';
import { DispatchTab } from './upgrade/DispatchTab';
import { Rule } from './upgrade/Rule';
import { SanctionsTable } from './upgrade/SanctionsTable';
import { TargetsTable } from './upgrade/TargetsTable';
import type { DispatchItem } from './upgrade/types';

/** 晋位升级 (001 §9): target table, dispatch list with its records, sanction list for a region and year. */
export function UpgradePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  /** On a phone the region tree scrolls in a short box above the lists. */
  const phone = !Grid.useBreakpoint().md;
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('targets');
  const [status, setStatus] = useState<DispatchStatus | undefined>();
  const [recording, setRecording] = useState<DispatchItem | null>(null);
  const code = picked ?? root.data?.code;
  const input = code ? { regionCode: code, year } : skipToken;
  const report = useQuery({
    ...trpc.upgrade.report.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const dispatch = useQuery({
    ...trpc.upgrade.dispatch.queryOptions(tab === 'dispatch' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const sanctions = useQuery({
    ...trpc.upgrade.sanctions.queryOptions(tab === 'sanctions' ? input : skipToken),
    placeholderData: keepPreviousData,
  });
  const error = report.error ?? dispatch.error ?? sanctions.error;

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
          <span data-testid="upgrade-title">
            {report.data ? `${report.data.regionName} ${report.data.year} 年晋位升级` : '晋位升级'}
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
        {error ? (
          <Alert type="error" title={errorMessage(error)} style={{ marginBottom: 16 }} />
        ) : null}
        {report.data ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            执行政策：<span data-testid="upgrade-policy">{report.data.policyLabel}</span>
          </Typography.Paragraph>
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'targets',
              label: '目标完成情况',
              children: (
                <>
                  <Rule rule={report.data?.rule} prefix={`以 ${year - 1} 年定级为基数：`} />
                  <TargetsTable
                    lines={report.data?.lines ?? []}
                    loading={report.isFetching}
                    year={year}
                  />
                </>
              ),
            },
            {
              key: 'dispatch',
              label: '选派名单',
              children: (
                <DispatchTab
                  data={dispatch.data}
                  loading={dispatch.isFetching}
                  year={year}
                  status={status}
                  onStatus={setStatus}
                  onRecord={setRecording}
                />
              ),
            },
            {
              key: 'sanctions',
              label: '不得提拔重用和评先评优名单',
              children: (
                <SanctionsTable
                  items={sanctions.data?.items ?? []}
                  loading={sanctions.isFetching}
                  year={year}
                />
              ),
            },
          ]}
        />
      </Card>
      <DispatchModal
        item={recording}
        year={year}
        onClose={() => setRecording(null)}
        onChanged={() => void queryClient.invalidateQueries({ queryKey: trpc.upgrade.pathKey() })}
      />
    </div>
  );
}
