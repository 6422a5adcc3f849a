import { defined } from '@dangjian/db';
import { orgDispatches, orgs } from '@dangjian/db/schema';
import {
  citation,
  computeUpgradeTargets,
  DISPATCH_KINDS,
  DISPATCH_MODE_LABELS,
  DISPATCH_STATUS_LABELS,
  dispatchFor,
  dispatchSentence,
  GRADE_LABELS,
  gradeMovement,
  isoDateSchema,
  parseDispatchRecord,
  planDispatch,
  regionCodeSchema,
  sanctionList,
  upgradeTargetsSentence,
  yearSchema,
  type DispatchKind,
  type Grade,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idOf, idSchema } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { gradedOrgs, comparable, dispatchesByOrg, cadreView, checkDay } from '../queries/upgrade';

const dispatchInput = z.object({
  /** Absent for a new record. */
  id: idSchema.optional(),
  orgId: idOf('请选择党组织（orgId）'),
  year: yearSchema,
  kind: z.enum(DISPATCH_KINDS, { error: '请选择选派方式（kind）' }),
  cadreName: z.string().max(50, '干部姓名（cadreName）不能超过 50 个字'),
  unit: z.string().max(100, '派出单位（unit）不能超过 100 个字'),
  post: z.string().max(50, '职务（post）不能超过 50 个字').nullable().default(null),
  leader: z.boolean().default(false),
  firstSecretary: z.boolean().default(false),
  fromDate: isoDateSchema,
  toDate: isoDateSchema.nullable().default(null),
});

const input = z.object({ regionCode: regionCodeSchema, year: yearSchema });

const REASON_LABELS = {
  not_upgraded: '“一般”“较差”类党组织年底未晋位升级',
  downgraded: '“好”“较好”类党组织考核降级',
} as const;
const ROLE_LABELS = { secretary: '党组织书记', dispatched_cadre: '驻联干部' } as const;

export const upgradeRouter = createTRPCRouter({
  /**
   * 晋位升级 (001 §9): per last year's grade, how many orgs moved up, stayed or moved down this
   * year, and the rate against the targets of the policy in force (常德: 较差 90 %, 一般 20 %, 较好
   * 10 % upgraded; 好 100 % retained), computed by the domain; the rule as a cited sentence.
   */
  report: regionProcedure.input(input).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const [rows, policy] = await Promise.all([
      gradedOrgs(ctx.db, input.regionCode, input.year),
      loadPolicy(ctx.db, input.regionCode, input.year),
    ]);
    const orgsBoth = comparable(rows);
    const targets = computeUpgradeTargets({ orgs: orgsBoth }, policy);
    const lines = targets.lines.map((line) => {
      const group = orgsBoth.filter((o) => o.lastYearGrade === line.grade);
      const moves = group.map((o) => gradeMovement(o.lastYearGrade, o.thisYearGrade));
      return {
        ...line,
        up: moves.filter((m) => m === 'up').length,
        same: moves.filter((m) => m === 'same').length,
        down: moves.filter((m) => m === 'down').length,
        notGraded: rows.filter((r) => r.lastYearGrade === line.grade && r.thisYearGrade === null)
          .length,
      };
    });
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      lastYear: input.year - 1,
      lines,
      rule: upgradeTargetsSentence(policy),
      policyLabel: policy.label,
      policyVersion: targets.policyVersion,
      basis: targets.basis,
    };
  }),

  /**
   * 选派 (001 §9): what each org must be sent this year for the grade it carries in (last year's
   * grade), per the policy in force (常德: 较差 → a work team whose leader is 第一书记; 一般 → a
   * 第一书记; 较好 → a township leader as contact), checked against the cadres recorded for the
   * year and in post on the check day (the year's last day, or today while it runs): met,
   * missing, of the wrong kind, or a work team without a leader serving as 第一书记.
   */
  dispatch: regionProcedure.input(input).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const asOf = checkDay(input.year, ctx.now());
    const [rows, policy, cadres] = await Promise.all([
      gradedOrgs(ctx.db, input.regionCode, input.year),
      loadPolicy(ctx.db, input.regionCode, input.year),
      dispatchesByOrg(ctx.db, input.regionCode, input.year, asOf),
    ]);
    const plan = planDispatch(
      {
        orgs: rows.map((r) => ({
          orgId: String(r.orgId),
          grade: r.lastYearGrade,
          dispatched: (cadres.get(r.orgId) ?? []).map((d) => ({
            kind: d.kind,
            leader: d.leader,
            firstSecretary: d.firstSecretary,
          })),
        })),
      },
      policy,
    );
    const byId = new Map(rows.map((r) => [String(r.orgId), r]));
    const items = plan.checks.map((m) => {
      const r = defined(byId.get(m.orgId));
      return {
        orgId: r.orgId,
        orgName: r.orgName,
        regionName: r.regionName,
        countyName: r.countyName,
        secretaryName: r.secretaryName,
        grade: m.grade,
        gradeLabel: GRADE_LABELS[m.grade],
        needs: m.needs,
        needsLabel: DISPATCH_MODE_LABELS[m.needs],
        statusCode: m.status,
        status: DISPATCH_STATUS_LABELS[m.status],
        cadres: (cadres.get(r.orgId) ?? []).map(cadreView),
      };
    });
    const grades = (['poor', 'average', 'fair'] as const).map((g) => ({
      grade: g,
      kind: dispatchFor(g, policy),
    }));
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      basedOnYear: input.year - 1,
      asOf,
      needed: grades
        .filter(
          (k): k is { grade: Exclude<Grade, 'good'>; kind: DispatchKind } => k.kind !== 'none',
        )
        .map((k) => ({
          grade: k.grade,
          gradeLabel: GRADE_LABELS[k.grade],
          kind: k.kind,
          kindLabel: DISPATCH_MODE_LABELS[k.kind],
          count: items.filter((i) => i.grade === k.grade).length,
          met: items.filter((i) => i.grade === k.grade && i.statusCode === 'met').length,
        })),
      items,
      rule: dispatchSentence(policy),
      policyLabel: policy.label,
      basis: plan.basis,
    };
  }),

  /** The cadres recorded for one org and year (驻联干部), ended ones included. */
  dispatches: scopedProcedure
    .input(z.object({ orgId: idSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const [org] = await ctx.db
        .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode })
        .from(orgs)
        .where(eq(orgs.id, input.orgId));
      if (!org) notFound('党组织');
      const byOrg = await dispatchesByOrg(ctx.db, org.regionCode, input.year);
      return {
        orgId: org.id,
        orgName: org.name,
        year: input.year,
        items: (byOrg.get(org.id) ?? []).map(cadreView),
      };
    }),

  /**
   * Records (or corrects) one dispatched cadre for an org and year: kind, name, sending unit,
   * post, whether they lead the work team and serve as 第一书记, from / to. The domain checks the
   * record (a work team's leader must be 第一书记; a team has one current leader).
   */
  saveDispatch: scopedProcedure.input(dispatchInput).mutation(async ({ ctx, input }) => {
    const record = parseDispatchRecord({ ...input, orgId: String(input.orgId) });
    const [org] = await ctx.db
      .select({ id: orgs.id, regionCode: orgs.regionCode })
      .from(orgs)
      .where(eq(orgs.id, input.orgId));
    if (!org) notFound('党组织');
    const values = {
      orgId: org.id,
      regionCode: org.regionCode,
      year: record.year,
      kind: record.kind,
      cadreName: record.cadreName,
      unit: record.unit,
      post: record.post === '' ? null : record.post,
      leader: record.leader,
      firstSecretary: record.firstSecretary,
      fromDate: record.fromDate,
      toDate: record.toDate,
    };
    if (record.leader) {
      const [other] = await ctx.db
        .select({ id: orgDispatches.id, cadreName: orgDispatches.cadreName })
        .from(orgDispatches)
        .where(
          and(
            eq(orgDispatches.orgId, org.id),
            eq(orgDispatches.year, record.year),
            eq(orgDispatches.leader, true),
            isNull(orgDispatches.toDate),
            input.id === undefined ? undefined : sql`${orgDispatches.id} <> ${input.id}`,
          ),
        )
        .limit(1);
      if (other && record.toDate === null) {
        bad(
          `组长（leader）：该党组织 ${record.year} 年已有在任工作组组长「${other.cadreName}」，请先登记其离任`,
        );
      }
    }
    if (input.id === undefined) {
      const [made] = await ctx.db
        .insert(orgDispatches)
        .values({ ...values, createdBy: ctx.user.id })
        .returning();
      ctx.audit({
        target: `org_dispatch:${defined(made).id}`,
        regionCode: org.regionCode,
        after: values,
      });
      return defined(made);
    }
    const [current] = await ctx.db
      .select()
      .from(orgDispatches)
      .where(eq(orgDispatches.id, input.id))
      .for('update');
    if (!current || current.orgId !== org.id) {
      notFound('选派记录');
    }
    const [updated] = await ctx.db
      .update(orgDispatches)
      .set({ ...values, updatedAt: ctx.now() })
      .where(eq(orgDispatches.id, current.id))
      .returning();
    const { createdAt: _c, updatedAt: _u, createdBy: _b, id: _i, ...before } = current;
    ctx.audit({
      target: `org_dispatch:${current.id}`,
      regionCode: org.regionCode,
      before,
      after: values,
    });
    return defined(updated);
  }),

  /** A dispatched cadre leaves (recalled, replaced): the record keeps its end date. */
  endDispatch: scopedProcedure
    .input(z.object({ dispatchId: idSchema, toDate: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const [current] = await ctx.db
        .select()
        .from(orgDispatches)
        .where(and(eq(orgDispatches.id, input.dispatchId), isNull(orgDispatches.toDate)))
        .for('update');
      if (!current) {
        throw new TRPCError({ code: 'NOT_FOUND', message: '选派记录不存在、已离任或不在本辖区内' });
      }
      if (input.toDate < current.fromDate) {
        bad(`离任日期（toDate）：不能早于到任日期（${current.fromDate}）`);
      }
      const [updated] = await ctx.db
        .update(orgDispatches)
        .set({ toDate: input.toDate, updatedAt: ctx.now() })
        .where(eq(orgDispatches.id, current.id))
        .returning();
      ctx.audit({
        target: `org_dispatch:${current.id}`,
        regionCode: current.regionCode,
        before: { toDate: null },
        after: { toDate: input.toDate },
      });
      return defined(updated);
    }),

  /**
   * 不得提拔重用和评先评优 (001 §9): the secretaries and the dispatched cadres (驻联干部, every
   * cadre recorded for the org that year) of orgs that did not move up from 一般/较差 or moved
   * down from 好/较好 this year, from the domain.
   */
  sanctions: regionProcedure.input(input).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const [rows, cadres] = await Promise.all([
      gradedOrgs(ctx.db, input.regionCode, input.year),
      dispatchesByOrg(ctx.db, input.regionCode, input.year),
    ]);
    const byId = new Map(rows.map((r) => [String(r.orgId), r]));
    const cadreById = new Map(
      [...cadres.values()].flat().map((d) => [`dispatch:${d.id}`, cadreView(d)]),
    );
    const entries = sanctionList({ orgs: comparable(rows, cadres) });
    const cite = citation('001', '§9');
    return {
      regionCode: region.code,
      regionName: region.name,
      year: input.year,
      items: entries.map((e) => {
        const r = defined(byId.get(e.orgId));
        const cadre = e.role === 'dispatched_cadre' ? defined(cadreById.get(e.personId)) : null;
        return {
          key: `${e.orgId}:${e.personId}`,
          personId: cadre === null ? Number(e.personId) : null,
          dispatchId: cadre?.id ?? null,
          personName: cadre === null ? r.secretaryName : cadre.cadreName,
          role: e.role,
          roleLabel:
            cadre === null ? ROLE_LABELS[e.role] : `${ROLE_LABELS[e.role]}（${cadre.roleLabel}）`,
          unit: cadre?.unit ?? null,
          orgId: r.orgId,
          orgName: r.orgName,
          regionName: r.regionName,
          countyName: r.countyName,
          lastYearGrade: r.lastYearGrade,
          thisYearGrade: defined(r.thisYearGrade),
          grades: `${GRADE_LABELS[r.lastYearGrade]} → ${GRADE_LABELS[defined(r.thisYearGrade)]}`,
          reason: e.reason,
          reasonLabel: `${REASON_LABELS[e.reason]}，${input.year} 年度不得提拔重用和评先评优（${cite}）`,
        };
      }),
    };
  }),
});
