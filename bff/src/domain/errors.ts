import { ERRORS, type ErrorCode } from '@kcq/shared';

/**
 * An expected refusal of the domain (bad input, a rule that says no, a lost race).
 * It carries a stable machine-readable code; the HTTP layer picks the status from the code.
 * Anything that is not a DomainError is a bug and is answered as 500 INTERNAL.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: ErrorCode | (string & {}), message?: string, details?: unknown) {
    // An expected refusal needs no stack trace (it is answered, not debugged), and capturing one for
    // each of thousands of SOLD_OUT answers in the claim second was measurable.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? (ERRORS as Record<string, { message: string }>)[code]?.message ?? code);
    Error.stackTraceLimit = limit;
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** A unique constraint refused a write (a second user registering the same credit code, …). */
export class DuplicateKeyError extends DomainError {
  constructor(
    readonly collection: string,
    readonly fields: string[],
  ) {
    super('DUPLICATE', undefined, { collection, fields });
    this.name = 'DuplicateKeyError';
  }
}
