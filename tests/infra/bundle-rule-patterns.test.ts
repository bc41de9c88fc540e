import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/manifest';
import { ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';

const ROOT = join(import.meta.dirname, '..', '..');

/** The inputs of one function's bundle, built as the CDK app builds it, with the bytes each leaves in it. */
async function bundleInputs(name: string): Promise<Record<string, number>> {
  const def = functions.find((f) => f.name === name);
  if (!def) throw new Error(`${name} is not in the manifest`);
  const outfile = join(ROOT, '.bench', 'bundle-rule-patterns-test', name, 'index.mjs');
  const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, def.entry)], outfile, ...ESBUILD_OPTIONS, alias: bundleAliasesFor(def), write: false, metafile: true, logLevel: 'silent' });
  const inputs = result.metafile.outputs[relative(ROOT, outfile)]?.inputs ?? {};
  return Object.fromEntries(Object.entries(inputs).map(([path, input]) => [path, input.bytesInOutput]));
}

describe('rule patterns in bundles', () => {
  afterAll(() => esbuild.stop());

  it('compiles patterns in the functions that save rules without re2js, with its own RE2 compiler of about 25 KB', async () => {
    // Act
    const inputs = await bundleInputs('rules-create');
    // Assess: re2js (~147 KB minified) is a test-time reference only
    expect(Object.keys(inputs).filter((i) => i.includes('re2js'))).toEqual([]);
    const compiler = Object.entries(inputs).filter(([path]) => /shared\/domain\/rules\/re2-/.test(path));
    expect(compiler.map(([path]) => path).sort()).toEqual(['shared/domain/rules/re2-compile.ts', 'shared/domain/rules/re2-parse.ts', 'shared/domain/rules/re2-unicode.ts']);
    expect(compiler.reduce((sum, [, bytes]) => sum + bytes, 0)).toBeLessThan(26 * 1024);
  });
});
