import type { RouterOutputs } from '@dangjian/api';
import { citation } from '@dangjian/domain';
import { errorMessage, RegionSplit, regionTitle, useTRPC } from '@dangjian/ui';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { yearOptions } from './grading/years';
import { HistoryDrawer } from './review/HistoryDrawer';
import {
  consequenceLabel,
  MeetingStatusTag,
  RatingTag,
  STEP_TITLES,
  stepOf,
  type MeetingView,
  type ReviewRow,
} from './review/labels';
import { MeetingCard } from './review/MeetingCard';
import { SecretaryDrawer } from './review/SecretaryDrawer';

type TownshipRow = RouterOutputs['review']['townships']['rows'][number];

/**
 * 述职评议 (004; 003 §6): the yearly report-and-review of village/community secretaries, per
 * township. A township schedules and holds the meeting and walks each secretary through the
 * steps; a county or the city sees every township's progress and results and may also record.
 */
export function ReviewPage() {
  const trpc = useTRPC();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const here = path.data?.at(-1);
  const isTownship = here?.level === 'township' && here.code === code;

  return (
    <RegionSplit selected={code} onSelect={setRegionCode} treeWidth={300}>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Card
          title={
            <Space orientation="vertical" size={0}>
              <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
              <span data-testid="review-title">
                {here
                  ? `${regionTitle(here)} ${year} 年度村（社区）党组织书记抓基层党建工作述职评议`
                  : '述职评议'}
              </span>
            </Space>
          }
          extra={
            <Select<number>
              aria-label="年度"
              data-testid="review-year"
              style={{ width: 110 }}
              value={year}
              onChange={setYear}
              options={yearOptions()}
            />
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            步骤（{citation('004', '§2')}）：会前准备（撰写述职报告，报镇党委书记审阅）→
            述职评议（集中述职，书记逐一点评，参会人员评议、提问）→
            反馈结果（向村党组织反馈，报告可在一定范围内公开）。等次为优秀、合格、不合格；不合格的由上一级党委及其组织部门书面提醒或诫勉谈话（
            {citation('003', '§6')}）。
          </Typography.Paragraph>
        </Card>
        {code && here ? (
          isTownship ? (
            <TownshipReview regionCode={code} year={year} />
          ) : (
            <TownshipSummary regionCode={code} year={year} onOpen={setRegionCode} />
          )
        ) : null}
      </div>
    </RegionSplit>
  );
}

/** Every township of a county/city: meeting status and counts; a click opens the township. */
function TownshipSummary({
  regionCode,
  year,
  onOpen,
}: {
  regionCode: string;
  year: number;
  onOpen: (code: string) => void;
}) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.review.townships.queryOptions({ regionCode, year }));
  const rows = summary.data?.rows ?? [];
  const held = rows.filter((r) => r.meetingId !== null);
  const total = (k: 'secretaries' | 'excellent' | 'qualified' | 'unqualified' | 'fedBack') =>
    rows.reduce((t, r) => t + r[k], 0);
  return (
    <Card title={`各乡镇（街道）述职评议情况（${year} 年度）`}>
      {summary.error ? <Alert type="error" title={errorMessage(summary.error)} /> : null}
      <Typography.Paragraph data-testid="review-summary">
        共 {rows.length} 个乡镇（街道），已安排 {held.length} 个；书记 {total('secretaries')}{' '}
        人，优秀 {total('excellent')} 人，合格 {total('qualified')} 人，不合格{' '}
        {total('unqualified')} 人，已反馈 {total('fedBack')} 人。
      </Typography.Paragraph>
      <Table<TownshipRow>
        data-testid="review-townships"
        rowKey="regionCode"
        size="small"
        loading={summary.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '乡镇（街道）',
            dataIndex: 'name',
            render: (name: string, r) => (
              <Button type="link" size="small" onClick={() => onOpen(r.regionCode)}>
                {name}
              </Button>
            ),
          },
          {
            title: '会议',
            dataIndex: 'status',
            width: 110,
            render: (_: unknown, r) => <MeetingStatusTag status={r.status} />,
          },
          {
            title: '召开日期',
            dataIndex: 'heldOn',
            width: 110,
            render: (_: unknown, r) => r.heldOn ?? r.meetingOn ?? '',
          },
          { title: '参会人数', dataIndex: 'participants', width: 90, align: 'right' },
          { title: '书记', dataIndex: 'secretaries', width: 70, align: 'right' },
          { title: '优秀', dataIndex: 'excellent', width: 70, align: 'right' },
          { title: '合格', dataIndex: 'qualified', width: 70, align: 'right' },
          {
            title: '不合格',
            dataIndex: 'unqualified',
            width: 80,
            align: 'right',
            render: (n: number) =>
              n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n,
          },
          { title: '已反馈', dataIndex: 'fedBack', width: 80, align: 'right' },
        ]}
      />
    </Card>
  );
}

/** One township: the meeting card, every secretary's progress and result, and the drawers. */
function TownshipReview({ regionCode, year }: { regionCode: string; year: number }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.review.meeting.queryOptions({ regionCode, year }));
  const [openId, setOpenId] = useState<number | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  if (view.error) return <Alert type="error" title={errorMessage(view.error)} />;
  const data: MeetingView | undefined = view.data;
  if (!data) return null;
  const m = data.meeting;
  const open = data.secretaries.find((s) => s.id === openId) ?? null;
  return (
    <>
      <MeetingCard
        key={`${data.regionCode}:${data.year}:${m?.id ?? 'new'}:${m?.status ?? ''}`}
        view={data}
      />
      <Card title={`述职评议结果（${data.secretaries.length} 名书记）`}>
        {m === null ? (
          <Typography.Text type="secondary">
            安排会议后，本乡镇（街道）各村（社区）党组织书记将列入述职名单。
          </Typography.Text>
        ) : (
          <Table<ReviewRow>
            data-testid="review-results"
            rowKey="id"
            size="small"
            dataSource={data.secretaries}
            pagination={false}
            scroll={{ y: 560 }}
            columns={[
              { title: '村（社区）', dataIndex: 'villageName', width: 150 },
              { title: '党组织', dataIndex: 'orgName', ellipsis: true },
              {
                title: '书记',
                dataIndex: 'personName',
                width: 100,
                render: (name: string, r) => (
                  <Button type="link" size="small" onClick={() => setHistoryOf(r.personId)}>
                    {name}
                  </Button>
                ),
              },
              {
                title: '进度',
                key: 'step',
                width: 110,
                render: (_: unknown, r) => {
                  const s = stepOf(r);
                  return s === 5 ? '已反馈' : `待${STEP_TITLES[s]}`;
                },
              },
              {
                title: '等次',
                dataIndex: 'rating',
                width: 80,
                render: (_: unknown, r) => <RatingTag rating={r.rating} />,
              },
              {
                title: '处理',
                dataIndex: 'consequence',
                width: 100,
                render: (_: unknown, r) => consequenceLabel(r.consequence),
              },
              { title: '反馈日期', dataIndex: 'feedbackOn', width: 110 },
              {
                title: '操作',
                key: 'op',
                width: 80,
                render: (_: unknown, r) => (
                  <Button size="small" onClick={() => setOpenId(r.id)}>
                    {r.feedbackOn ? '查看' : '登记'}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <SecretaryDrawer view={data} row={open} onClose={() => setOpenId(null)} />
      <HistoryDrawer personId={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
