import { AsyncLocalStorage } from 'node:async_hooks';
import { MAX_CORRELATION_ID_LENGTH } from '../events/envelope';
import { logger } from './observability';

/**
 * The correlation id of the work in progress, without HTTP reaching into use cases: an async handler runs each
 * record in a scope (records of one batch run side by side, so a process-wide value would mix them up); outside
 * any scope it is the id the HTTP handler factory gave the logger for the request. Lambda runs one invocation per
 * process, so the logger's id is the request's; the scope keeps parallel records apart.
 */
const scope = new AsyncLocalStorage<string>();

/** Runs `fn` with `id` as the correlation id of everything it causes (events written to the outbox or published). */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return scope.run(id, fn);
}

/**
 * The current correlation id, cut to what an event envelope carries, or undefined when there is none (a test, a
 * script).
 */
export function currentCorrelationId(): string | undefined {
  const id = scope.getStore() ?? logger.getCorrelationId();
  return typeof id === 'string' && id !== '' ? id.slice(0, MAX_CORRELATION_ID_LENGTH) : undefined;
}
