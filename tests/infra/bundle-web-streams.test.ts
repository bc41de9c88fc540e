import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/manifest';
import { ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';
import { ReadableStream as LazyReadableStream } from '../../infra/bundle/lazy-web-streams';

const ROOT = join(import.meta.dirname, '..', '..');

describe('web streams in bundles', () => {
  afterAll(() => esbuild.stop());

  it('stands in for ReadableStream faithfully: new, instanceof, subclasses and static members reach Node’s class', async () => {
    const made = new LazyReadableStream<string>({
      start(c) {
        c.enqueue('a');
        c.close();
      },
    });
    expect(made).toBeInstanceOf(globalThis.ReadableStream);
    expect(new globalThis.ReadableStream()).toBeInstanceOf(LazyReadableStream);
    expect({}).not.toBeInstanceOf(LazyReadableStream);
    expect(typeof LazyReadableStream.from).toBe('function');
    const Base: typeof globalThis.ReadableStream<string> = LazyReadableStream;
    class Sub extends Base {}
    expect(new Sub()).toBeInstanceOf(Sub);
    expect(new Sub()).toBeInstanceOf(globalThis.ReadableStream);
    expect(() => (LazyReadableStream as unknown as () => unknown)()).toThrow(TypeError);
    const chunks: string[] = [];
    for await (const chunk of made) chunks.push(chunk);
    expect(chunks).toEqual(['a']);
  });

  it('keeps node:stream/web out of an HTTP function’s imports (middy imports it at load for its streaming mode)', async () => {
    const def = functions.find((f) => f.name === 'me-get');
    if (!def) throw new Error('me-get is not in the manifest');
    const outfile = join(ROOT, '.bench', 'web-streams-test', 'index.mjs');
    const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, def.entry)], outfile, ...ESBUILD_OPTIONS, alias: bundleAliasesFor(def), write: false, metafile: true, logLevel: 'silent' });
    const output = result.metafile.outputs[relative(ROOT, outfile)];
    expect(Object.keys(output?.inputs ?? {})).toContain('infra/bundle/lazy-web-streams.ts');
    expect((output?.imports ?? []).map((i) => i.path).filter((p) => p.includes('stream/web'))).toEqual([]);
  });
});
