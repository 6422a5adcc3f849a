export const STATUS_COLORS: Record<string, string> = {
  in_progress: 'processing',
  ready_for_acceptance: 'orange',
  accepted: 'green',
  failed_acceptance: 'red',
};
