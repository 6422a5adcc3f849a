import type { RouterOutputs } from '@dangjian/api';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES_TEXT,
  formatFileSize,
  KEY_RECTIFICATION_FLAG_LABELS,
  type RectificationCriterion,
  PUBLIC_CONFIRMATION_METHOD_LABELS,
  PUBLIC_CONFIRMATION_METHODS,
  RECTIFICATION_CRITERIA,
  RECTIFICATION_CRITERION_LABELS,
  citation,
} from '@dangjian/domain';
import { defined, Attachments, errorMessage, fileToBase64, useTRPC } from '@dangjian/ui';
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
  /** The correction dialog open: add a problem, correct one or the case, withdraw one or the case. */
  const [correcting, setCorrecting] = useState<Correction | null>(null);
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.rectification.pathKey() });
    props.onChanged();
  };
  const c = detail.data;
  const writable = c ? c.status !== 'accepted' && c.withdrawn === null : false;
  const correctable = c?.correctable ?? false;
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
          <Space wrap>
            <Tag
              color={c.withdrawn ? 'default' : STATUS_COLORS[c.status]}
              data-testid="case-status"
            >
              {c.statusLabel}
            </Tag>
            {correctable ? (
              <>
                <Button size="small" onClick={() => setCorrecting({ kind: 'addProblem' })}>
                  补充问题
                </Button>
                <Button size="small" onClick={() => setCorrecting({ kind: 'correctCase' })}>
                  更正方案
                </Button>
                <Button size="small" danger onClick={() => setCorrecting({ kind: 'withdrawCase' })}>
                  撤销
                </Button>
              </>
            ) : null}
            {c.withdrawn === null &&
            (c.status === 'ready_for_acceptance' || c.status === 'failed_acceptance') ? (
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
          {c.withdrawn ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`该整顿对象已于 ${new Date(c.withdrawn.at).toLocaleString('zh-CN', { hour12: false })} 撤销，不计入整顿数量`}
              description={`原因：${c.withdrawn.reason}`}
            />
          ) : null}
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            bordered
            style={{ marginBottom: 16 }}
          >
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
                  {p.withdrawn ? <Tag>已撤销：{p.withdrawn.reason}</Tag> : null}
                </Space>
              }
              extra={
                writable && !p.closedOn && !p.withdrawn ? (
                  <Space wrap size={4}>
                    <Button
                      size="small"
                      type="text"
                      onClick={() => setCorrecting({ kind: 'correctProblem', problem: p })}
                    >
                      更正
                    </Button>
                    <Button
                      size="small"
                      type="text"
                      danger
                      onClick={() => setCorrecting({ kind: 'withdrawProblem', problem: p })}
                    >
                      撤销
                    </Button>
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
                          editable={writable && e.year === c.year}
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
          ))}
          <Typography.Title level={5}>更正记录</Typography.Title>
          {c.corrections.length ? (
            <Timeline
              data-testid="corrections"
              items={c.corrections.map((h) => ({
                key: h.id,
                content: (
                  <>
                    <Typography.Text strong>
                      {new Date(h.at).toLocaleString('zh-CN', { hour12: false })}
                    </Typography.Text>{' '}
                    {h.byName ?? ''} {CORRECTION_LABELS[h.kind]}
                    {h.problemId
                      ? `（问题 ${c.problems.find((p) => p.id === h.problemId)?.position ?? ''}）`
                      : ''}
                    ：{h.reason}
                    <ChangeLines before={h.before} after={h.after} kind={h.kind} />
                  </>
                ),
              }))}
            />
          ) : (
            <Typography.Text type="secondary">方案保存后未作更正或撤销。</Typography.Text>
          )}
          <CorrectionModal
            detail={c}
            correction={correcting}
            today={c.today}
            onClose={() => setCorrecting(null)}
            onDone={changed}
          />
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

/**
 * 记录进展: a dated note and its files (the public-confirmation record, minutes, photos), kept
 * with the entry (attachment.upload after the entry is saved; more can be added under it later).
 */
function EntryModal(props: {
  problem: Problem | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ entryDate: string; note: string }>();
  const [files, setFiles] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const add = useMutation(trpc.rectification.addEntry.mutationOptions());
  const upload = useMutation(trpc.attachment.upload.mutationOptions());
  async function save(v: { entryDate: string; note: string }) {
    if (!props.problem) return;
    setSaving(true);
    try {
      const entry = await add.mutateAsync({
        problemId: props.problem.id,
        entryDate: v.entryDate,
        note: v.note,
      });
      const failed: string[] = [];
      for (const file of files) {
        try {
          await upload.mutateAsync({
            ownerKind: 'rect_entry',
            ownerId: entry.id,
            filename: file.name,
            base64: await fileToBase64(file),
          });
        } catch (e) {
          failed.push(`「${file.name}」：${errorMessage(e)}`);
        }
      }
      if (failed.length) message.warning(`进展已记录，以下附件未保存：${failed.join('；')}`, 8);
      else message.success(files.length ? `已记录进展和 ${files.length} 个附件` : '已记录进展');
      setFiles([]);
      props.onClose();
      await props.onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      title={props.problem ? `记录进展：${props.problem.description}` : '记录进展'}
      open={props.problem !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ entryDate: props.today }}
        onFinish={(v) => void save(v)}
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
        <Form.Item
          label={`附件（会议记录、群众认可记录、公示照片等；${ATTACHMENT_TYPES_TEXT}，单个不超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)}）`}
        >
          <Upload
            multiple
            accept={ATTACHMENT_ACCEPT}
            beforeUpload={(file) => {
              if (file.size > ATTACHMENT_MAX_BYTES) {
                message.error(
                  `「${file.name}」为 ${formatFileSize(file.size)}，超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)} 的上限`,
                );
              } else {
                setFiles((list) => [...list, file]);
              }
              return false;
            }}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' }))}
            onRemove={(f) => setFiles((list) => list.filter((_, i) => String(i) !== f.uid))}
          >
            <Button icon={<PaperClipOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Correction =
  | { kind: 'addProblem' }
  | { kind: 'correctCase' }
  | { kind: 'withdrawCase' }
  | { kind: 'correctProblem'; problem: Problem }
  | { kind: 'withdrawProblem'; problem: Problem };

const CORRECTION_LABELS: Record<CaseDetail['corrections'][number]['kind'], string> = {
  add_problem: '补充问题',
  correct_problem: '更正问题',
  correct_case: '更正方案',
  withdraw_problem: '撤销问题',
  withdraw_case: '撤销整顿对象',
};

const FIELD_LABELS: Record<string, string> = {
  description: '问题',
  measures: '整顿措施',
  goal: '目标',
  deadline: '时限',
  responsiblePerson: '责任人',
  criteria: '整顿标准',
  keyFlags: '重点整顿情形',
  electionPostponed: '推迟换届',
  electionCompletionDate: '换届完成时间',
  workTeamLeader: '工作班子负责人',
  workTeamMembers: '工作班子成员',
  leadingCadreName: '包联领导干部',
  leadingCadrePost: '包联领导干部职务',
};

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    const items = v.map((x) =>
      field === 'criteria'
        ? ((RECTIFICATION_CRITERION_LABELS as Partial<Record<string, string>>)[String(x)] ??
          String(x))
        : field === 'keyFlags'
          ? ((KEY_RECTIFICATION_FLAG_LABELS as Partial<Record<string, string>>)[String(x)] ??
            String(x))
          : String(x),
    );
    return items.length ? items.join('；') : '（无）';
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The fields a correction changed: 原 → 改为 (a withdrawal or addition says what). */
function ChangeLines(props: { before: unknown; after: unknown; kind: string }) {
  if (props.kind !== 'correct_problem' && props.kind !== 'correct_case') {
    const after = props.after as Record<string, unknown> | null;
    return props.kind === 'add_problem' && after ? (
      <div>
        <Typography.Text type="secondary">
          {show('description', after['description'])}；时限 {show('deadline', after['deadline'])}
          ；责任人 {show('responsiblePerson', after['responsiblePerson'])}
        </Typography.Text>
      </div>
    ) : null;
  }
  const before = (props.before ?? {}) as Record<string, unknown>;
  const after = (props.after ?? {}) as Record<string, unknown>;
  return (
    <>
      {Object.keys(after).map((k) => (
        <div key={k}>
          <Typography.Text type="secondary">
            {FIELD_LABELS[k] ?? k}：原「{show(k, before[k])}」改为「{show(k, after[k])}」
          </Typography.Text>
        </div>
      ))}
    </>
  );
}

interface CorrectionValues {
  reason: string;
  description?: string;
  measures?: string;
  goal?: string;
  deadline?: string;
  responsiblePerson?: string;
  criteria?: RectificationCriterion[];
  workTeamLeader?: string;
  workTeamMembers?: string;
  leadingCadreName?: string;
  leadingCadrePost?: string;
  electionCompletionDate?: string;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\n|；|;/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * One dialog for the five corrections: the fields that apply, prefilled with what is recorded, and
 * the reason (required; kept in the history with who and when).
 */
function CorrectionModal(props: {
  detail: CaseDetail;
  correction: Correction | null;
  today: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const k = props.correction;
  const c = props.detail;
  const done = {
    onSuccess: async () => {
      message.success('已保存，并记入更正记录');
      props.onClose();
      await props.onDone();
    },
    onError: (e: unknown) => void message.error(errorMessage(e)),
  };
  const addProblem = useMutation(trpc.rectification.addProblem.mutationOptions(done));
  const correctProblem = useMutation(trpc.rectification.correctProblem.mutationOptions(done));
  const correctCase = useMutation(trpc.rectification.correctCase.mutationOptions(done));
  const withdrawProblem = useMutation(trpc.rectification.withdrawProblem.mutationOptions(done));
  const withdrawCase = useMutation(trpc.rectification.withdrawCase.mutationOptions(done));
  const pending = [addProblem, correctProblem, correctCase, withdrawProblem, withdrawCase].some(
    (m) => m.isPending,
  );
  if (!k) return null;
  const problem = k.kind === 'correctProblem' || k.kind === 'withdrawProblem' ? k.problem : null;
  const title =
    k.kind === 'addProblem'
      ? '补充问题'
      : k.kind === 'correctCase'
        ? '更正方案'
        : k.kind === 'withdrawCase'
          ? `撤销整顿对象：${c.orgName}`
          : k.kind === 'correctProblem'
            ? `更正问题 ${defined(problem).position}`
            : `撤销问题 ${defined(problem).position}：${defined(problem).description}`;
  const initial: CorrectionValues =
    k.kind === 'correctProblem'
      ? {
          reason: '',
          description: defined(problem).description,
          measures: defined(problem).measures.join('\n'),
          goal: defined(problem).goal,
          deadline: defined(problem).deadline,
          responsiblePerson: defined(problem).responsiblePerson,
        }
      : k.kind === 'correctCase'
        ? {
            reason: '',
            criteria: c.criteria,
            workTeamLeader: c.workTeam.leader,
            workTeamMembers: c.workTeam.members.join('、'),
            leadingCadreName: c.leadingCadre.name,
            leadingCadrePost: c.leadingCadre.post,
            electionCompletionDate: c.electionCompletionDate ?? '',
          }
        : { reason: '' };
  function submit(v: CorrectionValues) {
    if (!k) return;
    const problemFields = {
      description: v.description ?? '',
      measures: lines(v.measures),
      goal: v.goal ?? '',
      deadline: v.deadline ?? '',
      responsiblePerson: v.responsiblePerson ?? '',
    };
    if (k.kind === 'addProblem') {
      addProblem.mutate({ caseId: c.id, reason: v.reason, problem: problemFields });
    } else if (k.kind === 'correctProblem') {
      correctProblem.mutate({ problemId: k.problem.id, reason: v.reason, ...problemFields });
    } else if (k.kind === 'correctCase') {
      correctCase.mutate({
        caseId: c.id,
        reason: v.reason,
        criteria: v.criteria ?? c.criteria,
        workTeam: {
          leader: v.workTeamLeader ?? '',
          members: (v.workTeamMembers ?? '')
            .split(/[、,，\s]+/)
            .map((m) => m.trim())
            .filter(Boolean),
        },
        leadingCadre: { name: v.leadingCadreName ?? '', post: v.leadingCadrePost ?? '' },
        ...(c.electionPostponed
          ? { electionCompletionDate: v.electionCompletionDate || null }
          : {}),
      });
    } else if (k.kind === 'withdrawProblem') {
      withdrawProblem.mutate({ problemId: k.problem.id, reason: v.reason });
    } else {
      withdrawCase.mutate({ caseId: c.id, reason: v.reason });
    }
  }
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const problemForm = k.kind === 'addProblem' || k.kind === 'correctProblem';
  return (
    <Modal
      title={title}
      open
      onCancel={props.onClose}
      okText={k.kind.startsWith('withdraw') ? '确认撤销' : '保存'}
      okButtonProps={{ danger: k.kind.startsWith('withdraw') }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {k.kind.startsWith('withdraw')
          ? '撤销不会删除记录：原内容、撤销人、时间和原因都保留在更正记录中。'
          : '原填写的内容会保留在更正记录中，并注明更正人、时间和原因。验收通过后不能再更正。'}
      </Typography.Paragraph>
      <Form<CorrectionValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={submit}
      >
        {problemForm ? (
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
        ) : null}
        {k.kind === 'correctCase' ? (
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
            {c.electionPostponed ? (
              <Form.Item name="electionCompletionDate" label="换届选举完成时间">
                <Input type="date" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item
          name="reason"
          label={k.kind.startsWith('withdraw') ? '撤销原因' : '更正原因'}
          rules={required('请写明更正或撤销的原因')}
        >
          <Input.TextArea rows={2} placeholder="如：录入时把时限填错了" />
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
              // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
              confirmedBy: v.confirmedBy ?? '',
              confirmedOn: v.confirmedOn,
              method: v.method,
              // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
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
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
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
