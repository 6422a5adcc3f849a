import { TRPCError } from '@trpc/server';

/** The caller's input is wrong (HTTP 400); `message` is the Chinese sentence shown to people. */
export function bad(message: string): never {
  throw new TRPCError({ code: 'BAD_REQUEST', message });
}

/**
 * A record the caller named does not exist or lies outside their region (HTTP 404). Both cases
 * answer alike, so the answer does not tell whether a record exists elsewhere.
 * `what` names the record in Chinese, e.g. `党组织（编号 12）`.
 */
export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what}不存在或不在本辖区内` });
}
