import { inRegion } from '@dangjian/db';
import { policySets, regions, users } from '@dangjian/db/schema';
import {
  adoptNotice,
  citeNotice,
  DEFAULT_POLICY_SET,
  describePolicy,
  DomainError,
  fingerprint,
  formatPolicySource,
  NOTICE_IDS,
  NOTICE_POLICY_SETS,
  NOTICES,
  noticeName,
  POLICY_SET_KIND_LABELS,
  policySetKind,
  isDomainError,
  isoDateSchema,
  isWithinRegion,
  parsePolicySet,
  POLICY_KEYS,
  POLICY_PARAMETERS,
  POLICY_UNIT_LABELS,
  regionCodeSchema,
  regionPrefix,
  resolvePolicy,
  yearSchema,
  type PolicyKey,
  type PolicySet,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { ancestorCodes, loadPolicySets } from '../policy';
import type { Database } from '@dangjian/db';
import { notFound } from '../errors';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure, type AuditEntry, type SessionUser } from '../trpc';
import { requireRegion } from '../queries/region';

/** The parameters a set holds, as display rows (label, unit, value, the citation in people's words). */
function describeSet(set: PolicySet) {
  return POLICY_KEYS.flatMap((key) => {
    const entry = set.parameters[key];
    if (!entry) return [];
    const meta = POLICY_PARAMETERS[key];
    return [
      {
        key,
        label: meta.label,
        family: meta.family,
        unit: meta.unit,
        unitLabel: POLICY_UNIT_LABELS[meta.unit],
        value: entry.value,
        source: formatPolicySource(entry.source),
        sourceTitle: entry.source.seed !== null ? citeNotice(entry.source.seed).title : null,
        sourceNote: entry.source.note ?? null,
      },
    ];
  });
}

function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICY_PARAMETERS, key);
}

/**
 * A rejected override names the parameter in Chinese: "政策参数「“较好”类报酬系数」：比例不应大于 1".
 * (The domain names it by path; the merged check names it by key.)
 */
function nameTheParameter(error: DomainError): DomainError {
  const key = /^(?:parameters\.)?([A-Za-z]+)/.exec(error.field)?.[1];
  if (key === undefined || !isPolicyKey(key)) return error;
  const cut = error.message.indexOf('：');
  const reason = cut >= 0 ? error.message.slice(cut + 1) : error.message;
  return new DomainError(
    error.code,
    error.field,
    `政策参数「${POLICY_PARAMETERS[key].label}」：${reason}`,
  );
}

/**
 * A new version of a set, merged with the sets above it (and replacing its own older version),
 * must still resolve in each of `years`; a refusal names the parameter.
 */
async function assertStillResolves(
  db: Database,
  set: PolicySet,
  regionCode: string,
  years: Iterable<number>,
): Promise<void> {
  try {
    const others = (await loadPolicySets(db, regionCode)).filter((s) => s.id !== set.id);
    for (const year of years) resolvePolicy([...others, set], regionCode, year);
  } catch (e) {
    throw isDomainError(e) ? nameTheParameter(e) : e;
  }
}

const saveOverrideInput = z.object({
  /** The set to add a version to; absent for a new set (its id is derived from region and name). */
  id: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1, '请输入参数集名称').max(100, '名称不能超过 100 个字'),
  regionCode: regionCodeSchema,
  fromYear: yearSchema,
  toYear: yearSchema.nullable().default(null),
  effectiveDate: isoDateSchema,
  /** { [policyKey]: { value, source } }; validated by the domain (parsePolicySet). */
  parameters: z.record(z.string(), z.unknown()),
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullable().default(null),
});

/**
 * The newest version of a department's set that a saved override adds a version to: inside the
 * caller's region, not an adopted notice (re-adopt instead), and for the same region.
 */
async function overriddenSet(db: Database, scopeCode: string, id: string, regionCode: string) {
  const [existing] = await db
    .select({
      version: policySets.version,
      regionCode: policySets.regionCode,
      kind: policySets.kind,
      parameters: policySets.parameters,
    })
    .from(policySets)
    .where(and(eq(policySets.id, id), inRegion(policySets.regionCode, scopeCode)))
    .orderBy(desc(policySets.version))
    .limit(1);
  if (!existing) notFound(`政策参数集「${id}」`);
  if (existing.kind === 'adopted') {
    throw new DomainError(
      'RULE_VIOLATION',
      'id',
      '参数集：参照执行的文件不能逐项改写，请重新参照执行，或新建本地区调整',
    );
  }
  if (existing.regionCode !== regionCode) {
    throw new DomainError(
      'INVALID_INPUT',
      'regionCode',
      '区划代码（regionCode）：不能更改已有参数集的适用区划，请新建一个',
    );
  }
  return existing;
}

/** The id of a new set, derived from its region and name; refused when that id is taken. */
async function newSetId(db: Database, regionCode: string, name: string): Promise<string> {
  const id = `${regionPrefix(regionCode)}-${fingerprint(name)}`;
  const [clash] = await db
    .select({ id: policySets.id })
    .from(policySets)
    .where(eq(policySets.id, id))
    .limit(1);
  if (clash) {
    throw new DomainError(
      'INVALID_INPUT',
      'name',
      `名称（name）：本区划已有同名参数集「${name}」，请在列表中编辑它`,
    );
  }
  return id;
}

/**
 * Stores a validated set as its next version (refused as a conflict when someone stored that
 * version first) and audits it with the previous version's parameters.
 */
async function storeSetVersion(
  ctx: {
    db: Database;
    user: SessionUser;
    audit: (entry: AuditEntry) => void;
    now: () => Date;
  },
  set: PolicySet & { regionCode: string },
  meta: { effectiveDate: string; note: string | null },
  previous: { version: number; parameters: unknown } | undefined,
) {
  const [saved] = await ctx.db
    .insert(policySets)
    .values({
      id: set.id,
      version: set.version,
      name: set.name,
      regionCode: set.regionCode,
      fromYear: set.fromYear,
      toYear: set.toYear,
      kind: policySetKind(set) === 'adopted' ? 'adopted' : 'local',
      noticeId: set.noticeId ?? null,
      effectiveDate: meta.effectiveDate,
      parameters: set.parameters,
      note: meta.note,
      createdBy: ctx.user.id,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning({ id: policySets.id, version: policySets.version });
  if (!saved) {
    throw new TRPCError({ code: 'CONFLICT', message: '该参数集刚被他人修改，请刷新后重试' });
  }
  ctx.audit({
    target: `policy:${saved.id}@${saved.version}`,
    regionCode: set.regionCode,
    before: previous ? { version: previous.version, parameters: previous.parameters } : null,
    after: {
      version: saved.version,
      name: set.name,
      noticeId: set.noticeId ?? null,
      fromYear: set.fromYear,
      toYear: set.toYear,
      effectiveDate: meta.effectiveDate,
      parameters: set.parameters,
    },
  });
  return saved;
}

const adoptInput = z.object({
  regionCode: regionCodeSchema,
  noticeId: z.enum(NOTICE_IDS, '文件（noticeId）：请选择要参照执行的文件'),
  /** The parameters to adopt; absent or null = all the notice sets. */
  keys: z
    .array(z.enum(POLICY_KEYS as [PolicyKey, ...PolicyKey[]], '参照的参数（keys）：未知的政策参数'))
    .min(1, '参照的参数（keys）：至少选择一个参数')
    .max(POLICY_KEYS.length)
    .nullish(),
  fromYear: yearSchema,
  effectiveDate: isoDateSchema,
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullable().default(null),
});

export const policyRouter = createTRPCRouter({
  /**
   * Which policy applies to a region in a year, and why: every parameter with its value, unit,
   * the set it came from (shipped default or a department's override, with its region and
   * effective date) and the notice that set cites; plus the policy version results record.
   */
  effective: regionProcedure
    .input(z.object({ regionCode: regionCodeSchema, year: yearSchema }))
    .query(async ({ ctx, input }) => {
      const { region } = ctx;
      const sets = await loadPolicySets(ctx.db, input.regionCode);
      const policy = resolvePolicy(sets, input.regionCode, input.year);
      const byId = new Map(sets.map((s) => [s.id, s]));
      const used = [...new Set(POLICY_KEYS.map((k) => policy.provenance[k].setId))].filter((id) =>
        byId.has(id),
      );
      const meta = used.length
        ? await ctx.db
            .select({
              id: policySets.id,
              version: policySets.version,
              effectiveDate: policySets.effectiveDate,
              regionCode: policySets.regionCode,
              regionName: regions.name,
            })
            .from(policySets)
            .leftJoin(regions, eq(regions.code, policySets.regionCode))
            .where(inArray(policySets.id, used))
        : [];
      const setMeta = new Map(
        meta.filter((m) => m.version === byId.get(m.id)?.version).map((m) => [m.id, m]),
      );
      const setRegions = [
        ...new Set(policy.inForce.flatMap((s) => (s.regionCode ? [s.regionCode] : []))),
      ];
      const regionNames = new Map(
        setRegions.length
          ? (
              await ctx.db
                .select({ code: regions.code, name: regions.name })
                .from(regions)
                .where(inArray(regions.code, setRegions))
            ).map((r) => [r.code, r.name])
          : [],
      );
      return {
        regionCode: region.code,
        regionName: region.name,
        year: input.year,
        /** Internal id of the exact policy (results store it); screens show `label`. */
        version: policy.version,
        sets: policy.sets,
        /** The policy in force in people's words. */
        label: policy.label,
        inForce: policy.inForce.map((s) => ({
          ...s,
          regionName: s.regionCode
            ? (regionNames.get(s.regionCode) ??
              (s.noticeId && s.kind === 'notice' ? NOTICES[s.noticeId].issuer : null))
            : null,
          citation: s.noticeId ? citeNotice(s.noticeId) : null,
        })),
        parameters: describePolicy(policy).map((row) => {
          const from = policy.provenance[row.key];
          const m = setMeta.get(from.setId);
          return {
            ...row,
            family: POLICY_PARAMETERS[row.key].family,
            unitLabel: POLICY_UNIT_LABELS[row.unit],
            setName: from.setName,
            setVersion: from.setVersion,
            setRegionCode: from.setRegionCode,
            setRegionName:
              m?.regionName ??
              (from.setRegionCode ? (regionNames.get(from.setRegionCode) ?? null) : null),
            effectiveDate: m?.effectiveDate ?? null,
            sourceNote: from.source.note ?? null,
            /** Stored by a department (its adjustment or adoption), not shipped. */
            overridden: m !== undefined,
          };
        }),
      };
    }),

  /**
   * The notices shipped with the system, each with the parameters it sets and the region it binds
   * (the region that issued it and everything inside it), whether it binds the caller's region,
   * and whether the caller's region adopts it; then the system's reference values.
   */
  shipped: scopedProcedure.query(async ({ ctx }) => {
    const codes = NOTICE_POLICY_SETS.flatMap((s) => (s.regionCode ? [s.regionCode] : []));
    const [names, adopted] = await Promise.all([
      ctx.db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(inArray(regions.code, codes)),
      loadPolicySets(ctx.db, ctx.scope.code),
    ]);
    const regionNames = new Map(names.map((r) => [r.code, r.name]));
    const adoptedNotices = new Set(
      adopted.filter((s) => policySetKind(s) === 'adopted').map((s) => s.noticeId),
    );
    return [...NOTICE_POLICY_SETS, DEFAULT_POLICY_SET].map((set) => {
      const notice = set.noticeId ? NOTICES[set.noticeId] : null;
      return {
        id: set.id,
        name: set.name,
        kind: policySetKind(set),
        kindLabel: POLICY_SET_KIND_LABELS[policySetKind(set)],
        noticeId: set.noticeId ?? null,
        noticeName: set.noticeId ? noticeName(set.noticeId) : null,
        title: notice?.title ?? null,
        issuer: notice?.issuer ?? null,
        issued: notice?.issued ?? null,
        regionCode: set.regionCode,
        regionName: set.regionCode
          ? (regionNames.get(set.regionCode) ?? notice?.issuer ?? null)
          : null,
        fromYear: set.fromYear,
        toYear: set.toYear,
        bindsCaller:
          set.regionCode !== null &&
          policySetKind(set) === 'notice' &&
          isWithinRegion(ctx.scope.code, set.regionCode),
        adoptedByCaller: set.noticeId ? adoptedNotices.has(set.noticeId) : false,
        parameters: describeSet(set),
      };
    });
  }),

  /**
   * A department adopts another region's notice (参照执行) for its own region (or one below it):
   * all the notice's parameters or those chosen, from a year on. Stored as a new version of the
   * region's adoption of that notice; validated merged with the sets above it; audited. A notice
   * that already binds the region cannot be adopted (it is the region's own).
   */
  adopt: regionProcedure.input(adoptInput).mutation(async ({ ctx, input }) => {
    const notice = NOTICES[input.noticeId];
    if (isWithinRegion(input.regionCode, notice.regionCode)) {
      throw new DomainError(
        'RULE_VIOLATION',
        'noticeId',
        `文件（noticeId）：${noticeName(input.noticeId)} 本身适用于该区划，无需参照执行`,
      );
    }
    let set: PolicySet;
    try {
      set = adoptNotice(input.noticeId, input.regionCode, input.fromYear, input.keys ?? undefined);
    } catch (e) {
      throw isDomainError(e)
        ? new DomainError(e.code, e.field, `参照的参数（keys）：${e.message}`)
        : e;
    }
    const [previous] = await ctx.db
      .select({ version: policySets.version, parameters: policySets.parameters })
      .from(policySets)
      .where(eq(policySets.id, set.id))
      .orderBy(desc(policySets.version))
      .limit(1);
    set = { ...set, version: (previous?.version ?? 0) + 1 };
    await assertStillResolves(ctx.db, set, input.regionCode, [input.fromYear]);
    const saved = await storeSetVersion(
      ctx,
      { ...set, regionCode: input.regionCode },
      { effectiveDate: input.effectiveDate, note: input.note },
      previous,
    );
    return { ...saved, name: set.name, parameters: Object.keys(set.parameters).length };
  }),

  /**
   * The department sets visible to the caller (newest version of each): those of the region and
   * its ancestors (they apply to it) and those of regions below it. Another county's sets are
   * neither, so they never show.
   */
  sets: scopedProcedure
    .input(z.object({ regionCode: regionCodeSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const code = input.regionCode ?? ctx.scope.code;
      await requireRegion(ctx.db, code);
      const rows = await ctx.db
        .selectDistinctOn([policySets.id], {
          id: policySets.id,
          version: policySets.version,
          name: policySets.name,
          regionCode: policySets.regionCode,
          regionName: regions.name,
          fromYear: policySets.fromYear,
          toYear: policySets.toYear,
          kind: policySets.kind,
          noticeId: policySets.noticeId,
          effectiveDate: policySets.effectiveDate,
          parameters: policySets.parameters,
          note: policySets.note,
          createdAt: policySets.createdAt,
          createdBy: users.username,
        })
        .from(policySets)
        .leftJoin(regions, eq(regions.code, policySets.regionCode))
        .leftJoin(users, eq(users.id, policySets.createdBy))
        .where(
          or(
            inArray(policySets.regionCode, ancestorCodes(code)),
            inRegion(policySets.regionCode, code),
          ),
        )
        .orderBy(policySets.id, desc(policySets.version));
      return rows
        .map((r) => {
          const set = parsePolicySet({
            id: r.id,
            version: r.version,
            name: r.name,
            regionCode: r.regionCode,
            fromYear: r.fromYear,
            toYear: r.toYear,
            kind: r.kind,
            noticeId: r.noticeId,
            parameters: r.parameters,
          });
          return {
            ...r,
            kindLabel: POLICY_SET_KIND_LABELS[policySetKind(set)],
            parameters: describeSet(set),
            raw: set.parameters,
            editable: r.regionCode !== null && isWithinRegion(r.regionCode, ctx.scope.code),
          };
        })
        .sort(
          (a, b) =>
            (a.regionCode ?? '').localeCompare(b.regionCode ?? '') ||
            (b.fromYear ?? 0) - (a.fromYear ?? 0),
        );
    }),

  /**
   * Saves a department override as a new version: validated by the domain (each value, unknown
   * parameters, ratio order within the set and after merging with the sets above it), for the
   * caller's own region or one below it only. Audited with the previous version's parameters.
   */
  saveOverride: regionProcedure.input(saveOverrideInput).mutation(async ({ ctx, input }) => {
    const previous =
      input.id === undefined
        ? undefined
        : await overriddenSet(ctx.db, ctx.scope.code, input.id, input.regionCode);
    const id = input.id ?? (await newSetId(ctx.db, input.regionCode, input.name));
    if (Object.keys(input.parameters).length === 0) {
      throw new DomainError(
        'EMPTY_INPUT',
        'parameters',
        '政策参数（parameters）：至少设置一个参数',
      );
    }
    let set: PolicySet;
    try {
      set = parsePolicySet({
        id,
        version: (previous?.version ?? 0) + 1,
        name: input.name,
        regionCode: input.regionCode,
        fromYear: input.fromYear,
        toYear: input.toYear,
        parameters: input.parameters,
      });
    } catch (e) {
      throw isDomainError(e) ? nameTheParameter(e) : e;
    }
    const years = new Set([input.fromYear, input.toYear ?? input.fromYear]);
    await assertStillResolves(ctx.db, set, input.regionCode, years);
    const saved = await storeSetVersion(
      ctx,
      { ...set, regionCode: input.regionCode },
      { effectiveDate: input.effectiveDate, note: input.note },
      previous,
    );
    return saved;
  }),
});
