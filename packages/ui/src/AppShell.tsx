import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { useContext, useState, type CSSProperties, type ReactNode } from 'react';
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

/**
 * The common frame of every front end: header with platform name, navigation, user and logout.
 * On a desktop (≥ lg, 992 px) the menu is a left column; below it a menu button in the header
 * opens the same menu in a drawer, so every page stays reachable on a phone.
 */
export function AppShell({ title, nav = [], sider, children }: AppShellProps) {
  const user = useContext(UserContext);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSettled: () => queryClient.resetQueries() }),
  );
  const screens = Grid.useBreakpoint();
  // Phones (390 px): keep the header to one line — short brand, user name cut, logout as an icon.
  const wide = screens.md ?? true;
  // The left column needs ≥ 992 px next to a page; below, navigation moves into a drawer.
  const desktop = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const current = nav.find(
    (n) => location.pathname === n.path || location.pathname.startsWith(`${n.path}/`),
  );
  const hasSide = nav.length > 0 || Boolean(sider);
  const menu =
    nav.length > 0 ? (
      <Menu
        mode="inline"
        aria-label="导航菜单"
        style={{ borderInlineEnd: 'none', paddingTop: 8 }}
        selectedKeys={current ? [current.path] : []}
        items={nav.map((n) => ({ key: n.path, label: n.label }))}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(key);
        }}
      />
    ) : null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          overflow: 'hidden',
          display: 'flex',
          alignItems: 'center',
          gap: wide ? 16 : 8,
          background: '#c8102e',
          paddingInline: wide ? 16 : 8,
        }}
      >
        {hasSide && !desktop ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            aria-label="菜单"
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
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
        <span style={{ ...ellipsis, color: '#ffe8e8', flex: 1, minWidth: 0 }}>
          {desktop ? title : (current?.label ?? title)}
        </span>
        {user ? (
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              color: '#fff',
              minWidth: 0,
              flexShrink: 1,
            }}
          >
            <span
              data-testid="current-user"
              title={`${user.displayName} · ${user.roleLabel}`}
              style={{
                ...ellipsis,
                display: 'inline-block',
                color: '#fff',
                maxWidth: wide ? 420 : 88,
                verticalAlign: 'middle',
              }}
            >
              {wide ? `${user.displayName} · ${user.roleLabel}` : user.displayName}
            </span>
            <Button
              size="small"
              icon={<LogoutOutlined />}
              onClick={() => logout.mutate()}
              loading={logout.isPending}
              aria-label="退出"
              style={{ flexShrink: 0 }}
            >
              {wide ? '退出' : null}
            </Button>
          </div>
        ) : null}
      </Layout.Header>
      <Layout>
        {hasSide && desktop ? (
          <Layout.Sider width={176} theme="light" style={{ overflow: 'auto' }}>
            {menu}
            {sider}
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: desktop ? 16 : wide ? 12 : 8, minWidth: 0 }}>
          {children}
        </Layout.Content>
      </Layout>
      {hasSide && !desktop ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={title}
          size={240}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
          {sider}
        </Drawer>
      ) : null}
    </Layout>
  );
}
