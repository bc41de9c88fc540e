import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The dirty mark of a user is written once per process and day: a second put of the same item would only rewrite it.
 * Counting puts needs the client replaced (DynamoDB Local answers a rewrite like a first write).
 */
const puts: Record<string, unknown>[] = [];
let failNext = false;

vi.mock('../../../shared/adapters/dynamo', () => ({
  tableName: () => 'T',
  db: () => ({
    send: (command: { input: { Item: Record<string, unknown> } }) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('throttled'));
      }
      puts.push(command.input.Item);
      return Promise.resolve({});
    },
  }),
}));

const { markDirty } = await import('../../../shared/adapters/dirty-users');

describe('markDirty', () => {
  beforeEach(() => {
    puts.length = 0;
    failNext = false;
  });

  it('writes a user and day once, and again for another user or the next day', async () => {
    const day1 = new Date('2026-03-01T10:00:00Z');
    await markDirty('u1', day1);
    await markDirty('u1', new Date('2026-03-01T23:59:00Z'));
    await markDirty('u2', day1);
    await markDirty('u1', new Date('2026-03-02T00:01:00Z'));
    // pk is DIRTY#<day>#<shard>: the day is what matters here.
    expect(puts.map((i) => [String(i.pk).split('#').slice(0, 2).join('#'), i.sk])).toEqual([
      ['DIRTY#2026-03-01', 'u1'],
      ['DIRTY#2026-03-01', 'u2'],
      ['DIRTY#2026-03-02', 'u1'],
    ]);
  });

  it('writes again after a failed put (the failure is the caller\'s, whose redelivery marks again)', async () => {
    const at = new Date('2026-04-01T10:00:00Z');
    failNext = true;
    await expect(markDirty('u3', at)).rejects.toThrow('throttled');
    await markDirty('u3', at);
    expect(puts.map((i) => i.sk)).toEqual(['u3']);
  });
});
