import { DISPATCH_MODE_LABELS } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Checkbox,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { chinaToday } from '../orglife/shared';
import type { DispatchItem, Kind } from './types';

interface DispatchValues {
  kind: Kind;
  cadreName: string;
  unit: string;
  post?: string;
  leader?: boolean;
  firstSecretary?: boolean;
  fromDate: string;
  toDate?: string;
}

/** 登记选派: the cadres recorded for one org and year, ending one, adding one. */
export function DispatchModal(props: {
  item: DispatchItem | null;
  year: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DispatchValues>();
  const item = props.item;
  const kind = Form.useWatch('kind', form);
  const leader = Form.useWatch('leader', form);
  const listInput = item ? { orgId: item.orgId, year: props.year } : skipToken;
  const cadres = useQuery(trpc.upgrade.dispatches.queryOptions(listInput));
  const refresh = () => {
    props.onChanged();
    void queryClient.invalidateQueries({ queryKey: trpc.upgrade.dispatches.pathKey() });
  };
  const save = useMutation(
    trpc.upgrade.saveDispatch.mutationOptions({
      onSuccess: () => {
        message.success('已登记选派');
        form.resetFields(['cadreName', 'post', 'leader', 'firstSecretary', 'toDate']);
        refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const end = useMutation(
    trpc.upgrade.endDispatch.mutationOptions({
      onSuccess: () => {
        message.success('已登记离任');
        refresh();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const today = chinaToday();
  const yearStart = `${props.year}-01-01`;
  const defaultFrom = today.startsWith(String(props.year)) ? today : yearStart;
  return (
    <Modal
      title={item ? `登记选派：${item.orgName}` : '登记选派'}
      open={item !== null}
      onCancel={props.onClose}
      okText="保存"
      cancelText="关闭"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {item ? (
        <Typography.Paragraph type="secondary">
          {props.year - 1} 年定为“{item.gradeLabel}”类，应选派：{item.needsLabel}。
        </Typography.Paragraph>
      ) : null}
      <List
        size="small"
        header={`${props.year} 年已登记的驻联干部`}
        loading={cadres.isFetching}
        dataSource={cadres.data?.items ?? []}
        locale={{ emptyText: '尚未登记' }}
        renderItem={(c) => (
          <List.Item
            actions={
              c.toDate === null
                ? [
                    <Popconfirm
                      key="end"
                      title={`登记${c.cadreName}于今天（${today}）离任？`}
                      okText="离任"
                      cancelText="取消"
                      onConfirm={() => end.mutate({ dispatchId: c.id, toDate: today })}
                    >
                      <Button size="small" type="link" danger>
                        离任
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${c.cadreName}（${c.roleLabel}）`}
              description={`${c.kindLabel}；${c.unit}${c.post ? ` ${c.post}` : ''}；${c.fromDate} 至 ${c.toDate ?? '今'}`}
            />
          </List.Item>
        )}
        style={{ marginBottom: 16 }}
      />
      <Form<DispatchValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: item?.needs, fromDate: defaultFrom }}
        onFinish={(v) =>
          item &&
          save.mutate({
            orgId: item.orgId,
            year: props.year,
            kind: v.kind,
            cadreName: v.cadreName,
            unit: v.unit,
            post: v.post?.trim() ? v.post.trim() : null,
            leader: v.kind === 'work_team' && v.leader === true,
            firstSecretary:
              v.kind === 'first_secretary' ||
              (v.kind === 'work_team' && v.leader === true) ||
              v.firstSecretary === true,
            fromDate: v.fromDate,
            toDate: v.toDate ? v.toDate : null,
          })
        }
      >
        <Form.Item name="kind" label="选派方式" rules={[{ required: true }]}>
          <Select
            options={(['work_team', 'first_secretary', 'township_contact'] as const).map((k) => ({
              value: k,
              label: DISPATCH_MODE_LABELS[k],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="cadreName"
          label="干部姓名"
          rules={[{ required: true, whitespace: true, message: '请填写干部姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="unit"
          label="派出单位"
          rules={[{ required: true, whitespace: true, message: '请填写派出单位' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="post" label="职务">
          <Input maxLength={50} />
        </Form.Item>
        {kind === 'work_team' ? (
          <Form.Item name="leader" valuePropName="checked">
            <Checkbox>工作组组长（担任第一书记）</Checkbox>
          </Form.Item>
        ) : null}
        {kind === 'township_contact' || (kind === 'work_team' && !leader) ? (
          <Form.Item name="firstSecretary" valuePropName="checked">
            <Checkbox>担任第一书记</Checkbox>
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item name="fromDate" label="到任日期" rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="toDate" label="离任日期（在任不填）">
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
