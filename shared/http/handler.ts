import middy from '@middy/core';
import type { Context, APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { z } from 'zod/mini';
import { logger } from '../observability';
import type { RouteContract } from '../contracts/route';
import { DomainError, ForbiddenError, UnauthorizedError, ValidationError } from '../domain/errors';
import { PayloadTooLargeError, PreconditionRequiredError, UnsupportedMediaTypeError } from './errors';
import { idempotencyKeyOf, idempotencyStore, requestHash, type IdempotencyClaim, type IdempotencyPort } from './idempotency';
import { bearerChallenge, callerFromToken, type Caller } from './identity';
import { PROBLEM_MEDIA_TYPE, toProblem } from './problem';
import type { RetryPolicy } from '../adapters/retry';
import { newReadAhead, readAhead } from '../adapters/read-ahead';
import { parseWith } from './validate';
import { authorization } from './authorization';
import { corsHeaders } from './cors';
import { config, cursorKeySource, requireAtColdStart } from '../config';
import { runInContext, type InvocationContext } from '../invocation-context';

type Out<S> = [S] extends [z.ZodMiniType] ? z.infer<S> : undefined;
type BodyOf<C> = C extends RouteContract<infer B, infer _Q, infer _P, infer _R> ? Out<B> : never;
type QueryOf<C> = C extends RouteContract<infer _B, infer Q, infer _P, infer _R> ? Out<Q> : never;
type ParamsOf<C> = C extends RouteContract<infer _B, infer _Q, infer P, infer _R> ? Out<P> : never;
/** A shape without the open index signature a loose object schema adds, so plain interfaces match it. */
type Known<T> = T extends readonly (infer E)[] ? Known<E>[] : T extends object ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> } : T;
/** The body a route answers on success: `z.infer` of its response schema (any text for a non-JSON route). */
export type ResponseOf<C> = C extends RouteContract<infer _B, infer _Q, infer _P, infer R> ? ([R] extends [z.ZodMiniType] ? Known<z.infer<R>> : unknown) : never;

/** What a handler receives: validated input, and the caller when the route is not public. */
export interface HttpRequest<C extends RouteContract> {
  body: BodyOf<C>;
  query: QueryOf<C>;
  params: ParamsOf<C>;
  caller: C['auth'] extends 'public' ? Caller | undefined : Caller;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** API Gateway request id (also the correlation id when the client sent none). */
  requestId: string;
  /** The raw body as received (e.g. to hash it for idempotency). */
  rawBody: string | undefined;
  event: APIGatewayProxyEventV2;
  /**
   * For a change on an `if-match` route: the version the client's `If-Match` names (always present there; the
   * factory answers 428 without it). The use case writes conditionally on it, so a stale one is refused atomically.
   * Typed `number` only on routes declaring `concurrency: 'if-match'`; reads and creates there get undefined at run time.
   */
  expectedVersion: C extends RouteContract<infer _B, infer _Q, infer _P, infer _R, 'if-match'> ? number : undefined;
  /** On an `idempotent: 'with-write'` route with an `Idempotency-Key`: what the use case stores with its write. */
  idempotency: IdempotencyClaim | undefined;
}

/** What a handler answers; `status` defaults to the contract's (200, or 204 without a body). */
export interface Reply<C extends RouteContract = RouteContract> {
  status?: number;
  body?: ResponseOf<C>;
  headers?: Record<string, string>;
}

export type HttpHandler<C extends RouteContract> = ((
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>) & { contract: C };

const DEFAULT_MAX_BODY = 256 * 1024;
const CHANGES = new Set(['PATCH', 'PUT', 'DELETE']);

/**
 * The version an `If-Match` header names (`3`, `"3"` or `W/"3"`); 428 when the route needs one and it is missing.
 * Undefined for reads and creates, which are not conditional.
 */
function expectedVersionOf(contract: RouteContract, event: APIGatewayProxyEventV2): number | undefined {
  if (contract.concurrency !== 'if-match' || !CHANGES.has(event.requestContext?.http?.method ?? '')) return undefined;
  const raw = event.headers?.['if-match'];
  if (raw === undefined) throw new PreconditionRequiredError('This change needs an If-Match header with the version you read (the ETag of GET).');
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw.trim());
  if (!m) throw new ValidationError('If-Match must be the version number (ETag) you read.', [{ path: 'header.If-Match', message: 'not a version' }]);
  return Number(m[1]);
}

/** `ETag` of a reply whose body has a `version` (on `if-match` routes). */
function etagOf(contract: RouteContract, body: unknown): Record<string, string> {
  const version = contract.concurrency === 'if-match' ? (body as { version?: unknown } | null | undefined)?.version : undefined;
  // Headers that derive from the body go on fresh and replayed replies alike (a replay is the first reply).
  const location = contract.location && body !== undefined ? contract.location(body) : undefined;
  return { ...(typeof version === 'number' ? { etag: `"${version}"` } : {}), ...(location ? { location } : {}) };
}

/** How long one database call of a request may retry (conflicts, throttling, an outage) before the request answers 503. */
export const HTTP_RETRY_BUDGET_MS = 3000;
/** Time kept at the end of an invocation to answer the 503 before the function's timeout. */
const ANSWER_MARGIN_MS = 1000;

function retryPolicyOf(context: Context | undefined): RetryPolicy {
  const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
  return { budgetMs: HTTP_RETRY_BUDGET_MS, ...(remaining !== undefined ? { deadline: Date.now() + remaining - ANSWER_MARGIN_MS } : {}) };
}

function decodeBody(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function readJsonBody(contract: RouteContract, event: APIGatewayProxyEventV2, raw: string | undefined): unknown {
  const limit = contract.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const size = raw === undefined ? 0 : Buffer.byteLength(raw, 'utf8');
  if (size > limit) throw new PayloadTooLargeError(`The body is ${size} bytes; this route accepts at most ${limit}.`);
  if (raw === undefined || raw.trim() === '') return undefined;
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(`The body must be application/json, not ${type}.`);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw new ValidationError(`The body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The client's `x-correlation-id`, else API Gateway's request id. */
function correlationIdOf(event: APIGatewayProxyEventV2): string {
  return event.headers?.['x-correlation-id'] ?? event.requestContext?.requestId ?? 'unknown';
}

/**
 * One context per request, set in one `run`: every database call retries within one policy, bounded by the
 * invocation's remaining time; the correlation id scopes everything the request causes (events it writes: the local
 * cloud runs requests side by side in one process, where the logger's id alone would be whichever request set it
 * last); and the route's read-ahead gets its own scope.
 */
function requestContext(contract: RouteContract, event: APIGatewayProxyEventV2, context: Context | undefined): InvocationContext {
  return {
    correlationId: correlationIdOf(event),
    retryPolicy: retryPolicyOf(context),
    ...(contract.readAhead ? { readAhead: newReadAhead() } : {}),
  };
}

function respond(status: number, body: unknown, headers: Record<string, string>, mediaType: string): APIGatewayProxyStructuredResultV2 {
  if (status === 204 || body === undefined) return { statusCode: status, headers };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { statusCode: status, headers: { 'content-type': mediaType, ...headers }, body: text };
}

/**
 * Builds a Lambda handler for an HTTP API route from its contract: correlation id, logging and tracing;
 * body/query/path validation; the caller from the bearer token it verifies itself, checked against logout and the route's
 * permission; CORS; and every error mapped once to an RFC 9457 problem. The handler itself only calls a use case.
 */
export function httpHandler<C extends RouteContract>(contract: C, fn: (req: HttpRequest<C>) => Promise<Reply<C>>, idempotency: IdempotencyPort = idempotencyStore): HttpHandler<C> {
  // Fails at cold start, naming every missing variable: a route behind a token verifies it against the user pool and
  // checks the session allow-list in the table, and a route that takes a signed cursor needs the cursor key.
  const signsCursors = Boolean(contract.query && 'cursor' in ((contract.query as unknown as { shape?: object }).shape ?? {}));
  requireAtColdStart([...(contract.auth !== 'public' ? [() => config().TABLE_NAME, () => config().USER_POOL_ID, () => config().USER_POOL_CLIENT_ID] : []), ...(signsCursors ? [cursorKeySource] : [])]);
  const answer = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers = event.headers ?? {};
    const correlationId = correlationIdOf(event);
    logger.setCorrelationId(correlationId);
    const baseHeaders = { ...corsHeaders(headers.origin), 'x-correlation-id': correlationId };
    const instance = event.rawPath;
    try {
      let caller: Caller | undefined;
      if (contract.auth !== 'public') {
        caller = await callerFromToken(headers.authorization);
        if (contract.readAhead) readAhead(contract.readAhead, caller.userId);
        await authorization.assertActive(caller);
        if (typeof contract.auth === 'object') {
          const allowed = await authorization.hasPermission(caller, contract.auth.permission);
          if (!allowed) throw new ForbiddenError(`This needs the permission "${contract.auth.permission}", which none of your roles grants.`);
        }
        logger.appendKeys({ userId: caller.userId });
      }
      const rawBody = decodeBody(event);
      const body = contract.body ? parseWith(contract.body, readJsonBody(contract, event, rawBody), 'body') : undefined;
      const query = contract.query ? parseWith(contract.query, event.queryStringParameters ?? {}, 'query') : undefined;
      const params = contract.params ? parseWith(contract.params, event.pathParameters ?? {}, 'path') : undefined;
      const expectedVersion = expectedVersionOf(contract, event);
      const key = contract.idempotent && caller ? idempotencyKeyOf(headers as Record<string, string>) : undefined;
      const claim = key ? { key, hash: requestHash(body), status: contract.status ?? 200 } : undefined;
      if (claim && caller) {
        const stored = await idempotency.replay(caller.userId, claim.key, claim.hash);
        if (stored) return respond(stored.status, stored.body, { ...baseHeaders, ...etagOf(contract, stored.body) }, contract.produces ?? 'application/json');
      }
      const reply = await fn({
        body,
        query,
        params,
        caller,
        headers,
        requestId: event.requestContext?.requestId ?? correlationId,
        rawBody,
        event,
        expectedVersion,
        idempotency: contract.idempotent === 'with-write' ? claim : undefined,
      } as HttpRequest<C>);
      const status = reply.status ?? contract.status ?? (reply.body === undefined ? 204 : 200);
      // A route whose use case does not store the reply with its write gets it stored here, after success.
      if (claim && caller && contract.idempotent === true && status < 300) await idempotency.remember(caller.userId, claim, { status, body: reply.body }, new Date());
      return respond(status, reply.body, { ...baseHeaders, ...etagOf(contract, reply.body), ...reply.headers }, contract.produces ?? 'application/json');
    } catch (error) {
      const problem = toProblem(error, instance);
      // A 503 is the expected answer to an outage (the client retries after Retry-After): a warning, not a bug.
      if (problem.status === 503 && error instanceof DomainError) logger.warn('Service unavailable', { kind: error.kind, status: problem.status, detail: problem.detail });
      else if (problem.status >= 500) logger.error('Unhandled error', error as Error);
      else logger.info('Request refused', { status: problem.status, detail: problem.detail });
      const extra: Record<string, string> = problem.status === 401 ? { 'www-authenticate': bearerChallenge(error, problem.detail) } : {};
      const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (error instanceof DomainError && typeof retryAfter === 'number' && retryAfter > 0) extra['retry-after'] = String(Math.ceil(retryAfter));
      return respond(problem.status, problem, { ...baseHeaders, ...extra }, PROBLEM_MEDIA_TYPE);
    }
  };
  const core = (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> =>
    runInContext(requestContext(contract, event, context), () => answer(event));

  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    // No metrics object: API Gateway counts requests, 4xx and 5xx and times them, Lambda its errors and durations,
    // and every log line says `cold_start` (shared/metrics.ts says why).
    .handler(core);
  return Object.assign(handler as unknown as HttpHandler<C>, { contract });
}

/** The 401 a non-public route answers before its handler when the token is absent or invalid. */
export function unauthorized(detail: string): never {
  throw new UnauthorizedError(detail);
}
