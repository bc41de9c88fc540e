import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';

/**
 * The wrapper the capacity host puts around every Lambda handler (invocation-hooks.mjs): it times each invocation,
 * names what it handled (an HTTP route, the queue messages' event types, stream records, a schedule) and keeps
 * that name in an AsyncLocalStorage, so a DynamoDB call made inside can be charged to it.
 */

/** What an invocation handled: `GET /me`, `ReportRequested`, `stream`, `schedule`. */
export interface InvocationScope {
  functionName: string;
  label: string;
}

/** What one invocation reports on {@link INVOCATION_CHANNEL} when it settles. */
export interface InvocationRecord extends InvocationScope {
  ms: number;
  ok: boolean;
  /** SQS or stream records in the event (0 for HTTP and schedules). */
  records: number;
  /** Queue name of SQS records (the last part of their ARN). */
  queue?: string;
  /** SQS records by event type (a batch may mix types, e.g. per-user and sweep-continuation messages). */
  types?: Record<string, number>;
}

export const INVOCATION_CHANNEL = 'tally:capacity:invocation';
const invocations = channel(INVOCATION_CHANNEL);
const scope = new AsyncLocalStorage<InvocationScope>();

/** The invocation the caller runs in, if any. */
export function currentInvocation(): InvocationScope | undefined {
  return scope.getStore();
}

type Handler = (event: unknown, context: { functionName: string }, callback?: unknown) => unknown;
interface EventShape {
  routeKey?: string;
  Records?: { eventSource?: string; eventSourceARN?: string; body?: string }[];
  'detail-type'?: string;
}

function messageType(body: string | undefined): string {
  try {
    return String((JSON.parse(body ?? '') as { type?: unknown }).type ?? 'message');
  } catch {
    return 'message';
  }
}

/** The label and record count of an event (exported for its unit test). */
export function describeEvent(event: unknown): { label: string; records: number; queue?: string; types?: Record<string, number> } {
  const e = (event ?? {}) as EventShape;
  if (typeof e.routeKey === 'string') return { label: e.routeKey, records: 0 };
  if (Array.isArray(e.Records)) {
    const first = e.Records[0];
    if (first?.eventSource === 'aws:sqs') {
      const types: Record<string, number> = {};
      for (const r of e.Records) types[messageType(r.body)] = (types[messageType(r.body)] ?? 0) + 1;
      return { label: Object.keys(types).sort().join('+'), records: e.Records.length, queue: (first.eventSourceARN ?? '').split(':').pop() ?? '', types };
    }
    return { label: 'stream', records: e.Records.length };
  }
  return { label: 'schedule', records: 0 };
}

/** `handler`, timed and labelled: each invocation publishes an {@link InvocationRecord} when it settles. */
export function timed(handler: Handler): Handler {
  if (typeof handler !== 'function') return handler;
  return async (event, context) => {
    const { label, records, queue, types } = describeEvent(event);
    const started = performance.now();
    let ok = false;
    try {
      const result = await scope.run({ functionName: context.functionName, label }, () => handler(event, context));
      ok = true;
      return result;
    } finally {
      const record: InvocationRecord = { functionName: context.functionName, label, ms: performance.now() - started, ok, records, ...(queue ? { queue } : {}), ...(types ? { types } : {}) };
      invocations.publish(record);
    }
  };
}
