import { chinaToday } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Tabs } from 'antd';
import { useTraineeActions } from './trainee/actions';
import { AttendanceCard } from './trainee/AttendanceCard';
import { ClassCard } from './trainee/ClassCard';
import { MySignupCard } from './trainee/MySignupCard';

/** The trainee's page, built for a phone: classes open to them, and their own signups. */
export function TraineePage() {
  const trpc = useTRPC();
  const today = chinaToday(new Date());
  const classes = useQuery(trpc.training.classes.queryOptions({}));
  const mine = useQuery(trpc.training.mySignups.queryOptions());
  const attendance = useQuery(trpc.training.myAttendance.queryOptions());
  const actions = useTraineeActions();

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
              open.map((c) => <ClassCard key={c.id} c={c} actions={actions} />)
            ) : (
              <Empty description="暂无可报名的培训班" />
            ),
          },
          {
            key: 'mine',
            label: `我的报名（${mine.data.length}）`,
            children: mine.data.length ? (
              mine.data.map((s) => <MySignupCard key={s.classId} s={s} actions={actions} />)
            ) : (
              <Empty description="还没有报名" />
            ),
          },
          {
            key: 'attendance',
            label: '我的出勤',
            children: attendance.data.length ? (
              attendance.data.map((a) => <AttendanceCard key={a.classId} a={a} today={today} />)
            ) : (
              <Empty description="还没有报名的培训班" />
            ),
          },
        ]}
      />
    </div>
  );
}
