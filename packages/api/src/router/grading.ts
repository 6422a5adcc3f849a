import { type Database, inRegion, likeContains } from '@dangjian/db';
import { orgGrades, orgs, people, regions, users } from '@dangjian/db/schema';
import {
  fieldCategorySchema,
  gradeSchema,
  orgKindSchema,
  pagingSchema,
  regionCodeSchema,
  yearSchema,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, count, desc, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { notFound } from '../errors';
import { idSchema, searchSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import {
  mergeGrades,
  mergeGradesAudited,
  type GradeChange,
  type GradeWrite,
} from '../queries/grade-merge';
import { createTRPCRouter, scopedProcedure, type AuditEntry, type SessionUser } from '../trpc';
import {
  buildGradingSheet,
  MAX_REASON_LENGTH,
  parseGradingSheet,
  validateGradingRows,
} from '../xlsx/grading-sheet';
import { importFileSchema } from '../xlsx/workbook';

/**
 * Most orgs one bulk grading may change. An import is bounded by MAX_SHEET_ROWS instead (a whole
 * province's sheet: the grades and their audit rows are written by one statement).
 */
export const MAX_BULK_ORGS = 5000;

const current = alias(orgGrades, 'current_grade');
const lastYear = alias(orgGrades, 'last_year_grade');

const reasonSchema = z
  .string()
  .trim()
  .max(MAX_REASON_LENGTH, `理由不能超过 ${MAX_REASON_LENGTH} 个字`);

const listInput = pagingSchema.extend({
  regionCode: regionCodeSchema,
  year: yearSchema,
  search: searchSchema,
  kind: orgKindSchema.optional(),
  category: fieldCategorySchema.optional(),
  ungradedOnly: z.boolean().optional(),
});

/** Orgs of a region with their current grade for `year` and for `year - 1`: one query, two joins. */
function gradedOrgs(db: Database, year: number) {
  return db
    .select({
      id: orgs.id,
      name: orgs.name,
      kind: orgs.kind,
      category: orgs.category,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      secretaryName: people.name,
      grade: current.grade,
      reason: current.reason,
      gradedAt: current.gradedAt,
      lastYearGrade: lastYear.grade,
    })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(people, eq(people.id, orgs.secretaryId))
    .leftJoin(
      current,
      and(eq(current.orgId, orgs.id), eq(current.year, year), isNull(current.supersededAt)),
    )
    .leftJoin(
      lastYear,
      and(eq(lastYear.orgId, orgs.id), eq(lastYear.year, year - 1), isNull(lastYear.supersededAt)),
    );
}

interface WriteContext {
  db: Database;
  user: SessionUser;
  now: () => Date;
  audit: (entry: AuditEntry) => void;
}

/** The audit entries of grades written by `mergeGrades`: one per changed org, before and after. */
function auditChanges(
  audit: (entry: AuditEntry) => void,
  year: number,
  changes: readonly GradeChange[],
): void {
  for (const c of changes) {
    audit({
      target: `org:${c.orgId}`,
      regionCode: c.regionCode,
      before: c.old ? { year, grade: c.old.grade, reason: c.old.reason, gradeId: c.old.id } : null,
      after: { year, grade: c.grade, reason: c.reason, gradeId: c.newId },
    });
  }
}

/**
 * Grades orgs for a year, keeping history (see `mergeGrades`: one statement), with an audit entry
 * per change. Rows whose grade and reason are already current are left alone.
 */
async function writeGrades(
  ctx: WriteContext,
  year: number,
  rows: readonly GradeWrite[],
): Promise<{ changed: number; unchanged: number }> {
  const { changes, unchanged } = await mergeGrades(ctx.db, {
    year,
    user: ctx.user,
    at: ctx.now(),
    rows,
  });
  auditChanges(ctx.audit, year, changes);
  return { changed: changes.length, unchanged };
}

/**
 * Those of `ids` that name no org inside `regionCode` the caller can see (RLS): one query that
 * answers only the exceptions (usually none), not a row per org.
 */
async function orgsOutside(
  db: Database,
  ids: readonly number[],
  regionCode: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result: unknown = await db.execute(sql`
    select u.id from unnest(${sql.param([...ids])}::int[]) as u(id)
    where not exists (
      select 1 from ${orgs} where ${orgs.id} = u.id and ${inRegion(orgs.regionCode, regionCode)}
    )`);
  // Both drivers (node-postgres and PGlite) answer raw SQL with `{ rows }`.
  return new Set((result as { rows: { id: number }[] }).rows.map((r) => Number(r.id)));
}

function listOfIds(ids: readonly number[]): string {
  const shown = ids.slice(0, 20).join('、');
  return ids.length > 20 ? `${shown} 等 ${ids.length} 个` : shown;
}

export const gradingRouter = createTRPCRouter({
  /** Orgs of a region with this year's and last year's grade, filtered and paged, plus counts by grade. */
  list: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const region = inRegion(orgs.regionCode, input.regionCode);
    const filters: SQL[] = [region];
    if (input.search) filters.push(ilike(orgs.name, likeContains(input.search)));
    if (input.kind) filters.push(eq(orgs.kind, input.kind));
    if (input.category) filters.push(eq(orgs.category, input.category));
    if (input.ungradedOnly) filters.push(isNull(current.id));
    const where = and(...filters);
    const currentJoin = and(
      eq(current.orgId, orgs.id),
      eq(current.year, input.year),
      isNull(current.supersededAt),
    );
    const [items, [total], byGrade] = await Promise.all([
      gradedOrgs(ctx.db, input.year)
        .where(where)
        .orderBy(asc(orgs.regionCode), asc(orgs.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(orgs).leftJoin(current, currentJoin).where(where),
      ctx.db
        .select({ grade: current.grade, n: count() })
        .from(orgs)
        .leftJoin(current, currentJoin)
        .where(region)
        .groupBy(current.grade),
    ]);
    const summary = { good: 0, fair: 0, average: 0, poor: 0, ungraded: 0 };
    for (const g of byGrade) summary[g.grade ?? 'ungraded'] = g.n;
    return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize, summary };
  }),

  /** Grades one org for a year (a correction supersedes the current grade, keeping it in the history). */
  set: scopedProcedure
    .input(
      z.object({
        orgId: idSchema,
        year: yearSchema,
        grade: gradeSchema,
        reason: reasonSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const outside = await orgsOutside(ctx.db, [input.orgId], ctx.scope.code);
      if (outside.has(input.orgId)) {
        notFound(`党组织（编号 ${input.orgId}）`);
      }
      const result = await writeGrades(ctx, input.year, [
        {
          orgId: input.orgId,
          grade: input.grade,
          reason: input.reason === undefined || input.reason === '' ? null : input.reason,
        },
      ]);
      if (result.changed === 0)
        ctx.audit({ target: `org:${input.orgId}`, after: { year: input.year, unchanged: true } });
      return result;
    }),

  /** Grades many orgs of a region at once with one grade and one reason (set-based, one transaction). */
  bulkSet: scopedProcedure
    .input(
      z.object({
        regionCode: regionCodeSchema,
        year: yearSchema,
        grade: gradeSchema,
        reason: reasonSchema.min(1, '批量定级须填写理由'),
        orgIds: z
          .array(idSchema)
          .min(1, '请至少选择一个党组织')
          .max(MAX_BULK_ORGS, `一次最多为 ${MAX_BULK_ORGS} 个党组织定级`),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const ids = [...new Set(input.orgIds)];
      const outside = await orgsOutside(ctx.db, ids, input.regionCode);
      const missing = ids.filter((id) => outside.has(id));
      if (missing.length > 0) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `以下党组织不存在或不在所选区域内，未作任何修改：编号 ${listOfIds(missing)}`,
        });
      }
      const result = await writeGrades(
        ctx,
        input.year,
        ids.map((orgId) => ({ orgId, grade: input.grade, reason: input.reason })),
      );
      if (result.changed === 0) {
        ctx.audit({
          target: `grading:${input.regionCode}:${input.year}`,
          regionCode: input.regionCode,
          after: result,
        });
      }
      return result;
    }),

  /** Every grade row of an org over the years, superseded ones included, with who graded and when. */
  history: scopedProcedure.input(z.object({ orgId: idSchema })).query(async ({ ctx, input }) => {
    const [org] = await ctx.db
      .select({
        id: orgs.id,
        name: orgs.name,
        regionCode: orgs.regionCode,
        regionName: regions.name,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(and(eq(orgs.id, input.orgId), inRegion(orgs.regionCode, ctx.scope.code)));
    if (!org) notFound(`党组织（编号 ${input.orgId}）`);
    const rows = await ctx.db
      .select({
        id: orgGrades.id,
        year: orgGrades.year,
        grade: orgGrades.grade,
        reason: orgGrades.reason,
        gradedAt: orgGrades.gradedAt,
        gradedBy: orgGrades.gradedBy,
        // Accounts of a higher level are outside a lower level's scope (RLS): then only the id shows.
        gradedByName: users.displayName,
        gradedByUsername: users.username,
        supersededAt: orgGrades.supersededAt,
        supersededBy: orgGrades.supersededBy,
      })
      .from(orgGrades)
      .leftJoin(users, eq(users.id, orgGrades.gradedBy))
      .where(eq(orgGrades.orgId, input.orgId))
      .orderBy(desc(orgGrades.year), desc(orgGrades.gradedAt), desc(orgGrades.id));
    return { org, rows };
  }),

  /** The grading sheet of a region and year (.xlsx, Chinese headings); it re-imports unchanged. */
  exportSheet: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const rows = await gradedOrgs(ctx.db, input.year)
        .where(inRegion(orgs.regionCode, input.regionCode))
        .orderBy(asc(orgs.regionCode), asc(orgs.id));
      const base64 = await buildGradingSheet(
        input.year,
        rows.map((r) => ({ ...r, orgId: r.id })),
      );
      return {
        filename: `${region.name}${input.year}年度分类定级.xlsx`,
        base64,
        rowCount: rows.length,
      };
    }),

  /**
   * Imports a filled-in grading sheet. Every row is checked first; if any is wrong, nothing is
   * written and the answer lists each problem by row and column. Otherwise all changes are
   * written in this one transaction (rows already current, or with 本年等次 empty, are skipped).
   */
  importSheet: regionProcedure
    .input(
      z.object({
        regionCode: regionCodeSchema,
        year: yearSchema,
        base64: importFileSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { region } = ctx;
      const summaryTarget = `grading:${input.regionCode}:${input.year}`;
      const parsed = await parseGradingSheet(input.base64);
      const ids = [
        ...new Set(
          parsed.rows.flatMap((r) => (/^\d{1,9}$/.test(r.orgId) ? [Number(r.orgId)] : [])),
        ),
      ];
      // Orgs outside the region (or the caller's scope) are row errors, like any other.
      const outside = await orgsOutside(ctx.db, ids, input.regionCode);
      const checked = validateGradingRows(parsed.rows, (id) => !outside.has(id), region.name);
      const errors = [...parsed.issues, ...checked.issues].sort((a, b) => a.row - b.row);
      if (errors.length > 0) {
        ctx.audit({
          target: summaryTarget,
          regionCode: input.regionCode,
          after: { import: 'rejected', rows: parsed.rows.length, errors: errors.length },
        });
        return { ok: false as const, rowCount: parsed.rows.length, errors };
      }
      const graded = checked.valid.flatMap((r) =>
        r.grade ? [{ orgId: r.orgId, grade: r.grade, reason: r.reason }] : [],
      );
      const result = await mergeGradesAudited(
        ctx.db,
        { year: input.year, user: ctx.user, at: ctx.now(), rows: graded },
        { procedure: 'grading.importSheet', user: ctx.user, ip: ctx.ip },
      );
      const counts = { ...result, skipped: checked.valid.length - graded.length };
      ctx.audit({
        target: summaryTarget,
        regionCode: input.regionCode,
        after: { import: 'written', rows: parsed.rows.length, ...counts },
      });
      return { ok: true as const, rowCount: parsed.rows.length, ...counts };
    }),
});
