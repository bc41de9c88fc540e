import { request } from 'node:http';
import { connect } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpFunction } from '../../functions/manifest';
import { GATEWAY_ANSWERS, startGateway, type Gateway, type GatewayOptions } from '../../infra/local/gateway';
import { inlineFunction, type AnyHandler, type LambdaFunction } from '../../infra/local/lambda';
import { createLog } from '../../infra/local/log';
import { RouteTable } from '../../infra/local/routes';

/** Sends raw bytes; answers everything the server wrote until it closed, or until `done` says the answer is whole. */
function raw(port: number, bytes: string, done: (s: string) => boolean = () => false, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(finish, ms);
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (done(text)) finish();
    });
    socket.on('close', finish);
    socket.on('error', reject);
    socket.write(bytes);
  });
}

/** Whether a raw HTTP/1.1 answer holds its whole body (by its Content-Length). */
const whole = (s: string): boolean => {
  const end = s.indexOf('\r\n\r\n');
  const length = /\r\ncontent-length: (\d+)/i.exec(s);
  return end >= 0 && length !== null && Buffer.byteLength(s.slice(end + 4), 'latin1') >= Number(length[1]);
};

/**
 * The bytes API Gateway's HTTP API writes for one of its own answers, with this answer's Date and request id (and
 * Node's Connection/Keep-Alive). Documented: 503 `{"message":"Service Unavailable"}` with `content-length: 33`,
 * `apigw-requestid` and no Content-Type (github.com/cortexlabs/cortex/issues/1225); the others are JSON with one
 * `message`, the status's reason phrase, e.g. 401 `{"message":"Unauthorized"}`
 * (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html).
 */
function expectedBytes(actual: string, status: number, reason: string, body: string, json: boolean): string {
  const date = /\r\nDate: ([^\r]+)/.exec(actual)?.[1] ?? 'missing';
  const id = /\r\napigw-requestid: ([A-Za-z0-9+/=]{16})\r\n/.exec(actual)?.[1] ?? 'missing';
  const connection = /\r\nConnection: (keep-alive\r\nKeep-Alive: timeout=5|close)\r\n/.exec(actual)?.[1] ?? 'missing';
  return [
    `HTTP/1.1 ${status} ${reason}`,
    ...(json ? ['content-type: application/json'] : []),
    `content-length: ${Buffer.byteLength(body)}`,
    `apigw-requestid: ${id}`,
    `Date: ${date}`,
    `Connection: ${connection}`,
    '',
    body,
  ].join('\r\n');
}

const def = (name: string, route: string, auth: 'public' | 'user' = 'public'): HttpFunction => {
  const [method, path] = route.split(' ') as [HttpFunction['routes'][number]['method'], string];
  return { kind: 'http', name, entry: 'unused', access: [], contract: { summary: name, auth }, routes: [{ method, path }] };
};

/** A gateway on its own over inline functions. */
function gatewayOver(defs: HttpFunction[], handlers: Record<string, AnyHandler>, extra: Partial<GatewayOptions> = {}): Promise<Gateway> {
  const functions = new Map<string, LambdaFunction>(defs.map((d) => [d.name, inlineFunction(d.name, handlers[d.name] ?? (() => undefined))]));
  return startGateway({ port: 0, routes: new RouteTable(defs), functions, corsOrigins: 'http://app.test', log: createLog('silent'), ...extra });
}

/** The gateway on its own, with small inline functions behind made-up routes. */
describe('the local API gateway', () => {
  const events: APIGatewayProxyEventV2[] = [];
  let calls = 0;
  let gateway: Gateway;

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
    slow: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'late' }), 2_000)),
    fallback: async (event) => {
      events.push(event as APIGatewayProxyEventV2);
      return { statusCode: 404, headers: { 'content-type': 'application/problem+json' }, body: '{"status":404}' };
    },
  };
  const defs = [
    def('echo', 'POST /items/{id}'),
    def('boom', 'GET /boom'),
    def('invalid', 'GET /invalid'),
    def('binary', 'GET /binary'),
    def('plain', 'GET /plain'),
    def('private', 'GET /private', 'user'),
    def('slow', 'GET /slow'),
    { ...def('fallback', 'GET /unused'), routes: [], defaultRoute: true as const },
  ];

  beforeAll(async () => {
    gateway = await gatewayOver(defs, handlers, { maxBodyBytes: 1000, integrationTimeoutMs: 300 });
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

  it('answers API Gateway’s own 500, byte for byte, when the function throws or answers nonsense', async () => {
    for (const path of ['/boom', '/invalid']) {
      const got = await raw(gateway.port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, whole);
      expect(got).toBe(expectedBytes(got, 500, 'Internal Server Error', '{"message":"Internal Server Error"}', true));
    }
  });

  it('answers API Gateway’s own 413, byte for byte, to a body over the payload limit', async () => {
    const got = await raw(gateway.port, `POST /items/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n${'x'.repeat(1001)}`, whole);
    expect(got).toBe(expectedBytes(got, 413, 'Payload Too Large', '{"message":"Request Entity Too Large"}', true));
    expect(GATEWAY_ANSWERS.tooLarge.body).toBe('{"message":"Request Entity Too Large"}');
  });

  it('answers API Gateway’s own 503, byte for byte and without a content type, past the integration timeout', async () => {
    const got = await raw(gateway.port, 'GET /slow HTTP/1.1\r\nHost: x\r\n\r\n', whole);
    expect(got).toBe(expectedBytes(got, 503, 'Service Unavailable', '{"message":"Service Unavailable"}', false));
    expect(got).toContain('\r\ncontent-length: 33\r\n');
  });

  it('sends what no route matches to the $default function, unknown paths and other methods alike', async () => {
    for (const [method, path] of [['GET', '/nowhere'], ['DELETE', '/items/1']] as const) {
      const r = await fetch(`${gateway.url}${path}`, { method });
      expect({ status: r.status, body: await r.text() }).toEqual({ status: 404, body: '{"status":404}' });
      expect(events.at(-1)).toMatchObject({ routeKey: '$default', rawPath: path, requestContext: { routeKey: '$default', http: { method } } });
      expect(events.at(-1)?.pathParameters).toBeUndefined();
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

  it('has no authorizer: a route behind a token reaches its function, which verifies the token itself', async () => {
    const r = await fetch(`${gateway.url}/private`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(r.status).toBe(200);
    expect(calls).toBe(1);
  });
});

describe('the local API gateway without a $default function, and throttled', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const plain: AnyHandler = async () => ({ statusCode: 204 });
    gateway = await gatewayOver([def('a', 'GET /a'), { ...def('b', 'GET /b'), throttle: { rate: 0.001, burst: 1 } }], { a: plain, b: plain }, { throttle: { rate: 0.001, burst: 2 } });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it('answers API Gateway’s own 404, byte for byte', async () => {
    const got = await raw(gateway.port, 'GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n', whole);
    expect(got).toBe(expectedBytes(got, 404, 'Not Found', '{"message":"Not Found"}', true));
  });

  it('answers API Gateway’s own 429, byte for byte, once the route’s or the stage’s bucket is empty', async () => {
    // Route b has its own bucket of 1; the stage's bucket of 2 serves route a.
    expect((await fetch(`${gateway.url}/b`)).status).toBe(204);
    const b = await raw(gateway.port, 'GET /b HTTP/1.1\r\nHost: x\r\n\r\n', whole);
    expect(b).toBe(expectedBytes(b, 429, 'Too Many Requests', '{"message":"Too Many Requests"}', true));
    expect((await fetch(`${gateway.url}/a`)).status).toBe(204);
    expect((await fetch(`${gateway.url}/a`)).status).toBe(204);
    const a = await raw(gateway.port, 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n', whole);
    expect(a).toBe(expectedBytes(a, 429, 'Too Many Requests', '{"message":"Too Many Requests"}', true));
  });
});
