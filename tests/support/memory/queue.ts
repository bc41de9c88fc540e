import type { Envelope } from '../../../events/envelope';
import type { QueuePort } from '../../../shared/ports/queue';

/**
 * An in-memory queue port (shared/adapters/queue.ts's `publish`): every event published, with its queue and delay.
 * Use in unit tests: `vi.mock('…/shared/adapters/queue', () => import('…/memory/queue'))`.
 */
export const memory = {
  published: [] as { queue: string; event: Envelope; delaySeconds: number }[],
  reset(): void {
    this.published = [];
  },
  /** Event types published to `queue`, in order. */
  typesOn(queue: string): string[] {
    return this.published.filter((p) => p.queue === queue).map((p) => p.event.type);
  },
};

export async function publish(queue: string, events: Envelope[], options: { delaySeconds?: number } = {}): Promise<void> {
  for (const event of events) memory.published.push({ queue, event, delaySeconds: options.delaySeconds ?? 0 });
}

export const queueMemoryImplementsPort: QueuePort = { publish };
