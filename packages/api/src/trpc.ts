import type { Database, Driver, PiiCipher } from '@dangjian/db';
import {
  configureChineseValidation,
  isDomainError,
  isWithinRegion,
  regionCodeRange,
  ROLE_LABELS,
  summarizeIssues,
  toFieldIssues,
  type FieldIssue,
} from '@dangjian/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, ZodRealError } from 'zod';
import { writeAudit } from './auth/audit';
import { recordRefusedCall, SecurityRefusal } from './auth/events';
import {
  endSession,
  hashToken,
  openScope,
  resolveSession,
  touchSession,
  type SessionUser,
} from './auth/session';
import { accessOf, isAllowed } from './permissions';
import { regionCacheFor } from './queries/region';

configureChineseValidation();

/** Reads and writes the session cookie; the server adapter implements it over fastify. */
export interface CookieJar {
  get(): string | null;
  set(token: string, expires: Date): void;
  clear(): void;
}

/** What every request carries; built by the server adapter (or a test) per request. */
export interface Context {
  db: Database;
  driver: Driver;
  /** Client address, for the audit log. */
  ip: string | null;
  /**
   * The request's Origin header, and the protocol and Host it was sent to: mutations must come
   * from our own origin (scheme, host and port) or one of `allowedOrigins`.
   */
  origin: string | null;
  protocol: 'http' | 'https';
  host: string | null;
  userAgent: string | null;
  cookies: CookieJar;
  /** The clock (tests move it to show idle timeout and expiry). */
  now: () => Date;
  /** Encrypts/decrypts personal data (ID numbers). */
  pii: PiiCipher;
  /** Extra origins allowed to send mutations (e.g. the vite dev server). */
  allowedOrigins?: readonly string[];
  /**
   * Where attachment bytes are kept as files (embedded database: `<dataDir>/files`); unset keeps
   * them in the database's attachment_blobs table (a PostgreSQL server, an in-memory database).
   */
  filesDir?: string | null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  /**
   * The one error formatter: validation errors become one Chinese sentence naming each field,
   * plus a structured `fieldErrors` list for forms; internal errors never leak details.
   */
  errorFormatter({ shape, error }) {
    let fieldErrors: FieldIssue[] | null = null;
    let message = shape.message;
    if (error.cause instanceof ZodError) {
      fieldErrors = toFieldIssues(error.cause.issues);
      message = `输入有误：${summarizeIssues(error.cause.issues)}`;
    } else if (isDomainError(error.cause)) {
      fieldErrors = [
        { field: error.cause.field, label: error.cause.field, message: error.cause.message },
      ];
      message = error.cause.message;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = '服务器内部错误，请稍后重试或联系管理员';
    }
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Characters no field may hold: NUL (PostgreSQL's text and jsonb refuse it), an unpaired UTF-16
 * surrogate (jsonb refuses it; text would silently turn it into U+FFFD) and the other C0 control
 * characters except tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF
 * (PostgreSQL keeps them, but XML cannot, so an .xlsx export holding one would not open).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

/** "U+0000" for the first unstorable character of `text`. */
function unstorableCodePoint(text: string): string {
  const found = UNSTORABLE_TEXT.exec(text)?.[0] ?? '';
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where an unstorable character sits in the raw input: a value, or the name of a key. */
function findUnstorableText(
  input: unknown,
): { path: (string | number)[]; inKey: boolean; codePoint: string } | null {
  // Iterative (no stack overflow on deeply nested input) and cycle-safe (superjson can revive
  // shared references).
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value === 'string') {
      if (UNSTORABLE_TEXT.test(value))
        return { path, inKey: false, codePoint: unstorableCodePoint(value) };
      continue;
    }
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : value instanceof Map
        ? [...value.entries()].map(([k, v]) => [typeof k === 'string' ? k : '', v])
        : value instanceof Set
          ? [...value].map((v, i) => [i, v])
          : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && UNSTORABLE_TEXT.test(key)) {
        return { path: [...path, key], inKey: true, codePoint: unstorableCodePoint(key) };
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/**
 * Runs first, before the session is read or anything is written: an input holding a character
 * that cannot be stored (in any value, or in any key, even one no schema knows: the audit log
 * records the raw input) is refused with 400 naming the field, instead of failing in PostgreSQL
 * with a 500.
 */
const unstorableTextIsRefused = t.middleware(async ({ getRawInput, next }) => {
  const found = findUnstorableText(await getRawInput());
  if (found) {
    const printable = found.path.map((p) =>
      typeof p === 'string' ? p.replace(new RegExp(UNSTORABLE_TEXT.source, 'gu'), '\uFFFD') : p,
    );
    throw new TRPCError({
      code: 'BAD_REQUEST',
      // ZodRealError (an Error, unlike ZodError): what zod's parse throws, so the error formatter
      // words it like any validation error and tRPC keeps it as the cause.
      cause: new ZodRealError([
        {
          code: 'custom',
          path: printable,
          input: undefined,
          message: found.inKey
            ? `字段名含有无法保存的控制字符（${found.codePoint}），请删除该字段后重试`
            : `含有无法保存的控制字符（${found.codePoint}），请删除后重试`,
        },
      ]),
    });
  }
  return next();
});

/** A rule that rejects its input (DomainError) is the caller's mistake: 400, not 500. */
const domainErrorsAreBadRequests = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  return result;
});

/** An origin as scheme://host[:port], default port left out; null when it is not a URL. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Mutations are accepted only from our own origin (CSRF defence on top of SameSite cookies): the
 * whole origin, scheme and port included (https://host is not http://host), or an allowed one.
 */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  const origin = ctx.origin;
  let ok = false;
  const sent = origin ? originOf(origin) : null;
  if (sent) {
    const own = ctx.host ? originOf(`${ctx.protocol}://${ctx.host}`) : null;
    ok = sent === own || (ctx.allowedOrigins ?? []).some((o) => originOf(o) === sent);
  }
  if (!ok) {
    const message = '请求来源（Origin）不被允许';
    throw new TRPCError({
      code: 'FORBIDDEN',
      message,
      cause: new SecurityRefusal('origin_refused', `${message}：${origin ?? '（未提供）'}`),
    });
  }
  return next();
});

/**
 * Resolves the session and applies the permission table. Deny by default: a procedure without
 * an entry in PERMISSIONS cannot be called by anyone.
 */
const access = t.middleware(async ({ ctx, path, next }) => {
  const rule = accessOf(path);
  const user = await resolveSession(ctx.db, ctx.cookies.get(), ctx.now());
  if (rule !== 'public' && !user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: '未登录或登录已过期，请重新登录' });
  }
  if (!isAllowed(rule, user?.role ?? null)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: user ? `当前角色（${ROLE_LABELS[user.role]}）无权执行此操作` : '无权执行此操作',
    });
  }
  return next({ ctx: { user } });
});

/**
 * Outermost: a refused call (a foreign Origin, 403, another region, 401 or 404 of a change) leaves
 * a security event, written after the call's own transaction has rolled back (auth/events.ts).
 */
const refusalsAreRecorded = t.middleware(async ({ ctx, type, path, next }) => {
  const result = await next();
  if (!result.ok) await recordRefusedCall(ctx, { type, path, error: result.error });
  return result;
});

export const publicProcedure = t.procedure
  .use(refusalsAreRecorded)
  .use(unstorableTextIsRefused)
  .use(domainErrorsAreBadRequests)
  .use(sameOriginMutations)
  .use(access);

/** An audit entry a mutation records about what it changed. */
export interface AuditEntry {
  target: string;
  /** The region of the changed row (defaults to the caller's region). */
  regionCode?: string;
  before?: unknown;
  after?: unknown;
}

/** A failed handler result, thrown inside the transaction so that it rolls back. */
class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rollback');
  }
}

/**
 * Field names whose values never reach the audit log in clear: secrets (passwords, tokens) and
 * personal identifiers (ID numbers, bank cards). A mutation that records no audit entry of its own
 * has its raw input logged; these are masked there whatever the procedure.
 */
const SECRET_FIELD =
  /password|secret|token|idnumber|idcard|id_number|identity|bankcard|bank_card|cardno/i;

/** Input as recorded in the audit log: never a password, other secret or personal identifier. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '***' : withoutSecrets(v)]),
    );
  }
  return value ?? null;
}

/** Names of input fields that carry a region code; each is checked against the caller's scope. */
const REGION_INPUT_FIELDS = ['regionCode', 'parentRegionCode'] as const;

const UNAUTHORIZED_MESSAGE = '未登录或登录已过期，请重新登录';

/** The session ended (idle, expired, account disabled): thrown to roll the transaction back. */
class EndedSession extends Error {
  constructor() {
    super('ended session');
  }
}

/** 403 when a region code of the raw input lies outside the caller's region. */
function refuseForeignRegions(raw: unknown, user: SessionUser): void {
  if (!raw || typeof raw !== 'object') return;
  for (const field of REGION_INPUT_FIELDS) {
    const value = (raw as Record<string, unknown>)[field];
    if (
      typeof value === 'string' &&
      /^\d{12}$/.test(value) &&
      !isWithinRegion(value, user.regionCode)
    ) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `无权访问本辖区以外的区域（${value}）`,
        cause: new SecurityRefusal('cross_region', '请求本辖区以外的区域', value),
      });
    }
  }
}

/** 403 unless the permission table lets the caller's role call `path`. */
function refuseUnlessAllowed(path: string, user: SessionUser): void {
  if (!isAllowed(accessOf(path), user.role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `当前角色（${ROLE_LABELS[user.role]}）无权执行此操作`,
    });
  }
}

/**
 * Signed-in, allowed by the permission table, and confined to the caller's region. One
 * transaction per call; its first statement (`openScope`, migration 0026) reads the session and
 * sets the scope in one round trip:
 * - row-level security policies see the caller's code range and the app role (`SET LOCAL ROLE
 *   dangjian_app`), a second wall behind the queries' own `inRegion` filters;
 * - no session, an ended one, a role the permission table refuses, or a `regionCode` in the input
 *   outside the caller's region: the transaction rolls back before the handler runs (401 / 403);
 * - a mutation's audit entries are written in that same transaction; a failure rolls back both.
 */
export const scopedProcedure = t.procedure
  .use(refusalsAreRecorded)
  .use(unstorableTextIsRefused)
  .use(domainErrorsAreBadRequests)
  .use(sameOriginMutations)
  .use(async ({ ctx, type, path, getRawInput, next }) => {
    const token = ctx.cookies.get();
    if (!token || token.length > 100) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
    }
    const raw = await getRawInput().catch(() => undefined);
    const now = ctx.now();
    const entries: AuditEntry[] = [];
    const audit = (entry: AuditEntry) => {
      entries.push(entry);
    };
    // Set inside the transaction's callback: a session to touch once it has ended.
    const session = { touch: false };
    try {
      return await ctx.db.transaction(async (tx) => {
        const opened = await openScope(tx, token, now);
        if (opened.verdict === 'end') throw new EndedSession();
        if (!opened.user) {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
        }
        const user = opened.user;
        session.touch = opened.verdict === 'touch';
        refuseUnlessAllowed(path, user);
        refuseForeignRegions(raw, user);
        const scope = { code: user.regionCode, ...regionCodeRange(user.regionCode) };
        const result = await next({
          ctx: { user, db: tx, scope, audit, regionRows: regionCacheFor(ctx.db) },
        });
        if (!result.ok) throw new Rollback(result);
        if (type === 'mutation') {
          const rows =
            entries.length > 0 ? entries : [{ target: path, after: withoutSecrets(raw) }];
          await writeAudit(
            tx,
            user,
            { at: now, ip: ctx.ip },
            rows.map((e) => ({ ...e, procedure: path })),
          );
        }
        return result;
      });
    } catch (e) {
      if (e instanceof Rollback) return e.result as never;
      if (e instanceof EndedSession) {
        await endSession(ctx.db, hashToken(token));
        throw new TRPCError({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
      }
      throw e;
    } finally {
      if (session.touch) await touchSession(ctx.db, hashToken(token), now);
    }
  });

export type { SessionUser };
