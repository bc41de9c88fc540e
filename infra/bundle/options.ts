import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled: the CDK app's NodejsFunction (infra/constructs/manifest-function.ts) and
 * `npm run bench` read these, so the bench measures the bytes that deploy. Plain data, no aws-cdk-lib import.
 */

/** esbuild's target for the functions' runtime (Node.js 24). */
export const ESBUILD_TARGET = 'node24';

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
};

/**
 * The esbuild options NodejsFunction ends up using for a function (minified ESM for Node, the SDK bundled in, the
 * aliases above), for tools that call esbuild directly: the bench and the bundle test.
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
