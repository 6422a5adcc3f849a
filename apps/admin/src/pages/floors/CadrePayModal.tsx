import { CADRE_POST_LABELS, CADRE_POSTS, yuanToFen, type CadrePost } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import {
  App as AntApp,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { CadrePayItem } from './types';
import { yuanInputProps } from './yuanInput';
import { VillagePicker } from './VillagePicker';

interface CadrePayValues {
  village?: string;
  who: 'existing' | 'new';
  personId?: number;
  name?: string;
  gender?: 'male' | 'female';
  post: CadrePost;
  basicPayYuan: number;
  note?: string;
}

export function CadrePayModal(props: {
  open: boolean;
  record: CadrePayItem | null;
  regionCode: string;
  isVillage: boolean;
  year: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CadrePayValues>();
  const who = Form.useWatch('who', form);
  const picked = Form.useWatch('village', form);
  const village = props.record?.regionCode ?? (props.isVillage ? props.regionCode : picked);
  const [search, setSearch] = useState('');
  const people = useQuery(
    trpc.person.list.queryOptions(
      props.open && !props.record && village && who === 'existing'
        ? { regionCode: village, search: search || undefined, page: 1, pageSize: 30 }
        : skipToken,
    ),
  );
  const save = useMutation(
    trpc.floors.saveCadrePay.mutationOptions({
      onSuccess: () => {
        message.success('已保存');
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const record = props.record;
  return (
    <Modal
      title={record ? `修改基本报酬：${record.name}（${record.unitName}）` : '新增基本报酬记录'}
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CadrePayValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          record
            ? {
                who: 'existing',
                post: record.post,
                basicPayYuan: record.basicPayFen / 100,
                note: record.note ?? undefined,
              }
            : { who: 'new', gender: 'male', post: 'secretary' }
        }
        onFinish={(v) => {
          let basicPayFen: number;
          try {
            basicPayFen = yuanToFen(v.basicPayYuan, '基本报酬');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          if (!village) {
            message.error('请选择村（社区）');
            return;
          }
          save.mutate({
            ...(record ? { id: record.id } : {}),
            regionCode: village,
            year: props.year,
            ...(record
              ? {}
              : v.who === 'existing'
                ? { personId: v.personId }
                : { name: v.name, gender: v.gender }),
            post: v.post,
            basicPayFen,
            note: v.note?.trim() || null,
          });
        }}
      >
        <Typography.Paragraph type="secondary">{props.year} 年度</Typography.Paragraph>
        {record || props.isVillage ? null : (
          <Form.Item
            name="village"
            label="村（社区）"
            rules={[{ required: true, message: '请选择村（社区）' }]}
          >
            <VillagePicker
              root={props.regionCode}
              onChange={(c) => form.setFieldValue('village', c)}
            />
          </Form.Item>
        )}
        {record ? null : (
          <>
            <Form.Item name="who" label="人员">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'new', label: '新增人员' },
                  { value: 'existing', label: '选择已登记人员' },
                ]}
              />
            </Form.Item>
            {who === 'existing' ? (
              <Form.Item
                name="personId"
                label="已登记人员"
                rules={[{ required: true, message: '请选择人员' }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  disabled={!village}
                  placeholder={village ? '输入姓名搜索' : '请先选择村（社区）'}
                  loading={people.isFetching}
                  options={(people.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${p.regionName}）`,
                  }))}
                />
              </Form.Item>
            ) : (
              <Flex gap={8} wrap>
                <Form.Item
                  name="name"
                  label="姓名"
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                  style={{ flex: '1 1 160px' }}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name="gender" label="性别" style={{ flex: '0 0 140px' }}>
                  <Radio.Group
                    options={[
                      { value: 'male', label: '男' },
                      { value: 'female', label: '女' },
                    ]}
                  />
                </Form.Item>
              </Flex>
            )}
          </>
        )}
        <Form.Item name="post" label="职务" rules={[{ required: true }]}>
          <Select options={CADRE_POSTS.map((p) => ({ value: p, label: CADRE_POST_LABELS[p] }))} />
        </Form.Item>
        <Form.Item
          name="basicPayYuan"
          label="全年基本报酬"
          rules={[{ required: true, message: '请填写基本报酬' }]}
        >
          <InputNumber<number> {...yuanInputProps} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
