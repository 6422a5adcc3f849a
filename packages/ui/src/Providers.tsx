import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { createApiClient, createQueryClient, TRPCProvider } from './trpc';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the user asked the system for less motion (then antd's animations are off). */
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}

/**
 * Layout rules every page shares, so no page is wider than a phone's screen (390 px): a table
 * scrolls inside its own box instead of widening the page, its headers stay on one line, and
 * rows of buttons, card headers and pagers wrap. (Each selector starts with `body` to outrank
 * antd's own component styles.)
 */
const GLOBAL_CSS = `
body .ant-table-wrapper .ant-table-content { overflow-x: auto; }
body .ant-table-wrapper { max-width: 100%; }
body .ant-descriptions-item-content { overflow-wrap: anywhere; }
body .echarts-for-react { max-width: 100%; }
body .ant-drawer-content-wrapper { max-width: 100vw; }
@media (max-width: 991.98px) {
  body .ant-table-wrapper .ant-table-thead > tr > th { white-space: nowrap; }
  body .ant-space-horizontal { flex-wrap: wrap; max-width: 100%; }
  body .ant-card-head-wrapper { flex-wrap: wrap !important; row-gap: 4px; }
  body .ant-card-head-title { white-space: normal !important; flex: 1 1 100% !important; min-width: 0; }
  body .ant-card-extra { margin-inline-start: 0 !important; max-width: 100%; padding-bottom: 8px; }
  body .ant-pagination { flex-wrap: wrap; row-gap: 8px; }
  body .ant-tabs { max-width: 100%; }
  body .ant-form-inline { row-gap: 8px; }
  body .ant-statistic-content { overflow-wrap: anywhere; }
  body .ant-tag { white-space: normal; max-width: 100%; height: auto; }
  body .ant-table-cell .ant-tag { white-space: nowrap; }
  body .ant-table-wrapper .ant-table-tbody .ant-table-cell,
  body .ant-table-wrapper .ant-table-tbody .ant-table-cell .ant-typography { overflow-wrap: normal; word-break: normal; }
}
`;

/** antd in zh_CN, TanStack Query and the typed tRPC client: wrap every app in this. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  const motion = !useReducedMotion();
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#c8102e', borderRadius: 4, motion } }}
    >
      <style>{GLOBAL_CSS}</style>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            {children}
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
