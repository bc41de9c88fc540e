import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';

beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', CURSOR_SECRET: 'k'.repeat(40) });
});

describe('signed cursors', () => {
  it('round-trip for the same user and query', async () => {
    const { encodeCursor, decodeCursor } = await import('../../../shared/adapters/cursor');
    const c = await encodeCursor('u1', { from: '2024-01-01' }, { sk: 'TX#1', gsi1sk: '2024-01-02#1' });
    await expect(decodeCursor(c, 'u1', { from: '2024-01-01' })).resolves.toEqual({ sk: 'TX#1', gsi1sk: '2024-01-02#1' });
  });

  it('refuses another user, another query, and any edit', async () => {
    const { encodeCursor, decodeCursor } = await import('../../../shared/adapters/cursor');
    const c = await encodeCursor('u1', { q: 'a' }, { sk: 'TX#1' });
    await expect(decodeCursor(c, 'u2', { q: 'a' })).rejects.toThrow(/cursor/);
    await expect(decodeCursor(c, 'u1', { q: 'b' })).rejects.toThrow(/cursor/);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: c.length - 1 }), fc.constantFrom(...'ABCxyz019-_.'), async (i, ch) => {
        fc.pre(c[i] !== ch);
        const edited = c.slice(0, i) + ch + c.slice(i + 1);
        await expect(decodeCursor(edited, 'u1', { q: 'a' })).rejects.toThrow(/cursor/);
      }),
      { numRuns: 2000 },
    );
  });
});
