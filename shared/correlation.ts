import { MAX_CORRELATION_ID_LENGTH } from '../events/envelope';
import { currentContext, withContext } from './invocation-context';
import { logger } from './observability';

/**
 * The correlation id of the work in progress, without HTTP reaching into use cases: an async handler runs each
 * record in a scope (the invocation context's `correlationId`) (records of one batch run side by side, so a process-wide value would mix them up); outside
 * any scope it is the id the HTTP handler factory gave the logger for the request. Lambda runs one invocation per
 * process, so the logger's id is the request's; the scope keeps parallel records apart.
 */

/**
 * Runs `fn` with `id` as the correlation id of everything it causes (events written to the outbox or published); the
 * rest of the invocation's context (retry budget, read-ahead) carries on. The HTTP factory sets the id with the rest
 * of the request's context in one `runInContext` instead.
 */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return withContext({ correlationId: id }, fn);
}

/**
 * The current correlation id, cut to what an event envelope carries, or undefined when there is none (a test, a
 * script).
 */
export function currentCorrelationId(): string | undefined {
  const id = currentContext()?.correlationId ?? logger.getCorrelationId();
  return typeof id === 'string' && id !== '' ? id.slice(0, MAX_CORRELATION_ID_LENGTH) : undefined;
}
