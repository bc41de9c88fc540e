import { describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';

// Transactions written before the category index became gsi4 (INCLUDE: ids and amounts, not whole items) carry their
// by-category keys on gsi2. Deleting a category still finds them; `npm run migrate-category-index` moves the keys.
describe('npm run migrate-category-index', () => {
  it('moves legacy gsi2 category keys to gsi4 without a ledger change; deleting a category finds both; a re-run changes nothing', async () => {
    const { keys } = await import('../../shared/adapters/keys');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { GetCommand, QueryCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { migrateCategoryIndex, defaultDeps } = await import('../../infra/ops/migrate-category-index');
    const user = await newUser('Legacy category keys');
    const category = await call('POST', '/categories', { token: user.accessToken, body: { name: 'Board games', kind: 'expense' } });
    expect(category.status, category.text).toBe(201);
    const body = (description: string) => ({ type: 'expense', amount: 1200, currency: 'EUR', date: '2024-06-01', description, categoryId: category.body.id });
    const legacyTx = await call('POST', '/transactions', { token: user.accessToken, body: body('Old shop') });
    const currentTx = await call('POST', '/transactions', { token: user.accessToken, body: body('New shop') });
    expect([legacyTx.status, currentTx.status]).toEqual([201, 201]);
    const key = keys.transaction(user.userId, legacyTx.body.id);
    // Write the legacy form: the category keys on gsi2, as before gsi4
    await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET gsi2pk = gsi4pk, gsi2sk = gsi4sk REMOVE gsi4pk, gsi4sk' }));
    const inIndex = async () => {
      const out = await db().send(new QueryCommand({ TableName: tableName(), IndexName: keys.byCategoryIndex, KeyConditionExpression: 'gsi4pk = :p', ExpressionAttributeValues: { ':p': keys.byCategoryPartition(user.userId, category.body.id) } }));
      return (out.Items ?? []).map((i) => keys.transactionOf(i)?.id).sort();
    };
    expect(await inIndex()).toEqual([currentTx.body.id]);
    // A listing by category reads the date index: both, legacy or not
    const listed = await call('GET', `/transactions?categoryId=${category.body.id}`, { token: user.accessToken });
    expect(listed.body.items.map((t: { id: string }) => t.id).sort()).toEqual([legacyTx.body.id, currentTx.body.id].sort());

    const deps = await defaultDeps({ user: user.userId });
    const dry = await migrateCategoryIndex(deps, { dryRun: true });
    const run = await migrateCategoryIndex(deps);
    const again = await migrateCategoryIndex(deps);

    expect(dry).toMatchObject({ users: 1, found: 1, moved: 0 });
    expect(run).toMatchObject({ users: 1, found: 1, moved: 1, changedMeanwhile: 0 });
    expect(again).toMatchObject({ found: 0, moved: 0 });
    expect(await inIndex()).toEqual([legacyTx.body.id, currentTx.body.id].sort());
    const migrated = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};
    expect(migrated).not.toHaveProperty('gsi2pk');
    expect(migrated.version).toBe(legacyTx.body.version);
    // Deleting the category with reassignment moves every transaction (current and legacy keys alike)
    await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET gsi2pk = gsi4pk, gsi2sk = gsi4sk REMOVE gsi4pk, gsi4sk' }));
    const deleted = await call('DELETE', `/categories/${category.body.id}?reassignTo=entertainment.games`, { token: user.accessToken, headers: { 'if-match': `"${category.body.version}"` } });
    expect(deleted.status, deleted.text).toBe(204);
    for (const id of [legacyTx.body.id, currentTx.body.id]) {
      const t = await call('GET', `/transactions/${id}`, { token: user.accessToken });
      expect(t.body.categoryId).toBe('entertainment.games');
    }
  });
});
