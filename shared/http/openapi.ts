import * as z from 'zod/mini';
import { httpFunctions, type HttpFunction } from '../../functions/manifest';
import { ProblemSchema } from '../contracts/common';
import { problemKinds, PROBLEM_MEDIA_TYPE } from './problem';

type Json = Record<string, unknown>;

function schema(s: z.ZodMiniType | undefined, io: 'input' | 'output'): Json | undefined {
  if (!s) return undefined;
  const out = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

/** Path and query parameters as OpenAPI parameter objects, from the object schema of the contract. */
function parameters(s: z.ZodMiniType | undefined, where: 'path' | 'query'): Json[] {
  const js = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] } | undefined;
  return Object.entries(js?.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (js?.required ?? []).includes(name),
    schema: p,
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  }));
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const gatewayRef = { $ref: '#/components/schemas/GatewayMessage' };

/**
 * What API Gateway answers itself, on every operation, in its own body (never a problem document): the local gateway
 * writes the same (infra/local/gateway.ts GATEWAY_ANSWERS).
 */
const GATEWAY_ERRORS: Record<string, Json> = {
  '413': { description: 'From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`.', content: { 'application/json': { schema: gatewayRef } } },
  '429': { description: 'From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`.', content: { 'application/json': { schema: gatewayRef } } },
  '500': { description: 'From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`.', content: { 'application/json': { schema: gatewayRef } } },
  '503': { description: 'From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally\'s own 503, for a database outage, is a problem document with Retry-After.)', content: { 'application/json': { schema: gatewayRef }, [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } },
};

/** The route's own further answers (`RouteContract.answers`), as OpenAPI response objects. */
function declaredAnswers(answers: HttpFunction['contract']['answers']): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [status, a] of Object.entries(answers ?? {})) {
    const content = a.response ? { 'application/json': { schema: schema(a.response, 'output') } } : a.problem ? { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } : undefined;
    out[status] = { description: a.description, ...(content ? { content } : {}) };
  }
  return out;
}

function operation(fn: HttpFunction, method: string, path: string): Json {
  const c = fn.contract;
  const status = String(c.status ?? (c.response || c.produces ? 200 : 204));
  const errors: Record<string, Json> = {
    '400': { description: 'Invalid request (each wrong field listed in `errors`)', content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } },
  };
  if (c.auth !== 'public') {
    errors['401'] = {
      description: 'Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent)',
      headers: { 'WWW-Authenticate': { description: 'RFC 6750 challenge', schema: { type: 'string' } } },
      content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } },
    };
  }
  if (typeof c.auth === 'object') errors['403'] = { description: `Needs the permission \`${c.auth.permission}\``, content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } };
  const conditional = c.concurrency === 'if-match' && ['PATCH', 'PUT', 'DELETE'].includes(method.toUpperCase());
  if (conditional) {
    errors['412'] = { description: 'If-Match names a version that is no longer current; read the resource again', content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } };
    errors['428'] = { description: 'If-Match is missing', content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } };
  }
  if (c.idempotent) errors['422'] = { description: 'The Idempotency-Key was already used with another body', content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } };
  const etag = c.concurrency === 'if-match' && c.response ? { headers: { ETag: { description: 'The `version` of the resource in the body, for If-Match.', schema: { type: 'string' } } } } : {};
  const success: Json = c.response
    ? { description: 'Success', ...etag, content: { 'application/json': { schema: schema(c.response, 'output') } } }
    : c.produces
      ? { description: 'Success', content: { [c.produces]: {} } }
      : { description: 'Success, no content' };
  return {
    operationId: `${fn.name}${fn.routes.length > 1 ? `-${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-') : ''}`,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    tags: [path.split('/')[1] ?? 'default'],
    ...(c.auth === 'public' ? { security: [] } : {}),
    ...(typeof c.auth === 'object' ? { 'x-permission': c.auth.permission } : {}),
    parameters: [
      ...parameters(c.params, 'path'),
      ...parameters(c.query, 'query'),
      ...(c.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })),
      ...(conditional ? [{ name: 'If-Match', in: 'header', required: true, description: 'The `version` (ETag) you read; without it 428, a stale one 412.', schema: { type: 'string' } }] : []),
      ...(c.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h).', schema: { type: 'string' } }]
        : []),
    ],
    ...(c.body ? { requestBody: { required: !(c.body as z.ZodMiniType).safeParse(undefined).success, content: { 'application/json': { schema: schema(c.body, 'input') } } } } : {}),
    responses: { [status]: success, ...errors, ...declaredAnswers(c.answers), ...GATEWAY_ERRORS },
  };
}

let cached: Json | undefined;

/** The OpenAPI 3.1 document of the whole API, generated from the manifest and the zod contracts. */
export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Record<string, Json>> = {};
  for (const fn of httpFunctions) {
    for (const r of fn.routes) {
      (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(fn, r.method, r.path);
    }
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Tally API',
      version: '0.1.0',
      description:
        'Personal finance: ledger in many currencies, imports, budgets, goals, analytics. Money is always integer minor units with an ISO 4217 code. Errors are RFC 9457 problem documents (`application/problem+json`), token refusals (401), unknown paths (404) and wrong methods (405, with Allow) included. Only API Gateway\'s own refusals are not: 413 `{"message":"Request Entity Too Large"}` (body over 10 MB), 429 `{"message":"Too Many Requests"}` (throttled), 500 `{"message":"Internal Server Error"}` (a function failed) and 503 `{"message":"Service Unavailable"}` (no answer within 30 s), each a JSON object with one `message` and an `apigw-requestid` header.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito access token from POST /auth/login)' } },
      schemas: {
        Problem: schema(ProblemSchema, 'output'),
        GatewayMessage: { type: 'object', description: 'A refusal written by API Gateway itself, not by Tally.', properties: { message: { type: 'string' } }, required: ['message'] },
      },
    },
    'x-problem-types': problemKinds(),
  };
  return cached;
}
