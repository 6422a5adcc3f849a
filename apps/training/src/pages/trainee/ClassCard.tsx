import { Button, Card, Space, Tag, Typography } from 'antd';
import { dateSpan, KIND_COLORS, kindLabel, timeSpan } from '../labels';
import type { ClassRow, TraineeActions } from './actions';
import { StatusTag } from './StatusTag';

/** A class open for signup: when, where, places left, and the signup button. */
export function ClassCard({
  c,
  actions: { signup, ics },
}: {
  c: ClassRow;
  actions: Pick<TraineeActions, 'signup' | 'ics'>;
}) {
  return (
    <Card
      size="small"
      data-testid={`class-card-${c.id}`}
      title={<span style={{ whiteSpace: 'normal' }}>{c.name}</span>}
      style={{ marginBottom: 12 }}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color={KIND_COLORS[c.kind]}>{kindLabel(c.kind)}</Tag>
          <Typography.Text type="secondary">{c.organiser}</Typography.Text>
          {c.mySignup ? <StatusTag {...c.mySignup} /> : null}
        </Space>
        <Typography.Text>
          {dateSpan(c.startDate, c.endDate)} · {c.days} 天{c.hours ? `（${c.hours} 学时）` : ''}
        </Typography.Text>
        <Typography.Text>每天 {timeSpan(c.startTime, c.endTime)}</Typography.Text>
        <Typography.Text>地点：{c.venue}</Typography.Text>
        <Typography.Text>
          名额：已确认 {c.confirmedCount} / {c.capacity}
          {c.waitlisted > 0 ? `，候补 ${c.waitlisted} 人` : ''}
        </Typography.Text>
        {c.eligible === false && c.ineligibleReason ? (
          <Typography.Text type="warning">{c.ineligibleReason}</Typography.Text>
        ) : null}
        <Space wrap>
          {c.mySignup ? null : (
            <Button
              type="primary"
              disabled={!c.open || c.eligible === false}
              loading={signup.isPending && signup.variables.classId === c.id}
              onClick={() => signup.mutate({ classId: c.id })}
            >
              {!c.open ? '报名已截止' : c.confirmedCount >= c.capacity ? '报名候补' : '报名'}
            </Button>
          )}
          <Button onClick={() => ics.mutate(c.id)}>加入日历</Button>
        </Space>
      </Space>
    </Card>
  );
}
