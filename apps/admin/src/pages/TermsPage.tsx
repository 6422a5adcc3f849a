import type { RouterOutputs } from '@dangjian/api';
import { FIELD_CATEGORY_LABELS, type FieldCategory } from '@dangjian/domain';
import {
  errorMessage,
  FilterBar,
  ResponsiveTable,
  listPagination,
  useRegion,
  useTRPC,
} from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, RegionLayout } from './orglife/shared';

type Line = RouterOutputs['terms']['list']['items'][number];
type Status = 'overdue' | 'postponed';

/** 按期换届 (000 §8; 002 §1): orgs past their term end, overdue or postponed for rectification. */
export function TermsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { code, setCode } = useRegion();
  const [status, setStatus] = useState<Status | undefined>();
  const [category, setCategory] = useState<FieldCategory | undefined>();
  const [electing, setElecting] = useState<Line | null>(null);
  const input = code ? { regionCode: code, status, category } : undefined;
  const list = useQuery({
    ...trpc.terms.list.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const data = list.data;

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="terms-title"
      title={data ? `${data.regionName}届期届满未换届的基层党组织` : '按期换届'}
      error={list.error}
      exportQuery={input ? trpc.terms.export.queryOptions(input) : undefined}
    >
      <Typography.Paragraph type="secondary">
        督促基层党组织按期换届（岳阳市委组织部 2015 年通知
        §8）；长期不换届是软弱涣散的情形之一，软弱涣散村党组织的换届选举可以适当推迟，先整顿、再换届（娄组通〔2014〕10号
        §1）。连续两年未发展党员的村，现任书记不得提名为下届候选人（常委〔2012〕5号 §11）。截至{' '}
        {data?.asOf ?? '今天'}。
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="terms-summary">
          <Tag color={data.summary.overdue > 0 ? 'red' : 'green'}>
            逾期未换届 {data.summary.overdue} 个
          </Tag>
          <Tag color="orange">整顿期间推迟换届 {data.summary.postponed} 个</Tag>
          <Tag>书记不得连任提名 {data.summary.barred} 个</Tag>
        </Space>
      ) : null}
      <FilterBar
        onReset={() => {
          setStatus(undefined);
          setCategory(undefined);
        }}
      >
        <Select<Status>
          aria-label="状态"
          allowClear
          placeholder="状态"
          style={{ width: 170 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'overdue', label: '逾期未换届' },
            { value: 'postponed', label: '整顿期间推迟换届' },
          ]}
        />
        <Select<FieldCategory>
          aria-label="领域"
          allowClear
          placeholder="领域"
          style={{ width: 170 }}
          value={category}
          onChange={setCategory}
          options={Object.entries(FIELD_CATEGORY_LABELS).map(([value, label]) => ({
            value: value as FieldCategory,
            label,
          }))}
        />
      </FilterBar>
      <ResponsiveTable<Line>
        rowKey="orgId"
        renderCard={(l) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{l.orgName}</Typography.Text>
            <div>
              <StatusTag line={l} />
              {l.secretaryNominationBarred ? <Tag color="red">现任不得提名</Tag> : null}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {l.categoryLabel} · {l.regionName} · 书记 {l.secretaryName ?? '—'} · 届期届满{' '}
              {l.termEnd}
            </Typography.Text>
            <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setElecting(l)}>
              登记换届
            </Button>
          </Flex>
        )}
        size="small"
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1250 }}
        pagination={listPagination('个')}
        columns={[
          { title: '党组织', dataIndex: 'orgName', width: 260 },
          { title: '领域', dataIndex: 'categoryLabel', width: 110 },
          { title: '所在区划', dataIndex: 'regionName', width: 120 },
          { title: '书记', dataIndex: 'secretaryName', width: 90 },
          { title: '届期届满', dataIndex: 'termEnd', width: 110 },
          {
            title: '状态',
            key: 'status',
            width: 220,
            render: (_: unknown, l) => <StatusTag line={l} />,
          },
          {
            title: '书记提名',
            key: 'bar',
            width: 150,
            render: (_: unknown, l) =>
              l.secretaryNominationBarred ? <Tag color="red">现任不得提名</Tag> : null,
          },
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, l) => (
              <Button size="small" onClick={() => setElecting(l)}>
                登记换届
              </Button>
            ),
          },
        ]}
      />
      <ElectionModal
        line={electing}
        onClose={() => setElecting(null)}
        onDone={() => {
          setElecting(null);
          void queryClient.invalidateQueries({ queryKey: trpc.terms.pathKey() });
        }}
      />
    </RegionLayout>
  );
}

/** 逾期未换届（N 天） in red, or 整顿期间推迟换届 in orange with the planned date. */
function StatusTag({ line: l }: { line: Line }) {
  return l.status === 'postponed' ? (
    <Tag color="orange">
      {l.statusLabel}
      {l.electionCompletionDate ? `（计划 ${l.electionCompletionDate}）` : ''}
    </Tag>
  ) : (
    <Tag color="red">
      {l.statusLabel}（{l.daysPastEnd} 天）
    </Tag>
  );
}

interface ElectionValues {
  electedOn: string;
  termEnd: string;
  secretaryId: number;
}

function ElectionModal(props: { line: Line | null; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ElectionValues>();
  const [search, setSearch] = useState('');
  const line = props.line;
  const people = useQuery({
    ...trpc.person.list.queryOptions(
      line
        ? { regionCode: line.regionCode, search: search || undefined, page: 1, pageSize: 30 }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const elect = useMutation(
    trpc.terms.recordElection.mutationOptions({
      onSuccess: () => {
        message.success('已登记换届');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const today = chinaToday();
  const fiveYears = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
  return (
    <Modal
      title={line ? `登记换届：${line.orgName}` : '登记换届'}
      open={line !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={elect.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {line?.secretaryNominationBarred ? (
        <Typography.Paragraph type="warning">
          本村连续两年未发展党员，现任书记{line.secretaryName}不得提名为下届书记候选人。
        </Typography.Paragraph>
      ) : null}
      <Form<ElectionValues>
        form={form}
        layout="vertical"
        initialValues={{
          electedOn: today,
          termEnd: fiveYears,
          secretaryId: line?.secretaryId ?? undefined,
        }}
        onFinish={(v) => line && elect.mutate({ ...v, orgId: line.orgId })}
      >
        <Form.Item name="electedOn" label="换届选举日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="termEnd" label="届期结束日期" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="secretaryId"
          label="书记"
          rules={[{ required: true, message: '请选择书记' }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入姓名搜索"
            loading={people.isFetching}
            options={[
              ...(line?.secretaryId && line.secretaryName
                ? [{ value: line.secretaryId, label: `${line.secretaryName}（现任）` }]
                : []),
              ...(people.data?.items ?? [])
                .filter((p) => p.id !== line?.secretaryId)
                .map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
