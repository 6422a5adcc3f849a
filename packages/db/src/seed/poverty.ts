import { TEAM_TASK_AREAS, type TeamTaskArea } from '@dangjian/domain';
import { and, asc, between, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../client';
import {
  orgs,
  poorVillages,
  povertyAssessments,
  povertyTeamMembers,
  povertyTeams,
  povertyWorkLogs,
  regions,
  villageCollectiveIncome,
} from '../schema/index';
import { THIS_YEAR } from './cycle';
import { createRandom, hashString } from './random';
import { defined } from '../defined';

/**
 * Resident-help demo data (驻村帮扶, 000 §4), fictional and deterministic, set-based inserts:
 * - about one rural village in twelve is a registered poor village (identified 2014–2016), the
 *   first village of every county's first township always among them; one in eight is helped by
 *   the city itself; about one in six was lifted out of the register in 2018–2020;
 * - every registered village has a team from a sending unit, except every 13th (a coverage gap);
 *   the team has a leader serving as the village's first secretary, two members; every 11th team
 *   has no leader, every 17th a leader not appointed first secretary (more gaps);
 * - THIS_YEAR work log entries in the four areas (a few villages inactive since the summer),
 *   collective income from the identification year to last year, and last year's assessment
 *   (a few outstanding cadres, a few passive units with a correction deadline).
 */
const CHUNK = 1000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

const UNITS = [
  '市财政局',
  '市农业农村局',
  '市交通运输局',
  '市卫生健康委',
  '市教育局',
  '县发展和改革局',
  '县水利局',
  '县自然资源局',
  '县人力资源和社会保障局',
  '县供销合作社',
  '国网供电公司',
  '农商银行',
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'建国卫东志强海军红梅立新光明振华春生秀英国庆晓峰'];
const POSTS = ['副处长', '科长', '副科长', '四级主任科员', '一级科员', '副主任'];
const SUMMARIES: Record<TeamTaskArea, readonly string[]> = {
  build_team: [
    '列席村支两委会，指导“三会一课”',
    '帮助村党支部制定年度工作计划',
    '与村干部谈心谈话',
  ],
  infrastructure_industry: [
    '协调修建通组公路',
    '引进油茶种植项目',
    '对接农产品销售渠道',
    '争取安全饮水工程资金',
  ],
  solve_problems: ['走访慰问困难户', '帮助办理医疗救助', '协调解决子女就学问题'],
  civic_harmony: ['组织评选好婆婆好媳妇', '调解邻里纠纷', '开展移风易俗宣传'],
};

interface SeedPovertyOptions {
  from: string;
  to: string;
  prefix: string;
}

export interface PovertySeedResult {
  villages: number;
  teams: number;
  members: number;
  logs: number;
}

export async function seedPoverty(
  tx: Database,
  options: SeedPovertyOptions,
): Promise<PovertySeedResult> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:poverty`));
  const year = THIS_YEAR;
  const candidates = await tx
    .select({
      code: regions.code,
      townshipCode: regions.parentCode,
      orgId: orgs.id,
    })
    .from(regions)
    .leftJoin(orgs, and(eq(orgs.regionCode, regions.code), isNotNull(orgs.parentId)))
    .where(
      and(
        eq(regions.level, 'village'),
        eq(regions.kind, 'village'),
        between(regions.code, options.from, options.to),
      ),
    )
    .orderBy(asc(regions.code));
  if (candidates.length === 0) return { villages: 0, teams: 0, members: 0, logs: 0 };

  // The first rural village of each county's first township with villages is always registered,
  // so every county has some and the demo team member (seedAccounts) has a village to work in.
  const firstOfCounty = new Set<string>();
  const seenCounty = new Set<string>();
  for (const c of candidates) {
    const county = c.code.slice(0, 6);
    if (!seenCounty.has(county)) {
      seenCounty.add(county);
      firstOfCounty.add(c.code);
    }
  }
  const seen = new Set<string>();
  const picked = candidates.filter((c) => {
    if (seen.has(c.code)) return false;
    seen.add(c.code);
    return firstOfCounty.has(c.code) || hashString(`${c.code}:poor`) % 12 === 0;
  });

  const villageRows = picked.map((c, i) => {
    const households = rnd.int(280, 1200);
    const poorHouseholds = Math.round(households * (0.08 + rnd.next() * 0.14));
    const identifiedYear = rnd.int(2014, 2016);
    return {
      regionCode: c.code,
      orgId: c.orgId,
      identifiedYear,
      helpedBy: i % 8 === 3 ? ('city' as const) : ('county' as const),
      households,
      poorHouseholds,
      poorPeople: Math.round(poorHouseholds * (2.4 + rnd.next())),
      baselineIncomeFen: rnd.int(0, 30_000) * 100,
      exitedYear:
        !firstOfCounty.has(c.code) && i % 6 === 5
          ? rnd.int(Math.max(2018, identifiedYear), 2020)
          : null,
    };
  });
  const villages: {
    id: number;
    regionCode: string;
    orgId: number | null;
    identifiedYear: number;
    exitedYear: number | null;
    baselineIncomeFen: number;
  }[] = [];
  for (const part of chunks(villageRows)) {
    const ids = await tx.insert(poorVillages).values(part).returning({ id: poorVillages.id });
    ids.forEach((r, i) => villages.push({ ...defined(part[i]), id: r.id }));
  }

  // --- collective income, identification year to last year ---------------------------------------
  const incomeRows = villages.flatMap((v) => {
    let income = v.baselineIncomeFen;
    const rows: (typeof villageCollectiveIncome.$inferInsert)[] = [];
    for (let y = v.identifiedYear; y < year; y++) {
      rows.push({ villageId: v.id, year: y, regionCode: v.regionCode, incomeFen: income });
      income += rnd.int(0, 40_000) * 100;
    }
    return rows;
  });
  for (const part of chunks(incomeRows)) await tx.insert(villageCollectiveIncome).values(part);

  // --- teams ----------------------------------------------------------------------------------
  const registered = villages.filter((v) => v.exitedYear === null);
  const teamed = registered.filter((_, i) => i % 13 !== 12);
  const teams: {
    id: number;
    villageId: number;
    regionCode: string;
    orgId: number | null;
    startDate: string;
    n: number;
  }[] = [];
  for (const part of chunks(teamed)) {
    const ids = await tx
      .insert(povertyTeams)
      .values(
        part.map((v) => ({
          villageId: v.id,
          regionCode: v.regionCode,
          unit: rnd.pick(UNITS),
          startDate: `${rnd.int(2021, 2024)}-${pad(rnd.int(3, 9))}-${pad(rnd.int(1, 28))}`,
        })),
      )
      .returning({ id: povertyTeams.id, startDate: povertyTeams.startDate });
    ids.forEach((r, i) =>
      teams.push({
        id: r.id,
        villageId: defined(part[i]).id,
        regionCode: defined(part[i]).regionCode,
        orgId: defined(part[i]).orgId,
        startDate: r.startDate,
        n: teams.length,
      }),
    );
  }

  const name = () => rnd.pick(SURNAMES) + rnd.pick(GIVEN) + rnd.pick(GIVEN);
  // Fictional numbers: the 100 prefix is issued to no carrier, so they reach no real person.
  const phone = () => `100${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  const memberRows = teams.flatMap((t) => {
    const fromDate = t.startDate;
    const rows: (typeof povertyTeamMembers.$inferInsert)[] = [];
    if (t.n % 11 !== 10) {
      rows.push({
        teamId: t.id,
        regionCode: t.regionCode,
        name: name(),
        post: rnd.pick(POSTS),
        phone: phone(),
        role: 'leader',
        firstSecretaryOrgId: t.n % 17 === 16 ? null : t.orgId,
        fromDate,
      });
    }
    for (let k = 0; k < 2; k++) {
      rows.push({
        teamId: t.id,
        regionCode: t.regionCode,
        name: name(),
        post: rnd.pick(POSTS),
        phone: phone(),
        role: 'member',
        fromDate,
      });
    }
    return rows;
  });
  const members: { id: number; teamId: number; role: 'leader' | 'member' }[] = [];
  for (const part of chunks(memberRows)) {
    const ids = await tx
      .insert(povertyTeamMembers)
      .values(part)
      .returning({ id: povertyTeamMembers.id });
    ids.forEach((r, i) =>
      members.push({ id: r.id, teamId: defined(part[i]).teamId, role: defined(part[i]).role }),
    );
  }
  const membersOf = new Map<number, typeof members>();
  for (const m of members) membersOf.set(m.teamId, [...(membersOf.get(m.teamId) ?? []), m]);

  // --- work log: this year up to mid-November; every 7th team quiet since the summer ----------
  const logRows = teams.flatMap((t) => {
    const team = membersOf.get(t.id) ?? [];
    const lastMonth = t.n % 7 === 6 ? 7 : 11;
    const n = rnd.int(6, 16);
    return Array.from({ length: n }, () => {
      const area = t.n % 5 === 4 && rnd.chance(0.7) ? 'build_team' : rnd.pick(TEAM_TASK_AREAS);
      const month = rnd.int(1, lastMonth);
      const funds = area === 'infrastructure_industry' && rnd.chance(0.5);
      return {
        teamId: t.id,
        villageId: t.villageId,
        regionCode: t.regionCode,
        memberId: team.length > 0 ? rnd.pick(team).id : null,
        date: `${year}-${pad(month)}-${pad(rnd.int(1, month === 11 ? 20 : 28))}`,
        area,
        summary: rnd.pick(SUMMARIES[area]),
        householdsReached: area === 'build_team' ? 0 : rnd.int(1, 40),
        fundsFen: funds ? rnd.int(1, 200) * 1_000_00 : 0,
      };
    });
  });
  for (const part of chunks(logRows)) await tx.insert(povertyWorkLogs).values(part);

  // --- last year's assessment -----------------------------------------------------------------
  const assessmentRows = teams.flatMap((t) => {
    const rows: (typeof povertyAssessments.$inferInsert)[] = [];
    const passive = t.n % 19 === 7;
    rows.push({
      year: year - 1,
      teamId: t.id,
      regionCode: t.regionCode,
      rating: passive ? 'passive' : 'competent',
      comments: passive ? '工作队在岗时间不足，帮扶措施落实不力' : '按计划完成年度帮扶任务',
      publicCriticism: passive,
      correctionDeadline: passive ? `${year}-03-31` : null,
    });
    const leader = (membersOf.get(t.id) ?? []).find((m) => m.role === 'leader');
    if (leader) {
      const outstanding = t.n % 9 === 2;
      rows.push({
        year: year - 1,
        teamId: t.id,
        memberId: leader.id,
        regionCode: t.regionCode,
        rating: outstanding ? 'outstanding' : 'competent',
        comments: outstanding ? '扎根村里、实绩突出，群众评价高' : '认真履行第一书记职责',
        promotionPriority: outstanding,
      });
    }
    return rows;
  });
  for (const part of chunks(assessmentRows)) await tx.insert(povertyAssessments).values(part);

  return {
    villages: villages.length,
    teams: teams.length,
    members: members.length,
    logs: logRows.length,
  };
}
