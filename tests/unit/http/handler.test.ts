import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { signedToken, stubJwks } from '../../support/test-tokens';

// Unit tests of the factory's edge cases: the token allow-list and role lookups (DynamoDB) are replaced here;
// integration tests exercise them for real against the local cloud.
const active = vi.hoisted(() => ({ value: true, permissions: [] as string[] }));
vi.mock('../../../shared/http/authorization', () => ({
  authorization: {
    assertActive: async () => {
      const { UnauthorizedError } = await import('../../../shared/domain/errors');
      if (!active.value) throw new UnauthorizedError('signed out');
    },
    hasPermission: async (_c: unknown, p: string) => active.permissions.includes(p),
  },
}));

beforeAll(async () => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CORS_ORIGINS: '*', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await stubJwks();
});

const token = signedToken;

const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

/** An event; `claims` become a signed bearer token, `authorizerClaims` what a JWT authorizer would have passed. */
function event(over: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, unknown>; authorizerClaims?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const { claims, authorizerClaims, ...rest } = over;
  return {
    version: '2.0',
    routeKey: 'POST /x',
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(claims ? { authorization: `Bearer ${token(claims)}` } : {}) },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      http: { method: 'POST', path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
      ...(authorizerClaims ? { authorizer: { jwt: { claims: authorizerClaims, scopes: [] } } } : {}),
    },
    ...rest,
  } as unknown as APIGatewayProxyEventV2;
}

const claims = { sub: 'u1', jti: 'j1', token_use: 'access', 'cognito:groups': ['admin', 'user'], username: 'u1' };

async function load() {
  const { httpHandler } = await import('../../../shared/http/handler');
  const { route } = await import('../../../shared/contracts/route');
  const body = z.strictObject({ amount: z.int(), name: z.string() });
  const publicRoute = httpHandler(route({ summary: 's', auth: 'public', body }), async ({ body: b }) => ({ body: { got: b } }));
  const userRoute = httpHandler(route({ summary: 's', auth: 'user' }), async ({ caller }) => ({ body: { caller } }));
  const adminRoute = httpHandler(route({ summary: 's', auth: { permission: 'roles:write' } }), async () => ({ status: 204 }));
  const failing = httpHandler(route({ summary: 's', auth: 'public' }), async () => {
    throw new Error('secret internal detail');
  });
  return { publicRoute, userRoute, adminRoute, failing };
}

describe('http handler factory', () => {
  it('parses and validates a JSON body, answering with the handler result', async () => {
    const { publicRoute } = await load();
    const res = await publicRoute(event({ body: '{"amount":5,"name":"a"}' }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? '')).toEqual({ got: { amount: 5, name: 'a' } });
    expect(res.headers?.['access-control-allow-origin']).toBe('*');
  });

  it.each([
    ['malformed JSON', { body: '{"amount":' }, 400, /not valid JSON/],
    ['a missing body', { body: undefined }, 400, /JSON body is required/],
    ['an unknown field', { body: '{"amount":1,"name":"a","admin":true}' }, 400, /unknown field\(s\): admin/],
    ['a wrong type', { body: '{"amount":"1","name":"a"}' }, 400, /body\.amount/],
    ['a non-JSON media type', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, /application\/json/],
    ['a body over the limit', { body: `{"name":"${'x'.repeat(300 * 1024)}","amount":1}` }, 413, /at most/],
  ])('answers %s with a problem document', async (_name, over, status, detail) => {
    const { publicRoute } = await load();
    const res = await publicRoute(event(over as Partial<APIGatewayProxyEventV2>), context);
    expect(res.statusCode).toBe(status);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    const problem = JSON.parse(res.body ?? '');
    expect(problem).toMatchObject({ status, type: expect.stringContaining('/docs#problem-') as unknown as string });
    expect(problem.detail).toMatch(detail);
  });

  it('lists every wrong field', async () => {
    const { publicRoute } = await load();
    const res = await publicRoute(event({ body: '{"amount":1.5}' }), context);
    const problem = JSON.parse(res.body ?? '');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.amount', 'body.name']);
  });

  it('decodes base64 bodies', async () => {
    const { publicRoute } = await load();
    const res = await publicRoute(event({ body: Buffer.from('{"amount":2,"name":"b"}').toString('base64'), isBase64Encoded: true }), context);
    expect(JSON.parse(res.body ?? '').got.amount).toBe(2);
  });

  it('refuses a signed-in route without a token, or with an id token, expired or foreign-signed one', async () => {
    const { userRoute } = await load();
    const none = await userRoute(event(), context);
    expect(none.statusCode).toBe(401);
    expect(none.headers?.['www-authenticate']).toBe('Bearer realm="tally"');
    const now = Math.floor(Date.now() / 1000);
    const foreign = token(claims).replace(/\.[^.]+$/, '.AAAA');
    for (const e of [event({ claims: { ...claims, token_use: 'id' } }), event({ claims: { ...claims, exp: now - 10 } }), event({ headers: { authorization: `Bearer ${foreign}` } })]) {
      const res = await userRoute(e, context);
      expect(res.statusCode).toBe(401);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
      expect(res.headers?.['www-authenticate']).toMatch(/^Bearer realm="tally", error="invalid_token", error_description="/);
    }
  });

  it('ignores claims an authorizer would have put in the event: the caller comes only from the verified token', async () => {
    const { userRoute } = await load();
    active.value = true;
    expect((await userRoute(event({ authorizerClaims: { sub: 'u1', jti: 'j1', token_use: 'access' } }), context)).statusCode).toBe(401);
    const res = await userRoute(event({ claims, authorizerClaims: { sub: 'someone-else', jti: 'j9', token_use: 'access' } }), context);
    expect(JSON.parse(res.body ?? '').caller).toMatchObject({ userId: 'u1', tokenId: 'j1' });
  });

  it('takes the caller only from the claims, groups as a list', async () => {
    const { userRoute } = await load();
    active.value = true;
    const res = await userRoute(event({ claims, body: '{"userId":"someone-else"}' }), context);
    expect(JSON.parse(res.body ?? '').caller).toMatchObject({ userId: 'u1', groups: ['admin', 'user'], tokenId: 'j1' });
  });

  it('refuses a signed-out token', async () => {
    const { userRoute } = await load();
    active.value = false;
    const res = await userRoute(event({ claims }), context);
    active.value = true;
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 when no role grants the permission, and runs the handler when one does', async () => {
    const { adminRoute } = await load();
    active.permissions = [];
    expect((await adminRoute(event({ claims }), context)).statusCode).toBe(403);
    active.permissions = ['roles:write'];
    expect((await adminRoute(event({ claims }), context)).statusCode).toBe(204);
  });

  it('turns an unexpected error into a 500 that reveals nothing', async () => {
    const { failing } = await load();
    const res = await failing(event(), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(JSON.parse(res.body ?? '').type).toBe('/docs#problem-internal');
  });
});

describe('groups claim', () => {
  it('reads API Gateway strings and arrays alike', async () => {
    const { parseGroups } = await import('../../../shared/http/identity');
    expect(parseGroups('[admin user]')).toEqual(['admin', 'user']);
    expect(parseGroups(['a', 'b'])).toEqual(['a', 'b']);
    expect(parseGroups('')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
  });
});
