import { randomUUID } from 'node:crypto';
import type { z } from 'zod/mini';
import type { Envelope, EventContract } from '../../events/envelope';
import { currentCorrelationId } from '../correlation';
import { tableName } from './dynamo';
import * as keys from './keys';

/** How long an outbox item stays in the table after its stream record was emitted. */
const OUTBOX_TTL_SECONDS = 24 * 3600;

/**
 * Builds an event envelope, validating `data` against its contract. It carries the current correlation id (the
 * HTTP request's, or that of the message or scheduled run being handled), so the events a request causes, and the
 * events those cause, can be followed in the logs of every function they pass.
 */
export function newEvent<S extends z.ZodMiniType>(contract: EventContract<S>, data: z.input<S>, now: Date, id: string = randomUUID()): Envelope {
  const correlationId = currentCorrelationId();
  return { id, type: contract.type, version: contract.version, occurredAt: now.toISOString(), ...(correlationId ? { correlationId } : {}), data: contract.schema.parse(data) };
}

/**
 * The transactional outbox: a Put to include in the SAME TransactWriteItems as the change it describes. The table's
 * stream carries the insert to the outbox relay, which publishes it to SQS — so an acknowledged write always
 * produces its event, even if the process dies right after the write.
 */
export function outboxPut(event: Envelope): { Put: { TableName: string; Item: Record<string, unknown> } } {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.outbox(event.id), event: JSON.stringify(event), type: event.type, expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_TTL_SECONDS },
    },
  };
}
