/**
 * Domain errors. They carry no HTTP: `shared/http/problem.ts` maps each class to a status code in one table.
 * Messages of these errors are safe to show to the caller; anything else is an internal error.
 */
/**
 * Every domain error kind. A new error class must add its kind here, and the problem table (shared/http/problem.ts,
 * a `Record` over this union) must then map it, or the build fails.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'unprocessable'
  | 'too-large'
  | 'limit-exceeded'
  | 'too-many-requests'
  | 'service-unavailable';

export abstract class DomainError extends Error {
  /** Stable, machine-readable problem kind (also the last segment of the problem `type`). */
  abstract readonly kind: DomainErrorKind;
  /** Extra members merged into the problem document (RFC 9457 extension members). */
  readonly details: Record<string, unknown> | undefined;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Input is malformed or breaks a rule; `errors` lists each field that is wrong. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(message: string, readonly errors: { path: string; message: string }[] = []) {
    super(message, errors.length ? { errors } : undefined);
  }
}

/** The caller is not authenticated (no, bad, expired or revoked token; wrong credentials). */
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

/** The caller is authenticated but lacks a permission. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** The resource does not exist, or belongs to someone else (the two are indistinguishable by design). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

/** The request conflicts with the current state (duplicate name, resource in use…). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** `If-Match` named a version that is no longer current. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
  /** `currentVersion`, when known without another read, becomes the problem's `currentVersion` member. */
  constructor(message: string, readonly currentVersion?: number) {
    super(message, currentVersion === undefined ? undefined : { currentVersion });
  }
}

/** Well-formed input that cannot be processed (e.g. an Idempotency-Key reused with another body). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

/**
 * What was asked for is larger than one answer holds (e.g. an export past its cap): the caller narrows the request.
 * A request body past its route's size limit is HTTP's own refusal (`payload-too-large`, shared/http/errors.ts).
 */
export class TooLargeError extends DomainError {
  readonly kind = 'too-large';
}

/**
 * A per-user collection is at its cap (see shared/domain/limits.ts): the problem names the collection (`limit`) and
 * the cap (`max`).
 */
export class LimitExceededError extends DomainError {
  readonly kind = 'limit-exceeded';
  constructor(message: string, readonly limit: string, readonly max: number) {
    super(message, { limit, max });
  }
}

/** Too many requests (a rate limit the project enforces itself, e.g. login attempts). */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too-many-requests';
  /** When known, the seconds until a request may succeed (the `Retry-After` header). */
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

/**
 * A dependency (the database) stayed unavailable or contended for the whole retry budget. The request may be sent
 * again after `retryAfterSeconds` (the `Retry-After` header), with the same Idempotency-Key where the route takes one.
 */
export class ServiceUnavailableError extends DomainError {
  readonly kind = 'service-unavailable';
  constructor(message: string, readonly retryAfterSeconds = 1) {
    super(message);
  }
}

