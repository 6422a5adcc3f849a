export { AppShell, type AppShellProps, type NavItem } from './AppShell';
export { AuthGate, useCurrentUser, type CurrentUser } from './auth';
export { Providers } from './Providers';
export { RegionTree, type RegionTreeProps } from './RegionTree';
export { createApiClient, createQueryClient, errorMessage, TRPCProvider, useTRPC, useTRPCClient } from './trpc';
