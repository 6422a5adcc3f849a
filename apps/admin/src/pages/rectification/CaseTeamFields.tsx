import { Col, Form, Input, Row, Select, Switch } from 'antd';

/** The plan's election dates, work team and leading cadre (002 §2). */
export function CaseTeamFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="electionPostponed" label="推迟换届（仅村）" valuePropName="checked">
            <Switch aria-label="推迟换届" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="electionCompletionDate" label="换届选举完成时间">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="leader"
            label="工作班子负责人"
            rules={[{ required: true, message: '请填写工作班子负责人' }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="members" label="工作班子成员">
            <Select mode="tags" aria-label="工作班子成员" placeholder="输入姓名后回车" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="cadreName"
            label="包联领导干部"
            rules={[{ required: true, message: '请填写包联领导干部' }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="cadrePost"
            label="包联领导干部职务"
            rules={[{ required: true, message: '请填写职务' }]}
          >
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
