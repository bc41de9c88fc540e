import { randomUUID } from 'node:crypto';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { sleep, withSignal } from './abortable';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from './aws';
import { invoke, type LambdaFunction } from './lambda';
import type { Log } from './log';
import { readJson, writeJson } from './state';
import { matchesFilters, streamBatchProgress, streamEvent } from './stream-event';

export function streamsClient(endpoint: string): DynamoDBStreamsClient {
  const client = new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  // No SDK logger is given, yet its middleware copies every input and output: most of the idle poller's CPU.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

interface ShardCheckpoint {
  /** Last sequence number fully processed. */
  seq?: string;
  /** The shard is closed and every record of it was processed. */
  done?: boolean;
}

interface CheckpointFile {
  streamArn?: string;
  functions: Record<string, Record<string, ShardCheckpoint>>;
}

/**
 * Where each stream function got to in each shard, kept in a file so that a restart resumes after the last
 * processed record (neither losing nor replaying the stream). Checkpoints of another stream (a recreated table)
 * are dropped. Without a file (in-memory runs) they live only in memory.
 */
export class CheckpointStore {
  private data: CheckpointFile = { functions: {} };
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  static async open(file: string | undefined, streamArn: string): Promise<CheckpointStore> {
    const store = new CheckpointStore(file);
    const data = file ? await readJson<CheckpointFile>(file, { functions: {} }) : { functions: {} };
    store.data = data.streamArn === streamArn ? data : { streamArn, functions: {} };
    return store;
  }

  get(fn: string, shardId: string): ShardCheckpoint {
    return this.data.functions[fn]?.[shardId] ?? {};
  }

  set(fn: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    (this.data.functions[fn] ??= {})[shardId] = checkpoint;
    const file = this.file;
    if (!file) return Promise.resolve();
    const snapshot = JSON.parse(JSON.stringify(this.data)) as CheckpointFile;
    this.writing = this.writing.then(() => writeJson(file, snapshot)).catch(() => undefined);
    return this.writing;
  }

  flush(): Promise<void> {
    return this.writing;
  }
}

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  fn: LambdaFunction;
  batchSize: number;
  filters: readonly { attribute: string; prefix: string }[];
  checkpoints: CheckpointStore;
  log: Log;
  /** Idle wait between polls. */
  pollMs?: number;
  /** Retries of a failing batch before its records are skipped (the CDK mapping's retryAttempts, 5). */
  maxRetryAttempts?: number;
  /**
   * The mapping's on-failure destination: receives the description Lambda sends of the records it gave up on (the
   * CDK mapping's `onFailure`, an SQS queue). Without it they are only logged.
   */
  onFailure?: (description: StreamFailureDescription) => Promise<void>;
  onBatch?: (info: { records: number; delivered: number; ok: boolean }) => void;
}

/** What Lambda sends to a stream mapping's on-failure destination when a batch's retries are spent. */
export interface StreamFailureDescription {
  requestContext: { requestId: string; functionArn: string; condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** The on-failure description of `records`, given up after `invokeCount` invocations. */
export function streamFailureDescription(fn: { name: string }, streamArn: string, shardId: string, records: _Record[], invokeCount: number, functionError: boolean): StreamFailureDescription {
  const arrival = (r: _Record | undefined) => {
    const at = r?.dynamodb?.ApproximateCreationDateTime;
    return (at instanceof Date ? at : new Date()).toISOString();
  };
  return {
    requestContext: { requestId: randomUUID(), functionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${fn.name}`, condition: 'RetryAttemptsExhausted', approximateInvokeCount: invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(functionError ? { functionError: 'Unhandled' } : {}) },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: records[0]?.dynamodb?.SequenceNumber ?? '',
      endSequenceNumber: records[records.length - 1]?.dynamodb?.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: arrival(records[0]),
      approximateArrivalOfLastRecord: arrival(records[records.length - 1]),
      batchSize: records.length,
      streamArn,
    },
  };
}

interface ShardState {
  iterator?: string;
  /** Failed attempts at the record after the checkpoint. */
  attempts: number;
  retryAt: number;
  /** Most matching records to deliver at once (halved after a failed invocation). */
  cap: number;
}

/** What one invocation made of a shard's batch. */
interface Delivery {
  /** Records of the batch (from its start) now processed: the checkpoint moves past them. */
  processed: number;
  /** Records this attempt covered (the delivered ones, and the unmatched ones between them). */
  attemptEnd: number;
  failed: boolean;
  /** The function itself failed (not a partial batch failure). */
  functionFailed: boolean;
}

/** The poller of one function: the shards' states, the reads, the invocations and the checkpoints. */
class StreamPoller {
  readonly controller = new AbortController();
  private readonly signal = this.controller.signal;
  private readonly maxRetries: number;
  private readonly limit: number;
  private readonly states = new Map<string, ShardState>();
  private shards: Shard[] = [];
  private shardsReadAt = 0;

  constructor(private readonly o: StreamPollerOptions) {
    this.maxRetries = o.maxRetryAttempts ?? 5;
    this.limit = Math.min(Math.max(1, o.batchSize), 1000);
  }

  private async listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const r = await withSignal(this.signal, (abortSignal) =>
        this.o.client.send(new DescribeStreamCommand({ StreamArn: this.o.streamArn, ExclusiveStartShardId: start }), { abortSignal }),
      );
      all.push(...(r.StreamDescription?.Shards ?? []));
      start = r.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  /** Shards to read now: not finished, and whose parent is finished or no longer listed. */
  private readable(): Shard[] {
    const { checkpoints, fn } = this.o;
    const listed = new Set(this.shards.map((s) => s.ShardId));
    return this.shards.filter((s) => {
      const id = s.ShardId ?? '';
      if (checkpoints.get(fn.name, id).done) return false;
      const parent = s.ParentShardId;
      return !parent || !listed.has(parent) || checkpoints.get(fn.name, parent).done === true;
    });
  }

  private async iteratorFor(shardId: string): Promise<string | undefined> {
    const seq = this.o.checkpoints.get(this.o.fn.name, shardId).seq;
    const get = (type: 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER') =>
      withSignal(this.signal, (abortSignal) =>
        this.o.client.send(
          new GetShardIteratorCommand({
            StreamArn: this.o.streamArn,
            ShardId: shardId,
            ShardIteratorType: type,
            ...(type === 'AFTER_SEQUENCE_NUMBER' ? { SequenceNumber: seq } : {}),
          }),
          { abortSignal },
        ),
      );
    if (seq) {
      try {
        return (await get('AFTER_SEQUENCE_NUMBER')).ShardIterator;
      } catch (e) {
        if ((e as Error).name !== 'TrimmedDataAccessException') throw e;
        this.o.log.warn(`${this.o.fn.name}: records after ${seq} were trimmed from shard ${shardId}; reading from the oldest kept`);
      }
    }
    return (await get('TRIM_HORIZON')).ShardIterator;
  }

  private checkpoint(shardId: string, seq: string | undefined, done = false): Promise<void> {
    const { checkpoints, fn } = this.o;
    return checkpoints.set(fn.name, shardId, { ...(seq ? { seq } : checkpoints.get(fn.name, shardId)), ...(done ? { done } : {}) });
  }

  /** One GetRecords from the shard's iterator; undefined when the iterator expired (a new one is taken next time). */
  private async read(state: ShardState): Promise<{ records: _Record[]; next: string | undefined } | undefined> {
    try {
      const iterator = state.iterator;
      const out = await withSignal(this.signal, (abortSignal) => this.o.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.limit }), { abortSignal }));
      return { records: out.Records ?? [], next: out.NextShardIterator };
    } catch (e) {
      if ((e as Error).name !== 'ExpiredIteratorException') throw e;
      state.iterator = undefined;
      return undefined;
    }
  }

  /** Invokes the function with the batch's matching records (at most the state's cap) and reads its answer. */
  private async deliver(records: _Record[], seqs: string[], state: ShardState): Promise<Delivery & { delivered: number }> {
    const { o } = this;
    // After a failed invocation the batch is halved (bisectBatchOnError) until the failing record is alone.
    const matching = records.filter((r) => matchesFilters(r, o.filters));
    const delivered = matching.slice(0, state.cap);
    const last = delivered[delivered.length - 1];
    const attemptEnd = delivered.length < matching.length && last ? seqs.indexOf(last.dynamodb?.SequenceNumber ?? '') + 1 : records.length;
    const result = { processed: attemptEnd, attemptEnd, failed: false, functionFailed: false, delivered: delivered.length };
    if (delivered.length === 0) return result;
    const outcome = await invoke(o.fn, streamEvent(delivered, o.streamArn, LOCAL_REGION));
    const progress = outcome.ok
      ? streamBatchProgress(
          outcome.result,
          delivered.map((r) => r.dynamodb?.SequenceNumber ?? ''),
        )
      : { processed: 0, valid: false };
    if (!outcome.ok) o.log.error(`${o.fn.name} failed on ${delivered.length} stream record(s)`, outcome.error);
    else if (!progress.valid) o.log.error(`${o.fn.name} answered an invalid batch response; the batch will be retried`);
    if (!progress.valid) {
      if (delivered.length > 1) state.cap = Math.ceil(delivered.length / 2);
      return { ...result, processed: 0, failed: true, functionFailed: !outcome.ok };
    }
    if (progress.processed < delivered.length) {
      const firstFailed = delivered[progress.processed]?.dynamodb?.SequenceNumber ?? '';
      o.log.warn(`${o.fn.name}: stream record ${firstFailed} failed; retrying from it`);
      return { ...result, processed: seqs.indexOf(firstFailed), failed: true };
    }
    return result;
  }

  /**
   * After an attempt that processed nothing: a retry later (answers true), or, once the retries are spent, the
   * records go to the on-failure destination as Lambda sends them, and the poller moves past them.
   */
  private async retryOrGiveUp(shardId: string, records: _Record[], seqs: string[], state: ShardState, d: Delivery): Promise<boolean> {
    const { o, maxRetries } = this;
    state.attempts++;
    if (state.attempts <= maxRetries) {
      state.iterator = undefined;
      state.retryAt = Date.now() + Math.min(30_000, 250 * 2 ** (state.attempts - 1));
      return true;
    }
    o.log.error(`${o.fn.name}: giving up on stream records ${seqs[0] ?? ''}…${seqs[d.attemptEnd - 1] ?? ''} after ${maxRetries} retries`);
    const givenUp = records.slice(0, d.attemptEnd).filter((r) => matchesFilters(r, o.filters));
    if (o.onFailure && givenUp.length > 0) await o.onFailure(streamFailureDescription(o.fn, o.streamArn, shardId, givenUp, maxRetries + 1, d.functionFailed));
    d.processed = d.attemptEnd;
    return false;
  }

  /** Reads one batch from a shard; returns whether records were found (to poll again at once). */
  async pollShard(shard: Shard): Promise<boolean> {
    const shardId = shard.ShardId ?? '';
    const state = this.states.get(shardId) ?? { attempts: 0, retryAt: 0, cap: Infinity };
    this.states.set(shardId, state);
    if (Date.now() < state.retryAt) return false;
    state.iterator ??= await this.iteratorFor(shardId);
    if (!state.iterator) {
      await this.checkpoint(shardId, undefined, true);
      return false;
    }
    const batch = await this.read(state);
    if (!batch) return true;
    const { records, next } = batch;
    if (records.length === 0) {
      state.iterator = next;
      if (!next) await this.checkpoint(shardId, undefined, true);
      return false;
    }
    const seqs = records.map((r) => r.dynamodb?.SequenceNumber ?? '');
    const d = await this.deliver(records, seqs, state);
    this.o.onBatch?.({ records: records.length, delivered: d.delivered, ok: !d.failed });
    if (d.failed && d.processed === 0 && (await this.retryOrGiveUp(shardId, records, seqs, state, d))) return false;
    state.attempts = 0;
    state.retryAt = 0;
    state.cap = Infinity;
    await this.checkpoint(shardId, seqs[d.processed - 1]);
    if (d.processed < records.length || d.failed) {
      // Read again from the checkpoint: the rest of this batch (or the failed record) comes next.
      state.iterator = undefined;
      return true;
    }
    state.iterator = next;
    if (!next) await this.checkpoint(shardId, seqs[d.processed - 1], true);
    return true;
  }

  async loop(pollMs: number): Promise<void> {
    const { signal } = this;
    while (!signal.aborted) {
      let busy = false;
      try {
        if (this.shards.length === 0 || Date.now() - this.shardsReadAt > 5_000 || this.readable().length === 0) {
          this.shards = await this.listShards();
          this.shardsReadAt = Date.now();
        }
        for (const shard of this.readable()) {
          if (signal.aborted) break;
          if (await this.pollShard(shard)) busy = true;
        }
      } catch (e) {
        if (signal.aborted) break;
        this.o.log.error(`reading the table stream for ${this.o.fn.name} failed`, e);
        await sleep(1000, signal);
      }
      if (!busy) await sleep(pollMs, signal);
    }
  }
}

/**
 * Lambda's DynamoDB Streams event source for one function, configured as the CDK app configures it: reads every
 * shard in order (parents before children), keeps records matching the function's `filters`, invokes
 * with a DynamoDBStreamEvent, and checkpoints only past processed records. On `batchItemFailures` it resumes at the
 * lowest failed sequence number; when the function fails, it halves the batch and retries; after
 * `maxRetryAttempts` retries it sends a description of the records to `onFailure` (the on-failure destination)
 * and moves past them.
 */
export function startStreamPoller(o: StreamPollerOptions): { stop(): Promise<void> } {
  const poller = new StreamPoller(o);
  const running = poller.loop(o.pollMs ?? 150);
  return {
    stop: async () => {
      poller.controller.abort();
      await Promise.race([running, new Promise((r) => setTimeout(r, 2000).unref())]);
      await o.checkpoints.flush();
    },
  };
}
