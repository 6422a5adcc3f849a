import type { RouterInputs, RouterOutputs } from '@dangjian/api';
import {
  chinaToday,
  DomainError,
  TRAINEE_ROLE_LABELS,
  TRAINEE_ROLES,
  TRAINING_KINDS,
  type TraineeRole,
  type TrainingKind,
} from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { dateSpan, KIND_COLORS, kindLabel, MANAGER_ROLES, timeSpan } from './labels';

type ClassRow = RouterOutputs['training']['classes'][number];

interface CreateForm {
  name: string;
  trainingKind: TrainingKind;
  dates: [Dayjs, Dayjs];
  /** When each class day starts and ends (China time). */
  startTime: Dayjs;
  endTime: Dayjs;
  days: number;
  hours: number | null;
  venue: string;
  capacity: number;
  eligibleRoles: TraineeRole[];
  eligibleRegions: string[];
  newSecretariesOnly: boolean;
  description: string | null;
}

function CreateClassModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateForm>();
  const children = useQuery(trpc.region.children.queryOptions({ regionCode: user.regionCode }));
  const create = useMutation(
    trpc.training.createClass.mutationOptions({
      onSuccess: (row) => {
        void message.success('培训班已创建');
        void queryClient.invalidateQueries({ queryKey: trpc.training.classes.queryKey() });
        form.resetFields();
        onClose();
        void navigate(`/classes/${row.id}`);
      },
    }),
  );
  // The organiser's calendar is China's (the server refuses classes that started before today there).
  const today = dayjs(chinaToday(new Date()));
  const submit = (v: CreateForm) => {
    const input: RouterInputs['training']['createClass'] = {
      name: v.name,
      trainingKind: v.trainingKind,
      startDate: v.dates[0].format('YYYY-MM-DD'),
      endDate: v.dates[1].format('YYYY-MM-DD'),
      startTime: v.startTime.format('HH:mm'),
      endTime: v.endTime.format('HH:mm'),
      days: v.days,
      hours: v.hours ?? null,
      venue: v.venue,
      capacity: v.capacity,
      eligibleRoles: v.eligibleRoles,
      eligibleRegions: v.eligibleRegions,
      newSecretariesOnly: v.newSecretariesOnly,
      description: v.description?.trim() ? v.description : null,
    };
    create.mutate(input);
  };
  return (
    <Modal
      open={open}
      title="新建培训班"
      okText="创建"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      {create.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          trainingKind: 'rotation',
          dates: [today, today.add(1, 'day')],
          startTime: dayjs('08:30', 'HH:mm'),
          endTime: dayjs('17:30', 'HH:mm'),
          days: 2,
          hours: 16,
          capacity: 50,
          eligibleRoles: ['secretary'],
          eligibleRegions: [],
          newSecretariesOnly: false,
        }}
      >
        <Form.Item
          name="name"
          label="培训班名称"
          rules={[{ required: true, message: '请填写培训班名称' }]}
        >
          <Input placeholder="如：2026年第二期村（社区）党组织书记集中轮训班" />
        </Form.Item>
        <Form.Item name="trainingKind" label="培训类型">
          <Select
            options={TRAINING_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            aria-label="培训类型"
          />
        </Form.Item>
        <Form.Item
          name="dates"
          label="起止日期"
          rules={[{ required: true, message: '请选择起止日期' }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="startTime"
            label="每天开始时间"
            rules={[{ required: true, message: '请选择每天开始时间' }]}
          >
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
          </Form.Item>
          <Form.Item
            name="endTime"
            label="每天结束时间"
            dependencies={['startTime']}
            rules={[
              { required: true, message: '请选择每天结束时间' },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('startTime') as Dayjs | undefined;
                  return !value || !start || value.format('HH:mm') > start.format('HH:mm')
                    ? Promise.resolve()
                    : Promise.reject(
                        new DomainError('INVALID_INPUT', 'endTime', '结束时间须晚于开始时间'),
                      );
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="days"
            label="培训天数"
            rules={[{ required: true, message: '请填写培训天数' }]}
          >
            <InputNumber min={1} max={366} />
          </Form.Item>
          <Form.Item name="hours" label="培训学时">
            <InputNumber min={1} max={2000} />
          </Form.Item>
          <Form.Item
            name="capacity"
            label="名额"
            rules={[{ required: true, message: '请填写名额' }]}
          >
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </div>
        <Form.Item
          name="venue"
          label="培训地点"
          rules={[{ required: true, message: '请填写培训地点' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="eligibleRoles"
          label="报名对象"
          rules={[{ required: true, message: '至少选择一类报名对象' }]}
        >
          <Checkbox.Group
            options={TRAINEE_ROLES.map((r) => ({ value: r, label: TRAINEE_ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="eligibleRegions" label="限定区域（不选则为本辖区全部）">
          <Select
            mode="multiple"
            allowClear
            loading={children.isPending}
            options={(children.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="newSecretariesOnly"
          label="仅限当年新任职的党组织书记"
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 培训班: the classes the organiser can see, with seats and waiting lists. */
export function ClassesPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const classes = useQuery(trpc.training.classes.queryOptions({}));
  const canCreate = MANAGER_ROLES.has(user.role);
  return (
    <Card
      title={<span data-testid="classes-title">培训班</span>}
      extra={
        canCreate ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建培训班
          </Button>
        ) : null
      }
    >
      {classes.error ? <Alert type="error" title={errorMessage(classes.error)} /> : null}
      <Table<ClassRow>
        rowKey="id"
        size="middle"
        loading={classes.isPending}
        dataSource={classes.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '培训班',
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/classes/${r.id}`}>{name}</Link>,
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 140,
            render: (k: TrainingKind) => <Tag color={KIND_COLORS[k]}>{kindLabel(k)}</Tag>,
          },
          { title: '举办单位', dataIndex: 'organiser', width: 110 },
          {
            title: '日期',
            width: 200,
            render: (_, r) => (
              <>
                {dateSpan(r.startDate, r.endDate)}
                <br />
                <span style={{ color: '#888' }}>每天 {timeSpan(r.startTime, r.endTime)}</span>
              </>
            ),
          },
          { title: '天数', dataIndex: 'days', width: 60 },
          { title: '名额', dataIndex: 'capacity', width: 70 },
          { title: '已确认', dataIndex: 'confirmedCount', width: 70 },
          { title: '候补', dataIndex: 'waitlisted', width: 60 },
        ]}
      />
      <CreateClassModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
