import { defined, inRegion, likeContains } from '@dangjian/db';
import { auditLog, orgs, people, regions, trainingClasses, users } from '@dangjian/db/schema';
import {
  auditActorLabel,
  auditTargetLabel,
  describeAuditChanges,
  pagingSchema,
  parseAuditTarget,
  procedureLabel,
  regionCodeSchema,
  regionCodesIn,
  ROLE_LABELS,
} from '@dangjian/domain';
import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '@dangjian/db';
import { createTRPCRouter, scopedProcedure } from '../trpc';

const auditListInput = pagingSchema.extend({
  regionCode: regionCodeSchema.optional(),
  username: z.string().trim().max(64, '用户名：最多 64 个字符').optional(),
  /** Who: part of the account's name, its person's name, or the exact username. */
  person: z.string().trim().max(64, '操作人：最多 64 个字符').optional(),
  procedure: z.string().trim().max(100, '操作：最多 100 个字符').optional(),
  target: z.string().trim().max(100, '对象：最多 100 个字符').optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

const actorRegion = alias(regions, 'actor_region');
const targetRegion = alias(regions, 'target_region');
const actor = alias(users, 'actor');
const actorPerson = alias(people, 'actor_person');

/** Names of the records the targets point at, for the kinds that are cheap to name. */
async function targetNames(db: Database, targets: (string | null)[]) {
  const ids = new Map<string, Set<number>>();
  for (const t of targets) {
    const p = parseAuditTarget(t);
    if (p?.id == null) continue;
    if (!ids.has(p.kind)) ids.set(p.kind, new Set());
    defined(ids.get(p.kind)).add(p.id);
  }
  const list = (kind: string) => [...(ids.get(kind) ?? [])];
  const lookups: [string, Promise<{ id: number; name: string }[]>][] = [];
  if (list('user').length > 0) {
    lookups.push([
      'user',
      db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, list('user'))),
    ]);
  }
  if (list('org').length > 0) {
    lookups.push([
      'org',
      db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(inArray(orgs.id, list('org'))),
    ]);
  }
  if (list('person').length > 0) {
    lookups.push([
      'person',
      db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(inArray(people.id, list('person'))),
    ]);
  }
  if (list('training_class').length > 0) {
    lookups.push([
      'training_class',
      db
        .select({ id: trainingClasses.id, name: trainingClasses.name })
        .from(trainingClasses)
        .where(inArray(trainingClasses.id, list('training_class'))),
    ]);
  }
  const names = new Map<string, string>();
  const results = await Promise.all(lookups.map(([, q]) => q));
  lookups.forEach(([kind], i) => {
    for (const r of defined(results[i])) names.set(`${kind}:${r.id}`, r.name);
  });
  return (target: string | null) => {
    const p = parseAuditTarget(target);
    return p?.id == null ? null : (names.get(`${p.kind}:${p.id}`) ?? null);
  };
}

/** The list's filters, inside the region asked for (the caller's own by default). */
function auditFilters(input: z.infer<typeof auditListInput>, scopeCode: string) {
  const filters: SQL[] = [inRegion(auditLog.regionCode, input.regionCode ?? scopeCode)];
  if (input.username) filters.push(eq(auditLog.username, input.username));
  if (input.person) {
    const like = likeContains(input.person);
    filters.push(
      defined(
        or(
          eq(auditLog.username, input.person),
          ilike(actor.displayName, like),
          ilike(actorPerson.name, like),
        ),
      ),
    );
  }
  if (input.procedure) filters.push(eq(auditLog.procedure, input.procedure));
  if (input.target) filters.push(eq(auditLog.target, input.target));
  if (input.from) filters.push(gte(auditLog.at, input.from));
  if (input.to) filters.push(lt(auditLog.at, input.to));
  return and(...filters);
}

/** One page of entries, newest first, with the names of the actor and regions; and the total. */
async function auditPage(
  db: Database,
  where: SQL | undefined,
  page: { page: number; pageSize: number },
) {
  const rowsQuery = db
    .select({
      log: auditLog,
      actorName: actor.displayName,
      actorPersonName: actorPerson.name,
      actorRegionName: actorRegion.name,
      regionName: targetRegion.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.userId))
    .leftJoin(actorPerson, eq(actorPerson.id, actor.personId))
    .leftJoin(actorRegion, eq(actorRegion.code, auditLog.actorRegionCode))
    .leftJoin(targetRegion, eq(targetRegion.code, auditLog.regionCode));
  const [rows, [total]] = await Promise.all([
    rowsQuery
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: count() })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.userId))
      .leftJoin(actorPerson, eq(actorPerson.id, actor.personId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

type AuditRow = Awaited<ReturnType<typeof auditPage>>['rows'][number];

/** Names of the region codes that the entries' before and after values hold. */
async function regionNamesIn(db: Database, rows: readonly AuditRow[]) {
  const codes = [
    ...new Set(
      rows.flatMap((r) => [...regionCodesIn(r.log.before), ...regionCodesIn(r.log.after)]),
    ),
  ];
  const codeNames =
    codes.length > 0
      ? await db
          .select({ code: regions.code, name: regions.name })
          .from(regions)
          .where(inArray(regions.code, codes))
      : [];
  return new Map(codeNames.map((r) => [r.code, r.name]));
}

/** An entry in people's words, with the raw values kept for filters and tests. */
function shownEntry(
  { log, actorName, actorPersonName, actorRegionName, regionName: rn }: AuditRow,
  nameOfTarget: (target: string | null) => string | null,
  regionName: ReadonlyMap<string, string>,
) {
  return {
    id: log.id,
    at: log.at,
    // Raw values for filters and tests; the page shows the words below.
    username: log.username,
    procedure: log.procedure,
    regionCode: log.regionCode,
    target: log.target,
    who: auditActorLabel(actorPersonName ?? actorName ?? log.username, log.role, actorRegionName),
    roleLabel: log.role ? ROLE_LABELS[log.role] : null,
    action: procedureLabel(log.procedure),
    regionName: rn ?? (log.regionCode ? '（区划）' : '—'),
    targetLabel: auditTargetLabel(log.target, nameOfTarget(log.target)),
    changes: describeAuditChanges(log.before, log.after, (c) => regionName.get(c)),
    ip: log.ip,
  };
}

export const auditRouter = createTRPCRouter({
  /**
   * The audit log of changes inside the caller's region, newest first, with filters. Each row in
   * people's words: who (name and unit), the action, the region's name, the target's name and the
   * changed fields; the raw procedure, username and codes stay for filters and tests only.
   */
  list: scopedProcedure.input(auditListInput).query(async ({ ctx, input }) => {
    const { rows, total } = await auditPage(ctx.db, auditFilters(input, ctx.scope.code), input);
    const [nameOfTarget, regionName] = await Promise.all([
      targetNames(
        ctx.db,
        rows.map((r) => r.log.target),
      ),
      regionNamesIn(ctx.db, rows),
    ]);
    const items = rows.map((row) => shownEntry(row, nameOfTarget, regionName));
    return { items, total, page: input.page, pageSize: input.pageSize };
  }),
});
