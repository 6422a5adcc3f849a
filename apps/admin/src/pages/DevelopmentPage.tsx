import { defined, useCurrentUser, useRegion, useTRPC, YEAR_OPTIONS } from '@dangjian/ui';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Button, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  useCandidateLedger,
  useDevelopmentActions,
  type Candidate,
  type Overview,
  type Unit,
} from './development/data';
import { AddCandidateModal, AdvanceModal, QuotaModal } from './development/modals';
import {
  CandidateLedger,
  PreFilingTable,
  QuotaTable,
  StagnantTable,
  StructureTable,
} from './development/tables';
import { RegionLayout } from './orglife/shared';

/** The counts above the tabs: developed, unreported excess, stagnant villages, pre-filing owed. */
function DevelopmentSummary({ data }: { data: Overview }) {
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="development-summary">
      <Tag>已发展 {data.admitted} 名</Tag>
      <Tag color={data.quota.violations.length > 0 ? 'red' : 'green'}>
        超计划未报告 {data.quota.violations.length} 个单位
      </Tag>
      <Tag color={data.stagnant.length > 0 ? 'orange' : 'green'}>
        连续{data.stagnantYearsWord}年未发展等 {data.stagnant.length} 个村
      </Tag>
      <Tag color={data.preFiling.length > 0 ? 'orange' : 'green'}>
        待备案 {data.preFiling.length} 人
      </Tag>
    </Space>
  );
}

/**
 * 发展党员 (常委〔2012〕5号 第十一条): plan, rural structure, the two-year rule, pre-filing, and
 * the ledger. Tables in ./development/tables, dialogs in ./development/modals, data in
 * ./development/data.
 */
export function DevelopmentPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const admin = user.role === 'city_admin' || user.role === 'county_admin';
  const { code, setCode } = useRegion();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [tab, setTab] = useState('quota');
  const [quotaFor, setQuotaFor] = useState<Unit | null>(null);
  const [advancing, setAdvancing] = useState<Candidate | null>(null);
  const [adding, setAdding] = useState(false);
  const input = code ? { regionCode: code, year } : undefined;
  const overview = useQuery({
    ...trpc.development.overview.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const ledger = useCandidateLedger(code, tab === 'ledger');
  const { refresh, report, preFile } = useDevelopmentActions();
  const data = overview.data;
  const loading = overview.isFetching;
  const closeAndRefresh = (close: () => void) => () => {
    close();
    void refresh();
  };

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="development-title"
      title={data ? `${data.regionName} ${data.year} 年发展党员` : '发展党员'}
      error={overview.error ?? ledger.candidates.error}
      year={{ value: year, onChange: setYear }}
      exportQuery={input ? trpc.development.export.queryOptions(input) : undefined}
      actions={
        <>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!code}>
            登记入党申请人
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary" data-testid="development-rule">
        {data ? `${data.rules.all}。执行政策：${data.policyLabel}。` : null}
      </Typography.Paragraph>
      {data ? <DevelopmentSummary data={data} /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'quota',
            label: '计划执行',
            children: (
              <QuotaTable
                data={data}
                loading={loading}
                year={year}
                canSetQuota={user.role === 'city_admin'}
                canReport={admin}
                report={report}
                onSetQuota={setQuotaFor}
              />
            ),
          },
          {
            key: 'structure',
            label: '农村新党员结构',
            children: <StructureTable data={data} loading={loading} />,
          },
          {
            key: 'stagnant',
            label: data ? `连续${data.stagnantYearsWord}年未发展的村` : '连续未发展党员的村',
            children: <StagnantTable data={data} loading={loading} />,
          },
          {
            key: 'prefiling',
            label: '待备案',
            children: (
              <PreFilingTable data={data} loading={loading} canFile={admin} preFile={preFile} />
            ),
          },
          {
            key: 'ledger',
            label: '发展党员台账',
            children: <CandidateLedger ledger={ledger} onAdvance={setAdvancing} />,
          },
        ]}
      />
      <QuotaModal
        unit={quotaFor}
        year={year}
        onClose={() => setQuotaFor(null)}
        onDone={closeAndRefresh(() => setQuotaFor(null))}
      />
      <AdvanceModal
        candidate={advancing}
        onClose={() => setAdvancing(null)}
        onDone={closeAndRefresh(() => setAdvancing(null))}
      />
      {code ? (
        <AddCandidateModal
          open={adding}
          regionCode={code}
          onClose={() => setAdding(false)}
          onDone={closeAndRefresh(() => setAdding(false))}
        />
      ) : null}
    </RegionLayout>
  );
}
