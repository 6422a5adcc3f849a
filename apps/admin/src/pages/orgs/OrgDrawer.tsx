import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Drawer, Form, Tabs } from 'antd';
import { useState } from 'react';
import { applyServerFieldErrors } from './fieldErrors';
import { fromDate } from './dates';
import { OrgForm, type OrgFormValues } from './OrgForm';
import { OrgHistoryTable } from './OrgHistoryTable';

/** Create or edit an organisation, with its change history on a second tab. */
export function OrgDrawer({
  orgId,
  initialTab,
  regionCode,
  regionName,
  onClose,
}: {
  orgId: number | null;
  initialTab: 'form' | 'history';
  regionCode: string;
  regionName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [tab, setTab] = useState<string>(initialTab);
  const org = useQuery(trpc.org.byId.queryOptions(orgId ? { id: orgId } : skipToken));
  const history = useQuery(trpc.org.history.queryOptions(orgId ? { orgId } : skipToken));
  const done = async (text: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() });
    message.success(text);
  };
  const onError = (e: unknown) => {
    if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const create = useMutation(trpc.org.create.mutationOptions({ onError }));
  const update = useMutation(trpc.org.update.mutationOptions({ onError }));

  const submit = async (v: OrgFormValues) => {
    const fields = {
      name: v.name,
      kind: v.kind,
      category: v.category,
      parentId: v.parentId ?? null,
      memberCount: v.memberCount,
      termStart: fromDate(v.term?.[0]),
      termEnd: fromDate(v.term?.[1]),
      secretaryId: v.secretaryId ?? null,
    };
    if (orgId === null) {
      await create.mutateAsync({ ...fields, regionCode });
      await done('党组织已创建');
      onClose();
    } else {
      const result = await update.mutateAsync({ id: orgId, ...fields });
      await done(
        result.changed.length ? `已保存，${result.changed.length} 项变更记入历史` : '没有变更',
      );
      setTab('history');
    }
  };

  const loaded = orgId === null || org.data;
  const formTab = loaded ? (
    <OrgForm
      form={form}
      org={org.data}
      regionName={regionName}
      saving={create.isPending || update.isPending}
      onSubmit={(v) => void submit(v).catch(() => undefined)}
    />
  ) : null;

  return (
    <Drawer
      open
      size={640}
      title={orgId === null ? `新建党组织（${regionName}）` : `编辑：${org.data?.name ?? ''}`}
      onClose={onClose}
      destroyOnHidden
    >
      {org.error ? <Alert type="error" title={errorMessage(org.error)} /> : null}
      {orgId === null ? (
        formTab
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'form', label: '基本信息', children: formTab },
            {
              key: 'history',
              label: '历史',
              children: <OrgHistoryTable rows={history.data ?? []} loading={history.isFetching} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
