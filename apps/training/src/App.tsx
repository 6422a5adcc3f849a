import { AppShell, NotFound, useCurrentUser, type NavItem } from '@dangjian/ui';
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ORGANISER_ROLES } from './roles';

/** Each page is its own chunk: the login screen and the first page load only what they need. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const TraineePage = page(() => import('./pages/TraineePage'), 'TraineePage');
const ClassesPage = page(() => import('./pages/ClassesPage'), 'ClassesPage');
const ClassDetailPage = page(() => import('./pages/ClassDetailPage'), 'ClassDetailPage');
const CoveragePage = page(() => import('./pages/CoveragePage'), 'CoveragePage');

export function App() {
  const user = useCurrentUser();
  const organiser = ORGANISER_ROLES.has(user.role);
  const nav: NavItem[] = organiser
    ? [
        { path: '/classes', label: '培训班' },
        { path: '/coverage', label: '培训覆盖' },
      ]
    : [];
  return (
    <AppShell title="培训班报名" nav={nav}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route path="/" element={<Navigate to={organiser ? '/classes' : '/my'} replace />} />
          <Route path="/my" element={<TraineePage />} />
          <Route path="/classes" element={<ClassesPage />} />
          <Route path="/classes/:id" element={<ClassDetailPage />} />
          <Route path="/coverage" element={<CoveragePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
