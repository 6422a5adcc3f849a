import { inRegion, likeContains } from '@dangjian/db';
import { orgs, people, regions, type PersonRow } from '@dangjian/db/schema';
import {
  educationSchema,
  isoDateSchema,
  isValidIdNumber,
  maskIdNumber,
  pagingSchema,
  regionCodeSchema,
  maySearchByPhone,
  phoneFor,
  type Role,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../errors';
import { idSchema, searchSchema, PHONE_PATTERN } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure } from '../trpc';
import { requireRegion } from '../queries/region';

/** The editable fields of a person record. The ID number travels in clear only on input. */
const personFields = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字'),
  gender: z.enum(['male', 'female'], '请选择性别'),
  birthDate: isoDateSchema.nullable(),
  education: educationSchema.nullable(),
  phone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, '联系电话格式不正确（11 位手机号或带区号的固定电话）')
    .nullable(),
  /** 18 characters with a valid check character (GB 11643); a lower-case x is accepted. */
  idNumber: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isValidIdNumber, '身份证号无效（应为 18 位且校验码正确）')
    .nullable(),
  regionCode: regionCodeSchema,
});
type PersonFields = z.infer<typeof personFields>;

const personCreateInput = personFields.extend({
  birthDate: personFields.shape.birthDate.default(null),
  education: personFields.shape.education.default(null),
  phone: personFields.shape.phone.default(null),
  idNumber: personFields.shape.idNumber.default(null),
});
const personUpdateInput = personFields.partial().extend({ id: idSchema });

const personListInput = pagingSchema.extend({
  regionCode: regionCodeSchema,
  search: searchSchema,
});

/** Names of the organisations a person is secretary of (one correlated subquery per row, indexed). */
const secretaryOf = sql<
  string | null
>`(select string_agg(o.name, '、' order by o.id) from ${orgs} o where o.secretary_id = ${people.id})`;

/** A person as the caller may see them: phone masked unless the role needs it; ID always masked. */
function present<T extends Pick<PersonRow, 'phone' | 'idNumberEnc'>>(
  row: T,
  role: Role,
  decrypt: (enc: string) => string,
): Omit<T, 'phone' | 'idNumberEnc'> & {
  phone: string | null;
  idNumberMasked: string | null;
  hasIdNumber: boolean;
} {
  const { idNumberEnc, phone, ...rest } = row;
  return {
    ...rest,
    phone: phoneFor(role, phone),
    idNumberMasked: idNumberEnc ? maskIdNumber(decrypt(idNumberEnc)) : null,
    hasIdNumber: idNumberEnc !== null,
  };
}

/** What the audit log keeps of a person: never the ID number itself. */
function auditView(p: Partial<PersonFields> & { idNumber?: string | null }) {
  const { idNumber, ...rest } = p;
  return idNumber === undefined
    ? rest
    : { ...rest, idNumber: idNumber === null ? null : maskIdNumber(idNumber) };
}

export const personRouter = createTRPCRouter({
  /**
   * Shows one person's ID number in full. ID numbers are encrypted at rest and masked everywhere
   * else; revealing one is a deliberate act, allowed to the roles that need it and audited.
   */
  revealIdNumber: scopedProcedure
    .input(z.object({ personId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const [person] = await ctx.db
        .select({
          id: people.id,
          name: people.name,
          regionCode: people.regionCode,
          idNumberEnc: people.idNumberEnc,
        })
        .from(people)
        .where(and(eq(people.id, input.personId), inRegion(people.regionCode, ctx.scope.code)));
      if (!person) notFound(`人员（编号 ${input.personId}）`);
      if (!person.idNumberEnc)
        throw new TRPCError({ code: 'NOT_FOUND', message: `${person.name} 未登记身份证号` });
      ctx.audit({
        target: `person:${person.id}`,
        regionCode: person.regionCode,
        after: { revealed: 'idNumber' },
      });
      return {
        personId: person.id,
        name: person.name,
        idNumber: ctx.pii.decrypt(person.idNumberEnc),
      };
    }),

  /**
   * People inside a region, one page at a time; phone and ID masked per role. Searchable by name,
   * and by phone digits only for the roles that see phone numbers in full (a masked number must
   * not be recoverable by searching the digits it hides).
   */
  list: regionProcedure.input(personListInput).query(async ({ ctx, input }) => {
    const filters: SQL[] = [inRegion(people.regionCode, input.regionCode)];
    if (input.search) {
      const pattern = likeContains(input.search);
      filters.push(
        maySearchByPhone(ctx.user.role)
          ? (or(ilike(people.name, pattern), ilike(people.phone, pattern)) ?? sql`false`)
          : ilike(people.name, pattern),
      );
    }
    const where = and(...filters);
    const [items, [total]] = await Promise.all([
      ctx.db
        .select({
          id: people.id,
          name: people.name,
          gender: people.gender,
          birthDate: people.birthDate,
          education: people.education,
          phone: people.phone,
          idNumberEnc: people.idNumberEnc,
          regionCode: people.regionCode,
          regionName: regions.name,
          secretaryOf,
        })
        .from(people)
        .innerJoin(regions, eq(regions.code, people.regionCode))
        .where(where)
        .orderBy(asc(people.regionCode), asc(people.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ n: count() }).from(people).where(where),
    ]);
    return {
      items: items.map((p) => present(p, ctx.user.role, (e) => ctx.pii.decrypt(e))),
      total: total?.n ?? 0,
      page: input.page,
      pageSize: input.pageSize,
    };
  }),

  /** One person (phone per role, ID number masked; reveal it with person.revealIdNumber). */
  byId: scopedProcedure.input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const [row] = await ctx.db
      .select({
        id: people.id,
        name: people.name,
        gender: people.gender,
        birthDate: people.birthDate,
        education: people.education,
        phone: people.phone,
        idNumberEnc: people.idNumberEnc,
        regionCode: people.regionCode,
        regionName: regions.name,
        secretaryOf,
        createdAt: people.createdAt,
        updatedAt: people.updatedAt,
      })
      .from(people)
      .innerJoin(regions, eq(regions.code, people.regionCode))
      .where(and(eq(people.id, input.id), inRegion(people.regionCode, ctx.scope.code)));
    if (!row) notFound(`人员（编号 ${input.id}）`);
    return present(row, ctx.user.role, (e) => ctx.pii.decrypt(e));
  }),

  /** Registers a person inside the caller's region; the ID number is validated and stored encrypted. */
  create: regionProcedure.input(personCreateInput).mutation(async ({ ctx, input }) => {
    const { idNumber, ...fields } = input;
    const now = ctx.now();
    const [created] = await ctx.db
      .insert(people)
      .values({
        ...fields,
        idNumberEnc: idNumber ? ctx.pii.encrypt(idNumber) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: people.id, regionCode: people.regionCode, name: people.name });
    if (!created) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: '保存失败' });
    ctx.audit({
      target: `person:${created.id}`,
      regionCode: created.regionCode,
      after: auditView(input),
    });
    return created;
  }),

  /** Edits a person inside the caller's region; only the fields that change are written and audited. */
  update: scopedProcedure.input(personUpdateInput).mutation(async ({ ctx, input }) => {
    const [current] = await ctx.db
      .select()
      .from(people)
      .where(and(eq(people.id, input.id), inRegion(people.regionCode, ctx.scope.code)));
    if (!current) notFound(`人员（编号 ${input.id}）`);
    if (input.regionCode !== undefined && input.regionCode !== current.regionCode) {
      await requireRegion(ctx.db, input.regionCode);
    }
    const was: PersonFields = {
      name: current.name,
      gender: current.gender,
      birthDate: current.birthDate,
      education: current.education,
      phone: current.phone,
      idNumber: current.idNumberEnc ? ctx.pii.decrypt(current.idNumberEnc) : null,
      regionCode: current.regionCode,
    };
    const keys = (Object.keys(was) as (keyof PersonFields)[]).filter(
      (k) => input[k] !== undefined && input[k] !== was[k],
    );
    if (keys.length === 0) return { id: current.id, changed: [] as string[] };
    const before = Object.fromEntries(keys.map((k) => [k, was[k]])) as Partial<PersonFields>;
    const after = Object.fromEntries(keys.map((k) => [k, input[k]])) as Partial<PersonFields>;
    const { idNumber, ...rest } = after;
    const [updated] = await ctx.db
      .update(people)
      .set({
        ...rest,
        ...(idNumber === undefined
          ? {}
          : { idNumberEnc: idNumber === null ? null : ctx.pii.encrypt(idNumber) }),
        updatedAt: ctx.now(),
      })
      .where(eq(people.id, current.id))
      .returning({ id: people.id, regionCode: people.regionCode });
    if (!updated) notFound(`人员（编号 ${input.id}）`);
    ctx.audit({
      target: `person:${current.id}`,
      regionCode: updated.regionCode,
      before: auditView(before),
      after: auditView(after),
    });
    return { id: updated.id, changed: keys.map(String) };
  }),
});
