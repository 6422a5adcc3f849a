import { GRADUATE_POST_LABELS, type GraduatePost } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Official } from './types';

interface OfficialValues {
  personId: number;
  inVillageSince: string;
  post: GraduatePost | 'none';
  postSince?: string;
  endedOn?: string;
}

/** 登记大学生村官: a person of a village, since when in the village, and any post as secretary or deputy. */
export function OfficialModal(props: {
  regionCode: string | undefined;
  editing: Official | 'new' | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OfficialValues>();
  const [search, setSearch] = useState('');
  const post = Form.useWatch('post', form) as string | undefined;
  const editing = props.editing === 'new' ? null : props.editing;
  const people = useQuery({
    ...trpc.person.list.queryOptions(
      props.editing === 'new' && props.regionCode
        ? { regionCode: props.regionCode, search: search || undefined, page: 1, pageSize: 30 }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const save = useMutation(
    trpc.eligibility.saveGraduateOfficial.mutationOptions({
      onSuccess: () => {
        message.success('已保存');
        void queryClient.invalidateQueries({ queryKey: trpc.eligibility.pathKey() });
        props.onClose();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={editing ? `修改大学生村官：${editing.name}` : '登记大学生村官'}
      open={props.editing !== null}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<OfficialValues>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                personId: editing.personId,
                inVillageSince: editing.inVillageSince,
                post: editing.post ?? 'none',
                postSince: editing.postSince ?? undefined,
              }
            : { post: 'none' }
        }
        onFinish={(v) =>
          save.mutate({
            id: editing?.id,
            personId: v.personId,
            inVillageSince: v.inVillageSince,
            post: v.post === 'none' ? null : v.post,
            postSince: v.post === 'none' || !v.postSince ? null : v.postSince,
            endedOn: v.endedOn ? v.endedOn : null,
          })
        }
      >
        <Form.Item
          name="personId"
          label="人员（所在村、社区）"
          rules={[{ required: true, message: '请选择人员' }]}
        >
          <Select
            disabled={editing !== null}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入姓名搜索"
            loading={people.isFetching}
            options={
              editing
                ? [{ value: editing.personId, label: `${editing.name}（${editing.villageName}）` }]
                : (people.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${p.regionName}）`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item
          name="inVillageSince"
          label="在村任职日期"
          rules={[{ required: true, message: '请填写在村任职日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="post" label="担任村党组织职务">
          <Select
            options={[
              { value: 'none', label: '未担任书记、副书记' },
              ...Object.entries(GRADUATE_POST_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </Form.Item>
        {post && post !== 'none' ? (
          <Form.Item
            name="postSince"
            label="任职日期"
            rules={[{ required: true, message: '请填写任职日期' }]}
          >
            <Input type="date" />
          </Form.Item>
        ) : null}
        {editing ? (
          <Form.Item name="endedOn" label="离开村任职日期（仍在村不填）">
            <Input type="date" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
