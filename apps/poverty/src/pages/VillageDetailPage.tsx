import type { RouterOutputs } from '@dangjian/api';
import {
  formatYuan,
  TEAM_ASSESSMENT_LABELS,
  TEAM_TASK_AREA_LABELS,
  yuanToFen,
} from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { OFFICE_ROLES } from '../roles';
import { Cite } from './Cite';
import { chinaToday, HELP_LABELS, RATING_COLORS, THIS_YEAR } from './labels';
import { WorkLogList } from './WorkLogList';

type Detail = RouterOutputs['poverty']['village'];
type Team = Detail['teams'][number];
type Member = Team['members'][number];

interface MemberForm {
  name: string;
  post?: string;
  phone?: string;
  role: 'leader' | 'member';
  firstSecretary?: boolean;
  userId?: number | null;
}

function memberInput(m: MemberForm) {
  return {
    name: m.name,
    post: m.post ?? null,
    phone: m.phone ?? null,
    role: m.role,
    firstSecretary: m.role === 'leader' && Boolean(m.firstSecretary),
    userId: m.userId ?? null,
  };
}

/** The fields of one member (used in the team form's list and the add-member form). */
function MemberFields({
  prefix,
  accounts,
}: {
  prefix: (string | number)[];
  accounts: { value: number; label: string }[];
}) {
  return (
    <Space wrap align="start">
      <Form.Item
        name={[...prefix, 'name']}
        label="姓名"
        rules={[{ required: true, message: '请填写姓名' }]}
      >
        <Input style={{ width: 110 }} aria-label="姓名" />
      </Form.Item>
      <Form.Item name={[...prefix, 'post']} label="职务">
        <Input style={{ width: 110 }} aria-label="职务" />
      </Form.Item>
      <Form.Item name={[...prefix, 'phone']} label="电话">
        <Input style={{ width: 130 }} aria-label="电话" />
      </Form.Item>
      <Form.Item name={[...prefix, 'role']} label="身份" initialValue="member">
        <Select
          style={{ width: 90 }}
          options={[
            { value: 'leader', label: '队长' },
            { value: 'member', label: '队员' },
          ]}
          aria-label="身份"
        />
      </Form.Item>
      <Form.Item name={[...prefix, 'firstSecretary']} label="第一书记" valuePropName="checked">
        <Checkbox aria-label="任第一书记">任第一书记</Checkbox>
      </Form.Item>
      <Form.Item name={[...prefix, 'userId']} label="登录账号">
        <Select
          allowClear
          style={{ width: 160 }}
          options={accounts}
          placeholder="不关联"
          aria-label="登录账号"
        />
      </Form.Item>
    </Space>
  );
}

/** Posts a resident team: sending unit, date, leader and members. */
function TeamModal({ villageId, onClose }: { villageId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ unit: string; startDate: dayjs.Dayjs; members: MemberForm[] }>();
  const accounts = useQuery(trpc.poverty.memberAccounts.queryOptions({ villageId }));
  const create = useMutation(
    trpc.poverty.createTeam.mutationOptions({
      onSuccess: async () => {
        message.success('已派驻工作队');
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const options = (accounts.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.displayName}（${a.username}）`,
  }));
  return (
    <Modal
      open
      width={900}
      title="派驻工作队"
      okText="派驻"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          startDate: dayjs(chinaToday()),
          members: [{ role: 'leader', firstSecretary: true }],
        }}
        onFinish={(v) =>
          create.mutate({
            villageId,
            unit: v.unit,
            startDate: v.startDate.format('YYYY-MM-DD'),
            members: v.members.map(memberInput),
          })
        }
      >
        <Space wrap>
          <Form.Item
            name="unit"
            label="派出单位"
            rules={[{ required: true, message: '请填写派出单位' }]}
          >
            <Input style={{ width: 260 }} aria-label="派出单位" />
          </Form.Item>
          <Form.Item name="startDate" label="进驻日期" rules={[{ required: true }]}>
            <DatePicker aria-label="进驻日期" />
          </Form.Item>
        </Space>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start">
                  <MemberFields prefix={[f.name]} accounts={options} />
                  {fields.length > 1 ? (
                    <Button
                      type="link"
                      danger
                      onClick={() => remove(f.name)}
                      style={{ marginTop: 30 }}
                    >
                      移除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button onClick={() => add({ role: 'member' })}>增加队员</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function AddMemberModal({
  team,
  villageId,
  onClose,
}: {
  team: Team;
  villageId: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MemberForm>();
  const accounts = useQuery(trpc.poverty.memberAccounts.queryOptions({ villageId }));
  const add = useMutation(
    trpc.poverty.addMember.mutationOptions({
      onSuccess: async () => {
        message.success('已增加队员');
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      open
      width={900}
      title="增加队员"
      okText="增加"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(m) => add.mutate({ teamId: team.id, member: memberInput(m) })}
      >
        <MemberFields
          prefix={[]}
          accounts={(accounts.data ?? []).map((a) => ({
            value: a.id,
            label: `${a.displayName}（${a.username}）`,
          }))}
        />
      </Form>
    </Modal>
  );
}

function TeamCard({ team, villageId, office }: { team: Team; villageId: number; office: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const done = {
    onSuccess: async () => {
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
    },
    onError: (e: unknown) => void message.error(errorMessage(e)),
  };
  const endMember = useMutation(trpc.poverty.endMember.mutationOptions(done));
  const appoint = useMutation(trpc.poverty.appointFirstSecretary.mutationOptions(done));
  const withdraw = useMutation(trpc.poverty.withdrawTeam.mutationOptions(done));
  const current = team.endDate === null;
  return (
    <Card
      size="small"
      title={
        <Space>
          {team.unit}
          {current ? <Tag color="red">在村</Tag> : <Tag>已撤回 {team.endDate}</Tag>}
        </Space>
      }
      extra={
        office && current ? (
          <Space>
            <Button size="small" onClick={() => setAdding(true)}>
              增加队员
            </Button>
            <Popconfirm
              title="撤回该工作队？在村队员同日离村。"
              okText="撤回"
              cancelText="取消"
              onConfirm={() => withdraw.mutate({ teamId: team.id, endDate: chinaToday() })}
            >
              <Button size="small" danger>
                撤回
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Typography.Text type="secondary">进驻日期：{team.startDate}</Typography.Text>
      <Table<Member>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={team.members}
        scroll={{ x: 640 }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (n: string, m) => (
              <Space size={4}>
                {n}
                {m.role === 'leader' ? <Tag color="red">队长</Tag> : null}
                {m.firstSecretary ? <Tag color="green">第一书记</Tag> : null}
              </Space>
            ),
          },
          { title: '职务', dataIndex: 'post', render: (p: string | null) => p ?? '——' },
          { title: '电话', dataIndex: 'phone', render: (p: string | null) => p ?? '——' },
          {
            title: '驻村时间',
            key: 'dates',
            render: (_, m) => `${m.fromDate} 至 ${m.toDate ?? '今'}`,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, m) =>
              office && m.toDate === null ? (
                <Space>
                  {m.role === 'leader' && !m.firstSecretary ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => appoint.mutate({ memberId: m.id })}
                    >
                      任命第一书记
                    </Button>
                  ) : null}
                  <Popconfirm
                    title={`办理「${m.name}」离村？`}
                    okText="离村"
                    cancelText="取消"
                    onConfirm={() => endMember.mutate({ memberId: m.id, toDate: chinaToday() })}
                  >
                    <Button size="small" type="link" danger>
                      离村
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      {team.members.every((m) => m.role !== 'leader' || m.toDate !== null) && current ? (
        <Alert
          type="warning"
          showIcon
          message="该工作队没有在村队长（第一书记），请增加队长"
          style={{ marginTop: 8 }}
        />
      ) : null}
      {adding ? (
        <AddMemberModal team={team} villageId={villageId} onClose={() => setAdding(false)} />
      ) : null}
    </Card>
  );
}

function IncomeCard({ detail, canRecord }: { detail: Detail; canRecord: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ year: number; incomeYuan: number }>();
  const record = useMutation(
    trpc.poverty.recordIncome.mutationOptions({
      onSuccess: async () => {
        message.success('已登记村集体经济收入');
        form.resetFields(['incomeYuan']);
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  return (
    <Card size="small" title="村集体经济收入（逐年）">
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={[...detail.income].reverse()}
        columns={[
          { title: '年度', dataIndex: 'year' },
          {
            title: '收入',
            dataIndex: 'incomeFen',
            align: 'right',
            render: (f: number) => formatYuan(f, { grouped: true, unit: true }),
          },
          {
            title: '比上年',
            dataIndex: 'changeFen',
            align: 'right',
            render: (c: number | null) =>
              c === null ? (
                '——'
              ) : (
                <Typography.Text type={c < 0 ? 'danger' : 'success'}>
                  {c >= 0 ? '+' : '−'}
                  {formatYuan(Math.abs(c), { grouped: true, unit: true })}
                </Typography.Text>
              ),
          },
        ]}
      />
      {canRecord ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          initialValues={{ year: THIS_YEAR - 1 }}
          onFinish={(v) =>
            record.mutate({
              villageId: detail.village.id,
              year: v.year,
              incomeFen: yuanToFen(v.incomeYuan, 'incomeYuan'),
            })
          }
        >
          <Form.Item name="year" rules={[{ required: true }]}>
            <InputNumber
              min={detail.village.identifiedYear - 5}
              max={THIS_YEAR}
              aria-label="年度"
              suffix="年"
            />
          </Form.Item>
          <Form.Item name="incomeYuan" rules={[{ required: true, message: '请填写收入' }]}>
            <InputNumber min={0} precision={2} aria-label="村集体经济收入（元）" suffix="元" />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending}>
            登记
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** One village: baseline and status, teams and members, progress this year, income, log. */
export function VillageDetailPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const { id } = useParams();
  const villageId = Number(id);
  const [year, setYear] = useState(THIS_YEAR);
  const [posting, setPosting] = useState(false);
  const detail = useQuery(trpc.poverty.village.queryOptions({ villageId, year }));
  const office = OFFICE_ROLES.has(user.role);
  if (detail.error) return <Alert type="error" showIcon message={errorMessage(detail.error)} />;
  const d = detail.data;
  if (!d) return <Card loading />;
  const v = d.village;
  const currentTeam = d.teams.find((t) => t.endDate === null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {v.name}
          </Typography.Title>
        }
        extra={
          office && !currentTeam && v.exitedYear === null ? (
            <Button type="primary" onClick={() => setPosting(true)}>
              派驻工作队
            </Button>
          ) : null
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label="认定年度">{v.identifiedYear}</Descriptions.Item>
          <Descriptions.Item label="帮扶层级">{HELP_LABELS[v.helpedBy]}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {v.exitedYear ? `${v.exitedYear} 年脱贫出列` : '在册'}
          </Descriptions.Item>
          <Descriptions.Item label="总户数">{v.households}</Descriptions.Item>
          <Descriptions.Item label="建档立卡贫困户">{v.poorHouseholds} 户</Descriptions.Item>
          <Descriptions.Item label="贫困人口">{v.poorPeople} 人</Descriptions.Item>
          <Descriptions.Item label="认定时集体收入">
            {formatYuan(v.baselineIncomeFen, { grouped: true, unit: true })}
          </Descriptions.Item>
        </Descriptions>
        {!currentTeam && v.exitedYear === null ? (
          <Alert
            type="error"
            showIcon
            message={
              <>
                该村尚未派驻工作队（
                <Cite notice="000" section="§4" />
                要求每个贫困村派驻工作队）
              </>
            }
          />
        ) : null}
      </Card>
      {d.teams.map((t) => (
        <TeamCard key={t.id} team={t} villageId={v.id} office={office} />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={`${year} 年工作进度（四项任务）`}
            extra={
              <Select
                size="small"
                value={year}
                onChange={setYear}
                options={[THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map((y) => ({
                  value: y,
                  label: `${y} 年`,
                }))}
                aria-label="年度"
              />
            }
          >
            <Table
              size="small"
              rowKey="area"
              pagination={false}
              dataSource={d.progress.areas}
              columns={[
                { title: '任务', dataIndex: 'label' },
                {
                  title: '日志',
                  dataIndex: 'entries',
                  align: 'right',
                  render: (n: number) => (n === 0 ? <Tag color="red">未开展</Tag> : n),
                },
                { title: '走访（受益）户', dataIndex: 'householdsReached', align: 'right' },
                {
                  title: '引进资金',
                  dataIndex: 'fundsFen',
                  align: 'right',
                  render: (f: number) => formatYuan(f, { grouped: true, unit: true }),
                },
                { title: '最近', dataIndex: 'lastDate', render: (x: string | null) => x ?? '——' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <IncomeCard detail={d} canRecord={office || d.mine !== null} />
        </Col>
      </Row>
      {d.assessments.length > 0 ? (
        <Card size="small" title="年度考核">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.assessments}
            columns={[
              { title: '年度', dataIndex: 'year' },
              {
                title: '对象',
                dataIndex: 'memberId',
                render: (m: number | null) =>
                  m === null
                    ? '派出单位（工作队）'
                    : (d.teams.flatMap((t) => t.members).find((x) => x.id === m)?.name ?? '队员'),
              },
              {
                title: '等次',
                dataIndex: 'rating',
                render: (r: keyof typeof TEAM_ASSESSMENT_LABELS) => (
                  <Tag color={RATING_COLORS[r]}>{TEAM_ASSESSMENT_LABELS[r]}</Tag>
                ),
              },
              { title: '评语', dataIndex: 'comments' },
              {
                title: '整改期限',
                dataIndex: 'correctionDeadline',
                render: (x: string | null) => x ?? '——',
              },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title="工作日志">
        <WorkLogList regionCode={v.regionCode} villageId={v.id} editable />
      </Card>
      {posting ? <TeamModal villageId={v.id} onClose={() => setPosting(false)} /> : null}
      <Typography.Text type="secondary">
        四项任务：{Object.values(TEAM_TASK_AREA_LABELS).join('、')}（
        <Cite notice="000" section="§4" />）
      </Typography.Text>
    </Space>
  );
}
