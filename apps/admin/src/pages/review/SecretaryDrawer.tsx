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
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Input,
  Radio,
  Space,
  Steps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { RatingTag, STEP_TITLES, stepOf, today, type MeetingView, type ReviewRow } from './labels';

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

/**
 * One secretary's review, step by step (004 二): 述职报告 → 镇党委书记审阅 → 会上点评（评议意见、
 * 现场提问）→ 评定等次 → 不合格的处理（003 §6）→ 反馈结果. Each step saves on its own; a step the
 * server refuses shows the Chinese reason. Locked once the result is fed back.
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const locked = row.feedbackOn !== null;
  const held = view.meeting?.status !== 'scheduled';
  const reviewId = row.id;
  const done = (what: string) => async () => {
    message.success(`已保存${what}`);
    await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
  };

  const [reportSummary, setReportSummary] = useState(row.reportSummary ?? '');
  const [submittedOn, setSubmittedOn] = useState(row.reportSubmittedOn ?? '');
  const [contentAreas, setContentAreas] = useState<ReviewContentArea[]>(
    row.reportSubmittedOn ? row.reportContentAreas : [...REVIEW_CONTENT_AREAS],
  );
  const [reviewerName, setReviewerName] = useState(
    row.reviewerName ?? view.townshipSecretaryName ?? '',
  );
  const [bySecretary, setBySecretary] = useState(row.reviewedByTownshipSecretary ?? true);
  const [reviewedOn, setReviewedOn] = useState(row.reviewedOn ?? '');
  const [reviewComments, setReviewComments] = useState(row.reviewComments ?? '');
  const [meetingComments, setMeetingComments] = useState(row.meetingComments ?? '');
  const [opinions, setOpinions] = useState(row.participantOpinions ?? '');
  const [questions, setQuestions] = useState(row.questions ?? '');
  const [rating, setRating] = useState<ReviewRating | null>(row.rating);
  const [consequence, setConsequence] = useState<Consequence | null>(row.consequence);
  const [consequenceBy, setConsequenceBy] = useState(row.consequenceBy ?? '');
  const [consequenceOn, setConsequenceOn] = useState(row.consequenceOn ?? '');
  const [consequenceNote, setConsequenceNote] = useState(row.consequenceNote ?? '');
  const [feedbackOn, setFeedbackOn] = useState(row.feedbackOn ?? today());
  const [feedbackMethod, setFeedbackMethod] = useState(row.feedbackMethod ?? '');
  const [published, setPublished] = useState(row.reportPublished);

  const saveReport = useMutation(
    trpc.review.saveReport.mutationOptions({ onSuccess: done('述职报告') }),
  );
  const reviewReport = useMutation(
    trpc.review.reviewReport.mutationOptions({ onSuccess: done('审阅意见') }),
  );
  const comments = useMutation(
    trpc.review.recordComments.mutationOptions({ onSuccess: done('点评意见') }),
  );
  const rate = useMutation(trpc.review.rate.mutationOptions({ onSuccess: done('评议等次') }));
  const recordConsequence = useMutation(
    trpc.review.recordConsequence.mutationOptions({ onSuccess: done('处理情况') }),
  );
  const feedback = useMutation(
    trpc.review.recordFeedback.mutationOptions({ onSuccess: done('反馈结果') }),
  );

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
          onClick={() => saveReport.mutate({ reviewId, reportSummary, submittedOn, contentAreas })}
        >
          保存报告
        </Button>
      </Card>

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
              reviewId,
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
              reviewId,
              meetingComments,
              participantOpinions: opinions,
              questions,
            })
          }
        >
          保存点评
        </Button>
      </Card>

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
              if (rating) rate.mutate({ reviewId, rating });
            }}
          >
            保存等次
          </Button>
        </div>
      </Card>

      {row.rating === 'unqualified' ? (
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
                  reviewId,
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
      ) : null}

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
              feedback.mutate({ reviewId, feedbackOn, feedbackMethod, reportPublished: published })
            }
          >
            反馈结果
          </Button>
        </div>
      </Card>
    </Space>
  );
}
