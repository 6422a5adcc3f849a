import { LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useContext, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { UserContext } from './auth';
import { useTRPC } from './trpc';

export interface NavItem {
  path: string;
  label: string;
}

export interface AppShellProps {
  /** The app's Chinese title, e.g. "组织部管理台". */
  title: string;
  nav?: readonly NavItem[];
  /** Left column (e.g. a region tree). */
  sider?: ReactNode;
  children: ReactNode;
}

/** The common frame of every front end: header with platform name, navigation, user and logout. */
export function AppShell({ title, nav = [], sider, children }: AppShellProps) {
  const user = useContext(UserContext);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSettled: () => queryClient.resetQueries() }),
  );
  // Phones (390 px): keep the header to one line — short brand, user menu as an icon button.
  const wide = Grid.useBreakpoint().md ?? true;
  const current = nav.find(
    (n) => location.pathname === n.path || location.pathname.startsWith(`${n.path}/`),
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          overflow: 'hidden',
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#c8102e',
          paddingInline: 16,
        }}
      >
        <Typography.Title
          level={wide ? 4 : 5}
          style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}
        >
          {wide ? '基层党建管理平台' : '基层党建'}
        </Typography.Title>
        <Typography.Text
          ellipsis
          style={{ color: '#ffe8e8', whiteSpace: 'nowrap', flex: 1, minWidth: 0 }}
        >
          {title}
        </Typography.Text>
        {user ? (
          <Space style={{ color: '#fff', minWidth: 0 }}>
            <Typography.Text
              ellipsis
              data-testid="current-user"
              style={{ color: '#fff', maxWidth: wide ? 420 : 96, verticalAlign: 'middle' }}
            >
              {wide ? `${user.displayName}（${user.roleLabel}）` : user.displayName}
            </Typography.Text>
            <Button
              size="small"
              icon={<LogoutOutlined />}
              onClick={() => logout.mutate()}
              loading={logout.isPending}
              aria-label="退出"
            >
              {wide ? '退出' : null}
            </Button>
          </Space>
        ) : null}
      </Layout.Header>
      <Layout>
        {nav.length > 0 || sider ? (
          <Layout.Sider
            width={176}
            theme="light"
            breakpoint="lg"
            collapsedWidth={0}
            style={{ overflow: 'auto' }}
          >
            {nav.length > 0 ? (
              <Menu
                mode="inline"
                style={{ borderInlineEnd: 'none', paddingTop: 8 }}
                selectedKeys={current ? [current.path] : []}
                items={nav.map((n) => ({ key: n.path, label: n.label }))}
                onClick={({ key }) => void navigate(key)}
              />
            ) : null}
            {sider}
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
