import * as keys from './keys';
import type { ReadAheadName } from '../contracts/route';
import { currentContext, withContext } from '../invocation-context';

/**
 * A per-request read-ahead: items a route is known to read right after its token check, fetched in the same
 * BatchGetItem as the check (see `isTokenActive`), so a request that needs both makes one round trip instead of two.
 * Each DynamoDB call costs far more CPU in the SDK and on the socket than in the table, so the saved call is what counts.
 *
 * The scope lives for one request; an item read ahead is taken once (a second read of it goes to the table), and a
 * key that is not here is read as usual. Nothing is answered from it before the token check has passed: the check
 * and the item arrive in the same reply, and the factory refuses the request when the check fails.
 */

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

/** One request's read-ahead, kept in the invocation context (shared/invocation-context.ts). */
export interface ReadAheadScope {
  /** Keys declared and not fetched yet. */
  pending: Key[];
  /** Items fetched: null when the table has none. */
  fetched: Map<string, Item | null>;
}

const KEY_OF: Record<ReadAheadName, (userId: string) => Key> = {
  profile: (userId) => keys.profile(userId),
};

function id(key: Key): string {
  return `${key.pk}\u0000${key.sk}`;
}

/** A fresh, empty read-ahead scope for one request (the HTTP factory puts it in the request's context). */
export function newReadAhead(): ReadAheadScope {
  return { pending: [], fetched: new Map() };
}

/** Runs `fn` (one request) with its own, empty read-ahead scope; the rest of the context carries on. */
export function withReadAhead<T>(fn: () => T): T {
  return withContext({ readAhead: newReadAhead() }, fn);
}

/** Declares what the current request will read of the user's data; no-op outside a scope. */
export function readAhead(names: readonly ReadAheadName[], userId: string): void {
  const scope = currentContext()?.readAhead;
  if (scope) scope.pending.push(...names.map((n) => KEY_OF[n](userId)));
}

/** Takes the declared keys not fetched yet (the next read of the request fetches them with its own). */
export function takePending(): Key[] {
  const scope = currentContext()?.readAhead;
  if (!scope || scope.pending.length === 0) return [];
  const pending = scope.pending;
  scope.pending = [];
  return pending;
}

/** Records what a batch read brought for keys taken with {@link takePending}. */
export function remember(key: Key, item: Item | undefined): void {
  currentContext()?.readAhead?.fetched.set(id(key), item ?? null);
}

/**
 * The item read ahead for `key`, taken out of the scope: `{ item }` (undefined when the table had none), or undefined
 * when it was not read ahead (read it from the table).
 */
export function takeReadAhead(key: Key): { item: Item | undefined } | undefined {
  const scope = currentContext()?.readAhead;
  if (!scope) return undefined;
  const k = id(key);
  if (!scope.fetched.has(k)) return undefined;
  const item = scope.fetched.get(k);
  scope.fetched.delete(k);
  return { item: item ?? undefined };
}
