import { NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { applyCompiledRules, compileStoredRules, validateRule, type CompiledRules, type ManualField, type Rule } from '../domain/rules';
import { newId } from '../adapters/ids';
import { transactionsByDate } from '../adapters/ledger';
import { getAccount } from '../adapters/accounts';
import { getCategory } from '../adapters/categories';
import * as store from '../adapters/rules';
import { ensureDefaultCategories } from './categories';

/** What rules may set on a transaction, and which rules did. */
export interface Ruled {
  categoryId: string | null;
  tags: string[];
  appliedRules: string[];
}

type Subject = { description: string; amount: number; currency: string; accountId: string | null; toAccountId: string | null; type: string; categoryId: string | null; tags: string[]; splits: unknown[] | null };

function subjectOf(t: Subject) {
  return {
    description: t.description,
    amount: t.amount,
    currency: t.currency,
    type: t.type as 'expense' | 'income' | 'transfer',
    ...(t.accountId ? { accountId: t.accountId } : {}),
    ...(t.toAccountId ? { toAccountId: t.toAccountId } : {}),
    ...(t.categoryId ? { categoryId: t.categoryId } : {}),
    tags: t.tags,
    ...(t.splits ? { splits: t.splits } : {}),
  };
}

/**
 * A rule as stored: the record plus, for a pattern rule, the program its pattern compiled to when it was saved
 * (`Rule.patternProgram`), which the adapter stores and reads back with the other attributes and `ruleView` leaves
 * out of replies.
 */
type StoredRule = store.RuleRecord & { patternProgram?: string };

const asDomain = (r: StoredRule): Rule => ({
  id: r.id,
  name: r.name,
  priority: r.priority,
  conditions: r.conditions,
  actions: r.actions,
  enabled: r.enabled,
  ...(typeof r.patternProgram === 'string' ? { patternProgram: r.patternProgram } : {}),
});

/**
 * Applies the user's rules to a transaction draft in their order, never overwriting a field set by hand. Patterns
 * run from their stored programs (`compileStoredRules`): the transaction and import functions carry no regex
 * compiler.
 */
export function applyUserRules(draft: Subject, manualFields: string[], rules: readonly StoredRule[] | CompiledRules): Ruled {
  const compiled = Array.isArray(rules) ? compileStoredRules((rules as readonly StoredRule[]).map(asDomain)) : (rules as CompiledRules);
  const out = applyCompiledRules(subjectOf(draft), compiled, manualFields.filter((f): f is ManualField => f === 'categoryId' || f === 'tags'));
  return { categoryId: out.categoryId ?? null, tags: out.tags, appliedRules: out.appliedRuleIds };
}

/** The user's rules, compiled once (for an import). */
export async function compiledRulesOf(userId: string): Promise<CompiledRules> {
  return compileStoredRules((await store.listRules(userId)).map(asDomain));
}

function prefixed(e: unknown): never {
  if (e instanceof ValidationError) throw new ValidationError(e.message, e.errors.map((x) => ({ path: `body.${x.path}`, message: x.message })));
  throw e;
}

export function ruleView(r: store.RuleRecord) {
  return { id: r.id, name: r.name, priority: r.priority, enabled: r.enabled, conditions: r.conditions, actions: r.actions, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

export async function listRules(userId: string) {
  return { items: (await store.listRules(userId)).map(ruleView) };
}

type RuleInput = Pick<store.RuleRecord, 'name' | 'priority' | 'enabled' | 'conditions' | 'actions'>;

/** Whether the user has the category (a default one counts once they have been given the defaults). */
async function hasCategory(userId: string, id: string): Promise<boolean> {
  if (await getCategory(userId, id)) return true;
  await ensureDefaultCategories(userId);
  return (await getCategory(userId, id)) !== undefined;
}

/**
 * Refuses a rule naming an account or a category the user does not have, as a transaction is refused: another
 * user's id and a missing one get the same answer. Only references that differ from `current` are read, so a rule
 * whose account has since gone can still be renamed or disabled.
 */
async function assertReferences(userId: string, rule: Rule, current?: Rule): Promise<void> {
  const accountId = rule.conditions.accountId;
  const categoryId = rule.actions.categoryId;
  const [accountOk, categoryOk] = await Promise.all([
    accountId === undefined || accountId === current?.conditions.accountId || getAccount(userId, accountId).then((a) => a !== undefined),
    categoryId === undefined || categoryId === current?.actions.categoryId || hasCategory(userId, categoryId),
  ]);
  const errors = [
    ...(accountOk ? [] : [{ path: 'body.conditions.accountId', message: `no account ${accountId ?? ''}` }]),
    ...(categoryOk ? [] : [{ path: 'body.actions.categoryId', message: `no category ${categoryId ?? ''}` }]),
  ];
  if (errors.length > 0) throw new ValidationError(`The rule names ${errors.map((e) => e.message.replace(/^no /, 'an unknown ')).join(' and ')}.`, errors);
}

export async function createRule(userId: string, input: RuleInput, now = new Date()) {
  const id = newId(now.getTime());
  let valid: Rule;
  try {
    valid = validateRule({ id, ...input });
  } catch (e) {
    prefixed(e);
  }
  await assertReferences(userId, valid);
  const at = now.toISOString();
  const record: StoredRule = { ...valid, version: 1, createdAt: at, updatedAt: at };
  await store.putRule(userId, record);
  return ruleView(record);
}

/** Why a write conditional on `expected` failed: the rule is gone (404) or at another version (412). */
async function refusal(userId: string, id: string, expected: number): Promise<never> {
  const current = await store.getRule(userId, id);
  if (!current) throw new NotFoundError(`No rule ${id}.`);
  throw new PreconditionFailedError(`The rule is at version ${current.version}, not ${expected}; read it again.`, current.version);
}

/** Changes a rule at the version the caller read (the write is conditional on it). */
export async function updateRule(userId: string, id: string, changes: Partial<RuleInput>, expected: number, now = new Date()) {
  const current = await store.getRule(userId, id);
  if (!current) throw new NotFoundError(`No rule ${id}.`);
  if (current.version !== expected) await refusal(userId, id, expected);
  let valid: Rule;
  try {
    valid = validateRule({ ...asDomain(current), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
  } catch (e) {
    prefixed(e);
  }
  await assertReferences(userId, valid, asDomain(current));
  const record: StoredRule = { ...valid, version: current.version + 1, createdAt: current.createdAt, updatedAt: now.toISOString() };
  if (!(await store.putRule(userId, record, expected))) await refusal(userId, id, expected);
  return ruleView(record);
}

/** Deletes a rule at the version the caller read. */
export async function deleteRule(userId: string, id: string, expected: number): Promise<void> {
  if (!(await store.deleteRule(userId, id, expected))) await refusal(userId, id, expected);
}

/**
 * Which existing transactions a rule would change if it ran on them now (newest first, reading up to 5,000), and how:
 * the rule is applied alone, respecting fields set by hand. Nothing is written.
 */
export async function previewRule(userId: string, id: string, limit: number) {
  const rule = await store.getRule(userId, id);
  if (!rule) throw new NotFoundError(`No rule ${id}.`);
  // The stored program, as transaction writes run it.
  return { ruleId: id, ...(await previewCompiled(userId, compileStoredRules([{ ...asDomain(rule), enabled: true }]), limit)) };
}

/**
 * {@link previewRule} of a rule not saved yet (the body of a create): validated and its pattern compiled as on saving,
 * then run from that program over the same transactions with the same bounds. Nothing is written.
 */
export async function previewDraftRule(userId: string, input: Pick<RuleInput, 'conditions' | 'actions'> & Partial<RuleInput>, limit: number) {
  let valid: Rule;
  try {
    valid = validateRule({ id: 'draft', name: input.name ?? 'Draft', priority: input.priority ?? 0, enabled: true, conditions: input.conditions, actions: input.actions });
  } catch (e) {
    prefixed(e);
  }
  await assertReferences(userId, valid);
  return { ruleId: null, ...(await previewCompiled(userId, compileStoredRules([valid]), limit)) };
}

/** The transactions one compiled rule would change (newest first, reading up to 5,000), at most `limit` of them. */
async function previewCompiled(userId: string, compiled: CompiledRules, limit: number) {
  const matches: { transactionId: string; date: string; description: string; changes: Record<string, unknown> }[] = [];
  let examined = 0;
  let more = false;
  for await (const page of transactionsByDate(userId, {}, {}, { limit: 500, newestFirst: true })) {
    for (const t of page.items) {
      examined++;
      const out = applyUserRules(t, t.manualFields, compiled);
      const changes: Record<string, unknown> = {};
      if (out.categoryId !== t.categoryId && out.categoryId) changes.categoryId = { from: t.categoryId, to: out.categoryId };
      if (out.tags.join('\u0000') !== t.tags.join('\u0000')) changes.tags = { from: t.tags, to: out.tags };
      if (Object.keys(changes).length) matches.push({ transactionId: t.id, date: t.date, description: t.description, changes });
      if (matches.length >= limit) return { examined, matches, truncated: true };
    }
    more = page.cursor !== undefined;
    if (examined >= 5000) break;
  }
  return { examined, matches, truncated: more };
}
