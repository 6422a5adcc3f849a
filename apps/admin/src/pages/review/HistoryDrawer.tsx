import type { RouterOutputs } from '@dangjian/api';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table } from 'antd';
import { consequenceLabel, RatingTag } from './labels';

type HistoryRow = RouterOutputs['review']['history']['rows'][number];

/** A secretary's reviews across years, newest first. */
export function HistoryDrawer({
  personId,
  onClose,
}: {
  personId: number | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const history = useQuery(
    trpc.review.history.queryOptions(personId === null ? skipToken : { personId }),
  );
  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size="large"
      title={history.data ? `${history.data.person.name}：历年述职评议` : '历年述职评议'}
    >
      {history.error ? <Alert type="error" title={errorMessage(history.error)} /> : null}
      <Table<HistoryRow>
        data-testid="review-history"
        rowKey="id"
        size="small"
        loading={history.isLoading}
        dataSource={history.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '乡镇（街道）', dataIndex: 'townshipName', width: 120 },
          { title: '党组织', dataIndex: 'orgName' },
          {
            title: '等次',
            dataIndex: 'rating',
            width: 80,
            render: (_: unknown, r) => <RatingTag rating={r.rating} />,
          },
          {
            title: '处理',
            dataIndex: 'consequence',
            width: 140,
            render: (_: unknown, r) =>
              r.consequence
                ? `${consequenceLabel(r.consequence)}（${r.consequenceBy ?? ''} ${r.consequenceOn ?? ''}）`
                : '',
          },
          { title: '点评', dataIndex: 'meetingComments', ellipsis: true },
          { title: '反馈日期', dataIndex: 'feedbackOn', width: 110 },
        ]}
      />
    </Drawer>
  );
}
