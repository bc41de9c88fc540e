import { describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';

// Transactions written before the date index became gsi5 (keyed on their own pk, date and sk) carry gsi1pk/gsi1sk,
// and so a second copy in gsi1 that nothing reads. `npm run migrate-date-index` removes those keys.
describe('npm run migrate-date-index', () => {
  it('removes the old date-index keys without a ledger change; listings see the transaction all along; a re-run changes nothing', async () => {
    const { keys } = await import('../../shared/adapters/keys');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { GetCommand, QueryCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { migrateDateIndex, defaultDeps } = await import('../../infra/ops/migrate-date-index');
    const user = await newUser('Legacy date keys');
    const body = (description: string) => ({ type: 'expense', amount: 900, currency: 'EUR', date: '2024-05-02', description });
    const legacyTx = await call('POST', '/transactions', { token: user.accessToken, body: body('Old shop') });
    const currentTx = await call('POST', '/transactions', { token: user.accessToken, body: body('New shop') });
    expect([legacyTx.status, currentTx.status]).toEqual([201, 201]);
    const key = keys.transaction(user.userId, legacyTx.body.id);
    // The form written before gsi5: the date-index keys on the item itself, so a copy in gsi1.
    await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET gsi1pk = :p, gsi1sk = :s', ExpressionAttributeValues: { ':p': `USER#${user.userId}#TX`, ':s': `2024-05-02#${legacyTx.body.id}` } }));
    const inGsi1 = async () => (await db().send(new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `USER#${user.userId}#TX` } }))).Items?.length ?? 0;
    expect(await inGsi1()).toBe(1);
    const listed = async () => ((await call('GET', '/transactions?from=2024-05-01&to=2024-05-31', { token: user.accessToken })).body.items as { id: string }[]).map((t) => t.id).sort();
    expect(await listed()).toEqual([legacyTx.body.id, currentTx.body.id].sort());

    const deps = await defaultDeps({ user: user.userId });
    const dry = await migrateDateIndex(deps, { dryRun: true });
    const run = await migrateDateIndex(deps);
    const again = await migrateDateIndex(deps);

    expect(dry).toMatchObject({ users: 1, found: 1, rewritten: 0 });
    expect(run).toMatchObject({ users: 1, found: 1, rewritten: 1, changedMeanwhile: 0 });
    expect(again).toMatchObject({ found: 0, rewritten: 0 });
    expect(await inGsi1()).toBe(0);
    const migrated = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};
    expect(migrated).not.toHaveProperty('gsi1pk');
    expect(migrated.version).toBe(legacyTx.body.version);
    expect(await listed()).toEqual([legacyTx.body.id, currentTx.body.id].sort());
  });

  it('leaves alone a transaction whose old keys changed since they were read', async () => {
    const { moveIndexKeys, LEGACY_DATE_KEYS } = await import('../../shared/adapters/index-key-migration');
    const user = await newUser('Legacy date keys, raced');
    const tx = await call('POST', '/transactions', { token: user.accessToken, body: { type: 'expense', amount: 100, currency: 'EUR', date: '2024-05-03', description: 'Raced' } });
    expect(tx.status).toBe(201);
    // Read with keys the item no longer has (a save meanwhile wrote the current form): refused, nothing written.
    expect(await moveIndexKeys({ pk: `USER#${user.userId}`, sk: `TX#${tx.body.id}`, keyPk: `USER#${user.userId}#TX`, keySk: `2024-05-03#${tx.body.id}` }, LEGACY_DATE_KEYS)).toBe(false);
  });
});
