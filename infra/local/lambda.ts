import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDef } from '../../functions/manifest';
import { parseConfig, setConfigScope, type Config } from '../../shared/config';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws';
import { fromRoot } from './paths';

/**
 * Defaults when the manifest gives none: the CDK app's (infra/constructs/manifest-function.ts), 10 s for HTTP
 * functions and 30 s for the others, 256 MB.
 */
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_HTTP_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 256;

/** Anything Lambda's Node.js runtime accepts as a handler. */
export type AnyHandler = (event: unknown, context: Context, callback: (error?: unknown, result?: unknown) => void) => unknown;

export interface LambdaFunction {
  name: string;
  timeoutSeconds: number;
  memoryMb: number;
  handler: () => Promise<AnyHandler>;
  /**
   * The function's own configuration (its environmentFor): while it runs, config() answers with this alone, so a
   * variable its access list does not grant is missing as on AWS. Without one, the process's configuration.
   */
  config?: () => Config;
}

const invocationConfig = new AsyncLocalStorage<Config>();
setConfigScope(() => invocationConfig.getStore());

const modules = new Map<string, Promise<AnyHandler>>();

/** Imports a handler file once (a cold start), lazily, the first time its function runs. */
export function loadHandler(entry: string): Promise<AnyHandler> {
  let loaded = modules.get(entry);
  if (!loaded) {
    loaded = import(/* @vite-ignore */ pathToFileURL(fromRoot(entry)).href).then((mod: { handler?: unknown }) => {
      if (typeof mod.handler !== 'function') throw new Error(`${entry} does not export a handler function`);
      return mod.handler as AnyHandler;
    });
    loaded.catch(() => modules.delete(entry));
    modules.set(entry, loaded);
  }
  return loaded;
}

/**
 * The function of a manifest entry, its handler imported on first use; with `env` (infra/local/env.ts
 * functionEnvironment), each invocation sees only that configuration.
 */
export function manifestFunction(def: FunctionDef, env?: Readonly<Record<string, string>>): LambdaFunction {
  let parsed: Config | undefined;
  return {
    ...(env ? { config: () => (parsed ??= parseConfig(env)) } : {}),
    name: def.name,
    timeoutSeconds: def.timeoutSeconds ?? (def.kind === 'http' ? DEFAULT_HTTP_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS),
    memoryMb: def.memoryMb ?? DEFAULT_MEMORY_MB,
    handler: () => loadHandler(def.entry),
  };
}

/** A function whose handler is given directly (tests, tools). */
export function inlineFunction(name: string, handler: AnyHandler, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS): LambdaFunction {
  return { name, timeoutSeconds, memoryMb: DEFAULT_MEMORY_MB, handler: () => Promise.resolve(handler) };
}

/** The Lambda context object of one invocation. */
export function lambdaContext(fn: Pick<LambdaFunction, 'name' | 'memoryMb'>, deadline: number, requestId: string = randomUUID()): Context {
  const now = new Date();
  const day = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
  const unsupported = () => {
    throw new Error('The legacy context.done/succeed/fail methods are not supported; return a value or a promise.');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export type Invocation = { ok: true; result: unknown; ms: number; requestId: string } | { ok: false; error: Error; timedOut: boolean; ms: number; requestId: string };

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
}

/**
 * Invokes a function the way Lambda's Node.js runtime does: the handler gets the event, a context and a callback,
 * and the invocation ends with its promise (or the callback). The handler's module is imported first, outside the
 * timeout (Lambda's init phase); a run longer than the function's timeout fails with Lambda's message.
 */
export async function invoke(fn: LambdaFunction, event: unknown): Promise<Invocation> {
  const requestId = randomUUID();
  let handler: AnyHandler;
  const started = Date.now();
  let scoped: Config | undefined;
  try {
    // A malformed environment fails the cold start, as config.ts does when it loads on AWS.
    scoped = fn.config?.();
    handler = await (scoped ? invocationConfig.run(scoped, () => fn.handler()) : fn.handler());
  } catch (e) {
    return { ok: false, error: asError(e), timedOut: false, ms: Date.now() - started, requestId };
  }
  const start = Date.now();
  const deadline = start + fn.timeoutSeconds * 1000;
  const context = lambdaContext(fn, deadline, requestId);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Invocation>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: new Error(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`),
          timedOut: true,
          ms: Date.now() - start,
          requestId,
        }),
      fn.timeoutSeconds * 1000,
    );
  });
  const run = new Promise<unknown>((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(asError(error)) : resolve(result));
    try {
      const returned = scoped ? invocationConfig.run(scoped, () => handler(event, context, callback)) : handler(event, context, callback);
      if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<unknown>).then(resolve, (e: unknown) => reject(asError(e)));
      } else if (handler.length < 3) {
        resolve(returned);
      }
    } catch (e) {
      reject(asError(e));
    }
  }).then(
    (result): Invocation => ({ ok: true, result, ms: Date.now() - start, requestId }),
    (error: Error): Invocation => ({ ok: false, error, timedOut: false, ms: Date.now() - start, requestId }),
  );
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
