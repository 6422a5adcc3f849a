/**
 * Typed errors of the domain. A rule never returns a wrong number on bad input: it throws a
 * DomainError that names the offending field (a path into the input) and says what is wrong in
 * Chinese, so the API can pass the message to the user unchanged.
 */
export type DomainErrorCode =
  'INVALID_INPUT' | 'UNKNOWN_VALUE' | 'EMPTY_INPUT' | 'POLICY_NOT_FOUND' | 'RULE_VIOLATION';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    /** Path of the offending field, e.g. "secretaries[2].grade". */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
