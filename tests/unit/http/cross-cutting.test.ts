import { beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { IdempotencyClaim, IdempotencyPort } from '../../../shared/http/idempotency';
import type { HttpRequest, Reply } from '../../../shared/http/handler';
import { route } from '../../../shared/contracts/route';
import { signedToken, stubJwks } from '../../support/test-tokens';

// The factory's cross-cutting rules (If-Match, ETag, Idempotency-Key) with an in-memory idempotency port; the
// token allow-list (DynamoDB) is replaced. tests/e2e/concurrency-contract.test.ts proves the same over HTTP.
vi.mock('../../../shared/http/authorization', () => ({ authorization: { assertActive: async () => undefined, hasPermission: async () => true } }));

beforeAll(async () => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CORS_ORIGINS: '*', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await stubJwks();
});

const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const claims = { sub: 'u1', jti: 'j1', token_use: 'access', username: 'u1' };

function event(method: string, headers: Record<string, string>, body?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /x`,
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signedToken(claims)}`, ...headers },
    isBase64Encoded: false,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    requestContext: { requestId: 'req-1', http: { method, path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } },
  } as unknown as APIGatewayProxyEventV2;
}

function memoryPort() {
  const stored = new Map<string, { hash: string; status: number; body: unknown }>();
  const port: IdempotencyPort = {
    replay: async (userId, key, hash) => {
      const s = stored.get(`${userId}/${key}`);
      if (!s) return undefined;
      if (s.hash !== hash) {
        const { UnprocessableError } = await import('../../../shared/domain/errors');
        throw new UnprocessableError('other body');
      }
      return { status: s.status, body: s.body };
    },
    remember: async (userId, claim: IdempotencyClaim, reply) => void stored.set(`${userId}/${claim.key}`, { hash: claim.hash, ...reply }),
  };
  return { port, stored };
}

const json = (r: APIGatewayProxyStructuredResultV2) => JSON.parse(String(r.body)) as Record<string, unknown>;

async function routes() {
  const { httpHandler } = await import('../../../shared/http/handler');
  const { route } = await import('../../../shared/contracts/route');
  const Thing = z.object({ id: z.string(), name: z.string(), version: z.int() });
  const seen: { expectedVersion?: number; idempotency?: IdempotencyClaim }[] = [];
  const memory = memoryPort();
  let n = 0;
  const create = httpHandler(
    route({ summary: 's', auth: 'user', body: z.strictObject({ name: z.string() }), response: Thing, status: 201, idempotent: true, concurrency: 'if-match' }),
    async ({ body }) => ({ body: { id: `t${++n}`, name: body.name, version: 1 } }),
    memory.port,
  );
  const createWithWrite = httpHandler(
    route({ summary: 's', auth: 'user', body: z.strictObject({ name: z.string() }), response: Thing, status: 201, idempotent: 'with-write', concurrency: 'if-match' }),
    async ({ body, idempotency }) => {
      seen.push({ idempotency });
      return { body: { id: 'w', name: body.name, version: 1 } };
    },
    memory.port,
  );
  const update = httpHandler(
    route({ summary: 's', auth: 'user', body: z.strictObject({ name: z.string() }), response: Thing, concurrency: 'if-match' }),
    async ({ body, expectedVersion }) => {
      seen.push({ expectedVersion });
      return { body: { id: 't1', name: body.name, version: expectedVersion + 1 } };
    },
    memory.port,
  );
  return { create, createWithWrite, update, seen, memory };
}

describe('cross-cutting rules declared on the contract', () => {
  it('answers 428 without If-Match before the handler runs, and passes the parsed version to it', async () => {
    const { update, seen } = await routes();
    const missing = await update(event('PATCH', {}, { name: 'a' }), context);
    expect(missing.statusCode).toBe(428);
    expect(json(missing).type).toBe('/docs#problem-precondition-required');
    expect(seen).toEqual([]);
    for (const header of ['3', '"3"', 'W/"3"']) {
      const ok = await update(event('PATCH', { 'if-match': header }, { name: 'a' }), context);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers?.etag).toBe('"4"');
    }
    expect(seen.map((s) => s.expectedVersion)).toEqual([3, 3, 3]);
    expect((await update(event('PATCH', { 'if-match': '*' }, { name: 'a' }), context)).statusCode).toBe(400);
  });

  it('stores the reply after success and answers a repeated key with it; another body with the key is 422', async () => {
    const { create, memory } = await routes();
    const first = await create(event('POST', { 'idempotency-key': 'k1' }, { name: 'a' }), context);
    expect(first.statusCode).toBe(201);
    expect(first.headers?.etag).toBe('"1"');
    const again = await create(event('POST', { 'idempotency-key': 'k1' }, { name: 'a' }), context);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual(json(first));
    expect(again.headers?.etag).toBe('"1"');
    expect((await create(event('POST', { 'idempotency-key': 'k1' }, { name: 'b' }), context)).statusCode).toBe(422);
    expect(json(await create(event('POST', {}, { name: 'a' }), context)).id).toBe('t2');
    expect(memory.stored.size).toBe(1);
  });

  it("leaves storing to the use case on a 'with-write' route, handing it the claim", async () => {
    const { createWithWrite, seen, memory } = await routes();
    await createWithWrite(event('POST', { 'idempotency-key': 'k2' }, { name: 'a' }), context);
    expect(seen[0]?.idempotency).toMatchObject({ key: 'k2', status: 201 });
    expect(memory.stored.size).toBe(0);
  });
});

describe('types', () => {
  it('gives expectedVersion only to if-match routes, and types reply bodies by the contract', () => {
    const Thing = z.object({ id: z.string(), version: z.int() });
    const _guarded = route({ summary: 's', auth: 'user', response: Thing, concurrency: 'if-match' });
    const _plain = route({ summary: 's', auth: 'user', response: Thing });
    expectTypeOf<HttpRequest<typeof _guarded>['expectedVersion']>().toEqualTypeOf<number>();
    expectTypeOf<HttpRequest<typeof _plain>['expectedVersion']>().toEqualTypeOf<undefined>();
    expectTypeOf<{ body: { id: string; version: number } }>().toExtend<Reply<typeof _plain>>();
    expectTypeOf<{ body: { id: number; version: number } }>().not.toExtend<Reply<typeof _plain>>();
  });
});
