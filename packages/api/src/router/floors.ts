import type { Database } from '@dangjian/db';
import { defined, inRegion, isCountyUnit } from '@dangjian/db';
import { cadreBasicPay, people, regions, regionStats } from '@dangjian/db/schema';
import {
  CADRE_POST_LABELS,
  cadrePostSchema,
  normalizeRegionCode,
  regionCodeSchema,
  secretaryPayFloorRules,
  fenSchema,
  yearSchema,
  type RegionCode,
  type ResolvedPolicy,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idOf } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure, type AuditEntry, type SessionUser } from '../trpc';
import { requireRegion } from '../queries/region';
import {
  buildCadrePaySheet,
  parseCadrePaySheet,
  type CadrePaySheetRow,
  type ParsedCadrePayRow,
} from '../xlsx/cadre-pay-sheet';
import { importFileSchema, sheetIssue, type SheetIssue } from '../xlsx/workbook';
import { policiesFor } from '../queries/policies';
import {
  checkBasicPay,
  eachBasicMode,
  STAT_LABELS,
  FLOOR_STAT_KEYS,
  evaluateFloors,
} from '../queries/floors';

export const floorsInput = z.object({ regionCode: regionCodeSchema, year: yearSchema });

const idInput = idOf('应为编号');

const saveCadrePayInput = z
  .object({
    /** The record to edit; absent for a new record. */
    id: idInput.optional(),
    /** The village or community. */
    regionCode: regionCodeSchema,
    year: yearSchema,
    /** An existing person… */
    personId: idInput.optional(),
    /** …or a new one, by name and gender. */
    name: z.string().trim().min(1, '请填写姓名').max(50, '不超过 50 字').optional(),
    gender: z.enum(['male', 'female'], { error: '应为男或女' }).optional(),
    post: cadrePostSchema,
    basicPayFen: fenSchema,
    note: z.string().trim().max(200, '不超过 200 字').nullable().default(null),
  })
  .refine((v) => v.id !== undefined || v.personId !== undefined || (v.name && v.gender), {
    message: '请选择人员，或填写新人员的姓名和性别',
    path: ['personId'],
  });

type CadrePayListItem = Awaited<ReturnType<typeof cadrePayList>>['items'][number];

/** The county-level unit of a code (a county, or a city without counties such as 东莞). */
const unitOf = (code: string) => normalizeRegionCode(code.slice(0, 6));

/** Cadres' basic pay records of a region and year with their person and township, in code order. */
function cadrePayRows(db: Database, regionCode: RegionCode, year: number) {
  const township = alias(regions, 'township');
  return db
    .select({
      id: cadreBasicPay.id,
      year: cadreBasicPay.year,
      regionCode: cadreBasicPay.regionCode,
      unitName: regions.name,
      unitKind: regions.kind,
      townshipName: township.name,
      personId: cadreBasicPay.personId,
      name: people.name,
      gender: people.gender,
      post: cadreBasicPay.post,
      basicPayFen: cadreBasicPay.basicPayFen,
      note: cadreBasicPay.note,
    })
    .from(cadreBasicPay)
    .innerJoin(regions, eq(regions.code, cadreBasicPay.regionCode))
    .innerJoin(people, eq(people.id, cadreBasicPay.personId))
    .leftJoin(township, eq(township.code, regions.parentCode))
    .where(and(eq(cadreBasicPay.year, year), inRegion(cadreBasicPay.regionCode, regionCode)))
    .orderBy(asc(cadreBasicPay.regionCode), asc(cadreBasicPay.post), asc(cadreBasicPay.id));
}
type CadrePayRow = Awaited<ReturnType<typeof cadrePayRows>>[number];

/** 当地农民人均纯收入 of each of the units for a year (those recorded). */
async function farmerIncomes(db: Database, unitCodes: readonly RegionCode[], year: number) {
  if (unitCodes.length === 0) return [];
  return db
    .select({ regionCode: regionStats.regionCode, valueFen: regionStats.valueFen })
    .from(regionStats)
    .where(
      and(
        eq(regionStats.year, year),
        eq(regionStats.key, 'farmer_net_income_per_capita'),
        inArray(regionStats.regionCode, [...unitCodes]),
      ),
    );
}

interface BasicPayVerdicts {
  /** By record id: the floor it is held to, the gap and whether it is met. */
  verdicts: Map<number, { floorFen: number; shortfallFen: number; met: boolean }>;
  /** By `${unit}:${group}`: why a group's records get no verdict. */
  reasons: Map<string, string>;
}

/**
 * One rule call per unit and group (003 §4.3): the floor each record is held to, or why its
 * group is not checked one by one (the unit's policy counts the county average, or the farmers'
 * income is not recorded).
 */
function basicPayVerdicts(
  rows: readonly CadrePayRow[],
  unitCodes: readonly RegionCode[],
  policies: ReadonlyMap<RegionCode, ResolvedPolicy>,
  incomes: readonly { regionCode: string; valueFen: number }[],
  year: number,
): BasicPayVerdicts {
  const out: BasicPayVerdicts = { verdicts: new Map(), reasons: new Map() };
  for (const code of unitCodes) {
    const policy = defined(policies.get(code));
    const income = incomes.find((i) => i.regionCode === code);
    for (const group of ['village', 'community'] as const) {
      const mine = rows.filter(
        (r) =>
          unitOf(r.regionCode) === code && (group === 'community') === (r.unitKind === 'community'),
      );
      if (mine.length === 0) continue;
      if (!eachBasicMode(policy, group)) {
        out.reasons.set(`${code}:${group}`, '本地区按县（市）平均报酬核算，不逐人核算基本报酬');
        continue;
      }
      if (!income) {
        out.reasons.set(
          `${code}:${group}`,
          `缺少${year}年${STAT_LABELS.farmer_net_income_per_capita}`,
        );
        continue;
      }
      const check = checkBasicPay(group, mine, income.valueFen, policy);
      for (const i of check.items) out.verdicts.set(Number(i.id), i);
    }
  }
  return out;
}

/** Cadres' basic pay records of a region and year, each against its unit's floor where one applies. */
async function cadrePayList(db: Database, regionCode: RegionCode, year: number) {
  const region = await requireRegion(db, regionCode);
  const rows = await cadrePayRows(db, region.code, year);
  const unitCodes = [...new Set(rows.map((r) => unitOf(r.regionCode)))];
  const [policies, incomes, regionPolicy] = await Promise.all([
    policiesFor(db, region.code, unitCodes, year),
    farmerIncomes(db, unitCodes, year),
    loadPolicy(db, region.code, year),
  ]);
  const { verdicts, reasons } = basicPayVerdicts(rows, unitCodes, policies, incomes, year);
  return {
    regionCode: region.code,
    regionName: region.name,
    year,
    policyLabel: regionPolicy.label,
    /** The village and community pay floors of the region's policy, in words, cited. */
    rules: secretaryPayFloorRules(regionPolicy),
    items: rows.map((r) => {
      const v = verdicts.get(r.id);
      const group = r.unitKind === 'community' ? 'community' : 'village';
      return {
        ...r,
        postLabel: CADRE_POST_LABELS[r.post],
        floorFen: v?.floorFen ?? null,
        shortfallFen: v?.shortfallFen ?? null,
        met: v?.met ?? null,
        reason: v ? null : (reasons.get(`${unitOf(r.regionCode)}:${group}`) ?? null),
      };
    }),
  };
}

/** Village-level units (村 and 社区) of a region with their township's name, in code order. */
function villageUnits(db: Database, regionCode: RegionCode) {
  const township = alias(regions, 'township');
  return db
    .select({ code: regions.code, name: regions.name, townshipName: township.name })
    .from(regions)
    .leftJoin(township, eq(township.code, regions.parentCode))
    .where(and(eq(regions.level, 'village'), inRegion(regions.code, regionCode)))
    .orderBy(asc(regions.code));
}

/** What a write needs of the procedure's context. */
interface WriteContext {
  db: Database;
  user: SessionUser;
  now: () => Date;
  audit: (entry: AuditEntry) => void;
}

type Unit = Awaited<ReturnType<typeof requireRegion>>;
type SaveCadrePayInput = z.infer<typeof saveCadrePayInput>;

/** Corrects a basic pay record's post, amount and note; its village and year stay. */
async function updateCadrePay(ctx: WriteContext, unit: Unit, id: number, input: SaveCadrePayInput) {
  const [current] = await ctx.db
    .select()
    .from(cadreBasicPay)
    .where(eq(cadreBasicPay.id, id))
    .for('update');
  if (!current) notFound('基本报酬记录');
  if (current.regionCode !== unit.code || current.year !== input.year) {
    bad('记录（id）：修改时村（社区）和年度不能变更，请另行新增');
  }
  const [updated] = await ctx.db
    .update(cadreBasicPay)
    .set({
      post: input.post,
      basicPayFen: input.basicPayFen,
      note: input.note,
      updatedBy: ctx.user.id,
      updatedAt: ctx.now(),
    })
    .where(eq(cadreBasicPay.id, current.id))
    .returning();
  ctx.audit({
    target: `cadre_basic_pay:${current.id}`,
    regionCode: current.regionCode,
    before: { post: current.post, basicPayFen: current.basicPayFen, note: current.note },
    after: { post: input.post, basicPayFen: input.basicPayFen, note: input.note },
  });
  return defined(updated);
}

/** The person a new record is for: an existing one (which must exist), or one created in the village. */
async function cadrePerson(db: Database, unit: Unit, input: SaveCadrePayInput): Promise<number> {
  if (input.personId !== undefined) {
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.id, input.personId));
    if (!person) notFound('人员');
    return input.personId;
  }
  const [made] = await db
    .insert(people)
    .values({ name: defined(input.name), gender: defined(input.gender), regionCode: unit.code })
    .returning({ id: people.id });
  return defined(made).id;
}

/** Records a person's basic pay in a village for a year: one record per person, unit and year. */
async function createCadrePay(ctx: WriteContext, unit: Unit, input: SaveCadrePayInput) {
  const personId = await cadrePerson(ctx.db, unit, input);
  const [existing] = await ctx.db
    .select({ id: cadreBasicPay.id })
    .from(cadreBasicPay)
    .where(
      and(
        eq(cadreBasicPay.regionCode, unit.code),
        eq(cadreBasicPay.year, input.year),
        eq(cadreBasicPay.personId, personId),
      ),
    );
  if (existing) {
    bad(`人员（personId）：此人${input.year}年在${unit.name}已有基本报酬记录，请修改该记录`);
  }
  const [made] = await ctx.db
    .insert(cadreBasicPay)
    .values({
      year: input.year,
      regionCode: unit.code,
      personId,
      post: input.post,
      basicPayFen: input.basicPayFen,
      note: input.note,
      updatedBy: ctx.user.id,
    })
    .returning();
  ctx.audit({
    target: `cadre_basic_pay:${defined(made).id}`,
    regionCode: unit.code,
    after: {
      year: input.year,
      personId,
      ...(input.personId === undefined ? { name: input.name } : {}),
      post: input.post,
      basicPayFen: input.basicPayFen,
      note: input.note,
    },
  });
  return defined(made);
}

type SheetLine = ParsedCadrePayRow & { regionCode: string };

/**
 * Each sheet row's village or community, by its township and name as the template writes them;
 * a row naming none, or a name two units share, becomes an issue and is left out.
 */
function sheetUnits(
  rows: readonly ParsedCadrePayRow[],
  villages: Awaited<ReturnType<typeof villageUnits>>,
  regionName: string,
  issues: SheetIssue[],
): SheetLine[] {
  const unitsByName = new Map<string, string[]>();
  for (const v of villages) {
    const key = `${v.townshipName ?? ''}/${v.name}`;
    unitsByName.set(key, [...(unitsByName.get(key) ?? []), v.code]);
  }
  return rows.flatMap((r) => {
    const codes = unitsByName.get(`${r.township}/${r.unit}`) ?? [];
    if (codes.length !== 1) {
      issues.push(
        sheetIssue(
          r.row,
          '村（社区）',
          codes.length === 0
            ? `${regionName}没有“${r.township}${r.unit}”（乡镇和村名应与导出的模板一致）`
            : `“${r.township}${r.unit}”有重名，请在页面上逐条录入`,
        ),
      );
      return [];
    }
    return [{ ...r, regionCode: defined(codes[0]) }];
  });
}

/**
 * The people already registered under each line's name in its village, by `${regionCode}/${name}`;
 * a name several people share, or a new person without 性别, becomes an issue.
 */
async function sheetPeople(
  db: Database,
  lines: readonly SheetLine[],
  issues: SheetIssue[],
): Promise<Map<string, number[]>> {
  const codes = [...new Set(lines.map((r) => r.regionCode))];
  const names = [...new Set(lines.map((r) => r.name))];
  const known =
    codes.length === 0
      ? []
      : await db
          .select({ id: people.id, name: people.name, regionCode: people.regionCode })
          .from(people)
          .where(and(inArray(people.regionCode, codes), inArray(people.name, names)));
  const peopleOf = new Map<string, number[]>();
  for (const p of known) {
    const key = `${p.regionCode}/${p.name}`;
    peopleOf.set(key, [...(peopleOf.get(key) ?? []), p.id]);
  }
  for (const r of lines) {
    const ids = peopleOf.get(`${r.regionCode}/${r.name}`) ?? [];
    if (ids.length > 1)
      issues.push(
        sheetIssue(r.row, '姓名', `${r.unit}有 ${ids.length} 名同名人员，请在页面上逐条录入`),
      );
    else if (ids.length === 0 && r.gender === null)
      issues.push(sheetIssue(r.row, '性别', '新登记的人员须填写性别'));
  }
  return peopleOf;
}

/** Creates the lines' new people in one statement, adding them to `peopleOf`; returns how many. */
async function createSheetPeople(
  db: Database,
  lines: readonly SheetLine[],
  peopleOf: Map<string, number[]>,
): Promise<number> {
  const fresh = lines.filter((r) => !peopleOf.has(`${r.regionCode}/${r.name}`));
  if (fresh.length === 0) return 0;
  const made = await db
    .insert(people)
    .values(
      fresh.map((r) => ({
        name: r.name,
        gender: defined(r.gender),
        regionCode: r.regionCode,
      })),
    )
    .returning({ id: people.id, name: people.name, regionCode: people.regionCode });
  for (const p of made) peopleOf.set(`${p.regionCode}/${p.name}`, [p.id]);
  return fresh.length;
}

/**
 * Writes every line of a checked sheet: new people in one statement, then every record in one
 * upsert per chunk (replacing that person's record of the year), each audited with what it held.
 */
async function writeCadrePaySheet(
  ctx: WriteContext,
  year: number,
  sheet: readonly SheetLine[],
  peopleOf: Map<string, number[]>,
) {
  const newPeople = await createSheetPeople(ctx.db, sheet, peopleOf);
  const lines = sheet.map((r) => ({
    year,
    regionCode: r.regionCode,
    personId: defined(defined(peopleOf.get(`${r.regionCode}/${r.name}`))[0]),
    post: r.post,
    basicPayFen: r.basicPayFen,
    note: r.note,
    updatedBy: ctx.user.id,
  }));
  const before =
    lines.length === 0
      ? []
      : await ctx.db
          .select()
          .from(cadreBasicPay)
          .where(
            and(
              eq(cadreBasicPay.year, year),
              inArray(
                cadreBasicPay.personId,
                lines.map((l) => l.personId),
              ),
            ),
          );
  const beforeOf = new Map(before.map((b) => [`${b.regionCode}/${b.personId}`, b]));
  for (let i = 0; i < lines.length; i += 1000) {
    const written = await ctx.db
      .insert(cadreBasicPay)
      .values(lines.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [cadreBasicPay.regionCode, cadreBasicPay.year, cadreBasicPay.personId],
        set: {
          post: sql`excluded.post`,
          basicPayFen: sql`excluded.basic_pay_fen`,
          note: sql`excluded.note`,
          updatedBy: ctx.user.id,
          updatedAt: ctx.now(),
        },
      })
      .returning();
    for (const w of written) {
      const old = beforeOf.get(`${w.regionCode}/${w.personId}`);
      ctx.audit({
        target: `cadre_basic_pay:${w.id}`,
        regionCode: w.regionCode,
        before: old ? { post: old.post, basicPayFen: old.basicPayFen, note: old.note } : undefined,
        after: {
          year: w.year,
          personId: w.personId,
          post: w.post,
          basicPayFen: w.basicPayFen,
          note: w.note,
        },
      });
    }
  }
  const updated = lines.filter((l) => beforeOf.has(`${l.regionCode}/${l.personId}`)).length;
  return { created: lines.length - updated, updated, newPeople };
}

export const floorsRouter = createTRPCRouter({
  /** Every floor of packages/domain floors.ts per county-level unit of the region (and the city fund), short ones first. */
  check: scopedProcedure
    .input(floorsInput)
    .query(({ ctx, input }) => evaluateFloors(ctx.db, input.regionCode, input.year)),

  /** Village and community cadres' basic pay of a region and year (003 §4.3), each with its floor. */
  cadrePay: scopedProcedure
    .input(floorsInput)
    .query(({ ctx, input }) => cadrePayList(ctx.db, input.regionCode, input.year)),

  /**
   * Records (or corrects) a cadre's basic pay for a year: a village or community, a person (an
   * existing one, or a new one by name and gender, created in that village), the post and the
   * amount. One record per person, unit and year.
   */
  saveCadrePay: regionProcedure.input(saveCadrePayInput).mutation(async ({ ctx, input }) => {
    const unit = ctx.region;
    if (unit.level !== 'village') {
      bad(`村（社区）（regionCode）：基本报酬按村或社区录入，「${unit.name}」不是村或社区`);
    }
    return input.id !== undefined
      ? updateCadrePay(ctx, unit, input.id, input)
      : createCadrePay(ctx, unit, input);
  }),

  /**
   * The basic pay sheet of a region and year to fill in offline: every village and community
   * with its recorded cadres, or one blank line.
   */
  cadrePayTemplate: regionProcedure.input(floorsInput).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const [villages, list] = await Promise.all([
      villageUnits(ctx.db, region.code),
      cadrePayList(ctx.db, region.code, input.year),
    ]);
    const byUnit = new Map<string, CadrePayListItem[]>();
    for (const item of list.items) {
      const mine = byUnit.get(item.regionCode);
      if (mine) mine.push(item);
      else byUnit.set(item.regionCode, [item]);
    }
    const rows = villages.flatMap((v): CadrePaySheetRow[] => {
      const base = { township: v.townshipName ?? '', unit: v.name };
      const mine = byUnit.get(v.code) ?? [];
      return mine.length === 0
        ? [{ ...base, name: '', gender: null, post: null, basicPayFen: null, note: null }]
        : mine.map((m) => ({
            ...base,
            name: m.name,
            gender: m.gender,
            post: m.post,
            basicPayFen: m.basicPayFen,
            note: m.note,
          }));
    });
    const title = `${region.name}${input.year}年村（社区）干部基本报酬`;
    return {
      filename: `${title}.xlsx`,
      base64: await buildCadrePaySheet(title, rows),
      rowCount: rows.length,
    };
  }),

  /**
   * Imports a filled-in basic pay sheet. Every row is checked first (village known in the region,
   * post, amount, one line per person and village; a person is matched by name in that village
   * and created when new, which needs 性别); if anything is wrong nothing is written and every
   * problem is listed by row. Otherwise each row is created or replaces that person's record.
   */
  importCadrePay: regionProcedure
    .input(
      floorsInput.extend({
        base64: importFileSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { region } = ctx;
      const summaryTarget = `cadre_basic_pay:${region.code}:${input.year}`;
      const parsed = await parseCadrePaySheet(input.base64);
      const issues: SheetIssue[] = [...parsed.issues];
      const villages = await villageUnits(ctx.db, region.code);
      const lines = sheetUnits(parsed.rows, villages, region.name, issues);
      const peopleOf = await sheetPeople(ctx.db, lines, issues);
      if (issues.length > 0) {
        issues.sort((a, b) => a.row - b.row);
        ctx.audit({
          target: summaryTarget,
          regionCode: region.code,
          after: { import: 'rejected', rows: parsed.rows.length, errors: issues.length },
        });
        return { ok: false as const, rowCount: parsed.rows.length, errors: issues };
      }
      const counts = await writeCadrePaySheet(ctx, input.year, lines, peopleOf);
      ctx.audit({
        target: summaryTarget,
        regionCode: region.code,
        after: { import: 'written', rows: parsed.rows.length, ...counts },
      });
      return { ok: true as const, rowCount: parsed.rows.length, ...counts };
    }),

  /** Removes a basic pay record entered in error (the audit log keeps what it held). */
  deleteCadrePay: scopedProcedure
    .input(z.object({ id: idInput }))
    .mutation(async ({ ctx, input }) => {
      const [removed] = await ctx.db
        .delete(cadreBasicPay)
        .where(eq(cadreBasicPay.id, input.id))
        .returning();
      if (!removed) notFound('基本报酬记录');
      ctx.audit({
        target: `cadre_basic_pay:${removed.id}`,
        regionCode: removed.regionCode,
        before: removed,
      });
      return { id: removed.id };
    }),

  /**
   * Records a reference figure a floor is measured against (当地农民人均纯收入, 农村劳动力年平均收入,
   * 社会平均工资, the city's hardship fund amounts) for a county-level unit or a city and year,
   * with where it comes from; a second entry replaces the first.
   */
  saveStat: regionProcedure
    .input(
      z.object({
        regionCode: regionCodeSchema,
        year: yearSchema,
        key: z.enum(FLOOR_STAT_KEYS, { error: '无效选项' }),
        valueFen: fenSchema,
        source: z.string().trim().min(1, '请填写，如统计公报').max(200, '不超过 200 字'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = ctx.region;
      // The city's hardship fund is a city figure (001 §23); the others are the local figures
      // of a county-level unit, the unit the floors are counted for (a county, or 东莞 itself).
      const cityFigure =
        input.key === 'hardship_fund_finance' || input.key === 'hardship_fund_dues';
      const [countyLevel] = cityFigure
        ? []
        : await ctx.db
            .select({ code: regions.code })
            .from(regions)
            .where(and(eq(regions.code, unit.code), isCountyUnit(regions)));
      if (cityFigure ? unit.level !== 'city' : !countyLevel) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: cityFigure
            ? `区划（regionCode）：${STAT_LABELS[input.key]}按市录入，「${unit.name}」不是市`
            : `区划（regionCode）：${STAT_LABELS[input.key]}按县（市、区）录入（不设区的市按市录入），「${unit.name}」不是`,
        });
      }
      const [before] = await ctx.db
        .select()
        .from(regionStats)
        .where(
          and(
            eq(regionStats.regionCode, unit.code),
            eq(regionStats.year, input.year),
            eq(regionStats.key, input.key),
          ),
        );
      const value = {
        regionCode: unit.code,
        year: input.year,
        key: input.key,
        valueFen: input.valueFen,
        source: input.source,
      };
      await ctx.db
        .insert(regionStats)
        .values(value)
        .onConflictDoUpdate({
          target: [regionStats.regionCode, regionStats.year, regionStats.key],
          set: { valueFen: input.valueFen, source: input.source },
        });
      ctx.audit({
        target: `region_stat:${unit.code}:${input.year}:${input.key}`,
        regionCode: unit.code,
        before: before ?? null,
        after: value,
      });
      return { ...value, label: STAT_LABELS[input.key] };
    }),
});
