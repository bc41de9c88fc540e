/**
 * The manifest's queues (plain data, re-exported by functions/manifest.ts), in a module of their own so a queue
 * consumer can read its queue's numbers (`maxReceiveCount`) without bundling every route contract.
 */
export interface QueueDef {
  name: string;
  /** Must exceed the consumer's timeout (AWS recommends 6×). */
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
  /** How long the DLQ keeps a message (days). */
  dlqRetentionDays: number;
  /**
   * Seconds before a message whose handling failed is delivered again, by delivery (the first failure waits the first,
   * and so on); the rest of the visibility timeout when absent. For a long timeout, so a failure on a passing outage
   * is retried in seconds, not after the whole timeout (the consumer sets it, and needs its own queue's access).
   */
  retryDelaysSeconds?: readonly number[];
}

/** Every queue; each has a DLQ named `<name>-dlq`. */
export const queues: QueueDef[] = [
  { name: 'notifications', visibilityTimeoutSeconds: 60, maxReceiveCount: 3, dlqRetentionDays: 14 },
  { name: 'reports', visibilityTimeoutSeconds: 180, maxReceiveCount: 3, dlqRetentionDays: 14 },
  { name: 'ledger-jobs', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, dlqRetentionDays: 14 },
  { name: 'analytics', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // A delivery may run 5 minutes (6× is the timeout); a failed one is retried after 30 s, 1, 5 and 15 minutes.
  { name: 'imports', visibilityTimeoutSeconds: 1800, maxReceiveCount: 5, dlqRetentionDays: 14, retryDelaysSeconds: [30, 60, 300, 900] },
  // Fed by the analytics consumer: each ledger event once its rollups (monthly and daily) are written.
  { name: 'alerts', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // Ledger events → what is learned from them, in one invocation per batch (shared/use-cases/insights.ts): each
  // user's categoriser model, merchant series and recurring payments, and the debounced advice recompute armed.
  { name: 'insights', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // Retired: `insights` took over their ledger events (no route sends here any more). Their consumers still drain
  // what was queued before the upgrade; the next release removes both queues and consumers.
  { name: 'categoriser', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  { name: 'recurring', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // The debounced advice recompute (armed by `insights`, or by a budget or goal write), the monthly sweep's pages.
  { name: 'advice', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
];

/** Seconds until the next delivery of a message that failed on delivery `receiveCount`; undefined: the visibility timeout. */
export function retryDelayOf(queue: QueueDef, receiveCount: number): number | undefined {
  const delays = queue.retryDelaysSeconds;
  if (!delays || delays.length === 0 || receiveCount >= queue.maxReceiveCount) return undefined;
  return Math.min(delays[Math.min(receiveCount, delays.length) - 1] ?? 0, queue.visibilityTimeoutSeconds);
}

/** The manifest queue of that name; throws (at a consumer's cold start) when there is none. */
export function queueNamed(name: string): QueueDef {
  const def = queues.find((q) => q.name === name);
  if (!def) throw new Error(`No manifest queue named "${name}" (functions/queues.ts).`);
  return def;
}
