import middy from '@middy/core';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse, Context } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Envelope } from '../../events/envelope';
import { ROUTES } from '../../events/routing';
import { publish } from '../adapters/queue';
import { logger } from '../observability';

/** The event an outbox stream record carries, or undefined for records that are not outbox inserts. */
export function outboxEventOf(record: DynamoDBRecord): Envelope | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (typeof item.pk !== 'string' || !item.pk.startsWith('OUTBOX#') || typeof item.event !== 'string') return undefined;
  return Envelope.parse(JSON.parse(item.event));
}

/**
 * The outbox relay: for each inserted outbox item, publish its event to every queue of its route. A failed publish
 * fails that record only; the stream retries from it (at-least-once, so consumers deduplicate by event id).
 */
export function streamRelay() {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    const event = outboxEventOf(record);
    if (!event) return;
    const queues = ROUTES[event.type];
    if (!queues || queues.length === 0) {
      logger.error('No route for event type; it is dropped', { type: event.type, id: event.id });
      return;
    }
    await Promise.all(queues.map((q) => publish(q, [event])));
  };
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event: DynamoDBStreamEvent, context: Context) =>
      processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false }),
    );
}
