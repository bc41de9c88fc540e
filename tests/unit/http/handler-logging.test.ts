import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

// How the factory logs a failed request: an outage answered 503 is expected (the database is down, the client
// retries after Retry-After) and is a warning naming its kind; only a real 500 is an error.
beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CORS_ORIGINS: '*', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const event = {
  version: '2.0',
  routeKey: 'GET /x',
  rawPath: '/x',
  rawQueryString: '',
  headers: {},
  isBase64Encoded: false,
  requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } },
} as unknown as APIGatewayProxyEventV2;

async function failingWith(error: () => Error) {
  const { httpHandler } = await import('../../../shared/http/handler');
  const { route } = await import('../../../shared/contracts/route');
  const { logger } = await import('../../../shared/observability');
  const warn = vi.spyOn(logger, 'warn');
  const logged = vi.spyOn(logger, 'error');
  const handler = httpHandler(route({ summary: 's', auth: 'public' }), async () => {
    throw error();
  });
  const res = await handler(event, context);
  return { res, warn, logged };
}

describe('http handler logging of 5xx answers', () => {
  it('logs a 503 outage at warn with its kind, not as an unhandled error', async () => {
    const { ServiceUnavailableError } = await import('../../../shared/domain/errors');
    const { res, warn, logged } = await failingWith(() => new ServiceUnavailableError('The database is not answering; try again shortly.', 2));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('2');
    expect(logged).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('Service unavailable', expect.objectContaining({ kind: 'service-unavailable', status: 503 }));
  });

  it('still logs a real 500 as an unhandled error', async () => {
    const { res, warn, logged } = await failingWith(() => new Error('secret internal detail'));
    expect(res.statusCode).toBe(500);
    expect(logged).toHaveBeenCalledWith('Unhandled error', expect.any(Error));
    expect(warn).not.toHaveBeenCalled();
  });
});
