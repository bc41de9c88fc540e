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
