import { isCountyUnit } from '../scope';
import {
  computeRectificationQuota,
  quotaGroupOf,
  resolvePolicy,
  type KeyRectificationFlag,
  type QuotaGroup,
  type RectificationCriterion,
} from '@dangjian/domain';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import {
  orgs,
  rectificationCases,
  rectificationEntries,
  rectificationProblems,
  regions,
  type LedgerAttachment,
} from '../schema/index';
import { createRandom, hashString, type Random } from './random';
import { defined } from '../defined';

/**
 * Demo rectification ledgers (整顿软弱涣散, 002; 000 §1, §3), deterministic and set-based:
 * - LAST_YEAR (2025): in every county, the quota's worth of orgs (≥ 10 % of village orgs, ≥ 5 %
 *   of community and other-field orgs, by the shipped default policy), each with a plan of one to
 *   three problems and ledger entries. About two thirds are closed out with public confirmation and
 *   accepted; the rest are unfinished.
 * - THIS_YEAR (2026): last year's unfinished cases carried over (回头看: a new row pointing at the
 *   old case, problems and closures copied, the old case kept as history), topped up with new
 *   cases to the quota — except one county (the fourth) that stays two villages short, so the
 *   listing page shows a county that misses it. Some items are closed, some overdue, a few cases
 *   accepted.
 * Every name is fictional demo data.
 */
const LAST_YEAR = 2025;
const THIS_YEAR = 2026;
const SHORT_COUNTY_INDEX = 3;
const CHUNK = 500;

interface ProblemTemplate {
  description: string;
  measures: string[];
  goal: string;
}

const TEMPLATES: Record<RectificationCriterion, ProblemTemplate> = {
  team_incomplete: {
    description: '村“两委”班子缺额 2 人，书记长期空缺，日常工作停滞',
    measures: ['从乡镇机关选派干部任第一书记', '通过党员大会补选班子成员'],
    goal: '班子配齐配强，正常运转',
  },
  secretary_incompetent: {
    description: '党组织书记年龄偏大、能力不足，工作不在状态',
    measures: ['调整不胜任现职的书记', '从致富能手、退伍军人中选拔优秀党员担任书记'],
    goal: '选优配强党组织书记',
  },
  team_disunited: {
    description: '班子成员之间矛盾突出，内耗严重，议事决策难以推进',
    measures: ['乡镇党委逐一谈心谈话', '召开专题民主生活会开展批评与自我批评'],
    goal: '班子团结，工作正常开展',
  },
  term_overdue: {
    description: '党组织超过任期未按期换届',
    measures: ['先整顿、后换届，制定换届工作方案', '乡镇派员全程指导换届选举'],
    goal: '依法依规完成换届选举',
  },
  rules_on_paper: {
    description: '“三会一课”等组织生活制度形同虚设，全年未开展党组织活动',
    measures: ['建立组织生活台账，按月督查', '落实主题党日制度'],
    goal: '组织生活正常化、制度化',
  },
  weak_service: {
    description: '服务意识不强，群众办事难，党员群众满意率低于 60%',
    measures: ['建立便民服务代办点', '实行干部坐班值班和承诺践诺制度'],
    goal: '党员群众满意率达到 80% 以上',
  },
};

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧'];
const GIVEN = [...'建华志明国强立新卫东海燕晓红永胜文军春生'];
const ATTACHMENT_NAMES = [
  '整改会议记录.pdf',
  '整顿工作照片.jpg',
  '民主测评汇总表.xlsx',
  '党员大会签到表.pdf',
  '公示照片.jpg',
];
const METHODS = ['mass_meeting', 'representative_review', 'survey', 'public_notice'] as const;

function nameOf(rnd: Random): string {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '');
}

function day(year: number, month: number, d: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

interface Candidate {
  id: number;
  regionCode: string;
  category: (typeof orgs.$inferSelect)['category'];
  group: QuotaGroup;
  townshipName: string;
}

type ProblemRow = typeof rectificationProblems.$inferInsert;
type EntryRow = typeof rectificationEntries.$inferInsert;

/** How a planned case ends up: untouched, in progress, or closed out (and maybe accepted). */
type Outcome = 'listed' | 'in_progress' | 'closed' | 'accepted';

interface PlannedCase {
  org: Candidate;
  year: number;
  outcome: Outcome;
}

function pickCriteria(rnd: Random): RectificationCriterion[] {
  const all: RectificationCriterion[] = [
    'team_incomplete',
    'secretary_incompetent',
    'team_disunited',
    'term_overdue',
    'rules_on_paper',
    'weak_service',
  ];
  const n = rnd.chance(0.3) ? 2 : 1;
  const out = new Set<RectificationCriterion>();
  while (out.size < n) out.add(rnd.pick(all));
  return all.filter((c) => out.has(c));
}

function pickFlags(rnd: Random, group: QuotaGroup): KeyRectificationFlag[] {
  if (group === 'other' || !rnd.chance(0.25)) return [];
  return [
    rnd.pick([
      'vote_buying',
      'clan_religious_criminal',
      'disclosure_chaos',
      'order_petition_disputes',
    ] as const),
  ];
}

export async function seedRectification(
  tx: Database,
  options: { from: string; to: string; prefix: string },
): Promise<{ cases: number; problems: number; entries: number }> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:rectification`));
  const township = sql`rpad(left(${orgs.regionCode}, 9), 12, '0')`;
  const [orgRows, counties] = await Promise.all([
    tx
      .select({
        id: orgs.id,
        regionCode: orgs.regionCode,
        category: orgs.category,
        level: regions.level,
        townshipName: sql<string>`(select name from regions t where t.code = ${township})`,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(between(orgs.regionCode, options.from, options.to))
      .orderBy(asc(orgs.id)),
    tx
      .select({ code: regions.code })
      .from(regions)
      .where(and(isCountyUnit(regions), between(regions.code, options.from, options.to)))
      .orderBy(asc(regions.code)),
  ]);
  if (orgRows.length === 0 || counties.length === 0) return { cases: 0, problems: 0, entries: 0 };

  // Per county: its orgs by quota group, and the candidates (village-level orgs for the village
  // and community groups, never a township committee; any other-field branch).
  const planned: PlannedCase[] = [];
  const carried2026: Candidate[] = [];
  counties.forEach((county, countyIndex) => {
    const prefix = county.code.slice(0, 6);
    const inCounty = orgRows.filter((o) => o.regionCode.startsWith(prefix));
    const counts = { village: 0, community: 0, other: 0 };
    const pool: Record<QuotaGroup, Candidate[]> = { village: [], community: [], other: [] };
    for (const o of inCounty) {
      const group = quotaGroupOf(o.category);
      counts[group] += 1;
      if (group !== 'other' && o.level !== 'village') continue;
      pool[group].push({
        id: o.id,
        regionCode: o.regionCode,
        category: o.category,
        group,
        townshipName: o.townshipName,
      });
    }
    const quota = computeRectificationQuota(
      { orgCounts: counts },
      resolvePolicy([], county.code, THIS_YEAR),
    );
    for (const line of quota.lines) {
      const candidates = [...pool[line.group]];
      const take = (n: number) => {
        const out: Candidate[] = [];
        while (out.length < n && candidates.length > 0) {
          out.push(defined(candidates.splice(rnd.int(0, candidates.length - 1), 1)[0]));
        }
        return out;
      };
      // 2025: the quota exactly; about a third unfinished (carried into 2026).
      const lastYear = take(line.required);
      for (const org of lastYear) {
        const unfinished = rnd.chance(0.33);
        planned.push({
          org,
          year: LAST_YEAR,
          outcome: unfinished ? (rnd.chance(0.5) ? 'in_progress' : 'closed') : 'accepted',
        });
        if (unfinished) carried2026.push(org);
      }
      // 2026: top up to the quota (one county stays two villages short).
      const carried = lastYear.filter((o) => carried2026.includes(o)).length;
      const short = countyIndex === SHORT_COUNTY_INDEX && line.group === 'village' ? 2 : 0;
      for (const org of take(Math.max(0, line.required - carried - short))) {
        const x = rnd.next();
        planned.push({
          org,
          year: THIS_YEAR,
          outcome: x < 0.25 ? 'listed' : x < 0.8 ? 'in_progress' : x < 0.9 ? 'closed' : 'accepted',
        });
      }
    }
  });

  // --- cases ------------------------------------------------------------------------------------
  const caseRows = planned.map((p) => {
    const criteria = pickCriteria(rnd);
    const keyFlags = pickFlags(rnd, p.org.group);
    const rural = p.org.category === 'rural';
    const electionPostponed = rural && (criteria.includes('term_overdue') || rnd.chance(0.08));
    const accepted = p.outcome === 'accepted';
    return {
      orgId: p.org.id,
      regionCode: p.org.regionCode,
      year: p.year,
      firstListedYear: p.year,
      criteria,
      keyFlags,
      electionPostponed,
      electionCompletionDate: electionPostponed ? day(p.year, rnd.int(9, 12), 20) : null,
      status: accepted
        ? ('accepted' as const)
        : p.outcome === 'listed'
          ? ('listed' as const)
          : ('in_progress' as const),
      workTeamLeader: `${nameOf(rnd)}（${p.org.townshipName}组织委员）`,
      workTeamMembers: [nameOf(rnd), nameOf(rnd)],
      leadingCadreName: nameOf(rnd),
      leadingCadrePost: `${p.org.townshipName}党（工）委副书记`,
      acceptanceBy: accepted
        ? rnd.chance(0.5)
          ? ('county' as const)
          : ('township' as const)
        : null,
      acceptedOn: accepted ? day(p.year, 11, rnd.int(10, 20)) : null,
      acceptancePassed: accepted ? true : null,
      publicOpinionHeard: accepted ? true : null,
    };
  });
  const caseIds: number[] = [];
  for (const part of chunks(caseRows)) {
    const ids = await tx
      .insert(rectificationCases)
      .values(part)
      .returning({ id: rectificationCases.id });
    caseIds.push(...ids.map((r) => r.id));
  }

  // --- problems ---------------------------------------------------------------------------------
  const problemRows: ProblemRow[] = [];
  const problemMeta: { caseIndex: number; closed: boolean }[] = [];
  planned.forEach((p, i) => {
    const c = defined(caseRows[i]);
    const n = Math.min(3, c.criteria.length + rnd.int(0, 1));
    for (let k = 0; k < n; k++) {
      const criterion = defined(c.criteria[k % c.criteria.length]);
      const t = TEMPLATES[criterion];
      const deadline =
        p.year === LAST_YEAR ? day(p.year, rnd.int(6, 10), 30) : day(p.year, rnd.int(5, 12), 28);
      const closed =
        p.outcome === 'accepted' ||
        p.outcome === 'closed' ||
        (p.outcome === 'in_progress' && k === 0 && rnd.chance(0.5));
      const closedMonth = p.year === LAST_YEAR ? rnd.int(6, 10) : rnd.int(6, 10);
      problemRows.push({
        caseId: defined(caseIds[i]),
        regionCode: c.regionCode,
        position: k + 1,
        description:
          k < c.criteria.length ? t.description : `${t.description}（群众反映集中的问题）`,
        measures: t.measures,
        goal: t.goal,
        deadline,
        responsiblePerson: nameOf(rnd),
        closedOn: closed ? day(p.year, closedMonth, 25) : null,
        confirmedBy: closed ? `${nameOf(rnd)}（主持人）` : null,
        confirmedOn: closed ? day(p.year, closedMonth, rnd.int(10, 24)) : null,
        confirmationMethod: closed ? rnd.pick(METHODS) : null,
        confirmationEvidence: closed ? '党员群众大会记录及签到表' : null,
      });
      problemMeta.push({ caseIndex: i, closed });
    }
  });
  const problemIds: number[] = [];
  for (const part of chunks(problemRows)) {
    const ids = await tx
      .insert(rectificationProblems)
      .values(part)
      .returning({ id: rectificationProblems.id });
    problemIds.push(...ids.map((r) => r.id));
  }

  // --- ledger entries ---------------------------------------------------------------------------
  const entryRows: EntryRow[] = [];
  problemRows.forEach((pr, j) => {
    const p = defined(planned[defined(problemMeta[j]).caseIndex]);
    if (p.outcome === 'listed') return;
    const n = defined(problemMeta[j]).closed ? 2 : rnd.int(0, 2);
    for (let k = 0; k < n; k++) {
      const attachments: LedgerAttachment[] = rnd.chance(0.6)
        ? [{ filename: rnd.pick(ATTACHMENT_NAMES), size: rnd.int(40, 4000) * 1024, link: null }]
        : [];
      entryRows.push({
        problemId: defined(problemIds[j]),
        caseId: pr.caseId,
        regionCode: pr.regionCode,
        entryDate: day(p.year, 4 + k * 2, rnd.int(1, 28)),
        note:
          k === 0 ? `落实整顿措施：${pr.measures[0]}` : `推进整改：${pr.measures[1] ?? pr.goal}`,
        attachments,
        createdByName: '演示数据',
      });
    }
  });
  for (const part of chunks(entryRows)) await tx.insert(rectificationEntries).values(part);

  // --- carry-over of last year's unfinished cases (回头看, 000 §3) ----------------------------------
  const carried = await tx.execute(sql`
    with src as (
      select c.* from rectification_cases c
      where c.year = ${LAST_YEAR} and c.acceptance_passed is not true
        and c.region_code between ${options.from} and ${options.to}
    ),
    new_cases as (
      insert into rectification_cases (org_id, region_code, year, first_listed_year, criteria,
        key_flags, election_postponed, election_completion_date, status, carried_over_from_id,
        work_team_leader, work_team_members, leading_cadre_name, leading_cadre_post)
      select org_id, region_code, ${THIS_YEAR}, first_listed_year, criteria, key_flags,
        election_postponed, election_completion_date, 'in_progress', id, work_team_leader,
        work_team_members, leading_cadre_name, leading_cadre_post
      from src
      on conflict (org_id, year) do nothing
      returning id, carried_over_from_id
    ),
    new_problems as (
      insert into rectification_problems (case_id, region_code, position, description, measures,
        goal, deadline, responsible_person, carried_from_problem_id, closed_on, confirmed_by,
        confirmed_on, confirmation_method, confirmation_evidence, closed_by_user)
      select n.id, p.region_code, p.position, p.description, p.measures, p.goal, p.deadline,
        p.responsible_person, p.id, p.closed_on, p.confirmed_by, p.confirmed_on,
        p.confirmation_method, p.confirmation_evidence, p.closed_by_user
      from new_cases n join rectification_problems p on p.case_id = n.carried_over_from_id
      returning id
    )
    select (select count(*) from new_cases)::int as cases, (select count(*) from new_problems)::int as problems
  `);
  const moved = (carried as { rows: { cases: number; problems: number }[] }).rows[0];

  return {
    cases: caseRows.length + (moved?.cases ?? 0),
    problems: problemRows.length + (moved?.problems ?? 0),
    entries: entryRows.length,
  };
}
