import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryPolicy } from './adapters/retry';
import type { ReadAheadScope } from './adapters/read-ahead';

/**
 * What one invocation (an HTTP request, a queue record, a scheduled run) carries to the code it calls, however deep
 * and across awaits, without passing it through every signature. Each concern has its own typed field and its own
 * module reads and writes it: the correlation id (shared/correlation.ts), the retry budget
 * (shared/adapters/retry.ts) and the read-ahead (shared/adapters/read-ahead.ts).
 *
 * One store rather than one per concern: on Node 20 every AsyncLocalStorage in the process adds work to every
 * promise created anywhere (the SDK makes dozens per DynamoDB call), so one store costs a fraction of three.
 */
export interface InvocationContext {
  /** The correlation id of everything the invocation causes; `''` is "none" (a batch of mixed requests). */
  readonly correlationId?: string;
  /** The retry policy every database call inside follows. */
  readonly retryPolicy?: RetryPolicy;
  /** Items a route reads right after its token check, fetched with the check (mutable, one per request). */
  readonly readAhead?: ReadAheadScope;
}

const storage = new AsyncLocalStorage<InvocationContext>();

/** The context in force here, or undefined outside any (a script, a test). */
export function currentContext(): InvocationContext | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` in exactly `context`: the HTTP factory sets every field of a request in one call (one `run` per
 * invocation instead of one per concern).
 */
export function runInContext<T>(context: InvocationContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Runs `fn` in the current context with `fields` replaced (the innermost scope wins, the other fields carry on). */
export function withContext<T>(fields: InvocationContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}
