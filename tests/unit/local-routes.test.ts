import { describe, expect, it } from 'vitest';
import { httpFunctions, type HttpFunction } from '../../functions/manifest';
import { RouteTable } from '../../infra/local/routes';

const fn = (name: string, ...routes: string[]): HttpFunction => ({
  kind: 'http',
  name,
  entry: `functions/http/${name}.ts`,
  access: [],
  contract: { summary: name, auth: 'public' },
  routes: routes.map((r) => {
    const [method, path] = r.split(' ') as [HttpFunction['routes'][number]['method'], string];
    return { method, path };
  }),
});

describe('the local gateway’s route table', () => {
  const table = new RouteTable([
    fn('member-put', 'PUT /auth/roles/{role}/members/{userId}'),
    fn('member-delete', 'DELETE /auth/roles/{role}/members/{userId}'),
    fn('me', 'GET /users/me'),
    fn('user', 'GET /users/{id}', 'DELETE /users/{id}'),
    fn('files', 'GET /files/{proxy+}'),
  ]);

  it('extracts URL-decoded path parameters', () => {
    // Act
    const m = table.match('PUT', '/auth/roles/admin/members/a%20b%2Fc');
    // Assess
    expect(m).toMatchObject({ kind: 'found', route: { routeKey: 'PUT /auth/roles/{role}/members/{userId}' }, pathParameters: { role: 'admin', userId: 'a b/c' } });
  });

  it('prefers literal segments over parameters', () => {
    expect(table.match('GET', '/users/me')).toMatchObject({ kind: 'found', route: { fn: { name: 'me' } } });
    expect(table.match('GET', '/users/42')).toMatchObject({ kind: 'found', route: { fn: { name: 'user' } }, pathParameters: { id: '42' } });
    expect(table.match('DELETE', '/users/me')).toMatchObject({ kind: 'found', route: { fn: { name: 'user' } }, pathParameters: { id: 'me' } });
  });

  it('matches greedy parameters over several segments', () => {
    expect(table.match('GET', '/files/a/b/c.txt')).toMatchObject({ kind: 'found', pathParameters: { proxy: 'a/b/c.txt' } });
    expect(table.match('GET', '/files').kind).toBe('not-found');
  });

  it('tells a wrong method (405 with the allowed ones) from an unknown path (404)', () => {
    expect(table.match('POST', '/auth/roles/admin/members/u1')).toEqual({ kind: 'method-not-allowed', allow: ['PUT', 'DELETE'] });
    expect(table.match('GET', '/auth/roles/admin/members')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/users/me/')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/users//')).toEqual({ kind: 'not-found' });
  });

  it('builds from the real manifest without duplicate routes', () => {
    const real = new RouteTable(httpFunctions);
    expect(real.routes.length).toBe(httpFunctions.reduce((n, f) => n + f.routes.length, 0));
    expect(real.match('GET', '/health')).toMatchObject({ kind: 'found', route: { fn: { name: 'health' } } });
    expect(() => new RouteTable([fn('a', 'GET /x'), fn('b', 'GET /x')])).toThrow(/declared twice/);
  });
});
