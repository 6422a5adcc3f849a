import { GRADE_LABELS, type Grade } from '@dangjian/domain';
import { Tag } from 'antd';

export const GRADE_COLORS: Record<Grade, string> = {
  good: 'green',
  fair: 'blue',
  average: 'orange',
  poor: 'red',
};

/** A grade as a coloured tag; 未定级 when there is none. */
export function GradeTag({ grade }: { grade: Grade | null }) {
  return grade ? <Tag color={GRADE_COLORS[grade]}>{GRADE_LABELS[grade]}</Tag> : <Tag>未定级</Tag>;
}
