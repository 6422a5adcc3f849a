export { AppShell, type AppShellProps } from './AppShell';
export { Providers } from './Providers';
export { RegionTree, type RegionTreeProps } from './RegionTree';
export { createApiClient, createQueryClient, errorMessage, TRPCProvider, useTRPC, useTRPCClient } from './trpc';
