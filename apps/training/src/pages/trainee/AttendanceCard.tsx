import { Card, Space, Tag, Typography } from 'antd';
import { dateSpan, KIND_COLORS, kindLabel, timeSpan } from '../labels';
import type { MyAttendance } from './actions';
import { StatusTag } from './StatusTag';

/** The trainee's attendance in one class, day by day, and whether they have completed it. */
export function AttendanceCard({ a, today }: { a: MyAttendance; today: string }) {
  const { held, present, absent, unmarked, remaining } = a.attendance;
  const presentSet = new Set(present);
  const absentSet = new Set(absent);
  return (
    <Card
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
}
