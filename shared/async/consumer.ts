import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord, SQSBatchResponse } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { z } from 'zod/mini';
import { Envelope, type EventContract } from '../../events/envelope';
import { logger, metrics, tracer } from '../observability';

/** A message that can never succeed (unknown type, broken contract): it is left to reach the DLQ, reason logged. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

export interface ReceivedEvent<T> {
  id: string;
  type: string;
  occurredAt: string;
  data: T;
  /** 1 on the first delivery. */
  receiveCount: number;
  record: SQSRecord;
}

type Handlers = Record<string, { contract: EventContract; handle: (e: ReceivedEvent<never>) => Promise<void> }>;

/** Pairs an event contract with the function that handles it (typed by the contract's schema). */
export function on<S extends z.ZodMiniType>(contract: EventContract<S>, handle: (e: ReceivedEvent<z.infer<S>>) => Promise<void>) {
  return { [contract.type]: { contract, handle: handle as (e: ReceivedEvent<never>) => Promise<void> } } as Handlers;
}

/** Validates one record's envelope and data; throws PoisonMessageError when it cannot be a valid event. */
export function decodeRecord(record: SQSRecord, handlers: Handlers): { handler: Handlers[string]; event: ReceivedEvent<never> } {
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
  return {
    handler,
    event: {
      id: envelope.data.id,
      type: envelope.data.type,
      occurredAt: envelope.data.occurredAt,
      data: data.data as never,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? '1'),
      record,
    },
  };
}

/**
 * Builds an SQS-triggered Lambda handler: each record is decoded against its event contract and handled on its own;
 * failures are reported as partial batch failures (only they are redelivered), and a poison message is logged with
 * its reason and left to move to the DLQ after the queue's maxReceiveCount. Handlers must be idempotent: SQS
 * delivers at least once, in any order.
 */
export function queueConsumer(...handlerSets: Handlers[]) {
  const handlers: Handlers = Object.assign({}, ...handlerSets);
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      const { handler, event } = decodeRecord(record, handlers);
      await handler.handle(event);
      metrics.addMetric('EventsProcessed', MetricUnit.Count, 1);
    } catch (error) {
      if (error instanceof PoisonMessageError) {
        logger.error('Poison message; it will move to the DLQ after its last delivery', { messageId: record.messageId, reason: error.message });
        metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
      } else {
        logger.warn('Event failed; it will be redelivered', { messageId: record.messageId, error: error as Error });
      }
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .handler(async (event: SQSEvent, context: Context) =>
      processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false }),
    );
}
