import dayjs, { type Dayjs } from 'dayjs';

/** A stored date (YYYY-MM-DD) as the date picker's value, and back. */
export const toDate = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
export const fromDate = (d: Dayjs | null | undefined): string | null =>
  d ? d.format('YYYY-MM-DD') : null;
