/**
 * `npm run route-keys`: writes shared/http/route-keys.ts, the route keys of the manifest's HTTP functions as plain
 * data, for the `$default` function (functions/http/system/no-route.ts), which tells a path under another method
 * (405 with `Allow`) from an unknown one (404). Importing the manifest itself would put every route's contract, and
 * zod with it, into that function's bundle. tests/unit/http/route-keys.test.ts fails when the file differs from the
 * manifest: run this after adding, moving or removing a route.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { httpFunctions } from '../../functions/manifest';

/** The manifest's route keys (`METHOD /template`), sorted. */
export function manifestRouteKeys(): string[] {
  return httpFunctions.flatMap((fn) => fn.routes.map((r) => `${r.method} ${r.path}`)).sort();
}

/** The source of shared/http/route-keys.ts for these keys. */
export function routeKeysSource(routeKeys: readonly string[]): string {
  return `/**
 * The route keys of the HTTP API (\`METHOD /template\`), generated from functions/manifest.ts by \`npm run route-keys\`
 * (infra/bundle/generate-route-keys.ts): plain data, so the \`$default\` function matches paths without bundling the
 * manifest and every contract. tests/unit/http/route-keys.test.ts fails when this list differs from the manifest.
 */
export const ROUTE_KEYS: readonly string[] = [
${routeKeys.map((k) => `  '${k}',`).join('\n')}
];
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('../../shared/http/route-keys.ts', import.meta.url));
  writeFileSync(target, routeKeysSource(manifestRouteKeys()));
  console.log(`wrote ${target}`);
}
