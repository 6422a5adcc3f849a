import { AppShell, NotFound, useCurrentUser, type NavItem } from '@dangjian/ui';
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';

/** Each page is its own chunk: the login screen and the first page load only what they need. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const DashboardPage = page(() => import('./pages/DashboardPage'), 'DashboardPage');
const OrgsPage = page(() => import('./pages/OrgsPage'), 'OrgsPage');
const GradingPage = page(() => import('./pages/GradingPage'), 'GradingPage');
const PayPage = page(() => import('./pages/PayPage'), 'PayPage');
const FloorsPage = page(() => import('./pages/FloorsPage'), 'FloorsPage');
const UpgradePage = page(() => import('./pages/UpgradePage'), 'UpgradePage');
const EligibilityPage = page(() => import('./pages/EligibilityPage'), 'EligibilityPage');
const RectificationPage = page(() => import('./pages/RectificationPage'), 'RectificationPage');
const ReviewPage = page(() => import('./pages/ReviewPage'), 'ReviewPage');
const CoveragePage = page(() => import('./pages/CoveragePage'), 'CoveragePage');
const ReservesPage = page(() => import('./pages/ReservesPage'), 'ReservesPage');
const DevelopmentPage = page(() => import('./pages/DevelopmentPage'), 'DevelopmentPage');
const MeetingsPage = page(() => import('./pages/MeetingsPage'), 'MeetingsPage');
const TermsPage = page(() => import('./pages/TermsPage'), 'TermsPage');
const DemoSitesPage = page(() => import('./pages/DemoSitesPage'), 'DemoSitesPage');
const PolicyPage = page(() => import('./pages/PolicyPage'), 'PolicyPage');
const UsersPage = page(() => import('./pages/UsersPage'), 'UsersPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');
const SecurityEventsPage = page(() => import('./pages/SecurityEventsPage'), 'SecurityEventsPage');

const ADMIN_ROLES = new Set(['city_admin', 'county_admin']);
const DEPARTMENT_ROLES = new Set(['city_admin', 'county_admin', 'township']);

export function App() {
  const user = useCurrentUser();
  const department = DEPARTMENT_ROLES.has(user.role);
  const admin = ADMIN_ROLES.has(user.role);
  const nav: NavItem[] = [
    ...(department ? [{ path: '/dashboard', label: '概览' }] : []),
    { path: '/orgs', label: '党组织' },
    ...(department
      ? [
          { path: '/grading', label: '分类定级' },
          { path: '/pay', label: '报酬核算' },
          { path: '/floors', label: '保障底线' },
          { path: '/upgrade', label: '晋位升级' },
          { path: '/eligibility', label: '评先评优与关爱' },
          { path: '/rectification', label: '整顿软弱涣散' },
          { path: '/review', label: '述职评议' },
          { path: '/coverage', label: '组织覆盖' },
          { path: '/reserves', label: '后备干部' },
          { path: '/development', label: '发展党员' },
          { path: '/meetings', label: '联席会议' },
          { path: '/terms', label: '按期换届' },
          { path: '/demo-sites', label: '示范点' },
        ]
      : []),
    ...(admin
      ? [
          { path: '/policy', label: '政策参数' },
          { path: '/users', label: '账号管理' },
          { path: '/audit', label: '审计日志' },
        ]
      : []),
    // Security events belong to the city's organisation department.
    ...(user.role === 'city_admin' ? [{ path: '/security', label: '安全事件' }] : []),
  ];
  return (
    <AppShell title="组织部管理台" nav={nav}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route path="/" element={<Navigate to={department ? '/dashboard' : '/orgs'} replace />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/orgs" element={<OrgsPage />} />
          <Route path="/grading" element={<GradingPage />} />
          <Route path="/pay" element={<PayPage />} />
          <Route path="/floors" element={<FloorsPage />} />
          <Route path="/upgrade" element={<UpgradePage />} />
          <Route path="/eligibility" element={<EligibilityPage />} />
          <Route path="/rectification" element={<RectificationPage />} />
          <Route path="/review" element={<ReviewPage />} />
          <Route path="/coverage" element={<CoveragePage />} />
          <Route path="/reserves" element={<ReservesPage />} />
          <Route path="/development" element={<DevelopmentPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/terms" element={<TermsPage />} />
          <Route path="/demo-sites" element={<DemoSitesPage />} />
          <Route path="/policy" element={<PolicyPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/security" element={<SecurityEventsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
