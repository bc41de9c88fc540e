import * as z from 'zod/mini';
import { ExactSum } from './common';
import { route } from './route';

const Month = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')))();
/** Sums in base minor units: exact at any size (a string of digits past ±(2^53 − 1)). */
const Minor = ExactSum;
const Flows = { income: Minor, expenses: Minor, net: Minor };
/** The fields of a category row, made only inside the responses' z.lazy (which only the OpenAPI document builds). */
const categoryRow = () => ({
  categoryId: z.string(),
  name: z.string(),
  parentId: z.nullable(z.string()),
  kind: z.enum(['income', 'expense']),
  level: z.enum(['parent', 'child']),
  amount: Minor,
  share: z.nullable(z.number()),
});

export const summary = /*#__PURE__*/ (() => route({
  summary: 'One month in the base currency: income, expenses, savings rate, categories, merchants',
  description: 'Read from pre-computed rollups (cost independent of how many transactions exist). `asOf` is when the rollup last changed. Pending-FX transactions are counted apart in `pendingFx`, never at 1:1.',
  auth: 'user',
  query: z.strictObject({ month: z.optional(Month) }),
  response: z.lazy(() => z.looseObject({
    month: z.string(),
    baseCurrency: z.string(),
    ...Flows,
    savingsRate: z.nullable(z.number()),
    transactionCount: z.int(),
    byCategory: z.array(z.looseObject({ ...categoryRow(), previousMonthAmount: Minor, change: Minor })),
    topMerchants: z.array(z.object({ merchant: z.string(), amount: Minor, count: z.int() })),
    pendingFx: z.looseObject({ count: z.int() }),
    asOf: z.nullable(z.string()),
  })),
}))();

export const trends = /*#__PURE__*/ (() => route({
  summary: 'Monthly series with a 3-month moving average and month-over-month change, overall and per category',
  auth: 'user',
  query: z.strictObject({ from: Month, to: Month }),
  response: z.lazy(() => z.looseObject({ baseCurrency: z.string(), series: z.array(z.looseObject({ month: z.string(), ...Flows })), byCategory: z.array(z.looseObject({ categoryId: z.string() })) })),
}))();

export const categories = /*#__PURE__*/ (() => route({
  summary: 'Totals and shares per category across a range of months',
  auth: 'user',
  query: z.strictObject({ from: Month, to: Month }),
  response: z.lazy(() => z.looseObject({ baseCurrency: z.string(), from: z.string(), to: z.string(), ...Flows, byCategory: z.array(z.looseObject(categoryRow())) })),
}))();

export const cashflow = /*#__PURE__*/ (() => route({
  summary: 'Monthly net and running cumulative for the last N months',
  auth: 'user',
  query: z.strictObject({ months: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(120)), 12) }),
  response: z.lazy(() => z.object({ baseCurrency: z.string(), items: z.array(z.object({ month: z.string(), ...Flows, cumulative: Minor })) })),
}))();
