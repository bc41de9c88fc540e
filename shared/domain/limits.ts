/**
 * Every bound a user's data is held to, in one place: the ceiling of one amount, the caps on per-user collections
 * and the largest page a list answers. The contracts (and so the OpenAPI descriptions), the domain checks and the
 * adapters that enforce the caps atomically all read them from here. Pure data: no imports, so the lean request
 * contracts can use it.
 */

/**
 * The ceiling of ONE amount, in minor units: |amount| ≤ 10^13 (100 billion in a two-decimal currency, 10 trillion
 * yen). See `shared/domain/money/amount.ts` for why, and for the checks that enforce it.
 */
export const MAX_AMOUNT = 10_000_000_000_000;

/** {@link MAX_AMOUNT} as people read it: `10,000,000,000,000`. */
export const MAX_AMOUNT_TEXT = '10,000,000,000,000';

/**
 * The per-user collections that are capped, and their caps. A create past the cap is refused with a 409 problem
 * `limit-exceeded` naming the collection and the cap; the count is kept in a counter item per user and collection,
 * changed in the same DynamoDB transaction as the create or delete, so concurrent creates cannot pass it.
 *
 * - `rules`: every rule is compiled and evaluated on every transaction write and import row.
 * - `accounts`: every account is listed with its balances in one answer.
 * - `categories`: ~110 defaults are given at sign-up and count toward the cap.
 * - `budgets`, `goals`, `importsInFlight`: reserved for the collections that come next, so their caps are decided
 *   here with the rest.
 */
export const COLLECTION_LIMITS = Object.freeze({
  rules: 200,
  accounts: 100,
  categories: 300,
  budgets: 100,
  goals: 50,
  importsInFlight: 1,
} as const);

/** A capped per-user collection. */
export type LimitedCollection = keyof typeof COLLECTION_LIMITS;

/** The cap of a collection. */
export function limitOf(collection: LimitedCollection): number {
  return COLLECTION_LIMITS[collection];
}

/** The largest `limit` any list accepts (page size), and the default page sizes. */
export const PAGE_LIMITS = Object.freeze({
  /** `GET /transactions?limit=`. */
  transactions: { max: 100, default: 50 },
  /** `GET /rules/{id}/preview?limit=` (matches listed). */
  rulePreview: { max: 500, default: 100 },
  /** `GET /auth/audit?limit=`. */
  audit: { max: 100, default: 50 },
} as const);

/** The sentence an API description carries for a capped collection's create route. */
export function capSentence(collection: LimitedCollection, noun: string): string {
  return `A user may hold at most ${limitOf(collection)} ${noun}; a create past that answers 409 \`limit-exceeded\` with \`limit: "${collection}"\` and \`max\`.`;
}
