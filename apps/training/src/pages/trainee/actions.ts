import type { RouterOutputs } from '@dangjian/api';
import { errorMessage, useTRPC } from '@dangjian/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { saveIcs } from '../labels';

export type ClassRow = RouterOutputs['training']['classes'][number];
export type MySignup = RouterOutputs['training']['mySignups'][number];
export type MyAttendance = RouterOutputs['training']['myAttendance'][number];

/** What a trainee can do from a card: sign up, cancel, save the class to a calendar. */
export function useTraineeActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.training.classes.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.training.mySignups.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.training.myAttendance.queryKey() }),
    ]);
  const signup = useMutation(
    trpc.training.signup.mutationOptions({
      onSuccess: (r) => {
        void message.success(
          r.status === 'confirmed'
            ? '报名成功，名额已确认'
            : `班级已满，已进入候补第 ${r.position ?? '?'} 位`,
        );
        void refresh();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const cancel = useMutation(
    trpc.training.cancel.mutationOptions({
      onSuccess: () => {
        void message.success('已取消报名');
        void refresh();
      },
      onError: (e) => void message.error(errorMessage(e)),
    }),
  );
  const ics = useMutation({
    mutationFn: (classId: number) =>
      queryClient.fetchQuery(trpc.training.ics.queryOptions({ classId })),
    onSuccess: saveIcs,
    onError: (e) => void message.error(errorMessage(e)),
  });
  return { signup, cancel, ics };
}

export type TraineeActions = ReturnType<typeof useTraineeActions>;
