import { yuanToFen } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Form, Input, InputNumber, Modal, Select } from 'antd';
import { yuanInputProps } from './yuanInput';

const STAT_OPTIONS = [
  { value: 'farmer_net_income_per_capita', label: '当地农民人均纯收入' },
  { value: 'rural_labour_avg_income', label: '当地农村劳动力年平均收入' },
  { value: 'average_social_wage', label: '当地社会平均工资' },
  { value: 'hardship_fund_finance', label: '市财政安排的关怀帮扶资金（市级）' },
  { value: 'hardship_fund_dues', label: '市管党费安排的关怀帮扶资金（市级）' },
] as const;
type StatKey = (typeof STAT_OPTIONS)[number]['value'];

interface StatValues {
  regionCode: string;
  key: StatKey;
  valueYuan: number;
  source: string;
}

/** Records a reference figure (e.g. farmers' per-capita net income) for a county-level unit. */
export function StatModal(props: {
  open: boolean;
  year: number;
  units: { value: string; label: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<StatValues>();
  const save = useMutation(
    trpc.floors.saveStat.mutationOptions({
      onSuccess: (r) => {
        message.success(`已录入${r.label}`);
        props.onDone();
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  return (
    <Modal
      title={`录入 ${props.year} 年参考数据`}
      open={props.open}
      onCancel={props.onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<StatValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          regionCode: props.units[0]?.value,
          key: 'farmer_net_income_per_capita',
        }}
        onFinish={(v) => {
          let valueFen: number;
          try {
            valueFen = yuanToFen(v.valueYuan, '数值');
          } catch (e) {
            message.error(errorMessage(e));
            return;
          }
          save.mutate({
            regionCode: v.regionCode,
            year: props.year,
            key: v.key,
            valueFen,
            source: v.source,
          });
        }}
      >
        <Form.Item
          name="regionCode"
          label="核算单位"
          rules={[{ required: true, message: '请选择核算单位' }]}
        >
          <Select options={props.units} />
        </Form.Item>
        <Form.Item name="key" label="数据项" rules={[{ required: true }]}>
          <Select options={[...STAT_OPTIONS]} />
        </Form.Item>
        <Form.Item
          name="valueYuan"
          label="数值（元/年）"
          rules={[{ required: true, message: '请填写数值' }]}
        >
          <InputNumber<number> {...yuanInputProps} />
        </Form.Item>
        <Form.Item
          name="source"
          label="数据来源"
          rules={[{ required: true, whitespace: true, message: '请填写数据来源，如统计公报' }]}
        >
          <Input maxLength={200} placeholder="如：2026 年国民经济和社会发展统计公报" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
