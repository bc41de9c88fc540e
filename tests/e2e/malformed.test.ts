import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '../../functions/manifest';
import { admin, call, newUser } from '../support/api';

/**
 * No input makes any route answer 500: every route of the manifest gets malformed requests (bad JSON, wrong
 * types, unknown fields, huge bodies, bad query and path values) and must answer a problem+json 4xx.
 */
const routes = httpFunctions.flatMap((f) => f.routes.map((r) => ({ ...r, auth: f.contract.auth })));

const fillPath = (p: string) => p.replace(/\{[^}]+\}/g, 'x%00%22%2F..%2F');

const cases: { name: string; raw?: string; body?: unknown; query?: string; headers?: Record<string, string> }[] = [
  { name: 'bad JSON', raw: '{"amount": 12,,}' },
  { name: 'a JSON array', raw: '[1,2,3]' },
  { name: 'a JSON string', raw: '"hello"' },
  { name: 'null', raw: 'null' },
  { name: 'wrong types', body: { amount: 'twelve', date: 20240101, email: 42, name: { a: 1 }, type: ['x'], permissions: 'all', rates: [1] } },
  { name: 'unknown fields', body: { isAdmin: true, userId: 'someone-else', __proto__: { polluted: true } } },
  { name: 'a huge string', body: { description: 'x'.repeat(600_000), name: 'y'.repeat(600_000) } },
  { name: 'a deep object', raw: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
  { name: 'a bad query', query: 'limit=-5&from=yesterday&cursor=%ZZ&month=13&months=abc&date=2024-02-30&format=xml' },
  { name: 'a wrong media type', raw: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'a bad If-Match and Idempotency-Key', body: {}, headers: { 'if-match': 'W/"banana"', 'idempotency-key': 'k'.repeat(300) } },
];

let tokens: { user: string; admin: string };

beforeAll(async () => {
  tokens = { user: (await newUser()).accessToken, admin: (await admin()).accessToken };
});

describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, r) => {
  // Clients cannot send a body with GET (fetch refuses): GET routes get the query and header cases.
  const applicable = cases.filter((c) => r.method !== 'GET' || (c.raw === undefined && c.body === undefined));
  it.each(applicable.map((c) => [c.name, c] as const))('answers %s with a 4xx problem, never a 500', async (_n, c) => {
    const token = r.auth === 'public' ? undefined : typeof r.auth === 'object' ? tokens.admin : tokens.user;
    const path = `${fillPath(r.path)}${c.query ? `?${c.query}` : ''}`;
    const res = await call(r.method, path, { token, body: c.body, raw: c.raw, headers: c.headers });
    expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(typeof res.body.detail).toBe('string');
      expect(res.body.detail.length).toBeGreaterThan(5);
    }
  });
});

describe('a body beyond the gateway limit', () => {
  it('is refused with 413 before any handler, in API Gateway’s own body', async () => {
    const res = await call('POST', '/transactions', { token: tokens.user, raw: 'x'.repeat(11 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe('{"message":"Request Entity Too Large"}');
  });
});
