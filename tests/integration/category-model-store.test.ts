import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';

// The categoriser's model is stored packed (compressed JSON in a binary attribute); a model stored as a JSON string
// before that is still read, and the next save replaces it with the packed form.
describe('category model store', () => {
  it('stores the model packed, a fraction of its JSON, and reads a model stored as JSON before', async () => {
    const keys = await import('../../shared/adapters/keys');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { getCategoryModel, saveLearning } = await import('../../shared/adapters/category-model');
    const { emptyModel, learn } = await import('../../shared/domain/categorise/model');
    const userId = randomUUID();
    const model = emptyModel();
    for (let i = 0; i < 400; i++) learn(model, [`w:merchant${i}`, `w:store${i % 40}`, `a:${i % 9}`], i % 3 === 0 ? 'food.groceries' : 'shopping', 1);
    const json = JSON.stringify(model);
    expect(json.length).toBeGreaterThan(8_000);

    // A model stored as a JSON string (before packing) is read as it was
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.categoryModel(userId), userId, model: json, rev: 1 } }));
    expect(await getCategoryModel(userId)).toEqual({ model, rev: 1 });

    // The next save writes it packed, under a quarter of its JSON, and reads back equal
    expect(await saveLearning(userId, model, 1, new Map(), new Date())).toBe('saved');
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.categoryModel(userId), ConsistentRead: true }))).Item ?? {};
    expect(item).not.toHaveProperty('model');
    expect(item.packed).toBeInstanceOf(Uint8Array);
    expect((item.packed as Uint8Array).byteLength).toBeLessThan(json.length / 4);
    expect(await getCategoryModel(userId)).toEqual({ model, rev: 2 });
  });

  it('stores the contribution of an uncategorised or deleted transaction (no category) with the model, and reads it back', async () => {
    const { getContributions, saveLearning } = await import('../../shared/adapters/category-model');
    const { emptyModel } = await import('../../shared/domain/categorise/model');
    const userId = randomUUID();
    const contributions = new Map([
      ['tx-deleted', { version: 2, categoryId: null, features: [], deleted: true }],
      ['tx-labelled', { version: 1, categoryId: 'food.groceries', features: ['w:bakery'], deleted: false }],
    ]);
    expect(await saveLearning(userId, emptyModel(), 0, contributions, new Date())).toBe('saved');
    expect(await getContributions(userId, ['tx-deleted', 'tx-labelled'])).toEqual(contributions);
  });
});
