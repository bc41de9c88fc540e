import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** ESLint's max-lines-per-function at `max`, blank lines and comments not counted. */
const maxLinesPerFunction = (max) => ({ 'max-lines-per-function': ['error', { max, skipBlankLines: true, skipComments: true }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', '.bench/', 'coverage/', 'web/dist/', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Issue 8: no function over about 60 lines in the code that ships (blank lines and comments not counted). Data
    // tables are object literals, not functions, so they do not count; tests and web/ are not covered.
    files: ['functions/**/*.ts', 'shared/**/*.ts', 'infra/**/*.ts'],
    rules: maxLinesPerFunction(60),
  },
  // Not split yet: each file is capped at its longest function's length today, so none can grow.
  ...Object.entries({
    'shared/domain/forecast/forecast.ts': 113,
    'shared/use-cases/forecast.ts': 87,
    'infra/stacks/tally.ts': 71,
    'shared/http/handler.ts': 68,
    'infra/local/processes.ts': 68,
    'infra/constructs/operations.ts': 67,
    'infra/local/main.ts': 63,
    'shared/use-cases/transactions.ts': 61,
  }).map(([file, max]) => ({ files: [file], rules: maxLinesPerFunction(max) })),
  {
    // The test client returns the API's JSON untyped on purpose: tests assert the shapes.
    files: ['tests/support/api.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Handlers are thin adapters: no AWS SDK in them, only shared/ use cases and adapters.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*'], message: 'Handlers reach AWS only through shared/adapters.' }] }],
    },
  },
  {
    // The domain is pure: no I/O.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', 'node:fs', 'node:net', 'node:http', '../adapters/*', '../http/*'], message: 'shared/domain is pure.' }] }],
    },
  },
  {
    // Use cases speak ports, adapters speak AWS (ARCHITECTURE.md principle 13): no AWS SDK, no HTTP layer, no key
    // design in shared/use-cases. A use case reaches storage and queues through shared/adapters functions or ports;
    // the ports themselves (shared/ports) speak domain terms only.
    files: ['shared/use-cases/**/*.ts', 'shared/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*'], message: 'Use cases reach AWS only through shared/adapters (or a port).' },
          { group: ['**/http/*', '**/http'], message: 'Use cases return results, not HTTP: shared/http is the handler layer.' },
          { group: ['**/adapters/keys'], message: 'Keys are spelled only in shared/adapters/keys.ts and used only by adapters.' },
          { group: ['**/adapters/dynamo'], message: 'The DynamoDB client, table name and condition errors stay in shared/adapters: call an adapter function.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: 'Literal[value=/(USER|SESSION|TOKEN|OUTBOX|FX|FXMETA|ERASED|UNCONFIRMED|RATE|RECEIPT|IMPORT|TX)#/]', message: 'Key strings belong in shared/adapters/keys.ts.' },
        { selector: 'TemplateElement[value.raw=/(USER|SESSION|TOKEN|OUTBOX|FX|FXMETA|ERASED|UNCONFIRMED|RATE|RECEIPT|IMPORT|TX)#|^#(TX|CAT|IMPORT)/]', message: 'Key strings belong in shared/adapters/keys.ts.' },
      ],
    },
  },
);
