import { inRegion, type Database } from '@dangjian/db';
import { orgMeetings } from '@dangjian/db/schema';
import type { MEETING_KINDS } from '@dangjian/domain';
import { groupBy, meetingCadence, yearOf, type RegionCode } from '@dangjian/domain';
import { and, asc, between } from 'drizzle-orm';
import { policyByCounty, villageOrgRows } from '../orglife';

/** Compliance of every village-level org of a region over [from, min(to, today)]. */
export async function meetingCompliance(
  db: Database,
  regionCode: RegionCode,
  from: string,
  to: string,
  today: string,
) {
  const until = to < today ? to : today;
  const [villages, meetings, policyOf] = await Promise.all([
    villageOrgRows(db, regionCode),
    from > until
      ? Promise.resolve([])
      : db
          .select({
            orgId: orgMeetings.orgId,
            kind: orgMeetings.kind,
            date: orgMeetings.meetingOn,
            published: orgMeetings.decisionsPublishedOn,
          })
          .from(orgMeetings)
          .where(
            and(
              inRegion(orgMeetings.regionCode, regionCode),
              between(orgMeetings.meetingOn, from, until),
            ),
          )
          .orderBy(asc(orgMeetings.orgId), asc(orgMeetings.meetingOn)),
    policyByCounty(db, regionCode, yearOf(from)),
  ]);
  const byOrg = groupBy(meetings, (m) => m.orgId);
  const items = villages.map((v) => {
    const mine = byOrg.get(v.orgId) ?? [];
    const policy = policyOf(v.regionCode);
    const c =
      from > until
        ? null
        : meetingCadence(
            {
              from,
              to: until,
              meetings: mine.map((m) => ({
                kind: m.kind,
                date: m.date,
                decisionsPublished: m.published !== null,
              })),
            },
            policy,
          );
    const last = (kind: (typeof MEETING_KINDS)[number]) =>
      mine.filter((m) => m.kind === kind).at(-1)?.date ?? null;
    return {
      ...v,
      teamMeetings: mine.filter((m) => m.kind === 'team_joint').length,
      jointMeetings: mine.filter((m) => m.kind === 'party_public_joint').length,
      lastTeamMeeting: last('team_joint'),
      lastJointMeeting: last('party_public_joint'),
      weeks: c?.weeks ?? 0,
      missedWeeks: c?.missedWeeks ?? [],
      quarters: c?.quarters ?? [],
      missedQuarters: c?.missedQuarters ?? [],
      unpublishedDecisions: c?.unpublishedDecisions ?? [],
      compliant:
        c === null ||
        (c.missedWeeks.length === 0 &&
          c.missedQuarters.length === 0 &&
          c.unpublishedDecisions.length === 0),
      policyVersion: policy.version,
    };
  });
  return { from, to: until, items };
}
export type ComplianceItem = Awaited<ReturnType<typeof meetingCompliance>>['items'][number];

export function complianceSummary(items: readonly ComplianceItem[]) {
  return {
    villages: items.length,
    withMissedWeeks: items.filter((i) => i.missedWeeks.length > 0).length,
    withMissedQuarters: items.filter((i) => i.missedQuarters.length > 0).length,
    withUnpublished: items.filter((i) => i.unpublishedDecisions.length > 0).length,
    nonCompliant: items.filter((i) => !i.compliant).length,
  };
}
