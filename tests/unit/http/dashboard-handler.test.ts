import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { signedToken, stubJwks } from '../../support/test-tokens';

// GET /dashboard's handler: a section's failure becomes a problem entry of a 200 answer. The token allow-list and the
// use case are replaced here; tests/e2e/dashboard.test.ts runs the route for real.
vi.mock('../../../shared/http/authorization', () => ({ authorization: { assertActive: async () => undefined, hasPermission: async () => false } }));
const answer = vi.hoisted(() => ({ failures: [] as { section: string; error: unknown }[] }));
vi.mock('../../../shared/use-cases/dashboard', () => ({
  dashboard: async (caller: { userId: string }, month: string | undefined) => {
    const sections = { accounts: { items: [] }, budgets: null, goals: null, alerts: null, advice: null, forecast: null, summary: null, trends: null, health: null };
    return { month: month ?? '2026-03', me: { userId: caller.userId }, ...sections, failures: answer.failures };
  },
}));

beforeAll(async () => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CORS_ORIGINS: '*', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  await stubJwks();
});

const context = { functionName: 'dashboard-get', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(query: string): APIGatewayProxyEventV2 {
  const claims = { sub: 'u1', jti: 'j1', token_use: 'access', username: 'u1' };
  return {
    version: '2.0',
    routeKey: 'GET /dashboard',
    rawPath: '/dashboard',
    rawQueryString: query,
    queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
    headers: { authorization: `Bearer ${signedToken(claims)}` },
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/dashboard', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } },
  } as unknown as APIGatewayProxyEventV2;
}

describe('GET /dashboard handler', () => {
  it('answers 200 with a problem document for each failed section, revealing nothing of an internal error', async () => {
    const { ServiceUnavailableError } = await import('../../../shared/domain/errors');
    answer.failures = [
      { section: 'forecast', error: new ServiceUnavailableError('The forecast is unavailable; retry shortly.') },
      { section: 'health', error: new Error('secret internal detail') },
    ];
    const { handler } = await import('../../../functions/http/dashboard/get');
    const res = (await handler(event('month=2026-02'), context)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { month: string; me: { userId: string }; problems: Record<string, unknown>[] };
    expect(body.month).toBe('2026-02');
    expect(body.me.userId).toBe('u1');
    expect(body.problems).toEqual([
      expect.objectContaining({ section: 'forecast', status: 503, type: '/docs#problem-service-unavailable', detail: 'The forecast is unavailable; retry shortly.' }),
      expect.objectContaining({ section: 'health', status: 500, type: '/docs#problem-internal' }),
    ]);
    expect(res.body).not.toContain('secret internal detail');
  });

  it('answers an empty problems list when every section is there', async () => {
    answer.failures = [];
    const { handler } = await import('../../../functions/http/dashboard/get');
    const res = (await handler(event(''), context)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).problems).toEqual([]);
  });
});
