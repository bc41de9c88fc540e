import type { z } from 'zod/mini';

type Schema = z.ZodMiniType;

/**
 * Who may call a route: anyone, any signed-in user, or a signed-in user one of whose roles grants the named
 * permission (see shared/domain/roles.ts).
 */
export type Auth = 'public' | 'user' | { permission: string };

/**
 * The shape of one HTTP route: what it reads (body, query, path parameters, headers it honours) and what it answers.
 * The handler factory validates against it, and the OpenAPI document is generated from it.
 */
export interface RouteContract<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  R extends Schema | undefined = Schema | undefined,
  K extends 'if-match' | undefined = 'if-match' | undefined,
> {
  summary: string;
  description?: string;
  auth: Auth;
  /** Request body schema; absent means the route reads no body. */
  body?: B;
  query?: Q;
  params?: P;
  /**
   * Success response schema; absent means an empty body (204) or a non-JSON answer. Only the OpenAPI document reads
   * response schemas (here and in `answers`), so contracts write them, and the schemas only they use, in `z.lazy`: a
   * function's bundle then does not build them when it loads (the JSON Schema is the same).
   */
  response?: R;
  /** Success status, default 200 (204 when there is no response schema). */
  status?: number;
  /** Media type of a non-JSON success answer (e.g. text/html, text/csv). */
  produces?: string;
  /** Request headers the route reads, documented in OpenAPI. */
  headers?: { name: string; description: string; required?: boolean }[];
  /** Largest accepted request body in bytes; default 256 KiB. */
  maxBodyBytes?: number;
  /**
   * The route honours `Idempotency-Key`: a repeated key with the same body gets the stored reply (same status and
   * body), with another body 422. `true` stores the reply after success (a separate record); `'with-write'` means the
   * handler passes `req.idempotency` to a use case that records the reply in the same transaction as its write.
   */
  idempotent?: true | 'with-write';
  /**
   * Optimistic concurrency for a resource that exposes `version`: replies carry `ETag` from the body's `version`, and
   * a change (PATCH, PUT, DELETE) must send `If-Match` (428 without it, 412 when stale), parsed into
   * `req.expectedVersion` for the use case's conditional write.
   */
  concurrency?: K;
  /**
   * The `Location` of a created resource, from the reply body: the factory sets it on the reply, and on a replayed
   * reply of an `idempotent` route too (a replay is the first reply).
   */
  location?: (body: unknown) => string | undefined;
  /**
   * The caller's items the route reads first (its use case's first read), fetched by the factory in the same
   * BatchGetItem as the token's revocation check: one round trip instead of two. The check stays as strict (strongly
   * consistent, refused before anything is answered).
   */
  readAhead?: readonly ReadAheadName[];
  /**
   * Answers besides the success status and the errors every route may give, documented in OpenAPI by status: a JSON
   * body (`response`), a problem document (`problem: true`) or none.
   */
  answers?: Record<string, { description: string; response?: Schema; problem?: true }>;
}

/** What a route may read ahead with its token check (shared/adapters/read-ahead.ts spells the keys). */
export type ReadAheadName = 'profile';

/**
 * Declares a route contract, keeping its schema types for the handler.
 *
 * In the contract modules every module-level constant that calls anything is written
 * `export const name = /*#__PURE__*\/ (() => route({ … }))();` (schemas likewise): esbuild then drops each one a
 * function's bundle does not use, so a bundle carries and builds only its own route's schemas rather than every
 * route of the module (tests/infra/bundle-contracts.test.ts checks both).
 */
export function route<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  K extends 'if-match' | undefined = undefined,
>(c: RouteContract<B, Q, P, R, K>): RouteContract<B, Q, P, R, K> {
  return c;
}
