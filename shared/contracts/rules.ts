import * as z from 'zod/mini';
import { PAGE_LIMITS } from '../domain/limits';
import { capSentence, NonNegativeAmount, PageLimit } from './common';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an id')))();
const IdParams = /*#__PURE__*/ (() => z.strictObject({ id: Id }))();
const Minor = NonNegativeAmount;

export const RuleConditions = /*#__PURE__*/ (() => z.lazy(() => z.strictObject({
  descriptionContains: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  descriptionRegex: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** Absolute amount bounds in minor units of the transaction's currency. */
  amountMin: z.optional(Minor),
  amountMax: z.optional(Minor),
  accountId: z.optional(Id),
  /** Only transactions in this currency (amount bounds are minor units of it). */
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'))),
  type: z.optional(z.enum(['expense', 'income', 'transfer'])),
})))();
export const RuleActions = /*#__PURE__*/ (() => z.lazy(() => z.strictObject({
  categoryId: z.optional(Id),
  tags: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))).check(z.maxLength(10))),
})))();

export const Rule = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  priority: z.int(),
  enabled: z.boolean(),
  conditions: RuleConditions,
  actions: RuleActions,
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})))();

const RuleBody = /*#__PURE__*/ (() => ({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  priority: z.int().check(z.gte(0), z.lte(1_000_000)),
  enabled: z.boolean(),
  conditions: RuleConditions,
  actions: RuleActions,
}))();

export const listRules = /*#__PURE__*/ (() => route({
  summary: 'List rules in the order they apply',
  description: `Every rule in one answer (there are at most as many as the cap). ${capSentence('rules', 'rules')}`,
  auth: 'user',
  response: z.lazy(() => z.object({ items: z.array(Rule) })),
}))();
export const createRule = /*#__PURE__*/ (() => route({
  summary: 'Create a categorisation rule',
  description: `Rules apply on create and import, lowest priority first; they never overwrite a field set by hand. ${capSentence('rules', 'rules')}`,
  auth: 'user',
  body: z.strictObject({ ...RuleBody, priority: z._default(RuleBody.priority, 100), enabled: z._default(RuleBody.enabled, true) }),
  response: Rule,
  status: 201,
  idempotent: true,
  concurrency: 'if-match',
}))();
export const updateRule = /*#__PURE__*/ (() => route({
  summary: 'Change a rule',
  auth: 'user',
  params: IdParams,
  body: z.strictObject({
    name: z.optional(RuleBody.name),
    priority: z.optional(RuleBody.priority),
    enabled: z.optional(RuleBody.enabled),
    conditions: z.optional(RuleConditions),
    actions: z.optional(RuleActions),
  }),
  response: Rule,
  concurrency: 'if-match',
}))();
export const deleteRule = /*#__PURE__*/ (() => route({ summary: 'Delete a rule', auth: 'user', params: IdParams, concurrency: 'if-match' }))();
/** What a preview answers: the transactions a rule would change, and how. */
const RulePreview = /*#__PURE__*/ (() => z.object({
  ruleId: z.string(),
  examined: z.int(),
  matches: z.array(
    z.object({
      transactionId: z.string(),
      date: z.string(),
      description: z.string(),
      changes: z.object({ categoryId: z.optional(z.object({ from: z.nullable(z.string()), to: z.string() })), tags: z.optional(z.object({ from: z.array(z.string()), to: z.array(z.string()) })) }),
    }),
  ),
  truncated: z.boolean(),
}))();
const PreviewQuery = /*#__PURE__*/ (() => z.strictObject({ limit: PageLimit(PAGE_LIMITS.rulePreview.max, PAGE_LIMITS.rulePreview.default) }))();
export const previewRule = /*#__PURE__*/ (() => route({
  summary: 'Which existing transactions a rule would change, and how',
  auth: 'user',
  params: IdParams,
  query: PreviewQuery,
  response: RulePreview,
}))();

/** The preview of a rule not saved yet: the body of a create, answered as {@link previewRule} with `ruleId: null`. */
export const previewDraftRule = /*#__PURE__*/ (() => route({
  summary: 'Which existing transactions an unsaved rule would change, and how',
  description:
    'The body of `POST /rules` (only `conditions` and `actions` are needed); nothing is saved. The rule is validated and its pattern compiled as on saving (linear-time matching), then run over your newest transactions with the same bounds as `POST /rules/{id}/preview` (at most 5,000 read, `limit` matches).',
  auth: 'user',
  query: PreviewQuery,
  body: z.strictObject({
    name: z.optional(RuleBody.name),
    priority: z.optional(RuleBody.priority),
    enabled: z.optional(RuleBody.enabled),
    conditions: RuleConditions,
    actions: RuleActions,
  }),
  response: z.lazy(() => z.extend(RulePreview, { ruleId: z.null() })),
}))();
