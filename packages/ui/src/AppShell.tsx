import { LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space } from 'antd';
import { useContext, type CSSProperties, type ReactNode } from 'react';
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

/** One line cut with an ellipsis (plain CSS: antd Typography is not needed on the first screen). */
const ellipsis: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};

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
        <h1
          style={{
            color: '#fff',
            margin: 0,
            whiteSpace: 'nowrap',
            fontSize: wide ? 20 : 16,
            fontWeight: 600,
            lineHeight: 1.4,
          }}
        >
          {wide ? '基层党建管理平台' : '基层党建'}
        </h1>
        <span style={{ ...ellipsis, color: '#ffe8e8', flex: 1, minWidth: 0 }}>{title}</span>
        {user ? (
          <Space style={{ color: '#fff', minWidth: 0 }}>
            <span
              data-testid="current-user"
              title={`${user.displayName}（${user.roleLabel}）`}
              style={{
                ...ellipsis,
                display: 'inline-block',
                color: '#fff',
                maxWidth: wide ? 420 : 96,
                verticalAlign: 'middle',
              }}
            >
              {wide ? `${user.displayName}（${user.roleLabel}）` : user.displayName}
            </span>
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
