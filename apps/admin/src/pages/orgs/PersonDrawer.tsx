import type { RouterInputs } from '@dangjian/api';
import { EDUCATION_LABELS, EDUCATION_LEVELS, type EducationLevel } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Drawer, Form, Input, Select } from 'antd';
import { type Dayjs } from 'dayjs';
import type { PersonItem } from './types';
import { applyServerFieldErrors } from './fieldErrors';
import { toDate, fromDate } from './dates';

interface PersonFormValues {
  name: string;
  gender: 'male' | 'female';
  birthDate: Dayjs | null;
  education: EducationLevel | null;
  phone: string | null;
  idNumber: string | null;
}

export function PersonDrawer({
  person,
  regionCode,
  onClose,
}: {
  person: PersonItem | null;
  regionCode: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const onError = (e: unknown) => {
    if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const create = useMutation(trpc.person.create.mutationOptions({ onError }));
  const update = useMutation(trpc.person.update.mutationOptions({ onError }));
  const submit = async (v: PersonFormValues) => {
    const fields = {
      name: v.name,
      gender: v.gender,
      birthDate: fromDate(v.birthDate),
      education: v.education ?? null,
      phone: v.phone?.trim() ? v.phone.trim() : null,
    };
    const idNumber = v.idNumber?.trim() ? v.idNumber.trim() : undefined;
    if (person === null) {
      const input: RouterInputs['person']['create'] = {
        ...fields,
        regionCode,
        idNumber: idNumber ?? null,
      };
      await create.mutateAsync(input);
    } else {
      // The phone may be shown masked: send it only when it was edited; an empty ID field keeps the stored one.
      const { phone, ...rest } = fields;
      await update.mutateAsync({
        id: person.id,
        ...rest,
        ...(form.isFieldTouched('phone') ? { phone } : {}),
        ...(idNumber ? { idNumber } : {}),
      });
    }
    await queryClient.invalidateQueries({ queryKey: trpc.person.pathKey() });
    message.success('人员信息已保存');
    onClose();
  };
  return (
    <Drawer
      open
      size={520}
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        initialValues={
          person
            ? {
                name: person.name,
                gender: person.gender,
                birthDate: toDate(person.birthDate),
                education: person.education,
                phone: person.phone,
                idNumber: null,
              }
            : { gender: 'male', birthDate: null, education: null, phone: null, idNumber: null }
        }
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不能超过 50 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
          <Select
            options={[
              { value: 'male', label: '男' },
              { value: 'female', label: '女' },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthDate" label="出生日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="education" label="文化程度">
          <Select
            allowClear
            options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[
            {
              pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$|\*/,
              message: '联系电话格式不正确（11 位手机号或带区号的固定电话）',
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          extra={
            person?.idNumberMasked
              ? `已登记：${person.idNumberMasked}（留空则不修改）`
              : '加密保存，列表中只显示部分'
          }
          rules={[{ pattern: /^\d{17}[\dXx]$/, message: '身份证号应为 18 位（最后一位可为 X）' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}
