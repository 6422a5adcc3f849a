import { defined, inRegion, isCountyUnit, type Database } from '@dangjian/db';
import {
  attachments,
  orgs,
  people,
  rectificationCases,
  rectificationCorrections,
  rectificationEntries,
  type RectificationCorrectionKind,
  rectificationProblems,
  regions,
} from '@dangjian/db/schema';
import {
  acceptRectificationCase,
  assertCaseCorrectable,
  assertProblemCorrectable,
  assertProblemWithdrawable,
  assessSoftAndLax,
  correctionDiff,
  correctionReasonSchema,
  CASE_STATUS_LABELS,
  carryOverCases,
  checkRectificationConversion,
  closeRectificationItem,
  computeRectificationQuota,
  isElectionDifficultVillage,
  isoDateSchema,
  keyRectificationFlagSchema,
  parseRectificationCase,
  PUBLIC_CONFIRMATION_METHODS,
  quotaGroupOf,
  rectificationCaseProgress,
  rectificationQuotaMet,
  rectificationQuotaText,
  rectificationCriterionSchema,
  regionCodeRange,
  regionCodeSchema,
  regionLevelOf,
  phoneFor,
  summarizeSoftAndLax,
  yearSchema,
  type KeyRectificationFlag,
  type QuotaGroup,
  type RectificationCaseInput,
  type RectificationCriterion,
  type RegionCode,
  type ResolvedPolicy,
  type SummaryRow,
  chinaToday,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { county, countyOf } from '../orglife';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema, textSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import {
  buildListForm,
  buildSummaryForm,
  FORM_NUMBERS,
  FORM_TITLES,
  type BriefRow,
  type ElectionRow,
} from '../xlsx/rectification-forms';
import { policiesFor } from '../queries/policies';

/**
 * 整顿软弱涣散基层党组织 (002 娄组通〔2014〕10号; 000 §1, §3): listing with the yearly quota,
 * one org one plan, the ledger (台账) with close-out on public confirmation, acceptance, the
 * carry-over of unfinished cases (回头看), and the three report forms (附件1-3).
 *
 * Carry-over: `carryOver` moves last year's cases that were not accepted as passed into the year
 * (new rows pointing at the old ones; the old ones stay as history). It is idempotent (one case
 * per org and year), and the listing page calls it by itself when `list` reports
 * `pendingCarryOver` > 0, so carrying over happens on the first listing of the year.
 */

// ------------------------------------------------------------------------------------------------
// Loading cases in the domain's shape
// ------------------------------------------------------------------------------------------------

const caseColumns = {
  id: rectificationCases.id,
  orgId: rectificationCases.orgId,
  orgName: orgs.name,
  orgKind: orgs.kind,
  category: orgs.category,
  memberCount: orgs.memberCount,
  regionCode: rectificationCases.regionCode,
  regionName: regions.name,
  countyName: county.name,
  year: rectificationCases.year,
  firstListedYear: rectificationCases.firstListedYear,
  criteria: rectificationCases.criteria,
  keyFlags: rectificationCases.keyFlags,
  electionPostponed: rectificationCases.electionPostponed,
  electionCompletionDate: rectificationCases.electionCompletionDate,
  status: rectificationCases.status,
  carriedOverFromId: rectificationCases.carriedOverFromId,
  workTeamLeader: rectificationCases.workTeamLeader,
  workTeamMembers: rectificationCases.workTeamMembers,
  leadingCadreName: rectificationCases.leadingCadreName,
  leadingCadrePost: rectificationCases.leadingCadrePost,
  acceptanceBy: rectificationCases.acceptanceBy,
  acceptedOn: rectificationCases.acceptedOn,
  acceptancePassed: rectificationCases.acceptancePassed,
  publicOpinionHeard: rectificationCases.publicOpinionHeard,
  withdrawnAt: rectificationCases.withdrawnAt,
  withdrawnReason: rectificationCases.withdrawnReason,
  secretaryName: people.name,
  secretaryPhone: people.phone,
};

function selectCases(db: Database) {
  return db
    .select(caseColumns)
    .from(rectificationCases)
    .innerJoin(orgs, eq(orgs.id, rectificationCases.orgId))
    .innerJoin(regions, eq(regions.code, rectificationCases.regionCode))
    .leftJoin(county, countyOf(rectificationCases.regionCode))
    .leftJoin(people, eq(people.id, orgs.secretaryId));
}
type CaseRow = Awaited<ReturnType<typeof selectCases>>[number];
type ProblemRow = typeof rectificationProblems.$inferSelect;

async function problemsOf(
  db: Database,
  caseIds: readonly number[],
): Promise<Map<number, ProblemRow[]>> {
  const byCase = new Map<number, ProblemRow[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .select()
    .from(rectificationProblems)
    .where(sql`${rectificationProblems.caseId} = any(${sql.param([...caseIds])}::int[])`)
    .orderBy(asc(rectificationProblems.caseId), asc(rectificationProblems.position));
  for (const r of rows) {
    const list = byCase.get(r.caseId) ?? [];
    list.push(r);
    byCase.set(r.caseId, list);
  }
  return byCase;
}

/** A stored case and its problems as the domain's RectificationCase input. */
function toDomainCase(c: CaseRow, problems: readonly ProblemRow[]): RectificationCaseInput {
  return {
    id: String(c.id),
    orgId: String(c.orgId),
    orgName: c.orgName,
    year: c.year,
    category: c.category,
    criteria: c.criteria as RectificationCriterion[],
    keyFlags: c.keyFlags as KeyRectificationFlag[],
    carriedOverFrom: c.firstListedYear === c.year ? null : c.firstListedYear,
    electionPostponed: c.electionPostponed,
    plan: {
      problems: problems
        .filter((p) => p.withdrawnAt === null)
        .map((p) => ({
          id: String(p.id),
          description: p.description,
          measures: p.measures,
          goal: p.goal,
          deadline: p.deadline,
          responsiblePerson: p.responsiblePerson,
          closure:
            p.closedOn && p.confirmedOn && p.confirmationMethod && p.confirmationEvidence
              ? {
                  closedOn: p.closedOn,
                  publicConfirmation: {
                    confirmedBy: p.confirmedBy ?? '',
                    confirmedOn: p.confirmedOn,
                    method: p.confirmationMethod,
                    evidence: p.confirmationEvidence,
                  },
                }
              : null,
        })),
      workTeam: { leader: c.workTeamLeader, members: c.workTeamMembers },
      leadingCadre: { name: c.leadingCadreName, post: c.leadingCadrePost },
    },
    acceptance:
      c.acceptanceBy && c.acceptedOn && c.acceptancePassed !== null
        ? {
            by: c.acceptanceBy,
            acceptedOn: c.acceptedOn,
            passed: c.acceptancePassed,
            publicOpinionHeard: c.publicOpinionHeard ?? false,
          }
        : null,
  };
}

/** One case inside the caller's scope with its problems, or NOT_FOUND. */
async function loadCase(db: Database, scope: RegionCode, id: number) {
  const [row] = await selectCases(db).where(
    and(eq(rectificationCases.id, id), inRegion(rectificationCases.regionCode, scope)),
  );
  if (!row) notFound(`整顿对象（编号 ${id}）`);
  const problems = (await problemsOf(db, [row.id])).get(row.id) ?? [];
  return { row, problems };
}

/** The case a problem belongs to, or NOT_FOUND. */
async function loadCaseOfProblem(db: Database, scope: RegionCode, problemId: number) {
  const [p] = await db
    .select({
      caseId: rectificationProblems.caseId,
      withdrawnAt: rectificationProblems.withdrawnAt,
    })
    .from(rectificationProblems)
    .where(
      and(
        eq(rectificationProblems.id, problemId),
        inRegion(rectificationProblems.regionCode, scope),
      ),
    );
  if (!p) notFound(`问题（编号 ${problemId}）`);
  if (p.withdrawnAt) {
    bad('该问题已撤销，不再记录台账或销号');
  }
  return loadCase(db, scope, p.caseId);
}

/** Writes only go to a live case: not one carried into a later year, not one accepted. */
async function assertWritable(db: Database, row: CaseRow): Promise<void> {
  const [later] = await db
    .select({ year: rectificationCases.year })
    .from(rectificationCases)
    .where(eq(rectificationCases.carriedOverFromId, row.id));
  if (later) {
    bad(`该整顿对象已结转至 ${later.year} 年，请在 ${later.year} 年的台账中记录`);
  }
  if (row.status === 'accepted') {
    bad('该整顿对象已验收通过，台账不再修改');
  }
  if (row.withdrawnAt) {
    bad('该整顿对象已撤销，台账不再修改');
  }
}

/** The year a case was carried into (回头看), if any. */
async function carriedInto(db: Database, caseId: number): Promise<number | null> {
  const [later] = await db
    .select({ year: rectificationCases.year })
    .from(rectificationCases)
    .where(eq(rectificationCases.carriedOverFromId, caseId));
  return later?.year ?? null;
}

/** The domain's correction rules for a case (accepted, withdrawn, carried over). */
async function assertCorrectable(db: Database, row: CaseRow): Promise<void> {
  assertCaseCorrectable({
    accepted: row.status === 'accepted',
    withdrawn: row.withdrawnAt !== null,
    carriedInto: await carriedInto(db, row.id),
  });
}

/** A problem and its case for a correction: both must still be correctable (domain rules). */
async function loadProblemForCorrection(db: Database, scope: RegionCode, problemId: number) {
  const [p] = await db
    .select()
    .from(rectificationProblems)
    .where(
      and(
        eq(rectificationProblems.id, problemId),
        inRegion(rectificationProblems.regionCode, scope),
      ),
    );
  if (!p) notFound(`问题（编号 ${problemId}）`);
  const { row, problems } = await loadCase(db, scope, p.caseId);
  await assertCorrectable(db, row);
  assertProblemCorrectable({ closed: p.closedOn !== null, withdrawn: p.withdrawnAt !== null });
  return { row, problem: p, problems };
}

interface CorrectionRecord {
  kind: RectificationCorrectionKind;
  problemId?: number;
  reason: string;
  before: unknown;
  after: unknown;
}

/** The history row (who, when, why, before, after) and the audit row, in the caller's transaction. */
async function recordCorrection(
  ctx: {
    db: Database;
    user: { id: number; displayName: string };
    now: () => Date;
    audit: (e: { target: string; regionCode?: string; before?: unknown; after?: unknown }) => void;
  },
  row: CaseRow,
  c: CorrectionRecord,
): Promise<void> {
  await ctx.db.insert(rectificationCorrections).values({
    caseId: row.id,
    problemId: c.problemId ?? null,
    regionCode: row.regionCode,
    kind: c.kind,
    reason: c.reason,
    before: c.before ?? null,
    after: c.after ?? null,
    byUser: ctx.user.id,
    byName: ctx.user.displayName,
    at: ctx.now(),
  });
  ctx.audit({
    target: c.problemId ? `rectification_problem:${c.problemId}` : `rectification_case:${row.id}`,
    regionCode: row.regionCode,
    before: c.before,
    after: { ...(c.after as object | null), kind: c.kind, reason: c.reason },
  });
}

function notAfterToday(date: string, today: string, label: string): void {
  if (date > today) {
    bad(`${label}不能晚于今天（${today}）`);
  }
}

// ------------------------------------------------------------------------------------------------
// Quota
// ------------------------------------------------------------------------------------------------

type GroupCounts = Record<QuotaGroup, number>;
const zeroCounts = (): GroupCounts => ({ village: 0, community: 0, other: 0 });

/**
 * Org counts and listed counts by quota group, per county (left 6 digits) of a region: two
 * grouped queries.
 */
async function quotaCounts(db: Database, regionCode: RegionCode, year: number) {
  const prefix = sql<string>`left(${orgs.regionCode}, 6)`;
  const [orgCounts, listed] = await Promise.all([
    db
      .select({ prefix, category: orgs.category, n: sql<number>`count(*)::int` })
      .from(orgs)
      .where(inRegion(orgs.regionCode, regionCode))
      .groupBy(sql`1`, orgs.category),
    db
      .select({ prefix, category: orgs.category, n: sql<number>`count(*)::int` })
      .from(rectificationCases)
      .innerJoin(orgs, eq(orgs.id, rectificationCases.orgId))
      .where(
        and(
          inRegion(rectificationCases.regionCode, regionCode),
          eq(rectificationCases.year, year),
          isNull(rectificationCases.withdrawnAt),
        ),
      )
      .groupBy(sql`1`, orgs.category),
  ]);
  const byCounty = new Map<string, { orgCounts: GroupCounts; listed: GroupCounts }>();
  const add = (rows: typeof orgCounts, key: 'orgCounts' | 'listed') => {
    for (const r of rows) {
      const entry = byCounty.get(r.prefix) ?? { orgCounts: zeroCounts(), listed: zeroCounts() };
      entry[key][quotaGroupOf(r.category)] += Number(r.n);
      byCounty.set(r.prefix, entry);
    }
  };
  add(orgCounts, 'orgCounts');
  add(listed, 'listed');
  return byCounty;
}

function sumCounts(list: readonly { orgCounts: GroupCounts; listed: GroupCounts }[]) {
  const total = { orgCounts: zeroCounts(), listed: zeroCounts() };
  for (const e of list) {
    for (const g of ['village', 'community', 'other'] as const) {
      total.orgCounts[g] += e.orgCounts[g];
      total.listed[g] += e.listed[g];
    }
  }
  return total;
}

// ------------------------------------------------------------------------------------------------
// Inputs
// ------------------------------------------------------------------------------------------------

const problemInput = z.object({
  description: textSchema(500, '应写明具体问题'),
  measures: z.array(textSchema(300, '整顿措施不能为空')).min(1, '每个问题至少一条整顿措施').max(10),
  goal: textSchema(300, '应明确整顿目标'),
  deadline: isoDateSchema,
  responsiblePerson: textSchema(50, '应明确责任人'),
});

const createInput = z.object({
  orgId: idSchema,
  year: yearSchema,
  criteria: z.array(rectificationCriterionSchema).min(1, '整顿对象至少符合一条标准'),
  keyFlags: z.array(keyRectificationFlagSchema).default([]),
  electionPostponed: z.boolean().default(false),
  electionCompletionDate: isoDateSchema.nullish(),
  workTeam: z.object({
    leader: textSchema(100, '应派出工作班子并明确负责人'),
    members: z.array(textSchema(50, '成员姓名不能为空')).max(30).default([]),
  }),
  leadingCadre: z.object({
    name: textSchema(50, '应明确包联领导干部'),
    post: textSchema(100, '应写明包联领导干部的职务'),
  }),
  problems: z.array(problemInput).min(1, '整顿方案应列出问题清单').max(30),
});

const confirmationInput = z.object({
  confirmedBy: z.string().trim().max(100),
  confirmedOn: isoDateSchema,
  method: z.enum(PUBLIC_CONFIRMATION_METHODS),
  evidence: z.string().trim().max(500),
});

const formSchema = z.enum(['summary', 'brief', 'election']);

// ------------------------------------------------------------------------------------------------
// Forms
// ------------------------------------------------------------------------------------------------

/**
 * The filing units of an export: for a city (or province) each county, as each county would file
 * its own tables, so the city sees every county at once; otherwise the region itself. `unitOf`
 * maps an org's region code to its filing unit's code.
 */
async function filingUnits(db: Database, region: { code: string; name: string }) {
  const level = regionLevelOf(region.code);
  if (level === 'city' || level === 'province') {
    const rows = await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(isCountyUnit(regions), inRegion(regions.code, region.code)))
      .orderBy(asc(regions.code));
    return { units: rows, unitOf: (code: string) => `${code.slice(0, 6)}000000`, rollUp: true };
  }
  return { units: [region], unitOf: () => region.code, rollUp: false };
}

function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

// ------------------------------------------------------------------------------------------------
// The year's list
// ------------------------------------------------------------------------------------------------

/** Most cases one page of the list may hold. */
export const MAX_LIST_PAGE_SIZE = 500;

const listInput = z.object({
  regionCode: regionCodeSchema,
  year: yearSchema,
  /** Page of the case list (from 1); only with pageSize. */
  page: z.number().int().min(1, '页码（page）须不小于 1').max(1_000_000).default(1),
  /** Cases per page; without it the list holds every case of the year (as before paging). */
  pageSize: z
    .number()
    .int()
    .min(1, '每页条数（pageSize）须不小于 1')
    .max(MAX_LIST_PAGE_SIZE, `每页条数（pageSize）不能超过 ${MAX_LIST_PAGE_SIZE}`)
    .optional(),
});

/**
 * The year's cases of a region in list order (region code, id), each with its progress as of
 * `asOf` (closed, open and overdue items, by the domain): all of them, or one window.
 */
async function caseItems(
  db: Database,
  regionCode: RegionCode,
  year: number,
  asOf: string,
  window: { limit: number; offset: number } | null,
) {
  const query = selectCases(db)
    .where(
      and(inRegion(rectificationCases.regionCode, regionCode), eq(rectificationCases.year, year)),
    )
    .orderBy(asc(rectificationCases.regionCode), asc(rectificationCases.id));
  const rows = window ? await query.limit(window.limit).offset(window.offset) : await query;
  const problems = await problemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => caseItem(r, problems.get(r.id) ?? [], asOf));
}

/** One case as the list shows it. */
function caseItem(r: CaseRow, problems: readonly ProblemRow[], asOf: string) {
  const progress = rectificationCaseProgress(toDomainCase(r, problems), asOf);
  const assessed = assessSoftAndLax({
    category: r.category,
    criteria: r.criteria as RectificationCriterion[],
    keyFlags: r.keyFlags as KeyRectificationFlag[],
  });
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    category: r.category,
    regionCode: r.regionCode,
    regionName: r.regionName,
    countyName: r.countyName,
    year: r.year,
    firstListedYear: r.firstListedYear,
    carriedOver: r.carriedOverFromId !== null,
    criteria: assessed.criteria,
    criterionNumbers: assessed.criterionNumbers,
    keyFlags: r.keyFlags as KeyRectificationFlag[],
    keyRectification: assessed.keyRectification,
    electionPostponed: r.electionPostponed,
    status: progress.status,
    statusLabel: r.withdrawnAt ? '已撤销' : CASE_STATUS_LABELS[progress.status],
    /** Withdrawn (listed by mistake): shown, but not counted for the quota or conversion. */
    withdrawn: r.withdrawnAt !== null,
    closedItems: progress.closedItems,
    openItems: progress.openItems,
    overdueItems: progress.overdueItems.length,
    leadingCadre: `${r.leadingCadreName}（${r.leadingCadrePost}）`,
  };
}

/**
 * Accepted as passed, as rectificationCaseStatus decides it (002 §5) and toDomainCase reads the
 * acceptance: one recorded (who, when, the verdict) and passed. The SQL mirror of that rule for
 * counting a region's converted cases without loading them; rollup.test.ts checks that both
 * agree on the seeded data.
 */
const acceptedSql = sql.raw(
  'c.acceptance_passed is true and c.accepted_on is not null and c.acceptance_by is not null',
);

/**
 * The year's cases of a region counted in one query: all of them, those listed (not withdrawn),
 * those listed and accepted (the conversion, 003 §2), and last year's unfinished cases not yet
 * carried over (回头看, 000 §3).
 */
async function caseTally(db: Database, regionCode: RegionCode, year: number) {
  const range = regionCodeRange(regionCode);
  const result = await db.execute(sql`
    select count(*) filter (where c.year = ${year})::int as total,
      count(*) filter (where c.year = ${year} and c.withdrawn_at is null)::int as listed,
      count(*) filter (where c.year = ${year} and c.withdrawn_at is null and ${acceptedSql})::int
        as accepted,
      count(*) filter (where c.year = ${year - 1} and c.acceptance_passed is not true
        and c.withdrawn_at is null
        and not exists (select 1 from ${rectificationCases} n
          where n.org_id = c.org_id and n.year = ${year}))::int as pending
    from ${rectificationCases} c
    where c.region_code between ${range.from} and ${range.to} and c.year in (${year - 1}, ${year})
  `);
  const [row] = (
    result as { rows: { total: number; listed: number; accepted: number; pending: number }[] }
  ).rows;
  return {
    total: Number(row?.total ?? 0),
    listed: Number(row?.listed ?? 0),
    accepted: Number(row?.accepted ?? 0),
    pendingCarryOver: Number(row?.pending ?? 0),
  };
}

/** The quota per county-level unit of a city (or province), each by its own policy. */
async function countyQuotas(
  db: Database,
  region: { code: string; name: string },
  year: number,
  counts: Awaited<ReturnType<typeof quotaCounts>>,
  regionPolicy: ResolvedPolicy,
) {
  const { units } = await filingUnits(db, region);
  const policies = await policiesFor(
    db,
    region.code,
    units.map((u) => u.code),
    year,
  );
  return units.map((u) => {
    const c = counts.get(u.code.slice(0, 6)) ?? { orgCounts: zeroCounts(), listed: zeroCounts() };
    const own = policies.get(u.code) ?? regionPolicy;
    const q = computeRectificationQuota(c, own);
    return {
      regionCode: u.code,
      regionName: u.name,
      met: rectificationQuotaMet(q),
      lines: q.lines,
      policyVersion: q.policyVersion,
      /** The county's policy in people's words, and its quota rule when it differs from the region's. */
      policyLabel: own.label,
      rule: rectificationQuotaText(own),
    };
  });
}

/** Ledger entries of a case's problems, with those of the problems they continue (回头看). */
async function caseEntries(db: Database, caseId: number) {
  // Entries of each problem and of the problems it continues (carried over from earlier years).
  const entries = await db.execute(sql`
    with recursive chain(problem_id, current_id) as (
      select id, id from rectification_problems where case_id = ${caseId}
      union all
      select p.carried_from_problem_id, chain.current_id
      from rectification_problems p join chain on p.id = chain.problem_id
      where p.carried_from_problem_id is not null
    )
    select e.id, chain.current_id as problem_id, e.entry_date, e.note, e.attachments,
      e.created_by_name, e.created_at, c.year
    from rectification_entries e
    join chain on e.problem_id = chain.problem_id
    join rectification_cases c on c.id = e.case_id
    order by e.entry_date, e.id
  `);
  return (
    entries as {
      rows: {
        id: number;
        problem_id: number;
        entry_date: string | Date;
        note: string;
        attachments: { filename: string; size: number | null; link: string | null }[];
        created_by_name: string | null;
        year: number;
      }[];
    }
  ).rows.map((e) => ({
    id: Number(e.id),
    problemId: Number(e.problem_id),
    entryDate:
      e.entry_date instanceof Date ? e.entry_date.toISOString().slice(0, 10) : String(e.entry_date),
    note: e.note,
    /** File names recorded before files were kept (issue 16): the files themselves were not stored. */
    legacyAttachments: e.attachments,
    createdByName: e.created_by_name,
    year: Number(e.year),
  }));
}

/** How many files each entry holds, and the case's corrections newest first. */
async function caseFilesAndCorrections(db: Database, caseId: number, entryIds: readonly number[]) {
  const [files, corrections] = await Promise.all([
    entryIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ ownerId: attachments.ownerId, n: count() })
          .from(attachments)
          .where(
            and(
              eq(attachments.ownerKind, 'rect_entry'),
              inArray(attachments.ownerId, [...entryIds]),
            ),
          )
          .groupBy(attachments.ownerId),
    db
      .select({
        id: rectificationCorrections.id,
        kind: rectificationCorrections.kind,
        problemId: rectificationCorrections.problemId,
        reason: rectificationCorrections.reason,
        before: rectificationCorrections.before,
        after: rectificationCorrections.after,
        byName: rectificationCorrections.byName,
        at: rectificationCorrections.at,
      })
      .from(rectificationCorrections)
      .where(eq(rectificationCorrections.caseId, caseId))
      .orderBy(desc(rectificationCorrections.at), desc(rectificationCorrections.id)),
  ]);
  return { fileCount: new Map(files.map((f) => [f.ownerId, Number(f.n)])), corrections };
}

/** The earlier years' cases a case was carried over from, oldest first. */
async function caseHistory(db: Database, caseId: number) {
  const history = await db.execute(sql`
    with recursive back(id, carried_over_from_id, year, status) as (
      select id, carried_over_from_id, year, status from rectification_cases where id = ${caseId}
      union all
      select c.id, c.carried_over_from_id, c.year, c.status
      from rectification_cases c join back on c.id = back.carried_over_from_id
    )
    select id, year, status from back where id <> ${caseId} order by year
  `);
  return (history as { rows: { id: number; year: number; status: string }[] }).rows.map((h) => ({
    id: Number(h.id),
    year: Number(h.year),
    status: h.status,
  }));
}

/** A problem of the case page, with its ledger entries and their file counts. */
function problemView(
  p: ProblemRow,
  overdue: ReadonlyMap<string, number>,
  entryRows: Awaited<ReturnType<typeof caseEntries>>,
  fileCount: ReadonlyMap<number, number>,
) {
  return {
    id: p.id,
    position: p.position,
    description: p.description,
    measures: p.measures,
    goal: p.goal,
    deadline: p.deadline,
    responsiblePerson: p.responsiblePerson,
    carried: p.carriedFromProblemId !== null,
    withdrawn: p.withdrawnAt ? { at: p.withdrawnAt, reason: p.withdrawnReason ?? '' } : null,
    closedOn: p.closedOn,
    confirmation: p.closedOn
      ? {
          confirmedBy: p.confirmedBy,
          confirmedOn: p.confirmedOn,
          method: p.confirmationMethod,
          evidence: p.confirmationEvidence,
        }
      : null,
    daysOverdue: overdue.get(String(p.id)) ?? null,
    entries: entryRows
      .filter((e) => e.problemId === p.id)
      .map((e) => ({ ...e, fileCount: fileCount.get(e.id) ?? 0 })),
  };
}

type FilingUnits = Awaited<ReturnType<typeof filingUnits>>;

/** 附件1 汇总表: the orgs and the year's listed cases counted by summarizeSoftAndLax, per unit. */
async function summaryForm(
  db: Database,
  region: { code: string; name: string },
  year: number,
  { units, unitOf, rollUp }: FilingUnits,
  filledOn: string,
) {
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const rows = await db
    .select({
      regionCode: orgs.regionCode,
      category: orgs.category,
      kind: orgs.kind,
      criteria: sql<string[]>`coalesce(${rectificationCases.criteria}, '{}'::text[])`,
    })
    .from(orgs)
    .leftJoin(
      rectificationCases,
      and(
        eq(rectificationCases.orgId, orgs.id),
        eq(rectificationCases.year, year),
        isNull(rectificationCases.withdrawnAt),
      ),
    )
    .where(inRegion(orgs.regionCode, region.code));
  const toRow = (filingUnit: string, r: (typeof rows)[number]): SummaryRow => ({
    filingUnit,
    category: r.category,
    orgKind: r.kind,
    criteria: r.criteria as RectificationCriterion[],
  });
  const perUnit = summarizeSoftAndLax({
    rows: rows.flatMap((r) => {
      const name = unitName.get(unitOf(r.regionCode));
      return name ? [toRow(name, r)] : [];
    }),
  });
  const tablesByUnit = units.map((u) => ({
    filingUnit: u.name,
    tables: perUnit.filter((t) => t.filingUnit === u.name),
  }));
  const sheets = rollUp
    ? [
        {
          filingUnit: `${region.name}（合计）`,
          tables: summarizeSoftAndLax({
            rows: rows.map((r) => toRow(`${region.name}（合计）`, r)),
          }),
        },
        ...tablesByUnit,
      ]
    : tablesByUnit;
  return { base64: await buildSummaryForm(sheets, filledOn), sheets: sheets.length };
}

/** 附件2 一览表 and 附件3 换届选举难点村: the year's listed cases, one sheet per filing unit. */
async function listForm(
  db: Database,
  region: { code: string },
  year: number,
  form: 'brief' | 'election',
  { units, unitOf }: FilingUnits,
  filledOn: string,
  role: Parameters<typeof phoneFor>[0],
) {
  const cases = await selectCases(db)
    .where(
      and(
        inRegion(rectificationCases.regionCode, region.code),
        eq(rectificationCases.year, year),
        isNull(rectificationCases.withdrawnAt),
      ),
    )
    .orderBy(asc(rectificationCases.regionCode), asc(rectificationCases.id));
  const villageCodes = new Set(
    (
      await db
        .select({ code: regions.code })
        .from(regions)
        .where(
          and(
            inArray(regions.code, [...new Set(cases.map((c) => c.regionCode)), '']),
            eq(regions.level, 'village'),
          ),
        )
    ).map((r) => r.code),
  );
  const problems = await problemsOf(
    db,
    cases.map((c) => c.id),
  );
  const numbered = (items: readonly string[]) =>
    items.map((t, i) => (items.length > 1 ? `${i + 1}. ${t}` : t)).join('；');
  const listed = cases.filter(
    (c) =>
      form === 'brief' ||
      (villageCodes.has(c.regionCode) &&
        isElectionDifficultVillage({
          category: c.category,
          criteria: c.criteria as RectificationCriterion[],
          keyFlags: c.keyFlags as KeyRectificationFlag[],
          electionPostponed: c.electionPostponed,
        })),
  );
  const rowOf = (c: CaseRow): BriefRow | ElectionRow => {
    const ps = (problems.get(c.id) ?? []).filter((p) => p.withdrawnAt === null);
    const base: BriefRow = {
      orgName: c.orgName,
      memberCount: c.memberCount,
      mainProblems: numbered(ps.map((p) => p.description)),
      secretaryName: c.secretaryName ?? '',
      secretaryContact: phoneFor(role, c.secretaryPhone) ?? '',
    };
    if (form === 'brief') return base;
    return {
      ...base,
      measures: numbered(ps.flatMap((p) => p.measures)),
      electionCompletionDate: c.electionCompletionDate
        ? formatChineseDate(c.electionCompletionDate)
        : '',
    };
  };
  const sheets = units.map((u) => ({
    filingUnit: u.name,
    rows: listed.filter((c) => unitOf(c.regionCode) === u.code).map(rowOf),
  }));
  return { base64: await buildListForm(form, sheets, filledOn), sheets: sheets.length };
}

export const rectificationRouter = createTRPCRouter({
  /**
   * The year's list for a region: every case with its progress as of today (closed, open and
   * overdue items, by the domain), the quota (≥ 10 % of village orgs, ≥ 5 % of community and
   * other-field orgs, from the region's policy) and whether the list meets it, per county when
   * the region is a city, the conversion so far, and how many of last year's unfinished cases
   * wait to be carried over. The figures are counted in SQL; the cases come whole unless
   * `pageSize` asks for one page of them (`itemsTotal` says how many there are).
   */
  list: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const today = chinaToday(ctx.now());
    const window =
      input.pageSize === undefined
        ? null
        : { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
    const [items, tally, counts, policy] = await Promise.all([
      caseItems(ctx.db, input.regionCode, input.year, today, window),
      caseTally(ctx.db, input.regionCode, input.year),
      quotaCounts(ctx.db, input.regionCode, input.year),
      loadPolicy(ctx.db, input.regionCode, input.year),
    ]);
    const quota = computeRectificationQuota(sumCounts([...counts.values()]), policy);
    const level = regionLevelOf(region.code);
    const byCounty =
      level === 'city' || level === 'province'
        ? await countyQuotas(ctx.db, region, input.year, counts, policy)
        : [];
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      today,
      items,
      /** Every case of the year (withdrawn ones included): `items` is one page of them when paged. */
      itemsTotal: tally.total,
      page: window ? input.page : 1,
      pageSize: window ? input.pageSize : null,
      quota: {
        ...quota,
        met: rectificationQuotaMet(quota),
        /** The quota rule in force, in people's words (follows the region's own values). */
        rule: rectificationQuotaText(policy),
        policyLabel: policy.label,
      },
      byCounty,
      conversion: checkRectificationConversion(
        { listed: tally.listed, converted: tally.accepted },
        policy,
      ),
      pendingCarryOver: tally.pendingCarryOver,
    };
  }),

  /** One case: the plan, every problem with its ledger (earlier years' entries included), progress. */
  byId: scopedProcedure.input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const { row, problems } = await loadCase(ctx.db, ctx.scope.code, input.id);
    const today = chinaToday(ctx.now());
    const domainCase = toDomainCase(row, problems);
    const progress = rectificationCaseProgress(domainCase, today);
    const overdue = new Map(progress.overdueItems.map((o) => [o.problemId, o.daysOverdue]));
    const entryRows = await caseEntries(ctx.db, row.id);
    const [{ fileCount, corrections }, history, later] = await Promise.all([
      caseFilesAndCorrections(
        ctx.db,
        row.id,
        entryRows.map((e) => e.id),
      ),
      caseHistory(ctx.db, row.id),
      carriedInto(ctx.db, row.id),
    ]);
    return {
      id: row.id,
      orgId: row.orgId,
      orgName: row.orgName,
      category: row.category,
      memberCount: row.memberCount,
      regionCode: row.regionCode,
      regionName: row.regionName,
      countyName: row.countyName,
      year: row.year,
      firstListedYear: row.firstListedYear,
      criteria: row.criteria as RectificationCriterion[],
      keyFlags: row.keyFlags as KeyRectificationFlag[],
      electionPostponed: row.electionPostponed,
      electionCompletionDate: row.electionCompletionDate,
      workTeam: { leader: row.workTeamLeader, members: row.workTeamMembers },
      leadingCadre: { name: row.leadingCadreName, post: row.leadingCadrePost },
      secretaryName: row.secretaryName,
      secretaryPhone: phoneFor(ctx.user.role, row.secretaryPhone) ?? '',
      acceptance: domainCase.acceptance ?? null,
      status: progress.status,
      statusLabel: row.withdrawnAt ? '已撤销' : CASE_STATUS_LABELS[progress.status],
      withdrawn: row.withdrawnAt
        ? { at: row.withdrawnAt, reason: row.withdrawnReason ?? '' }
        : null,
      /** Whether the plan may still be corrected (domain rules; the page offers the buttons). */
      correctable: row.status !== 'accepted' && row.withdrawnAt === null && later === null,
      corrections,
      closedItems: progress.closedItems,
      openItems: progress.openItems,
      today,
      problems: problems.map((p) => problemView(p, overdue, entryRows, fileCount)),
      history,
    };
  }),

  /** Lists an org for a year (one org, one plan: 002 §2): criteria, key flags, work team, problems. */
  create: scopedProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    const [org] = await ctx.db
      .select({
        id: orgs.id,
        name: orgs.name,
        category: orgs.category,
        regionCode: orgs.regionCode,
      })
      .from(orgs)
      .where(and(eq(orgs.id, input.orgId), inRegion(orgs.regionCode, ctx.scope.code)));
    if (!org) notFound(`党组织（编号 ${input.orgId}）`);
    const plan = {
      problems: input.problems.map((p, i) => ({ id: `new-${i + 1}`, ...p })),
      workTeam: input.workTeam,
      leadingCadre: input.leadingCadre,
    };
    // The domain checks the plan and the rules (a postponed election only for a village org).
    parseRectificationCase({
      id: 'new',
      orgId: String(org.id),
      orgName: org.name,
      year: input.year,
      category: org.category,
      criteria: input.criteria,
      keyFlags: input.keyFlags,
      electionPostponed: input.electionPostponed,
      plan,
    });
    const assessed = assessSoftAndLax({
      category: org.category,
      criteria: input.criteria,
      keyFlags: input.keyFlags,
    });
    const [existing] = await ctx.db
      .select({ id: rectificationCases.id })
      .from(rectificationCases)
      .where(and(eq(rectificationCases.orgId, org.id), eq(rectificationCases.year, input.year)));
    if (existing) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `${org.name}已列入 ${input.year} 年整顿对象（编号 ${existing.id}）`,
      });
    }
    const [created] = await ctx.db
      .insert(rectificationCases)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        year: input.year,
        firstListedYear: input.year,
        criteria: assessed.criteria,
        keyFlags: input.keyFlags,
        electionPostponed: input.electionPostponed,
        electionCompletionDate: input.electionCompletionDate ?? null,
        workTeamLeader: input.workTeam.leader,
        workTeamMembers: input.workTeam.members,
        leadingCadreName: input.leadingCadre.name,
        leadingCadrePost: input.leadingCadre.post,
        createdBy: ctx.user.id,
      })
      .returning({ id: rectificationCases.id });
    const caseId = defined(created).id;
    await ctx.db.insert(rectificationProblems).values(
      input.problems.map((p, i) => ({
        caseId,
        regionCode: org.regionCode,
        position: i + 1,
        ...p,
      })),
    );
    ctx.audit({
      target: `rectification_case:${caseId}`,
      regionCode: org.regionCode,
      before: null,
      after: { ...input, criteria: assessed.criteria, keyRectification: assessed.keyRectification },
    });
    return { id: caseId };
  }),

  /**
   * A dated ledger entry (台账) on one problem. Its files (the public-confirmation record, minutes,
   * photos) are kept with attachment.upload on the entry returned (issue 16: the old name-and-size
   * metadata is no longer accepted).
   */
  addEntry: scopedProcedure
    .input(
      z.object({
        problemId: idSchema,
        entryDate: isoDateSchema,
        note: textSchema(2000, '请填写进展情况'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row } = await loadCaseOfProblem(ctx.db, ctx.scope.code, input.problemId);
      await assertWritable(ctx.db, row);
      notAfterToday(input.entryDate, chinaToday(ctx.now()), '台账日期');
      const [entry] = await ctx.db
        .insert(rectificationEntries)
        .values({
          problemId: input.problemId,
          caseId: row.id,
          regionCode: row.regionCode,
          entryDate: input.entryDate,
          note: input.note,
          createdBy: ctx.user.id,
          createdByName: ctx.user.displayName,
        })
        .returning({ id: rectificationEntries.id });
      if (row.status === 'listed') {
        await ctx.db
          .update(rectificationCases)
          .set({ status: 'in_progress', updatedAt: ctx.now() })
          .where(eq(rectificationCases.id, row.id));
      }
      ctx.audit({
        target: `rectification_entry:${defined(entry).id}`,
        regionCode: row.regionCode,
        after: { caseId: row.id, ...input },
      });
      return { id: defined(entry).id };
    }),

  /**
   * Closes (销号) one problem. Only with a recorded public confirmation — who confirmed, how,
   * when, on what record (000 §1: 群众认可一件、销号一件); the domain refuses otherwise.
   */
  closeItem: scopedProcedure
    .input(
      z.object({
        problemId: idSchema,
        closedOn: isoDateSchema,
        publicConfirmation: confirmationInput.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row, problems } = await loadCaseOfProblem(ctx.db, ctx.scope.code, input.problemId);
      await assertWritable(ctx.db, row);
      const closed = closeRectificationItem(toDomainCase(row, problems), String(input.problemId), {
        closedOn: input.closedOn,
        publicConfirmation: input.publicConfirmation ?? undefined,
      });
      notAfterToday(input.closedOn, chinaToday(ctx.now()), '销号日期');
      const closure = defined(
        defined(closed.plan.problems.find((p) => p.id === String(input.problemId))).closure,
      );
      await ctx.db
        .update(rectificationProblems)
        .set({
          closedOn: closure.closedOn,
          confirmedBy: closure.publicConfirmation.confirmedBy,
          confirmedOn: closure.publicConfirmation.confirmedOn,
          confirmationMethod: closure.publicConfirmation.method,
          confirmationEvidence: closure.publicConfirmation.evidence,
          closedByUser: ctx.user.id,
        })
        .where(eq(rectificationProblems.id, input.problemId));
      if (row.status === 'listed') {
        await ctx.db
          .update(rectificationCases)
          .set({ status: 'in_progress', updatedAt: ctx.now() })
          .where(eq(rectificationCases.id, row.id));
      }
      ctx.audit({
        target: `rectification_problem:${input.problemId}`,
        regionCode: row.regionCode,
        before: { closedOn: null },
        after: closure,
      });
      return { problemId: input.problemId, closure };
    }),

  /**
   * Acceptance (考核验收, 002 §5) by the caller's level: a township account accepts as the
   * township, a county or city account as the county. Every item must be closed; a pass needs
   * the public's view heard (domain). A failed acceptance can be followed by another.
   */
  accept: scopedProcedure
    .input(
      z.object({
        caseId: idSchema,
        acceptedOn: isoDateSchema,
        passed: z.boolean(),
        publicOpinionHeard: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row, problems } = await loadCase(ctx.db, ctx.scope.code, input.caseId);
      await assertWritable(ctx.db, row);
      const by = ctx.user.role === 'township' ? 'township' : 'county';
      const accepted = acceptRectificationCase(toDomainCase(row, problems), {
        by,
        acceptedOn: input.acceptedOn,
        passed: input.passed,
        publicOpinionHeard: input.publicOpinionHeard,
      });
      notAfterToday(input.acceptedOn, chinaToday(ctx.now()), '验收日期');
      const a = defined(accepted.acceptance);
      await ctx.db
        .update(rectificationCases)
        .set({
          acceptanceBy: a.by,
          acceptedOn: a.acceptedOn,
          acceptancePassed: a.passed,
          publicOpinionHeard: a.publicOpinionHeard,
          acceptedByUser: ctx.user.id,
          status: a.passed ? 'accepted' : 'in_progress',
          updatedAt: ctx.now(),
        })
        .where(eq(rectificationCases.id, row.id));
      ctx.audit({
        target: `rectification_case:${row.id}`,
        regionCode: row.regionCode,
        before: { status: row.status, acceptance: toDomainCase(row, problems).acceptance ?? null },
        after: { status: a.passed ? 'accepted' : 'in_progress', acceptance: a },
      });
      return { id: row.id, acceptance: a };
    }),

  /**
   * 回头看 (000 §3): last year's cases of the region not accepted as passed (chosen by the domain's
   * carryOverCases) become this year's cases, with their plan and closed items; the old cases
   * stay as they were. Idempotent: a case already carried is skipped. One INSERT … SELECT for
   * the cases and their problems.
   */
  carryOver: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, toYear: yearSchema }))
    .mutation(async ({ ctx, input }) => {
      const rows = await selectCases(ctx.db).where(
        and(
          inRegion(rectificationCases.regionCode, input.regionCode),
          eq(rectificationCases.year, input.toYear - 1),
        ),
      );
      const problems = await problemsOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      const toCarry = carryOverCases(
        rows
          .filter((r) => r.withdrawnAt === null)
          .map((r) => toDomainCase(r, problems.get(r.id) ?? [])),
        input.toYear,
      ).map((c) => Number(c.id));
      let created: { id: number; from: number; regionCode: string }[] = [];
      if (toCarry.length > 0) {
        const result = await ctx.db.execute(sql`
          with new_cases as (
            insert into rectification_cases (org_id, region_code, year, first_listed_year, criteria,
              key_flags, election_postponed, election_completion_date, status, carried_over_from_id,
              work_team_leader, work_team_members, leading_cadre_name, leading_cadre_post, created_by)
            select org_id, region_code, ${input.toYear}, first_listed_year, criteria, key_flags,
              election_postponed, election_completion_date, 'in_progress', id, work_team_leader,
              work_team_members, leading_cadre_name, leading_cadre_post, ${ctx.user.id}::int
            from rectification_cases where id = any(${sql.param(toCarry)}::int[])
            on conflict (org_id, year) do nothing
            returning id, carried_over_from_id, region_code
          ),
          new_problems as (
            insert into rectification_problems (case_id, region_code, position, description, measures,
              goal, deadline, responsible_person, carried_from_problem_id, closed_on, confirmed_by,
              confirmed_on, confirmation_method, confirmation_evidence, closed_by_user)
            select n.id, p.region_code, p.position, p.description, p.measures, p.goal, p.deadline,
              p.responsible_person, p.id, p.closed_on, p.confirmed_by, p.confirmed_on,
              p.confirmation_method, p.confirmation_evidence, p.closed_by_user
            from new_cases n join rectification_problems p on p.case_id = n.carried_over_from_id
            where p.withdrawn_at is null
            returning id
          )
          select id, carried_over_from_id, region_code, (select count(*) from new_problems) as problems
          from new_cases
        `);
        created = (
          result as {
            rows: { id: number; carried_over_from_id: number; region_code: string }[];
          }
        ).rows.map((r) => ({
          id: Number(r.id),
          from: Number(r.carried_over_from_id),
          regionCode: r.region_code,
        }));
      }
      for (const c of created) {
        ctx.audit({
          target: `rectification_case:${c.id}`,
          regionCode: c.regionCode,
          before: { carriedOverFrom: c.from },
          after: { year: input.toYear, carriedOverFromId: c.from },
        });
      }
      if (created.length === 0) {
        ctx.audit({
          target: `rectification:${input.regionCode}:${input.toYear}`,
          regionCode: input.regionCode,
          after: { carryOver: 0, eligible: toCarry.length },
        });
      }
      return { carried: created.length, alreadyCarried: toCarry.length - created.length };
    }),

  // ----------------------------------------------------------------------------------------------
  // Corrections (issue 16): add a problem to a saved plan, correct what was entered wrongly,
  // withdraw a problem or a case. Never deleted: each keeps who, when and why in
  // rectification_corrections (the drawer's history), in one transaction with its audit row.
  // ----------------------------------------------------------------------------------------------

  /** Adds a problem (measures, goal, deadline, responsible person) to a saved plan. */
  addProblem: scopedProcedure
    .input(z.object({ caseId: idSchema, problem: problemInput, reason: correctionReasonSchema }))
    .mutation(async ({ ctx, input }) => {
      const { row, problems } = await loadCase(ctx.db, ctx.scope.code, input.caseId);
      await assertCorrectable(ctx.db, row);
      const position = Math.max(0, ...problems.map((p) => p.position)) + 1;
      const [made] = await ctx.db
        .insert(rectificationProblems)
        .values({ caseId: row.id, regionCode: row.regionCode, position, ...input.problem })
        .returning({ id: rectificationProblems.id });
      await recordCorrection(ctx, row, {
        kind: 'add_problem',
        problemId: defined(made).id,
        reason: input.reason,
        before: null,
        after: { position, ...input.problem },
      });
      return { id: defined(made).id, position };
    }),

  /** Corrects fields of an open problem entered wrongly; the previous values are kept. */
  correctProblem: scopedProcedure
    .input(
      z.object({
        problemId: idSchema,
        reason: correctionReasonSchema,
        description: problemInput.shape.description.optional(),
        measures: problemInput.shape.measures.optional(),
        goal: problemInput.shape.goal.optional(),
        deadline: isoDateSchema.optional(),
        responsiblePerson: problemInput.shape.responsiblePerson.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row, problem } = await loadProblemForCorrection(
        ctx.db,
        ctx.scope.code,
        input.problemId,
      );
      const { problemId: _p, reason, ...patch } = input;
      const diff = correctionDiff(
        {
          description: problem.description,
          measures: problem.measures,
          goal: problem.goal,
          deadline: problem.deadline,
          responsiblePerson: problem.responsiblePerson,
        },
        patch,
      );
      await ctx.db
        .update(rectificationProblems)
        .set(diff.after)
        .where(eq(rectificationProblems.id, problem.id));
      await recordCorrection(ctx, row, {
        kind: 'correct_problem',
        problemId: problem.id,
        reason,
        ...diff,
      });
      return { id: problem.id, changed: Object.keys(diff.after) };
    }),

  /**
   * Corrects the case's own fields entered wrongly (criteria, key flags, election, work team,
   * leading cadre); the previous values are kept. The criteria are checked again by the domain.
   */
  correctCase: scopedProcedure
    .input(
      z.object({
        caseId: idSchema,
        reason: correctionReasonSchema,
        criteria: createInput.shape.criteria.optional(),
        keyFlags: z.array(keyRectificationFlagSchema).optional(),
        electionPostponed: z.boolean().optional(),
        electionCompletionDate: isoDateSchema.nullable().optional(),
        workTeam: createInput.shape.workTeam.optional(),
        leadingCadre: createInput.shape.leadingCadre.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row, problems } = await loadCase(ctx.db, ctx.scope.code, input.caseId);
      await assertCorrectable(ctx.db, row);
      const current = {
        criteria: row.criteria,
        keyFlags: row.keyFlags,
        electionPostponed: row.electionPostponed,
        electionCompletionDate: row.electionCompletionDate,
        workTeamLeader: row.workTeamLeader,
        workTeamMembers: row.workTeamMembers,
        leadingCadreName: row.leadingCadreName,
        leadingCadrePost: row.leadingCadrePost,
      };
      const criteria = input.criteria
        ? assessSoftAndLax({
            category: row.category,
            criteria: input.criteria,
            keyFlags: input.keyFlags ?? (row.keyFlags as KeyRectificationFlag[]),
          }).criteria
        : undefined;
      const diff = correctionDiff(current, {
        criteria,
        keyFlags: input.keyFlags,
        electionPostponed: input.electionPostponed,
        electionCompletionDate: input.electionCompletionDate,
        workTeamLeader: input.workTeam?.leader,
        workTeamMembers: input.workTeam?.members,
        leadingCadreName: input.leadingCadre?.name,
        leadingCadrePost: input.leadingCadre?.post,
      });
      const next = { ...row, ...current, ...diff.after };
      // The domain checks the corrected case as a whole (a postponed election only for a village).
      parseRectificationCase(toDomainCase(next, problems));
      await ctx.db
        .update(rectificationCases)
        .set({ ...diff.after, updatedAt: ctx.now() })
        .where(eq(rectificationCases.id, row.id));
      await recordCorrection(ctx, row, { kind: 'correct_case', reason: input.reason, ...diff });
      return { id: row.id, changed: Object.keys(diff.after) };
    }),

  /** Withdraws an open problem entered by mistake: kept, marked withdrawn, no longer in the plan. */
  withdrawProblem: scopedProcedure
    .input(z.object({ problemId: idSchema, reason: correctionReasonSchema }))
    .mutation(async ({ ctx, input }) => {
      const { row, problem, problems } = await loadProblemForCorrection(
        ctx.db,
        ctx.scope.code,
        input.problemId,
      );
      assertProblemWithdrawable(problems.filter((p) => p.withdrawnAt === null).length);
      const at = ctx.now();
      await ctx.db
        .update(rectificationProblems)
        .set({ withdrawnAt: at, withdrawnReason: input.reason, withdrawnBy: ctx.user.id })
        .where(eq(rectificationProblems.id, problem.id));
      await recordCorrection(ctx, row, {
        kind: 'withdraw_problem',
        problemId: problem.id,
        reason: input.reason,
        before: { withdrawn: false, description: problem.description },
        after: { withdrawn: true },
      });
      return { id: problem.id, withdrawnAt: at };
    }),

  /**
   * Withdraws a case listed by mistake: kept with who, when and why; no longer counted for the
   * quota, the conversion, the carry-over or the report forms.
   */
  withdrawCase: scopedProcedure
    .input(z.object({ caseId: idSchema, reason: correctionReasonSchema }))
    .mutation(async ({ ctx, input }) => {
      const { row } = await loadCase(ctx.db, ctx.scope.code, input.caseId);
      await assertCorrectable(ctx.db, row);
      const at = ctx.now();
      await ctx.db
        .update(rectificationCases)
        .set({
          withdrawnAt: at,
          withdrawnReason: input.reason,
          withdrawnBy: ctx.user.id,
          updatedAt: at,
        })
        .where(eq(rectificationCases.id, row.id));
      await recordCorrection(ctx, row, {
        kind: 'withdraw_case',
        reason: input.reason,
        before: { withdrawn: false, status: row.status },
        after: { withdrawn: true },
      });
      return { id: row.id, withdrawnAt: at };
    }),

  /**
   * The report forms of 002 as .xlsx: 附件1 汇总表 (summary), 附件2 一览表 (brief), 附件3 换届
   * 选举难点村 (election). A city's export has one sheet per county (filing unit), plus the
   * city's own total in 附件1. Figures come from the orgs and the year's cases (one query each),
   * counted by the domain's summarizeSoftAndLax.
   */
  exportForm: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema, form: formSchema }))
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const filing = await filingUnits(ctx.db, region);
      const filledOn = formatChineseDate(chinaToday(ctx.now()));
      const filename = `${region.name}${input.year}年附件${FORM_NUMBERS[input.form]}${FORM_TITLES[input.form]}.xlsx`;
      const form =
        input.form === 'summary'
          ? await summaryForm(ctx.db, region, input.year, filing, filledOn)
          : await listForm(ctx.db, region, input.year, input.form, filing, filledOn, ctx.user.role);
      return { filename, ...form };
    }),
});
