import { Tag } from 'antd';

/** A signup's state: completed, confirmed, or its place on the waiting list. */
export function StatusTag({
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
