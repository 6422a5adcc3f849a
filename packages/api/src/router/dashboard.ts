import { inRegion } from '@dangjian/db';
import { orgGrades, regions } from '@dangjian/db/schema';
import {
  computeUpgradeTargets,
  GRADES,
  REGION_PREFIX_LENGTH,
  regionCodeSchema,
  regionLevelOf,
  yearSchema,
  type Grade,
  childRegionLevel,
} from '@dangjian/domain';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { evaluateFloors, policiesFor } from './floors';
import { requireRegion } from './region';
import { comparable, gradedOrgs } from './upgrade';

/**
 * 概览: for the region's children (city → counties → townships → villages), this year's grade
 * distribution, the upgrade rates against the 001 §9 targets, and the funding floors met. One
 * set-based query per figure family; rates and floors come from the domain.
 */
export const dashboardRouter = createTRPCRouter({
  overview: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const region = await requireRegion(ctx.db, input.regionCode);
      const childLevel = childRegionLevel(region.level);
      const prefixLength = childLevel ? REGION_PREFIX_LENGTH[childLevel] : 12;
      const prefix = sql.raw(String(prefixLength));
      const gradePrefix = sql<string>`left(${orgGrades.regionCode}, ${prefix})`;

      const [children, distribution, graded, floors] = await Promise.all([
        ctx.db
          .select({ code: regions.code, name: regions.name, level: regions.level })
          .from(regions)
          .where(eq(regions.parentCode, region.code))
          .orderBy(asc(regions.code)),
        ctx.db
          .select({ prefix: gradePrefix, grade: orgGrades.grade, n: count() })
          .from(orgGrades)
          .where(
            and(
              eq(orgGrades.year, input.year),
              isNull(orgGrades.supersededAt),
              inRegion(orgGrades.regionCode, region.code),
            ),
          )
          .groupBy(sql`1`, orgGrades.grade),
        gradedOrgs(ctx.db, region.code, input.year),
        // Floors are counted per county (001 §17): per child when the children are counties.
        evaluateFloors(ctx.db, region.code, input.year),
      ]);

      // Orgs sitting at the region's own code (e.g. a township's committee) form a "本级" column.
      const columns = [
        ...children.map((c) => ({
          code: c.code,
          name: c.name,
          level: c.level,
          drillable: c.level !== 'village',
          own: false,
        })),
      ];
      const known = new Set(columns.map((c) => c.code.slice(0, prefixLength)));
      const ownPrefix = region.code.slice(0, prefixLength);
      if (!known.has(ownPrefix) && distribution.some((d) => d.prefix === ownPrefix)) {
        columns.push({
          code: region.code,
          name: `${region.name}（本级）`,
          level: regionLevelOf(region.code),
          drillable: false,
          own: true,
        });
      }
      const policies = await policiesFor(
        ctx.db,
        region.code,
        columns.filter((c) => !c.own).map((c) => c.code),
        input.year,
      );
      const parentPolicy = await loadPolicy(ctx.db, region.code, input.year);
      const policyOf = (code: string) => policies.get(code) ?? parentPolicy;

      const rows = columns.map((col) => {
        const p = col.code.slice(0, prefixLength);
        const grades = Object.fromEntries(
          GRADES.map((g) => [g, distribution.find((d) => d.prefix === p && d.grade === g)?.n ?? 0]),
        ) as Record<Grade, number>;
        const mine = graded.filter((r) => r.regionCode.slice(0, prefixLength) === p);
        const upgrade = computeUpgradeTargets({ orgs: comparable(mine) }, policyOf(col.code));
        const unit = floors.units.find((u) => u.code === col.code);
        return {
          ...col,
          grades,
          graded: GRADES.reduce((t, g) => t + grades[g], 0),
          upgrade: upgrade.lines.map((l) => ({
            grade: l.grade,
            label: l.label,
            measure: l.measure,
            orgCount: l.orgCount,
            achieved: l.achieved,
            rate: l.rate,
            targetPercent: l.targetPercent,
            met: l.met,
          })),
          floors: unit ? { evaluated: unit.evaluated, met: unit.met, unmet: unit.unmet } : null,
        };
      });

      const overall = computeUpgradeTargets({ orgs: comparable(graded) }, policyOf(region.code));
      return {
        regionCode: region.code,
        regionName: region.name,
        level: region.level,
        childLevel,
        year: input.year,
        children: rows,
        upgrade: overall.lines,
        policyVersion: overall.policyVersion,
        floors: {
          partial: floors.partial,
          scopeNote: floors.scopeNote,
          units: floors.units.map((u) => ({
            code: u.code,
            name: u.name,
            evaluated: u.evaluated,
            met: u.met,
            unmet: u.unmet,
          })),
          summary: floors.summary,
        },
      };
    }),
});
