import type { Database } from '@dangjian/db';
import type { Grade } from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../trpc';

/*
 * Writing grades for a year with their history: one statement for a province's 35,000 orgs as
 * for one org. The rows come in as three arrays; the statement finds each org's current grade,
 * leaves alone the rows whose grade and reason are already current, supersedes the current row
 * of each changed org (who/when, linked to its successor), inserts the new rows and, for an
 * import, writes one audit row per changed org with before and after.
 */

export interface GradeWrite {
  orgId: number;
  grade: Grade;
  reason: string | null;
}

/** One changed org: its new grade row and the current row it superseded (null: first grade). */
export interface GradeChange {
  orgId: number;
  regionCode: string;
  newId: number;
  grade: Grade;
  reason: string | null;
  old: { id: number; grade: Grade; reason: string | null } | null;
}

/** Who writes, when and from where: the audit rows the statement writes itself. */
export interface InlineAudit {
  procedure: string;
  user: Pick<SessionUser, 'id' | 'username' | 'role' | 'regionCode'>;
  ip: string | null;
}

export interface MergeInput {
  year: number;
  user: Pick<SessionUser, 'id' | 'username' | 'role' | 'regionCode'>;
  at: Date;
  rows: readonly GradeWrite[];
}

/**
 * The characters JavaScript's String.prototype.trim removes (WhiteSpace and LineTerminator), so
 * that SQL compares reasons exactly as `sameReason` does: CR LF and CR are one line break,
 * surrounding space does not count, empty is no reason.
 */
const TRIM_CHARS =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a' +
  '\u2028\u2029\u202f\u205f\u3000\ufeff';

function normalReason(column: SQL): SQL {
  return sql`btrim(replace(replace(coalesce(${column}, ''), E'\\r\\n', E'\\n'), E'\\r', E'\\n'), ${TRIM_CHARS}::text)`;
}

/**
 * The rows as a relation: three arrays unnested inside the statement itself. COPY into a
 * temporary table read by the same statement was measured too (30,000 rows, both drivers): no
 * faster beyond the machine's noise, and on PGlite COPY FROM '/dev/blob' needs
 * pg_read_server_files, which the scoped transaction's role does not have and must not get.
 */
function unnestSource(rows: readonly GradeWrite[]): SQL {
  return sql`select * from unnest(
        ${sql.param(rows.map((r) => r.orgId))}::int[],
        ${sql.param(rows.map((r) => r.grade))}::text[],
        ${sql.param(rows.map((r) => r.reason))}::text[]
      ) as s(org_id, grade, reason)`;
}

/**
 * The statement's common part: `src` (the rows), `v` (those naming an org the caller can see,
 * with its region), `changed` (those whose grade or reason differ from the current row, each
 * with the id its new row will take), `superseded` and `ins` (the writes). `ins` runs after
 * `superseded` has finished (its one-time filter reads all of it): the current-grade unique index
 * would otherwise meet the old current row still current. The new ids are drawn first so the old
 * row can point at its successor in the same update (foreign keys are checked at the statement's
 * end, when the successor exists).
 */
function mergeCtes(input: MergeInput): SQL {
  const at = input.at.toISOString();
  return sql`
    with src as (${unnestSource(input.rows)}),
    v as (
      select o.id as org_id, o.region_code, s.grade::grade as grade, s.reason
      from src s join orgs o on o.id = s.org_id
    ),
    cur as (
      select g.id, g.org_id, g.grade, g.reason from org_grades g
      where g.org_id in (select org_id from v) and g.year = ${input.year}::smallint
        and g.superseded_at is null
    ),
    changed as materialized (
      select v.org_id, v.region_code, v.grade, v.reason,
        c.id as old_id, c.grade as old_grade, c.reason as old_reason,
        nextval('org_grades_id_seq'::regclass)::int as new_id
      from v left join cur c on c.org_id = v.org_id
      where c.id is null or c.grade <> v.grade
        or ${normalReason(sql`c.reason`)} <> ${normalReason(sql`v.reason`)}
    ),
    superseded as (
      update org_grades g set superseded_at = ${at}::timestamptz, superseded_by = c.new_id
      from changed c where g.id = c.old_id and g.superseded_at is null
      returning g.id
    ),
    ins as (
      insert into org_grades (id, org_id, region_code, year, grade, reason, graded_by, graded_at)
      overriding system value
      select c.new_id, c.org_id, c.region_code, ${input.year}::smallint, c.grade, c.reason,
        ${input.user.id}::int, ${at}::timestamptz
      from changed c
      where (select count(*) from superseded) >= 0
    )`;
}

/** One audit row per changed org, with before and after as `AuditEntry` writes them. */
function auditCte(input: MergeInput, audit: InlineAudit): SQL {
  const { user } = audit;
  return sql`,
    audited as (
      insert into audit_log
        (at, user_id, username, role, actor_region_code, region_code, procedure, target, before, after, ip)
      select ${input.at.toISOString()}::timestamptz, ${user.id}::int, ${user.username}::text,
        ${user.role}::role, ${user.regionCode}::text, c.region_code, ${audit.procedure}::text,
        'org:' || c.org_id,
        case when c.old_id is null then null else jsonb_build_object(
          'year', ${input.year}::int, 'grade', c.old_grade, 'reason', c.old_reason, 'gradeId', c.old_id
        ) end,
        jsonb_build_object(
          'year', ${input.year}::int, 'grade', c.grade, 'reason', c.reason, 'gradeId', c.new_id
        ),
        ${audit.ip}::inet
      from changed c
    )`;
}

/** The pg error code of a failed query (drizzle wraps the driver's error in `cause`). */
function pgCode(e: unknown): string | undefined {
  for (
    let err: unknown = e;
    err && typeof err === 'object';
    err = (err as { cause?: unknown }).cause
  ) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

async function run<T>(db: Database, query: SQL): Promise<T[]> {
  try {
    // Both drivers (node-postgres and PGlite) answer raw SQL with `{ rows }`.
    const result: unknown = await db.execute(query);
    return (result as { rows: T[] }).rows;
  } catch (e) {
    if (pgCode(e) === '23505') {
      throw new TRPCError({
        code: 'CONFLICT',
        message: '其他用户正在同时为这些党组织定级，请刷新后重试',
        cause: e,
      });
    }
    throw e;
  }
}

/** Some org was not found (or is outside the caller's scope): nothing may stay written. */
function notAllFound(found: number, wanted: number): void {
  if (found !== wanted) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: '部分党组织不存在或不在本辖区内，未作任何修改',
    });
  }
}

/**
 * Writes the grades and returns each change (for the caller's audit entries). The rows must name
 * distinct orgs; one the caller cannot see throws NOT_FOUND (the transaction then rolls back).
 */
export async function mergeGrades(
  db: Database,
  input: MergeInput,
): Promise<{ changes: GradeChange[]; unchanged: number }> {
  if (input.rows.length === 0) return { changes: [], unchanged: 0 };
  const rows = await run<{
    found: number;
    org_id: number | null;
    region_code: string | null;
    new_id: number | null;
    grade: Grade | null;
    reason: string | null;
    old_id: number | null;
    old_grade: Grade | null;
    old_reason: string | null;
  }>(
    db,
    sql`${mergeCtes(input)}
    select (select count(*) from v)::int as found, c.org_id, c.region_code, c.new_id, c.grade,
      c.reason, c.old_id, c.old_grade, c.old_reason
    from (select 1) one left join changed c on true`,
  );
  notAllFound(rows[0]?.found ?? 0, input.rows.length);
  const changes = rows.flatMap((r) =>
    r.org_id === null || r.region_code === null || r.new_id === null || r.grade === null
      ? []
      : [
          {
            orgId: Number(r.org_id),
            regionCode: r.region_code,
            newId: Number(r.new_id),
            grade: r.grade,
            reason: r.reason,
            old:
              r.old_id === null || r.old_grade === null
                ? null
                : { id: Number(r.old_id), grade: r.old_grade, reason: r.old_reason },
          },
        ],
  );
  return { changes, unchanged: input.rows.length - changes.length };
}

/**
 * Writes the grades and their audit rows (one per changed org, as `mergeGrades`' caller would
 * record them) in one statement; returns the counts. For an import of a whole province, where
 * 30,000 audit entries built in JavaScript cost more than the grades themselves.
 */
export async function mergeGradesAudited(
  db: Database,
  input: MergeInput,
  audit: InlineAudit,
): Promise<{ changed: number; unchanged: number }> {
  if (input.rows.length === 0) return { changed: 0, unchanged: 0 };
  const [counts] = await run<{ found: number; changed: number }>(
    db,
    sql`${mergeCtes(input)}${auditCte(input, audit)}
    select (select count(*) from v)::int as found, (select count(*) from changed)::int as changed`,
  );
  notAllFound(counts?.found ?? 0, input.rows.length);
  const changed = counts?.changed ?? 0;
  return { changed, unchanged: input.rows.length - changed };
}
