import { describe, expect, it } from 'vitest';
import { call, newUser, type TestUser } from '../support/api';

// Transactions written before gsi5 (dates) and gsi6 (categories), both keyed on the item's own attributes, carry
// index keys of their own: gsi1pk/gsi1sk, gsi4pk/gsi4sk, or on older ones gsi2pk/gsi2sk. Nothing reads those copies;
// `npm run migrate-index-keys` removes the keys. The by-category readers find every transaction before and after.

const STALE = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi4pk', 'gsi4sk'];

async function adapters() {
  const keys = await import('../../shared/adapters/keys');
  const { db, tableName } = await import('../../shared/adapters/dynamo');
  const { GetCommand, PutCommand, QueryCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { transactionIdsInCategory } = await import('../../shared/adapters/categories');
  const { categoryTransactionIds } = await import('../../shared/adapters/advice');
  const { categoryExpenseAmounts } = await import('../../shared/adapters/alerts');
  const { migrateIndexKeys, defaultDeps } = await import('../../infra/ops/migrate-index-keys');
  const { removeIndexKeys } = await import('../../shared/adapters/index-key-migration');
  const item = async (userId: string, id: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: keys.transaction(userId, id), ConsistentRead: true }))).Item ?? {};
  const setKeys = (userId: string, id: string, values: Record<string, string>) =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.transaction(userId, id),
        UpdateExpression: `SET ${Object.keys(values).map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(Object.keys(values).map((a, i) => [`#a${i}`, a])),
        ExpressionAttributeValues: Object.fromEntries(Object.values(values).map((v, i) => [`:v${i}`, v])),
      }),
    );
  const inIndex = async (index: string, pkName: string, pk: string) =>
    (await db().send(new QueryCommand({ TableName: tableName(), IndexName: index, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': pkName }, ExpressionAttributeValues: { ':p': pk } }))).Items?.length ?? 0;
  return { keys, db, tableName, PutCommand, item, setKeys, inIndex, transactionIdsInCategory, categoryTransactionIds, categoryExpenseAmounts, migrateIndexKeys, defaultDeps, removeIndexKeys };
}

type Adapters = Awaited<ReturnType<typeof adapters>>;

/** Four expenses in one new category, dated 2024-05-02: one as written now, three in the older forms. */
async function ledgerOfEveryForm(a: Adapters, user: TestUser) {
  const category = await call('POST', '/categories', { token: user.accessToken, body: { name: 'Board games', kind: 'expense' } });
  expect(category.status, category.text).toBe(201);
  const categoryId = String(category.body.id);
  const post = async (description: string) => {
    const r = await call('POST', '/transactions', { token: user.accessToken, body: { type: 'expense', amount: 900, currency: 'EUR', date: '2024-05-02', description, categoryId } });
    expect(r.status, r.text).toBe(201);
    return r.body as { id: string; version: number; baseCurrency: string };
  };
  const [current, dateKeys, gsi4Keys, gsi2Keys] = [await post('New shop'), await post('Old shop'), await post('Older shop'), await post('Oldest shop')];
  const partition = a.keys.legacyByCategoryPartition(user.userId, categoryId);
  await a.setKeys(user.userId, dateKeys.id, { gsi1pk: `USER#${user.userId}#TX`, gsi1sk: `2024-05-02#${dateKeys.id}`, gsi4pk: partition, gsi4sk: '2024-05-02' });
  await a.setKeys(user.userId, gsi4Keys.id, { gsi4pk: partition, gsi4sk: `2024-05-02#${gsi4Keys.id}` });
  await a.setKeys(user.userId, gsi2Keys.id, { gsi2pk: partition, gsi2sk: `2024-05-02#${gsi2Keys.id}` });
  return { categoryId, categoryVersion: Number(category.body.version), partition, current, legacy: [dateKeys, gsi4Keys, gsi2Keys], all: [current, dateKeys, gsi4Keys, gsi2Keys].map((t) => t.id).sort() };
}

/** What each by-category reader finds of the ledger: ids (categories, advice) and amounts (alerts). */
async function foundByCategory(a: Adapters, userId: string, categoryId: string, base: string) {
  return {
    deletion: (await a.transactionIdsInCategory(userId, categoryId, 100)).sort(),
    advice: (await a.categoryTransactionIds(userId, categoryId, '2024-05-01', '2024-05-31', 100)).sort(),
    alerts: await a.categoryExpenseAmounts(userId, categoryId, { from: '2024-05-01', to: '2024-05-31' }, base, 100, 'none'),
    outOfRange: await a.categoryTransactionIds(userId, categoryId, '2024-06-01', '2024-06-30', 100),
  };
}

describe('npm run migrate-index-keys', () => {
  it('writes new transactions without index keys of their own; every by-category reader finds old and new forms alike', async () => {
    const a = await adapters();
    const user = await newUser('By-category forms');
    const ledger = await ledgerOfEveryForm(a, user);
    expect(Object.keys(await a.item(user.userId, ledger.current.id)).filter((k) => STALE.includes(k))).toEqual([]);
    // Not a transaction, but with pk, categoryId and date (no kind has all three today): in gsi6 too, left out by every reader.
    const stray = { pk: a.keys.userPartition(user.userId), sk: 'STRAY#by-category', categoryId: ledger.categoryId, date: '2024-05-02', type: 'expense', baseAmount: -1, baseCurrency: ledger.current.baseCurrency };
    await a.db().send(new a.PutCommand({ TableName: a.tableName(), Item: stray }));
    const found = await foundByCategory(a, user.userId, ledger.categoryId, ledger.current.baseCurrency);
    expect(found).toEqual({ deletion: ledger.all, advice: ledger.all, alerts: [900, 900, 900, 900], outOfRange: [] });
  });

  it('removes the stale keys (gsi1, gsi4, gsi2 forms) without a ledger change; readers see every transaction all along; a re-run changes nothing', async () => {
    const a = await adapters();
    const user = await newUser('Stale index keys');
    const ledger = await ledgerOfEveryForm(a, user);
    expect([await a.inIndex('gsi1', 'gsi1pk', `USER#${user.userId}#TX`), await a.inIndex('gsi4', 'gsi4pk', ledger.partition)]).toEqual([1, 2]);

    const deps = await a.defaultDeps({ user: user.userId });
    const dry = await a.migrateIndexKeys(deps, { dryRun: true });
    const run = await a.migrateIndexKeys(deps);
    const again = await a.migrateIndexKeys(deps);

    expect(dry).toMatchObject({ users: 1, found: 3, rewritten: 0 });
    expect(run).toMatchObject({ users: 1, found: 3, rewritten: 3, changedMeanwhile: 0 });
    expect(again).toMatchObject({ found: 0, rewritten: 0 });
    expect([await a.inIndex('gsi1', 'gsi1pk', `USER#${user.userId}#TX`), await a.inIndex('gsi4', 'gsi4pk', ledger.partition)]).toEqual([0, 0]);
    for (const t of ledger.legacy) {
      const migrated = await a.item(user.userId, t.id);
      expect(Object.keys(migrated).filter((k) => STALE.includes(k))).toEqual([]);
      expect(migrated.version).toBe(t.version);
    }
    const found = await foundByCategory(a, user.userId, ledger.categoryId, ledger.current.baseCurrency);
    expect(found).toEqual({ deletion: ledger.all, advice: ledger.all, alerts: [900, 900, 900, 900], outOfRange: [] });
    const listed = await call('GET', '/transactions?from=2024-05-01&to=2024-05-31', { token: user.accessToken });
    expect((listed.body.items as { id: string }[]).map((t) => t.id).sort()).toEqual(ledger.all);
  });

  it('deletes a category with reassignment moving every transaction in it, whatever keys each was written with, and drops the stale keys of those it rewrites', async () => {
    const a = await adapters();
    const user = await newUser('Category deletion, stale keys');
    const ledger = await ledgerOfEveryForm(a, user);
    const deleted = await call('DELETE', `/categories/${ledger.categoryId}?reassignTo=entertainment.games`, { token: user.accessToken, headers: { 'if-match': `"${ledger.categoryVersion}"` } });
    expect(deleted.status, deleted.text).toBe(204);
    for (const id of ledger.all) {
      expect((await call('GET', `/transactions/${id}`, { token: user.accessToken })).body.categoryId).toBe('entertainment.games');
      expect(Object.keys(await a.item(user.userId, id)).filter((k) => STALE.includes(k))).toEqual([]);
    }
    expect((await a.transactionIdsInCategory(user.userId, 'entertainment.games', 100)).sort()).toEqual(ledger.all);
  });

  it('clears null categoryIds, which gsi6 refuses to leave on an item once it exists (a table from before gsi6)', async () => {
    const { CreateTableCommand, DeleteTableCommand, UpdateTableCommand } = await import('@aws-sdk/client-dynamodb');
    const { tableDefinition } = await import('../../infra/local/dynamodb-table');
    const { resetConfig } = await import('../../shared/config');
    const a = await adapters();
    const { GetCommand, UpdateCommand, QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const table = `tally-pre-gsi6-${Date.now()}`;
    const current = tableDefinition(table);
    const gsi6 = current.GlobalSecondaryIndexes?.find((g) => g.IndexName === a.keys.byCategoryIndex);
    const withoutGsi6 = { ...current, GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter((g) => g !== gsi6), AttributeDefinitions: current.AttributeDefinitions?.filter((d) => d.AttributeName !== 'categoryId') };
    const saved = process.env.TABLE_NAME;
    await a.db().send(new CreateTableCommand(withoutGsi6));
    process.env.TABLE_NAME = table;
    resetConfig();
    try {
      const user = 'pre-gsi6-user';
      const pk = a.keys.userPartition(user);
      const put = (Item: Record<string, unknown>) => a.db().send(new a.PutCommand({ TableName: table, Item }));
      // As the previous release stored them: an overall budget and an uncategorised recurring payment with a null
      // categoryId, a transaction with gsi4 keys, and a profile whose own index keys (users, time zones) must stay.
      await put({ ...a.keys.budget(user, 'b1'), id: 'b1', categoryId: null, amount: 100 });
      await put({ ...a.keys.recurring(user, 'r1'), id: 'r1', categoryId: null, active: true, version: 1 });
      await put({ ...a.keys.transaction(user, 't1'), categoryId: 'food', date: '2024-05-02', type: 'expense', gsi4pk: `${pk}#CAT#food`, gsi4sk: '2024-05-02' });
      await put({ ...a.keys.profile(user), ...a.keys.usersShard(user), ...a.keys.usersByZone('UTC', user) });
      await a.db().send(new UpdateTableCommand({ TableName: table, AttributeDefinitions: current.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: { IndexName: gsi6?.IndexName, KeySchema: gsi6?.KeySchema, Projection: gsi6?.Projection } }] }));
      const deactivate = () => a.db().send(new UpdateCommand({ TableName: table, Key: a.keys.recurring(user, 'r1'), UpdateExpression: 'SET active = :f', ExpressionAttributeValues: { ':f': false } }));
      // With gsi6 in place, an in-place update that leaves the null categoryId is refused.
      await expect(deactivate()).rejects.toMatchObject({ name: 'ValidationException' });
      // The recurring adapter's own writes do not wait for the cleanup: they clear that null themselves.
      const { setRecurringStatus } = await import('../../shared/adapters/recurring');
      expect(await setRecurringStatus(user, 'r1', 'confirmed', 1, new Date())).toMatchObject({ status: 'confirmed', categoryId: null, version: 2 });
      await put({ ...a.keys.recurring(user, 'r2'), id: 'r2', categoryId: 'food', active: true, version: 1 });
      expect(await setRecurringStatus(user, 'r2', 'ignored', 1, new Date())).toMatchObject({ status: 'ignored', categoryId: 'food' });

      const deps = { ...(await a.defaultDeps({ user })), users: async function* () { yield [user]; } };
      expect(await a.migrateIndexKeys(deps)).toMatchObject({ users: 1, found: 2, rewritten: 2, changedMeanwhile: 0 });
      expect(await a.migrateIndexKeys(deps)).toMatchObject({ found: 0 });
      await deactivate();
      const get = async (key: Record<string, string>) => (await a.db().send(new GetCommand({ TableName: table, Key: key }))).Item ?? {};
      expect(await get(a.keys.budget(user, 'b1'))).not.toHaveProperty('categoryId');
      expect(await get(a.keys.transaction(user, 't1'))).not.toHaveProperty('gsi4pk');
      expect(await get(a.keys.profile(user))).toMatchObject({ ...a.keys.usersShard(user), ...a.keys.usersByZone('UTC', user) });
      const byCategory = await a.db().send(new QueryCommand({ TableName: table, IndexName: a.keys.byCategoryIndex, KeyConditionExpression: a.keys.byCategoryCondition(false), ...a.keys.byCategoryValues(user, 'food') }));
      expect((byCategory.Items ?? []).map((i) => i.sk)).toEqual(['TX#t1']);
    } finally {
      process.env.TABLE_NAME = saved;
      resetConfig();
      await a.db().send(new DeleteTableCommand({ TableName: table }));
    }
  });

  it('leaves alone a transaction whose stale keys changed since they were read', async () => {
    const { removeIndexKeys } = await import('../../shared/adapters/index-key-migration');
    const user = await newUser('Stale index keys, raced');
    const tx = await call('POST', '/transactions', { token: user.accessToken, body: { type: 'expense', amount: 100, currency: 'EUR', date: '2024-05-03', description: 'Raced' } });
    expect(tx.status).toBe(201);
    // Read with keys the item no longer has (a save meanwhile wrote the current form): refused, nothing written.
    expect(await removeIndexKeys({ pk: `USER#${user.userId}`, sk: `TX#${tx.body.id}`, held: { gsi1pk: `USER#${user.userId}#TX`, gsi4pk: `USER#${user.userId}#CAT#x` } })).toBe(false);
  });
});
