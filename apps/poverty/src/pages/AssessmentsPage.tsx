import type { RouterOutputs } from '@dangjian/api';
import {
  TEAM_ASSESSMENT_LABELS,
  TEAM_ASSESSMENT_RATINGS,
  type TeamAssessmentRating,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { RATING_COLORS, THIS_YEAR, YEAR_OPTIONS } from './labels';

type Assessment = RouterOutputs['poverty']['assessments']['items'][number];

interface AssessForm {
  teamId: number;
  subject: number | 'unit';
  rating: TeamAssessmentRating;
  comments: string;
  correctionDeadline?: Dayjs | null;
}

function AssessModal({
  regionCode,
  year,
  onClose,
}: {
  regionCode: string;
  year: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AssessForm>();
  const teams = useQuery(trpc.poverty.teams.queryOptions({ regionCode }));
  const teamId = Form.useWatch('teamId', form);
  const rating = Form.useWatch('rating', form);
  const team = teams.data?.find((t) => t.id === teamId);
  const assess = useMutation(
    trpc.poverty.assess.mutationOptions({
      onSuccess: async (a) => {
        message.success(
          a.promotionPriority
            ? '已考核：该干部列入优先提拔使用名单'
            : a.publicCriticism
              ? '已考核：列入通报批评、限期整改名单'
              : '已考核',
        );
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      open
      width={640}
      title={`${year} 年度考核`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assess.isPending}
      destroyOnHidden
    >
      <Form<AssessForm>
        form={form}
        layout="vertical"
        initialValues={{ subject: 'unit', rating: 'competent' }}
        onFinish={(v) =>
          assess.mutate({
            year,
            teamId: v.teamId,
            memberId: v.subject === 'unit' ? null : v.subject,
            rating: v.rating,
            comments: v.comments,
            correctionDeadline: v.correctionDeadline?.format('YYYY-MM-DD') ?? null,
          })
        }
      >
        <Form.Item
          name="teamId"
          label="工作队"
          rules={[{ required: true, message: '请选择工作队' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={teams.isLoading}
            options={(teams.data ?? []).map((t) => ({
              value: t.id,
              label: `${t.villageName} · ${t.unit}${t.endDate ? `（已撤回）` : ''}`,
            }))}
            onChange={() => form.setFieldValue('subject', 'unit')}
            aria-label="工作队"
          />
        </Form.Item>
        <Form.Item name="subject" label="考核对象" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'unit', label: `派出单位（${team?.unit ?? '工作队'}）` },
              ...(team?.members ?? []).map((m) => ({
                value: m.id,
                label: `${m.name}${m.role === 'leader' ? '（队长）' : ''}${m.post ? ` · ${m.post}` : ''}`,
              })),
            ]}
            aria-label="考核对象"
          />
        </Form.Item>
        <Form.Item name="rating" label="考核等次" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={TEAM_ASSESSMENT_RATINGS.map((r) => ({
              value: r,
              label: TEAM_ASSESSMENT_LABELS[r],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="comments"
          label="考核评语"
          rules={[{ required: true, message: '请填写考核评语' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} aria-label="考核评语" />
        </Form.Item>
        {rating === 'passive' ? (
          <Form.Item
            name="correctionDeadline"
            label="整改期限"
            rules={[{ required: true, message: '消极应对、不负责任的须限期整改，请填写整改期限' }]}
          >
            <DatePicker aria-label="整改期限" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/**
 * 年度考核 (000 §4): the year's assessments of teams and cadres, with the two lists the notice
 * asks for: outstanding cadres preferred for promotion, and passive units and cadres named in a
 * circular with a correction deadline.
 */
export function AssessmentsPage() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [year, setYear] = useState(THIS_YEAR);
  const [assessing, setAssessing] = useState(false);
  const data = useQuery({
    ...trpc.poverty.assessments.queryOptions(
      root.data ? { regionCode: root.data.code, year } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const columns = [
    { title: '村', dataIndex: 'villageName' },
    { title: '派出单位', dataIndex: 'unit' },
    {
      title: '对象',
      key: 'subject',
      render: (_: unknown, a: Assessment) =>
        a.memberId === null
          ? '派出单位（工作队）'
          : `${a.memberName ?? ''}${a.memberPost ? ` · ${a.memberPost}` : ''}`,
    },
    {
      title: '等次',
      dataIndex: 'rating',
      render: (r: TeamAssessmentRating) => (
        <Tag color={RATING_COLORS[r]}>{TEAM_ASSESSMENT_LABELS[r]}</Tag>
      ),
    },
    { title: '评语', dataIndex: 'comments' },
    {
      title: '后果',
      key: 'consequence',
      render: (_: unknown, a: Assessment) =>
        a.promotionPriority ? (
          <Tag color="green">优先提拔使用</Tag>
        ) : a.publicCriticism ? (
          <Tag color="red">通报批评，{a.correctionDeadline} 前整改</Tag>
        ) : (
          '——'
        ),
    },
  ];
  const table = (rows: Assessment[], testid: string) => (
    <Table<Assessment>
      data-testid={testid}
      size="small"
      rowKey="id"
      dataSource={rows}
      columns={columns}
      scroll={{ x: 800 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
  const d = data.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Select
          value={year}
          onChange={setYear}
          options={YEAR_OPTIONS}
          style={{ width: 110 }}
          aria-label="年度"
        />
        <Button type="primary" onClick={() => setAssessing(true)} disabled={!root.data}>
          考核工作队或队员
        </Button>
      </Space>
      {data.error ? <Alert type="error" showIcon message={errorMessage(data.error)} /> : null}
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'promotion',
              label: `优先提拔使用（${d?.promotion.length ?? 0}）`,
              children: table(d?.promotion ?? [], 'promotion-list'),
            },
            {
              key: 'criticism',
              label: `通报批评、限期整改（${d?.criticism.length ?? 0}）`,
              children: table(d?.criticism ?? [], 'criticism-list'),
            },
            {
              key: 'all',
              label: `全部考核（${d?.items.length ?? 0}）`,
              children: table(d?.items ?? [], 'all-list'),
            },
          ]}
        />
      </Card>
      {assessing && root.data ? (
        <AssessModal regionCode={root.data.code} year={year} onClose={() => setAssessing(false)} />
      ) : null}
    </Space>
  );
}
