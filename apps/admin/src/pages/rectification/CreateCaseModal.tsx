import type { RouterInputs } from '@dangjian/api';
import {
  KEY_RECTIFICATION_FLAG_LABELS,
  KEY_RECTIFICATION_FLAGS,
  RECTIFICATION_CRITERIA,
  RECTIFICATION_CRITERION_LABELS,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App as AntApp, Checkbox, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { CaseTeamFields } from './CaseTeamFields';
import { ProblemFields } from './ProblemFields';

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
        <CaseTeamFields />
        <ProblemFields />
      </Form>
    </Modal>
  );
}
