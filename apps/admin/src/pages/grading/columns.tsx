import type { RouterOutputs } from '@dangjian/api';
import {
  FIELD_CATEGORY_LABELS,
  GRADE_LABELS,
  GRADES,
  ORG_KIND_LABELS,
  type FieldCategory,
  type Grade,
  type OrgKind,
} from '@dangjian/domain';
import { HistoryOutlined } from '@ant-design/icons';
import { Button, Select, type TableColumnsType } from 'antd';
import { GradeTag } from './GradeTag';

export type GradedOrg = RouterOutputs['grading']['list']['items'][number];

export const gradeOptions = GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }));

/**
 * The grading list's columns. Key columns first: name, this year's grade and its reason are
 * visible at 1440 px without scrolling; the region, type and field follow. On a desktop the name
 * stays at the left and the actions at the right while the rest scrolls; on a phone nothing is
 * pinned (a pinned name would leave no room for the grade).
 */
export function gradingColumns({
  desktop,
  onGrade,
  onHistory,
}: {
  desktop: boolean;
  onGrade: (org: GradedOrg, grade: Grade) => void;
  onHistory: (org: GradedOrg) => void;
}): TableColumnsType<GradedOrg> {
  return [
    {
      title: '党组织名称',
      dataIndex: 'name',
      width: desktop ? 220 : 160,
      fixed: desktop ? 'left' : undefined,
    },
    {
      title: '本年等次',
      dataIndex: 'grade',
      width: 110,
      render: (g: Grade | null, o: GradedOrg) => (
        <Select<Grade>
          aria-label={`${o.name}本年等次`}
          size="small"
          style={{ width: 92 }}
          placeholder="未定级"
          value={g ?? undefined}
          options={gradeOptions}
          onChange={(grade) => onGrade(o, grade)}
        />
      ),
    },
    { title: '理由', dataIndex: 'reason', width: 200, ellipsis: { showTitle: true } },
    {
      title: '上年等次',
      dataIndex: 'lastYearGrade',
      width: 86,
      render: (g: Grade | null) => <GradeTag grade={g} />,
    },
    { title: '所在区划', dataIndex: 'regionName', width: 130, ellipsis: { showTitle: true } },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 76,
      render: (k: OrgKind) => ORG_KIND_LABELS[k],
    },
    {
      title: '领域',
      dataIndex: 'category',
      width: 110,
      ellipsis: { showTitle: true },
      render: (c: FieldCategory) => FIELD_CATEGORY_LABELS[c],
    },
    {
      title: '操作',
      key: 'actions',
      width: 76,
      fixed: desktop ? 'right' : undefined,
      render: (_: unknown, o: GradedOrg) => (
        <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => onHistory(o)}>
          历史
        </Button>
      ),
    },
  ];
}
