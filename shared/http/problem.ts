import { DomainError, type DomainErrorKind } from '../domain/errors';
import { HttpError, type HttpErrorKind } from './errors';

/** Kinds the local gateway answers by itself (infra/local), documented with the others. */
type GatewayKind = 'method-not-allowed';

/**
 * Status code of each error kind: the one table that gives domain errors an HTTP meaning. Keyed by the union of
 * kinds, so a kind without an entry fails to compile.
 */
const STATUS: Record<DomainErrorKind | HttpErrorKind | GatewayKind, { status: number; title: string }> = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'limit-exceeded': { status: 409, title: 'Limit exceeded' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'too-large': { status: 413, title: 'Too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
};

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The problem `type` URI of a kind; documented on the `/docs` page. */
export function problemType(kind: string): string {
  return `/docs#problem-${kind}`;
}

/** Every problem kind the API can answer with, for the docs page and OpenAPI. */
export function problemKinds(): { kind: string; status: number; title: string }[] {
  return [...Object.entries(STATUS).map(([kind, v]) => ({ kind, ...v })), { kind: 'internal', status: 500, title: 'Internal error' }];
}

/**
 * Maps any thrown value to a problem document. Domain errors keep their message (it is written for the caller);
 * anything else becomes a 500 whose body reveals nothing about the internals.
 */
export function toProblem(error: unknown, instance?: string): Problem {
  if (error instanceof DomainError || error instanceof HttpError) {
    const entry = STATUS[error.kind];
    return {
      type: problemType(error.kind),
      title: entry.title,
      status: entry.status,
      detail: error.message,
      ...(instance ? { instance } : {}),
      ...(error.details ?? {}),
    };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'The request could not be completed. It has been logged; retrying later may succeed.',
    ...(instance ? { instance } : {}),
  };
}
