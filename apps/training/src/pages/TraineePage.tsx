import type { RouterOutputs } from '@dangjian/api';
import { chinaToday } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { dateSpan, KIND_COLORS, kindLabel, saveIcs, timeSpan } from './labels';

type ClassRow = RouterOutputs['training']['classes'][number];
type MySignup = RouterOutputs['training']['mySignups'][number];
type MyAttendance = RouterOutputs['training']['myAttendance'][number];

function StatusTag({
  status,
  position,
  completedOn,
}: {
  status: string;
  position: number | null;
  completedOn: string | null;
}) {
  if (completedOn) return <Tag color="green">已结业</Tag>;
  if (status === 'confirmed') return <Tag color="blue">已确认</Tag>;
  return <Tag color="orange">候补第 {position ?? '?'} 位</Tag>;
}

/** The trainee's page, built for a phone: classes open to them, and their own signups. */
export function TraineePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const today = chinaToday(new Date());
  const classes = useQuery(trpc.training.classes.queryOptions({}));
  const mine = useQuery(trpc.training.mySignups.queryOptions());
  const attendance = useQuery(trpc.training.myAttendance.queryOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.training.classes.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.training.mySignups.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.training.myAttendance.queryKey() }),
    ]);
  const signup = useMutation(
    trpc.training.signup.mutationOptions({
      onSuccess: (r) => {
        void message.success(
          r.status === 'confirmed'
            ? '报名成功，名额已确认'
            : `班级已满，已进入候补第 ${r.position ?? '?'} 位`,
        );
        void refresh();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const cancel = useMutation(
    trpc.training.cancel.mutationOptions({
      onSuccess: () => {
        void message.success('已取消报名');
        void refresh();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const ics = useMutation({
    mutationFn: (classId: number) =>
      queryClient.fetchQuery(trpc.training.ics.queryOptions({ classId })),
    onSuccess: saveIcs,
    onError: (e) => void message.error(errorMessage(e)),
  });

  const classCard = (c: ClassRow) => (
    <Card
      key={c.id}
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

  const mineCard = (s: MySignup) => (
    <Card
      key={s.classId}
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

  const attendanceCard = (a: MyAttendance) => {
    const { held, present, absent, unmarked, remaining } = a.attendance;
    const presentSet = new Set(present);
    const absentSet = new Set(absent);
    return (
      <Card
        key={a.classId}
        size="small"
        data-testid={`my-attendance-${a.classId}`}
        style={{ marginBottom: 12 }}
        title={<span style={{ whiteSpace: 'normal' }}>{a.name}</span>}
      >
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap size={4}>
            <Tag color={KIND_COLORS[a.kind]}>{kindLabel(a.kind)}</Tag>
            <StatusTag {...a} />
          </Space>
          <Typography.Text>
            {dateSpan(a.startDate, a.endDate)} · 每天 {timeSpan(a.startTime, a.endTime)}
          </Typography.Text>
          {a.status !== 'confirmed' ? (
            <Typography.Text type="secondary">候补中，递补后开始记录出勤</Typography.Text>
          ) : held.length === 0 ? (
            <Typography.Text type="secondary">尚未开班，共 {remaining} 个培训日</Typography.Text>
          ) : (
            <>
              <Typography.Text data-testid={`my-attendance-summary-${a.classId}`}>
                出勤 {present.length} 天，缺勤 {absent.length} 天
                {unmarked.length > 0 ? `，未登记 ${unmarked.length} 天` : ''}
                {remaining > 0 ? `，还有 ${remaining} 天` : ''}
              </Typography.Text>
              <Space wrap size={4}>
                {held.map((d) => (
                  <Tag
                    key={d}
                    color={presentSet.has(d) ? 'green' : absentSet.has(d) ? 'red' : 'default'}
                  >
                    {d.slice(5)} {presentSet.has(d) ? '出勤' : absentSet.has(d) ? '缺勤' : '未登记'}
                  </Tag>
                ))}
              </Space>
            </>
          )}
          <Typography.Text data-testid={`my-completion-${a.classId}`}>
            {a.completedOn
              ? `已结业（${a.completedOn}，计 ${a.completedDays ?? 0} 天）`
              : a.endDate < today
                ? '未结业'
                : '结业：培训结束后由举办单位登记'}
          </Typography.Text>
        </Space>
      </Card>
    );
  };

  const error = classes.error ?? mine.error ?? attendance.error;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  if (!classes.data || !mine.data || !attendance.data)
    return <Spin style={{ display: 'block', margin: 48 }} />;
  const open = classes.data.filter((c) => c.open);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Tabs
        items={[
          {
            key: 'open',
            label: `可报名培训班（${open.length}）`,
            children: open.length ? (
              open.map(classCard)
            ) : (
              <Empty description="暂无可报名的培训班" />
            ),
          },
          {
            key: 'mine',
            label: `我的报名（${mine.data.length}）`,
            children: mine.data.length ? (
              mine.data.map(mineCard)
            ) : (
              <Empty description="还没有报名" />
            ),
          },
          {
            key: 'attendance',
            label: '我的出勤',
            children: attendance.data.length ? (
              attendance.data.map(attendanceCard)
            ) : (
              <Empty description="还没有报名的培训班" />
            ),
          },
        ]}
      />
    </div>
  );
}
