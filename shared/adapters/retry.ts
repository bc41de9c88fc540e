import { ServiceUnavailableError } from '../domain/errors';
import { currentContext, withContext } from '../invocation-context';

/**
 * Why a failed call may succeed if sent again: `contention` (a transaction conflict or throttling: another writer
 * holds the item, or the table is over its rate) or `unavailable` (the database did not answer: connection refused
 * or reset, a timeout, a 5xx).
 */
export type RetryReason = 'contention' | 'unavailable';

const CONTENTION_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const UNAVAILABLE_NAMES = new Set(['InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
/** Cancellation reasons of a TransactWriteItems that a later attempt can overcome. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
  cause?: unknown;
}

/**
 * Whether a DynamoDB error is worth another attempt, and why. A cancelled transaction is retried only when none of
 * its items failed its condition (a condition failure is an answer, never retried) and at least one was contended.
 */
export function retryReason(error: unknown): RetryReason | undefined {
  // A nested call already spent its budget: retrying around it would spend it again.
  if (error instanceof ServiceUnavailableError) return undefined;
  const e = (error ?? {}) as ErrorShape;
  const name = e.name ?? '';
  if (name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (codes.some((c) => c !== 'None' && !RETRYABLE_REASONS.has(c))) return undefined;
    return codes.some((c) => RETRYABLE_REASONS.has(c)) ? 'contention' : undefined;
  }
  if (name === 'ConditionalCheckFailedException') return undefined;
  if (CONTENTION_NAMES.has(name) || e.$metadata?.httpStatusCode === 429) return 'contention';
  if (UNAVAILABLE_NAMES.has(name)) return 'unavailable';
  if (e.code && CONNECTION_CODES.has(e.code)) return 'unavailable';
  if (/socket hang up|ECONNREFUSED|ECONNRESET/i.test(e.message ?? '')) return 'unavailable';
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) return 'unavailable';
  // fetch-style wrappers keep the socket error as the cause.
  if (e.cause && e.cause !== error && typeof e.cause === 'object') return retryReason(e.cause);
  return undefined;
}

/** How long to keep retrying one call, and how the delays grow (full jitter: a random delay in [0, min(cap, base·2ⁿ))). */
export interface RetryPolicy {
  /** Time one call may spend retrying, from its first attempt. */
  budgetMs: number;
  /** An absolute time (epoch ms) no retry may pass, e.g. the Lambda invocation's end minus a margin to answer. */
  deadline?: number;
  baseMs?: number;
  capMs?: number;
}

/** `Retry-After` (seconds) answered when a call gave up: contention clears quickly, an outage takes longer. */
export const RETRY_AFTER_SECONDS: Record<RetryReason, number> = { contention: 1, unavailable: 5 };

/** Outside any {@link withRetryBudget} (queue consumers, scripts), each call may retry for this long. */
export const DEFAULT_BUDGET_MS = 10_000;

/**
 * Runs `fn` with a retry policy that every database call inside it (however deep, across awaits) follows; an HTTP
 * handler sets a short budget and the invocation's deadline, so a request answers 503 instead of hanging (it sets the
 * policy with the rest of the request's context in one `runInContext`). The rest of the context carries on.
 */
export function withRetryBudget<T>(policy: RetryPolicy, fn: () => Promise<T>): Promise<T> {
  return withContext({ retryPolicy: policy }, fn);
}

/** The policy in force here: the innermost {@link withRetryBudget}, or the default budget. */
export function currentRetryPolicy(): RetryPolicy {
  return currentContext()?.retryPolicy ?? { budgetMs: DEFAULT_BUDGET_MS };
}

/** What {@link retrying} needs from the world; tests replace them. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: () => Math.random(),
};

/**
 * Calls `attempt` until it succeeds, fails with an error {@link retryReason} does not retry, or the next delay would
 * pass the budget or the deadline; then throws {@link ServiceUnavailableError} (the last error as its cause).
 * Delays are full-jitter exponential back-off, so contending writers spread out instead of colliding again.
 */
export async function retrying<T>(attempt: () => Promise<T>, policy: RetryPolicy = currentRetryPolicy(), clock: RetryClock = realClock): Promise<T> {
  const started = clock.now();
  const giveUpAt = Math.min(started + policy.budgetMs, policy.deadline ?? Infinity);
  const base = policy.baseMs ?? 25;
  const cap = policy.capMs ?? 1000;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const reason = retryReason(error);
      if (!reason) throw error;
      const delay = clock.random() * Math.min(cap, base * 2 ** n);
      if (clock.now() + delay >= giveUpAt) {
        const what = reason === 'contention' ? 'is busy with other changes to the same data' : 'is not answering';
        const failure = new ServiceUnavailableError(`The database ${what}; try again in a moment.`, RETRY_AFTER_SECONDS[reason]);
        (failure as Error & { cause?: unknown }).cause = error;
        (failure as Error & { attempts?: number }).attempts = n + 1;
        throw failure;
      }
      await clock.sleep(delay);
    }
  }
}
