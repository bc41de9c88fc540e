import type { BuildOptions } from 'esbuild';
import { effectiveAccess } from '../../functions/environment';
import type { Access, FunctionDef } from '../../functions/manifest';

/**
 * How every function is bundled: the CDK app's NodejsFunction (infra/constructs/manifest-function.ts) and
 * `npm run bench` read these, so the bench measures the bytes that deploy. Plain data, no aws-cdk-lib import.
 */

/** esbuild's target for the functions' runtime (Node.js 24). */
export const ESBUILD_TARGET = 'node24';

/**
 * Whether functions run with Node's `--enable-source-maps`. Off: with it Node reads and indexes the bundle's map
 * when the function loads, about a fifth of a cold import (`npm run bench -- bundles` measures both ways), and the
 * only reader of source positions is a logged error, which gets them from the map shipped beside the bundle at the
 * first error (shared/original-stack.ts). The CDK app sets NODE_OPTIONS from this; the bench's deployed rounds too.
 */
export const SOURCE_MAPS_AT_RUNTIME = false;

/** ESM bundles still meet CommonJS dependencies that call `require`; this gives them one. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Modules replaced in Lambda bundles, paths relative to the repository root. Only bundles see these: the local
 * cloud and the tests run the ordinary modules.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  // Lambda's credentials are in the environment; the default chain's other sources never run there.
  '@aws-sdk/credential-provider-node': './infra/bundle/lambda-credentials.ts',
  // No client Tally uses has an event-stream operation; the codec is only ever loaded for one.
  '@smithy/core/event-streams': './infra/bundle/no-event-streams.ts',
  // The DynamoDB client's endpoint-discovery cache (discovery is off) on a Map instead of mnemonist.
  'mnemonist/lru-cache': './infra/bundle/lru-cache.ts',
  // middy imports ReadableStream for its streaming mode only; Node's web streams then load on first use, not at start.
  'node:stream/web': './infra/bundle/lazy-web-streams.ts',
  'stream/web': './infra/bundle/lazy-web-streams.ts',
};

/** The stand-in for an AWS SDK client a function has no access to call (see ./without-client.ts). */
const WITHOUT_CLIENT = './infra/bundle/without-client.ts';

/** SDK client modules a function bundles only when its access list lets it call the service. */
const CLIENTS_BY_ACCESS: readonly { modules: readonly string[]; needed: (access: readonly Access[]) => boolean }[] = [
  { modules: ['@aws-sdk/client-sqs'], needed: (access) => access.some((a) => a.startsWith('queue:')) },
  { modules: ['@aws-sdk/client-sesv2'], needed: (access) => access.includes('email:send') },
  { modules: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'], needed: (access) => access.includes('table:read') || access.includes('table:write') },
];

/**
 * The aliases of one function's bundle: {@link BUNDLE_ALIASES}, and the stand-in for each SDK client its manifest
 * access list (with what {@link effectiveAccess} implies) gives it no use of. Without the grant and the variable
 * naming the resource such a call could never run on AWS, yet shared modules import the client and esbuild would
 * carry it: the SQS client is in every HTTP function that reaches a use case with a consumer-only publish path.
 */
export function bundleAliasesFor(def: FunctionDef): Record<string, string> {
  const access = effectiveAccess(def);
  const aliases: Record<string, string> = { ...BUNDLE_ALIASES };
  for (const client of CLIENTS_BY_ACCESS) if (!client.needed(access)) for (const m of client.modules) aliases[m] = WITHOUT_CLIENT;
  return aliases;
}

/**
 * The esbuild options NodejsFunction ends up using for a function (minified ESM for Node, the SDK bundled in, the
 * aliases above; a function's own bundle takes `alias: bundleAliasesFor(def)`), for tools that call esbuild
 * directly: the bench and the bundle tests.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  target: ESBUILD_TARGET,
  platform: 'node',
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  alias: BUNDLE_ALIASES,
} as const satisfies BuildOptions;
