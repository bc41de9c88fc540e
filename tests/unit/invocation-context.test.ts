import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { signedToken, stubJwks } from '../support/test-tokens';

// The token allow-list (DynamoDB) is replaced: the read-ahead declared by the route stays pending for the handler.
vi.mock('../../shared/http/authorization', () => ({
  authorization: { assertActive: async () => undefined, hasPermission: async () => true },
}));

// Before the modules below load: the logger and metrics read the environment when created.
Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CORS_ORIGINS: '*', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' });

beforeAll(async () => {
  await stubJwks();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const { withCorrelationId, currentCorrelationId } = await import('../../shared/correlation');
const { withRetryBudget, currentRetryPolicy, DEFAULT_BUDGET_MS } = await import('../../shared/adapters/retry');
const { withReadAhead, readAhead, takePending } = await import('../../shared/adapters/read-ahead');
const { currentContext } = await import('../../shared/invocation-context');

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('one invocation context for correlation, retry budget and read-ahead', () => {
  it('keeps the outer fields in an inner scope, lets the inner one win, and restores the outer after', async () => {
    const seen = await withReadAhead(() =>
      withRetryBudget({ budgetMs: 1234 }, async () => {
        readAhead(['profile'], 'u1');
        const inner = await withCorrelationId('corr-inner', async () => {
          await tick();
          return { id: currentCorrelationId(), budget: currentRetryPolicy().budgetMs, pending: takePending().length };
        });
        const nested = await withRetryBudget({ budgetMs: 5 }, async () => ({ budget: currentRetryPolicy().budgetMs, id: currentCorrelationId() }));
        return { inner, nested, after: { id: currentCorrelationId(), budget: currentRetryPolicy().budgetMs } };
      }),
    );
    // The read-ahead declared outside the correlation scope is the one taken inside it: one scope object, shared.
    expect(seen.inner).toEqual({ id: 'corr-inner', budget: 1234, pending: 1 });
    expect(seen.nested).toEqual({ budget: 5, id: undefined });
    expect(seen.after).toEqual({ id: undefined, budget: 1234 });
    expect(currentContext()).toBeUndefined();
    expect(currentRetryPolicy().budgetMs).toBe(DEFAULT_BUDGET_MS);
  });

  it('keeps requests that run side by side apart across awaits', async () => {
    const run = (id: string, budgetMs: number) =>
      withCorrelationId(id, () =>
        withRetryBudget({ budgetMs }, async () => {
          const out: string[] = [];
          for (let i = 0; i < 3; i++) {
            await tick();
            out.push(`${currentCorrelationId()}/${currentRetryPolicy().budgetMs}`);
          }
          return out;
        }),
      );
    const [a, b] = await Promise.all([run('req-A', 1), run('req-B', 2)]);
    expect(a).toEqual(['req-A/1', 'req-A/1', 'req-A/1']);
    expect(b).toEqual(['req-B/2', 'req-B/2', 'req-B/2']);
  });

  it('an empty correlation id means none: the logger’s id is not taken instead', async () => {
    const { logger } = await import('../../shared/observability');
    logger.setCorrelationId('left-over');
    expect(withCorrelationId('', () => currentCorrelationId())).toBeUndefined();
    await expect(withRetryBudget({ budgetMs: 1 }, async () => currentCorrelationId())).resolves.toBe('left-over');
  });
});

describe('the HTTP factory', () => {
  const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 5000 } as unknown as Context;
  const event = (correlationId: string): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      routeKey: 'GET /x',
      rawPath: '/x',
      rawQueryString: '',
      headers: { authorization: `Bearer ${signedToken({ sub: 'u1', jti: 'j1', token_use: 'access', username: 'u1' })}`, 'x-correlation-id': correlationId },
      isBase64Encoded: false,
      requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } },
    }) as unknown as APIGatewayProxyEventV2;

  it('sets the correlation id, the retry budget and the route’s read-ahead in one run per request', async () => {
    const { httpHandler, HTTP_RETRY_BUDGET_MS } = await import('../../shared/http/handler');
    const { route } = await import('../../shared/contracts/route');
    const handler = httpHandler(route({ summary: 's', auth: 'user', readAhead: ['profile'] }), async () => {
      await tick();
      const policy = currentRetryPolicy();
      return { body: { id: currentCorrelationId(), budgetMs: policy.budgetMs, deadline: typeof policy.deadline, pending: takePending().map((k) => k.pk) } };
    });
    await handler(event('warm-up'), context);
    const runs = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const [a, b] = await Promise.all([handler(event('corr-A'), context), handler(event('corr-B'), context)]);
    // One store entered once per request (three nested stores before), whatever the middy chain does around it.
    expect(runs).toHaveBeenCalledTimes(2);
    expect(JSON.parse(a.body ?? '')).toEqual({ id: 'corr-A', budgetMs: HTTP_RETRY_BUDGET_MS, deadline: 'number', pending: ['USER#u1'] });
    expect(JSON.parse(b.body ?? '')).toEqual({ id: 'corr-B', budgetMs: HTTP_RETRY_BUDGET_MS, deadline: 'number', pending: ['USER#u1'] });
    expect(currentContext()).toBeUndefined();
  });

  it('gives a route without read-ahead no read-ahead scope', async () => {
    const { httpHandler } = await import('../../shared/http/handler');
    const { route } = await import('../../shared/contracts/route');
    const handler = httpHandler(route({ summary: 's', auth: 'user' }), async () => {
      readAhead(['profile'], 'u1');
      return { body: { scope: currentContext()?.readAhead === undefined, pending: takePending().length, id: currentCorrelationId() } };
    });
    const res = await handler(event('corr-C'), context);
    expect(JSON.parse(res.body ?? '')).toEqual({ scope: true, pending: 0, id: 'corr-C' });
  });
});
