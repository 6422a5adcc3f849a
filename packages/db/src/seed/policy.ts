import { adoptNotice, type NoticeId, type PolicyKey } from '@dangjian/domain';
import type { Database, Transaction } from '../client';
import { policySets } from '../schema/index';

/**
 * What the demo cities' organisation departments adopt (参照执行) beyond their own notices. A
 * notice binds only the region that issued it: 常德's own 常委〔2012〕5号 sets grading, pay,
 * floors and development; for rectification quotas and rotation training its department follows
 * 岳阳's 2015 plan, for new secretaries' training 娄组通〔2014〕10号, for the village joint
 * meetings 东组通〔2015〕34号's cadence, and for the yearly report-and-review 三堂街镇's notice.
 * 东莞 adopts nothing: its own 东组通〔2015〕34号 is in force with the system's reference values
 * for what it does not set (shown as such).
 */
export const DEMO_ADOPTIONS: Readonly<
  Record<string, readonly { noticeId: NoticeId; keys?: readonly PolicyKey[] }[]>
> = {
  '430700000000': [
    { noticeId: '000' },
    { noticeId: '002' },
    { noticeId: '003', keys: ['teamMeetingsPerWeekMin', 'partyPublicMeetingsPerQuarterMin'] },
    { noticeId: '004' },
  ],
};

/** The year the demo adoptions apply from, and the date the department decided them. */
const ADOPTED_FROM = 2016;
const ADOPTED_ON = '2016-01-01';

/** Stores the demo adoptions of the cities in the seeded range; idempotent. */
export async function seedPolicyAdoptions(
  tx: Database | Transaction,
  options: { from: string; to: string },
): Promise<number> {
  const rows = Object.entries(DEMO_ADOPTIONS)
    .filter(([code]) => code >= options.from && code <= options.to)
    .flatMap(([code, adoptions]) =>
      adoptions.map(({ noticeId, keys }) => {
        const set = adoptNotice(noticeId, code, ADOPTED_FROM, keys);
        return {
          id: set.id,
          version: set.version,
          name: set.name,
          regionCode: code,
          fromYear: ADOPTED_FROM,
          toYear: null,
          kind: 'adopted',
          noticeId,
          effectiveDate: ADOPTED_ON,
          parameters: set.parameters,
          note: '演示数据：市委组织部参照执行',
        };
      }),
    );
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(policySets)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: policySets.id });
  return inserted.length;
}
