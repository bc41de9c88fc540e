import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateExpression } from '../../../shared/adapters/dynamo';

describe('updateExpression', () => {
  it('sets each change behind its own placeholders, skips undefined, keeps null, and adds the fixed clauses', () => {
    const parts = updateExpression(
      { name: 'Giro', parentId: null, archived: undefined, 'odd name': 1 },
      { set: ['updatedAt = :now'], add: ['version :one'], remove: ['legacy'], values: { ':now': 't', ':one': 1 } },
    );
    expect(parts).toEqual({
      UpdateExpression: 'SET updatedAt = :now, #u0 = :u0, #u1 = :u1, #u2 = :u2 ADD version :one REMOVE legacy',
      ExpressionAttributeNames: { '#u0': 'name', '#u1': 'parentId', '#u2': 'odd name' },
      ExpressionAttributeValues: { ':now': 't', ':one': 1, ':u0': 'Giro', ':u1': null, ':u2': 1 },
    });
  });

  it('leaves out empty maps and refuses an update that changes nothing', () => {
    expect(updateExpression({}, { remove: ['x'] })).toEqual({ UpdateExpression: 'REMOVE x' });
    expect(() => updateExpression({ a: undefined })).toThrow(/nothing to update/);
  });

  it('is the only SET builder over a changes object in shared/adapters', () => {
    // A loop that turns an object's entries into `#k = :k` clauses is this builder written again.
    const dir = new URL('../../../shared/adapters/', import.meta.url);
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'dynamo.ts')
      .filter((f) => /sets\.push\(`#\$\{/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
