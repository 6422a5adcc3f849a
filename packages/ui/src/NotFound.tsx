import { lazy, Suspense } from 'react';

/**
 * antd's Result carries its status illustrations (about 10 KB gzip); only a mistyped address
 * needs them, so it loads on demand instead of with every app's first screen.
 */
const Result = lazy(() => import('antd/es/result'));

/** The "页面不存在" page for routes no app knows. */
export function NotFound() {
  return (
    <Suspense fallback={null}>
      <Result status="404" title="页面不存在" />
    </Suspense>
  );
}
