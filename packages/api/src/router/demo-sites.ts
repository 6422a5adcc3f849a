import { defined, type Database } from '@dangjian/db';
import { demoSites, orgs } from '@dangjian/db/schema';
import {
  chinaToday,
  assertDemoSiteSubject,
  DEMO_CATEGORIES,
  DEMO_CATEGORY_LABELS,
  isoDateSchema,
  regionCodeSchema,
  yearSchema,
  type DemoCategory,
  type DemoSiteSubject,
  type RegionCode,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { bad, notFound } from '../errors';
import { idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { buildListWorkbook, listSheet } from '../xlsx/list-sheet';
import { requireRegion } from '../queries/region';
import { demoSiteReport, type SiteReport } from '../queries/demo-sites';

/**
 * 示范点 (001 §10 深化“三级联创”和基层党建示范点创建活动): the demonstration sites designated for
 * a year — counties, townships, streets, villages, communities, and Party orgs of organs,
 * public institutions, SOEs, non-public enterprises and social organisations — against the
 * per-category targets of the region's policy (checkDemonstrationSites). A site must be of its
 * category (assertDemoSiteSubject).
 */

const ORG_CATEGORIES: readonly DemoCategory[] = [
  'organ',
  'institution',
  'soe',
  'non_public',
  'social_org',
];

const listInput = z.object({
  regionCode: regionCodeSchema,
  year: yearSchema,
  demoCategory: z.enum(DEMO_CATEGORIES).optional(),
});

/** What is being designated, as the domain rule needs it (and its region). */
async function subjectOf(
  db: Database,
  category: DemoCategory,
  regionCode: RegionCode | undefined,
  orgId: number | undefined,
): Promise<{ subject: DemoSiteSubject; regionCode: string; orgId: number | null }> {
  if (ORG_CATEGORIES.includes(category)) {
    if (orgId === undefined) bad(`${DEMO_CATEGORY_LABELS[category]}应选择党组织（orgId）`);
    const [org] = await db
      .select({
        id: orgs.id,
        name: orgs.name,
        category: orgs.category,
        regionCode: orgs.regionCode,
      })
      .from(orgs)
      .where(eq(orgs.id, orgId));
    if (!org) notFound('党组织');
    return {
      subject: { type: 'org', name: org.name, category: org.category },
      regionCode: org.regionCode,
      orgId: org.id,
    };
  }
  if (regionCode === undefined) bad(`${DEMO_CATEGORY_LABELS[category]}应选择区划（regionCode）`);
  const region = await requireRegion(db, regionCode);
  return {
    subject: { type: 'region', name: region.name, level: region.level, regionKind: region.kind },
    regionCode: region.code,
    orgId: null,
  };
}

export const demoSitesRouter = createTRPCRouter({
  /** Targets against designated sites per category, and the sites (filtered by category). */
  list: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const report = await demoSiteReport(ctx.db, region.code, input.year);
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      ...report,
      sites: input.demoCategory
        ? report.sites.filter((s) => s.category === input.demoCategory)
        : report.sites,
    };
  }),

  /** Designates a site for a year; it must be of its category and not designated already. */
  designate: scopedProcedure
    .input(
      z.object({
        year: yearSchema,
        demoCategory: z.enum(DEMO_CATEGORIES),
        regionCode: regionCodeSchema.optional(),
        orgId: idSchema.optional(),
        designatedOn: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const today = chinaToday(ctx.now());
      if (input.designatedOn > today) bad(`命名日期（designatedOn）：不能晚于今天（${today}）`);
      const s = await subjectOf(ctx.db, input.demoCategory, input.regionCode, input.orgId);
      assertDemoSiteSubject(input.demoCategory, s.subject);
      const [existing] = await ctx.db
        .select({ id: demoSites.id })
        .from(demoSites)
        .where(
          and(
            eq(demoSites.year, input.year),
            eq(demoSites.category, input.demoCategory),
            s.orgId === null ? isNull(demoSites.orgId) : eq(demoSites.orgId, s.orgId),
            eq(demoSites.regionCode, s.regionCode),
            isNull(demoSites.revokedOn),
          ),
        );
      if (existing) {
        bad(
          `「${s.subject.name}」已命名为 ${input.year} 年${DEMO_CATEGORY_LABELS[input.demoCategory]}`,
        );
      }
      const [made] = await ctx.db
        .insert(demoSites)
        .values({
          year: input.year,
          category: input.demoCategory,
          regionCode: s.regionCode,
          orgId: s.orgId,
          name: s.subject.name,
          designatedOn: input.designatedOn,
          createdBy: ctx.user.id,
        })
        .returning();
      ctx.audit({ target: `demo_site:${defined(made).id}`, regionCode: s.regionCode, after: made });
      return defined(made);
    }),

  /** Revokes a designation (the row keeps its dates). */
  revoke: scopedProcedure
    .input(z.object({ siteId: idSchema, revokedOn: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const [site] = await ctx.db
        .select()
        .from(demoSites)
        .where(and(eq(demoSites.id, input.siteId), isNull(demoSites.revokedOn)))
        .for('update');
      if (!site)
        throw new TRPCError({ code: 'NOT_FOUND', message: '示范点不存在、已撤销或不在本辖区内' });
      if (input.revokedOn < site.designatedOn) {
        bad(`撤销日期：不能早于命名日期（${site.designatedOn}）`);
      }
      await ctx.db
        .update(demoSites)
        .set({ revokedOn: input.revokedOn })
        .where(eq(demoSites.id, site.id));
      ctx.audit({
        target: `demo_site:${site.id}`,
        regionCode: site.regionCode,
        before: { revokedOn: null },
        after: { revokedOn: input.revokedOn },
      });
      return { id: site.id, revokedOn: input.revokedOn };
    }),

  /** Workbook: 目标完成情况 and 示范点名单. */
  export: regionProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const report = await demoSiteReport(ctx.db, region.code, input.year);
    const sites = input.demoCategory
      ? report.sites.filter((s) => s.category === input.demoCategory)
      : report.sites;
    const sheets = [
      listSheet<SiteReport['lines'][number]>({
        name: '目标完成情况',
        title: `${region.name}${input.year}年基层党建示范点创建目标完成情况`,
        columns: [
          { header: '类别', width: 16, value: (l) => l.label },
          { header: '目标（个）', width: 10, value: (l) => l.target },
          { header: '已命名（个）', width: 12, value: (l) => l.actual },
          { header: '差额（个）', width: 10, value: (l) => l.shortfall || '' },
        ],
        rows: report.lines,
        note: `依据：${report.source}。执行政策：${report.policyLabel}`,
      }),
      listSheet<SiteReport['sites'][number]>({
        name: '示范点名单',
        title: `${region.name}${input.year}年基层党建示范点名单`,
        columns: [
          { header: '类别', width: 16, value: (s) => s.categoryLabel },
          { header: '名称', width: 36, value: (s) => s.name },
          { header: '所在区划', width: 18, value: (s) => s.regionName },
          { header: '区县', width: 12, value: (s) => s.countyName },
          { header: '命名日期', width: 12, value: (s) => s.designatedOn },
        ],
        rows: sites,
      }),
    ];
    return {
      filename: `${region.name}${input.year}年基层党建示范点.xlsx`,
      base64: await buildListWorkbook(sheets),
    };
  }),
});
