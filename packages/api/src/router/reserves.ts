import { defined } from '@dangjian/db';
import { orgs, people, regions, reserveCadres } from '@dangjian/db/schema';
import {
  chinaToday,
  educationSchema,
  isoDateSchema,
  regionCodeSchema,
  reserveLedgerText,
  reservesText,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema, searchSchema, PHONE_PATTERN } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import {
  reserveLines,
  type ReserveLine,
  youngLedger,
  reserveSummary,
  yearOfDate,
} from '../queries/reserves';

/**
 * 后备干部 (001 §8 一村一名; 003 §3.2 about two per secretary post in problem villages): the
 * reserve secretary candidates of every village and community with age and education, the
 * villages below the required number (checkReserveCadres, with this year's soft-and-lax list
 * as the problem villages), and the city's ledger of village leaders aged 35 and under
 * (youngLeaderLedger: secretaries and reserves).
 */

const listInput = z.object({
  regionCode: regionCodeSchema,
  shortOnly: z.boolean().default(false),
  search: searchSchema,
});

function filtered(lines: readonly ReserveLine[], input: z.infer<typeof listInput>) {
  const q = input.search;
  return lines.filter(
    (l) =>
      (!input.shortOnly || l.shortfall > 0) &&
      (!q ||
        l.orgName.includes(q) ||
        l.regionName.includes(q) ||
        l.reserves.some((r) => r.name.includes(q))),
  );
}

export const reservesRouter = createTRPCRouter({
  /** Villages and communities of a region with their reserves and requirement. */
  villages: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const [lines, policy] = await Promise.all([
      reserveLines(ctx.db, region.code, asOf),
      loadPolicy(ctx.db, region.code, yearOfDate(asOf)),
    ]);
    return {
      regionCode: region.code,
      regionName: region.name,
      /** The rules in force for the region, in people's words (follow its own values). */
      rule: reservesText(policy),
      ledgerMaxAge: policy.values.reserveLedgerMaxAge,
      policyLabel: policy.label,
      summary: reserveSummary(lines, asOf),
      items: filtered(lines, input),
    };
  }),

  /** The ledger of village Party leaders aged 35 and under (001 §8), as of today. */
  ledger: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema }))
    .query(async ({ ctx }) => {
      const { region } = ctx;
      const asOf = chinaToday(ctx.now());
      const [lines, policy] = await Promise.all([
        reserveLines(ctx.db, region.code, asOf),
        loadPolicy(ctx.db, region.code, yearOfDate(asOf)),
      ]);
      const entries = await youngLedger(ctx.db, region.code, asOf, lines);
      return {
        regionCode: region.code,
        regionName: region.name,
        asOf,
        rule: reserveLedgerText(policy),
        ledgerMaxAge: policy.values.reserveLedgerMaxAge,
        items: entries.map(({ line, ...e }) => ({
          ...e,
          orgId: line.orgId,
          orgName: line.orgName,
          regionName: line.regionName,
          townshipName: line.townshipName,
          countyName: line.countyName,
        })),
      };
    }),

  /** Adds a reserve candidate (a new person) to a village or community org. */
  add: scopedProcedure
    .input(
      z.object({
        orgId: idSchema,
        name: z.string().trim().min(1, '请填写姓名').max(50),
        gender: z.enum(['male', 'female']),
        birthDate: isoDateSchema,
        education: educationSchema,
        phone: z.string().regex(PHONE_PATTERN, '联系电话格式不正确').nullable().default(null),
        since: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [org] = await ctx.db
        .select({
          id: orgs.id,
          regionCode: orgs.regionCode,
          category: orgs.category,
          level: regions.level,
        })
        .from(orgs)
        .innerJoin(regions, eq(regions.code, orgs.regionCode))
        .where(eq(orgs.id, input.orgId));
      if (!org) notFound('党组织');
      if (
        org.level !== 'village' ||
        (org.category !== 'rural' && org.category !== 'street_community')
      ) {
        bad('党组织（orgId）：后备干部队伍按村（社区）党组织建立');
      }
      const today = chinaToday(ctx.now());
      if (input.since > today) {
        bad(`确定为后备日期（since）：不能晚于今天（${today}）`);
      }
      if (input.birthDate >= input.since) {
        bad('出生日期（birthDate）：应早于确定为后备日期');
      }
      const [person] = await ctx.db
        .insert(people)
        .values({
          name: input.name,
          gender: input.gender,
          birthDate: input.birthDate,
          education: input.education,
          phone: input.phone,
          regionCode: org.regionCode,
        })
        .returning({ id: people.id });
      const [made] = await ctx.db
        .insert(reserveCadres)
        .values({
          personId: defined(person).id,
          orgId: org.id,
          regionCode: org.regionCode,
          since: input.since,
        })
        .returning();
      ctx.audit({
        target: `reserve_cadre:${defined(made).id}`,
        regionCode: org.regionCode,
        after: { orgId: org.id, name: input.name, birthDate: input.birthDate, since: input.since },
      });
      return defined(made);
    }),

  /** A reserve leaves the pool (appointed, moved away, no longer suitable): the row keeps its end date. */
  end: scopedProcedure
    .input(z.object({ reserveId: idSchema, until: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const [current] = await ctx.db
        .select()
        .from(reserveCadres)
        .where(and(eq(reserveCadres.id, input.reserveId), isNull(reserveCadres.until)))
        .for('update');
      if (!current)
        throw new TRPCError({ code: 'NOT_FOUND', message: '后备干部不存在、已退出或不在本辖区内' });
      if (input.until < current.since) {
        bad(`退出日期（until）：不能早于确定为后备日期（${current.since}）`);
      }
      const [updated] = await ctx.db
        .update(reserveCadres)
        .set({ until: input.until })
        .where(eq(reserveCadres.id, current.id))
        .returning();
      ctx.audit({
        target: `reserve_cadre:${current.id}`,
        regionCode: current.regionCode,
        before: { until: null },
        after: { until: input.until },
      });
      return defined(updated);
    }),

  /** Workbook: 后备干部配备 (per village, as filtered) and the young leaders' ledger (age from the policy). */
  export: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = chinaToday(ctx.now());
    const [lines, policy] = await Promise.all([
      reserveLines(ctx.db, region.code, asOf),
      loadPolicy(ctx.db, region.code, yearOfDate(asOf)),
    ]);
    const young = await youngLedger(ctx.db, region.code, asOf, lines);
    const age = policy.values.reserveLedgerMaxAge;
    const villages = listSheet<ReserveLine>({
      name: '后备干部配备',
      title: `${region.name}村（社区）党组织书记后备干部配备情况（截至 ${asOf}）`,
      columns: [
        { header: '党组织', width: 32, value: (l) => l.orgName },
        { header: '所在区划', width: 16, value: (l) => l.regionName },
        { header: '乡镇（街道）', width: 16, value: (l) => l.townshipName },
        { header: '区县', width: 12, value: (l) => l.countyName },
        { header: '书记', width: 10, value: (l) => l.secretaryName },
        { header: '软弱涣散村', width: 10, value: (l) => (l.problemVillage ? '是' : '') },
        { header: '应有后备（人）', width: 12, value: (l) => l.required },
        { header: '现有后备（人）', width: 12, value: (l) => l.actual },
        { header: '缺额（人）', width: 10, value: (l) => l.shortfall || '' },
        {
          header: '后备干部（年龄、文化程度）',
          width: 50,
          value: (l) =>
            l.reserves.map((r) => `${r.name}（${r.age ?? '—'}岁，${r.educationLabel}）`).join('；'),
        },
      ],
      rows: filtered(lines, input),
      note: `依据：${reservesText(policy)}。执行政策：${policy.label}`,
    });
    const ledger = listSheet<(typeof young)[number]>({
      name: `${age}岁以下台账`,
      title: `${region.name}${age} 岁以下村党组织带头人台账（截至 ${asOf}）`,
      columns: [
        { header: '姓名', width: 10, value: (e) => e.name },
        { header: '身份', width: 12, value: (e) => e.roleLabel },
        { header: '年龄', width: 6, value: (e) => e.age },
        { header: '文化程度', width: 12, value: (e) => e.educationLabel },
        { header: '党组织', width: 32, value: (e) => e.line.orgName },
        { header: '乡镇（街道）', width: 16, value: (e) => e.line.townshipName },
        { header: '区县', width: 12, value: (e) => e.line.countyName },
      ],
      rows: young,
      note: `依据：${reserveLedgerText(policy)}`,
    });
    return {
      filename: `${region.name}后备干部和${age}岁以下村党组织带头人台账（${asOf}）.xlsx`,
      base64: await buildListWorkbook([villages, ledger]),
    };
  }),
});
