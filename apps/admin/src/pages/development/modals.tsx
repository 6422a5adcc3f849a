import { MEMBER_DEV_STAGE_LABELS, MEMBER_DEV_STAGES, type EducationLevel } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App as AntApp, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday, PersonFields } from '../orglife/shared';
import type { Candidate, Unit } from './data';

/** 下达计划: the city hands down a unit's yearly development quota. */
export function QuotaModal(props: {
  unit: Unit | null;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [quota, setQuota] = useState<number | null>(null);
  const save = useMutation(
    trpc.development.setQuota.mutationOptions({
      onSuccess: () => {
        message.success('已下达发展计划');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={props.unit ? `下达 ${props.year} 年发展计划：${props.unit.name}` : '下达发展计划'}
      open={props.unit !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() =>
        props.unit && save.mutate({ unitId: props.unit.id, year: props.year, quota: quota ?? 0 })
      }
      destroyOnHidden
    >
      <InputNumber
        aria-label="年度发展计划（人）"
        min={0}
        defaultValue={props.unit?.planned ? props.unit.quota : undefined}
        onChange={(v) => setQuota(v)}
        addonAfter="人"
      />
    </Modal>
  );
}

/** 转下一阶段: one step along the development stages, warning when pre-filing is owed. */
export function AdvanceModal(props: {
  candidate: Candidate | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [on, setOn] = useState(chinaToday());
  const c = props.candidate;
  const next = c ? MEMBER_DEV_STAGES[MEMBER_DEV_STAGES.indexOf(c.stage) + 1] : undefined;
  const advance = useMutation(
    trpc.development.advance.mutationOptions({
      onSuccess: () => {
        message.success('已转入下一阶段');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={
        c && next ? `${c.name}：${c.stageLabel} → ${MEMBER_DEV_STAGE_LABELS[next]}` : '转下一阶段'
      }
      open={c !== null}
      onCancel={props.onClose}
      okText="确认"
      confirmLoading={advance.isPending}
      onOk={() => c && next && advance.mutate({ candidateId: c.id, stage: next, on })}
      destroyOnHidden
    >
      <Space orientation="vertical">
        {c && next === 'probationary' && c.preFilingReasons.length > 0 ? (
          <Typography.Text type="warning">
            该发展对象属于{c.preFilingReasons.join('、')}
            的农村党员，须事前报市委组织部备案后方可接收。
          </Typography.Text>
        ) : null}
        <Input aria-label="日期" type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </Space>
    </Modal>
  );
}

interface CandidateValues {
  orgId: number;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: EducationLevel;
  appliedOn: string;
}

/** 登记入党申请人: a new applicant in one of the region's organisations. */
export function AddCandidateModal(props: {
  open: boolean;
  regionCode: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CandidateValues>();
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
  const add = useMutation(
    trpc.development.addCandidate.mutationOptions({
      onSuccess: () => {
        message.success('已登记入党申请人');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title="登记入党申请人"
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CandidateValues>
        form={form}
        layout="vertical"
        initialValues={{ gender: 'male', education: 'high_school', appliedOn: chinaToday() }}
        onFinish={(v) => add.mutate(v)}
      >
        <Form.Item
          name="orgId"
          label="党组织"
          rules={[{ required: true, message: '请选择党组织' }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入名称搜索"
            loading={orgs.isFetching}
            options={(orgs.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${o.regionName}）`,
            }))}
          />
        </Form.Item>
        <PersonFields />
        <Form.Item name="appliedOn" label="入党申请日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
