import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { webApiSchema } from '../../web/scripts/api-schema';

describe('the web app’s API types', () => {
  it('are generated from the current contracts (run `npm run web:api` after changing one)', async () => {
    const committed = await readFile(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(committed === (await webApiSchema())).toBe(true);
  });
});
