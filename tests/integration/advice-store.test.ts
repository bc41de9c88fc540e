import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdviceRecord } from '../../shared/domain/advice/store';

/**
 * The advice store's conditions against DynamoDB Local: the per-user debounce arms one recompute for a burst of
 * concurrent events (and again once it is due), and a recompute never reopens a dismissed advice.
 */
const cloud = inject('cloud');

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

const record = (id: string, observed: number): AdviceRecord => ({
  id,
  kind: 'category.above_baseline',
  subject: 'food',
  fingerprint: '2026-07',
  title: 'food: spending above your usual',
  message: 'm',
  impact: { monthly: observed - 100, currency: 'EUR' },
  evidence: { window: { from: '2026-01', to: '2026-07' }, baseline: 100, observed, threshold: 130, transactionIds: [], method: 'median', modelVersion: 'advice-rules-1' },
  status: 'open',
  createdAt: '2026-07-20T00:00:00.000Z',
  updatedAt: '2026-07-20T00:00:00.000Z',
});

describe('advice store (DynamoDB Local)', () => {
  it('an advice read back is the same as the draft it was written from, so a recompute with nothing new writes nothing', async () => {
    const store = await import('../../shared/adapters/advice');
    const { sameAdvice } = await import('../../shared/domain/advice/store');
    const userId = `adv-${randomUUID()}`;
    // Evidence with nested members and details, as the rules build it; an absent action.
    const draft = { ...record('same', 180), evidence: { ...record('same', 180).evidence, transactionIds: ['t2', 't1'], details: { categoryId: 'food', months: [{ month: '2026-06', spent: 90 }, { month: '2026-05', spent: 110 }] } }, action: undefined };
    expect(await store.putOpenAdvice(userId, draft)).toBe(true);
    const [stored] = await store.listAdvice(userId);
    expect(stored && sameAdvice(stored, draft)).toBe(true);
    expect(stored && sameAdvice(stored, { ...draft, evidence: { ...draft.evidence, observed: 181 } })).toBe(false);
    expect(stored && sameAdvice(stored, { ...draft, evidence: { ...draft.evidence, transactionIds: ['t1', 't2'] } })).toBe(false);
  });

  it('a burst of 20 concurrent events arms one recompute; the latest event is noted; once due, the next event arms again', async () => {
    const store = await import('../../shared/adapters/advice');
    const userId = `adv-${randomUUID()}`;
    const now = new Date();
    const due = new Date(now.getTime() + 1000);
    const armed = await Promise.all(Array.from({ length: 20 }, (_, i) => store.armRecompute(userId, `e${i}`, now, due)));
    expect(armed.filter(Boolean)).toHaveLength(1);
    await store.armRecompute(userId, 'last', new Date(now.getTime() + 500), due);
    expect(await store.lastNotedEvent(userId)).toBe('last');
    expect(await store.armRecompute(userId, 'later', new Date(now.getTime() + 1500), new Date(now.getTime() + 2500))).toBe(true);
  });

  it('the marker read shows an armed recompute; a note is written only while it is not yet due', async () => {
    const store = await import('../../shared/adapters/advice');
    const userId = `adv-${randomUUID()}`;
    const now = new Date();
    expect(await store.recomputeMark(userId)).toBeUndefined();
    expect(await store.noteEvent(userId, 'e0', now)).toBe(false);
    expect(await store.recomputeMark(userId)).toBeUndefined();
    expect(await store.armRecompute(userId, 'e1', now, new Date(now.getTime() + 1000))).toBe(true);
    expect(await store.recomputeMark(userId)).toEqual({ dueAt: new Date(now.getTime() + 1000).toISOString(), lastEventId: 'e1' });
    expect(await store.noteEvent(userId, 'e2', new Date(now.getTime() + 500))).toBe(true);
    expect(await store.lastNotedEvent(userId)).toBe('e2');
    expect(await store.noteEvent(userId, 'e3', new Date(now.getTime() + 1500))).toBe(false);
    expect(await store.lastNotedEvent(userId)).toBe('e2');
  });

  it('an erased account’s late events arm nothing and write nothing in its partition', async () => {
    const store = await import('../../shared/adapters/advice');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const userId = `adv-${randomUUID()}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.erased(userId), at: new Date().toISOString() } }));
    expect(await store.armRecompute(userId, 'late', new Date(), new Date(Date.now() + 1000))).toBe(false);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.adviceMark(userId) }))).Item).toBeUndefined();
  });

  it('a dismissed advice is never overwritten by a recompute; an open one is updated', async () => {
    const store = await import('../../shared/adapters/advice');
    const userId = `adv-${randomUUID()}`;
    expect(await store.putOpenAdvice(userId, record('a1', 200))).toBe(true);
    expect(await store.putOpenAdvice(userId, record('a1', 250))).toBe(true);
    expect((await store.getAdvice(userId, 'a1'))?.evidence.observed).toBe(250);
    expect((await store.updateAdvice(userId, 'a1', { useful: false, status: 'dismissed' }, new Date()))?.status).toBe('dismissed');
    expect(await store.putOpenAdvice(userId, record('a1', 300))).toBe(false);
    await store.deleteOpenAdvice(userId, 'a1');
    expect(await store.getAdvice(userId, 'a1')).toMatchObject({ status: 'dismissed', useful: false, evidence: { observed: 250 } });
    expect(await store.updateAdvice(`adv-${randomUUID()}`, 'a1', { useful: true }, new Date())).toBeUndefined();
  });
});
