import type { RouterOutputs } from '@dangjian/api';
import { MEETING_KIND_LABELS, type MeetingKind } from '@dangjian/domain';
import {
  defined,
  Attachments,
  errorMessage,
  FilterBar,
  listPagination,
  ResponsiveTable,
  useRegion,
  useTRPC,
  YEAR_OPTIONS,
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
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday, RegionLayout } from './orglife/shared';

type Item = RouterOutputs['meetings']['compliance']['items'][number];
type Meeting = RouterOutputs['meetings']['list']['items'][number];

const PERIODS = [
  { value: 0, label: '全年' },
  { value: 1, label: '一季度' },
  { value: 2, label: '二季度' },
  { value: 3, label: '三季度' },
  { value: 4, label: '四季度' },
];
const QUARTER_END = ['12-31', '03-31', '06-30', '09-30', '12-31'];

function periodOf(year: number, quarter: number) {
  return {
    from:
      quarter === 0 ? `${year}-01-01` : `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`,
    to: `${year}-${QUARTER_END[quarter]}`,
  };
}

/** 联席会议 (003 §1): weekly team meetings and quarterly Party–public meetings, per village. */
export function MeetingsPage() {
  const trpc = useTRPC();
  const { code, setCode } = useRegion();
  const today = chinaToday();
  const [year, setYear] = useState(defined(YEAR_OPTIONS[0]).value);
  const [quarter, setQuarter] = useState(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const [missedOnly, setMissedOnly] = useState(false);
  const [open, setOpen] = useState<Item | null>(null);
  const period = periodOf(year, quarter);
  const input = code ? { regionCode: code, ...period, missedOnly } : undefined;
  const compliance = useQuery({
    ...trpc.meetings.compliance.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const data = compliance.data;

  return (
    <RegionLayout
      code={code}
      onSelect={setCode}
      testId="meetings-title"
      title={data ? `${data.regionName}村（社区）联席会议落实情况` : '联席会议'}
      error={compliance.error}
      year={{ value: year, onChange: setYear }}
      exportQuery={input ? trpc.meetings.export.queryOptions(input) : undefined}
      actions={
        <>
          <Segmented<number> value={quarter} onChange={setQuarter} options={PERIODS} />
        </>
      }
    >
      <Typography.Paragraph type="secondary">
        {data ? `${data.rule}。执行政策：${data.policyLabel}。` : null}统计{' '}
        {data?.from ?? period.from} 至 {data?.to ?? period.to}{' '}
        内完整的周（周一至周日）和季度，截至今天。
      </Typography.Paragraph>
      {data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="meetings-summary">
          <Tag>村（社区）{data.summary.villages} 个</Tag>
          <Tag color={data.summary.withMissedWeeks > 0 ? 'red' : 'green'}>
            缺班子联席会议 {data.summary.withMissedWeeks} 个
          </Tag>
          <Tag color={data.summary.withMissedQuarters > 0 ? 'red' : 'green'}>
            缺党群联席会议 {data.summary.withMissedQuarters} 个
          </Tag>
          <Tag color={data.summary.withUnpublished > 0 ? 'orange' : 'green'}>
            决议未公开 {data.summary.withUnpublished} 个
          </Tag>
        </Space>
      ) : null}
      <FilterBar>
        <Checkbox checked={missedOnly} onChange={(e) => setMissedOnly(e.target.checked)}>
          只看未落实
        </Checkbox>
      </FilterBar>
      <ResponsiveTable<Item>
        rowKey="orgId"
        renderCard={(i) => (
          <Flex vertical gap={4} onClick={() => setOpen(i)} style={{ cursor: 'pointer' }}>
            <a>{i.orgName}</a>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {i.townshipName}
            </Typography.Text>
            <div>
              班子联席会议 {i.teamMeetings} 次，缺会 {i.missedWeeks.length}/{i.weeks} 周
            </div>
            <div>
              党群联席会议 {i.jointMeetings} 次
              {i.missedQuarters.map((q) => (
                <Tag color="red" key={q} style={{ marginLeft: 6 }}>
                  {q}
                </Tag>
              ))}
            </div>
          </Flex>
        )}
        size="small"
        loading={compliance.isFetching}
        dataSource={data?.items ?? []}
        pagination={listPagination('个')}
        onRow={(i) => ({ onClick: () => setOpen(i), style: { cursor: 'pointer' } })}
        columns={[
          { title: '党组织', dataIndex: 'orgName', render: (n: string) => <a>{n}</a> },
          { title: '乡镇（街道）', dataIndex: 'townshipName', width: 120 },
          { title: '班子联席会议', dataIndex: 'teamMeetings', width: 110, align: 'right' },
          {
            title: '缺会周数',
            key: 'weeks',
            width: 110,
            align: 'right',
            render: (_: unknown, i) =>
              i.missedWeeks.length > 0 ? (
                <Tooltip title={`缺会周（周一）：${i.missedWeeks.join('、')}`}>
                  <Tag color="red">
                    {i.missedWeeks.length}/{i.weeks} 周
                  </Tag>
                </Tooltip>
              ) : (
                `0/${i.weeks} 周`
              ),
          },
          { title: '党群联席会议', dataIndex: 'jointMeetings', width: 110, align: 'right' },
          {
            title: '缺会季度',
            key: 'quarters',
            width: 150,
            render: (_: unknown, i) =>
              i.missedQuarters.map((q) => (
                <Tag color="red" key={q}>
                  {q}
                </Tag>
              )),
          },
          {
            title: '决议未公开',
            key: 'unpublished',
            width: 100,
            align: 'right',
            render: (_: unknown, i) =>
              i.unpublishedDecisions.length > 0 ? (
                <Tag color="orange">{i.unpublishedDecisions.length} 次</Tag>
              ) : null,
          },
        ]}
      />
      <MeetingsDrawer item={open} period={period} onClose={() => setOpen(null)} />
    </RegionLayout>
  );
}

interface MeetingValues {
  meetingKind: MeetingKind;
  meetingOn: string;
  convener: string;
  attendees: string;
  attendeeCount: number;
  topics: string;
  decisions: string;
  decisionsPublishedOn?: string;
}

function MeetingsDrawer(props: {
  item: Item | null;
  period: { from: string; to: string };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MeetingValues>();
  const kind = Form.useWatch('meetingKind', form);
  const list = useQuery(
    trpc.meetings.list.queryOptions(
      props.item ? { orgId: props.item.orgId, ...props.period } : skipToken,
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
  const record = useMutation(
    trpc.meetings.record.mutationOptions({
      onSuccess: () => {
        message.success('已登记会议');
        form.resetFields();
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const publish = useMutation(
    trpc.meetings.publish.mutationOptions({
      onSuccess: () => {
        message.success('已登记决议公开');
        void refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Drawer
      title={props.item ? `${props.item.orgName}联席会议` : '联席会议'}
      open={props.item !== null}
      onClose={props.onClose}
      size="large"
      destroyOnHidden
    >
      <Table<Meeting>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        scroll={{ x: true }}
        expandable={{
          // 会议纪要: the minutes and other files kept with the record (issue 16).
          expandedRowRender: (m) => (
            <Attachments owner={{ kind: 'org_meeting', id: m.id }} editable label="会议纪要" />
          ),
          columnTitle: '纪要',
        }}
        columns={[
          { title: '日期', dataIndex: 'meetingOn', width: 110 },
          { title: '类型', dataIndex: 'kindLabel', width: 120 },
          { title: '议题', dataIndex: 'topics' },
          { title: '决议', dataIndex: 'decisions' },
          {
            title: '公开',
            key: 'pub',
            width: 120,
            render: (_: unknown, m) =>
              m.kind !== 'party_public_joint' ? null : m.decisionsPublishedOn ? (
                m.decisionsPublishedOn
              ) : (
                <Button
                  size="small"
                  onClick={() =>
                    publish.mutate({ meetingId: m.id, decisionsPublishedOn: chinaToday() })
                  }
                >
                  登记公开
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={5}>登记会议</Typography.Title>
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        initialValues={{ meetingKind: 'team_joint', meetingOn: chinaToday(), attendeeCount: 7 }}
        onFinish={(v) =>
          props.item &&
          record.mutate({
            ...v,
            orgId: props.item.orgId,
            decisionsPublishedOn: v.decisionsPublishedOn || null,
          })
        }
      >
        <Form.Item name="meetingKind" label="会议类型">
          <Radio.Group
            options={Object.entries(MEETING_KIND_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="meetingOn" label="会议日期" rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="convener"
            label="召集人"
            rules={[{ required: true, message: '请填写召集人' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="attendeeCount" label="参会人数" rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
        <Form.Item
          name="attendees"
          label="参会人员"
          rules={[{ required: true, message: '请填写参会人员' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="topics" label="议题" rules={[{ required: true, message: '请填写议题' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="decisions"
          label="决议事项"
          rules={[{ required: true, message: '请填写决议事项' }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        {kind === 'party_public_joint' ? (
          <Form.Item name="decisionsPublishedOn" label="决议书面公开日期（未公开可不填）">
            <Input type="date" />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          保存会议记录
        </Button>
      </Form>
    </Drawer>
  );
}
