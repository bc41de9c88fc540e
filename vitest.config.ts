import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project:
 * - unit: pure code, no network (tests/unit, property tests included);
 * - infra: CDK Template assertions and cdk-nag (tests/infra);
 * - cloud: integration, e2e and browser tests against a local cloud the global setup starts (tests/integration,
 *   tests/e2e; tests/browser drives the web app in Debian's Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'cloud',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/local-cloud.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
