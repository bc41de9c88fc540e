import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin, call, newUser, type Answer, type TestUser } from '../../support/api';

/**
 * Privilege escalation through roles: a holder of `roles:write` must not be able to grant what they do not hold,
 * touch `admin`, or change their own memberships; every role change leaves an audit record only admins can read.
 */

const roleName = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;

function expectProblem(res: Answer, status: number, detail?: RegExp): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: 'application/problem+json' });
  if (detail) expect(res.body.detail).toMatch(detail);
}

async function relogin(u: TestUser): Promise<string> {
  const res = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

let adminToken = '';
let adminId = '';

beforeAll(async () => {
  adminToken = (await admin()).accessToken;
  adminId = (await call('GET', '/me', { token: adminToken })).body.userId as string;
});

/** A fresh user who holds `roles:write` (and nothing else) through a role the admin made. */
async function roleWriter(): Promise<{ user: TestUser; token: string; role: string }> {
  const role = roleName('rw');
  expect((await call('POST', '/auth/create_role', { token: adminToken, body: { name: role, permissions: ['roles:write'] } })).status).toBe(201);
  const user = await newUser('Role Writer');
  expect((await call('PUT', `/auth/roles/${role}/members/${user.userId}`, { token: adminToken })).status).toBe(204);
  const token = await relogin(user);
  expect((await call('GET', '/me', { token })).body.roles).toContain(role);
  return { user, token, role };
}

describe('a roles:write holder cannot escalate', () => {
  it('cannot add themself, or anyone, to admin', async () => {
    const w = await roleWriter();
    expectProblem(await call('PUT', `/auth/roles/admin/members/${w.user.userId}`, { token: w.token }), 403, /own role memberships|admin role/);
    const other = await newUser();
    expectProblem(await call('PUT', `/auth/roles/admin/members/${other.userId}`, { token: w.token }), 403, /admin role/);
    // Whatever was answered, neither holds admin now.
    expect((await call('GET', '/me', { token: await relogin(w.user) })).body.roles).not.toContain('admin');
    expect((await call('GET', '/me', { token: await relogin(other) })).body.roles).not.toContain('admin');
    // Nor can they take the bootstrap admin out of admin.
    expectProblem(await call('DELETE', `/auth/roles/admin/members/${adminId}`, { token: w.token }), 403, /admin role/);
    expect((await call('GET', '/me', { token: (await admin()).accessToken })).body.roles).toContain('admin');
  });

  it('cannot create a role granting *, roles:* or a permission they lack', async () => {
    const w = await roleWriter();
    for (const permissions of [['*'], ['roles:*'], ['fx:write'], ['roles:write', 'audit:read']]) {
      const name = roleName('esc');
      const res = await call('POST', '/auth/create_role', { token: w.token, body: { name, permissions } });
      expect({ permissions, status: res.status }).toEqual({ permissions, status: 403 });
      expectProblem(res, 403, /hold|holder of "\*"/);
      const list = await call('GET', '/auth/roles', { token: adminToken });
      expect(list.body.items.map((r: { name: string }) => r.name)).not.toContain(name);
    }
    // The control: a role made only of what they hold is theirs to create, and to give to someone else.
    const ok = roleName('ok');
    expect((await call('POST', '/auth/create_role', { token: w.token, body: { name: ok, permissions: ['roles:write'] } })).status).toBe(201);
    const other = await newUser();
    expect((await call('PUT', `/auth/roles/${ok}/members/${other.userId}`, { token: w.token })).status).toBe(204);
  });

  it('cannot give a role carrying permissions they lack, nor change their own memberships', async () => {
    const fxRole = roleName('fx');
    expect((await call('POST', '/auth/create_role', { token: adminToken, body: { name: fxRole, permissions: ['fx:write'] } })).status).toBe(201);
    const w = await roleWriter();
    expectProblem(await call('PUT', `/auth/roles/${fxRole}/members/${w.user.userId}`, { token: w.token }), 403);
    const other = await newUser();
    expectProblem(await call('PUT', `/auth/roles/${fxRole}/members/${other.userId}`, { token: w.token }), 403, /you lack "fx:write"/);
    expectProblem(await call('DELETE', `/auth/roles/${w.role}/members/${w.user.userId}`, { token: w.token }), 403, /own role memberships/);
    expectProblem(await call('DELETE', `/auth/roles/user/members/${w.user.userId}`, { token: w.token }), 403, /own role memberships/);
  });

  it('an admin cannot remove themself from admin; only another holder of * can', async () => {
    const second = await newUser('Second Admin');
    expect((await call('PUT', `/auth/roles/admin/members/${second.userId}`, { token: adminToken })).status).toBe(204);
    const token = await relogin(second);
    expectProblem(await call('DELETE', `/auth/roles/admin/members/${second.userId}`, { token }), 403, /own role memberships/);
    expect((await call('GET', '/me', { token: await relogin(second) })).body.roles).toContain('admin');
    // Another admin may.
    expect((await call('DELETE', `/auth/roles/admin/members/${second.userId}`, { token: adminToken })).status).toBe(204);
  });
});

describe('GET /auth/roles', () => {
  it('needs roles:read', async () => {
    const u = await newUser();
    expectProblem(await call('GET', '/auth/roles', { token: u.accessToken }), 403, /roles:read/);
    expect((await call('GET', '/auth/roles', { token: adminToken })).status).toBe(200);
  });
});

describe('audit trail', () => {
  it('records who changed which role, when and from which request; only admins read it, newest first, paged', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    const role = roleName('aud');
    const created = await call('POST', '/auth/create_role', { token: adminToken, body: { name: role, permissions: ['users:read'] }, headers: { 'user-agent': 'attack-test/1' } });
    expect(created.status).toBe(201);
    const target = await newUser();
    const added = await call('PUT', `/auth/roles/${role}/members/${target.userId}`, { token: adminToken });
    expect(added.status).toBe(204);
    const removed = await call('DELETE', `/auth/roles/${role}/members/${target.userId}`, { token: adminToken });
    expect(removed.status).toBe(204);
    const w = await roleWriter();
    const refused = await call('PUT', `/auth/roles/admin/members/${w.user.userId}`, { token: w.token });
    expect(refused.status).toBe(403);

    const page = await call('GET', '/auth/audit?limit=100', { token: adminToken });
    expect(page.status).toBe(200);
    const mine = (page.body.items as Record<string, unknown>[]).filter((r) => r.role === role);
    expect(mine.map((r) => r.action)).toEqual(['role.member.remove', 'role.member.add', 'role.create']);
    for (const [record, answer] of [
      [mine[2], created],
      [mine[1], added],
      [mine[0], removed],
    ] as const) {
      expect(record).toMatchObject({ actorUserId: adminId, role, outcome: 'applied', permissions: ['users:read'] });
      expect(record?.requestId).toBe(answer.headers.get('x-correlation-id'));
      expect(String(record?.at) >= started).toBe(true);
      expect(record?.sourceIp).toMatch(/^127\.0\.0\.1$|^::1$|^::ffff:127\.0\.0\.1$/);
    }
    expect(mine[2]?.userAgent).toBe('attack-test/1');
    expect(mine[1]?.targetUserId).toBe(target.userId);
    expect(mine[0]?.targetUserId).toBe(target.userId);
    const attempt = (page.body.items as Record<string, unknown>[]).find((r) => r.actorUserId === w.user.userId && r.role === 'admin');
    expect(attempt).toMatchObject({ action: 'role.member.add', outcome: 'refused', targetUserId: w.user.userId });
    const times = (page.body.items as { at: string }[]).map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);

    // Paged: two pages of one follow each other without overlap.
    const first = await call('GET', '/auth/audit?limit=1', { token: adminToken });
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await call('GET', `/auth/audit?limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`, { token: adminToken });
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].at <= first.body.items[0].at).toBe(true);
    expectProblem(await call('GET', '/auth/audit?limit=1000', { token: adminToken }), 400);
    expectProblem(await call('GET', '/auth/audit?cursor=forged.cursor', { token: adminToken }), 400);

    // Not for anyone else, a roles:write holder included.
    expectProblem(await call('GET', '/auth/audit', { token: target.accessToken }), 403, /audit:read/);
    expectProblem(await call('GET', '/auth/audit', { token: w.token }), 403, /audit:read/);
  });
});
