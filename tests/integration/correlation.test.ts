import { randomUUID } from 'node:crypto';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBStreamEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Envelope } from '../../events/envelope';
import { lambdaStreamRecord } from '../../infra/local/stream-event';
import { readStream } from '../support/stream';
import { call, eventually, newUser } from '../support/api';

/**
 * One request's correlation id through every hop: POST /transactions with `x-correlation-id` → the transaction item
 * (its stream image) → the relay's TransactionRecorded envelope for the analytics queue → the analytics consumer's
 * log lines. The cloud's own relay and consumer do the same work in the cloud's process, where this test cannot read
 * their logs; here the same handler modules run in this process on the same stream record, their output tapped.
 */
let env: Record<string, string>;

beforeAll(async () => {
  env = inject('cloud').env;
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  // Configuration is read once, when config.ts loads: read it again now that it points at the cloud.
  (await import('../../shared/config')).resetConfig();
});


/** Captures the JSON log lines this process writes while `fn` runs. */
async function logLines(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = original;
  }
  return lines;
}

const context = (name: string) => ({ functionName: name, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;

describe('correlation id from the HTTP request to the analytics consumer', () => {
  it('the id a client sends on POST /transactions is on the stored item, the relayed envelope and the consumer’s log lines', async () => {
    const u = await newUser('Correlated');
    const correlationId = `corr-${randomUUID()}`;
    const created = await call('POST', '/transactions', {
      token: u.accessToken,
      headers: { 'x-correlation-id': correlationId },
      body: { type: 'expense', amount: 1234, currency: 'EUR', date: '2024-03-15', description: 'Correlated coffee', categoryId: 'food.groceries' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);

    // The item's stream record, as Lambda would hand it to the relay.
    const { arn, records } = await eventually(async () => {
      const found = await readStream(env, (r) => (r.dynamodb?.Keys?.pk?.S ?? '') === `USER#${u.userId}`);
      return found.records.some((r) => r.eventName === 'INSERT' && (r.dynamodb?.Keys?.sk?.S ?? '').startsWith('TX#')) ? found : undefined;
    }, 15_000, 'the transaction’s stream record');
    const insert = records.find((r) => r.eventName === 'INSERT' && (r.dynamodb?.Keys?.sk?.S ?? '').startsWith('TX#'));
    const streamEvent = { Records: [lambdaStreamRecord(insert as _Record, arn, 'us-east-1')] } as DynamoDBStreamEvent;

    // The relay's envelope for the analytics queue carries it.
    const { streamRelayHandler } = await import('../../shared/async/handler');
    const { eventsOf } = await import('../../shared/async/relay');
    const sent: [string, Envelope][] = [];
    const relay = streamRelayHandler(eventsOf, async (queue, events) => {
      for (const e of events) sent.push([queue, e]);
    });
    expect(await relay(streamEvent, context('outbox-relay'))).toEqual({ batchItemFailures: [] });
    const forAnalytics = sent.filter(([q]) => q === 'analytics').map(([, e]) => e);
    expect(forAnalytics.map((e) => [e.type, e.correlationId])).toEqual([['TransactionRecorded', correlationId]]);

    // The analytics consumer logs its work under that id.
    const { sqsMessageBody } = await import('../../shared/adapters/sqs-body');
    const { handler } = await import('../../functions/queue/analytics');
    const envelope = forAnalytics[0] as Envelope;
    const record: SQSRecord = {
      messageId: randomUUID(),
      receiptHandle: 'rh',
      body: sqsMessageBody(envelope),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 's', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:analytics',
      awsRegion: 'us-east-1',
    };
    let result: unknown;
    const lines = await logLines(async () => {
      result = await handler({ Records: [record] }, context('analytics'));
    });
    expect(result).toEqual({ batchItemFailures: [] });
    const consumerLines = lines.filter((l) => l.function_name === 'analytics');
    expect(consumerLines.length).toBeGreaterThan(0);
    for (const line of consumerLines) expect(line.correlation_id, JSON.stringify(line)).toBe(correlationId);
  });
});
