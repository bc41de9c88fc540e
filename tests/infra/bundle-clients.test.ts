import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functions, type FunctionDef } from '../../functions/manifest';
import { BUNDLE_ALIASES, ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';
import { SendMessageBatchCommand, SQSClient } from '../../infra/bundle/without-client';

const ROOT = join(import.meta.dirname, '..', '..');

function def(name: string): FunctionDef {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`${name} is not in the manifest`);
  return found;
}

/**
 * Every module one function's bundle resolves, built as the CDK app builds it (the import graph: an aliased client is
 * replaced where it is resolved, whether or not tree shaking then drops the code that calls it).
 */
async function bundledInputs(name: string): Promise<string[]> {
  const d = def(name);
  const outfile = join(ROOT, '.bench', 'bundle-clients-test', name, 'index.mjs');
  const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, d.entry)], outfile, ...ESBUILD_OPTIONS, alias: bundleAliasesFor(d), write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

describe('SDK clients in bundles follow the access list', () => {
  afterAll(() => esbuild.stop());

  it('aliases a client to the stand-in only when the access list gives no use of it', () => {
    const standIn = './infra/bundle/without-client.ts';
    // GET /advice reads the table and sends to no queue; the advice consumer sends to its own queue.
    expect(bundleAliasesFor(def('advice-list'))['@aws-sdk/client-sqs']).toBe(standIn);
    expect(bundleAliasesFor(def('advice-list'))['@aws-sdk/lib-dynamodb']).toBeUndefined();
    expect(bundleAliasesFor(def('advice'))['@aws-sdk/client-sqs']).toBeUndefined();
    // A route behind a token reads the table (revocation check) even with an empty access list.
    expect(bundleAliasesFor(def('me-get'))['@aws-sdk/client-dynamodb']).toBeUndefined();
    expect(bundleAliasesFor(def('openapi'))['@aws-sdk/client-dynamodb']).toBe(standIn);
    expect(bundleAliasesFor(def('send-report'))['@aws-sdk/client-sesv2']).toBeUndefined();
    expect(bundleAliasesFor(def('me-get'))['@aws-sdk/client-sesv2']).toBe(standIn);
    for (const f of functions) expect(bundleAliasesFor(f)).toMatchObject(BUNDLE_ALIASES);
  });

  it('leaves the SQS client out of an HTTP function that reaches the publish path but may not send', async () => {
    // GET /reports/monthly reaches shared/adapters/queue.ts through the recurring and alerts use cases.
    const inputs = await bundledInputs('reports-monthly');
    expect(inputs).toContain('shared/adapters/queue.ts');
    expect(inputs.filter((i) => i.includes('@aws-sdk/client-sqs'))).toEqual([]);
    expect(inputs).toContain('infra/bundle/without-client.ts');
    expect(inputs.some((i) => i.includes('@aws-sdk/client-dynamodb'))).toBe(true);
  });

  it('keeps the SQS client in the consumer that sends', async () => {
    const inputs = await bundledInputs('advice');
    expect(inputs.some((i) => i.includes('@aws-sdk/client-sqs'))).toBe(true);
  });

  it('leaves DynamoDB out of public functions without table access', async () => {
    const inputs = await bundledInputs('openapi');
    expect(inputs.filter((i) => i.includes('@aws-sdk/client-dynamodb') || i.includes('@aws-sdk/lib-dynamodb'))).toEqual([]);
  });

  it('has stand-ins that refuse to be built, naming the access to add', () => {
    expect(() => new SQSClient({})).toThrow(/no queue:<name>.*functions\/manifest\.ts/);
    expect(() => new SendMessageBatchCommand({})).toThrow(/no queue:<name>/);
  });
});
