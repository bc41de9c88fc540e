import { describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';

const tx = (description: string) => ({ type: 'expense', amount: 450, currency: 'EUR', date: '2024-06-01', description });

// A pattern rule saved before patterns were compiled on saving has no stored program: the functions that apply rules
// skip it (they carry no regex compiler). `npm run migrate-rules` stores its program, against the local table.
describe('npm run migrate-rules', () => {
  it('stores the program of a pattern rule saved without one, so transactions apply it again; a re-run changes nothing', async () => {
    // Prepare: a user whose rule was stored as the code before stored programs wrote it
    const keys = await import('../../shared/adapters/keys');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { migrateRules, defaultDeps } = await import('../../infra/ops/migrate-rules');
    const user = await newUser('Legacy rules');
    const rule = await call('POST', '/rules', {
      token: user.accessToken,
      body: { name: 'Coffee shops', priority: 1, conditions: { descriptionRegex: 'caf(e|é)|coffee' }, actions: { categoryId: 'food.coffee', tags: ['coffee'] } },
    });
    expect(rule.status, rule.text).toBe(201);
    const key = keys.rule(user.userId, rule.body.id);
    const stored = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};
    const { patternProgram: program, ...legacy } = stored;
    expect(program).toMatch(/^1:/);
    await db().send(new PutCommand({ TableName: tableName(), Item: legacy }));
    // The regression: the rule is skipped (the category may still come from the learned categoriser, never its tag)
    const before = await call('POST', '/transactions', { token: user.accessToken, body: tx('Café Central') });
    expect(before.body).toMatchObject({ tags: [], appliedRules: [] });
    expect(before.body.categorySource).not.toBe('rule');

    // Act
    const deps = await defaultDeps({ user: user.userId });
    const dry = await migrateRules(deps, { dryRun: true });
    const run = await migrateRules(deps);
    const again = await migrateRules(deps);

    // Assess: the program saving compiles, the version unchanged, and the rule applies again
    expect(dry).toMatchObject({ users: 1, missing: 1, stored: 0 });
    expect(run).toMatchObject({ users: 1, missing: 1, stored: 1, changedMeanwhile: 0, refused: [] });
    expect(again).toMatchObject({ missing: 0, stored: 0 });
    const migrated = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};
    expect(migrated.patternProgram).toBe(program);
    expect(migrated.version).toBe(stored.version);
    const after = await call('POST', '/transactions', { token: user.accessToken, body: tx('Café Central') });
    expect(after.body).toMatchObject({ categoryId: 'food.coffee', categorySource: 'rule', tags: ['coffee'], appliedRules: [rule.body.id] });
  });

  it('finds the user through the sharded users index when no user is named', async () => {
    const keys = await import('../../shared/adapters/keys');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { GetCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { migrateRules, defaultDeps } = await import('../../infra/ops/migrate-rules');
    const user = await newUser('Legacy rules, swept');
    const rule = await call('POST', '/rules', { token: user.accessToken, body: { name: 'Rent', priority: 1, conditions: { descriptionRegex: '^rent\\b' }, actions: { categoryId: 'housing.rent' } } });
    expect(rule.status, rule.text).toBe(201);
    const key = keys.rule(user.userId, rule.body.id);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE patternProgram' }));

    const base = await defaultDeps({ pageSize: 50 });
    const run = await migrateRules(base);

    expect(run.users).toBeGreaterThanOrEqual(1);
    expect(run.stored).toBeGreaterThanOrEqual(1);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item?.patternProgram).toMatch(/^1:/);
  });
});
