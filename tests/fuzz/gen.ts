import fc from 'fast-check';

/**
 * A seeded source of choices. Small decisions (which operation part to break, which value from a list) come from a
 * mulberry32 stream; values with structure come from fast-check arbitraries sampled with seeds drawn from the same
 * stream. So one (seed, case number) pair always yields the same case.
 */
export class Gen {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of items) {
      if ((r -= w) < 0) return v;
    }
    return (items[items.length - 1] as readonly [number, T])[1];
  }

  /** One value of a fast-check arbitrary, seeded from this stream. */
  sample<T>(arb: fc.Arbitrary<T>): T {
    return fc.sample(arb, { seed: this.int(0, 0x7fffffff), numRuns: 1 })[0] as T;
  }
}

/** Derives the seed of case `index` from the run's seed (splitmix-style), so any case can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A JSON text emitted as is (numbers JSON.stringify cannot write: -0, 1e309, 2^53+1 as typed). */
export class Raw {
  constructor(readonly json: string) {}
}

/** A value known only once the run's fixtures exist (an account id of the fuzz user, a real cursor, …). */
export class Ref {
  constructor(
    /** Which pool: account, category, transaction, rule, import, role, user, email, password, refreshToken, cursor, etag. */
    readonly pool: string,
    readonly index: number,
    /** Another user's resource (must never be readable or writable by the caller). */
    readonly foreign = false,
    /** A resource the case may destroy (DELETE): taken from a pool kept apart for it. */
    readonly spare = false,
  ) {}

  toString(): string {
    return `<${this.foreign ? 'foreign-' : ''}${this.spare ? 'spare-' : ''}${this.pool}#${this.index}>`;
  }
}

/** Sets an own enumerable property, even one named `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Serialises a generated value to JSON text, writing Raw tokens verbatim and Refs through `ref`. */
export function toJson(v: unknown, ref: (r: Ref) => unknown): string {
  if (v instanceof Raw) return v.json;
  if (v instanceof Ref) return toJson(ref(v), ref);
  if (Array.isArray(v)) return `[${v.map((x) => toJson(x, ref)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJson((v as Record<string, unknown>)[k], ref)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Deep copy that keeps Raw and Ref instances and `__proto__` keys. */
export function clone<T>(v: T): T {
  if (v instanceof Raw || v instanceof Ref) return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, clone((v as Record<string, unknown>)[k]));
    return out as T;
  }
  return v;
}

/** Short human form of a generated value for case descriptions (long strings summarised by length). */
export function describeValue(v: unknown, max = 400): string {
  const text = toJson(summarise(v), (r) => r.toString());
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

function summarise(v: unknown): unknown {
  if (typeof v === 'string' && v.length > 80) {
    const head = v.slice(0, 24);
    const unit = v.slice(24, 26);
    return `${head}…[${v.length} UTF-16 units${/^(.)\1$/u.test(unit) || unit.length < 2 ? `, repeating ${JSON.stringify(unit.slice(0, 1))}` : ''}]`;
  }
  if (v instanceof Raw || v instanceof Ref) return v instanceof Ref ? v.toString() : v;
  if (Array.isArray(v)) return v.length > 12 ? [...v.slice(0, 12).map(summarise), `…${v.length - 12} more`] : v.map(summarise);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, summarise((v as Record<string, unknown>)[k]));
    return out;
  }
  return v;
}
