import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { createApiClient, createQueryClient, TRPCProvider } from './trpc';

/** antd in zh_CN, TanStack Query and the typed tRPC client: wrap every app in this. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 4 } }}>
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
