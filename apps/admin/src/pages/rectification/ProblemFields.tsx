import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row } from 'antd';

/** The plan's problems, each with its measures, goal, deadline and responsible person (002 §2). */
export function ProblemFields() {
  return (
    <Form.List name="problems">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={`问题 ${i + 1}`}
              style={{ marginBottom: 8 }}
              extra={
                fields.length > 1 ? (
                  <MinusCircleOutlined aria-label="删除问题" onClick={() => remove(field.name)} />
                ) : null
              }
            >
              <Form.Item
                name={[field.name, 'description']}
                label="具体问题"
                rules={[{ required: true, message: '请写明具体问题' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'measures']}
                label="整顿措施（每行一条）"
                rules={[{ required: true, message: '请填写整顿措施' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Row gutter={16}>
                <Col span={10}>
                  <Form.Item
                    name={[field.name, 'goal']}
                    label="整顿目标"
                    rules={[{ required: true, message: '请明确目标' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item
                    name={[field.name, 'deadline']}
                    label="完成时限"
                    rules={[{ required: true, message: '请填写时限' }]}
                  >
                    <Input type="date" />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item
                    name={[field.name, 'responsiblePerson']}
                    label="责任人"
                    rules={[{ required: true, message: '请明确责任人' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() =>
              add({
                description: '',
                measures: '',
                goal: '',
                deadline: '',
                responsiblePerson: '',
              })
            }
          >
            添加问题
          </Button>
        </>
      )}
    </Form.List>
  );
}
