import type { RouterOutputs } from '@dangjian/api';
import { defined, downloadBase64, errorMessage, useTRPC, XLSX_MIME } from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { Cite } from './Cite';
import { useRegionDrill } from './drill';
import { GAP_COLORS, GAP_LABELS, HELP_LABELS, THIS_YEAR, YEAR_OPTIONS } from './labels';

type Coverage = RouterOutputs['poverty']['coverage'];
type Gap = Coverage['gaps'][number];
type Row = Coverage['rows'][number];

/**
 * 覆盖检查 (000 §4 全覆盖): the gaps first (villages without a team, teams without a leader,
 * leaders not appointed first secretary), then the figures per child region; .xlsx export.
 */
export function CoveragePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { current, breadcrumb, drill } = useRegionDrill();
  const [year, setYear] = useState(THIS_YEAR);
  const coverage = useQuery({
    ...trpc.poverty.coverage.queryOptions(current ? { regionCode: current, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(
        trpc.poverty.coverageExport.queryOptions({ regionCode: defined(current), year }),
      ),
    onSuccess: (f) => downloadBase64(f.filename, f.base64, XLSX_MIME),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const data = coverage.data;
  const canDrill = data
    ? data.region.level !== 'township' && data.region.level !== 'village'
    : false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {breadcrumb}
        <Space>
          <Select
            value={year}
            onChange={setYear}
            options={YEAR_OPTIONS}
            style={{ width: 110 }}
            aria-label="年度"
          />
          <Button
            onClick={() => exporting.mutate()}
            loading={exporting.isPending}
            disabled={!current}
          >
            导出 Excel
          </Button>
        </Space>
      </Space>
      {coverage.error ? (
        <Alert type="error" showIcon message={errorMessage(coverage.error)} />
      ) : null}
      {data ? (
        <>
          <Card
            size="small"
            title={
              <span>
                覆盖缺口{' '}
                <Tag color={data.gaps.length > 0 ? 'red' : 'green'} data-testid="gap-count">
                  {data.gaps.length}
                </Tag>
              </span>
            }
            extra={
              <Typography.Text type="secondary">
                登记贫困村 {data.coverage.registered} 个，已派工作队 {data.coverage.covered} 个
              </Typography.Text>
            }
          >
            <Table<Gap>
              size="small"
              rowKey={(g) => `${g.kind}-${g.villageId}`}
              dataSource={data.gaps}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '没有覆盖缺口：每个贫困村都有工作队，队长均任第一书记' }}
              scroll={{ x: 720 }}
              columns={[
                {
                  title: '问题',
                  dataIndex: 'kind',
                  render: (k: Gap['kind']) => <Tag color={GAP_COLORS[k]}>{GAP_LABELS[k]}</Tag>,
                },
                { title: '县（市、区）', dataIndex: 'countyName' },
                { title: '乡镇（街道）', dataIndex: 'townshipName' },
                {
                  title: '村',
                  dataIndex: 'villageName',
                  render: (name: string, g) => <Link to={`/villages/${g.villageId}`}>{name}</Link>,
                },
                {
                  title: '帮扶层级',
                  dataIndex: 'helpedBy',
                  render: (h: Gap['helpedBy']) => HELP_LABELS[h],
                },
                { title: '派出单位', dataIndex: 'unit', render: (u: string | null) => u ?? '——' },
                { title: '队长', dataIndex: 'leaderName', render: (u: string | null) => u ?? '——' },
              ]}
            />
          </Card>
          <Card size="small" title={`分区域覆盖情况${canDrill ? '（点击下钻）' : ''}`}>
            <Table<Row>
              size="small"
              rowKey="regionCode"
              pagination={false}
              dataSource={data.rows}
              onRow={(r) => ({
                onClick: () => (canDrill ? drill(r.regionCode, r.name) : undefined),
                style: canDrill ? { cursor: 'pointer' } : undefined,
              })}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {data.total.registered}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {data.total.cityHelped}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {data.total.withTeam}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {data.total.withFirstSecretary}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {data.total.coverage.percent === null
                      ? '——'
                      : `${data.total.coverage.percent}%`}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
              columns={[
                { title: '区域', dataIndex: 'name' },
                { title: '贫困村', dataIndex: 'registered', align: 'right' },
                { title: '市级帮扶', dataIndex: 'cityHelped', align: 'right' },
                { title: '已派工作队', dataIndex: 'withTeam', align: 'right' },
                { title: '队长任第一书记', dataIndex: 'withFirstSecretary', align: 'right' },
                {
                  title: '覆盖率',
                  key: 'coverage',
                  align: 'right',
                  render: (_, r) => (
                    <Typography.Text type={r.fullCoverage ? undefined : 'danger'}>
                      {r.coverage.percent === null ? '——' : `${r.coverage.percent}%`}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              依据：
              <Cite notice="000" section="§4" />
              （每个贫困村派驻工作队，全覆盖；工作队长任村党组织第一书记）。执行政策：
              {data.policyLabel}
            </Typography.Paragraph>
          </Card>
        </>
      ) : null}
    </Space>
  );
}
