import { KEY_RECTIFICATION_FLAG_LABELS, RECTIFICATION_CRITERION_LABELS } from '@dangjian/domain';
import { Timeline, Typography } from 'antd';
import type { CaseDetail } from './caseTypes';

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

/** The case's corrections and withdrawals, newest record last, each with who, when, why and what changed. */
export function CorrectionTimeline({ detail }: { detail: CaseDetail }) {
  return detail.corrections.length ? (
    <Timeline
      data-testid="corrections"
      items={detail.corrections.map((h) => ({
        key: h.id,
        content: (
          <>
            <Typography.Text strong>
              {new Date(h.at).toLocaleString('zh-CN', { hour12: false })}
            </Typography.Text>{' '}
            {h.byName ?? ''} {CORRECTION_LABELS[h.kind]}
            {h.problemId
              ? `（问题 ${detail.problems.find((p) => p.id === h.problemId)?.position ?? ''}）`
              : ''}
            ：{h.reason}
            <ChangeLines before={h.before} after={h.after} kind={h.kind} />
          </>
        ),
      }))}
    />
  ) : (
    <Typography.Text type="secondary">方案保存后未作更正或撤销。</Typography.Text>
  );
}
