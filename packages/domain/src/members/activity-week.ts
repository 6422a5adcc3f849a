import { z } from 'zod';
import { addDays, weekStart } from '../dates';
import { DomainError } from '../errors';
import { rate } from '../rates';
import type { Rate } from '../rates';
import { idSchema, isoDateSchema, parseInput, yearSchema } from '../validation';
import type { IsoDate } from '../validation';
import type { MemberPolicyValues } from './member-policy';

/**
 * The members' activity week (党员活动周), 常委〔2012〕5号 第二十四条: the week of 七一 (1 July) each
 * year is the city's 创先争优党员活动周, in which one volunteer service and one donation drive
 * are organised — read here as each member taking part in at least activityWeekVolunteerMin
 * volunteer services and activityWeekDonationMin donations that week.
 */

export const ACTIVITY_WEEK_KINDS = ['volunteer_service', 'donation'] as const;
export type ActivityWeekKind = (typeof ACTIVITY_WEEK_KINDS)[number];
export const ACTIVITY_WEEK_KIND_LABELS: Record<ActivityWeekKind, string> = {
  volunteer_service: '党员志愿服务',
  donation: '捐助活动',
};

/**
 * The 七一 week of a year, Monday to Sunday (常委〔2012〕5号 第二十四条): 1 July 2015 was a
 * Wednesday → 2015-06-29 … 2015-07-05; in 2018 it was a Sunday → 2018-06-25 … 2018-07-01.
 */
export function activityWeekOf(year: number): { start: IsoDate; end: IsoDate } {
  parseInput(yearSchema, year);
  const start = weekStart(`${String(year).padStart(4, '0')}-07-01`);
  return { start, end: addDays(start, 6) };
}

export const activityWeekInputSchema = z.object({
  year: yearSchema,
  /** The branch's members during the week. */
  memberIds: z.array(idSchema),
  records: z.array(
    z.object({ memberId: idSchema, kind: z.enum(ACTIVITY_WEEK_KINDS), on: isoDateSchema }),
  ),
});
export type ActivityWeekInput = z.input<typeof activityWeekInputSchema>;

export interface MemberActivityWeek {
  memberId: string;
  volunteerServices: number;
  donations: number;
  complete: boolean;
}

export interface ActivityWeekCompletion {
  week: { start: IsoDate; end: IsoDate };
  members: MemberActivityWeek[];
  /** Members who did both. */
  completed: Rate;
  /** Every member did both (a branch without members is not complete). */
  complete: boolean;
}

/**
 * A branch's 七一 activity week (常委〔2012〕5号 第二十四条): per member, the volunteer services and
 * donations recorded inside the week (activityWeekOf; records outside it do not count), complete
 * when each reaches its minimum; the branch is complete when every member is. A record for someone
 * not in the branch is refused (records[i].memberId).
 */
export function activityWeekCompletion(
  input: ActivityWeekInput,
  values: Pick<MemberPolicyValues, 'activityWeekVolunteerMin' | 'activityWeekDonationMin'>,
): ActivityWeekCompletion {
  const p = parseInput(activityWeekInputSchema, input);
  const week = activityWeekOf(p.year);
  const counts = new Map(p.memberIds.map((id) => [id, { volunteer: 0, donation: 0 }]));
  p.records.forEach((r, i) => {
    const c = counts.get(r.memberId);
    if (c === undefined) {
      throw new DomainError('RULE_VIOLATION', `records[${i}].memberId`, '不是本支部党员');
    }
    if (r.on < week.start || r.on > week.end) return;
    if (r.kind === 'volunteer_service') c.volunteer += 1;
    else c.donation += 1;
  });
  const members = [...counts.entries()].map(([memberId, c]) => ({
    memberId,
    volunteerServices: c.volunteer,
    donations: c.donation,
    complete:
      c.volunteer >= values.activityWeekVolunteerMin &&
      c.donation >= values.activityWeekDonationMin,
  }));
  const done = members.filter((m) => m.complete).length;
  return {
    week,
    members,
    completed: rate(done, members.length),
    complete: members.length > 0 && done === members.length,
  };
}
