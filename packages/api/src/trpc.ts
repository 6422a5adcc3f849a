import type { Database, Driver } from '@dangjian/db';
import {
  configureChineseValidation,
  isDomainError,
  summarizeIssues,
  toFieldIssues,
  type FieldIssue,
} from '@dangjian/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';

configureChineseValidation();

/** What every request carries; built by the server adapter (or a test) per request. */
export interface Context {
  db: Database;
  driver: Driver;
  /** Client address, for the audit log. */
  ip: string | null;
  /** The request's Origin header (mutations are checked against it). */
  origin: string | null;
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
      fieldErrors = [{ field: error.cause.field, label: error.cause.field, message: error.cause.message }];
      message = error.cause.message;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = '服务器内部错误，请稍后重试或联系管理员';
    }
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors },
    };
  },
});

/** A rule that rejects its input (DomainError) is the caller's mistake: 400, not 500. */
const domainErrorsAreBadRequests = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Callable by anyone; only health-style and read-only public data. */
export const publicProcedure = t.procedure.use(domainErrorsAreBadRequests);
