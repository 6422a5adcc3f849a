import { defined, inRegion, type Database } from '@dangjian/db';
import { nonPublicDuesEntries, orgs, regions } from '@dangjian/db/schema';
import {
  chinaToday,
  checkNonPublicDuesReturns,
  fenSchema,
  FIELD_CATEGORY_LABELS,
  isoDateSchema,
  normalizeRegionCode,
  regionCodeSchema,
  yearSchema,
  type DuesReturnCheck,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idOf } from '../schemas';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { policiesFor } from '../queries/policies';
import { requireRegion } from '../queries/region';

/**
 * Dues of non-public enterprise and social organisation Party members (001 §22): 党员所交党费实行
 * 先缴至县以上组织部门后全返. Per org and year, what its members paid up and what came back (each
 * payment and return with its date); the domain rule (checkNonPublicDuesReturns, the return share
 * from each county-level unit's policy) says what is still owed back to it.
 */

/** The field categories 001 §22 speaks of: 非公企业 and 社会组织. */
const DUES_CATEGORIES = ['non_public', 'social_org'] as const;

const DUES_KIND_LABELS = { paid: '上缴', returned: '返还' } as const;

interface DuesEntryItem {
  id: number;
  kind: keyof typeof DUES_KIND_LABELS;
  on: string;
  amountFen: number;
  note: string | null;
}

/** The citation, marked when the share is only the system's reference value (no local notice sets it). */
function citationOf(check: DuesReturnCheck): string {
  const basis = check.basis[0];
  return basis && basis.kind === 'system'
    ? `${check.citation}（${basis.kindLabel}）`
    : check.citation;
}

/** The county-level unit of a code (a county, or a city without counties such as 东莞). */
const unitOf = (code: string) => normalizeRegionCode(code.slice(0, 6));

/** A year's dues entries (not voided) of a region, one row per org with its sums and entries. */
function duesByOrg(db: Database, regionCode: RegionCode, year: number) {
  return db
    .select({
      orgId: orgs.id,
      orgName: orgs.name,
      category: orgs.category,
      memberCount: orgs.memberCount,
      regionCode: orgs.regionCode,
      regionName: regions.name,
      paidFen:
        sql<number>`coalesce(sum(${nonPublicDuesEntries.amountFen}) filter (where ${nonPublicDuesEntries.kind} = 'paid'), 0)`.mapWith(
          Number,
        ),
      returnedFen:
        sql<number>`coalesce(sum(${nonPublicDuesEntries.amountFen}) filter (where ${nonPublicDuesEntries.kind} = 'returned'), 0)`.mapWith(
          Number,
        ),
      entries: sql<DuesEntryItem[]>`json_agg(json_build_object(
          'id', ${nonPublicDuesEntries.id}, 'kind', ${nonPublicDuesEntries.kind}, 'on', ${nonPublicDuesEntries.on},
          'amountFen', ${nonPublicDuesEntries.amountFen}, 'note', ${nonPublicDuesEntries.note}
        ) order by ${nonPublicDuesEntries.on}, ${nonPublicDuesEntries.id})`,
    })
    .from(nonPublicDuesEntries)
    .innerJoin(orgs, eq(orgs.id, nonPublicDuesEntries.orgId))
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(
      and(
        eq(nonPublicDuesEntries.year, year),
        isNull(nonPublicDuesEntries.voidedAt),
        inRegion(nonPublicDuesEntries.regionCode, regionCode),
      ),
    )
    .groupBy(orgs.id, regions.code)
    .orderBy(asc(orgs.regionCode), asc(orgs.id));
}
type DuesOrgRow = Awaited<ReturnType<typeof duesByOrg>>[number];

/** The names of regions by code (those that exist). */
async function regionNames(db: Database, codes: readonly RegionCode[]) {
  if (codes.length === 0) return [];
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...codes]));
}

/**
 * Per county-level unit, its orgs checked together with the unit's own policy
 * (checkNonPublicDuesReturns, 001 §22); the check and the unit's rows are kept for the lines.
 */
function duesUnits(
  rows: readonly DuesOrgRow[],
  unitCodes: readonly RegionCode[],
  policyOf: (code: RegionCode) => ResolvedPolicy,
  names: readonly { code: string; name: string }[],
) {
  return unitCodes.map((code) => {
    const policy = policyOf(code);
    const mine = rows.filter((r) => unitOf(r.regionCode) === code);
    const check = checkNonPublicDuesReturns(
      {
        orgs: mine.map((r) => ({
          id: String(r.orgId),
          paidFen: r.paidFen,
          returnedFen: r.returnedFen,
        })),
      },
      policy,
    );
    return {
      code,
      name: names.find((u) => u.code === code)?.name ?? code,
      policyLabel: policy.label,
      rule: check.rule,
      citation: citationOf(check),
      returnPct: check.returnPct,
      orgs: mine.length,
      paidFen: check.paidFen,
      returnedFen: check.returnedFen,
      owedFen: check.owedFen,
      owing: check.owing,
      check,
      mine,
    };
  });
}
type DuesUnit = ReturnType<typeof duesUnits>[number];

/** Each org's line (what it paid, got back and is still owed), those owed most first. */
function duesItems(units: readonly DuesUnit[], owedOnly: boolean) {
  return units
    .flatMap((u) =>
      u.mine.map((r) => {
        const line = defined(u.check.lines.find((l) => l.id === String(r.orgId)));
        return {
          orgId: r.orgId,
          orgName: r.orgName,
          categoryLabel: FIELD_CATEGORY_LABELS[r.category],
          memberCount: r.memberCount,
          regionCode: r.regionCode,
          regionName: r.regionName,
          unitCode: u.code,
          unitName: u.name,
          paidFen: line.paidFen,
          returnedFen: line.returnedFen,
          dueFen: line.dueFen,
          owedFen: line.owedFen,
          met: line.met,
          citation: u.citation,
          entries: r.entries.map((e) => ({ ...e, kindLabel: DUES_KIND_LABELS[e.kind] })),
        };
      }),
    )
    .filter((i) => !owedOnly || !i.met)
    .sort((a, b) => b.owedFen - a.owedFen || a.orgId - b.orgId);
}

/**
 * The dues report of a region and year (001 §22): per county-level unit and per org, what was
 * paid up, returned and is still owed back, with the totals and the region's own rule.
 */
export async function duesReport(
  db: Database,
  regionCode: RegionCode,
  year: number,
  owedOnly = false,
) {
  const region = await requireRegion(db, regionCode);
  const [rows, regionPolicy] = await Promise.all([
    duesByOrg(db, region.code, year),
    loadPolicy(db, region.code, year),
  ]);
  const unitCodes = [...new Set(rows.map((r) => unitOf(r.regionCode)))];
  const [policies, names] = await Promise.all([
    policiesFor(db, region.code, unitCodes, year),
    regionNames(db, unitCodes),
  ]);
  const units = duesUnits(rows, unitCodes, (code) => policies.get(code) ?? regionPolicy, names);
  const regionRule = checkNonPublicDuesReturns({ orgs: [] }, regionPolicy);
  const sum = (f: (u: DuesUnit) => number) => units.reduce((t, u) => t + f(u), 0);
  return {
    regionCode: region.code,
    regionName: region.name,
    year,
    policyLabel: regionPolicy.label,
    /** The rule for the caller's region, with the share read from its policy. */
    rule: regionRule.rule,
    citation: citationOf(regionRule),
    totals: {
      orgs: sum((u) => u.orgs),
      paidFen: sum((u) => u.paidFen),
      returnedFen: sum((u) => u.returnedFen),
      owedFen: sum((u) => u.owedFen),
      owing: sum((u) => u.owing),
    },
    units: units
      .map(({ check: _check, mine: _mine, ...u }) => u)
      .sort((a, b) => b.owedFen - a.owedFen || a.code.localeCompare(b.code)),
    items: duesItems(units, owedOnly),
  };
}

export const duesRouter = createTRPCRouter({
  /** Non-public and social organisation orgs of a region with dues paid, returned and owed back. */
  list: scopedProcedure
    .input(
      z.object({
        regionCode: regionCodeSchema,
        year: yearSchema,
        owedOnly: z.boolean().default(false),
      }),
    )
    .query(({ ctx, input }) => duesReport(ctx.db, input.regionCode, input.year, input.owedOnly)),

  /** Records dues an org's members paid up (上缴), or dues returned to it (返还), on a date. */
  record: scopedProcedure
    .input(
      z.object({
        orgId: idOf('请选择党组织'),
        year: yearSchema,
        direction: z.enum(['paid', 'returned'], { error: '应为上缴或返还' }),
        date: isoDateSchema,
        amountFen: fenSchema.positive('应大于 0'),
        note: z.string().trim().max(200, '不超过 200 字').nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [org] = await ctx.db
        .select({
          id: orgs.id,
          name: orgs.name,
          regionCode: orgs.regionCode,
          category: orgs.category,
        })
        .from(orgs)
        .where(eq(orgs.id, input.orgId));
      if (!org) notFound('党组织');
      if (!(DUES_CATEGORIES as readonly string[]).includes(org.category)) {
        bad(
          `党组织（orgId）：党费先缴后返只适用于非公企业和社会组织党组织，「${org.name}」属于${FIELD_CATEGORY_LABELS[org.category]}`,
        );
      }
      const today = chinaToday(ctx.now());
      if (input.date > today) {
        bad(`日期（date）：不能晚于今天（${today}）`);
      }
      const [made] = await ctx.db
        .insert(nonPublicDuesEntries)
        .values({
          year: input.year,
          orgId: org.id,
          regionCode: org.regionCode,
          kind: input.direction,
          on: input.date,
          amountFen: input.amountFen,
          note: input.note,
          createdBy: ctx.user.id,
        })
        .returning();
      ctx.audit({
        target: `non_public_dues:${defined(made).id}`,
        regionCode: org.regionCode,
        after: {
          orgId: org.id,
          year: input.year,
          kind: input.direction,
          on: input.date,
          amountFen: input.amountFen,
          note: input.note,
        },
      });
      return defined(made);
    }),

  /** Voids a payment or return entered in error: the row stays, with the reason. */
  void: scopedProcedure
    .input(
      z.object({
        entryId: idOf('应为编号'),
        reason: z.string().trim().min(1, '请填写').max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [voided] = await ctx.db
        .update(nonPublicDuesEntries)
        .set({ voidedAt: ctx.now(), voidReason: input.reason })
        .where(
          and(eq(nonPublicDuesEntries.id, input.entryId), isNull(nonPublicDuesEntries.voidedAt)),
        )
        .returning();
      if (!voided)
        throw new TRPCError({ code: 'NOT_FOUND', message: '记录不存在、已作废或不在本辖区内' });
      ctx.audit({
        target: `non_public_dues:${voided.id}`,
        regionCode: voided.regionCode,
        before: { voidedAt: null },
        after: { voidedAt: voided.voidedAt, voidReason: input.reason },
      });
      return { id: voided.id };
    }),
});
