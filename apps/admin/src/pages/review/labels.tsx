import type { RouterOutputs } from '@dangjian/api';
import { REVIEW_ACTION_LABELS, REVIEW_RATING_LABELS, type ReviewRating } from '@dangjian/domain';
import { Tag } from 'antd';

export type MeetingView = RouterOutputs['review']['meeting'];
export type ReviewRow = MeetingView['secretaries'][number];
export type MeetingStatus = NonNullable<MeetingView['meeting']>['status'];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '已安排',
  held: '已召开',
  feedback_given: '已全部反馈',
};
const STATUS_COLORS: Record<MeetingStatus, string> = {
  scheduled: 'blue',
  held: 'orange',
  feedback_given: 'green',
};

export function MeetingStatusTag({ status }: { status: MeetingStatus | null }) {
  if (status === null) return <Tag>未安排</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{MEETING_STATUS_LABELS[status]}</Tag>;
}

const RATING_COLORS: Record<ReviewRating, string> = {
  excellent: 'green',
  qualified: 'blue',
  unqualified: 'red',
};

export function RatingTag({ rating }: { rating: ReviewRating | null }) {
  if (rating === null) return <Tag>未评定</Tag>;
  return <Tag color={RATING_COLORS[rating]}>{REVIEW_RATING_LABELS[rating]}</Tag>;
}

export function consequenceLabel(c: 'written_reminder' | 'admonition_talk' | null): string {
  return c === null ? '' : REVIEW_ACTION_LABELS[c];
}

/** The step a secretary's review has reached (report → review → comments → rating → feedback). */
export function stepOf(r: ReviewRow): number {
  if (r.feedbackOn !== null) return 5;
  if (r.rating !== null) return 4;
  if (r.meetingComments !== null) return 3;
  if (r.reviewedOn !== null) return 2;
  if (r.reportSubmittedOn !== null) return 1;
  return 0;
}

export const STEP_TITLES = ['述职报告', '书记审阅', '会上点评', '评定等次', '反馈结果'] as const;

/** Today as YYYY-MM-DD (local date). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
