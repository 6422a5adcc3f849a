import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface AppShellProps {
  /** The app's Chinese title, e.g. "组织部管理台". */
  title: string;
  /** Left column (navigation or a region tree). */
  sider?: ReactNode;
  children: ReactNode;
}

/** The common frame of every front end: red header with the platform name, optional sider. */
export function AppShell({ title, sider, children }: AppShellProps) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#c8102e' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          基层党建管理平台
        </Typography.Title>
        <Typography.Text style={{ color: '#ffe8e8' }}>{title}</Typography.Text>
      </Layout.Header>
      <Layout>
        {sider ? (
          <Layout.Sider width={300} theme="light" breakpoint="lg" collapsedWidth={0} style={{ overflow: 'auto' }}>
            {sider}
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
