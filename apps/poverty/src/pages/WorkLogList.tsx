import type { TeamTaskArea } from '@dangjian/domain';
import { formatYuan, TEAM_TASK_AREA_LABELS } from '@dangjian/domain';
import { Attachments, errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';

const AREA_COLORS: Record<TeamTaskArea, string> = {
  build_team: 'red',
  infrastructure_industry: 'orange',
  solve_problems: 'blue',
  civic_harmony: 'green',
};

export interface WorkLogFilter {
  regionCode: string;
  villageId?: number | null;
  area?: TeamTaskArea | null;
  from?: string | null;
  to?: string | null;
  /** Offer 拍照 / 上传 on each entry (a team member's own log; the server decides who may). */
  editable?: boolean;
}

/** The work log, newest first, as a list that reads on a phone as well as on a desk. */
export function WorkLogList({ editable = false, ...filter }: WorkLogFilter) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const logs = useQuery({
    ...trpc.poverty.logs.queryOptions({ ...filter, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
  if (logs.error) return <Alert type="error" showIcon message={errorMessage(logs.error)} />;
  const items = logs.data?.items ?? [];
  if (logs.isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) return <Empty description="暂无工作日志" />;
  return (
    <Flex vertical gap={12}>
      {items.map((e) => (
        <div
          key={e.id}
          data-testid="work-log-item"
          style={{ borderBottom: '1px solid rgba(5, 5, 5, 0.06)', paddingBottom: 10 }}
        >
          <Space wrap size={4}>
            <span>{e.date}</span>
            <Tag color={AREA_COLORS[e.area]}>{TEAM_TASK_AREA_LABELS[e.area]}</Tag>
            {filter.villageId ? null : <Typography.Text strong>{e.villageName}</Typography.Text>}
          </Space>
          <div style={{ margin: '4px 0' }}>{e.summary}</div>
          <Typography.Text type="secondary">
            {e.memberName ?? '工作队'} · 走访（受益）{e.householdsReached} 户
            {e.fundsFen > 0
              ? ` · 引进资金 ${formatYuan(e.fundsFen, { grouped: true, unit: true })}`
              : ''}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <Attachments
              owner={{ kind: 'work_log', id: e.id }}
              editable={editable}
              camera
              label="照片"
              hideWhenEmpty
            />
          </div>
        </div>
      ))}
      <Pagination
        align="end"
        size="small"
        current={page}
        pageSize={10}
        total={logs.data?.total ?? 0}
        onChange={setPage}
        hideOnSinglePage
        showTotal={(n) => `共 ${n} 条`}
      />
    </Flex>
  );
}
