import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Edge cases of the token check that reads a route's first item ahead in one BatchGetItem: what DynamoDB may answer
 * (an unprocessed key, a revoked token) cannot be produced on demand by DynamoDB Local, so the client is replaced.
 */
const sent: { name: string; input: Record<string, unknown> }[] = [];
let answer: (name: string, input: Record<string, unknown>) => unknown = () => ({});

type Key = { pk: string; sk: string };
type Answer = { Item?: Record<string, unknown>; Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, { Keys: Key[] }> };
/** Every read recorded under the DynamoDB operation it is, through the document client or the key-read helpers. */
function send(name: string, input: Record<string, unknown>): Promise<Answer> {
  sent.push({ name, input });
  return Promise.resolve(answer(name, input) as Answer);
}
const OPERATION: Record<string, string> = { GetCommand: 'GetItem', BatchGetCommand: 'BatchGetItem' };

vi.mock('../../../shared/adapters/dynamo', () => ({
  tableName: () => 'T',
  db: () => ({
    send: (command: { constructor: { name: string }; input: Record<string, unknown> }) => send(OPERATION[command.constructor.name] ?? command.constructor.name, command.input),
  }),
  getItems: async (keys: Key[], o: { consistent?: boolean } = {}) => {
    const out = await send('BatchGetItem', { RequestItems: { T: { Keys: keys, ConsistentRead: o.consistent === true } } });
    return { items: out.Responses?.T ?? [], unprocessed: out.UnprocessedKeys?.T?.Keys ?? [] };
  },
  getItem: async (key: Key, o: { consistent?: boolean; projection?: string } = {}) =>
    (await send('GetItem', { Key: key, ConsistentRead: o.consistent === true, ProjectionExpression: o.projection })).Item,
  isConditionFailure: () => false,
  queryAll: () => Promise.resolve([]),
  batchWriteAll: () => Promise.resolve(),
  updateExpression: () => ({}),
}));

const { isTokenActive } = await import('../../../shared/adapters/sessions');
const { getProfile } = await import('../../../shared/adapters/profiles');
const { readAhead, withReadAhead } = await import('../../../shared/adapters/read-ahead');
const keys = await import('../../../shared/adapters/keys');

const token = (revoked?: boolean) => ({ ...keys.token('j1'), userId: 'u1', ...(revoked ? { revoked: true } : {}) });
const profile = { ...keys.profile('u1'), userId: 'u1', email: 'a@b.c', version: 3 };

beforeEach(() => {
  sent.length = 0;
});

describe('token check with read-ahead', () => {
  it('reads the token and the profile in one consistent BatchGetItem, then serves the profile once', async () => {
    answer = (name) => (name === 'BatchGetItem' ? { Responses: { T: [profile, token()] } } : { Item: profile });
    await withReadAhead(async () => {
      readAhead(['profile'], 'u1');
      expect(await isTokenActive('j1', 'u1')).toBe(true);
      expect((await getProfile('u1'))?.version).toBe(3);
      await getProfile('u1');
    });
    expect(sent.map((s) => s.name)).toEqual(['BatchGetItem', 'GetItem']);
    expect((sent[0]?.input.RequestItems as Record<string, { ConsistentRead: boolean; Keys: unknown[] }>).T).toMatchObject({ ConsistentRead: true, Keys: [keys.token('j1'), keys.profile('u1')] });
  });

  it('refuses a revoked token or one issued to another user although the batch brought the profile', async () => {
    answer = () => ({ Responses: { T: [profile, token(true)] } });
    expect(await withReadAhead(async () => (readAhead(['profile'], 'u1'), isTokenActive('j1', 'u1')))).toBe(false);
    answer = () => ({ Responses: { T: [profile, token()] } });
    expect(await withReadAhead(async () => (readAhead(['profile'], 'u2'), isTokenActive('j1', 'u2')))).toBe(false);
    answer = () => ({ Responses: { T: [profile] } });
    expect(await withReadAhead(async () => (readAhead(['profile'], 'u1'), isTokenActive('j1', 'u1')))).toBe(false);
  });

  it('reads the token on its own when the batch left it unprocessed, and never answers from a missing verdict', async () => {
    answer = (name) => (name === 'BatchGetItem' ? { Responses: { T: [profile] }, UnprocessedKeys: { T: { Keys: [keys.token('j1')] } } } : { Item: token(true) });
    expect(await withReadAhead(async () => (readAhead(['profile'], 'u1'), isTokenActive('j1', 'u1')))).toBe(false);
    expect(sent.map((s) => s.name)).toEqual(['BatchGetItem', 'GetItem']);
    expect(sent[1]?.input).toMatchObject({ Key: keys.token('j1'), ConsistentRead: true });
  });

  it('reads an unprocessed profile from the table, and keeps requests apart', async () => {
    answer = (name) => (name === 'BatchGetItem' ? { Responses: { T: [token()] }, UnprocessedKeys: { T: { Keys: [keys.profile('u1')] } } } : { Item: profile });
    await withReadAhead(async () => {
      readAhead(['profile'], 'u1');
      await isTokenActive('j1', 'u1');
      expect((await getProfile('u1'))?.userId).toBe('u1');
    });
    expect(sent.map((s) => s.name)).toEqual(['BatchGetItem', 'GetItem']);
    sent.length = 0;
    // Outside a scope (or in another request's), nothing is read ahead: one GetItem each.
    answer = (name) => (name === 'BatchGetItem' ? { Responses: { T: [token(), profile] } } : { Item: token() });
    await withReadAhead(async () => (readAhead(['profile'], 'u1'), isTokenActive('j1', 'u1')));
    await getProfile('u1');
    await withReadAhead(() => isTokenActive('j1', 'u1'));
    expect(sent.map((s) => s.name)).toEqual(['BatchGetItem', 'GetItem', 'GetItem']);
  });
});
