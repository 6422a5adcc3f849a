import { formatYuan } from '@dangjian/domain';
import { Space, Tag, Typography } from 'antd';
import type { FloorRow } from './types';

const STATUS: Record<FloorRow['status'], { color: string; label: string }> = {
  met: { color: 'green', label: '达标' },
  unmet: { color: 'red', label: '未达标' },
  no_data: { color: 'default', label: '未录入' },
  unavailable: { color: 'orange', label: '无法核算' },
};

/** What the 底线 and 实际 figures of a row are, by the kind of floor. */
export const FLOOR_WORD: Record<NonNullable<FloorRow['kind']>, string> = {
  average: '平均',
  each: '每人（项）',
  total: '合计',
};
export const ACTUAL_WORD: Record<NonNullable<FloorRow['kind']>, string> = {
  average: '平均',
  each: '最低',
  total: '合计',
};

/** A floor row's verdict: the status tag and, when unmet, the gap or the reason. */
export function Verdict({ row }: { row: FloorRow }) {
  const tag = <Tag color={STATUS[row.status].color}>{STATUS[row.status].label}</Tag>;
  if (row.status !== 'unmet') return tag;
  return (
    <Space size={4} wrap>
      {tag}
      {row.shortfallFen > 0 ? (
        <Typography.Text type="danger">
          差 {formatYuan(row.shortfallFen, { grouped: true })} 元
        </Typography.Text>
      ) : (
        <Typography.Text type="danger">{row.reason ?? row.note ?? '未达标'}</Typography.Text>
      )}
    </Space>
  );
}
