import * as z from 'zod/mini';
import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '../domain/limits';
export { capSentence } from '../domain/limits';

const member = <T extends z.ZodMiniType>(s: T, text: string) => z.optional(s.check(z.describe(text)));

/**
 * Problem document (RFC 9457) every 4xx/5xx answer carries. Besides the standard members, a problem may carry
 * extension members saying more about what was wrong: the known ones are listed (each optional, present only on the
 * problems named in its description), and others may be added, so clients ignore members they do not know.
 */
export const ProblemSchema = /*#__PURE__*/ (() => z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: member(z.array(z.object({ path: z.string(), message: z.string() })), '400 `validation`: each wrong field (`body.…`, `query.…`, `path.…`, `header.…`) and what is wrong with it.'),
  limit: member(z.string(), '409 `limit-exceeded`: the per-user collection at its cap (e.g. `rules`, `accounts`).'),
  max: member(z.int(), '409 `limit-exceeded`: the cap of that collection.'),
  goals: member(z.array(z.object({ id: z.string(), name: z.string() })), '409 on DELETE /accounts/{id}: the savings goals that follow the account (delete or detach them first).'),
  inUse: member(z.boolean(), '409 on DELETE /categories/{id}: the category is in use (by transactions, rules or budgets); repeat with `?reassignTo`.'),
  ruleIds: member(z.array(z.string()), '409 on DELETE /categories/{id}: the rules that set the category.'),
  budgetIds: member(z.array(z.string()), '409 on DELETE /categories/{id}: the budgets that limit the category.'),
  accountId: member(z.string(), '409 on POST /goals/{id}/contributions: the account whose balance the goal follows.'),
  runningImportId: member(z.string(), '409 on POST /imports: the import still queued or running.'),
  currentVersion: member(z.int(), '412 `precondition-failed`: the version the resource is at now (read it again, or send it in `If-Match` to overwrite knowingly).'),
}).check(z.describe('RFC 9457 problem document. Extension members beyond those listed may appear; ignore the ones you do not know.')))();

export const Email = /*#__PURE__*/ (() => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email({ error: 'must be an email address' })))();
export const Password = /*#__PURE__*/ (() => z.string().check(z.minLength(1, 'is required'), z.maxLength(256)))();

/** An ISO 4217 alphabetic code (upper case, three letters); whether it is known is checked in the domain. */
export const CurrencyCode = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')))();

/** A UUID path parameter (ids of users). */
export const Uuid = /*#__PURE__*/ (() => z.string().check(z.regex(/^[0-9a-fA-F-]{36}$/, 'must be a UUID')))();

export const IsoDate = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')))();
export const IsoTimestamp = /*#__PURE__*/ (() => z.string())();

const CEILING = `at most ${MAX_AMOUNT_TEXT} (10^13) minor units in magnitude, the ceiling of one amount`;
/** A positive amount in minor units of its currency (cents for EUR, yen for JPY, fils for BHD), within the ceiling. */
export const PositiveAmount = /*#__PURE__*/ (() => z
  .int()
  .check(z.gt(0, 'must be a positive integer amount in minor units'), z.lte(MAX_AMOUNT, `must be ${CEILING}`), z.describe(`Integer minor units, 1 to ${MAX_AMOUNT_TEXT} (the ceiling of one amount).`)))();
/** A signed amount in minor units, within the ceiling either way. */
export const SignedAmount = /*#__PURE__*/ (() => z
  .int()
  .check(z.gte(-MAX_AMOUNT, `must be ${CEILING}`), z.lte(MAX_AMOUNT, `must be ${CEILING}`), z.describe(`Integer minor units, within ±${MAX_AMOUNT_TEXT} (the ceiling of one amount).`)))();
/** A non-negative amount in minor units, within the ceiling. */
export const NonNegativeAmount = /*#__PURE__*/ (() => z
  .int()
  .check(z.gte(0, 'must not be negative'), z.lte(MAX_AMOUNT, `must be ${CEILING}`), z.describe(`Integer minor units, 0 to ${MAX_AMOUNT_TEXT} (the ceiling of one amount).`)))();
/**
 * A sum of amounts (a balance, a report total): exact whatever its size. A JSON number while it is within
 * ±(2^53 − 1); beyond that (only reachable by adding many amounts near the ceiling) the string of its exact digits,
 * since larger JSON numbers lose units in most clients. In `z.lazy`, as only response schemas use it (see `response`
 * in ./route.ts): a function does not build its union, pattern and description when it loads.
 */
export const ExactSum = /*#__PURE__*/ (() => z.lazy(() => z
  .union([z.int(), z.string().check(z.regex(/^-?(0|[1-9]\d*)$/))])
  .check(z.describe('Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling).'))))();

/**
 * The `limit` query parameter of a list: a page size from 1 to `max` (default `fallback`); past `max` a 400 says the
 * largest page the list answers.
 */
export function PageLimit(max: number, fallback: number) {
  return z._default(
    z.coerce
      .number()
      .check(
        z.int('must be a whole number'),
        z.gte(1, 'must be at least 1'),
        z.lte(max, `must be at most ${max}: the largest page this list answers (follow nextCursor for more)`),
        z.describe(`Page size, 1 to ${max} (default ${fallback}).`),
      ),
    fallback,
  );
}
