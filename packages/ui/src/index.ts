export { AppShell, type AppShellProps, type NavItem } from './AppShell';
export { AuthGate, useCurrentUser, type CurrentUser } from './auth';
export { NotFound } from './NotFound';
export { Providers } from './Providers';
export { RegionTree, type RegionTreeProps } from './RegionTree';
export {
  createApiClient,
  createQueryClient,
  errorMessage,
  TRPCProvider,
  useTRPC,
  useTRPCClient,
} from './trpc';
export { defined } from './defined';
export { downloadBase64, fileToBase64, XLSX_MIME } from './download';
export { RegionSplit, regionTitle, type RegionSplitProps } from './RegionSplit';
export { Attachments, type AttachmentOwnerKind, type AttachmentsProps } from './Attachments';
export { ResponsiveTable, type ResponsiveTableProps } from './ResponsiveTable';
export { PageToolbar, YEAR_OPTIONS, type PageToolbarProps } from './PageToolbar';
export { FilterBar, type FilterBarProps } from './FilterBar';
export {
  ExportButton,
  ListCard,
  listPagination,
  type ExportButtonProps,
  type ExportFile,
  type ListCardProps,
} from './ListCard';
export { useRegion } from './useRegion';
