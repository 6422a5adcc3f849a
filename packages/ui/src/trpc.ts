import type { AppRouter } from '@dangjian/api';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, isTRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';

/** Typed tRPC hooks for every app: `const trpc = useTRPC(); useQuery(trpc.org.list.queryOptions(…))`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function httpStatusOf(error: unknown): number | undefined {
  return isTRPCClientError(error)
    ? (error.data as { httpStatus?: number } | undefined)?.httpStatus
    : undefined;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A session that ended (idle 30 min, expiry, logout elsewhere): back to the login form.
    queryCache: new QueryCache({
      onError: (error) => {
        if (httpStatusOf(error) === 401) void client.resetQueries();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not fix itself by retrying.
        retry: (count, error) => (httpStatusOf(error) ?? 500) >= 500 && count < 2,
      },
    },
  });
  return client;
}

export function createApiClient(url = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        transformer: superjson,
        fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

/** The Chinese message of an API error (already formatted by the server), for toasts and alerts. */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return '未知错误';
}
