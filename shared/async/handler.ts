import middy from '@middy/core';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { z } from 'zod/mini';
import { correlationOf, Envelope, type EventContract } from '../../events/envelope';
import { routesOf } from '../../events/routing';
import { asyncFunctionNamed, consumerOf, type AsyncFunction } from '../../functions/async-functions';
import { requiredVariables } from '../../functions/environment';
import { requireVariables } from '../config';
import { withCorrelationId } from '../correlation';
import { metrics } from '../metrics';
import { logger } from '../observability';

/**
 * The one factory of every function not behind the API: queue consumers, the table-stream relay and scheduled
 * jobs get the same middy stack (the logger with the Lambda context and a correlation id taken from the event
 * envelope or the run, metrics with the cold-start metric; tracing is Lambda's own), the same failure rules
 * (partial batch failures: only failed records come back) and the same metric names.
 */
function asyncStack<E, R>(core: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .handler(core);
}

/**
 * Fails the cold start, naming every missing variable, when the function lacks one its manifest access list implies
 * (functions/environment.ts `requiredVariables`, the same source the CDK construct and the local cloud build its
 * environment from): as the HTTP factory does, a missing grant shows when the function loads, not at the first
 * message that happens to need it.
 */
function requireOwnConfig(def: AsyncFunction): void {
  requireVariables(requiredVariables(def));
}

/**
 * Puts the batch's correlation id on every log line of the invocation: the id itself when all its records share
 * one, else the list of them (each record's own lines also name their id).
 */
export function logBatchCorrelation(ids: Iterable<string>): void {
  const distinct = [...new Set(ids)];
  if (distinct.length === 1) logger.setCorrelationId(distinct[0]);
  else if (distinct.length > 1) logger.appendKeys({ correlationIds: distinct });
}

// ── queues ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A message that can never succeed (unknown type, broken contract): it is left to reach the DLQ, reason logged. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

/** What a consumer knows of its queue: the manifest's entry (functions/queues.ts). */
export interface ConsumedQueue {
  name: string;
  /** Deliveries before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
}

export interface ReceivedEvent<T> {
  id: string;
  type: string;
  occurredAt: string;
  data: T;
  /** The request or run this event descends from; events the handler causes carry it on. */
  correlationId: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** This is the queue's last delivery (the manifest's maxReceiveCount): if it fails, the message moves to the DLQ. */
  lastDelivery: boolean;
  record: SQSRecord;
}

type Handlers = Record<string, { contract: EventContract; handle: (e: ReceivedEvent<never>) => Promise<void> }>;

/** Pairs an event contract with the function that handles it (typed by the contract's schema). */
export function on<S extends z.ZodMiniType>(contract: EventContract<S>, handle: (e: ReceivedEvent<z.infer<S>>) => Promise<void>) {
  return { [contract.type]: { contract, handle: handle as (e: ReceivedEvent<never>) => Promise<void> } } as Handlers;
}

/**
 * The correlation id of a message without decoding it: its envelope's, else its event id, else the SQS message id.
 * A batch consumer that handles records of several requests at once runs each record's work in its own id with it
 * (`withCorrelationId(peekCorrelation(record), …)`), so the events it sends carry the right chain.
 */
export function peekCorrelation(record: SQSRecord): string {
  try {
    const body = JSON.parse(record.body) as { id?: unknown; correlationId?: unknown };
    if (typeof body.correlationId === 'string' && body.correlationId !== '') return body.correlationId;
    if (typeof body.id === 'string' && body.id !== '') return body.id;
  } catch {
    // not JSON: the message id stands in
  }
  return record.messageId;
}

/**
 * Validates one record's envelope and data; throws PoisonMessageError when it cannot be a valid event. Without
 * `maxReceiveCount` no delivery counts as the last.
 */
export function decodeRecord(record: SQSRecord, handlers: Handlers, maxReceiveCount = Infinity): { handler: Handlers[string]; event: ReceivedEvent<never> } {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('body is not JSON');
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) throw new PoisonMessageError(`not an event envelope: ${envelope.error.issues[0]?.message ?? ''}`);
  const handler = Object.hasOwn(handlers, envelope.data.type) ? handlers[envelope.data.type] : undefined;
  if (!handler) throw new PoisonMessageError(`no handler for event type ${envelope.data.type}`);
  const data = handler.contract.schema.safeParse(envelope.data.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    throw new PoisonMessageError(`${envelope.data.type} breaks its contract at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
  return {
    handler,
    event: {
      id: envelope.data.id,
      type: envelope.data.type,
      occurredAt: envelope.data.occurredAt,
      data: data.data as never,
      correlationId: correlationOf(envelope.data),
      receiveCount,
      lastDelivery: receiveCount >= maxReceiveCount,
      record,
    },
  };
}

/** A queue consumer's handler; `queue` is the manifest queue it was built for. */
export type QueueHandler = ((event: SQSEvent, context: Context) => Promise<SQSBatchResponse>) & { queue: ConsumedQueue };

function logRecordFailure(record: SQSRecord, queue: ConsumedQueue, error: unknown, correlationId: string): void {
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
  const where = { messageId: record.messageId, correlationId, receiveCount, maxReceiveCount: queue.maxReceiveCount };
  if (error instanceof PoisonMessageError) {
    logger.error('Poison message; it will move to the DLQ after its last delivery', { ...where, reason: error.message });
    metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
  } else if (receiveCount >= queue.maxReceiveCount) {
    logger.error('Event failed on its last delivery; it moves to the DLQ', { ...where, error: error as Error });
  } else {
    logger.warn('Event failed; it will be redelivered', { ...where, error: error as Error });
  }
  metrics.addMetric('RecordsFailed', MetricUnit.Count, 1);
}

/**
 * Builds an SQS-triggered Lambda handler for a manifest queue: each record is decoded against its event contract
 * and handled on its own (records of a batch side by side), inside its correlation id; failures are reported as
 * partial batch failures (only they are redelivered), and a poison message is logged with its reason and left to
 * move to the DLQ after the queue's maxReceiveCount. Handlers must be idempotent: SQS delivers at least once, in
 * any order.
 */
export function queueConsumer(queue: ConsumedQueue, ...handlerSets: Handlers[]): QueueHandler {
  requireOwnConfig(consumerOf(queue.name));
  const handlers: Handlers = Object.assign({}, ...handlerSets);
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    let decoded: ReturnType<typeof decodeRecord>;
    try {
      decoded = decodeRecord(record, handlers, queue.maxReceiveCount);
    } catch (error) {
      logRecordFailure(record, queue, error, peekCorrelation(record));
      throw error;
    }
    const { handler, event } = decoded;
    await withCorrelationId(event.correlationId, async () => {
      try {
        await handler.handle(event);
        metrics.addMetric('RecordsProcessed', MetricUnit.Count, 1);
        logger.debug('Event handled', { messageId: record.messageId, type: event.type, id: event.id, correlationId: event.correlationId });
      } catch (error) {
        logRecordFailure(record, queue, error, event.correlationId);
        throw error;
      }
    });
  };
  const handler = asyncStack<SQSEvent, SQSBatchResponse>(async (event, context) => {
    logBatchCorrelation((event.Records ?? []).map(peekCorrelation));
    return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  });
  return Object.assign(handler as unknown as QueueHandler, { queue });
}

/**
 * Builds an SQS-triggered handler that takes the whole batch at once (to group its records, as the analytics
 * consumer does per user) and answers its partial batch failures itself; the stack, correlation and metrics are
 * those of `queueConsumer`.
 */
export function queueBatchConsumer(queue: ConsumedQueue, handle: (records: SQSRecord[]) => Promise<SQSBatchResponse>): QueueHandler {
  requireOwnConfig(consumerOf(queue.name));
  const handler = asyncStack<SQSEvent, SQSBatchResponse>(async (event) => {
    const records = event.Records ?? [];
    const correlations = records.map(peekCorrelation);
    logBatchCorrelation(correlations);
    const distinct = new Set(correlations);
    // One request's batch runs in its id; a mixed batch in none (the empty id), never in an id left over from an
    // earlier invocation: the handler scopes each record itself where it sends events (peekCorrelation).
    const result = await withCorrelationId(distinct.size === 1 ? ([...distinct][0] ?? '') : '', () => handle(records));
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    logger.debug('Batch handled', { records: records.length, failed: failed.size });
    metrics.addMetric('RecordsProcessed', MetricUnit.Count, records.length - failed.size);
    if (failed.size > 0) metrics.addMetric('RecordsFailed', MetricUnit.Count, failed.size);
    return result;
  });
  return Object.assign(handler as unknown as QueueHandler, { queue });
}

// ── the table stream ───────────────────────────────────────────────────────────────────────────────────────────────

/** Sends events to a manifest queue; throws when any could not be sent. */
export type Send = (queue: string, events: Envelope[]) => Promise<void>;

/** Most entries of one SendMessageBatch. */
const SQS_BATCH = 10;

/**
 * Builds the table-stream handler that relays events to their queues: `read` turns a record into the events it
 * stands for, `send` publishes them (the SQS adapter; queue consumers do not bundle it through this module). A record `read` cannot read (it throws), an event whose type has no route, and the first record of a
 * send that failed are failures: the earliest is reported as the batch item failure, so Lambda retries from it
 * (halving the batch) and, once its retries are spent, sends it to the mapping's on-failure destination — nothing
 * is skipped silently. Readable records of the batch are relayed all the same (at least once: consumers
 * deduplicate by event id). `name` is the relay's manifest name, whose access list's variables are checked when the
 * module loads.
 */
export function streamRelayHandler(read: (record: DynamoDBRecord) => Envelope[], send: Send, name = 'outbox-relay') {
  requireOwnConfig(asyncFunctionNamed(name));
  return asyncStack<DynamoDBStreamEvent, DynamoDBBatchResponse>(async (event) => {
    const records = event.Records ?? [];
    const failedSeqs: string[] = [];
    const byQueue = new Map<string, { seq: string; event: Envelope }[]>();
    const correlations: string[] = [];
    for (const record of records) {
      const seq = record.dynamodb?.SequenceNumber ?? '';
      let events: Envelope[];
      try {
        events = read(record);
      } catch (error) {
        logger.error('Unreadable stream record; it fails to the on-failure destination after its retries', { seq, eventName: record.eventName, error: error as Error });
        metrics.addMetric('UnreadableRecords', MetricUnit.Count, 1);
        failedSeqs.push(seq);
        continue;
      }
      for (const e of events) {
        correlations.push(correlationOf(e));
        try {
          for (const q of routesOf(e.type)) byQueue.set(q, [...(byQueue.get(q) ?? []), { seq, event: e }]);
        } catch (error) {
          logger.error('No route for event type; the record fails to the on-failure destination after its retries', { seq, type: e.type, id: e.id, correlationId: correlationOf(e), error: error as Error });
          metrics.addMetric('UnroutedEvents', MetricUnit.Count, 1);
          failedSeqs.push(seq);
        }
      }
    }
    logBatchCorrelation(correlations);
    await Promise.all(
      [...byQueue.entries()].flatMap(([queue, items]) => {
        const chunks: (typeof items)[] = [];
        for (let i = 0; i < items.length; i += SQS_BATCH) chunks.push(items.slice(i, i + SQS_BATCH));
        return chunks.map(async (chunk) => {
          try {
            await send(
              queue,
              chunk.map((c) => c.event),
            );
            metrics.addMetric('EventsRelayed', MetricUnit.Count, chunk.length);
          } catch (error) {
            logger.warn('Publish failed; the stream will retry', { queue, correlationIds: [...new Set(chunk.map((c) => correlationOf(c.event)))], error: error as Error });
            const first = chunk[0];
            if (first) failedSeqs.push(first.seq);
          }
        });
      }),
    );
    const processed = records.length - new Set(failedSeqs).size;
    if (processed > 0) metrics.addMetric('RecordsProcessed', MetricUnit.Count, processed);
    if (failedSeqs.length === 0) return { batchItemFailures: [] };
    metrics.addMetric('RecordsFailed', MetricUnit.Count, new Set(failedSeqs).size);
    // Lambda resumes from the lowest failed sequence number: the earliest failure is the one that counts.
    const order = new Map(records.map((r, i) => [r.dynamodb?.SequenceNumber ?? '', i]));
    const earliest = failedSeqs.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0] ?? '';
    return { batchItemFailures: [{ itemIdentifier: earliest }] };
  });
}

// ── schedules ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Builds a handler for an EventBridge Scheduler invocation. `now` is the scheduled time when the event carries one
 * (so a retried run covers the same period), otherwise the clock. The run's correlation id (the event's id, else
 * the invocation's request id) is carried by every event the job causes. A failed run is logged and thrown, so
 * Lambda retries it and then sends it to the function's dead-letter queue. `name` is the function's manifest name
 * (functions/async-functions.ts): its access list's variables are checked when the module loads.
 */
export function scheduledJob<R>(name: string, job: (now: Date, context: Context) => Promise<R>) {
  requireOwnConfig(asyncFunctionNamed(name));
  return asyncStack<Partial<ScheduledEvent> | undefined, R>(async (event, context) => {
    const correlationId = typeof event?.id === 'string' && event.id !== '' ? event.id : context.awsRequestId;
    logger.setCorrelationId(correlationId);
    const at = event?.time ? new Date(event.time) : new Date();
    return withCorrelationId(correlationId, async () => {
      try {
        const result = await job(Number.isNaN(at.getTime()) ? new Date() : at, context);
        metrics.addMetric('JobsSucceeded', MetricUnit.Count, 1);
        logger.info('Scheduled job done', { result: result as unknown as Record<string, unknown> });
        return result;
      } catch (error) {
        metrics.addMetric('JobsFailed', MetricUnit.Count, 1);
        logger.error('Scheduled job failed; Lambda retries it, then sends it to the dead-letter queue', error as Error);
        throw error;
      }
    });
  });
}
