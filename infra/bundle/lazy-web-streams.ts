/**
 * What function bundles use in place of `node:stream/web` (see ./options.ts).
 *
 * `@middy/core` imports `ReadableStream` from `node:stream/web` when it loads, to test whether a handler in its
 * streaming mode answered with a web stream; Tally's handlers never stream. Loading `node:stream/web` loads Node's
 * whole web-streams implementation, about 1.5 ms of every cold start that nothing then uses. Node's global
 * `ReadableStream` is the same class, set up on first access; this forwards every use (`new`, `instanceof`, static
 * members) to it, so the implementation loads only if something really uses a web stream.
 */
const real = (): typeof globalThis.ReadableStream => globalThis.ReadableStream;

export const ReadableStream: typeof globalThis.ReadableStream = new Proxy(function ReadableStream() {} as unknown as typeof globalThis.ReadableStream, {
  construct: (_target, args, newTarget) => Reflect.construct(real(), args, newTarget === ReadableStream ? real() : newTarget) as object,
  apply: (_target, self, args) => Reflect.apply(real(), self, args) as unknown,
  get: (_target, key) => Reflect.get(real(), key) as unknown,
  has: (_target, key) => Reflect.has(real(), key),
  getPrototypeOf: () => Reflect.getPrototypeOf(real()),
});
