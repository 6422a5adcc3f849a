import { and, asc, between, count, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import {
  graduateOfficials,
  orgDispatches,
  orgGrades,
  orgs,
  people,
  regions,
} from '../schema/index';
import { isCountyUnit } from '../scope';
import { LAST_YEAR, THIS_YEAR } from './cycle';
import { defined } from '../defined';

/**
 * A few demo dispatch records (选派, 001 §9) and college-graduate village officials (大学生村官,
 * 001 §6), fictional and deterministic, in the first two county units of the range:
 * - first county, for THIS_YEAR by LAST_YEAR's grade: the first two 较差 orgs get a work team (a
 *   leader serving as 第一书记 and a member), the third a team without its leader yet; the first
 *   two 一般 orgs a 第一书记, the third a township contact (the wrong kind); the first two 较好
 *   orgs a township leader as contact. Every other org stays 尚未登记选派.
 * - graduate officials: in the first county three deputies selected after more than a year in
 *   the village, one selected too early, two not yet in post (short of 5); in the second county
 *   five selected in time (met).
 * Skipped when the range already has dispatch records (idempotent).
 */
export async function seedDispatch(
  tx: Database,
  range: { from: string; to: string },
): Promise<{ dispatches: number; officials: number }> {
  const [done] = await tx
    .select({ n: count() })
    .from(orgDispatches)
    .where(between(orgDispatches.regionCode, range.from, range.to));
  if ((done?.n ?? 0) > 0) return { dispatches: 0, officials: 0 };
  const counties = await tx
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(isCountyUnit(regions), between(regions.code, range.from, range.to)))
    .orderBy(asc(regions.code))
    .limit(2);
  if (counties.length === 0) return { dispatches: 0, officials: 0 };

  const prefix = (code: string) => code.slice(0, code.endsWith('00000000') ? 4 : 6);
  const first = defined(counties[0]);
  const county = { from: first.code, to: `${prefix(first.code)}`.padEnd(12, '9') };
  const graded = await tx
    .select({ id: orgs.id, regionCode: orgs.regionCode, grade: orgGrades.grade })
    .from(orgGrades)
    .innerJoin(orgs, eq(orgs.id, orgGrades.orgId))
    .where(
      and(
        eq(orgGrades.year, LAST_YEAR),
        isNull(orgGrades.supersededAt),
        between(orgGrades.regionCode, county.from, county.to),
      ),
    )
    .orderBy(asc(orgs.id));
  const of = (grade: string) => graded.filter((g) => g.grade === grade).slice(0, 3);
  const from = `${THIS_YEAR}-03-01`;
  const unit = `${first.name}委组织部`;
  const rows: (typeof orgDispatches.$inferInsert)[] = [];
  const add = (
    o: { id: number; regionCode: string },
    kind: 'work_team' | 'first_secretary' | 'township_contact',
    cadreName: string,
    extra: Partial<typeof orgDispatches.$inferInsert> = {},
  ) =>
    rows.push({
      orgId: o.id,
      regionCode: o.regionCode,
      year: THIS_YEAR,
      kind,
      cadreName,
      unit,
      fromDate: from,
      ...extra,
    });
  const [p1, p2, p3] = of('poor');
  if (p1) {
    add(p1, 'work_team', '周建国', { post: '副部长', leader: true, firstSecretary: true });
    add(p1, 'work_team', '吴晓梅', { post: '科员' });
  }
  if (p2) {
    add(p2, 'work_team', '郑卫东', {
      post: '科长',
      leader: true,
      firstSecretary: true,
      unit: `${first.name}农业农村局`,
    });
  }
  if (p3) add(p3, 'work_team', '王立新', { post: '干部', unit: `${first.name}财政局` });
  const [a1, a2, a3] = of('average');
  if (a1) add(a1, 'first_secretary', '陈志远', { post: '副主任科员', firstSecretary: true });
  if (a2)
    add(a2, 'first_secretary', '林海燕', {
      post: '副局长',
      firstSecretary: true,
      unit: `${first.name}人社局`,
    });
  if (a3) add(a3, 'township_contact', '刘成', { post: '乡镇党委副书记', unit: '乡镇党委' });
  for (const [i, f] of of('fair').slice(0, 2).entries())
    add(f, 'township_contact', i === 0 ? '黄明' : '何静', {
      post: '乡镇党委委员',
      unit: '乡镇党委',
    });
  if (rows.length > 0) await tx.insert(orgDispatches).values(rows);

  // College-graduate village officials: fictional people in the first villages of each county.
  const officials: {
    name: string;
    since: string;
    post: 'secretary' | 'deputy_secretary' | null;
    postSince: string | null;
  }[][] = [
    [
      {
        name: '杨思雨',
        since: `${THIS_YEAR - 3}-09-01`,
        post: 'deputy_secretary',
        postSince: `${THIS_YEAR - 1}-04-01`,
      },
      {
        name: '马嘉怡',
        since: `${THIS_YEAR - 3}-09-01`,
        post: 'deputy_secretary',
        postSince: `${THIS_YEAR}-03-15`,
      },
      {
        name: '朱晨阳',
        since: `${THIS_YEAR - 2}-09-01`,
        post: 'secretary',
        postSince: `${THIS_YEAR}-04-20`,
      },
      {
        name: '胡雅婷',
        since: `${THIS_YEAR - 1}-09-01`,
        post: 'deputy_secretary',
        postSince: `${THIS_YEAR}-03-01`,
      },
      { name: '郭子豪', since: `${THIS_YEAR - 2}-09-01`, post: null, postSince: null },
      { name: '罗一诺', since: `${THIS_YEAR}-09-01`, post: null, postSince: null },
    ],
    Array.from({ length: 5 }, (_, i) => ({
      name: defined(['谢天佑', '宋梦琪', '唐浩宇', '许诗涵', '韩明轩'][i]),
      since: `${THIS_YEAR - 3}-09-01`,
      post: i === 0 ? ('secretary' as const) : ('deputy_secretary' as const),
      postSince: `${THIS_YEAR - 1}-0${i + 3}-01`,
    })),
  ];
  let made = 0;
  for (const [ci, c] of counties.entries()) {
    const list = officials[ci] ?? [];
    const villages = await tx
      .select({ code: regions.code })
      .from(regions)
      .where(
        and(
          eq(regions.level, 'village'),
          eq(regions.kind, 'village'),
          between(regions.code, c.code, prefix(c.code).padEnd(12, '9')),
        ),
      )
      .orderBy(asc(regions.code))
      .limit(list.length);
    if (villages.length < list.length) continue;
    const persons = await tx
      .insert(people)
      .values(
        list.map((o, i) => ({
          name: o.name,
          gender: i % 2 === 0 ? ('female' as const) : ('male' as const),
          birthDate: `${1996 + (i % 3)}-0${(i % 9) + 1}-1${i % 10}`,
          education: 'bachelor' as const,
          phone: `100${String(7_300_000 + ci * 100 + i).padStart(8, '0')}`,
          regionCode: defined(villages[i]).code,
        })),
      )
      .returning({ id: people.id, regionCode: people.regionCode });
    await tx.insert(graduateOfficials).values(
      list.map((o, i) => ({
        personId: defined(persons[i]).id,
        regionCode: defined(persons[i]).regionCode,
        inVillageSince: o.since,
        post: o.post,
        postSince: o.postSince,
      })),
    );
    made += list.length;
  }
  return { dispatches: rows.length, officials: made };
}
