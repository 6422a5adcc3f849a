import type { RouterOutputs } from '@dangjian/api';
import {
  KEY_RECTIFICATION_FLAG_LABELS,
  PUBLIC_CONFIRMATION_METHOD_LABELS,
  PUBLIC_CONFIRMATION_METHODS,
  RECTIFICATION_CRITERIA,
  RECTIFICATION_CRITERION_LABELS,
  citation,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { PaperClipOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';

type CaseDetail = RouterOutputs['rectification']['byId'];
type Problem = CaseDetail['problems'][number];

const STATUS_COLORS: Record<string, string> = {
  in_progress: 'processing',
  ready_for_acceptance: 'orange',
  accepted: 'green',
  failed_acceptance: 'red',
};

/** A case: its plan, every problem with its ledger, close-out and acceptance (002 §2, §5; 000 §1). */
export function CaseDrawer(props: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(
    trpc.rectification.byId.queryOptions(props.id === null ? skipToken : { id: props.id }),
  );
  const [entryFor, setEntryFor] = useState<Problem | null>(null);
  const [closeFor, setCloseFor] = useState<Problem | null>(null);
  const [accepting, setAccepting] = useState(false);
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.rectification.pathKey() });
    props.onChanged();
  };
  const c = detail.data;
  const writable = c ? c.status !== 'accepted' : false;
  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      size={920}
      title={
        <span data-testid="case-title">
          {c ? `${c.orgName} · ${c.year} 年整顿方案` : '整顿方案'}
        </span>
      }
      extra={
        c ? (
          <Space>
            <Tag color={STATUS_COLORS[c.status]} data-testid="case-status">
              {c.statusLabel}
            </Tag>
            {c.status === 'ready_for_acceptance' || c.status === 'failed_acceptance' ? (
              <Button type="primary" onClick={() => setAccepting(true)}>
                考核验收
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {detail.error ? <Alert type="error" title={errorMessage(detail.error)} /> : null}
      {c ? (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="党组织">{c.orgName}</Descriptions.Item>
            <Descriptions.Item label="所在区划">
              {c.countyName} {c.regionName}
            </Descriptions.Item>
            <Descriptions.Item label="党员数">{c.memberCount}</Descriptions.Item>
            <Descriptions.Item label="书记">
              {c.secretaryName} {c.secretaryPhone}
            </Descriptions.Item>
            <Descriptions.Item label="整顿标准" span={2}>
              {c.criteria
                .map(
                  (k) =>
                    `（${RECTIFICATION_CRITERIA.indexOf(k) + 1}）${RECTIFICATION_CRITERION_LABELS[k]}`,
                )
                .join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="重点整顿情形" span={2}>
              {c.keyFlags.length
                ? c.keyFlags.map((f) => (
                    <Tag key={f} color="red">
                      {KEY_RECTIFICATION_FLAG_LABELS[f]}
                    </Tag>
                  ))
                : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="工作班子">
              {c.workTeam.leader}
              {c.workTeam.members.length ? `；成员：${c.workTeam.members.join('、')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="包联领导干部">
              {c.leadingCadre.name}（{c.leadingCadre.post}）
            </Descriptions.Item>
            <Descriptions.Item label="推迟换届">
              {c.electionPostponed ? `是，计划 ${c.electionCompletionDate ?? '——'} 完成换届` : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="整顿历程">
              {c.history.length
                ? `${c.firstListedYear} 年列入，${c.history.map((h) => h.year).join('、')} 年未整顿到位结转`
                : `${c.year} 年列入`}
            </Descriptions.Item>
            {c.acceptance ? (
              <Descriptions.Item label="考核验收" span={2}>
                {c.acceptance.by === 'county' ? '县（市、区）' : '乡镇（街道）'}于{' '}
                {c.acceptance.acceptedOn} 验收，
                {c.acceptance.passed ? '通过' : '未通过'}；
                {c.acceptance.publicOpinionHeard ? '已听取群众意见' : '未听取群众意见'}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5}>问题清单与整顿台账</Typography.Title>
          {c.problems.map((p) => (
            <Card
              key={p.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid={`problem-${p.position}`}
              title={
                <Space wrap>
                  <span>
                    {p.position}. {p.description}
                  </span>
                  {p.closedOn ? (
                    <Tag color="green">已销号 {p.closedOn}</Tag>
                  ) : p.daysOverdue !== null ? (
                    <Tag color="red">逾期 {p.daysOverdue} 天</Tag>
                  ) : (
                    <Tag color="blue">整改中</Tag>
                  )}
                  {p.carried ? <Tag color="purple">上年结转</Tag> : null}
                </Space>
              }
              extra={
                writable && !p.closedOn ? (
                  <Space>
                    <Button size="small" onClick={() => setEntryFor(p)}>
                      记录进展
                    </Button>
                    <Button size="small" type="primary" onClick={() => setCloseFor(p)}>
                      销号
                    </Button>
                  </Space>
                ) : null
              }
            >
              <Descriptions size="small" column={3}>
                <Descriptions.Item label="整顿措施" span={3}>
                  {p.measures.join('；')}
                </Descriptions.Item>
                <Descriptions.Item label="目标">{p.goal}</Descriptions.Item>
                <Descriptions.Item label="时限">{p.deadline}</Descriptions.Item>
                <Descriptions.Item label="责任人">{p.responsiblePerson}</Descriptions.Item>
                {p.confirmation ? (
                  <Descriptions.Item label="群众认可" span={3}>
                    {p.confirmation.confirmedBy} 于 {p.confirmation.confirmedOn} 以
                    {p.confirmation.method
                      ? PUBLIC_CONFIRMATION_METHOD_LABELS[p.confirmation.method]
                      : ''}
                    确认；依据：{p.confirmation.evidence}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
              {p.entries.length ? (
                <Timeline
                  style={{ marginTop: 8 }}
                  items={p.entries.map((e) => ({
                    key: e.id,
                    content: (
                      <>
                        <Typography.Text strong>{e.entryDate}</Typography.Text>{' '}
                        {e.year !== c.year ? <Tag>{e.year} 年</Tag> : null}
                        {e.note}
                        {e.createdByName ? (
                          <Typography.Text type="secondary">（{e.createdByName}）</Typography.Text>
                        ) : null}
                        {e.attachments.map((a) => (
                          <div key={a.filename}>
                            <PaperClipOutlined />{' '}
                            {a.link ? <a href={a.link}>{a.filename}</a> : a.filename}
                            {a.size !== null ? `（${Math.ceil(a.size / 1024)} KB）` : ''}
                          </div>
                        ))}
                      </>
                    ),
                  }))}
                />
              ) : (
                <Typography.Text type="secondary">暂无台账记录</Typography.Text>
              )}
            </Card>
          ))}
          <EntryModal
            problem={entryFor}
            today={c.today}
            onClose={() => setEntryFor(null)}
            onDone={changed}
          />
          <CloseModal
            problem={closeFor}
            today={c.today}
            onClose={() => setCloseFor(null)}
            onDone={changed}
          />
          <AcceptModal
            caseId={accepting ? c.id : null}
            today={c.today}
            onClose={() => setAccepting(false)}
            onDone={changed}
          />
        </>
      ) : null}
    </Drawer>
  );
}

function EntryModal(props: {
  problem: Problem | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ entryDate: string; note: string; link?: string }>();
  const [files, setFiles] = useState<{ filename: string; size: number }[]>([]);
  const add = useMutation(
    trpc.rectification.addEntry.mutationOptions({
      onSuccess: async () => {
        message.success('已记录进展');
        setFiles([]);
        props.onClose();
        await props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.problem ? `记录进展：${props.problem.description}` : '记录进展'}
      open={props.problem !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ entryDate: props.today }}
        onFinish={(v) =>
          props.problem &&
          add.mutate({
            problemId: props.problem.id,
            entryDate: v.entryDate,
            note: v.note,
            attachments: [
              ...files.map((f) => ({ filename: f.filename, size: f.size })),
              ...(v.link ? [{ filename: v.link.split('/').pop() || v.link, link: v.link }] : []),
            ],
          })
        }
      >
        <Form.Item
          name="entryDate"
          label="日期"
          rules={[{ required: true, message: '请填写日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="note"
          label="进展情况"
          rules={[{ required: true, message: '请填写进展情况' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="附件（只登记文件名和大小，单个不超过 5 MB）">
          <Upload
            multiple
            beforeUpload={(file) => {
              if (file.size > 5 * 1024 * 1024) {
                message.error(`「${file.name}」超过 5 MB`);
              } else {
                setFiles((list) => [...list, { filename: file.name, size: file.size }]);
              }
              return false;
            }}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.filename, status: 'done' }))}
            onRemove={(f) => setFiles((list) => list.filter((_, i) => String(i) !== f.uid))}
          >
            <Button>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="link" label="或附件链接">
          <Input placeholder="https://…" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CloseValues {
  closedOn: string;
  confirmedBy: string;
  confirmedOn: string;
  method: (typeof PUBLIC_CONFIRMATION_METHODS)[number];
  evidence: string;
}

/** 销号: only with the public's confirmation — who, how, when, on what record (000 §1). */
function CloseModal(props: {
  problem: Problem | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CloseValues>();
  const close = useMutation(
    trpc.rectification.closeItem.mutationOptions({
      onSuccess: async () => {
        message.success('已销号');
        props.onClose();
        await props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.problem ? `销号：${props.problem.description}` : '销号'}
      open={props.problem !== null}
      onCancel={props.onClose}
      okText="确认销号"
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        群众认可一件、销号一件：须记录由谁确认、以何种方式、何时确认及其依据。
      </Typography.Paragraph>
      <Form<CloseValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ closedOn: props.today, confirmedOn: props.today }}
        onFinish={(v) =>
          props.problem &&
          close.mutate({
            problemId: props.problem.id,
            closedOn: v.closedOn,
            publicConfirmation: {
              confirmedBy: v.confirmedBy ?? '',
              confirmedOn: v.confirmedOn,
              method: v.method,
              evidence: v.evidence ?? '',
            },
          })
        }
      >
        <Form.Item
          name="closedOn"
          label="销号日期"
          rules={[{ required: true, message: '请填写销号日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="confirmedBy" label="确认人（主持人或组织者）">
          <Input />
        </Form.Item>
        <Form.Item
          name="method"
          label="认可方式"
          rules={[{ required: true, message: '请选择认可方式' }]}
        >
          <Select
            aria-label="认可方式"
            data-testid="confirmation-method"
            options={PUBLIC_CONFIRMATION_METHODS.map((m) => ({
              value: m,
              label: PUBLIC_CONFIRMATION_METHOD_LABELS[m],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="confirmedOn"
          label="认可日期"
          rules={[{ required: true, message: '请填写认可日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="evidence" label="认可依据（会议记录、测评结果、公示照片等）">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AcceptModal(props: {
  caseId: number | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{
    acceptedOn: string;
    passed: boolean;
    publicOpinionHeard: boolean;
  }>();
  const accept = useMutation(
    trpc.rectification.accept.mutationOptions({
      onSuccess: async (r) => {
        message.success(r.acceptance.passed ? '验收通过' : '已记录验收未通过');
        props.onClose();
        await props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title="考核验收"
      open={props.caseId !== null}
      onCancel={props.onClose}
      okText="保存验收结论"
      confirmLoading={accept.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        考核验收要坚持群众公认、注重听取群众意见（{citation('002', '§5')}）。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ acceptedOn: props.today, passed: true, publicOpinionHeard: false }}
        onFinish={(v) =>
          props.caseId !== null &&
          accept.mutate({
            caseId: props.caseId,
            acceptedOn: v.acceptedOn,
            passed: v.passed,
            publicOpinionHeard: v.publicOpinionHeard ?? false,
          })
        }
      >
        <Form.Item
          name="acceptedOn"
          label="验收日期"
          rules={[{ required: true, message: '请填写验收日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="passed" label="验收结论">
          <Radio.Group
            options={[
              { value: true, label: '通过' },
              { value: false, label: '不通过' },
            ]}
          />
        </Form.Item>
        <Form.Item name="publicOpinionHeard" valuePropName="checked">
          <Checkbox>已听取党员群众意见</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
