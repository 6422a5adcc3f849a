import { GRADE_LABELS, GRADES } from '@dangjian/domain';
import { Button, Table, Typography } from 'antd';
import { percentText, type Child } from './charts';

/** 下级区域明细: one row per child region, its name drilling down where it can. */
export function ChildrenTable({
  rows,
  onDrill,
}: {
  rows: readonly Child[];
  onDrill: (child: Child) => void;
}) {
  return (
    <Table<Child>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={[...rows]}
      scroll={{ x: 900 }}
      columns={[
        {
          title: '区域',
          dataIndex: 'name',
          render: (name: string, c) =>
            c.drillable ? (
              <Button
                type="link"
                size="small"
                onClick={() => onDrill(c)}
                data-testid={`drill-${c.code}`}
              >
                {name}
              </Button>
            ) : (
              name
            ),
        },
        ...GRADES.map((g) => ({
          title: GRADE_LABELS[g],
          key: g,
          align: 'right' as const,
          render: (_: unknown, c: Child) => c.grades[g],
        })),
        ...(['poor', 'average', 'fair', 'good'] as const).map((g) => ({
          title: `上年“${GRADE_LABELS[g]}”${g === 'good' ? '巩固率' : '升级率'}`,
          key: `up-${g}`,
          align: 'right' as const,
          render: (_: unknown, c: Child) => {
            const l = c.upgrade.find((u) => u.grade === g);
            if (!l) return '——';
            return (
              <Typography.Text type={l.met === false ? 'danger' : undefined}>
                {percentText(l.rate.percent)}（{l.achieved}/{l.orgCount}）
              </Typography.Text>
            );
          },
        })),
        {
          title: '保障底线达标',
          key: 'floors',
          align: 'right' as const,
          render: (_: unknown, c: Child) =>
            c.floors ? (
              <Typography.Text type={c.floors.unmet > 0 ? 'danger' : undefined}>
                {c.floors.met}/{c.floors.evaluated}
              </Typography.Text>
            ) : (
              '——'
            ),
        },
      ]}
    />
  );
}
