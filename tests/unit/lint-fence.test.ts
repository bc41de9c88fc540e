import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The fence of ARCHITECTURE.md principle 13: a use case that imports the AWS SDK, the HTTP layer or the key table,
// or spells a key, fails `npm run lint`. Linted as if the snippet were a new file in shared/use-cases.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsOf(code: string, filePath = 'shared/use-cases/new-thing.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint fence around shared/use-cases', () => {
  it('refuses an @aws-sdk import in a use case', async () => {
    const errors = await errorsOf(`import { QueryCommand } from '@aws-sdk/lib-dynamodb';\nexport const q = QueryCommand;\n`);
    expect(errors.some((e) => e.startsWith('no-restricted-imports') && e.includes('AWS'))).toBe(true);
  });

  it('refuses shared/http, the key table and the DynamoDB client in a use case', async () => {
    expect(await errorsOf(`import type { Caller } from '../http/identity';\nexport type C = Caller;\n`)).toEqual([expect.stringContaining('shared/http')]);
    expect(await errorsOf(`import * as keys from '../adapters/keys';\nexport const k = keys;\n`)).toEqual([expect.stringContaining('keys.ts')]);
    expect(await errorsOf(`import { db } from '../adapters/dynamo';\nexport const d = db;\n`)).toEqual([expect.stringContaining('DynamoDB client')]);
  });

  it('refuses a key string spelled in a use case', async () => {
    const errors = await errorsOf('export const pk = (u: string) => `USER#${u}#TX`;\n');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes('keys.ts'))).toBe(true);
    expect(await errorsOf(`export const sk = 'FXMETA#x';\n`)).toEqual([expect.stringContaining('keys.ts')]);
  });

  it('fences every use case, with no exceptions', async () => {
    const sdk = `import { QueryCommand } from '@aws-sdk/lib-dynamodb';\nexport const q = QueryCommand;\n`;
    for (const name of ['imports', 'export', 'analytics-apply', 'analytics-repair', 'account-deletion', 'revalue', 'fx', 'unconfirmed-accounts', 'user-sweep', 'auth', 'accounts', 'categories', 'idempotency', 'rules', 'transactions', 'roles', 'me']) {
      expect(await errorsOf(sdk, `shared/use-cases/${name}.ts`), name).not.toEqual([]);
    }
  });

  it('lets a use case import adapters, domain and ports', async () => {
    const code = `import { getProfile } from '../adapters/profiles';\nimport { ValidationError } from '../domain/errors';\nexport const x = [getProfile, ValidationError];\n`;
    expect(await errorsOf(code)).toEqual([]);
  });

  it('leaves adapters free to use the SDK and the key table', async () => {
    const code = `import { QueryCommand } from '@aws-sdk/lib-dynamodb';\nimport * as keys from './keys';\nexport const x = [QueryCommand, keys, 'USER#'];\n`;
    expect(await errorsOf(code, 'shared/adapters/new-thing.ts')).toEqual([]);
  });
});
