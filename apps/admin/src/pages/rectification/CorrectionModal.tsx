import { type RectificationCriterion } from '@dangjian/domain';
import { defined, errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { CaseFields, ProblemFields, required } from './correctionFields';
import type { CaseDetail, Correction } from './caseTypes';

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

export const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\n|；|;/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * One dialog for the five corrections: the fields that apply, prefilled with what is recorded, and
 * the reason (required; kept in the history with who and when).
 */
export function CorrectionModal(props: {
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
        {problemForm ? <ProblemFields /> : null}
        {k.kind === 'correctCase' ? <CaseFields electionPostponed={c.electionPostponed} /> : null}
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
