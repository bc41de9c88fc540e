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
}

/** Every queue; each has a DLQ named `<name>-dlq`. */
export const queues: QueueDef[] = [
  { name: 'notifications', visibilityTimeoutSeconds: 60, maxReceiveCount: 3, dlqRetentionDays: 14 },
  { name: 'reports', visibilityTimeoutSeconds: 180, maxReceiveCount: 3, dlqRetentionDays: 14 },
  { name: 'ledger-jobs', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, dlqRetentionDays: 14 },
  { name: 'analytics', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  { name: 'imports', visibilityTimeoutSeconds: 1800, maxReceiveCount: 3, dlqRetentionDays: 14 },
  // Fed by the analytics consumer: each ledger event once its rollups (monthly and daily) are written.
  { name: 'alerts', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // Ledger events → each user's learned categoriser (shared/use-cases/categoriser.ts).
  { name: 'categoriser', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // Ledger events → each user's merchant series and recurring payments (shared/use-cases/recurring.ts).
  { name: 'recurring', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
  // Ledger events → each user's debounced advice recompute (its own delayed messages, the monthly sweep's pages).
  { name: 'advice', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, dlqRetentionDays: 14 },
];

/** The manifest queue of that name; throws (at a consumer's cold start) when there is none. */
export function queueNamed(name: string): QueueDef {
  const def = queues.find((q) => q.name === name);
  if (!def) throw new Error(`No manifest queue named "${name}" (functions/queues.ts).`);
  return def;
}
