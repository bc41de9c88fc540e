import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';

// The categoriser consumer over the in-memory model store: what it learns from (user and file categories, never its
// own predictions or rules'), corrections, and exactness under duplicate and reordered delivery.
vi.mock('../../../shared/adapters/category-model', () => import('../../support/memory/category-model'));

import { featuresOf, modelSize, predictLearned, type CategoryModel } from '../../../shared/domain/categorise';
import { learnFromEvents } from '../../../shared/use-cases/categoriser';
import { memory } from '../../support/memory/category-model';

type Source = 'user' | 'rule' | 'model' | 'import' | null;

function snap(id: string, version: number, categoryId: string | null, categorySource: Source, description = `Shop ${id}`): TransactionSnapshot {
  return {
    id, userId: 'u1', type: 'expense', amount: 1200, currency: 'EUR', date: '2024-03-05', description, categoryId, accountId: 'a1', toAccountId: null,
    splits: null, tags: [], baseAmount: 1200, baseCurrency: 'EUR', fxStatus: 'converted', version, categorySource,
  };
}

let n = 0;
function msg(type: 'TransactionRecorded' | 'TransactionUpdated' | 'TransactionDeleted', before: TransactionSnapshot | null, after: TransactionSnapshot | null): SQSRecord {
  const t = (after ?? before) as TransactionSnapshot;
  const id = `${t.id}@${t.version}${type === 'TransactionDeleted' ? '-deleted' : ''}`;
  const data = { userId: 'u1', transactionId: t.id, before, after };
  return { messageId: `m${++n}`, body: JSON.stringify({ id, type, version: 1, occurredAt: '2024-03-05T00:00:00Z', data }), attributes: {} } as unknown as SQSRecord;
}

const model = (): CategoryModel => JSON.parse(memory.models.get('u1')?.json ?? '{"v":1,"cats":[],"docs":[],"feats":{}}') as CategoryModel;
const docsOf = (m: CategoryModel, c: string) => m.docs[m.cats.indexOf(c)] ?? 0;

beforeEach(() => memory.reset());

describe('categoriser consumer', () => {
  it('learns from categories the user or their file set, not from rules or its own predictions', async () => {
    const out = await learnFromEvents([
      msg('TransactionRecorded', null, snap('t1', 1, 'food', 'user')),
      msg('TransactionRecorded', null, snap('t2', 1, 'fuel', 'import')),
      msg('TransactionRecorded', null, snap('t3', 1, 'rent', 'rule')),
      msg('TransactionRecorded', null, snap('t4', 1, 'fun', 'model')),
      msg('TransactionRecorded', null, snap('t5', 1, null, null)),
    ]);
    expect(out.batchItemFailures).toEqual([]);
    const m = model();
    expect(modelSize(m)).toBe(2);
    expect(m.cats.sort()).toEqual(['food', 'fuel']);
  });

  it('counts an event delivered twice (in one batch or in two) once', async () => {
    const e = msg('TransactionRecorded', null, snap('t1', 1, 'food', 'user'));
    await learnFromEvents([e, e]);
    await learnFromEvents([e]);
    expect(modelSize(model())).toBe(1);
  });

  it('learns from a correction: the old label is taken back, the new one added', async () => {
    const v1 = snap('t1', 1, 'fun', 'model', 'NETFLIX.COM');
    const v2 = snap('t1', 2, 'streaming', 'user', 'NETFLIX.COM');
    await learnFromEvents([msg('TransactionRecorded', null, v1)]);
    await learnFromEvents([msg('TransactionUpdated', v1, v2)]);
    const m = model();
    expect(docsOf(m, 'streaming')).toBe(1);
    expect(predictLearned(m, { type: 'expense', amount: 999, description: 'Netflix.com' })?.categoryId).toBe('streaming');
    const u1 = snap('t9', 1, 'a', 'user');
    const u2 = snap('t9', 2, 'b', 'user');
    await learnFromEvents([msg('TransactionRecorded', null, u1)]);
    await learnFromEvents([msg('TransactionUpdated', u1, u2)]);
    expect(docsOf(model(), 'a')).toBe(0);
    expect(docsOf(model(), 'b')).toBe(1);
  });

  it('ignores an older event delivered after a newer one, and a delete takes the label back for good', async () => {
    const v1 = snap('t1', 1, 'a', 'user');
    const v2 = snap('t1', 2, 'b', 'user');
    await learnFromEvents([msg('TransactionUpdated', v1, v2)]);
    await learnFromEvents([msg('TransactionRecorded', null, v1)]);
    expect(docsOf(model(), 'a')).toBe(0);
    expect(docsOf(model(), 'b')).toBe(1);
    await learnFromEvents([msg('TransactionDeleted', v2, null)]);
    await learnFromEvents([msg('TransactionUpdated', v1, v2)]);
    expect(modelSize(model())).toBe(0);
  });

  it('whatever the order and repetition of a history, the model equals learning its final state once', async () => {
    const history = [snap('t1', 1, 'a', 'user', 'Alpha Shop'), snap('t1', 2, 'b', 'user', 'Alpha Shop'), snap('t1', 3, 'b', 'user', 'Beta Market'), snap('t1', 4, 'c', 'rule', 'Beta Market')];
    const events = history.map((s, i) => msg(i === 0 ? 'TransactionRecorded' : 'TransactionUpdated', history[i - 1] ?? null, s));
    const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2, 3, 1], [2, 0, 0, 3]];
    for (const order of orders) {
      memory.reset();
      for (const i of order) await learnFromEvents([events[i] as SQSRecord]);
      expect(modelSize(model()), order.join()).toBe(0);
    }
    // Without the rule at the end the final label is b on "Beta Market".
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0, 2]]) {
      memory.reset();
      for (const i of order) await learnFromEvents([events[i] as SQSRecord]);
      const m = model();
      expect(modelSize(m), order.join()).toBe(1);
      expect(Object.keys(m.feats).sort()).toEqual(featuresOf(history[2] as TransactionSnapshot).sort());
    }
  });

  it('drops an erased user\'s events (the model is not brought back)', async () => {
    memory.erased.add('u1');
    const out = await learnFromEvents([msg('TransactionRecorded', null, snap('t1', 1, 'a', 'user'))]);
    expect(out.batchItemFailures).toEqual([]);
    expect(memory.models.has('u1')).toBe(false);
  });

  it('reports a poison message as a failure and learns the rest', async () => {
    const bad = { messageId: 'bad', body: '{"nope":1}', attributes: {} } as unknown as SQSRecord;
    const out = await learnFromEvents([bad, msg('TransactionRecorded', null, snap('t1', 1, 'a', 'user'))]);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
    expect(modelSize(model())).toBe(1);
  });
});

/** `msg` for another user (the event's user id is the one read). */
function userMsg(userId: string, record: SQSRecord): SQSRecord {
  const body = JSON.parse(record.body) as { data: { userId: string } };
  body.data.userId = userId;
  return { ...record, messageId: `${userId}-${record.messageId}`, body: JSON.stringify(body) };
}

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('categoriser consumer: events that change nothing it learns', () => {
  const edit = (s: TransactionSnapshot, version: number, changes: Partial<TransactionSnapshot>): TransactionSnapshot => ({ ...s, ...changes, version });

  it('an edit of the date, tags or amount within its bucket, a rule relabelling a rule’s transaction and the delete of an untaught one write and read nothing', async () => {
    const v1 = snap('t1', 1, 'food', 'user', 'Alpha Shop');
    const r1 = snap('t2', 1, 'rent', 'rule', 'Landlord');
    await learnFromEvents([msg('TransactionRecorded', null, v1), msg('TransactionRecorded', null, r1)]);
    expect(memory.saves).toBe(1);
    const v2 = edit(v1, 2, { date: '2024-03-06', tags: ['x'], amount: 1250, baseAmount: 1250 });
    const r2 = edit(r1, 2, { categoryId: 'housing' });
    const out = await learnFromEvents([msg('TransactionUpdated', v1, v2), msg('TransactionUpdated', r1, r2), msg('TransactionDeleted', r2, null)]);
    expect(out.batchItemFailures).toEqual([]);
    expect(memory.saves).toBe(1);
    // A change of what it teaches is still learned.
    await learnFromEvents([msg('TransactionUpdated', v2, edit(v2, 3, { categoryId: 'groceries' }))]);
    expect(memory.saves).toBe(2);
    expect(model().cats.filter((c) => docsOf(model(), c) > 0)).toEqual(['groceries']);
  });

  it('with such events in the history, any order, repetition and batching ends as learning the final state once', async () => {
    const h = [snap('t1', 1, 'a', 'user', 'Alpha Shop')];
    const at = (i: number) => h[i] as TransactionSnapshot;
    h.push(edit(at(0), 2, { tags: ['t'] })); // no-op
    h.push(edit(at(1), 3, { categoryId: 'b' }));
    h.push(edit(at(2), 4, { amount: 1300, baseAmount: 1300 })); // no-op (same bucket)
    h.push(edit(at(3), 5, { description: 'Beta Market' }));
    h.push(edit(at(4), 6, { categorySource: 'rule', categoryId: 'c' }));
    h.push(edit(at(5), 7, { categoryId: 'd' })); // no-op (a rule's label)
    const events = h.map((s, i) => msg(i === 0 ? 'TransactionRecorded' : 'TransactionUpdated', h[i - 1] ?? null, s));
    const deleted = msg('TransactionDeleted', at(6), null); // no-op (taught nothing)
    const cases: { events: SQSRecord[]; taught: TransactionSnapshot | null }[] = [
      { events: [...events, deleted], taught: null },
      { events: events.slice(0, 5), taught: at(4) },
      { events: events.slice(0, 4), taught: at(3) },
    ];
    for (const c of cases) {
      for (let seed = 1; seed <= 60; seed++) {
        memory.reset();
        const order = shuffled([...c.events, ...c.events.slice(0, seed % c.events.length)], seed);
        for (let i = 0; i < order.length; i += 1 + (seed % 3)) await learnFromEvents(order.slice(i, i + 1 + (seed % 3)));
        const m = model();
        expect(modelSize(m), `seed ${seed}`).toBe(c.taught ? 1 : 0);
        if (c.taught) expect(Object.keys(m.feats).sort(), `seed ${seed}`).toEqual(featuresOf(c.taught).sort());
        if (c.taught) expect(docsOf(m, c.taught.categoryId as string), `seed ${seed}`).toBe(1);
      }
    }
  });

  it('one user’s failed write fails only that user’s messages', async () => {
    memory.failing.add('bad');
    const good = [msg('TransactionRecorded', null, snap('t1', 1, 'a', 'user'))];
    const bad = [userMsg('bad', msg('TransactionRecorded', null, snap('t2', 1, 'b', 'user'))), userMsg('bad', msg('TransactionRecorded', null, snap('t3', 1, 'b', 'user')))];
    const out = await learnFromEvents([bad[0] as SQSRecord, ...good, bad[1] as SQSRecord]);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(bad.map((m) => m.messageId).sort());
    expect(modelSize(model())).toBe(1);
  });
});
