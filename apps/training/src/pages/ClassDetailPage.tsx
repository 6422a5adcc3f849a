import type { RouterOutputs } from '@dangjian/api';
import { TRAINEE_ROLE_LABELS, TRAINEE_ROLES, type TraineeRole } from '@dangjian/domain';
import { errorMessage, RegionTree, useCurrentUser, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Radio,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { dateSpan, KIND_COLORS, kindLabel, MANAGER_ROLES, saveIcs, timeSpan } from './labels';

type RosterRow = RouterOutputs['training']['roster']['rows'][number];
type Candidate = RouterOutputs['training']['candidates'][number];

function Roster({ classId, manage }: { classId: number; manage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const roster = useQuery(trpc.training.roster.queryOptions({ classId }));
  const [selected, setSelected] = useState<number[]>([]);
  const [session, setSession] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.training.roster.queryKey({ classId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.training.classById.queryKey({ classId }) }),
    ]);
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const attend = useMutation(
    trpc.training.markAttendance.mutationOptions({
      onSuccess: (r) => {
        void message.success(`已登记 ${r.marked} 人的考勤`);
        void refresh();
      },
      onError,
    }),
  );
  const complete = useMutation(
    trpc.training.complete.mutationOptions({
      onSuccess: (r) => {
        void message.success(`${r.completed} 人已结业（${r.completedOn}）`);
        setSelected([]);
        void refresh();
      },
      onError,
    }),
  );
  const withdraw = useMutation(
    trpc.training.withdraw.mutationOptions({
      onSuccess: (r) => {
        void message.success(
          `已取消 ${r.cancelled.length} 人的报名${r.promoted.length > 0 ? `，候补递补 ${r.promoted.length} 人` : ''}`,
        );
        setSelected([]);
        void refresh();
      },
      onError,
    }),
  );
  if (roster.error) return <Alert type="error" title={errorMessage(roster.error)} />;
  if (!roster.data) return <Spin />;
  const { sessions, rows, today } = roster.data;
  const past = sessions.filter((d) => d <= today);
  const day = session ?? past.at(-1) ?? null;
  const confirmedSelected = selected.filter(
    (id) => rows.find((r) => r.personId === id)?.status === 'confirmed',
  );
  return (
    <>
      {manage && roster.data.manageable ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>已选 {selected.length} 人</Typography.Text>
          <Select
            aria-label="培训日期"
            style={{ width: 150 }}
            placeholder="培训日期"
            value={day}
            onChange={setSession}
            options={past.map((d) => ({ value: d, label: d }))}
            notFoundContent="尚未开班"
          />
          <Button
            type="primary"
            disabled={!day || confirmedSelected.length === 0}
            loading={attend.isPending}
            onClick={() =>
              day &&
              attend.mutate({
                classId,
                sessionDate: day,
                personIds: confirmedSelected,
                present: true,
              })
            }
          >
            签到
          </Button>
          <Button
            disabled={!day || confirmedSelected.length === 0}
            onClick={() =>
              day &&
              attend.mutate({
                classId,
                sessionDate: day,
                personIds: confirmedSelected,
                present: false,
              })
            }
          >
            记缺勤
          </Button>
          <Button
            disabled={confirmedSelected.length === 0}
            loading={complete.isPending}
            onClick={() => complete.mutate({ classId, personIds: confirmedSelected })}
          >
            结业
          </Button>
          <Popconfirm
            title={`取消所选 ${selected.length} 人的报名？`}
            description="空出的名额将按候补顺序自动递补。"
            okText="取消报名"
            cancelText="再想想"
            disabled={selected.length === 0}
            onConfirm={() => withdraw.mutate({ classId, personIds: selected })}
          >
            <Button danger disabled={selected.length === 0}>
              取消报名
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <Table<RosterRow>
        rowKey="personId"
        size="small"
        dataSource={rows}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={
          manage
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }
            : undefined
        }
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
          { title: '区划', dataIndex: 'regionName', width: 140, ellipsis: true },
          {
            title: '状态',
            width: 120,
            render: (_, r) =>
              r.completedOn ? (
                <Tag color="green">已结业</Tag>
              ) : r.status === 'confirmed' ? (
                <Tag color="blue">已确认</Tag>
              ) : (
                <Tag color="orange">候补第 {r.position} 位</Tag>
              ),
          },
          ...sessions.map((d) => ({
            title: d.slice(5),
            key: d,
            width: 64,
            render: (_: unknown, r: RosterRow) =>
              r.attendance[d] === true ? (
                <span data-testid={`present-${r.personId}-${d}`}>✓</span>
              ) : r.attendance[d] === false ? (
                <Typography.Text type="danger">缺</Typography.Text>
              ) : (
                ''
              ),
          })),
        ]}
      />
    </>
  );
}

function BulkEnrol({ classId }: { classId: number }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [region, setRegion] = useState(user.regionCode);
  const [role, setRole] = useState<TraineeRole>('secretary');
  const [newOnly, setNewOnly] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const candidates = useQuery(
    trpc.training.candidates.queryOptions(
      region ? { classId, regionCode: region, role, newSecretariesOnly: newOnly } : skipToken,
    ),
  );
  const enrol = useMutation(
    trpc.training.enrol.mutationOptions({
      onSuccess: (r) => {
        setSelected([]);
        void queryClient.invalidateQueries({ queryKey: trpc.training.pathKey() });
        const refused = r.results.filter((x) => x.outcome === 'refused');
        modal.info({
          title: '批量报名结果',
          content: (
            <div>
              <p>
                确认 {r.confirmed} 人，候补 {r.waitlisted} 人，已报名 {r.existing} 人，不符合条件{' '}
                {r.refused} 人。
              </p>
              {refused.slice(0, 10).map((x) => (
                <p key={x.personId}>
                  {x.name}：{x.reason}
                </p>
              ))}
            </div>
          ),
        });
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <Card size="small" style={{ width: 260 }} styles={{ body: { padding: 0 } }}>
        <RegionTree selected={region} onSelect={setRegion} />
      </Card>
      <div style={{ flex: 1, minWidth: 320 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group
            value={role}
            onChange={(e) => setRole(e.target.value as TraineeRole)}
            options={TRAINEE_ROLES.map((r) => ({ value: r, label: TRAINEE_ROLE_LABELS[r] }))}
            optionType="button"
          />
          <span>
            仅当年新任书记 <Switch checked={newOnly} onChange={setNewOnly} size="small" />
          </span>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={enrol.isPending}
            onClick={() => enrol.mutate({ classId, personIds: selected })}
          >
            报名所选（{selected.length}）
          </Button>
        </Space>
        {candidates.error ? <Alert type="error" title={errorMessage(candidates.error)} /> : null}
        <Table<Candidate>
          rowKey="personId"
          size="small"
          loading={candidates.isFetching}
          dataSource={candidates.data ?? []}
          scroll={{ x: 640 }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 人` }}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (r) => ({ disabled: !r.eligible || r.signup !== null }),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            { title: '区划', dataIndex: 'regionName', width: 140, ellipsis: true },
            { title: '任职日期', dataIndex: 'appointedOn', width: 110 },
            {
              title: '情况',
              width: 200,
              render: (_, r) =>
                r.signup ? (
                  <Tag color="blue">{r.signup === 'confirmed' ? '已报名' : '候补中'}</Tag>
                ) : r.eligible ? (
                  r.newSecretary ? (
                    <Tag color="volcano">新任书记</Tag>
                  ) : null
                ) : (
                  <Typography.Text type="secondary">{r.reason}</Typography.Text>
                ),
            },
          ]}
        />
      </div>
    </div>
  );
}

/** One class: details, .ics, roster with waiting list, attendance and completion, bulk enrolment. */
export function ClassDetailPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const classId = Number(useParams().id);
  const cls = useQuery(trpc.training.classById.queryOptions({ classId }));
  const ics = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.training.ics.queryOptions({ classId })),
    onSuccess: saveIcs,
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (cls.error) return <Alert type="error" title={errorMessage(cls.error)} />;
  if (!cls.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const c = cls.data;
  const manage = MANAGER_ROLES.has(user.role) && c.manageable;
  return (
    <Card
      title={<span data-testid="class-title">{c.name}</span>}
      extra={<Button onClick={() => ics.mutate()}>下载日历（.ics）</Button>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="类型">
          <Tag color={KIND_COLORS[c.kind]}>{kindLabel(c.kind)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="举办单位">{c.organiser}</Descriptions.Item>
        <Descriptions.Item label="日期">{dateSpan(c.startDate, c.endDate)}</Descriptions.Item>
        <Descriptions.Item label="时间">
          <span data-testid="class-times">每天 {timeSpan(c.startTime, c.endTime)}（北京时间）</span>
        </Descriptions.Item>
        <Descriptions.Item label="天数 / 学时">
          {c.days} 天{c.hours ? ` / ${c.hours} 学时` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="地点">{c.venue}</Descriptions.Item>
        <Descriptions.Item label="名额">
          <span data-testid="class-seats">
            已确认 {c.confirmedCount} / {c.capacity}，候补 {c.waitlisted}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="报名对象">
          {c.eligibleRoles.map((r) => TRAINEE_ROLE_LABELS[r]).join('、')}
          {c.newSecretariesOnly ? '（仅限当年新任书记）' : ''}
        </Descriptions.Item>
        {c.description ? <Descriptions.Item label="说明">{c.description}</Descriptions.Item> : null}
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'roster',
            label: '学员名单',
            children: <Roster classId={classId} manage={manage} />,
          },
          ...(c.open
            ? [{ key: 'enrol', label: '批量报名', children: <BulkEnrol classId={classId} /> }]
            : []),
        ]}
      />
    </Card>
  );
}
