import { UnprocessableError } from '../../../shared/domain/errors';
import type { StoredReply } from '../../../shared/adapters/idempotency';

export type { StoredReply };
import type { MemoryTxItem } from './ledger';


/** In-memory idempotency records. `vi.mock('…/shared/adapters/idempotency', () => import('…/memory/idempotency'))`. */
export const memory = {
  replies: new Map<string, { hash: string; reply: StoredReply }>(),
  reset(): void {
    this.replies = new Map();
  },
};

export async function replayOf(userId: string, key: string, hash: string): Promise<StoredReply | undefined> {
  const stored = memory.replies.get(`${userId}/${key}`);
  if (!stored) return undefined;
  if (stored.hash !== hash) throw new UnprocessableError('This Idempotency-Key was already used with a different request body; use a new key for a new request.');
  return structuredClone(stored.reply);
}

export function rememberReply(userId: string, key: string, hash: string, reply: StoredReply): MemoryTxItem {
  return { check: () => !memory.replies.has(`${userId}/${key}`), apply: () => void memory.replies.set(`${userId}/${key}`, { hash, reply: structuredClone(reply) }) };
}
