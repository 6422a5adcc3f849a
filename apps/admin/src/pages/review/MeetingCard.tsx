import {
  REVIEW_PARTICIPANT_LABELS,
  REVIEW_PARTICIPANT_TYPES,
  type ReviewParticipantType,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  Row,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { MeetingStatusTag, today, type MeetingView } from './labels';

type Counts = Record<ReviewParticipantType, number>;

const ZERO: Counts = {
  party_congress_deputy: 0,
  npc_deputy: 0,
  cppcc_member: 0,
  member_cadre: 0,
  public_rep: 0,
};

function splitNames(text: string): string[] {
  return text
    .split(/[\n、,，;；]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The township's meeting for the year: schedule (date in Q4, venue, participants by type with a
 * live count against the policy minimum, optional names), then record it as held.
 */
export function MeetingCard({ view }: { view: MeetingView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const m = view.meeting;
  // Initialised from the saved meeting; the page remounts this card (key) for another
  // township, year or meeting state.
  const [meetingOn, setMeetingOn] = useState(m?.meetingOn ?? '');
  const [venue, setVenue] = useState(m?.venue ?? '');
  const [heldOn, setHeldOn] = useState(today());
  const [counts, setCounts] = useState<Counts>(m ? { ...m.participants } : ZERO);
  const [names, setNames] = useState(
    () =>
      Object.fromEntries(
        REVIEW_PARTICIPANT_TYPES.map((t) => [t, (m?.participantNames[t] ?? []).join('、')]),
      ) as Record<ReviewParticipantType, string>,
  );

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
  const schedule = useMutation(
    trpc.review.schedule.mutationOptions({
      onSuccess: async (r) => {
        message.success(`已安排述职评议会议，列入 ${r.secretaries} 名村（社区）党组织书记`);
        await refresh();
      },
    }),
  );
  const markHeld = useMutation(
    trpc.review.markHeld.mutationOptions({
      onSuccess: async () => {
        message.success('已登记会议召开');
        await refresh();
      },
    }),
  );

  const total = REVIEW_PARTICIPANT_TYPES.reduce((t, k) => t + counts[k], 0);
  const enough = total >= view.minParticipants;
  const participantNames = Object.fromEntries(
    REVIEW_PARTICIPANT_TYPES.flatMap((t) => {
      const list = splitNames(names[t]);
      return list.length > 0 ? [[t, list]] : [];
    }),
  );
  const editable = m === null || m.status === 'scheduled';
  const error = schedule.error ?? markHeld.error;

  return (
    <Card
      title={
        <Space>
          <span>述职评议会议</span>
          <MeetingStatusTag status={m?.status ?? null} />
        </Space>
      }
    >
      {m && !editable ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="计划日期">{m.meetingOn}</Descriptions.Item>
          <Descriptions.Item label="召开日期">{m.heldOn}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.venue}</Descriptions.Item>
          {REVIEW_PARTICIPANT_TYPES.map((t) => (
            <Descriptions.Item key={t} label={REVIEW_PARTICIPANT_LABELS[t]}>
              {m.participants[t]} 人
              {m.participantNames[t]?.length ? `（${m.participantNames[t].join('、')}）` : ''}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="合计">
            <span data-testid="participants-total">{total} 人</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Row gutter={12}>
            <Col span={8}>
              <label htmlFor="review-meeting-on">会议日期</label>
              <Input
                id="review-meeting-on"
                type="date"
                value={meetingOn}
                onChange={(e) => setMeetingOn(e.target.value)}
              />
            </Col>
            <Col span={16}>
              <label htmlFor="review-venue">会议地点</label>
              <Input
                id="review-venue"
                value={venue}
                maxLength={200}
                onChange={(e) => setVenue(e.target.value)}
              />
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            参会人员（党代会代表、人大代表、政协委员、基层党员干部、群众代表）
          </Typography.Title>
          <Row gutter={[12, 8]}>
            {REVIEW_PARTICIPANT_TYPES.map((t) => (
              <Col key={t} span={8}>
                <label htmlFor={`review-count-${t}`}>{REVIEW_PARTICIPANT_LABELS[t]}（人）</label>
                <InputNumber<number>
                  id={`review-count-${t}`}
                  style={{ width: '100%' }}
                  min={0}
                  max={100000}
                  precision={0}
                  value={counts[t]}
                  onChange={(v) => setCounts((c) => ({ ...c, [t]: v ?? 0 }))}
                />
                <Input.TextArea
                  aria-label={`${REVIEW_PARTICIPANT_LABELS[t]}名单`}
                  placeholder="名单（可选，用“、”或换行分隔）"
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  style={{ marginTop: 4 }}
                  value={names[t]}
                  onChange={(e) => setNames((n) => ({ ...n, [t]: e.target.value }))}
                />
              </Col>
            ))}
            <Col span={8}>
              <Typography.Text strong type={enough ? 'success' : 'danger'}>
                合计 <span data-testid="participants-total">{total} 人</span>（不少于{' '}
                {view.minParticipants} 人
                {enough ? '，已达到' : `，还差 ${view.minParticipants - total} 人`}）
              </Typography.Text>
            </Col>
          </Row>
          <Space wrap style={{ marginTop: 16 }}>
            <Button
              type="primary"
              loading={schedule.isPending}
              onClick={() =>
                schedule.mutate({
                  regionCode: view.regionCode,
                  year: view.year,
                  meetingOn,
                  venue,
                  participants: counts,
                  participantNames,
                })
              }
            >
              {m ? '保存日程' : '安排会议'}
            </Button>
            {m ? (
              <>
                <label htmlFor="review-held-on">实际召开日期</label>
                <Input
                  id="review-held-on"
                  type="date"
                  style={{ width: 170 }}
                  value={heldOn}
                  onChange={(e) => setHeldOn(e.target.value)}
                />
                <Button
                  loading={markHeld.isPending}
                  onClick={() =>
                    markHeld.mutate({
                      regionCode: view.regionCode,
                      year: view.year,
                      heldOn,
                      participants: counts,
                      participantNames,
                    })
                  }
                >
                  登记召开
                </Button>
              </>
            ) : null}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {view.rule}，由乡镇（街道）党（工）委组织召开。执行政策：{view.policyLabel}。
          </Typography.Paragraph>
        </>
      )}
      {error ? (
        <Alert
          type="error"
          data-testid="review-error"
          title={errorMessage(error)}
          style={{ marginTop: 12 }}
        />
      ) : null}
    </Card>
  );
}
