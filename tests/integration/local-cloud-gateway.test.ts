import { request } from 'node:http';
import { connect } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpFunction } from '../../functions/manifest';
import { JwtAuthorizer } from '../../infra/local/authorizer';
import { startGateway, type Gateway } from '../../infra/local/gateway';
import { inlineFunction, type AnyHandler, type LambdaFunction } from '../../infra/local/lambda';
import { createLog } from '../../infra/local/log';
import { RouteTable } from '../../infra/local/routes';

/** The gateway on its own, with small inline functions behind made-up routes. */
describe('the local API gateway', () => {
  const events: APIGatewayProxyEventV2[] = [];
  let calls = 0;
  let gateway: Gateway;

  const def = (name: string, route: string, auth: 'public' | 'user' = 'public'): HttpFunction => {
    const [method, path] = route.split(' ') as [HttpFunction['routes'][number]['method'], string];
    return { kind: 'http', name, entry: 'unused', access: [], contract: { summary: name, auth }, routes: [{ method, path }] };
  };
  const handlers: Record<string, AnyHandler> = {
    echo: async (event) => {
      events.push(event as APIGatewayProxyEventV2);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
    },
    boom: async () => {
      throw new Error('secret internal detail');
    },
    invalid: async () => ({ statusCode: 'teapot' }),
    binary: async () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true, cookies: ['a=1; Path=/', 'b=2'] }),
    plain: async () => ({ hello: 'world' }),
    private: async () => {
      calls++;
      return { statusCode: 200, body: 'secret' };
    },
  };
  const defs = [
    def('echo', 'POST /items/{id}'),
    def('boom', 'GET /boom'),
    def('invalid', 'GET /invalid'),
    def('binary', 'GET /binary'),
    def('plain', 'GET /plain'),
    def('private', 'GET /private', 'user'),
  ];

  beforeAll(async () => {
    const functions = new Map<string, LambdaFunction>(defs.map((d) => [d.name, inlineFunction(d.name, handlers[d.name] ?? (() => undefined))]));
    gateway = await startGateway({
      port: 0,
      routes: new RouteTable(defs),
      functions,
      authorizer: new JwtAuthorizer({ userPoolId: 'us-east-1_Test00000', clientId: 'client', jwks: { keys: [] }, jwksUrl: 'http://127.0.0.1:9/jwks.json' }),
      corsOrigins: 'http://app.test',
      log: createLog('silent'),
      maxBodyBytes: 1000,
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('hands the function a payload 2.0 event built from the real request', async () => {
    // Act
    const r = await fetch(`${gateway.url}/items/a%20b?x=1&x=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', cookie: 'c1=v1; c2=v2', origin: 'http://app.test' },
      body: Buffer.from([1, 2, 3]),
    });
    // Assess
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://app.test');
    const e = events.at(-1);
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'POST /items/{id}',
      rawPath: '/items/a%20b',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      pathParameters: { id: 'a b' },
      cookies: ['c1=v1', 'c2=v2'],
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST', path: '/items/a%20b', sourceIp: '127.0.0.1' }, stage: '$default', routeKey: 'POST /items/{id}' },
    });
    expect(e?.headers['content-type']).toBe('application/octet-stream');
    expect(e?.headers['x-forwarded-proto']).toBe('http');
    expect(e?.requestContext.requestId).toBe(r.headers.get('apigw-requestid'));
  });

  it('answers 500 without internals when the function throws or answers nonsense', async () => {
    for (const path of ['/boom', '/invalid']) {
      const r = await fetch(`${gateway.url}${path}`);
      const text = await r.text();
      expect(r.status).toBe(500);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(text)).toMatchObject({ status: 500, detail: 'Internal Server Error' });
      expect(text).not.toContain('secret');
    }
  });

  it('writes binary bodies, cookies and plain results as API Gateway does', async () => {
    const bin = await fetch(`${gateway.url}/binary`);
    expect(Buffer.from(await bin.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(bin.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    const plain = await fetch(`${gateway.url}/plain`);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toEqual({ hello: 'world' });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.url}/items/1`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x'.repeat(600));
      req.write('x'.repeat(600));
    });
    expect(status).toBe(413);
  });

  it('lets the client finish a refused upload, read the 413, and go on using the connection', async () => {
    // A client that sends its body only after the answer has come (a slow uplink) must not have the connection
    // reset under it (EPIPE) mid-upload: the gateway reads the rest and keeps the connection for the next request.
    const url = new URL(gateway.url);
    const total = 8 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let error: string | undefined;
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', (e) => (error = e.message));
    const until = async (check: () => boolean, what: string) => {
      for (const end = Date.now() + 5_000; !check(); await new Promise((r) => setTimeout(r, 5))) {
        if (error !== undefined || Date.now() > end) throw new Error(`${what}: ${error ?? 'timed out'}`);
      }
    };
    try {
      socket.write(`POST /items/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`);
      await until(() => received.includes('\r\n\r\n'), 'the 413');
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      for (let wrote = 0; wrote < total; wrote += chunk.length) {
        if (!socket.write(chunk)) await until(() => socket.writableLength === 0, 'sending the body');
      }
      socket.write('GET /plain HTTP/1.1\r\nHost: x\r\n\r\n');
      await until(() => received.includes('HTTP/1.1 200'), 'the next request');
      expect(error).toBeUndefined();
    } finally {
      socket.destroy();
    }
  });

  it('runs no function for a refused token', async () => {
    const r = await fetch(`${gateway.url}/private`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(r.status).toBe(401);
    expect(calls).toBe(0);
  });
});
