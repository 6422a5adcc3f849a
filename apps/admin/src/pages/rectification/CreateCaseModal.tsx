import type { RouterInputs } from '@dangjian/api';
import {
  KEY_RECTIFICATION_FLAG_LABELS,
  KEY_RECTIFICATION_FLAGS,
  RECTIFICATION_CRITERIA,
  RECTIFICATION_CRITERION_LABELS,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Switch,
} from 'antd';
import { useState } from 'react';

type CreateInput = RouterInputs['rectification']['create'];

interface FormValues {
  orgId: number;
  criteria: CreateInput['criteria'];
  keyFlags: NonNullable<CreateInput['keyFlags']>;
  electionPostponed: boolean;
  electionCompletionDate?: string;
  leader: string;
  members?: string[];
  cadreName: string;
  cadrePost: string;
  problems: {
    description: string;
    measures: string;
    goal: string;
    deadline: string;
    responsiblePerson: string;
  }[];
}

/** 列入整顿对象: pick the org, its criteria and key flags, and write its plan (002 §2). */
export function CreateCaseModal(props: {
  open: boolean;
  regionCode: string;
  year: number;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [search, setSearch] = useState('');
  const orgs = useQuery({
    ...trpc.org.list.queryOptions({
      regionCode: props.regionCode,
      search: search || undefined,
      page: 1,
      pageSize: 30,
    }),
    enabled: props.open,
    placeholderData: keepPreviousData,
  });
  const create = useMutation(
    trpc.rectification.create.mutationOptions({
      onSuccess: (r) => {
        message.success('已列入整顿对象');
        form.resetFields();
        props.onCreated(r.id);
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  const submit = (v: FormValues) => {
    create.mutate({
      orgId: v.orgId,
      year: props.year,
      criteria: v.criteria,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
      keyFlags: v.keyFlags ?? [],
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
      electionPostponed: v.electionPostponed ?? false,
      electionCompletionDate: v.electionCompletionDate || null,
      workTeam: { leader: v.leader, members: v.members ?? [] },
      leadingCadre: { name: v.cadreName, post: v.cadrePost },
      problems: v.problems.map((p) => ({
        ...p,
        measures: p.measures
          .split(/\n+/)
          .map((m) => m.trim())
          .filter(Boolean),
      })),
    });
  };

  return (
    <Modal
      title={`列入 ${props.year} 年整顿对象（一个党组织一套整顿方案）`}
      open={props.open}
      width={860}
      onCancel={props.onClose}
      okText="保存整顿方案"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          keyFlags: [],
          electionPostponed: false,
          problems: [
            { description: '', measures: '', goal: '', deadline: '', responsiblePerson: '' },
          ],
        }}
      >
        <Form.Item
          name="orgId"
          label="党组织"
          rules={[{ required: true, message: '请选择党组织' }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            data-testid="case-org"
            placeholder="输入名称搜索"
            loading={orgs.isFetching}
            options={(orgs.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${o.regionName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="criteria"
          label="整顿标准（符合其一即为软弱涣散）"
          rules={[{ required: true, message: '请至少选择一条标准' }]}
        >
          <Checkbox.Group
            style={{ display: 'grid', gap: 4 }}
            options={RECTIFICATION_CRITERIA.map((c, i) => ({
              value: c,
              label: `（${i + 1}）${RECTIFICATION_CRITERION_LABELS[c]}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="keyFlags" label="重点整顿情形（农村、社区）">
          <Checkbox.Group
            options={KEY_RECTIFICATION_FLAGS.map((f) => ({
              value: f,
              label: KEY_RECTIFICATION_FLAG_LABELS[f],
            }))}
          />
        </Form.Item>
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
                      <MinusCircleOutlined
                        aria-label="删除问题"
                        onClick={() => remove(field.name)}
                      />
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
      </Form>
    </Modal>
  );
}
