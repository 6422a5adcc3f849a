import {
  citation,
  REVIEW_ACTION_LABELS,
  REVIEW_CONTENT_AREAS,
  REVIEW_CONTENT_LABELS,
  REVIEW_RATING_LABELS,
  REVIEW_RATINGS,
  type ReviewContentArea,
  type ReviewRating,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Input, Radio } from 'antd';
import { useState, type ReactNode } from 'react';
import { today, type MeetingView, type ReviewRow } from './labels';

/**
 * The steps of one secretary's review (SecretaryDrawer), one card each. A card keeps its own
 * inputs (initialised from the saved row) and saves on its own; a step the server refuses shows
 * the Chinese reason under it. `locked`: the result was fed back, nothing changes any more.
 */
interface StepProps {
  row: ReviewRow;
  locked: boolean;
}

type Consequence = 'written_reminder' | 'admonition_talk';

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 2 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

function StepError({ error }: { error: unknown }) {
  return error ? (
    <Alert
      type="error"
      data-testid="review-step-error"
      title={errorMessage(error)}
      style={{ marginBottom: 8 }}
    />
  ) : null;
}

/** After a step saves: say so, and reload the meeting (its rows and their steps). */
function useSaved(what: string): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return async () => {
    message.success(`已保存${what}`);
    await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
  };
}

/** 一、会前准备：述职报告 — the report, its date and the content areas it covers. */
export function ReportStep({ row, locked }: StepProps) {
  const trpc = useTRPC();
  const [reportSummary, setReportSummary] = useState(row.reportSummary ?? '');
  const [submittedOn, setSubmittedOn] = useState(row.reportSubmittedOn ?? '');
  const [contentAreas, setContentAreas] = useState<ReviewContentArea[]>(
    row.reportSubmittedOn ? row.reportContentAreas : [...REVIEW_CONTENT_AREAS],
  );
  const saveReport = useMutation(
    trpc.review.saveReport.mutationOptions({ onSuccess: useSaved('述职报告') }),
  );
  return (
    <Card size="small" title="一、会前准备：述职报告">
      <Field id="r-summary" label="述职报告（全文或摘要）">
        <Input.TextArea
          id="r-summary"
          rows={4}
          maxLength={5000}
          disabled={locked}
          value={reportSummary}
          onChange={(e) => setReportSummary(e.target.value)}
        />
      </Field>
      <Field id="r-submitted" label="报告提交日期">
        <Input
          id="r-submitted"
          type="date"
          disabled={locked}
          value={submittedOn}
          onChange={(e) => setSubmittedOn(e.target.value)}
        />
      </Field>
      <Field id="r-areas" label={`报告涵盖内容（${citation('004', '§1')}）`}>
        <Checkbox.Group<ReviewContentArea>
          disabled={locked}
          value={contentAreas}
          onChange={(v) => setContentAreas(v)}
          options={REVIEW_CONTENT_AREAS.map((a) => ({
            value: a,
            label: REVIEW_CONTENT_LABELS[a],
          }))}
        />
      </Field>
      <StepError error={saveReport.error} />
      <Button
        disabled={locked}
        loading={saveReport.isPending}
        onClick={() =>
          saveReport.mutate({ reviewId: row.id, reportSummary, submittedOn, contentAreas })
        }
      >
        保存报告
      </Button>
    </Card>
  );
}

/** 二、会前准备：镇党委书记审阅 — who reviewed the report, when, and what they said. */
export function TownshipReviewStep({ row, locked, view }: StepProps & { view: MeetingView }) {
  const trpc = useTRPC();
  const [reviewerName, setReviewerName] = useState(
    row.reviewerName ?? view.townshipSecretaryName ?? '',
  );
  const [bySecretary, setBySecretary] = useState(row.reviewedByTownshipSecretary ?? true);
  const [reviewedOn, setReviewedOn] = useState(row.reviewedOn ?? '');
  const [reviewComments, setReviewComments] = useState(row.reviewComments ?? '');
  const reviewReport = useMutation(
    trpc.review.reviewReport.mutationOptions({ onSuccess: useSaved('审阅意见') }),
  );
  return (
    <Card size="small" title="二、会前准备：镇党委书记审阅">
      <Field id="r-reviewer" label="审阅人">
        <Input
          id="r-reviewer"
          disabled={locked}
          value={reviewerName}
          onChange={(e) => setReviewerName(e.target.value)}
        />
      </Field>
      <Checkbox
        disabled={locked}
        checked={bySecretary}
        onChange={(e) => setBySecretary(e.target.checked)}
        style={{ marginBottom: 8 }}
      >
        由乡镇（街道）党（工）委书记审阅
      </Checkbox>
      <Field id="r-reviewed-on" label="审阅日期">
        <Input
          id="r-reviewed-on"
          type="date"
          disabled={locked}
          value={reviewedOn}
          onChange={(e) => setReviewedOn(e.target.value)}
        />
      </Field>
      <Field id="r-review-comments" label="审阅意见">
        <Input.TextArea
          id="r-review-comments"
          rows={2}
          disabled={locked}
          value={reviewComments}
          onChange={(e) => setReviewComments(e.target.value)}
        />
      </Field>
      <StepError error={reviewReport.error} />
      <Button
        disabled={locked || row.reportSubmittedOn === null}
        loading={reviewReport.isPending}
        onClick={() =>
          reviewReport.mutate({
            reviewId: row.id,
            reviewerName,
            reviewedByTownshipSecretary: bySecretary,
            reviewedOn,
            reviewComments,
          })
        }
      >
        保存审阅
      </Button>
    </Card>
  );
}

/** 三、述职评议 — the township secretary's comments, participants' opinions, questions asked. */
export function CommentsStep({ row, locked, held }: StepProps & { held: boolean }) {
  const trpc = useTRPC();
  const [meetingComments, setMeetingComments] = useState(row.meetingComments ?? '');
  const [opinions, setOpinions] = useState(row.participantOpinions ?? '');
  const [questions, setQuestions] = useState(row.questions ?? '');
  const comments = useMutation(
    trpc.review.recordComments.mutationOptions({ onSuccess: useSaved('点评意见') }),
  );
  return (
    <Card size="small" title="三、述职评议：点评、评议意见和现场提问">
      {!held ? (
        <Alert type="info" title="会议召开后登记点评和评议等次" style={{ marginBottom: 8 }} />
      ) : null}
      <Field id="r-meeting-comments" label="镇党委书记点评意见">
        <Input.TextArea
          id="r-meeting-comments"
          rows={3}
          disabled={locked}
          value={meetingComments}
          onChange={(e) => setMeetingComments(e.target.value)}
        />
      </Field>
      <Field id="r-opinions" label="参会人员评议意见">
        <Input.TextArea
          id="r-opinions"
          rows={2}
          disabled={locked}
          value={opinions}
          onChange={(e) => setOpinions(e.target.value)}
        />
      </Field>
      <Field id="r-questions" label="现场提问">
        <Input.TextArea
          id="r-questions"
          rows={2}
          disabled={locked}
          value={questions}
          onChange={(e) => setQuestions(e.target.value)}
        />
      </Field>
      <StepError error={comments.error} />
      <Button
        disabled={locked || !held}
        loading={comments.isPending}
        onClick={() =>
          comments.mutate({
            reviewId: row.id,
            meetingComments,
            participantOpinions: opinions,
            questions,
          })
        }
      >
        保存点评
      </Button>
    </Card>
  );
}

/** 四、评定等次 — 优秀 / 合格 / 不合格, once the meeting was held. */
export function RatingStep({ row, locked, held }: StepProps & { held: boolean }) {
  const trpc = useTRPC();
  const [rating, setRating] = useState<ReviewRating | null>(row.rating);
  const rate = useMutation(trpc.review.rate.mutationOptions({ onSuccess: useSaved('评议等次') }));
  return (
    <Card size="small" title="四、评定等次">
      <Radio.Group
        disabled={locked || !held}
        value={rating}
        onChange={(e) => setRating(e.target.value as ReviewRating)}
        options={REVIEW_RATINGS.map((r) => ({ value: r, label: REVIEW_RATING_LABELS[r] }))}
      />
      <StepError error={rate.error} />
      <div style={{ marginTop: 8 }}>
        <Button
          disabled={locked || !held || rating === null}
          loading={rate.isPending}
          onClick={() => {
            if (rating) rate.mutate({ reviewId: row.id, rating });
          }}
        >
          保存等次
        </Button>
      </div>
    </Card>
  );
}

/** 不合格的处理 (东组通〔2015〕34号 第六部分): a written reminder or an admonition talk. */
export function ConsequenceStep({ row, locked }: StepProps) {
  const trpc = useTRPC();
  const [consequence, setConsequence] = useState<Consequence | null>(row.consequence);
  const [consequenceBy, setConsequenceBy] = useState(row.consequenceBy ?? '');
  const [consequenceOn, setConsequenceOn] = useState(row.consequenceOn ?? '');
  const [consequenceNote, setConsequenceNote] = useState(row.consequenceNote ?? '');
  const recordConsequence = useMutation(
    trpc.review.recordConsequence.mutationOptions({ onSuccess: useSaved('处理情况') }),
  );
  return (
    <Card
      size="small"
      title={`不合格的处理（由上一级党委及其组织部门作出，${citation('003', '§6')}）`}
    >
      <Radio.Group
        disabled={locked}
        value={consequence}
        onChange={(e) => setConsequence(e.target.value as Consequence)}
        options={(['written_reminder', 'admonition_talk'] as const).map((c) => ({
          value: c,
          label: REVIEW_ACTION_LABELS[c],
        }))}
      />
      <Field id="r-consequence-by" label="处理机关">
        <Input
          id="r-consequence-by"
          disabled={locked}
          value={consequenceBy}
          onChange={(e) => setConsequenceBy(e.target.value)}
        />
      </Field>
      <Field id="r-consequence-on" label="处理日期">
        <Input
          id="r-consequence-on"
          type="date"
          disabled={locked}
          value={consequenceOn}
          onChange={(e) => setConsequenceOn(e.target.value)}
        />
      </Field>
      <Field id="r-consequence-note" label="处理情况说明">
        <Input.TextArea
          id="r-consequence-note"
          rows={2}
          disabled={locked}
          value={consequenceNote}
          onChange={(e) => setConsequenceNote(e.target.value)}
        />
      </Field>
      <StepError error={recordConsequence.error} />
      <Button
        disabled={locked || consequence === null}
        loading={recordConsequence.isPending}
        onClick={() => {
          if (consequence)
            recordConsequence.mutate({
              reviewId: row.id,
              consequence,
              consequenceBy,
              consequenceOn,
              consequenceNote,
            });
        }}
      >
        保存处理
      </Button>
    </Card>
  );
}

/** 五、反馈结果 — when and how the result went back to the village; whether the report is public. */
export function FeedbackStep({ row, locked }: StepProps) {
  const trpc = useTRPC();
  const [feedbackOn, setFeedbackOn] = useState(row.feedbackOn ?? today());
  const [feedbackMethod, setFeedbackMethod] = useState(row.feedbackMethod ?? '');
  const [published, setPublished] = useState(row.reportPublished);
  const feedback = useMutation(
    trpc.review.recordFeedback.mutationOptions({ onSuccess: useSaved('反馈结果') }),
  );
  return (
    <Card size="small" title="五、反馈结果">
      <Field id="r-feedback-on" label="反馈日期">
        <Input
          id="r-feedback-on"
          type="date"
          disabled={locked}
          value={feedbackOn}
          onChange={(e) => setFeedbackOn(e.target.value)}
        />
      </Field>
      <Field id="r-feedback-method" label="反馈方式">
        <Input
          id="r-feedback-method"
          disabled={locked}
          placeholder="如：召开村党组织会议当面反馈"
          value={feedbackMethod}
          onChange={(e) => setFeedbackMethod(e.target.value)}
        />
      </Field>
      <Checkbox
        disabled={locked}
        checked={published}
        onChange={(e) => setPublished(e.target.checked)}
        style={{ marginBottom: 8 }}
      >
        述职报告已在一定范围内公开
      </Checkbox>
      <StepError error={feedback.error} />
      <div>
        <Button
          type="primary"
          disabled={locked || row.rating === null}
          loading={feedback.isPending}
          onClick={() =>
            feedback.mutate({
              reviewId: row.id,
              feedbackOn,
              feedbackMethod,
              reportPublished: published,
            })
          }
        >
          反馈结果
        </Button>
      </div>
    </Card>
  );
}
