import type { RouterOutputs } from '@dangjian/api';
import { ROLE_LABELS, ROLES, type Role } from '@dangjian/domain';
import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { applyServerFieldErrors } from './OrgsPage';

type UserItem = RouterOutputs['user']['list']['items'][number];

interface RegionOption {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** A region picker over the caller's region tree (市 → 县 → 乡镇 → 村), loaded one level at a time. */
export function RegionSelect({
  value,
  onChange,
  style,
}: {
  value?: string;
  onChange?: (code: string) => void;
  style?: React.CSSProperties;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  const [nodes, setNodes] = useState<RegionOption[]>([]);
  const rootNode: RegionOption[] = root.data
    ? [
        {
          id: root.data.code,
          value: root.data.code,
          title: root.data.name,
          isLeaf: root.data.level === 'village',
        },
      ]
    : [];
  const load = async (code: string) => {
    const children = await queryClient.fetchQuery(
      trpc.region.children.queryOptions({ regionCode: code }),
    );
    // The same level can be loaded twice (the dropdown reopened while a load was running): add
    // only the nodes not there yet, checked against the latest list, never a stale copy of it.
    // A duplicated node breaks the tree (two nodes with one key: a click selects neither).
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [
        ...prev,
        ...children
          .filter((c) => !known.has(c.code))
          .map((c) => ({
            id: c.code,
            pId: code,
            value: c.code,
            title: c.name,
            isLeaf: !c.hasChildren,
          })),
      ];
    });
  };
  return (
    <TreeSelect<string>
      // treeDefaultExpandedKeys is read once, when the select mounts: mount it again once the
      // root is known, so the root always opens with its next level (not only when region.root
      // happened to answer before the form opened).
      key={root.data?.code ?? 'loading'}
      data-testid="region-select"
      style={style ?? { width: '100%' }}
      treeDataSimpleMode
      treeData={[...rootNode, ...nodes]}
      value={value}
      onChange={(v) => onChange?.(v)}
      loadData={(node) => load(String(node.value))}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="选择区划"
      treeDefaultExpandedKeys={root.data ? [root.data.code] : []}
    />
  );
}

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
}

/** 账号管理: the department's own accounts; create, edit, disable and reset passwords within the caller's limits. */
export function UsersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<UserItem | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const list = useQuery({
    ...trpc.user.list.queryOptions({ search: search || undefined, role, ...paging }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
  const setDisabled = useMutation(
    trpc.user.setDisabled.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        message.success(r.disabled ? '账号已停用，其登录已全部结束' : '账号已启用');
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  return (
    <Card
      title="账号管理"
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新建账号
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        角色级别：市委组织部管理员 &gt; 县（市、区）委组织部 &gt; 乡镇（街道）党（工）委 &gt;
        其他角色。只能在本辖区内创建和管理账号，且不能授予高于自己的角色；不能停用自己的账号。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="按用户名或姓名搜索"
          style={{ width: 240 }}
          onSearch={(v) => {
            setSearch(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select<Role>
          allowClear
          placeholder="角色"
          style={{ width: 220 }}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      </Space>
      {list.error ? (
        <Alert type="error" title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<UserItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 个账号`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 160 },
          { title: '姓名（单位）', dataIndex: 'displayName', width: 220 },
          { title: '角色', dataIndex: 'roleLabel', width: 200 },
          { title: '所在区划', dataIndex: 'regionName', width: 160 },
          {
            title: '状态',
            dataIndex: 'disabled',
            width: 80,
            render: (d: boolean) =>
              d ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>,
          },
          {
            title: '密码修改时间',
            dataIndex: 'passwordChangedAt',
            width: 150,
            render: (d: Date) => dayjs(d).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, u: UserItem) =>
              u.manageable ? (
                <Space size="small">
                  <Button type="link" size="small" onClick={() => setEditing(u)}>
                    编辑
                  </Button>
                  {u.id === me.id ? null : (
                    <>
                      <Popconfirm
                        title={
                          u.disabled
                            ? `启用账号 ${u.username}？`
                            : `停用账号 ${u.username}？其登录将立即结束`
                        }
                        okText="确定"
                        cancelText="取消"
                        onConfirm={() =>
                          setDisabled.mutate({ userId: u.id, disabled: !u.disabled })
                        }
                      >
                        <Button type="link" size="small" danger={!u.disabled}>
                          {u.disabled ? '启用' : '停用'}
                        </Button>
                      </Popconfirm>
                      <Button type="link" size="small" onClick={() => setResetting(u)}>
                        重置密码
                      </Button>
                    </>
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">上级账号</Typography.Text>
              ),
          },
        ]}
      />
      {editing ? (
        <UserDrawer
          user={editing === 'new' ? null : editing}
          roles={list.data?.assignableRoles ?? []}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
      {resetting ? (
        <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      ) : null}
    </Card>
  );
}

function UserDrawer({
  user,
  roles,
  onClose,
  onSaved,
}: {
  user: UserItem | null;
  roles: readonly Role[];
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<UserFormValues>();
  const onError = (e: unknown) => {
    if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const create = useMutation(trpc.user.create.mutationOptions({ onError }));
  const update = useMutation(trpc.user.update.mutationOptions({ onError }));
  const submit = async (v: UserFormValues) => {
    if (user === null) {
      await create.mutateAsync(v);
      message.success(`账号 ${v.username} 已创建`);
    } else {
      await update.mutateAsync({
        userId: user.id,
        displayName: v.displayName,
        role: v.role,
        regionCode: v.regionCode,
      });
      message.success('账号已保存');
    }
    await onSaved();
    onClose();
  };
  const self = user?.id === me.id;
  return (
    <Drawer
      open
      size={520}
      title={user ? `编辑账号：${user.username}` : '新建账号'}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                regionCode: user.regionCode,
              }
            : {
                role: roles.includes('township') ? 'township' : roles[0],
                regionCode: me.regionCode,
              }
        }
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, message: '请输入用户名' },
            { min: 3, max: 64, message: '用户名应为 3 到 64 个字符' },
            {
              pattern: /^[A-Za-z0-9_.-]+$/,
              message: '用户名只能包含字母、数字、下划线、点和连字符',
            },
          ]}
        >
          <Input disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名（单位）"
          rules={[{ required: true, whitespace: true, message: '请输入姓名或单位名称' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            disabled={self}
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="所在区划（数据范围）"
          rules={[{ required: true, message: '请选择区划' }]}
          extra="组织部、乡镇账号须设在对应级别的区划"
        >
          {self ? <Input disabled /> : <RegionSelect />}
        </Form.Item>
        {user === null ? (
          <Form.Item
            name="password"
            label="初始密码"
            extra="至少 8 位，含大写字母、小写字母、数字、符号中的至少 3 类"
            rules={[
              { required: true, message: '请输入初始密码' },
              { min: 8, message: '密码至少 8 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: () => {
        message.success(`已重置 ${user.username} 的密码，其登录已全部结束`);
        onClose();
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e)) message.error(errorMessage(e));
      },
    }),
  );
  return (
    <Modal
      open
      title={`重置密码：${user.username}`}
      okText="重置"
      cancelText="取消"
      confirmLoading={reset.isPending}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => reset.mutate({ userId: user.id, newPassword: v.newPassword }))
      }
    >
      <Form form={form} layout="vertical" initialValues={{ newPassword: '' }}>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 8 位，含大写字母、小写字母、数字、符号中的至少 3 类"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 8, message: '密码至少 8 位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
