import { chinaToday as chinaTodayAt, EDUCATION_LABELS } from '@dangjian/domain';
import { ListCard, RegionSplit, type ListCardProps } from '@dangjian/ui';
import type { QueryKey } from '@tanstack/react-query';
import { Form, Input, Radio, Select } from 'antd';

/**
 * The frame of every organisation-life page (组织覆盖, 后备干部, 发展党员, 联席会议, 换届, 示范点): the
 * region tree on the left, the module's ListCard (packages/ui) on the right with its toolbar and export.
 */

/** An organisation-life page: the region tree beside (or above, on a phone) the module's list card. */
export function RegionLayout<TKey extends QueryKey, TError>({
  code,
  onSelect,
  ...card
}: ListCardProps<TKey, TError> & { code: string | undefined; onSelect: (code: string) => void }) {
  return (
    <RegionSplit selected={code} onSelect={onSelect}>
      <ListCard {...card} />
    </RegionSplit>
  );
}

/** Kept for the pages that import the export button from here (EligibilityPage). */
export { ExportButton } from '@dangjian/ui';

/** Today in China (the API judges dates in UTC+8 too). */
export function chinaToday(): string {
  return chinaTodayAt(new Date());
}

/** Name, gender, birth date and education: the person fields of the reserve and candidate forms. */
export function PersonFields() {
  return (
    <>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input />
      </Form.Item>
      <GenderField />
      <Form.Item
        name="birthDate"
        label="出生日期"
        rules={[{ required: true, message: '请填写出生日期' }]}
      >
        <Input type="date" />
      </Form.Item>
      <Form.Item name="education" label="文化程度">
        <Select
          options={Object.entries(EDUCATION_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
    </>
  );
}

/** 性别 (男 / 女) in a person form. */
export function GenderField() {
  return (
    <Form.Item name="gender" label="性别">
      <Radio.Group
        options={[
          { value: 'male', label: '男' },
          { value: 'female', label: '女' },
        ]}
      />
    </Form.Item>
  );
}
