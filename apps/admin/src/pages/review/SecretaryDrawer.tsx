import { Alert, Descriptions, Drawer, Space, Steps } from 'antd';
import { RatingTag, STEP_TITLES, stepOf, type MeetingView, type ReviewRow } from './labels';
import {
  CommentsStep,
  ConsequenceStep,
  FeedbackStep,
  RatingStep,
  ReportStep,
  TownshipReviewStep,
} from './steps';

/**
 * One secretary's review, step by step (三堂街镇2015年度书记述职评议考核通知 第二部分): 述职报告 →
 * 镇党委书记审阅 → 会上点评（评议意见、现场提问）→ 评定等次 → 不合格的处理（东组通〔2015〕34号
 * 第六部分）→ 反馈结果. Each step (./steps) saves on its own; a step the server refuses shows the
 * Chinese reason. Locked once the result is fed back.
 */
export function SecretaryDrawer({
  view,
  row,
  onClose,
}: {
  view: MeetingView;
  row: ReviewRow | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size="large"
      title={row ? `${row.personName}（${row.villageName}）述职评议` : ''}
      destroyOnHidden
    >
      {row ? <ReviewSteps key={row.id} view={view} row={row} /> : null}
    </Drawer>
  );
}

function ReviewSteps({ view, row }: { view: MeetingView; row: ReviewRow }) {
  const locked = row.feedbackOn !== null;
  const held = view.meeting?.status !== 'scheduled';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Steps size="small" current={stepOf(row)} items={STEP_TITLES.map((title) => ({ title }))} />
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="党组织">{row.orgName}</Descriptions.Item>
        <Descriptions.Item label="当前等次">
          <RatingTag rating={row.rating} />
        </Descriptions.Item>
      </Descriptions>
      {locked ? (
        <Alert
          type="success"
          data-testid="review-fed-back"
          title={`已于 ${row.feedbackOn} 向村（社区）党组织反馈评议结果（${row.feedbackMethod ?? ''}），记录已锁定`}
        />
      ) : null}
      <ReportStep row={row} locked={locked} />
      <TownshipReviewStep row={row} locked={locked} view={view} />
      <CommentsStep row={row} locked={locked} held={held} />
      <RatingStep row={row} locked={locked} held={held} />
      {row.rating === 'unqualified' ? <ConsequenceStep row={row} locked={locked} /> : null}
      <FeedbackStep row={row} locked={locked} />
    </Space>
  );
}
