import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../infra/local/gateway';
import { createLog } from '../../infra/local/log';
import { RouteTable } from '../../infra/local/routes';

/** Sends raw bytes and answers what the server wrote back before closing (or after `ms`). */
function raw(port: number, bytes: string, ms = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

function parse(answer: string): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} };
}

/**
 * Requests Node's HTTP parser refuses before the gateway sees them (found by `npm run fuzz`: a 16 KB URL got a bare
 * `431` with no body) are answered with a problem document like every other refusal.
 */
describe('the local gateway, on requests the HTTP parser refuses', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      routes: new RouteTable([]),
      functions: new Map(),
      corsOrigins: '*',
      log: createLog('silent'),
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('answers a URL past the header limit with a 431 problem', async () => {
    const res = parse(await raw(gateway.port, `GET /accounts/${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 431, title: expect.any(String), type: expect.any(String) });
    expect(String(res.body.detail)).toMatch(/16 KB/);
  });

  it('answers headers past the limit with a 431 problem', async () => {
    const res = parse(await raw(gateway.port, `GET /health HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ${'k'.repeat(20_000)}\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(res.body.status).toBe(431);
  });

  it('answers malformed HTTP with a 400 problem', async () => {
    const res = parse(await raw(gateway.port, 'GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, detail: expect.stringMatching(/not well-formed HTTP/) });
  });
});
