/**
 * The probability of reaching a savings goal by its date, from the spread of the goal's own monthly flow over the
 * user's recent complete months (see {@link feasibility} for which flow). Pure: no clock, no I/O, no
 * `Math.random` — the draws come from a PRNG seeded by the goal id and the figures, so the same data always gives
 * the same answer.
 */

/** Draws of the bootstrap (standard error at most 0.005). */
export const BOOTSTRAP_DRAWS = 10_000;
/** Past this many months left, the bootstrap's sum is replaced by its normal approximation (CLT), to bound the work (≤ 360,000 draws a goal). */
export const BOOTSTRAP_MAX_MONTHS = 36;
/** Complete months of history the feasibility reads, at most. */
export const HISTORY_MONTHS = 12;

/** One month of the goal's history: its net flow in the goal's currency, minor units. */
export interface MonthFlow {
  readonly month: string;
  readonly amount: bigint;
}

export interface FeasibilityInput {
  /** Mixed into the seed (the goal id), so two goals with the same figures still draw their own samples. */
  readonly seed: string;
  /** Still to save, minor units (≤ 0 when reached). */
  readonly remaining: bigint;
  /** Months of saving left: the current month and every month up to the target date's, both included (0 when past). */
  readonly monthsLeft: number | null;
  /** Complete months of history, oldest first (at most {@link HISTORY_MONTHS} are used: the latest). */
  readonly history: readonly MonthFlow[];
  /** What the history is, for `basis.source` (e.g. `account-flow`, `contributions`). */
  readonly source: string;
  /** Why there is no usable history, when the caller already knows (e.g. a currency mismatch). */
  readonly unavailable?: string;
}

export interface Feasibility {
  /** P(sum of the flows of `monthsLeft` months ≥ remaining), 0 to 1; null when it cannot be said (see `basis.reason`). */
  readonly probability: number | null;
  /** `bootstrap` (seeded resampling of the months), `normal-approximation`, `deterministic` (every month the same, or nothing left to save / no time left) or `none`. */
  readonly method: 'bootstrap' | 'normal-approximation' | 'deterministic' | 'none';
  readonly basis: {
    readonly source: string;
    readonly months: string[];
    readonly count: number;
    /** The monthly flows used, minor units (exact digits as a string past 2^53). */
    readonly figures: (number | string)[];
    readonly monthsLeft: number | null;
    readonly remaining: number | string;
    readonly draws: number | null;
    readonly seed: number | null;
    readonly reason: string | null;
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const exact = (v: bigint): number | string => (v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString());

/** 32-bit FNV-1a of a string (the seed). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; returns a generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/**
 * The probability that the goal's flow over the months left adds up to at least what remains.
 *
 * Each of the `monthsLeft` future months is assumed to bring one of the history's monthly flows, drawn uniformly with
 * replacement (a bootstrap of the user's own months: it keeps their spread and skew, assumes nothing about its
 * shape). {@link BOOTSTRAP_DRAWS} sums are drawn with a PRNG seeded by FNV-1a of the goal id and the figures; the
 * probability is the share of sums ≥ remaining. When every month is the same the answer is exactly 0 or 1
 * (`deterministic`); past {@link BOOTSTRAP_MAX_MONTHS} months left the sum's normal approximation (mean n·μ,
 * variance n·σ² of the history) with its first Edgeworth (skewness) term is used, which is what the bootstrap
 * converges to without drawing n × 10,000 months. Nothing left to save is 1; no time left (past the date) is 0; no target
 * date or no history is null with the reason.
 */
export function feasibility(input: FeasibilityInput): Feasibility {
  const used = input.history.slice(-HISTORY_MONTHS);
  const values = used.map((m) => m.amount);
  const basis: Basis = {
    source: input.source,
    months: used.map((m) => m.month),
    count: used.length,
    figures: values.map(exact),
    monthsLeft: input.monthsLeft,
    remaining: exact(input.remaining),
    draws: null,
    seed: null,
    reason: null,
  };
  const settled = settledAnswer(input, values, basis);
  if (settled) return settled;
  const n = input.monthsLeft ?? 0;
  if (n > BOOTSTRAP_MAX_MONTHS) {
    return { probability: round4(Math.min(1, Math.max(0, normalTail(values, n, input.remaining)))), method: 'normal-approximation', basis };
  }
  const key = `${input.seed}|${input.remaining}|${n}|${values.join(',')}`;
  const seed = fnv1a(key);
  let probability = drawn.get(key);
  if (probability === undefined) {
    probability = round4(bootstrapHits(values, n, input.remaining, seed) / BOOTSTRAP_DRAWS);
    if (drawn.size >= MEMO_SIZE) drawn.delete(drawn.keys().next().value as string);
    drawn.set(key, probability);
  }
  return { probability, method: 'bootstrap', basis: { ...basis, draws: BOOTSTRAP_DRAWS, seed } };
}

type Basis = Feasibility['basis'];

/**
 * The answers that need no drawing: the target reached, no target date, the date passed, no usable history, or every
 * month the same; undefined when the months left and the history's spread decide.
 */
function settledAnswer(input: FeasibilityInput, values: readonly bigint[], basis: Basis): Feasibility | undefined {
  if (input.remaining <= 0n) return { probability: 1, method: 'deterministic', basis: { ...basis, reason: 'the target is reached' } };
  if (input.monthsLeft === null) return { probability: null, method: 'none', basis: { ...basis, reason: 'the goal has no target date' } };
  if (input.monthsLeft <= 0) return { probability: 0, method: 'deterministic', basis: { ...basis, reason: 'the target date has passed' } };
  if (input.unavailable) return { probability: null, method: 'none', basis: { ...basis, reason: input.unavailable } };
  if (values.length === 0) return { probability: null, method: 'none', basis: { ...basis, reason: 'no complete month of history yet' } };
  const first = values[0] ?? 0n;
  if (values.every((v) => v === first)) {
    return { probability: BigInt(input.monthsLeft) * first >= input.remaining ? 1 : 0, method: 'deterministic', basis: { ...basis, reason: 'every month of the history is the same' } };
  }
  return undefined;
}

/** P(sum of `n` months ≥ remaining) by the normal approximation of the sum with its first Edgeworth (skewness) term. */
function normalTail(values: readonly bigint[], n: number, remaining: bigint): number {
  // Moments in floating point are fine here: they feed a probability, never an amount.
  const xs = values.map(Number);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  const skewness = xs.reduce((s, x) => s + (x - mean) ** 3, 0) / xs.length / variance ** 1.5;
  const z = (Number(remaining) - n * mean) / Math.sqrt(n * variance);
  // First Edgeworth term: the sum of a few dozen skewed months is not yet symmetric.
  return 1 - normalCdf(z) + (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * (skewness / (6 * Math.sqrt(n))) * (z * z - 1);
}

/** How many of {@link BOOTSTRAP_DRAWS} sums of `n` months drawn from `values` reach `remaining`. */
function bootstrapHits(values: readonly bigint[], n: number, remaining: bigint, seed: number): number {
  const k = values.length;
  let hits = 0;
  const maxAbs = values.reduce((m, v) => (v < 0n ? (-v > m ? -v : m) : v > m ? v : m), 0n);
  if (maxAbs * BigInt(n) <= MAX_SAFE && remaining <= MAX_SAFE) {
    // Every partial sum stays a safe integer, so float addition is exact here.
    // mulberry32 inlined (the same sequence as `random`, index = ⌊u · k / 2^32⌋, exact in doubles): this loop is
    // the whole cost of a goal's read, ~4× faster than calling the closure.
    const xs = Float64Array.from(values.map(Number));
    const target = Number(remaining);
    let a = seed >>> 0;
    for (let d = 0; d < BOOTSTRAP_DRAWS; d++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        sum += xs[Math.floor((((t ^ (t >>> 14)) >>> 0) * k) / 4294967296)] as number;
      }
      if (sum >= target) hits++;
    }
    return hits;
  }
  const random = mulberry32(seed);
  for (let d = 0; d < BOOTSTRAP_DRAWS; d++) {
    let sum = 0n;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * k)] ?? 0n;
    if (sum >= remaining) hits++;
  }
  return hits;
}

/**
 * Bootstrap answers already drawn, by their exact inputs (the answer is a function of them, so this changes no
 * result): a warm function reading the same goals again (a list refreshed, the alerts consumer on every ledger event)
 * does not draw them again. Oldest first out past {@link MEMO_SIZE}.
 */
const drawn = new Map<string, number>();
const MEMO_SIZE = 2_000;

const round4 = (p: number) => Math.round(p * 10_000) / 10_000;
