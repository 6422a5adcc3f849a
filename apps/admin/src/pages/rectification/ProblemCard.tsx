import { PUBLIC_CONFIRMATION_METHOD_LABELS } from '@dangjian/domain';
import { Attachments } from '@dangjian/ui';
import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import type { Problem } from './caseTypes';

/** One problem of the plan: its state, measures and public confirmation, and its ledger entries. */
export function ProblemCard(props: {
  problem: Problem;
  caseYear: number;
  writable: boolean;
  onCorrect: (kind: 'correctProblem' | 'withdrawProblem') => void;
  onEntry: () => void;
  onClose: () => void;
}) {
  const { problem } = props;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`problem-${problem.position}`}
      title={
        <Space wrap>
          <span>
            {problem.position}. {problem.description}
          </span>
          {problem.closedOn ? (
            <Tag color="green">已销号 {problem.closedOn}</Tag>
          ) : problem.daysOverdue !== null ? (
            <Tag color="red">逾期 {problem.daysOverdue} 天</Tag>
          ) : (
            <Tag color="blue">整改中</Tag>
          )}
          {problem.carried ? <Tag color="purple">上年结转</Tag> : null}
          {problem.withdrawn ? <Tag>已撤销：{problem.withdrawn.reason}</Tag> : null}
        </Space>
      }
      extra={
        props.writable && !problem.closedOn && !problem.withdrawn ? (
          <Space wrap size={4}>
            <Button size="small" type="text" onClick={() => props.onCorrect('correctProblem')}>
              更正
            </Button>
            <Button
              size="small"
              type="text"
              danger
              onClick={() => props.onCorrect('withdrawProblem')}
            >
              撤销
            </Button>
            <Button size="small" onClick={props.onEntry}>
              记录进展
            </Button>
            <Button size="small" type="primary" onClick={props.onClose}>
              销号
            </Button>
          </Space>
        ) : null
      }
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="整顿措施" span={3}>
          {problem.measures.join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="目标">{problem.goal}</Descriptions.Item>
        <Descriptions.Item label="时限">{problem.deadline}</Descriptions.Item>
        <Descriptions.Item label="责任人">{problem.responsiblePerson}</Descriptions.Item>
        {problem.confirmation ? (
          <Descriptions.Item label="群众认可" span={3}>
            {problem.confirmation.confirmedBy} 于 {problem.confirmation.confirmedOn} 以
            {problem.confirmation.method
              ? PUBLIC_CONFIRMATION_METHOD_LABELS[problem.confirmation.method]
              : ''}
            确认；依据：{problem.confirmation.evidence}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {problem.entries.length ? (
        <Timeline
          style={{ marginTop: 8 }}
          items={problem.entries.map((e) => ({
            key: e.id,
            content: (
              <>
                <Typography.Text strong>{e.entryDate}</Typography.Text>{' '}
                {e.year !== props.caseYear ? <Tag>{e.year} 年</Tag> : null}
                {e.note}
                {e.createdByName ? (
                  <Typography.Text type="secondary">（{e.createdByName}）</Typography.Text>
                ) : null}
                {e.legacyAttachments.map((a) => (
                  <div key={a.filename}>
                    <Typography.Text type="secondary">
                      <PaperClipOutlined />{' '}
                      {a.link ? <a href={a.link}>{a.filename}</a> : a.filename}
                      {a.size !== null ? `（${Math.ceil(a.size / 1024)} KB）` : ''}
                      （早期只登记了文件名，文件未保存）
                    </Typography.Text>
                  </div>
                ))}
                <Attachments
                  owner={{ kind: 'rect_entry', id: e.id }}
                  editable={props.writable && e.year === props.caseYear}
                  label="附件"
                />
              </>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">暂无台账记录</Typography.Text>
      )}
    </Card>
  );
}
