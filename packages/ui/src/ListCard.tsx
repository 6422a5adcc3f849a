import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, type TablePaginationConfig } from 'antd';
import { useState, type ReactNode } from 'react';
import { downloadBase64, XLSX_MIME } from './download';
import { PageToolbar, type PageToolbarProps } from './PageToolbar';
import { errorMessage } from './trpc';

/** What an export procedure returns: a workbook as base64 and the name to save it under. */
export interface ExportFile {
  filename: string;
  base64: string;
}

export interface ExportButtonProps<TKey extends QueryKey, TError> {
  /** The export query (e.g. `trpc.terms.export.queryOptions(input)`); undefined: disabled. */
  query?: FetchQueryOptions<ExportFile, TError, ExportFile, TKey> | undefined;
  /** Or how to fetch the workbook, for an export that is not one query. */
  fetch?: () => Promise<ExportFile>;
  disabled?: boolean;
}

/** 「导出 Excel」: fetches the workbook through tRPC (same scope and audit) and saves it. */
export function ExportButton<TKey extends QueryKey, TError>({
  query,
  fetch,
  disabled,
}: ExportButtonProps<TKey, TError>) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled ?? (!query && !fetch)}
      onClick={() => {
        const file = fetch ? fetch() : query ? queryClient.fetchQuery(query) : undefined;
        if (!file) return;
        setBusy(true);
        file
          .then((file) => downloadBase64(file.filename, file.base64, XLSX_MIME))
          .catch((e: unknown) => message.error(errorMessage(e)))
          .finally(() => setBusy(false));
      }}
    >
      导出 Excel
    </Button>
  );
}

/** Paging of a list card: 20 a page and the total in the list's own unit (「共 1,234 个」). */
export function listPagination(unit: string, pageSize = 20): TablePaginationConfig {
  return { pageSize, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} ${unit}` };
}

export interface ListCardProps<TKey extends QueryKey, TError> extends PageToolbarProps {
  /** The export query; leave out for a list that has no export. */
  exportQuery?: FetchQueryOptions<ExportFile, TError, ExportFile, TKey> | undefined;
  /** Whether the page has an export at all (default: yes, disabled until the query is known). */
  exportable?: boolean;
  /** An error of the page's queries, shown above the list. */
  error?: unknown;
  /** The rule line, summary, filters and the table (ResponsiveTable or Table with listPagination). */
  children: ReactNode;
}

/**
 * The card of a list page: a PageToolbar (title, year, actions, 导出 Excel), any error, then the
 * list itself.
 */
export function ListCard<TKey extends QueryKey, TError>({
  exportQuery,
  exportable = true,
  error,
  children,
  actions,
  ...toolbar
}: ListCardProps<TKey, TError>) {
  return (
    <Card>
      <PageToolbar
        {...toolbar}
        actions={
          actions || exportable ? (
            <>
              {actions}
              {exportable ? <ExportButton query={exportQuery} /> : null}
            </>
          ) : undefined
        }
      />
      {error ? (
        <Alert type="error" title={errorMessage(error)} style={{ marginBottom: 16 }} />
      ) : null}
      {children}
    </Card>
  );
}
