import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../shared/domain/errors';
import { currentRetryPolicy, DEFAULT_BUDGET_MS, retrying, retryReason, withRetryBudget, type RetryClock } from '../../../shared/adapters/retry';
import { retryMiddleware } from '../../../shared/adapters/dynamo';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });
const cancelled = (...codes: string[]) => named('TransactionCanceledException', { CancellationReasons: codes.map((Code) => ({ Code })) });
const socket = (code: string, message = code) => Object.assign(new Error(message), { code });

/** A clock whose sleeps advance time at once, recording each delay. */
function fakeClock(random = () => 1): RetryClock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
      return Promise.resolve();
    },
    random,
  };
  return c;
}

describe('retryReason', () => {
  it('retries contention: transaction conflicts and throttling', () => {
    expect(retryReason(cancelled('None', 'TransactionConflict'))).toBe('contention');
    expect(retryReason(cancelled('ThrottlingError'))).toBe('contention');
    expect(retryReason(named('ProvisionedThroughputExceededException'))).toBe('contention');
    expect(retryReason(named('ThrottlingException'))).toBe('contention');
    expect(retryReason(named('RequestLimitExceeded'))).toBe('contention');
    expect(retryReason(named('TransactionInProgressException'))).toBe('contention');
  });

  it('retries an unavailable database: 5xx, connection errors, timeouts', () => {
    expect(retryReason(named('InternalServerError'))).toBe('unavailable');
    expect(retryReason(named('SomethingElse', { $metadata: { httpStatusCode: 503 } }))).toBe('unavailable');
    expect(retryReason(socket('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8000'))).toBe('unavailable');
    expect(retryReason(socket('ECONNRESET'))).toBe('unavailable');
    expect(retryReason(new Error('socket hang up'))).toBe('unavailable');
    expect(retryReason(named('TimeoutError', { code: 'ETIMEDOUT' }))).toBe('unavailable');
    expect(retryReason(Object.assign(new Error('fetch failed'), { cause: socket('ECONNREFUSED') }))).toBe('unavailable');
  });

  it('never retries a condition failure, even one cancelled together with a conflict', () => {
    expect(retryReason(named('ConditionalCheckFailedException'))).toBeUndefined();
    expect(retryReason(cancelled('ConditionalCheckFailed'))).toBeUndefined();
    expect(retryReason(cancelled('TransactionConflict', 'ConditionalCheckFailed'))).toBeUndefined();
    expect(retryReason(cancelled('ValidationError', 'TransactionConflict'))).toBeUndefined();
    expect(retryReason(cancelled('None', 'None'))).toBeUndefined();
  });

  it('never retries a caller error or a budget already spent', () => {
    expect(retryReason(named('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBeUndefined();
    expect(retryReason(named('ResourceNotFoundException'))).toBeUndefined();
    expect(retryReason(new TypeError('x is undefined'))).toBeUndefined();
    expect(retryReason(Object.assign(new ServiceUnavailableError('spent'), { cause: socket('ECONNREFUSED') }))).toBeUndefined();
    expect(retryReason(undefined)).toBeUndefined();
  });
});

describe('retrying', () => {
  it('returns the first success after retryable failures', async () => {
    const clock = fakeClock(() => 0.5);
    const failures = [cancelled('TransactionConflict'), named('ThrottlingException')];
    let calls = 0;
    const out = await retrying(
      () => {
        calls++;
        const f = failures.shift();
        return f ? Promise.reject(f) : Promise.resolve('ok');
      },
      { budgetMs: 3000 },
      clock,
    );
    expect(out).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([12.5, 25]);
  });

  it('uses full jitter: each delay is random in [0, min(cap, base·2ⁿ))', async () => {
    const draws = [0, 0.25, 0.999, 0.5, 1, 1, 1];
    const clock = fakeClock(() => draws.shift() ?? 1);
    let n = 0;
    await retrying(() => (++n < 8 ? Promise.reject(socket('ECONNRESET')) : Promise.resolve()), { budgetMs: 60_000, baseMs: 100, capMs: 1000 }, clock);
    expect(clock.sleeps).toEqual([0, 50, 399.6, 400, 1000, 1000, 1000]);
  });

  it('gives up with ServiceUnavailableError inside the budget, the last error as cause', async () => {
    const clock = fakeClock();
    const last = socket('ECONNREFUSED');
    const error = await retrying(() => Promise.reject(last), { budgetMs: 3000 }, clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBe(5);
    expect((error as Error & { cause?: unknown }).cause).toBe(last);
    expect(clock.t).toBeLessThan(3000);
    expect(clock.sleeps.length).toBeGreaterThan(3);
  });

  it('answers contention with a short Retry-After', async () => {
    const error = await retrying(() => Promise.reject(cancelled('TransactionConflict')), { budgetMs: 500 }, fakeClock()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBe(1);
  });

  it('stops at the deadline even when the budget is longer', async () => {
    const clock = fakeClock();
    clock.t = 10_000;
    const error = await retrying(() => Promise.reject(named('ThrottlingException')), { budgetMs: 60_000, deadline: 10_400 }, clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(clock.t).toBeLessThan(10_400);
  });

  it('passes a condition failure through at once', async () => {
    const clock = fakeClock();
    const failure = cancelled('ConditionalCheckFailed');
    let calls = 0;
    const error = await retrying(() => (calls++, Promise.reject(failure)), { budgetMs: 3000 }, clock).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('withRetryBudget', () => {
  it('sets the policy for every call inside it, across awaits, and only there', async () => {
    expect(currentRetryPolicy().budgetMs).toBe(DEFAULT_BUDGET_MS);
    const inside = await withRetryBudget({ budgetMs: 1234, deadline: 99 }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentRetryPolicy();
    });
    expect(inside).toEqual({ budgetMs: 1234, deadline: 99 });
    expect(currentRetryPolicy().budgetMs).toBe(DEFAULT_BUDGET_MS);
  });
});

describe('retryMiddleware', () => {
  type Next = Parameters<ReturnType<typeof retryMiddleware>>[0];
  const context = (commandName: string) => ({ commandName }) as Parameters<ReturnType<typeof retryMiddleware>>[1];

  it('retries a transaction conflict with the same ClientRequestToken on every attempt', async () => {
    const seen: Record<string, unknown>[] = [];
    const next = ((args: { input: Record<string, unknown> }) => {
      seen.push(args.input);
      return seen.length < 3 ? Promise.reject(cancelled('TransactionConflict')) : Promise.resolve({ output: { $metadata: {} }, response: {} });
    }) as unknown as Next;
    await withRetryBudget({ budgetMs: 5000, baseMs: 1, capMs: 2 }, () => retryMiddleware()(next, context('TransactWriteItemsCommand'))({ input: { TransactItems: [] } }));
    expect(seen).toHaveLength(3);
    const tokens = new Set(seen.map((i) => i.ClientRequestToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns a refused connection into ServiceUnavailableError within the budget', async () => {
    let calls = 0;
    const next = (() => {
      calls++;
      return Promise.reject(socket('ECONNREFUSED'));
    }) as unknown as Next;
    const started = Date.now();
    const error = await withRetryBudget({ budgetMs: 200, baseMs: 5, capMs: 20 }, () => retryMiddleware()(next, context('GetItemCommand'))({ input: {} })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(calls).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
