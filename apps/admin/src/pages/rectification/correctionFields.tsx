import { RECTIFICATION_CRITERIA, RECTIFICATION_CRITERION_LABELS } from '@dangjian/domain';
import { Checkbox, Form, Input } from 'antd';

/** A required text field's rule, with the message to show. */
export const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];

/** A problem's fields (added or corrected): the problem, measures one per line, goal, deadline, who. */
export function ProblemFields() {
  return (
    <>
      <Form.Item name="description" label="问题" rules={required('应写明具体问题')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        name="measures"
        label="整顿措施（每行一条）"
        rules={required('每个问题至少一条整顿措施')}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="goal" label="目标" rules={required('应明确整顿目标')}>
        <Input />
      </Form.Item>
      <Form.Item name="deadline" label="时限" rules={required('请填写时限')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="responsiblePerson" label="责任人" rules={required('应明确责任人')}>
        <Input />
      </Form.Item>
    </>
  );
}

/** The plan's correctable fields: criteria, work team, the cadre in charge, the election date. */
export function CaseFields({ electionPostponed }: { electionPostponed: boolean }) {
  return (
    <>
      <Form.Item
        name="criteria"
        label="整顿标准"
        rules={[{ required: true, message: '整顿对象至少符合一条标准' }]}
      >
        <Checkbox.Group
          options={RECTIFICATION_CRITERIA.map((r, i) => ({
            value: r,
            label: `（${i + 1}）${RECTIFICATION_CRITERION_LABELS[r]}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="workTeamLeader"
        label="工作班子负责人"
        rules={required('应派出工作班子并明确负责人')}
      >
        <Input />
      </Form.Item>
      <Form.Item name="workTeamMembers" label="工作班子成员（用顿号分隔）">
        <Input />
      </Form.Item>
      <Form.Item
        name="leadingCadreName"
        label="包联领导干部"
        rules={required('应明确包联领导干部')}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="leadingCadrePost"
        label="包联领导干部职务"
        rules={required('应写明包联领导干部的职务')}
      >
        <Input />
      </Form.Item>
      {electionPostponed ? (
        <Form.Item name="electionCompletionDate" label="换届选举完成时间">
          <Input type="date" />
        </Form.Item>
      ) : null}
    </>
  );
}
