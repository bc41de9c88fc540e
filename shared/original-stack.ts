import type { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Error stacks in terms of the TypeScript sources, for the errors the logger writes. A deployed function is one
 * minified bundle with its source map beside it (infra/constructs/manifest-function.ts), and it runs without
 * `--enable-source-maps`: with that flag Node reads and indexes the map of the bundle when it loads, about a fifth
 * of every cold import (`npm run bench -- bundles` prints both), for stacks only a logged error needs. Here the map
 * is read at the first error logged, and only frames in this bundle are rewritten (`shared/http/handler.ts:120:7`
 * instead of `index.mjs:1:48213`). Outside a bundle (the local cloud, tests) there is no map and stacks stay as they are.
 */

/** The file this module was bundled into (undefined when it cannot be told). */
const HERE: string | undefined = (() => {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return undefined;
  }
})();

let loaded: { map: SourceMap; prefixes: string[] } | null | undefined;

/** The bundle's source map, read once; null when this module is not in a bundle with a map beside it. */
function bundleMap(): { map: SourceMap; prefixes: string[] } | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (!HERE || !/\.m?js$/.test(HERE)) return loaded;
  try {
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const { SourceMap: SourceMapOf } = process.getBuiltinModule('node:module');
    const map = new SourceMapOf(JSON.parse(readFileSync(`${HERE}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
    loaded = { map, prefixes: [`${pathToFileURL(HERE).href}:`, `${HERE}:`] };
  } catch {
    // No map beside the bundle (built without one) or an unreadable one: stacks stay as Node gives them.
  }
  return loaded;
}

/** A source path of the map as a reader knows it: `shared/http/handler.ts`, `@smithy/core/dist-es/…`. */
function readable(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) return source.slice(modules + 'node_modules/'.length);
  return source.replace(/^(?:file:\/\/)?(?:\.\.\/|\.\/)+/, '').replace(/^.*?\/(?=(?:shared|functions|infra|tests)\/)/, '');
}

/** One stack line with its bundle position replaced by the source position, or the line as it was. */
function rewriteFrame(line: string, map: SourceMap, prefixes: readonly string[]): string {
  if (!line.trimStart().startsWith('at ')) return line;
  for (const prefix of prefixes) {
    const at = line.indexOf(prefix);
    if (at < 0) continue;
    const rest = line.slice(at + prefix.length);
    const position = /^(\d+):(\d+)/.exec(rest);
    if (!position) return line;
    const entry = map.findEntry(Number(position[1]) - 1, Number(position[2]) - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (typeof entry.originalSource !== 'string' || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
    return `${line.slice(0, at)}${readable(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}${rest.slice(position[0].length)}`;
  }
  return line;
}

/** `stack` with every frame in this bundle at its source position; unchanged outside a bundle with a map. */
export function originalStack(stack: string): string {
  const bundle = bundleMap();
  if (!bundle) return stack;
  return stack
    .split('\n')
    .map((line) => rewriteFrame(line, bundle.map, bundle.prefixes))
    .join('\n');
}

/** A copy of `error` (same prototype and members) whose stack, and its causes' stacks, are at source positions. */
function withOriginalStack(error: Error, depth: number): Error {
  if (!bundleMap() || depth > 4) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as Error;
  if (typeof error.stack === 'string') Object.defineProperty(copy, 'stack', { value: originalStack(error.stack), writable: true, configurable: true });
  if (error.cause instanceof Error) Object.defineProperty(copy, 'cause', { value: withOriginalStack(error.cause, depth + 1), writable: true, configurable: true });
  return copy;
}

/**
 * The logger's JSON replacer (Powertools calls it before formatting errors): every Error written to a log carries
 * its stack at source positions. The error itself is left as it was.
 */
export function errorsAtSourcePositions(_key: string, value: unknown): unknown {
  return value instanceof Error ? withOriginalStack(value, 0) : value;
}
