import { AppShell, useCurrentUser, type NavItem } from '@dangjian/ui';
import { Result } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { AuditPage } from './pages/AuditPage';
import { OrgsPage } from './pages/OrgsPage';

const ADMIN_ROLES = new Set(['city_admin', 'county_admin']);

export function App() {
  const user = useCurrentUser();
  const nav: NavItem[] = [
    { path: '/orgs', label: '党组织' },
    ...(ADMIN_ROLES.has(user.role) ? [{ path: '/audit', label: '审计日志' }] : []),
  ];
  return (
    <AppShell title="组织部管理台" nav={nav}>
      <Routes>
        <Route path="/" element={<Navigate to="/orgs" replace />} />
        <Route path="/orgs" element={<OrgsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Routes>
    </AppShell>
  );
}
