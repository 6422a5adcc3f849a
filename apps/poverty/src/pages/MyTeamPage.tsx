import type { RouterOutputs } from '@dangjian/api';
import {
  TEAM_TASK_AREA_LABELS,
  TEAM_TASK_AREAS,
  yuanToFen,
  type TeamTaskArea,
} from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { chinaToday } from './labels';
import { WorkLogList } from './WorkLogList';

type MyTeam = RouterOutputs['poverty']['myTeams'][number];

interface LogForm {
  date: dayjs.Dayjs;
  area: TeamTaskArea;
  summary: string;
  /** An InputNumber left empty gives null. */
  householdsReached: number | null;
  fundsYuan: number | null;
}

/** The log entry form, made for a phone: one column, large targets, today's date by default. */
function LogEntry({ team }: { team: MyTeam }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<LogForm>();
  const log = useMutation(
    trpc.poverty.logWork.mutationOptions({
      onSuccess: async () => {
        message.success('已记录工作日志，可在下方该条日志中拍照上传');
        form.resetFields(['summary', 'householdsReached', 'fundsYuan']);
        await queryClient.invalidateQueries({ queryKey: trpc.poverty.pathKey() });
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const today = chinaToday();
  return (
    <Form<LogForm>
      form={form}
      layout="vertical"
      initialValues={{ date: dayjs(today), householdsReached: 0, fundsYuan: 0 }}
      onFinish={(v) =>
        log.mutate({
          villageId: team.villageId,
          date: v.date.format('YYYY-MM-DD'),
          area: v.area,
          summary: v.summary,
          householdsReached: v.householdsReached ?? 0,
          fundsFen: yuanToFen(v.fundsYuan ?? 0, 'fundsYuan'),
        })
      }
    >
      <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          inputReadOnly
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          aria-label="日期"
        />
      </Form.Item>
      <Form.Item
        name="area"
        label="工作内容"
        rules={[{ required: true, message: '请选择工作内容' }]}
      >
        <Radio.Group style={{ width: '100%' }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {TEAM_TASK_AREAS.map((a) => (
              <Radio.Button
                key={a}
                value={a}
                style={{ width: '100%', height: 44, lineHeight: '42px' }}
              >
                {TEAM_TASK_AREA_LABELS[a]}
              </Radio.Button>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="summary"
        label="工作纪实"
        rules={[{ required: true, message: '请填写工作纪实' }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          placeholder="走访了哪些户、办了什么事"
          aria-label="工作纪实"
        />
      </Form.Item>
      <Space.Compact block>
        <Form.Item
          name="householdsReached"
          label="走访（受益）户数"
          style={{ flex: 1, marginRight: 8 }}
        >
          <InputNumber
            min={0}
            precision={0}
            inputMode="numeric"
            style={{ width: '100%' }}
            aria-label="走访（受益）户数"
          />
        </Form.Item>
        <Form.Item name="fundsYuan" label="引进资金（元）" style={{ flex: 1 }}>
          <InputNumber
            min={0}
            precision={2}
            inputMode="decimal"
            style={{ width: '100%' }}
            aria-label="引进资金（元）"
          />
        </Form.Item>
      </Space.Compact>
      <Button type="primary" htmlType="submit" block size="large" loading={log.isPending}>
        提交日志
      </Button>
    </Form>
  );
}

/** 我的工作队 (team members): the village, this year's four areas at a glance, the log form. */
export function MyTeamPage() {
  const trpc = useTRPC();
  const teams = useQuery(trpc.poverty.myTeams.queryOptions());
  if (teams.error) return <Alert type="error" showIcon message={errorMessage(teams.error)} />;
  if (!teams.data) return <Card loading />;
  if (teams.data.length === 0)
    return (
      <Result
        status="info"
        title="您的账号尚未关联驻村工作队"
        subTitle="请联系扶贫办在工作队队员信息中关联您的登录账号"
      />
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {teams.data.map((t) => (
        <Space key={t.memberId} orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Link to={`/villages/${t.villageId}`} data-testid="my-village">
                {t.villageName}
              </Link>
            }
            extra={<Typography.Text type="secondary">{t.unit}</Typography.Text>}
          >
            <Space wrap size={[4, 8]}>
              {t.progress.areas.map((a) => (
                <Tag
                  key={a.area}
                  color={a.entries === 0 ? 'red' : 'green'}
                  data-testid={`area-${a.area}`}
                >
                  {a.label} {a.entries}
                </Tag>
              ))}
            </Space>
            {t.progress.missingAreas.length > 0 ? (
              <Alert
                style={{ marginTop: 8 }}
                type="warning"
                showIcon
                message={`今年尚未开展：${t.progress.missingAreas.map((a) => TEAM_TASK_AREA_LABELS[a]).join('、')}`}
              />
            ) : null}
          </Card>
          <Card size="small" title="记录工作日志">
            <LogEntry team={t} />
          </Card>
          <Card size="small" title="本村工作日志">
            <WorkLogList regionCode={t.regionCode} villageId={t.villageId} editable />
          </Card>
        </Space>
      ))}
    </Space>
  );
}
