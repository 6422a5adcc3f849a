import { AppShell, NotFound, useCurrentUser, type NavItem } from '@dangjian/ui';
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { OFFICE_ROLES } from './roles';

/** Each page is its own chunk: the login screen and the first page load only what they need. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const OverviewPage = page(() => import('./pages/OverviewPage'), 'OverviewPage');
const VillagesPage = page(() => import('./pages/VillagesPage'), 'VillagesPage');
const VillageDetailPage = page(() => import('./pages/VillageDetailPage'), 'VillageDetailPage');
const CoveragePage = page(() => import('./pages/CoveragePage'), 'CoveragePage');
const LogsPage = page(() => import('./pages/LogsPage'), 'LogsPage');
const AssessmentsPage = page(() => import('./pages/AssessmentsPage'), 'AssessmentsPage');
const MyTeamPage = page(() => import('./pages/MyTeamPage'), 'MyTeamPage');

export function App() {
  const user = useCurrentUser();
  const office = OFFICE_ROLES.has(user.role);
  const nav: NavItem[] =
    user.role === 'team_member'
      ? [
          { path: '/my', label: '我的工作队' },
          { path: '/logs', label: '工作日志' },
        ]
      : [
          { path: '/overview', label: '总览' },
          { path: '/villages', label: '贫困村' },
          { path: '/coverage', label: '覆盖检查' },
          { path: '/logs', label: '工作日志' },
          { path: '/assessments', label: '年度考核' },
        ];
  return (
    <AppShell title="驻村帮扶" nav={nav}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route
            path="/"
            element={<Navigate to={user.role === 'team_member' ? '/my' : '/overview'} replace />}
          />
          <Route path="/my" element={<MyTeamPage />} />
          <Route path="/overview" element={<OverviewPage />} />
          <Route path="/villages" element={<VillagesPage />} />
          <Route path="/villages/:id" element={<VillageDetailPage />} />
          <Route path="/coverage" element={<CoveragePage />} />
          <Route path="/logs" element={<LogsPage />} />
          <Route path="/assessments" element={office ? <AssessmentsPage /> : <NotFound />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
