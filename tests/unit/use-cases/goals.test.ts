import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '../../../shared/adapters/accounts';

// The goal use cases over in-memory ports: the cap, versions, contributions, the account decision and progress.
vi.mock('../../../shared/adapters/goals', () => import('../../support/memory/goals'));
vi.mock('../../../shared/adapters/accounts', () => import('../../support/memory/accounts'));
vi.mock('../../../shared/adapters/categories', () => import('../../support/memory/categories'));
vi.mock('../../../shared/adapters/rollups', () => import('../../support/memory/rollups'));
vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
vi.mock('../../../shared/adapters/rules', () => import('../../support/memory/rules'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));

import { ConflictError, LimitExceededError, NotFoundError, PreconditionFailedError, ValidationError } from '../../../shared/domain/errors';
import { deleteAccount } from '../../../shared/use-cases/accounts';
import * as goalPort from '../../support/memory/goals';
import * as accountPort from '../../support/memory/accounts';
import * as rollupPort from '../../support/memory/rollups';
import { addContribution, createGoal, deleteGoal, detachGoalsFollowing, getGoal, goalStatuses, listGoals, updateGoal, type GoalDeps } from '../../../shared/use-cases/goals';
import { memory as accounts } from '../../support/memory/accounts';
import { memory as categories } from '../../support/memory/categories';
import { memory as goals } from '../../support/memory/goals';
import { memory as profiles } from '../../support/memory/profiles';
import { applyOnce, memory as rollups } from '../../support/memory/rollups';

const now = new Date('2024-07-10T12:00:00Z');
const at = '2024-01-01T00:00:00.000Z';
const account = (over: Partial<AccountRecord> = {}): AccountRecord => ({
  id: 'acc1', name: 'Savings', type: 'savings', currency: 'EUR', openingBalance: 0, balances: {}, txCount: 0, archived: false, version: 1, createdAt: at, updatedAt: at, ...over,
});

/** Puts a month's rollup counters (base EUR). */
async function month(m: string, fields: Record<string, number>): Promise<void> {
  await applyOnce('u1', [`seed-${m}-${Math.random()}`], [{ key: { baseCurrency: 'EUR', month: m }, fields }], now);
}

beforeEach(() => {
  goals.reset();
  accounts.reset();
  categories.reset();
  rollups.reset();
  profiles.reset();
  profiles.profiles.set('u1', { userId: 'u1', email: 'a@b.c', username: 'a@b.c', name: null, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'Europe/Berlin', createdAt: at, updatedAt: at, version: 1, confirmedAt: at });
});

describe('goal CRUD', () => {
  it('creates a goal in the base currency by default, counted against the cap of 50', async () => {
    const g = await createGoal('u1', { name: 'Bike', targetAmount: 100_000 }, undefined, now);
    expect(g).toMatchObject({ currency: 'EUR', saved: 0, remaining: 100_000, version: 1, savedFrom: 'contributions', asOf: '2024-07-10' });
    for (let i = 1; i < 50; i++) await createGoal('u1', { name: `G${i}`, targetAmount: 1 }, undefined, now);
    await expect(createGoal('u1', { name: 'one too many', targetAmount: 1 }, undefined, now)).rejects.toBeInstanceOf(LimitExceededError);
    expect((await listGoals('u1', undefined, undefined, now)).items).toHaveLength(50);
  });

  it('refuses an unknown account, a start amount with an account, an unknown currency and a past target date', async () => {
    await expect(createGoal('u1', { name: 'x', targetAmount: 1, accountId: 'nope' }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
    accounts.reset('u1', [account()]);
    await expect(createGoal('u1', { name: 'x', targetAmount: 1, accountId: 'acc1', startAmount: 5 }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(createGoal('u1', { name: 'x', targetAmount: 1, currency: 'XYZ' }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(createGoal('u1', { name: 'x', targetAmount: 1, targetDate: '2024-07-09' }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
    // Another user's account is an unknown one.
    accounts.reset('u2', [account()]);
    await expect(createGoal('u1', { name: 'x', targetAmount: 1, accountId: 'acc1' }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
    expect(goals.goals.size).toBe(0);
  });

  it('changes and deletes at the current version only: 412 when stale, 404 when gone', async () => {
    const g = await createGoal('u1', { name: 'Bike', targetAmount: 100_000 }, undefined, now);
    const changed = await updateGoal('u1', g.id, { name: 'E-bike', targetDate: '2024-12-31' }, 1, undefined, now);
    expect(changed).toMatchObject({ name: 'E-bike', targetDate: '2024-12-31', version: 2 });
    await expect(updateGoal('u1', g.id, { name: 'again' }, 1, undefined, now)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(deleteGoal('u1', g.id, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    await deleteGoal('u1', g.id, 2);
    await expect(getGoal('u1', g.id, undefined, undefined, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateGoal('u1', g.id, { name: 'x' }, 2, undefined, now)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a day to compute progress for that is no date or leaves no 12 months of calendar before it', async () => {
    await createGoal('u1', { name: 'Bike', targetAmount: 100_000 }, undefined, now);
    await expect(listGoals('u1', '2024-02-30', undefined, now)).rejects.toBeInstanceOf(ValidationError);
    const early = await listGoals('u1', '1900-06-01', undefined, now).catch((e: unknown) => e);
    expect((early as ValidationError).errors).toEqual([{ path: 'query.asOf', message: 'must be 1901-01-01 or later' }]);
    expect((await listGoals('u1', '1901-01-01', undefined, now)).items).toHaveLength(1);
  });
});

describe('contributions', () => {
  it('move a contribution goal’s saved amount and version; a withdrawal is negative; reaching the target says so', async () => {
    const g = await createGoal('u1', { name: 'Trip', targetAmount: 50_000, startAmount: 10_000 }, undefined, now);
    await addContribution('u1', g.id, { amount: 15_000, date: '2024-07-01', note: 'June bonus' }, undefined, now);
    const after = await addContribution('u1', g.id, { amount: -5_000, date: '2024-07-02' }, undefined, now);
    expect(after.goal).toMatchObject({ saved: 20_000, percent: 40, contributionCount: 2, version: 3 });
    expect(after.goal.recentContributions.map((c) => c.amount)).toEqual([-5_000, 15_000]);
    const done = await addContribution('u1', g.id, { amount: 30_000, date: '2024-07-03' }, undefined, now);
    expect(done.goal).toMatchObject({ status: 'reached', saved: 50_000, remaining: 0 });
  });

  it('are refused on a goal that follows an account (409), a missing goal (404) and a date after tomorrow (400)', async () => {
    accounts.reset('u1', [account()]);
    const tied = await createGoal('u1', { name: 'Tied', targetAmount: 1_000, accountId: 'acc1' }, undefined, now);
    await expect(addContribution('u1', tied.id, { amount: 1, date: '2024-07-01' }, undefined, now)).rejects.toBeInstanceOf(ConflictError);
    await expect(addContribution('u1', 'missing', { amount: 1, date: '2024-07-01' }, undefined, now)).rejects.toBeInstanceOf(NotFoundError);
    const free = await createGoal('u1', { name: 'Free', targetAmount: 1_000 }, undefined, now);
    await expect(addContribution('u1', free.id, { amount: 1, date: '2024-07-12' }, undefined, now)).rejects.toBeInstanceOf(ValidationError);
  });

  it('none is lost when two race: the loser re-reads and applies on the new version', async () => {
    const g = await createGoal('u1', { name: 'Race', targetAmount: 1_000 }, undefined, now);
    await Promise.all([1, 2, 3, 4].map((n) => addContribution('u1', g.id, { amount: n, date: '2024-07-01' }, undefined, now)));
    expect(await getGoal('u1', g.id, undefined, undefined, now)).toMatchObject({ saved: 10, contributionCount: 4, version: 5 });
  });
});

describe('progress over the rollups', () => {
  it('an account goal follows the balance, its history is the account’s monthly flow, and a cut in dining closes the gap', async () => {
    // Prepare: 2,000.00 a month stayed in the account from January to June (income 3,000, restaurants 1,000)
    accounts.reset('u1', [account({ balances: { EUR: 1_200_000 } })]);
    for (const m of ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']) {
      await month(m, { inc: 300_000, exp: 100_000, 'a:acc1': 200_000, 'ce:food.restaurants': 80_000, 'ce:housing.rent': 20_000 });
    }
    // Act: 27,000.00 by December: 15,000.00 left over 6 months is 2,500.00 a month, 500.00 more than the pace
    const g = await createGoal('u1', { name: 'Car', targetAmount: 2_700_000, accountId: 'acc1', targetDate: '2024-12-31' }, undefined, now);
    // Assess
    expect(g).toMatchObject({ savedFrom: 'account', saved: 1_200_000, requiredMonthly: 250_000, averageMonthly: 200_000, status: 'off_track' });
    expect(g.feasibility).toMatchObject({ probability: 0, method: 'deterministic', basis: { source: 'account-flow', count: 6, figures: Array(6).fill(200_000) } });
    expect(g.suggestion).toMatchObject({ monthlyGap: 50_000, totalCut: 50_000, closesGap: true, cuts: [{ categoryId: 'food.restaurants', median: 80_000, cut: 50_000, newMonthly: 30_000 }] });
    // A target the pace reaches exactly is on track with probability 1 and needs no cut.
    const reachable = await updateGoal('u1', g.id, { targetAmount: 2_400_000 }, 1, undefined, now);
    expect(reachable).toMatchObject({ status: 'on_track', feasibility: { probability: 1 }, suggestion: null, projectedCompletion: '2024-12-31' });
  });

  it('a goal in another currency than the base has no usable account history, and says why', async () => {
    accounts.reset('u1', [account({ currency: 'USD', openingBalance: 500 })]);
    await month('2024-06', { 'a:acc1': 1_000 });
    const g = await createGoal('u1', { name: 'Dollars', targetAmount: 10_000, currency: 'USD', accountId: 'acc1', targetDate: '2025-01-31' }, undefined, now);
    expect(g).toMatchObject({ saved: 500, averageMonthly: null, feasibility: { probability: null, basis: { reason: expect.stringContaining('base currency EUR') } }, suggestion: null });
  });

  it('goalStatuses gives the alerts consumer each goal’s status as of a day', async () => {
    const g = await createGoal('u1', { name: 'Trip', targetAmount: 1_000, startAmount: 1_000 }, undefined, now);
    const other = await createGoal('u1', { name: 'Late', targetAmount: 1_000, targetDate: '2024-08-31' }, undefined, new Date(now.getTime() + 1000));
    const rows = await goalStatuses('u1', '2024-09-01');
    expect(rows).toEqual([
      { goalId: g.id, name: 'Trip', status: 'reached', saved: 1_000, targetAmount: 1_000, currency: 'EUR', percent: 100, targetDate: null, projectedCompletion: null },
      { goalId: other.id, name: 'Late', status: 'off_track', saved: 0, targetAmount: 1_000, currency: 'EUR', percent: 0, targetDate: '2024-08-31', projectedCompletion: null },
    ]);
  });

  it('goalStatuses gives the figures GET /goals gives, reading no categories, and rollups only for a goal that follows an account', async () => {
    const reads: string[] = [];
    const counted = (name: string, f: (...a: never[]) => unknown) => (...a: never[]) => (reads.push(name), f(...a));
    const deps: GoalDeps = {
      goals: goalPort,
      listAccounts: counted('accounts', accountPort.listAccounts) as GoalDeps['listAccounts'],
      getAccount: accountPort.getAccount,
      getProfile: counted('profile', async () => ({ baseCurrency: 'EUR', timezone: 'UTC' })) as GoalDeps['getProfile'],
      rollupRange: counted('rollups', rollupPort.rollupRange) as GoalDeps['rollupRange'],
      listCategories: counted('categories', async () => []) as GoalDeps['listCategories'],
    };
    expect(await goalStatuses('u1', '2024-09-01', deps)).toEqual([]);
    expect(reads).toEqual([]);
    await createGoal('u1', { name: 'Trip', targetAmount: 5_000, startAmount: 1_000, targetDate: '2025-06-30' }, deps, now);
    reads.length = 0;
    await goalStatuses('u1', '2024-09-01', deps);
    expect(reads).toEqual(['profile']);
    accounts.reset('u1', [account({ openingBalance: 2_000 })]);
    for (const m of ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07']) await month(m, { 'a:acc1': 400 });
    await createGoal('u1', { name: 'Bike', targetAmount: 9_000, accountId: 'acc1', targetDate: '2025-03-31' }, deps, now);
    reads.length = 0;
    const rows = await goalStatuses('u1', '2024-09-01', deps);
    expect(reads.sort()).toEqual(['accounts', 'profile', 'rollups']);
    reads.length = 0;
    expect(await goalStatuses('u1', '2024-09-01', deps, { baseCurrency: 'EUR', timezone: 'UTC' })).toEqual(rows);
    expect(reads.sort()).toEqual(['accounts', 'rollups']); // the profile the caller already has is not read again
    const views = (await listGoals('u1', '2024-09-01', deps)).items;
    expect(rows).toEqual(views.map((v) => ({ goalId: v.id, name: v.name, status: v.status, saved: v.saved, targetAmount: v.targetAmount, currency: v.currency, percent: v.percent, targetDate: v.targetDate, projectedCompletion: v.projectedCompletion })));
    expect(rows.map((r) => r.name).sort()).toEqual(['Bike', 'Trip']);
  });
});

describe('deleting an account a goal follows', () => {
  it('is refused with 409 naming the goal; once the goal is detached the account goes', async () => {
    accounts.reset('u1', [account()]);
    const g = await createGoal('u1', { name: 'House', targetAmount: 1_000, accountId: 'acc1' }, undefined, now);
    const refused = await deleteAccount('u1', 'acc1', 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toContain(`"House" (${g.id})`);
    expect(accounts.accounts.size).toBe(1);
    await expect(deleteAccount('u1', 'acc1', 7)).rejects.toBeInstanceOf(PreconditionFailedError);
    await updateGoal('u1', g.id, { accountId: null }, 1, undefined, now);
    await deleteAccount('u1', 'acc1', 1);
    expect(accounts.accounts.size).toBe(0);
  });

  it('a goal written for it while it is deleted does not stay: the goal side removes its own goal and answers 400', async () => {
    // Prepare: the account exists when the goal checks it, and is gone by the time the goal is written
    accounts.reset('u1', [account()]);
    let reads = 0;
    const deps: GoalDeps = {
      goals: goalPort,
      listAccounts: accountPort.listAccounts,
      getAccount: async (userId, id) => (reads++ === 0 ? accountPort.getAccount(userId, id) : undefined),
      getProfile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC' }),
      rollupRange: rollupPort.rollupRange,
      listCategories: async () => [],
    };
    // Act
    const refused = await createGoal('u1', { name: 'Late', targetAmount: 1, accountId: 'acc1' }, deps, now).catch((e: unknown) => e);
    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect(goals.goals.size).toBe(0);
  });

  it('the account side detaches any goal that slipped in before its delete', async () => {
    goals.reset('u1', []);
    const g = await createGoal('u1', { name: 'Slipped', targetAmount: 1_000 }, undefined, now);
    const stored = goals.goals.get(`u1/${g.id}`);
    if (!stored) throw new Error('no goal');
    goals.goals.set(`u1/${g.id}`, { ...stored, accountId: 'gone' });
    await detachGoalsFollowing('u1', 'gone', undefined, now);
    expect(goals.goals.get(`u1/${g.id}`)).toMatchObject({ accountId: null, version: 2 });
  });
});
