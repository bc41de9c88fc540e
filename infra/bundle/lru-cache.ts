/**
 * What the function bundles use in place of `mnemonist/lru-cache` (see ./options.ts).
 *
 * The DynamoDB client builds an endpoint-discovery cache (`@aws-sdk/endpoint-cache`) even with discovery off, as
 * Tally leaves it; mnemonist's typed-array LRU and its iterator helpers are about 7 KB of every bundle for a cache
 * that is never filled. This is the part of mnemonist's `LRUCache` API that the endpoint cache calls, on a `Map`
 * (which keeps insertion order, so its first key is the least recently used).
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** Entries held. */
  get size(): number {
    return this.items.size;
  }

  /** The value of `key`, marking it the most recently used. */
  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  /** The value of `key`, leaving its place in the order alone. */
  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  /** Stores `value` as the most recently used, dropping the least recently used entry beyond the capacity. */
  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
