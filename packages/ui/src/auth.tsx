import type { RouterOutputs } from '@dangjian/api';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { errorMessage, useTRPC } from './trpc';

export type CurrentUser = NonNullable<RouterOutputs['auth']['me']>;

export const UserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only inside <AuthGate>. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(UserContext);
  if (!user) throw new TypeError('useCurrentUser outside <AuthGate>');
  return user;
}

/** Shows the login form until there is a session, then the app. */
export function AuthGate({ title, children }: { title: string; children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.isPending) return <Spin fullscreen tip="加载中" />;
  if (!me.data) return <LoginPage title={title} />;
  return <UserContext.Provider value={me.data}>{children}</UserContext.Provider>;
}

function LoginPage({ title }: { title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
      },
    }),
  );
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f5f5f5',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          基层党建管理平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {title} · 请登录
        </Typography.Paragraph>
        {login.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<{ username: string; password: string }>
          layout="vertical"
          onFinish={(values) => login.mutate(values)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label="密码"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
