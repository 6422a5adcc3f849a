import type { Database } from '@dangjian/db';
import {
  orgChanges,
  orgs,
  people,
  regions,
  secretaryAppointments,
  type OrgRow,
} from '@dangjian/db/schema';
import {
  chinaToday,
  assertNominationAllowed,
  fieldCategorySchema,
  isoDateSchema,
  regionCodeSchema,
  yearOf,
  type RegionCode,
} from '@dangjian/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { policyByCounty, stagnantVillages } from '../orglife';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure, type SessionUser } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import { termLines, type TermLine, termSummary } from '../queries/terms';

/**
 * 按期换届 (000 §8; 长期不换届 is criterion (4) of 002 §1): organisations whose term has ended
 * without re-election, by region, as of today — except soft-and-lax village orgs whose election
 * was postponed to rectify first (002 §1), shown as postponed (termStatus). For a rural village
 * the two-year rule of member development (001 §11) says whether its sitting secretary may be
 * nominated for the next term; recording an election enforces it (assertNominationAllowed).
 */

const listInput = z.object({
  regionCode: regionCodeSchema,
  status: z.enum(['overdue', 'postponed']).optional(),
  category: fieldCategorySchema.optional(),
});

function filtered(lines: readonly TermLine[], input: z.infer<typeof listInput>) {
  return lines.filter(
    (l) =>
      (!input.status || l.status === input.status) &&
      (!input.category || l.category === input.category),
  );
}

const electionInput = z.object({
  orgId: idSchema,
  electedOn: isoDateSchema,
  termEnd: isoDateSchema,
  secretaryId: idSchema,
});
type ElectionInput = z.infer<typeof electionInput>;

/** The org, locked for the election, with the level of its region. */
async function lockOrg(db: Database, orgId: number) {
  const [org] = await db
    .select({ org: orgs, level: regions.level })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(eq(orgs.id, orgId))
    .for('update', { of: orgs });
  if (!org) notFound('党组织');
  return org;
}

/** The election is not after today, is after the current term began, and before its new end. */
function checkElectionDates(current: OrgRow, input: ElectionInput, today: string): void {
  if (input.electedOn > today) bad(`换届选举日期（electedOn）：不能晚于今天（${today}）`);
  if (current.termStart && input.electedOn <= current.termStart) {
    bad(`换届选举日期（electedOn）：应晚于本届开始日期（${current.termStart}）`);
  }
  if (input.termEnd <= input.electedOn) bad('届期结束日期（termEnd）：应晚于换届选举日期');
}

/** A person as the history and the audit log name them (id and name); null if none. */
async function personRef(db: Database, id: number) {
  const [person] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, id));
  return person ?? null;
}

/**
 * The two-year rule of member development (001 §11), for a rural village only: its sitting
 * secretary may not be nominated again when the village is barred in the election's year.
 */
async function assertNominationRule(
  db: Database,
  scopeCode: RegionCode,
  org: Awaited<ReturnType<typeof lockOrg>>,
  nomineeId: number,
  electedOn: string,
): Promise<void> {
  const current = org.org;
  if (current.category !== 'rural' || org.level !== 'village') return;
  const year = yearOf(electedOn);
  const policyOf = await policyByCounty(db, current.regionCode, year);
  const bars = await stagnantVillages(db, scopeCode, current.regionCode, year, policyOf);
  assertNominationAllowed({
    nomineeId: String(nomineeId),
    currentSecretaryId: current.secretaryId === null ? null : String(current.secretaryId),
    barred: bars.get(current.id)?.secretaryNominationBarred ?? false,
  });
}

/** A new secretary's appointment from the election day; the sitting one's appointment ends then. */
async function appointSecretary(db: Database, org: OrgRow, personId: number, electedOn: string) {
  await db
    .update(secretaryAppointments)
    .set({ endedOn: electedOn })
    .where(and(eq(secretaryAppointments.orgId, org.id), isNull(secretaryAppointments.endedOn)));
  await db.insert(secretaryAppointments).values({
    orgId: org.id,
    personId,
    regionCode: org.regionCode,
    appointedOn: electedOn,
  });
}

/** The org's history: one row per changed field, by the caller, at `at`. */
async function recordOrgChanges(
  db: Database,
  user: SessionUser,
  org: OrgRow,
  at: Date,
  changes: { field: string; before: unknown; after: unknown }[],
) {
  await db.insert(orgChanges).values(
    changes.map((c) => ({
      orgId: org.id,
      regionCode: org.regionCode,
      at,
      userId: user.id,
      username: user.username,
      field: c.field,
      before: c.before,
      after: c.after,
    })),
  );
}

export const termsRouter = createTRPCRouter({
  /** Orgs past their term end in a region: overdue or postponed, as of today. */
  list: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const lines = await termLines(ctx.db, ctx.scope.code, region.code, asOf);
    return {
      regionCode: region.code,
      regionName: region.name,
      asOf,
      summary: termSummary(lines),
      items: filtered(lines, input),
    };
  }),

  /**
   * Records an election (换届): the new term and its secretary. The sitting secretary of a
   * rural village barred by the two-year rule cannot be the new secretary (001 §11). A new
   * secretary gets an appointment (the previous one ends on the election day); the org's history
   * records the changed fields.
   */
  recordElection: scopedProcedure.input(electionInput).mutation(async ({ ctx, input }) => {
    const org = await lockOrg(ctx.db, input.orgId);
    const current = org.org;
    checkElectionDates(current, input, chinaToday(ctx.now()));
    const secretary = await personRef(ctx.db, input.secretaryId);
    if (!secretary) notFound('书记人选');
    await assertNominationRule(ctx.db, ctx.scope.code, org, secretary.id, input.electedOn);
    const previous = current.secretaryId ? await personRef(ctx.db, current.secretaryId) : null;
    const now = ctx.now();
    await ctx.db
      .update(orgs)
      .set({
        termStart: input.electedOn,
        termEnd: input.termEnd,
        secretaryId: secretary.id,
        updatedAt: now,
      })
      .where(eq(orgs.id, current.id));
    const newSecretary = current.secretaryId !== secretary.id;
    if (newSecretary) await appointSecretary(ctx.db, current, secretary.id, input.electedOn);
    await recordOrgChanges(ctx.db, ctx.user, current, now, [
      { field: 'termStart', before: current.termStart, after: input.electedOn },
      { field: 'termEnd', before: current.termEnd, after: input.termEnd },
      ...(newSecretary ? [{ field: 'secretaryId', before: previous, after: secretary }] : []),
    ]);
    ctx.audit({
      target: `org:${current.id}`,
      regionCode: current.regionCode,
      before: { termStart: current.termStart, termEnd: current.termEnd, secretary: previous },
      after: { termStart: input.electedOn, termEnd: input.termEnd, secretary },
    });
    return { orgId: current.id, termStart: input.electedOn, termEnd: input.termEnd, secretary };
  }),

  /** Workbook: 届期届满未换届 (as filtered). */
  export: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const items = filtered(await termLines(ctx.db, ctx.scope.code, region.code, asOf), input);
    const sheet = listSheet<TermLine>({
      name: '届期届满未换届',
      title: `${region.name}届期届满未换届的基层党组织（截至 ${asOf}）`,
      columns: [
        { header: '党组织', width: 34, value: (l) => l.orgName },
        { header: '领域', width: 14, value: (l) => l.categoryLabel },
        { header: '所在区划', width: 16, value: (l) => l.regionName },
        { header: '乡镇（街道）', width: 16, value: (l) => l.townshipName },
        { header: '区县', width: 12, value: (l) => l.countyName },
        { header: '书记', width: 10, value: (l) => l.secretaryName },
        { header: '本届开始', width: 12, value: (l) => l.termStart },
        { header: '届期届满', width: 12, value: (l) => l.termEnd },
        { header: '逾期天数', width: 10, value: (l) => l.daysPastEnd },
        { header: '状态', width: 18, value: (l) => l.statusLabel },
        { header: '计划换届完成时间', width: 16, value: (l) => l.electionCompletionDate },
        {
          header: '书记提名限制',
          width: 26,
          value: (l) => (l.secretaryNominationBarred ? '连续两年未发展党员，现任书记不得提名' : ''),
        },
      ],
      rows: items,
      note: '依据：岳阳市委组织部《关于扎实推进2015年基层党组织建设的通知》§8（督促基层党组织按期换届）；娄组通〔2014〕10号 §1（软弱涣散村党组织的换届选举可适当推迟，先整顿再换届）；常委〔2012〕5号 §11',
    });
    return {
      filename: `${region.name}届期届满未换届党组织（${asOf}）.xlsx`,
      base64: await buildListWorkbook([sheet]),
    };
  }),
});
