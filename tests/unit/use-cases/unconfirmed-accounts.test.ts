import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Unit tests of the expiry sweep and re-registration over in-memory ports (the adapters are replaced); the attack
// test tests/e2e/attack/email.test.ts runs the same against the local cloud.
const state = vi.hoisted(() => ({
  users: new Map<string, { userId: string; username: string; status: string; createdAt: Date; email: string }>(),
  profiles: new Map<string, { confirmedAt: string | null; createdAt: string }>(),
  markers: [] as { userId: string; createdAt: string }[],
  erased: [] as string[],
  deletedUsers: [] as string[],
  confirmed: [] as string[],
  failFor: new Set<string>(),
  signUps: 0,
  resent: [] as string[],
  attempts: [] as string[],
}));

vi.mock('../../../shared/adapters/identity-provider', () => ({
  getUser: async (name: string) => {
    if (state.failFor.has(name)) throw new Error('Cognito is having a bad day');
    return [...state.users.values()].find((u) => u.userId === name || u.email === name);
  },
  deleteUser: async (username: string) => {
    state.deletedUsers.push(username);
    for (const [k, u] of state.users) if (u.username === username) state.users.delete(k);
  },
  signUp: async (email: string) => {
    state.signUps++;
    if ([...state.users.values()].some((u) => u.email === email)) {
      const { ConflictError } = await import('../../../shared/domain/errors');
      throw new ConflictError('An account with this email already exists.');
    }
    const userId = `new-${state.signUps}`;
    state.users.set(userId, { userId, username: userId, status: 'UNCONFIRMED', createdAt: new Date(), email });
    return { userId, confirmed: false };
  },
  addToGroup: async () => undefined,
  adminConfirm: async () => undefined,
  resendConfirmationCode: async (email: string) => {
    state.resent.push(email);
  },
}));
vi.mock('../../../shared/adapters/rate-limits', () => ({ hit: async () => ({ allowed: true, remaining: 1 }), release: async () => undefined }));
vi.mock('../../../shared/adapters/registration-attempts', () => ({
  recordRegistrationAttempt: async (userId: string) => {
    state.attempts.push(userId);
    return 'recorded';
  },
}));
vi.mock('../../../shared/adapters/profiles', () => ({
  getProfile: async (userId: string) => state.profiles.get(userId),
  eraseUserPartition: async (userId: string) => {
    state.erased.push(userId);
    return true;
  },
  createProfile: async () => true,
}));
vi.mock('../../../shared/adapters/unconfirmed-accounts', () => ({
  expiredMarkers: async function* () {
    yield [...state.markers];
  },
  deleteMarker: async (m: { userId: string }) => {
    state.markers = state.markers.filter((x) => x.userId !== m.userId);
  },
  markConfirmed: async (userId: string) => {
    state.confirmed.push(userId);
    return true;
  },
  unconfirmedMarker: () => ({}),
}));
vi.mock('../../../shared/use-cases/categories', () => ({ ensureDefaultCategories: async () => undefined }));

beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT', AUTO_CONFIRM: 'false' });
});

const DAY = 86400_000;
const now = new Date('2026-03-20T04:15:00Z');

function account(userId: string, status: string, ageDays: number, confirmedAt: string | null = null) {
  const createdAt = new Date(now.getTime() - ageDays * DAY);
  state.users.set(userId, { userId, username: userId, status, createdAt, email: `${userId}@example.com` });
  state.profiles.set(userId, { confirmedAt, createdAt: createdAt.toISOString() });
  state.markers.push({ userId, createdAt: createdAt.toISOString() });
}

beforeEach(() => {
  state.users.clear();
  state.profiles.clear();
  state.markers = [];
  state.erased = [];
  state.deletedUsers = [];
  state.confirmed = [];
  state.failFor.clear();
  state.signUps = 0;
  state.resent = [];
  state.attempts = [];
});

describe('the expiry sweep', () => {
  it('deletes unconfirmed accounts; one failing account does not stop the others and keeps its marker', async () => {
    const { expireUnconfirmed } = await import('../../../shared/use-cases/unconfirmed-accounts');
    account('a', 'UNCONFIRMED', 8);
    account('broken', 'UNCONFIRMED', 8);
    account('c', 'UNCONFIRMED', 9);
    state.failFor.add('broken');

    const counts = await expireUnconfirmed(now);

    expect(counts).toEqual({ expired: 2, confirmed: 0, gone: 0, failed: 1 });
    expect(state.deletedUsers.sort()).toEqual(['a', 'c']);
    expect(state.erased.sort()).toEqual(['a', 'c']);
    expect(state.markers.map((m) => m.userId)).toEqual(['broken']);
  });

  it('keeps an account Cognito shows confirmed, and records the confirmation (the welcome follows) instead', async () => {
    const { expireUnconfirmed } = await import('../../../shared/use-cases/unconfirmed-accounts');
    account('late', 'CONFIRMED', 8);
    const counts = await expireUnconfirmed(now);
    expect(counts.confirmed).toBe(1);
    expect(state.deletedUsers).toEqual([]);
    expect(state.erased).toEqual([]);
    expect(state.confirmed).toEqual(['late']);
    expect(state.markers).toEqual([]);
  });

  it('cleans up the data of an account whose Cognito user is already gone, and never a confirmed profile', async () => {
    const { expireOne } = await import('../../../shared/use-cases/unconfirmed-accounts');
    state.profiles.set('orphan', { confirmedAt: null, createdAt: now.toISOString() });
    expect(await expireOne({ userId: 'orphan', createdAt: now.toISOString() }, now)).toBe('gone');
    state.profiles.set('kept', { confirmedAt: now.toISOString(), createdAt: now.toISOString() });
    expect(await expireOne({ userId: 'kept', createdAt: now.toISOString() }, now)).toBe('gone');
    expect(state.erased).toEqual(['orphan']);
  });
});

describe('registering an address an unconfirmed account holds', () => {
  it('frees the address when that account is past its 7 days (even before the sweep)', async () => {
    const { register } = await import('../../../shared/use-cases/auth');
    account('stale', 'UNCONFIRMED', 7.1);
    const r = await register({ email: 'stale@example.com', password: 'Correct-Horse-42' }, now);
    expect(r).toMatchObject({ email: 'stale@example.com', confirmed: false });
    expect(r.userId).toBe(`new-${state.signUps}`);
    expect(state.deletedUsers).toEqual(['stale']);
    expect(state.erased).toEqual(['stale']);
  });

  it('keeps it within the 7 days (a new code to it), and when the holder is confirmed (a notice): answered like a new account', async () => {
    const { register } = await import('../../../shared/use-cases/auth');
    account('fresh', 'UNCONFIRMED', 6.9);
    account('owner', 'CONFIRMED', 30, now.toISOString());
    const held = await register({ email: 'fresh@example.com', password: 'Correct-Horse-42' }, now);
    const owned = await register({ email: 'owner@example.com', password: 'Correct-Horse-42' }, now);
    for (const [r, email] of [[held, 'fresh@example.com'], [owned, 'owner@example.com']] as const) {
      expect(Object.keys(r).sort()).toEqual(['confirmed', 'email', 'userId']);
      expect(r).toMatchObject({ email, confirmed: false });
      expect(r.userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(held.userId).not.toBe(owned.userId);
    expect(state.resent).toEqual(['fresh@example.com']);
    expect(state.attempts).toEqual(['owner']);
    expect(state.deletedUsers).toEqual([]);
    expect([...state.users.keys()].sort()).toEqual(['fresh', 'owner']);
  });
});
