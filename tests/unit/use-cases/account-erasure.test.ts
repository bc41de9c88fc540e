import { beforeEach, describe, expect, it, vi } from 'vitest';

// Unit tests of account erasure over in-memory ports: the user's data (tests/support/memory/profiles.ts), the queue
// (memory/queue.ts), and small fakes of sessions, the identity provider and the limited sign-in.
const fake = vi.hoisted(() => ({
  signedInAt: new Map<string, Date>(),
  revoked: [] as string[],
  deletedUsers: [] as string[],
  revokedRefresh: [] as string[],
  passwords: new Map<string, { password: string; sub: string }>(),
}));

vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
vi.mock('../../../shared/adapters/imports', async () => {
  const { memory } = await import('../../support/memory/profiles');
  return { importIdsOf: async (userId: string) => [...memory.partitions.keys()].filter((k) => k.startsWith(`${userId}/`)).map((k) => k.slice(userId.length + 1)) };
});
vi.mock('../../../shared/adapters/sessions', () => ({
  signedInAt: async (jti: string) => fake.signedInAt.get(jti),
  revokeAllSessions: async (userId: string) => {
    fake.revoked.push(userId);
    return 1;
  },
}));
vi.mock('../../../shared/adapters/identity-provider', () => ({
  deleteUser: async (username: string) => void fake.deletedUsers.push(username),
  revokeRefreshToken: async (token: string) => void fake.revokedRefresh.push(token),
}));
vi.mock('../../../shared/use-cases/sign-in-limit', async () => {
  const { UnauthorizedError } = await import('../../../shared/domain/errors');
  const token = (sub: string) => `h.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.s`;
  return {
    passwordLoginLimited: async (email: string, password: string) => {
      const account = fake.passwords.get(email);
      if (!account || account.password !== password) throw new UnauthorizedError('Incorrect email or password.');
      return { accessToken: token(account.sub), refreshToken: `refresh-${account.sub}`, idToken: 'id', expiresIn: 3600 };
    },
  };
});

import { ForbiddenError } from '../../../shared/domain/errors';
import type { ProfileRecord } from '../../../shared/domain/profile';
import { assertRecentAuthentication, continueErasure, deleteMe, ERASURE_SETTLE_SECONDS } from '../../../shared/use-cases/account-deletion';
import { memory as data } from '../../support/memory/profiles';
import { memory as queue } from '../../support/memory/queue';

const now = new Date('2024-06-01T12:00:00Z');
const caller = { userId: 'u1', username: 'ann', tokenId: 'jti-1', groups: [], expiresAt: 0 };
const profile = { userId: 'u1', email: 'ann@example.com', username: 'ann-cognito' } as ProfileRecord;

beforeEach(() => {
  data.reset();
  queue.reset();
  fake.signedInAt = new Map();
  fake.revoked = [];
  fake.deletedUsers = [];
  fake.revokedRefresh = [];
  fake.passwords = new Map([['ann@example.com', { password: 'right', sub: 'u1' }], ['bob@example.com', { password: 'bobs', sub: 'u2' }]]);
  data.profiles.set('u1', profile);
});

describe('deleteMe', () => {
  it('revokes the sessions, marks the account erased with its event, deletes the sign-in and erases every partition', async () => {
    // Prepare: two imports' row partitions and the user's own partition; another user's data beside them
    data.partitions = new Map([['u1/i1', 40], ['u1/i2', 3], ['u1', 120], ['u2', 10]]);

    // Act
    const r = await deleteMe(caller, now);

    // Assess
    expect(r).toEqual({ done: true });
    expect(fake.revoked).toEqual(['u1']);
    expect(data.erased.get('u1')?.events.map((e) => [e.type, e.data])).toEqual([['AccountErasureRequested', { userId: 'u1' }]]);
    expect(fake.deletedUsers).toEqual(['ann-cognito']);
    expect([...data.partitions]).toEqual([['u2', 10]]);
    expect(data.profiles.has('u1')).toBe(false);
    expect(queue.published).toEqual([]);
  });

  it('leaves a ledger too large for its budget to the worker, which re-queues itself until nothing is left', async () => {
    // Prepare: the budget is spent at once, so each pass deletes one page
    data.partitions = new Map([['u1', 1200]]);
    data.perPass = 500;
    data.outOfTime = true;

    // Act + Assess: DELETE /me deletes a first page, then each worker pass another, re-queueing while data is left
    expect(await deleteMe(caller, now)).toEqual({ done: false });
    expect(data.partitions.get('u1')).toBe(700);
    expect(await continueErasure('u1', now)).toBe(false);
    expect(queue.typesOn('ledger-jobs')).toEqual(['AccountErasureRequested']);
    expect(await continueErasure('u1', now)).toBe(true);
    expect(data.partitions.size).toBe(0);
    // Done: one settle pass is queued for later (the re-queued pass before it carried no delay)
    expect(queue.published.map((p) => [p.event.type, p.event.data, p.delaySeconds])).toEqual([
      ['AccountErasureRequested', { userId: 'u1' }, 0],
      ['AccountErasureRequested', { userId: 'u1', settle: true }, ERASURE_SETTLE_SECONDS],
    ]);
  });

  it('deletes in its settle pass what a consumer wrote after the partition was emptied, and queues nothing more', async () => {
    // Prepare: the account is emptied; then a consumer that read the account as not erased lands one more item
    await deleteMe(caller, now);
    expect(await continueErasure('u1', now)).toBe(true);
    queue.reset();
    data.partitions = new Map([['u1', 1]]);

    // Act: the settle pass, 15 minutes later
    expect(await continueErasure('u1', now, true)).toBe(true);

    // Assess: the late item is gone and the erasure ends there
    expect(data.partitions.size).toBe(0);
    expect(queue.published).toEqual([]);
  });

  it('keeps a settle pass that runs out of time a settle pass (no second delay)', async () => {
    data.partitions = new Map([['u1', 1200]]);
    data.perPass = 500;
    data.outOfTime = true;
    expect(await continueErasure('u1', now, true)).toBe(false);
    expect(queue.published.map((p) => [p.event.data, p.delaySeconds])).toEqual([[{ userId: 'u1', settle: true }, 0]]);
  });
});

describe('assertRecentAuthentication', () => {
  it('accepts a sign-in within 5 minutes without the password', async () => {
    fake.signedInAt.set('jti-1', new Date(now.getTime() - 60_000));
    await expect(assertRecentAuthentication(caller, undefined, now)).resolves.toBeUndefined();
  });

  it('asks for the password after 5 minutes, and refuses a wrong one', async () => {
    fake.signedInAt.set('jti-1', new Date(now.getTime() - 301_000));
    await expect(assertRecentAuthentication(caller, undefined, now)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assertRecentAuthentication(caller, 'wrong', now)).rejects.toThrow(/password is incorrect/);
  });

  it("accepts the caller's own password and drops the refresh token that sign-in made", async () => {
    await expect(assertRecentAuthentication(caller, 'right', now)).resolves.toBeUndefined();
    expect(fake.revokedRefresh).toEqual(['refresh-u1']);
  });

  it("refuses another account's password (the sign-in proves someone else)", async () => {
    data.profiles.set('u1', { ...profile, email: 'bob@example.com' });
    await expect(assertRecentAuthentication(caller, 'bobs', now)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
