import { rememberAfter, replayOf, requestHash, type StoredReply } from '../adapters/idempotency';
import { idempotencyKeyOf } from '../use-cases/idempotency';

/** A request's `Idempotency-Key`, the hash of its body, and the status its success answers (what gets stored). */
export interface IdempotencyClaim {
  key: string;
  hash: string;
  status: number;
}

/** Where the handler factory finds and keeps the replies of idempotent requests. */
export interface IdempotencyPort {
  /** The reply stored for the key; throws UnprocessableError (422) when the key came with another body. */
  replay(userId: string, key: string, hash: string): Promise<StoredReply | undefined>;
  /** Records a reply after the write succeeded, as its own item (a key already recorded by a racing retry stays). */
  remember(userId: string, claim: IdempotencyClaim, reply: StoredReply, now: Date): Promise<void>;
}

/** The DynamoDB implementation (shared/adapters/idempotency.ts): one item per key, expiring after 24 h. */
export const idempotencyStore: IdempotencyPort = {
  replay: replayOf,
  remember: (userId, claim, reply, now) => rememberAfter(userId, claim.key, claim.hash, reply, now),
};

export { idempotencyKeyOf, requestHash };
