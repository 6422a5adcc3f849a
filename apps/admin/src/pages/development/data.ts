import type { RouterOutputs } from '@dangjian/api';
import type { MemberDevStage } from '@dangjian/domain';
import { errorMessage, useTRPC } from '@dangjian/ui';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useState } from 'react';

export type Overview = RouterOutputs['development']['overview'];
export type Unit = Overview['quota']['units'][number];
export type Structure = Overview['structure'][number];
export type Stagnant = Overview['stagnant'][number];
export type PreFilingRow = Overview['preFiling'][number];
export type Candidate = RouterOutputs['development']['candidates']['items'][number];

/** Reloads everything the development page shows (after any change). */
export function useRefreshDevelopment(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.development.pathKey() });
}

/** The two one-click registrations of the page: an excess reported, a candidate pre-filed. */
export function useDevelopmentActions() {
  const trpc = useTRPC();
  const { message } = AntApp.useApp();
  const refresh = useRefreshDevelopment();
  const onError = (e: unknown) => message.error(errorMessage(e));
  const report = useMutation(
    trpc.development.reportExcess.mutationOptions({
      onSuccess: () => {
        message.success('已登记超计划报告');
        void refresh();
      },
      onError,
    }),
  );
  const preFile = useMutation(
    trpc.development.preFile.mutationOptions({
      onSuccess: () => {
        message.success('已登记备案');
        void refresh();
      },
      onError,
    }),
  );
  return { refresh, report, preFile };
}

/**
 * The candidate ledger: its filters (stage, name, page) and its page of candidates, fetched only
 * while the ledger tab is open.
 */
export function useCandidateLedger(regionCode: string | undefined, open: boolean) {
  const trpc = useTRPC();
  const [stage, setStage] = useState<MemberDevStage | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const candidates = useQuery({
    ...trpc.development.candidates.queryOptions(
      regionCode && open
        ? { regionCode, stage, search: search || undefined, page, pageSize: 20 }
        : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  return {
    candidates,
    stage,
    page,
    setPage,
    filterStage: (s: MemberDevStage | undefined) => {
      setStage(s);
      setPage(1);
    },
    filterName: (s: string) => {
      setSearch(s);
      setPage(1);
    },
  };
}
export type CandidateLedgerState = ReturnType<typeof useCandidateLedger>;
