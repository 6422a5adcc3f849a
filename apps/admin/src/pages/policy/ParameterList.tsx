import { DomainError, POLICY_KEYS, POLICY_PARAMETERS, type PolicyKey } from '@dangjian/domain';
import { Button, Form, Select, Space, type FormInstance } from 'antd';
import type { OverrideFormValues } from './OverrideDrawer';
import { ValueInput } from './ValueInput';

/** The override form's parameter rows: which parameter, its value (input by unit), remove; add more. */
export function ParameterList({ form }: { form: FormInstance<OverrideFormValues> }) {
  return (
    <Form.List
      name="parameters"
      rules={[
        {
          validator: (_r, list: OverrideFormValues['parameters']) =>
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd leaves an empty field undefined whatever its declared type
            list?.some((p) => p.key)
              ? Promise.resolve()
              : Promise.reject(new DomainError('EMPTY_INPUT', 'parameters', '至少设置一个参数')),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap>
              <Form.Item
                name={[field.name, 'key']}
                rules={[{ required: true, message: '请选择参数' }]}
              >
                <Select<PolicyKey>
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择参数"
                  style={{ width: 290 }}
                  options={POLICY_KEYS.map((k) => ({
                    value: k,
                    label: POLICY_PARAMETERS[k].label,
                  }))}
                  onChange={() =>
                    form.setFieldValue(['parameters', field.name, 'value'], undefined)
                  }
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const key = form.getFieldValue(['parameters', field.name, 'key']) as
                    PolicyKey | undefined;
                  const unit = key ? POLICY_PARAMETERS[key].unit : undefined;
                  return (
                    <Form.Item
                      name={[field.name, 'value']}
                      rules={
                        key === 'rectConversionMinPct'
                          ? []
                          : [{ required: true, message: '请输入参数值' }]
                      }
                    >
                      <ValueInput unit={unit} policyKey={key} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button onClick={() => remove(field.name)}>删除</Button>
            </Space>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" onClick={() => add({})} style={{ marginBottom: 16 }}>
            添加参数
          </Button>
        </>
      )}
    </Form.List>
  );
}
