import type { RouterOutputs } from '@dangjian/api';
import { formatYuan, type Grade } from '@dangjian/domain';
import { Alert, Collapse, Descriptions, Table } from 'antd';
import { GradeTag } from '../grading/GradeTag';
import { MODE_LABELS } from './labels';

type Preview = RouterOutputs['pay']['preview'];
type PreviewLine = Preview['lines'][number];
type Omission = Preview['notCovered'][number];

/**
 * A township's pay before it is committed: the totals and the policy, the villages whose
 * secretary post is vacant (not paid), one line per paid secretary with grade, ratio and amount,
 * and the organisations not in the scheme with the reason.
 */
export function PayPreview({ data }: { data: Preview }) {
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="核算方式">{MODE_LABELS[data.mode]}</Descriptions.Item>
        <Descriptions.Item label="“好”类基数">
          {formatYuan(data.baseFen, { grouped: true })} 元
        </Descriptions.Item>
        <Descriptions.Item label="合计">
          <span data-testid="pay-total">{formatYuan(data.totalFen, { grouped: true })} 元</span>
        </Descriptions.Item>
        <Descriptions.Item label="执行政策">
          <span data-testid="pay-policy">{data.policyLabel}</span>
        </Descriptions.Item>
      </Descriptions>
      {data.unpaid.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="pay-unpaid"
          style={{ marginBottom: 12 }}
          title={`${data.unpaid.length} 个村党组织书记空缺，本次不发放：`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.unpaid.map((u) => (
                <li key={u.orgId}>
                  {u.villageName} {u.orgName}：{u.reason}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Table<PreviewLine>
        data-testid="pay-preview"
        rowKey="orgId"
        size="small"
        dataSource={data.lines}
        pagination={false}
        scroll={{ x: 'max-content', y: 420 }}
        columns={[
          { title: '村（社区）', dataIndex: 'villageName', width: 180 },
          { title: '党组织', dataIndex: 'orgName' },
          {
            title: '书记',
            dataIndex: 'secretaryName',
            width: 100,
            render: (n: string | null) => n ?? '（空缺）',
          },
          {
            title: '等次',
            dataIndex: 'grade',
            width: 80,
            render: (g: Grade) => <GradeTag grade={g} />,
          },
          { title: '系数', dataIndex: 'ratio', width: 70, align: 'right' },
          {
            title: '金额（元）',
            dataIndex: 'amountFen',
            width: 140,
            align: 'right',
            render: (f: number) => formatYuan(f, { grouped: true }),
          },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                合计（{data.lines.length} 人）
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <strong>{formatYuan(data.totalFen, { grouped: true })}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      {data.notCovered.length > 0 ? (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'not-covered',
              label: `不参与本次核算的党组织（${data.notCovered.length} 个）`,
              children: (
                <Table<Omission>
                  data-testid="pay-not-covered"
                  rowKey="orgId"
                  size="small"
                  dataSource={data.notCovered}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: '党组织', dataIndex: 'orgName', width: 240 },
                    { title: '所在地', dataIndex: 'villageName', width: 140 },
                    { title: '原因', dataIndex: 'reason' },
                  ]}
                />
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
