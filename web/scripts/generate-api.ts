/**
 * Writes web/src/api/schema.d.ts: the API's types, generated from the same OpenAPI document the API serves at
 * /openapi.json. `npm run typecheck` regenerates it first, so a contract change the app does not follow fails the
 * app's type-check; tests/unit/web-api-schema.test.ts fails when the committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { webApiSchema } from './api-schema';

const target = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
await writeFile(target, await webApiSchema());
console.log(`wrote ${target}`);
