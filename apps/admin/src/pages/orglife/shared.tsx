import { chinaToday as chinaTodayAt, EDUCATION_LABELS } from '@dangjian/domain';
import { downloadBase64, errorMessage, RegionSplit, useTRPC, XLSX_MIME } from '@dangjian/ui';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * The frame of every organisation-life page (组织覆盖, 后备干部, 发展党员, 联席会议, 换届, 示范点): the
 * region tree on the left, the module's card on the right with its title, filters and export.
 */

/** The region being looked at: the caller's own region until another is picked in the tree. */
export function useRegion() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  return { code: picked ?? root.data?.code, setCode: setPicked };
}

export function RegionLayout(props: {
  code: string | undefined;
  onSelect: (code: string) => void;
  title: ReactNode;
  testId: string;
  extra?: ReactNode;
  error?: unknown;
  children: ReactNode;
}) {
  return (
    <RegionSplit selected={props.code} onSelect={props.onSelect}>
      <Card title={<span data-testid={props.testId}>{props.title}</span>} extra={props.extra}>
        {props.error ? (
          <Alert type="error" title={errorMessage(props.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {props.children}
      </Card>
    </RegionSplit>
  );
}

/** "导出 Excel": fetches the workbook through tRPC (same scope and audit) and saves it. */
export function ExportButton(props: {
  fetch: () => Promise<{ filename: string; base64: string }>;
  disabled?: boolean;
}) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={props.disabled}
      onClick={() => {
        setBusy(true);
        props
          .fetch()
          .then((file) => downloadBase64(file.filename, file.base64, XLSX_MIME))
          .catch((e: unknown) => message.error(errorMessage(e)))
          .finally(() => setBusy(false));
      }}
    >
      导出 Excel
    </Button>
  );
}

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
      <Form.Item name="gender" label="性别">
        <Radio.Group
          options={[
            { value: 'male', label: '男' },
            { value: 'female', label: '女' },
          ]}
        />
      </Form.Item>
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
