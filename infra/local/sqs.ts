import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues as manifestQueues, type QueueDef } from '../../functions/manifest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws';
import { REPO_ROOT } from './paths';

export interface Sqs {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

interface Closable {
  listen(o: { port: number; host: string }): Promise<string>;
  close(): Promise<unknown>;
  server: { address(): AddressInfo | string | null };
}

type StoreConstructor = new () => { host?: string };

/**
 * Starts fauxqs in this process on 127.0.0.1. Its stores are made here so the SQS store can be told to build queue
 * URLs from the request's host (`http://127.0.0.1:<port>/000000000000/<name>`): its default
 * `sqs.<region>.localhost` names do not resolve on every machine, and the SDK sends to the queue URL's host.
 */
export async function startSqs(o: { port: number }): Promise<Sqs> {
  const fauxqs = await import('fauxqs');
  const dist = join(REPO_ROOT, 'node_modules', 'fauxqs', 'dist');
  const load = (file: string) => import(/* @vite-ignore */ pathToFileURL(join(dist, file)).href);
  const [{ SqsStore }, { SnsStore }, { S3Store }] = (await Promise.all([load('sqs/sqsStore.js'), load('sns/snsStore.js'), load('s3/s3Store.js')])) as [
    { SqsStore: StoreConstructor },
    { SnsStore: StoreConstructor },
    { S3Store: StoreConstructor },
  ];
  const sqsStore = new SqsStore();
  sqsStore.host = '';
  const app = fauxqs.buildApp({
    logger: false,
    // The store classes are not exported by name, so their types are not either.
    stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } as never,
  }) as unknown as Closable;
  await app.listen({ port: o.port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('fauxqs did not report its port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: async () => {
      await app.close();
    },
  };
}

export function sqsClient(endpoint: string): SQSClient {
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  // As for the DynamoDB client (shared/adapters/dynamo.ts): the SDK's logger middleware costs CPU for a no-op logger.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

export interface QueueInfo {
  name: string;
  url: string;
  arn: string;
  dlq: { name: string; url: string; arn: string };
  def: QueueDef;
}

const DAY = 86_400;

async function arnOf(client: SQSClient, url: string): Promise<string> {
  const r = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = r.Attributes?.QueueArn;
  if (!arn) throw new Error(`No ARN for ${url}`);
  return arn;
}

/**
 * Creates every manifest queue and its DLQ `<name>-dlq` with the numbers the CDK app uses: the queue's visibility
 * timeout and a redrive policy after `maxReceiveCount` deliveries; the DLQ keeps messages `dlqRetentionDays`.
 */
export async function ensureQueues(client: SQSClient, defs: QueueDef[] = manifestQueues): Promise<QueueInfo[]> {
  return Promise.all(
    defs.map(async (def) => {
      const dlqName = `${def.name}-dlq`;
      const dlq = await client.send(
        new CreateQueueCommand({
          QueueName: dlqName,
          Attributes: { MessageRetentionPeriod: String(Math.min(def.dlqRetentionDays * DAY, 14 * DAY)) },
        }),
      );
      if (!dlq.QueueUrl) throw new Error(`CreateQueue ${dlqName} returned no URL`);
      const dlqArn = await arnOf(client, dlq.QueueUrl);
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: def.name,
          Attributes: {
            VisibilityTimeout: String(def.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: def.maxReceiveCount }),
          },
        }),
      );
      if (!queue.QueueUrl) throw new Error(`CreateQueue ${def.name} returned no URL`);
      return {
        name: def.name,
        url: queue.QueueUrl,
        arn: await arnOf(client, queue.QueueUrl),
        dlq: { name: dlqName, url: dlq.QueueUrl, arn: dlqArn },
        def,
      };
    }),
  );
}

/** Name of the local queue standing for the stateful stack's StreamFailureQueue (the stream mapping's on-failure destination). */
export const STREAM_FAILURE_QUEUE = 'stream-failures';

/**
 * Creates the stream mapping's on-failure queue (kept 14 days, as the CDK app keeps it) and returns what sends a
 * description of given-up stream records to it.
 */
export async function streamFailureDestination(client: SQSClient): Promise<(description: unknown) => Promise<void>> {
  const created = await client.send(new CreateQueueCommand({ QueueName: STREAM_FAILURE_QUEUE, Attributes: { MessageRetentionPeriod: String(14 * DAY) } }));
  const url = created.QueueUrl;
  if (!url) throw new Error(`CreateQueue ${STREAM_FAILURE_QUEUE} returned no URL`);
  return async (description) => {
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(description) }));
  };
}

export interface QueueDepth {
  name: string;
  url: string;
  visible: number;
  inFlight: number;
  delayed: number;
}

/** Approximate depths of the given queues (as SQS reports them). */
export async function queueDepths(client: SQSClient, list: { name: string; url: string }[]): Promise<QueueDepth[]> {
  return Promise.all(
    list.map(async (q) => {
      const r = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: q.url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      const n = (k: string) => Number(r.Attributes?.[k as keyof typeof r.Attributes] ?? 0);
      return {
        name: q.name,
        url: q.url,
        visible: n('ApproximateNumberOfMessages'),
        inFlight: n('ApproximateNumberOfMessagesNotVisible'),
        delayed: n('ApproximateNumberOfMessagesDelayed'),
      };
    }),
  );
}
