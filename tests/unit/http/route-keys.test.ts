import { describe, expect, it } from 'vitest';
import { manifestRouteKeys } from '../../../infra/bundle/generate-route-keys';
import { ROUTE_KEYS } from '../../../shared/http/route-keys';
import { noRouteReply } from '../../../shared/http/no-route';

// The `$default` function matches paths against a generated list of route keys instead of bundling the manifest.
describe('shared/http/route-keys.ts', () => {
  it('lists exactly the manifest’s routes (after changing a route, run `npm run route-keys`)', () => {
    expect([...ROUTE_KEYS]).toEqual(manifestRouteKeys());
  });

  it('answers a known path under another method 405 with every method it takes, and an unknown path 404', () => {
    const reply = noRouteReply('PUT', '/transactions/t1');
    expect(reply.status).toBe(405);
    expect(reply.headers?.allow?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(() => noRouteReply('GET', '/no/such/route')).toThrow(/No route matches GET \/no\/such\/route/);
  });
});
