import type { RouterOutputs } from '@dangjian/api';
import { errorMessage, RegionTree, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { YEAR_OPTIONS } from './DashboardPage';

type Line = RouterOutputs['upgrade']['report']['lines'][number];
type DispatchItem = RouterOutputs['upgrade']['dispatch']['items'][number];
type SanctionItem = RouterOutputs['upgrade']['sanctions']['items'][number];

/** 晋位升级 (001 §9): target table, dispatch list, sanction list for a region and year. */
export function UpgradePage() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  const [year, setYear] = useState(YEAR_OPTIONS[0]!.value);
  const [tab, setTab] = useState('targets');
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
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card size="small" style={{ width: 280, flexShrink: 0 }} styles={{ body: { padding: 0 } }}>
        <RegionTree selected={code} onSelect={setPicked} />
      </Card>
      <Card
        style={{ flex: 1, minWidth: 0 }}
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
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'targets',
              label: '目标完成情况',
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    以 {year - 1} 年定级为基数：年底“较差”类晋位升级率 90% 以上、“一般”类 20%
                    以上、“较好”类 10% 以上，“好”类巩固率 100%（常委〔2012〕5号 §9）。
                  </Typography.Paragraph>
                  <Table<Line>
                    rowKey="grade"
                    size="middle"
                    loading={report.isFetching}
                    dataSource={report.data?.lines ?? []}
                    pagination={false}
                    columns={[
                      {
                        title: `${year - 1} 年等次`,
                        dataIndex: 'label',
                        render: (l: string) => `“${l}”类`,
                      },
                      { title: '党组织数', dataIndex: 'orgCount', align: 'right' },
                      { title: '晋位', dataIndex: 'up', align: 'right' },
                      { title: '保持', dataIndex: 'same', align: 'right' },
                      { title: '降级', dataIndex: 'down', align: 'right' },
                      { title: '本年未定级', dataIndex: 'notGraded', align: 'right' },
                      {
                        title: '考核口径',
                        dataIndex: 'measure',
                        render: (m: Line['measure']) => (m === 'retain' ? '巩固率' : '晋位升级率'),
                      },
                      {
                        title: '完成率',
                        key: 'rate',
                        align: 'right',
                        render: (_: unknown, l) => (
                          <Typography.Text type={l.met === false ? 'danger' : undefined} strong>
                            {l.rate.percent === null ? '——' : `${l.rate.percent.toFixed(2)}%`}（
                            {l.achieved}/{l.orgCount}）
                          </Typography.Text>
                        ),
                      },
                      {
                        title: '目标',
                        dataIndex: 'targetPercent',
                        align: 'right',
                        render: (t: number) => `${t}%`,
                      },
                      { title: '达标所需', dataIndex: 'required', align: 'right' },
                      {
                        title: '结论',
                        dataIndex: 'met',
                        render: (m: boolean | null) =>
                          m === null ? (
                            <Tag>无对象</Tag>
                          ) : m ? (
                            <Tag color="green">达标</Tag>
                          ) : (
                            <Tag color="red">未达标</Tag>
                          ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'dispatch',
              label: '选派名单',
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    {(dispatch.data?.needed ?? []).map((n) => (
                      <Tag key={n.kind} color="blue">
                        “{n.gradeLabel}”类 → {n.kindLabel}：{n.count} 个
                      </Tag>
                    ))}
                  </Space>
                  <Typography.Paragraph type="secondary">
                    按 {year - 1} 年定级确定 {year}{' '}
                    年选派：“较差”类派县以上机关工作组（组长任第一书记），“一般”类派第一书记，“较好”类由乡镇（街道）领导干部联系（常委〔2012〕5号
                    §9）。系统尚未登记选派干部，以下均为待选派。
                  </Typography.Paragraph>
                  <Table<DispatchItem>
                    rowKey="orgId"
                    size="small"
                    loading={dispatch.isFetching}
                    dataSource={dispatch.data?.items ?? []}
                    pagination={{
                      pageSize: 20,
                      showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个`,
                    }}
                    columns={[
                      { title: '党组织', dataIndex: 'orgName' },
                      { title: '所在区划', dataIndex: 'regionName' },
                      { title: '区县', dataIndex: 'countyName' },
                      { title: '书记', dataIndex: 'secretaryName' },
                      { title: `${year - 1} 年等次`, dataIndex: 'gradeLabel' },
                      { title: '应选派', dataIndex: 'needsLabel' },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        render: (s: string) => <Tag color="orange">{s}</Tag>,
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'sanctions',
              label: '不得提拔重用和评先评优名单',
              children: (
                <Table<SanctionItem>
                  rowKey={(s) => `${s.orgId}:${s.role}:${s.personId}`}
                  size="small"
                  loading={sanctions.isFetching}
                  dataSource={sanctions.data?.items ?? []}
                  pagination={{
                    pageSize: 20,
                    showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
                  }}
                  columns={[
                    { title: '姓名', dataIndex: 'personName', width: 100 },
                    { title: '身份', dataIndex: 'roleLabel', width: 110 },
                    { title: '党组织', dataIndex: 'orgName' },
                    { title: '所在区划', dataIndex: 'regionName', width: 140 },
                    { title: '区县', dataIndex: 'countyName', width: 100 },
                    { title: `等次（${year - 1} → ${year}）`, dataIndex: 'grades', width: 140 },
                    { title: '原因', dataIndex: 'reasonLabel' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
