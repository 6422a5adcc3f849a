import type { RouterOutputs } from '@dangjian/api';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Spin } from 'antd';
import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';
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
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ username: false, password: false });
  // A plain form rather than antd Form: two required fields do not need its validator, which
  // would add about 17 KB gzip to every app's first screen (BENCHMARKS.md, front ends).
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { username: username === '', password: password === '' };
    setMissing(next);
    if (!next.username && !next.password) login.mutate({ username, password });
  };
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
      {/* Plain elements instead of antd Card/Typography: Card pulls in Tabs and Skeleton, which
          the first screen would otherwise download (see BENCHMARKS.md, front ends). */}
      <main
        style={{
          width: '100%',
          maxWidth: 380,
          padding: 24,
          background: '#fff',
          borderRadius: 8,
          border: '1px solid #f0f0f0',
        }}
      >
        <h1
          style={{
            textAlign: 'center',
            marginTop: 0,
            marginBottom: 8,
            fontSize: 24,
            fontWeight: 600,
            color: 'rgba(0, 0, 0, 0.88)',
          }}
        >
          基层党建管理平台
        </h1>
        <p style={{ textAlign: 'center', marginTop: 0, color: 'rgba(0, 0, 0, 0.45)' }}>
          {title} · 请登录
        </p>
        {login.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <form onSubmit={submit} noValidate>
          <Field
            id="login-username"
            label="用户名"
            error={missing.username ? '请输入用户名' : null}
          >
            <Input
              id="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              value={username}
              status={missing.username ? 'error' : undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
          </Field>
          <Field id="login-password" label="密码" error={missing.password ? '请输入密码' : null}>
            <Input.Password
              id="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={password}
              status={missing.password ? 'error' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </form>
      </main>
    </div>
  );
}

/** A labelled form row in antd's vertical form layout, with its message under the input. */
function Field(props: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 24 }}>
      <label
        htmlFor={props.id}
        style={{ display: 'block', paddingBottom: 8, color: 'rgba(0, 0, 0, 0.88)' }}
      >
        {props.label}
      </label>
      {props.children}
      {props.error ? (
        <div role="alert" style={{ color: '#ff4d4f', marginTop: 4 }}>
          {props.error}
        </div>
      ) : null}
    </div>
  );
}
