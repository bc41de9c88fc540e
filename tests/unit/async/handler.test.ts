import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context, DynamoDBRecord, DynamoDBStreamEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import type { Envelope } from '../../../events/envelope';
import { queues } from '../../../functions/queues';

// The one factory of async handlers (shared/async/handler.ts): queue consumers, the stream relay and scheduled jobs,
// run in process with the send to SQS replaced by a recorder (no network).
beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 't',
    USER_POOL_ID: 'us-east-1_x',
    USER_POOL_CLIENT_ID: 'c',
    CORS_ORIGINS: '*',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // Consumers that sign links (the report's unsubscribe token) read the cursor key.
    CURSOR_SECRET: 'unit-test-cursor-secret-0123456789abcdef',
    // Every manifest queue (read from functions/queues.ts, so a new queue needs no edit here); each handler checks its own variables when it is built.
    ...Object.fromEntries(queues.map((q) => q.name).map((q) => [`QUEUE_URL_${q.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, `http://127.0.0.1:9/000000000000/${q}`])),
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const context = { functionName: 'f', awsRequestId: 'aws-req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

async function load() {
  const handler = await import('../../../shared/async/handler');
  const { eventContract } = await import('../../../events/envelope');
  const { newEvent } = await import('../../../shared/adapters/outbox');
  const { logger } = await import('../../../shared/observability');
  const { metrics } = await import('../../../shared/metrics');
  return { ...handler, eventContract, newEvent, logger, metrics };
}

function sqsRecord(messageId: string, body: unknown, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
    awsRegion: 'us-east-1',
  };
}

const envelope = (id: string, type: string, data: unknown, correlationId?: string) => ({
  id,
  type,
  version: 1,
  occurredAt: '2024-01-01T00:00:00.000Z',
  ...(correlationId ? { correlationId } : {}),
  data,
});

describe('queue consumers', () => {
  it('report only the failed and poison records of a batch as failures', async () => {
    const { queueConsumer, on, eventContract } = await load();
    const Tested = eventContract('Tested', 1, z.object({ n: z.number() }));
    const handled: number[] = [];
    const handler = queueConsumer(
      { name: 'notifications', maxReceiveCount: 3 },
      on(Tested, async (e) => {
        if (e.data.n === 2) throw new Error('transient');
        handled.push(e.data.n);
      }),
    );
    const event: SQSEvent = {
      Records: [
        sqsRecord('m1', envelope('e1', 'Tested', { n: 1 })),
        sqsRecord('m2', envelope('e2', 'Tested', { n: 2 })),
        sqsRecord('m3', envelope('e3', 'Tested', { n: 'three' })),
        sqsRecord('m4', 'not json'),
        sqsRecord('m5', envelope('e5', 'Unknown', {})),
        sqsRecord('m6', envelope('e6', 'Tested', { n: 6 })),
      ],
    };
    const res = await handler(event, context);
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(handled.sort()).toEqual([1, 6]);
  });

  it('tell a handler whether this is its last delivery from the manifest queue’s maxReceiveCount', async () => {
    const { queueConsumer, on } = await load();
    const { queueNamed } = await import('../../../functions/queues');
    const { ImportRequested } = await import('../../../events/import-requested');
    const seen: { receiveCount: number; lastDelivery: boolean }[] = [];
    const imports = queueNamed('imports');
    const handler = queueConsumer(
      imports,
      on(ImportRequested, async (e) => {
        seen.push({ receiveCount: e.receiveCount, lastDelivery: e.lastDelivery });
      }),
    );
    const data = { userId: 'u', importId: 'i' };
    await handler({ Records: [1, 4, 5, 6].map((n) => sqsRecord(`m${n}`, envelope(`e${n}`, 'ImportRequested', data), n)) }, context);
    expect(imports.maxReceiveCount).toBe(5);
    expect(seen.sort((a, b) => a.receiveCount - b.receiveCount)).toEqual([
      { receiveCount: 1, lastDelivery: false },
      { receiveCount: 4, lastDelivery: false },
      { receiveCount: 5, lastDelivery: true },
      { receiveCount: 6, lastDelivery: true },
    ]);
  });

  it('every queue consumer of the manifest is built for the queue the manifest gives it', async () => {
    const { queueFunctions } = await import('../../../functions/manifest');
    const { queueNamed } = await import('../../../functions/queues');
    expect(queueFunctions.length).toBeGreaterThan(0);
    for (const def of queueFunctions) {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve(def.entry)).href)) as { handler: { queue?: { name: string; maxReceiveCount: number } } };
      expect(mod.handler.queue, def.name).toEqual(queueNamed(def.queue));
    }
  });

  it('carry each record’s correlation id into the events it causes, records of one batch side by side', async () => {
    const { queueConsumer, on, eventContract, newEvent } = await load();
    const Tested = eventContract('Tested', 1, z.object({ n: z.number() }));
    const caused: Envelope[] = [];
    const handler = queueConsumer(
      { name: 'notifications', maxReceiveCount: 3 },
      on(Tested, async (e) => {
        // Interleave the records: the second starts before the first finishes.
        await new Promise((r) => setTimeout(r, e.data.n === 1 ? 20 : 1));
        caused.push(newEvent(Tested, { n: e.data.n * 10 }, new Date()));
      }),
    );
    await handler(
      {
        Records: [
          sqsRecord('m1', envelope('e1', 'Tested', { n: 1 }, 'req-A')),
          sqsRecord('m2', envelope('e2', 'Tested', { n: 2 }, 'req-B')),
          sqsRecord('m3', envelope('e3', 'Tested', { n: 3 })),
        ],
      },
      context,
    );
    const byN = Object.fromEntries(caused.map((c) => [(c.data as { n: number }).n, c.correlationId]));
    // An event without a correlation id starts its own chain: its id.
    expect(byN).toEqual({ 10: 'req-A', 20: 'req-B', 30: 'e3' });
  });

  it('log with the batch’s correlation id and name each failed record’s own', async () => {
    const { queueConsumer, on, eventContract, logger } = await load();
    const Tested = eventContract('Tested', 1, z.object({ n: z.number() }));
    const ids: unknown[] = [];
    const warn = vi.spyOn(logger, 'warn');
    const handler = queueConsumer(
      { name: 'notifications', maxReceiveCount: 3 },
      on(Tested, async () => {
        ids.push(logger.getCorrelationId());
        throw new Error('transient');
      }),
    );
    await handler({ Records: [sqsRecord('m1', envelope('e1', 'Tested', { n: 1 }, 'req-A'))] }, context);
    expect(ids).toEqual(['req-A']);
    expect(warn).toHaveBeenCalledWith('Event failed; it will be redelivered', expect.objectContaining({ messageId: 'm1', correlationId: 'req-A', receiveCount: 1, maxReceiveCount: 3 }));
  });

  it('count processed and failed records under the same metric names as the relay', async () => {
    const { queueConsumer, on, eventContract, metrics } = await load();
    const Tested = eventContract('Tested', 1, z.object({ n: z.number() }));
    const added = vi.spyOn(metrics, 'addMetric');
    const handler = queueConsumer(
      { name: 'notifications', maxReceiveCount: 3 },
      on(Tested, async (e) => {
        if (e.data.n === 2) throw new Error('transient');
      }),
    );
    await handler({ Records: [sqsRecord('m1', envelope('e1', 'Tested', { n: 1 })), sqsRecord('m2', envelope('e2', 'Tested', { n: 2 })), sqsRecord('m3', 'x')] }, context);
    const names = added.mock.calls.map((c) => c[0]).sort();
    expect(names).toEqual(['PoisonMessages', 'RecordsFailed', 'RecordsFailed', 'RecordsProcessed']);
  });

  it('a batch consumer answers its own failures inside the same stack and counts them', async () => {
    const { queueBatchConsumer, metrics, logger } = await load();
    const added = vi.spyOn(metrics, 'addMetric');
    let correlation: unknown;
    const handler = queueBatchConsumer({ name: 'notifications', maxReceiveCount: 5 }, async (records) => {
      correlation = logger.getCorrelationId();
      return { batchItemFailures: [{ itemIdentifier: records[1]?.messageId ?? '' }] };
    });
    const res = await handler({ Records: [sqsRecord('m1', envelope('e1', 'T', {}, 'req-A')), sqsRecord('m2', envelope('e2', 'T', {}, 'req-A'))] }, context);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(correlation).toBe('req-A');
    expect(added.mock.calls.map((c) => [c[0], c[2]])).toEqual([
      ['RecordsProcessed', 1],
      ['RecordsFailed', 1],
    ]);
  });

  it('a batch of several requests gives events no stale id: each record’s work takes its own (peekCorrelation)', async () => {
    const { queueBatchConsumer, peekCorrelation, newEvent, logger } = await load();
    const { withCorrelationId } = await import('../../../shared/correlation');
    const { ImportRequested } = await import('../../../events/import-requested');
    logger.setCorrelationId('left-over-from-an-earlier-invocation');
    const out: { whole?: string; each: (string | undefined)[] } = { each: [] };
    const handler = queueBatchConsumer({ name: 'notifications', maxReceiveCount: 5 }, async (records) => {
      out.whole = newEvent(ImportRequested, { userId: 'u', importId: 'i' }, new Date()).correlationId;
      for (const r of records) out.each.push(withCorrelationId(peekCorrelation(r), () => newEvent(ImportRequested, { userId: 'u', importId: 'i' }, new Date()).correlationId));
      return { batchItemFailures: [] };
    });
    await handler({ Records: [sqsRecord('m1', envelope('e1', 'T', {}, 'req-A')), sqsRecord('m2', envelope('e2', 'T', {}, 'req-B'))] }, context);
    expect(out.whole).toBeUndefined();
    expect(out.each).toEqual(['req-A', 'req-B']);
  });
});

describe('the stream relay', () => {
  let seq = 100;
  function outboxInsert(event: unknown): DynamoDBRecord {
    seq++;
    const id = (event as { id?: string }).id ?? `x${seq}`;
    return {
      eventID: String(seq),
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        SequenceNumber: String(seq),
        Keys: marshall({ pk: `OUTBOX#${id}`, sk: 'EVENT' }) as never,
        NewImage: marshall({ pk: `OUTBOX#${id}`, sk: 'EVENT', event: typeof event === 'string' ? event : JSON.stringify(event) }) as never,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
  }

  async function relayWith(send: (queue: string, events: Envelope[]) => Promise<void>) {
    const { streamRelayHandler, logger } = await load();
    const { eventsOf } = await import('../../../shared/async/relay');
    return { handler: streamRelayHandler(eventsOf, send), logger };
  }

  it('fails an unreadable record (reported, so the mapping retries it and then sends it to its on-failure destination) and relays the rest', async () => {
    const sent: [string, string[]][] = [];
    const { handler, logger } = await relayWith(async (queue, events) => {
      sent.push([queue, events.map((e) => e.id)]);
    });
    const error = vi.spyOn(logger, 'error');
    const good1 = outboxInsert(envelope('e1', 'UserConfirmed', { userId: 'u1' }, 'req-A'));
    const bad = outboxInsert('{not json');
    const notEnvelope = outboxInsert({ id: 'e3', type: 'UserConfirmed' });
    const good2 = outboxInsert(envelope('e4', 'ImportRequested', { userId: 'u1', importId: 'i1' }));
    const res = await handler({ Records: [good1, bad, notEnvelope, good2] } as DynamoDBStreamEvent, context);
    // Lambda resumes from the lowest failed sequence number: the first unreadable record.
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber }] });
    expect(sent.sort()).toEqual([
      ['imports', ['e4']],
      ['notifications', ['e1']],
    ]);
    expect(error.mock.calls.filter((c) => String(c[0]).startsWith('Unreadable stream record'))).toHaveLength(2);
  });

  it('an inserted outbox item without an event fails instead of vanishing', async () => {
    const { handler } = await relayWith(async () => undefined);
    const record = outboxInsert(envelope('e9', 'UserConfirmed', { userId: 'u' }));
    delete (record.dynamodb?.NewImage as Record<string, unknown>).event;
    const res = await handler({ Records: [record] } as DynamoDBStreamEvent, context);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber }] });
  });

  it('fails an event whose type has no route, logged as an error, instead of dropping it', async () => {
    const sent: string[] = [];
    const { handler, logger } = await relayWith(async (_q, events) => {
      sent.push(...events.map((e) => e.id));
    });
    const error = vi.spyOn(logger, 'error');
    const routed = outboxInsert(envelope('e1', 'UserConfirmed', { userId: 'u1' }));
    const unrouted = outboxInsert(envelope('e2', 'NobodyListens', {}, 'req-Z'));
    const inherited = outboxInsert(envelope('e3', 'constructor', {}));
    const res = await handler({ Records: [routed, unrouted, inherited] } as DynamoDBStreamEvent, context);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: unrouted.dynamodb?.SequenceNumber }] });
    expect(sent).toEqual(['e1']);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^No route for event type/), expect.objectContaining({ type: 'NobodyListens', id: 'e2', correlationId: 'req-Z' }));
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^No route for event type/), expect.objectContaining({ type: 'constructor' }));
  });

  it('reports the earliest record of a failed send, and passes the correlation id on unchanged', async () => {
    const sent: Envelope[] = [];
    const { handler } = await relayWith(async (queue, events) => {
      if (queue === 'imports') throw new Error('SQS down');
      sent.push(...events);
    });
    const a = outboxInsert(envelope('e1', 'UserConfirmed', { userId: 'u1' }, 'req-A'));
    const b = outboxInsert(envelope('e2', 'ImportRequested', { userId: 'u1', importId: 'i' }, 'req-A'));
    const res = await handler({ Records: [a, b] } as DynamoDBStreamEvent, context);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: b.dynamodb?.SequenceNumber }] });
    expect(sent.map((e) => [e.id, e.correlationId])).toEqual([['e1', 'req-A']]);
  });

  it('answers no failures for a batch it relays whole', async () => {
    const { handler } = await relayWith(async () => undefined);
    const res = await handler({ Records: [outboxInsert(envelope('e1', 'UserConfirmed', { userId: 'u1' }))] } as DynamoDBStreamEvent, context);
    expect(res).toEqual({ batchItemFailures: [] });
  });
});

describe('routing', () => {
  it('a type without a route is an error, inherited names included', async () => {
    const { routesOf, UnroutedEventError } = await import('../../../events/routing');
    expect(routesOf('UserConfirmed')).toEqual(['notifications']);
    for (const type of ['NobodyListens', 'constructor', '__proto__', 'toString']) expect(() => routesOf(type)).toThrow(UnroutedEventError);
  });

  it('routes only to manifest queues', async () => {
    const { ROUTES } = await import('../../../events/routing');
    const { queues } = await import('../../../functions/queues');
    const names = new Set(queues.map((q) => q.name));
    for (const list of Object.values(ROUTES)) for (const q of list) expect(names.has(q), q).toBe(true);
  });
});

describe('scheduled jobs', () => {
  it('run under the schedule event’s id as correlation id, carried by the events the job causes', async () => {
    const { scheduledJob, newEvent, logger, metrics } = await load();
    const { ImportRequested } = await import('../../../events/import-requested');
    const added = vi.spyOn(metrics, 'addMetric');
    let logged: unknown;
    const handler = scheduledJob('fetch-ecb-rates', async (now) => {
      logged = logger.getCorrelationId();
      return { event: newEvent(ImportRequested, { userId: 'u', importId: 'i' }, now) };
    });
    const out = await handler({ id: 'sched-1', time: '2024-05-06T07:00:00Z' }, context);
    expect(out.event.correlationId).toBe('sched-1');
    expect(out.event.occurredAt).toBe('2024-05-06T07:00:00.000Z');
    expect(logged).toBe('sched-1');
    expect(added.mock.calls.map((c) => c[0])).toEqual(['JobsSucceeded']);
  });

  it('fall back to the invocation’s request id, and log and rethrow a failure', async () => {
    const { scheduledJob, logger, metrics } = await load();
    const error = vi.spyOn(logger, 'error');
    const added = vi.spyOn(metrics, 'addMetric');
    let logged: unknown;
    const handler = scheduledJob('fetch-ecb-rates', async () => {
      logged = logger.getCorrelationId();
      throw new Error('boom');
    });
    await expect(handler(undefined, context)).rejects.toThrow('boom');
    expect(logged).toBe('aws-req-1');
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^Scheduled job failed/), expect.any(Error));
    expect(added.mock.calls.map((c) => c[0])).toEqual(['JobsFailed']);
  });
});

describe('correlation from the HTTP request', () => {
  it('an event a route’s use case builds carries the request’s correlation id, cut to the envelope’s limit', async () => {
    const { httpHandler } = await import('../../../shared/http/handler');
    const { route } = await import('../../../shared/contracts/route');
    const { newEvent } = await import('../../../shared/adapters/outbox');
    const { Envelope, MAX_CORRELATION_ID_LENGTH } = await import('../../../events/envelope');
    const { ImportRequested } = await import('../../../events/import-requested');
    // A use case knows nothing of HTTP: it only builds its event.
    const useCase = async () => newEvent(ImportRequested, { userId: 'u', importId: 'i' }, new Date());
    const handler = httpHandler(route({ summary: 's', auth: 'public' }), async () => ({ body: await useCase() }));
    const request = (headers: Record<string, string>) =>
      ({
        version: '2.0',
        routeKey: 'POST /x',
        rawPath: '/x',
        rawQueryString: '',
        headers,
        isBase64Encoded: false,
        requestContext: { requestId: 'api-req-7', http: { method: 'POST', path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } },
      }) as unknown as APIGatewayProxyEventV2;
    const fromHeader = JSON.parse(String((await handler(request({ 'x-correlation-id': 'client-corr-1' }), context)).body)) as Envelope;
    const fromGateway = JSON.parse(String((await handler(request({}), context)).body)) as Envelope;
    const long = JSON.parse(String((await handler(request({ 'x-correlation-id': 'c'.repeat(5000) }), context)).body)) as Envelope;
    expect(fromHeader.correlationId).toBe('client-corr-1');
    expect(fromGateway.correlationId).toBe('api-req-7');
    expect(long.correlationId).toHaveLength(MAX_CORRELATION_ID_LENGTH);
    // The relay and the consumers accept what the outbox wrote.
    for (const e of [fromHeader, fromGateway, long]) expect(Envelope.safeParse(e).success).toBe(true);
  });

  it('an event built outside any request or record carries none', async () => {
    const { newEvent, logger } = await load();
    const { ImportRequested } = await import('../../../events/import-requested');
    logger.resetKeys();
    expect(newEvent(ImportRequested, { userId: 'u', importId: 'i' }, new Date())).not.toHaveProperty('correlationId');
  });
});

describe('retryDelayOf', () => {
  it('gives each failed delivery its delay, the last delay past the list, none on the last delivery or without delays', async () => {
    const { retryDelayOf } = await import('../../../functions/queues');
    const q = { name: 'q', visibilityTimeoutSeconds: 600, maxReceiveCount: 6, dlqRetentionDays: 14, retryDelaysSeconds: [30, 60, 900] };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayOf(q, n))).toEqual([30, 60, 600, 600, 600, undefined]);
    expect(retryDelayOf({ ...q, retryDelaysSeconds: undefined }, 1)).toBeUndefined();
    const { queueNamed } = await import('../../../functions/queues');
    expect(retryDelayOf(queueNamed('imports'), 1)).toBe(30);
  });
});
