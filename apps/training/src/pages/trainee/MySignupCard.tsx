import { Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { dateSpan, KIND_COLORS, kindLabel, timeSpan } from '../labels';
import type { MySignup, TraineeActions } from './actions';
import { StatusTag } from './StatusTag';

/** One of the trainee's signups: its state, calendar, and cancelling before completion. */
export function MySignupCard({
  s,
  actions: { cancel, ics },
}: {
  s: MySignup;
  actions: Pick<TraineeActions, 'cancel' | 'ics'>;
}) {
  return (
    <Card
      size="small"
      data-testid={`my-signup-${s.classId}`}
      style={{ marginBottom: 12 }}
      title={<span style={{ whiteSpace: 'normal' }}>{s.name}</span>}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color={KIND_COLORS[s.kind]}>{kindLabel(s.kind)}</Tag>
          <StatusTag {...s} />
        </Space>
        <Typography.Text>
          {dateSpan(s.startDate, s.endDate)} · 每天 {timeSpan(s.startTime, s.endTime)} · {s.days} 天
          · {s.venue}
        </Typography.Text>
        <Space wrap>
          <Button onClick={() => ics.mutate(s.classId)}>加入日历</Button>
          {s.completedOn ? null : (
            <Popconfirm
              title="确定取消报名？"
              description={s.status === 'confirmed' ? '名额将自动递补给候补第一位。' : undefined}
              okText="取消报名"
              cancelText="再想想"
              onConfirm={() => cancel.mutate({ classId: s.classId })}
            >
              <Button danger>取消报名</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
