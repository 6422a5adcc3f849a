import { defined } from '@dangjian/db';
import { orgMeetings, orgs, regions } from '@dangjian/db/schema';
import {
  chinaToday,
  assertMeetingRecord,
  isoDateSchema,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  regionCodeSchema,
  yearOf,
  meetingsText,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, between, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import { meetingCompliance, type ComplianceItem, complianceSummary } from '../queries/meetings';

/**
 * 联席会议 (003 §1): the 班子联席会议 (weekly) and 党群联席会议 (at least quarterly, decisions
 * published in writing) of every village and community, recorded with date, convener,
 * participants, topics and decisions; compliance per village over a period by the domain's
 * meetingCadence (whole weeks and whole quarters inside the period, up to today).
 */

const periodInput = z
  .object({
    regionCode: regionCodeSchema,
    from: isoDateSchema,
    to: isoDateSchema,
    missedOnly: z.boolean().default(false),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], message: '结束日期不能早于开始日期' });

const recordInput = z.object({
  orgId: idSchema,
  meetingKind: z.enum(MEETING_KINDS),
  meetingOn: isoDateSchema,
  convener: z.string().trim().min(1, '请填写召集人').max(50),
  attendees: z.string().trim().min(1, '请填写参会人员').max(2000),
  attendeeCount: z.number().int().positive('参会人数应大于 0').max(10_000),
  topics: z.string().trim().min(1, '请填写议题').max(2000),
  decisions: z.string().trim().min(1, '请填写决议事项').max(4000),
  decisionsPublishedOn: isoDateSchema.nullable().default(null),
});

export const meetingsRouter = createTRPCRouter({
  /** Weeks and quarters missed per village over a period (to today at most). */
  compliance: regionProcedure.input(periodInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const today = chinaToday(ctx.now());
    const [c, policy] = await Promise.all([
      meetingCompliance(ctx.db, region.code, input.from, input.to, today),
      loadPolicy(ctx.db, region.code, yearOf(input.from)),
    ]);
    return {
      regionCode: region.code,
      regionName: region.name,
      from: c.from,
      to: c.to,
      /** The cadence in force for the region, in people's words (follows its own values). */
      rule: meetingsText(policy),
      policyLabel: policy.label,
      summary: complianceSummary(c.items),
      items: input.missedOnly ? c.items.filter((i) => !i.compliant) : c.items,
    };
  }),

  /** One org's meetings in a period, newest first. */
  list: scopedProcedure
    .input(z.object({ orgId: idSchema, from: isoDateSchema, to: isoDateSchema }))
    .query(async ({ ctx, input }) => {
      const [org] = await ctx.db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(eq(orgs.id, input.orgId));
      if (!org) notFound('党组织');
      const rows = await ctx.db
        .select()
        .from(orgMeetings)
        .where(
          and(eq(orgMeetings.orgId, org.id), between(orgMeetings.meetingOn, input.from, input.to)),
        )
        .orderBy(desc(orgMeetings.meetingOn), desc(orgMeetings.id));
      return {
        org,
        items: rows.map((m) => ({ ...m, kindLabel: MEETING_KIND_LABELS[m.kind] })),
      };
    }),

  /**
   * Records a meeting of a village or community org (assertMeetingRecord: not in the future,
   * decisions written, only a Party–public meeting's decisions published, after the meeting).
   */
  record: scopedProcedure.input(recordInput).mutation(async ({ ctx, input }) => {
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
      bad('党组织（orgId）：联席会议由村（社区）党组织召开');
    }
    const m = assertMeetingRecord(
      {
        kind: input.meetingKind,
        meetingOn: input.meetingOn,
        attendeeCount: input.attendeeCount,
        decisions: input.decisions,
        decisionsPublishedOn: input.decisionsPublishedOn,
      },
      chinaToday(ctx.now()),
    );
    const [made] = await ctx.db
      .insert(orgMeetings)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        kind: m.kind,
        meetingOn: m.meetingOn,
        convener: input.convener,
        attendees: input.attendees,
        attendeeCount: m.attendeeCount,
        topics: input.topics,
        decisions: m.decisions,
        decisionsPublishedOn: m.decisionsPublishedOn,
        createdBy: ctx.user.id,
      })
      .returning();
    ctx.audit({
      target: `org_meeting:${defined(made).id}`,
      regionCode: org.regionCode,
      after: input,
    });
    return defined(made);
  }),

  /** Records the written publication of a Party–public meeting's decisions (003 §1.2). */
  publish: scopedProcedure
    .input(z.object({ meetingId: idSchema, decisionsPublishedOn: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const [m] = await ctx.db
        .select()
        .from(orgMeetings)
        .where(and(eq(orgMeetings.id, input.meetingId), isNull(orgMeetings.decisionsPublishedOn)))
        .for('update');
      if (!m) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: '会议不存在、决议已公开或不在本辖区内',
        });
      }
      assertMeetingRecord(
        {
          kind: m.kind,
          meetingOn: m.meetingOn,
          attendeeCount: m.attendeeCount,
          decisions: m.decisions,
          decisionsPublishedOn: input.decisionsPublishedOn,
        },
        chinaToday(ctx.now()),
      );
      const [updated] = await ctx.db
        .update(orgMeetings)
        .set({ decisionsPublishedOn: input.decisionsPublishedOn })
        .where(eq(orgMeetings.id, m.id))
        .returning();
      ctx.audit({
        target: `org_meeting:${m.id}`,
        regionCode: m.regionCode,
        before: { decisionsPublishedOn: null },
        after: { decisionsPublishedOn: input.decisionsPublishedOn },
      });
      return defined(updated);
    }),

  /** Workbook: 联席会议落实情况 (per village over the period, as filtered). */
  export: regionProcedure.input(periodInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const today = chinaToday(ctx.now());
    const [c, policy] = await Promise.all([
      meetingCompliance(ctx.db, region.code, input.from, input.to, today),
      loadPolicy(ctx.db, region.code, yearOf(input.from)),
    ]);
    const items = input.missedOnly ? c.items.filter((i) => !i.compliant) : c.items;
    const sheet = listSheet<ComplianceItem>({
      name: '联席会议落实情况',
      title: `${region.name}村（社区）班子联席会议和党群联席会议落实情况（${c.from} 至 ${c.to}）`,
      columns: [
        { header: '党组织', width: 32, value: (i) => i.orgName },
        { header: '乡镇（街道）', width: 16, value: (i) => i.townshipName },
        { header: '区县', width: 12, value: (i) => i.countyName },
        { header: '班子联席会议（次）', width: 16, value: (i) => i.teamMeetings },
        { header: '应开周数', width: 10, value: (i) => i.weeks },
        { header: '缺会周数', width: 10, value: (i) => i.missedWeeks.length || '' },
        { header: '缺会周（周一）', width: 30, value: (i) => i.missedWeeks.join('、') },
        { header: '党群联席会议（次）', width: 16, value: (i) => i.jointMeetings },
        { header: '缺会季度', width: 16, value: (i) => i.missedQuarters.join('、') },
        {
          header: '决议未书面公开（次）',
          width: 18,
          value: (i) => i.unpublishedDecisions.length || '',
        },
      ],
      rows: items,
      note: `依据：${meetingsText(policy)}。只统计期间内完整的周和季度。执行政策：${policy.label}`,
    });
    return {
      filename: `${region.name}联席会议落实情况（${c.from}至${c.to}）.xlsx`,
      base64: await buildListWorkbook([sheet]),
    };
  }),
});
