import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

/** A raw GET: fetch would normalise the path before sending it, and an attacker's client does not. */
function rawGet(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(inject('cloud').webUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local web server (as CloudFront serves the app)', () => {
  it('answers app routes with index.html under the content-security policy, and names the API in /config.json', async () => {
    const page = await rawGet('/transactions?x=1');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const config = await rawGet('/config.json');
    expect(JSON.parse(config.body)).toEqual({ apiUrl: inject('cloud').apiUrl });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] ?? '';
    const asset = await rawGet(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never serves a file outside the build, and answers a bad path or a missing asset without a 500', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const r = await rawGet(path);
      expect(r.body, path).not.toContain('"name": "tally"');
      expect(r.status, path).toBeLessThan(500);
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
    expect((await rawGet('/assets/missing-chunk.js')).status).toBe(404);
  });
});
