import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser } from '../support/api';
import type { ConsumedCapacityRecord } from '../../shared/adapters/dynamo';

/**
 * GET /dashboard's use case over the real adapters, each DynamoDB call it makes seen on the consumed-capacity channel:
 * every kind of item is read once per request, however many sections show it (the categories name the budgets',
 * goals', summary's and trend's rows; the monthly rollups feed five sections from one Query).
 */
const cloud = inject('cloud');
const seen: ConsumedCapacityRecord[] = [];
const listener = (m: unknown) => void seen.push(m as ConsumedCapacityRecord);

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL', REPORT_CONSUMED_CAPACITY: 'true' });
});

/** What a Query read: the sort-key prefix or range start of its key condition, without ids. */
function readOf(r: ConsumedCapacityRecord): string {
  const values = Object.values((r.input.ExpressionAttributeValues ?? {}) as Record<string, unknown>).map(String);
  const sk = values.find((v) => /^[A-Z]+#/.test(v) && !v.startsWith('USER#')) ?? values.find((v) => v.endsWith('#ALERTS')) ?? '?';
  return `${String(r.input.IndexName ?? 'table')} ${sk.split('#')[0]}`;
}

describe('the dashboard’s reads', () => {
  it('queries each kind of item once per request: categories, rollups, budgets, goals, accounts, advice, recurring', async () => {
    const { resetConfig } = await import('../../shared/config');
    resetConfig();
    const { CONSUMED_CAPACITY_CHANNEL } = await import('../../shared/adapters/dynamo');
    const { dashboard } = await import('../../shared/use-cases/dashboard');
    const u = await newUser('Dashboard reads');
    const month = new Date().toISOString().slice(0, 7);
    const tx = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 1234, currency: 'EUR', date: `${month}-01`, description: 'Bakery', categoryId: 'food.groceries' } });
    expect(tx.status, tx.text).toBe(201);
    await eventually(async () => ((await call('GET', `/analytics/summary?month=${month}`, { token: u.accessToken })).body.expenses === 1234 ? true : undefined), 30_000, 'the expense counted');
    await call('POST', '/budgets', { token: u.accessToken, body: { name: 'All', period: 'monthly', amount: 100_000 } });

    subscribe(CONSUMED_CAPACITY_CHANNEL, listener);
    const d = await dashboard({ userId: u.userId, username: u.userId, tokenId: 't', groups: [] }, undefined);
    unsubscribe(CONSUMED_CAPACITY_CHANNEL, listener);

    expect(d.failures).toEqual([]);
    expect(d.summary?.expenses).toBe(1234);
    const queries = seen.filter((r) => r.command === 'QueryCommand').map(readOf);
    const count = (what: string) => queries.filter((q) => q === what).length;
    for (const kind of ['CATEGORY', 'ROLLUP', 'BUDGET', 'GOAL', 'ACCOUNT', 'ADVICE', 'RECURRING']) expect(count(`table ${kind}`), `${kind} in ${queries.join(', ')}`).toBe(1);
  });
});
