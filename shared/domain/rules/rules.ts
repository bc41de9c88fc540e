import { ValidationError } from '../errors';
import { COLLECTION_LIMITS } from '../limits';
import { normaliseTags, TRANSACTION_LIMITS, TRANSACTION_TYPES, type FieldProblem, type TransactionType } from '../ledger/transaction';
import { isCurrency } from '../money';
import { compilePattern } from './pattern';
import { loadProgram, type LoadedProgram, type RulePattern } from './program';

/**
 * Categorisation rules: "when a transaction looks like this, give it that category and these tags". Rules run
 * in priority order and never overwrite what the user set by hand.
 */

/** When a rule applies. Every condition given must hold; at least one is required. */
export interface RuleConditions {
  /** Text the description contains (case, accents and spacing ignored). */
  descriptionContains?: string;
  /**
   * A regular expression the description matches anywhere (RE2 syntax, case-insensitive, linear time; checked by
   * `regexProblem`). It sees the description with runs of white space as one space.
   */
  descriptionRegex?: string;
  /** Smallest absolute amount, in minor units, inclusive. */
  amountMin?: number;
  /** Largest absolute amount, in minor units, inclusive. */
  amountMax?: number;
  /** Only this currency (amount bounds are minor units, so they mean different sums in different currencies). */
  currency?: string;
  /** Only transactions of this account (either side of a transfer). */
  accountId?: string;
  type?: TransactionType;
}

/** What a rule does. At least one action is required. */
export interface RuleActions {
  categoryId?: string;
  /** Tags added (normalised: lower case, unique). */
  tags?: string[];
}

/** A categorisation rule. */
export interface Rule {
  id: string;
  name: string;
  /** Lower runs first; ties by id. */
  priority: number;
  conditions: RuleConditions;
  actions: RuleActions;
  enabled: boolean;
  /**
   * `conditions.descriptionRegex` compiled by RE2 when the rule was saved (`./program.ts` text, set by
   * {@link validateRule}): what {@link compileStoredRules} runs, so applying rules needs no regex compiler.
   */
  patternProgram?: string;
}

/** Fields the user may have set by hand, which rules then leave alone. */
export type ManualField = 'categoryId' | 'tags';

/** The part of a transaction rules look at and change. */
export interface RuleSubject {
  description: string;
  /** Minor units (sign ignored). */
  amount: number;
  currency?: string;
  type: TransactionType;
  accountId?: string;
  toAccountId?: string;
  categoryId?: string;
  tags?: readonly string[];
  /** A split transaction takes its categories from its splits, so rules do not set one. */
  splits?: readonly unknown[];
}

/** The result of {@link applyRules}. */
export interface RuleOutcome {
  /** The category after the rules (unchanged when no rule set one or it was set by hand). */
  categoryId: string | undefined;
  /** The tags after the rules (existing ones first, then added ones in rule order). */
  tags: string[];
  /** Which fields the rules changed. */
  changed: ManualField[];
  /** Rules that changed something, in the order they ran. */
  appliedRuleIds: string[];
  /** Every enabled rule whose conditions held, in the order they ran (applied or not). */
  matchedRuleIds: string[];
  /** The rule that set the category, if one did. */
  categoryRuleId?: string;
}

/**
 * Limits of rules: name and text lengths, how many rules one user may keep (`COLLECTION_LIMITS.rules`, enforced
 * where rules are stored), and how much pattern (`descriptionRegex`) work they may add up to. Contains-rules
 * cost next to nothing per transaction, so they may be many. A pattern costs its compilation once per request and up to its program size
 * (`RulePattern.programSize`, at most `MAX_PROGRAM_SIZE` each) per character of the description, so
 * {@link compileRules} runs patterns in rule order while their program sizes add up to at most
 * `maxPatternSteps`, and reports the first one that does not fit and every pattern after it as invalid, whatever
 * was stored. About 20 everyday patterns (`starbucks|coffee` is 18) fit, or a few long lists of shop names.
 */
export const RULE_LIMITS = Object.freeze({ maxNameLength: 100, maxContainsLength: 200, maxRules: COLLECTION_LIMITS.rules, maxPatternSteps: 600 });

/** A rule with its text conditions prepared once. */
export interface CompiledRule {
  readonly rule: Rule;
  /** `descriptionContains`, folded like descriptions are. */
  readonly contains?: string;
  /** `descriptionRegex`, compiled (RE2). */
  readonly regex?: RulePattern;
}

/**
 * A transaction's description prepared for matching, once per transaction whatever the number of rules: folded
 * for `descriptionContains`, spaces collapsed for `descriptionRegex`. Made by {@link subjectText}.
 */
export interface SubjectText {
  readonly folded: string;
  readonly spaced: string;
}

/** Rules sorted and compiled by {@link compileRules}, plus the ones that could not be used. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  readonly invalid: readonly { id: string; problems: FieldProblem[] }[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Folds text for `descriptionContains`: lower case, no accents, single spaces. */
function foldText(text: string): string {
  return String(text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The description as rules see it, prepared lazily (each form at most once): cut at the longest description the
 * ledger accepts, so matching stays bounded even for something stored before the limit.
 */
export function subjectText(tx: Pick<RuleSubject, 'description'>): SubjectText {
  const raw = String(tx?.description ?? '').slice(0, TRANSACTION_LIMITS.maxDescriptionLength);
  let folded: string | undefined;
  let spaced: string | undefined;
  return {
    get folded() {
      return (folded ??= foldText(raw));
    },
    get spaced() {
      return (spaced ??= raw.replace(/\s+/g, ' ').trim());
    },
  };
}

/** Every problem with a rule (paths like `conditions.descriptionRegex`); empty when it is valid. */
export function ruleProblems(rule: Rule): FieldProblem[] {
  const problems = shapeProblems(rule);
  const pattern = rule?.conditions?.descriptionRegex;
  if (pattern !== undefined) {
    const compiled = compilePattern(pattern);
    if (!compiled.ok) problems.push({ path: 'conditions.descriptionRegex', message: compiled.problem });
  }
  return problems;
}

/** Every problem with a rule except whether its pattern compiles (compiling costs; callers decide when). */
function shapeProblems(rule: Rule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof rule !== 'object' || rule === null) return [{ path: '', message: 'must be an object' }];
  if (typeof rule.id !== 'string' || !ID.test(rule.id)) problems.push({ path: 'id', message: 'must be an id of 1 to 128 letters, digits, ".", "_", ":" or "-"' });
  if (typeof rule.name !== 'string' || rule.name.trim() === '' || rule.name.length > RULE_LIMITS.maxNameLength) {
    problems.push({ path: 'name', message: `must be 1 to ${RULE_LIMITS.maxNameLength} characters` });
  }
  if (!Number.isSafeInteger(rule.priority)) problems.push({ path: 'priority', message: 'must be a whole number (lower runs first)' });
  if (typeof rule.enabled !== 'boolean') problems.push({ path: 'enabled', message: 'must be true or false' });

  const c = rule.conditions ?? {};
  if (typeof c !== 'object') problems.push({ path: 'conditions', message: 'must be an object' });
  const given = Object.entries(c).filter(([, v]) => v !== undefined && v !== null);
  if (given.length === 0) problems.push({ path: 'conditions', message: 'must have at least one condition (a rule that matches everything is a mistake)' });
  if (c.descriptionContains !== undefined) {
    const text = foldText(c.descriptionContains);
    if (text === '' || text.length > RULE_LIMITS.maxContainsLength) problems.push({ path: 'conditions.descriptionContains', message: `must be 1 to ${RULE_LIMITS.maxContainsLength} characters` });
  }
  for (const key of ['amountMin', 'amountMax'] as const) {
    const v = c[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) problems.push({ path: `conditions.${key}`, message: 'must be a non-negative whole number of minor units' });
  }
  if (c.amountMin !== undefined && c.amountMax !== undefined && c.amountMin > c.amountMax) {
    problems.push({ path: 'conditions.amountMax', message: 'must not be less than amountMin' });
  }
  if (c.currency !== undefined && !isCurrency(c.currency)) problems.push({ path: 'conditions.currency', message: 'must be a known ISO 4217 code' });
  if (c.accountId !== undefined && (typeof c.accountId !== 'string' || !ID.test(c.accountId))) problems.push({ path: 'conditions.accountId', message: 'must be an account id' });
  if (c.type !== undefined && !(TRANSACTION_TYPES as readonly string[]).includes(c.type)) problems.push({ path: 'conditions.type', message: `must be one of ${TRANSACTION_TYPES.join(', ')}` });

  const a = rule.actions ?? {};
  if (a.categoryId === undefined && (a.tags === undefined || a.tags.length === 0)) problems.push({ path: 'actions', message: 'must set a category or add at least one tag' });
  if (a.categoryId !== undefined && (typeof a.categoryId !== 'string' || !ID.test(a.categoryId))) problems.push({ path: 'actions.categoryId', message: 'must be a category id' });
  if (a.tags !== undefined) {
    if (!Array.isArray(a.tags)) problems.push({ path: 'actions.tags', message: 'must be a list of text' });
    else problems.push(...normaliseTags(a.tags).problems.map((p) => ({ path: `actions.${p.path}`, message: p.message })));
  }
  return problems;
}

/**
 * Checks a rule and returns it normalised (name trimmed, tags normalised) in its stored form, with its pattern's
 * program (`patternProgram`) compiled from `conditions.descriptionRegex`, whatever program it came with.
 * @throws ValidationError listing every problem.
 */
export function validateRule(rule: Rule): Rule {
  const problems = ruleProblems(rule);
  if (problems.length > 0) {
    const first = problems[0];
    throw new ValidationError(`The rule is invalid: ${first ? `${first.path} ${first.message}` : ''}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
  const { patternProgram: _old, ...valid } = normalise(rule);
  const source = valid.conditions.descriptionRegex;
  if (source === undefined) return valid;
  // ruleProblems compiled it (the compiled patterns are cached): it is valid here.
  const compiled = compilePattern(source);
  return compiled.ok ? { ...valid, patternProgram: compiled.program } : valid;
}

/** A valid rule in its stored form. */
function normalise(rule: Rule): Rule {
  const actions: RuleActions = {};
  if (rule.actions.categoryId !== undefined) actions.categoryId = rule.actions.categoryId;
  if (rule.actions.tags !== undefined) actions.tags = normaliseTags(rule.actions.tags).tags;
  const conditions: RuleConditions = {};
  for (const [key, value] of Object.entries(rule.conditions)) {
    if (value !== undefined && value !== null) (conditions as Record<string, unknown>)[key] = value;
  }
  const stored: Rule = { id: rule.id, name: rule.name.trim(), priority: rule.priority, conditions, actions, enabled: rule.enabled };
  if (conditions.descriptionRegex !== undefined && rule.patternProgram !== undefined) stored.patternProgram = rule.patternProgram;
  return stored;
}

/**
 * Sorts rules (priority, then id) and compiles their text conditions once: call it once per request or import and
 * pass the result to {@link applyRules}. Never throws, whatever was stored. Invalid rules are left out and listed
 * with their problems so they can be shown to their owner: a pattern RE2 refuses (a back-reference or lookaround
 * stored before patterns ran on RE2), and the patterns beyond {@link RULE_LIMITS}`.maxPatternSteps` (none of
 * them is compiled, so the work per request stays bounded). Disabled rules are left out; their patterns are not
 * compiled (nothing runs them).
 */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  return compileWith(rules, (rule) => compilePattern(rule.conditions.descriptionRegex));
}

/**
 * {@link compileRules} for rules as stored: each pattern runs from the program compiled when its rule was saved
 * (`patternProgram`, checked completely as it is read), never compiled from source, so the functions that apply
 * rules to transactions carry no regex compiler. A pattern without a readable program (stored before programs
 * were, or damaged) is listed as invalid with the advice to save the rule again, and is not run.
 */
export function compileStoredRules(rules: readonly Rule[]): CompiledRules {
  return compileWith(rules, storedPattern);
}

function storedPattern(rule: Rule): LoadedProgram {
  if (rule.patternProgram === undefined) return { ok: false, problem: 'is not run: it was saved before patterns were compiled on saving; save the rule again' };
  return loadProgram(rule.patternProgram);
}

function compileWith(rules: readonly Rule[], patternOf: (rule: Rule) => LoadedProgram): CompiledRules {
  const candidates: Rule[] = [];
  const invalid: { id: string; problems: FieldProblem[] }[] = [];
  for (const rule of rules) {
    const problems = shapeProblems(rule);
    if (problems.length > 0) invalid.push({ id: String(rule?.id ?? ''), problems });
    else if (rule.enabled) candidates.push(normalise(rule));
  }
  candidates.sort((x, y) => x.priority - y.priority || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const compiled: CompiledRule[] = [];
  const budget = RULE_LIMITS.maxPatternSteps;
  let used = 0;
  let full = false;
  const refuse = (id: string, message: string) => invalid.push({ id, problems: [{ path: 'conditions.descriptionRegex', message }] });
  for (const rule of candidates) {
    const entry: { rule: Rule; contains?: string; regex?: RulePattern } = { rule };
    if (rule.conditions.descriptionContains !== undefined) entry.contains = foldText(rule.conditions.descriptionContains);
    const source = rule.conditions.descriptionRegex;
    if (source !== undefined) {
      if (full) {
        refuse(rule.id, `is not run: the patterns of a user's rules may add up to ${budget} steps, and the rules before it in order use them up`);
        continue;
      }
      const pattern = patternOf(rule);
      if (!pattern.ok) {
        refuse(rule.id, pattern.problem);
        continue;
      }
      // Each rule runs its pattern, so a pattern shared by rules counts once per rule.
      if (used + pattern.pattern.programSize > budget) {
        full = true;
        refuse(rule.id, `is not run: the patterns of a user's rules may add up to ${budget} steps; this one needs ${pattern.pattern.programSize} and the rules before it in order use ${used}`);
        continue;
      }
      used += pattern.pattern.programSize;
      entry.regex = pattern.pattern;
    }
    compiled.push(entry);
  }
  return { rules: compiled, invalid };
}

const compiledCache = new WeakMap<readonly Rule[], CompiledRules>();

function isCompiled(rules: readonly Rule[] | CompiledRules): rules is CompiledRules {
  return !Array.isArray(rules);
}

/**
 * Whether a compiled rule's conditions hold for a transaction. The cheap conditions run first; pass `text` (from
 * {@link subjectText}) to share the prepared description between rules.
 */
export function ruleMatches(compiled: CompiledRule, tx: RuleSubject, text: SubjectText = subjectText(tx)): boolean {
  const c = compiled.rule.conditions;
  if (c.type !== undefined && tx.type !== c.type) return false;
  if (c.currency !== undefined && tx.currency !== c.currency) return false;
  if (c.accountId !== undefined && tx.accountId !== c.accountId && !(tx.type === 'transfer' && tx.toAccountId === c.accountId)) return false;
  const amount = Math.abs(tx.amount);
  if (c.amountMin !== undefined && amount < c.amountMin) return false;
  if (c.amountMax !== undefined && amount > c.amountMax) return false;
  if (compiled.contains !== undefined && !text.folded.includes(compiled.contains)) return false;
  if (compiled.regex !== undefined && !compiled.regex.test(text.spaced)) return false;
  return true;
}

/**
 * Applies every matching enabled rule in priority order (then by id).
 *
 * - The category comes from the first matching rule that sets one; later rules do not change it. It is never set
 *   when the user set it by hand (`manualFields` has `categoryId`), nor on transfers and split transactions
 *   (the ledger forbids a category there).
 * - Tags of every matching rule are added (normalised, no duplicates, at most 20 in all), unless the user set the
 *   tags by hand (`manualFields` has `tags`).
 *
 * Cost: the description is prepared once; each rule then costs at most its pattern's program size per character
 * of a description of at most `TRANSACTION_LIMITS.maxDescriptionLength` characters.
 *
 * @param rules rules as stored, or the output of {@link compileRules} (compile once for a batch). A plain array
 * is compiled once and cached for as long as the same array object is passed.
 */
export function applyRules(tx: RuleSubject, rules: readonly Rule[] | CompiledRules, manualFields: Iterable<ManualField> = []): RuleOutcome {
  let compiled: CompiledRules;
  if (isCompiled(rules)) compiled = rules;
  else {
    compiled = compiledCache.get(rules) ?? compileRules(rules);
    compiledCache.set(rules, compiled);
  }
  return applyCompiledRules(tx, compiled, manualFields);
}

/**
 * {@link applyRules} for rules compiled by {@link compileRules} or {@link compileStoredRules}; it never compiles,
 * so a bundle that applies stored rules with it carries no regex compiler.
 */
export function applyCompiledRules(tx: RuleSubject, compiled: CompiledRules, manualFields: Iterable<ManualField> = []): RuleOutcome {
  const manual = new Set(manualFields);
  const canCategorise = !manual.has('categoryId') && tx.type !== 'transfer' && !(tx.splits && tx.splits.length > 0);
  const canTag = !manual.has('tags');

  const startTags = normaliseTags((tx.tags ?? []).filter((t) => typeof t === 'string')).tags.slice(0, TRANSACTION_LIMITS.maxTags);
  const tags = [...startTags];
  const tagSet = new Set(tags);
  let categoryId = tx.categoryId;
  let categoryRuleId: string | undefined;
  const applied: string[] = [];
  const matched: string[] = [];

  const text = subjectText(tx);
  for (const entry of compiled.rules) {
    if (!ruleMatches(entry, tx, text)) continue;
    const { rule } = entry;
    matched.push(rule.id);
    let changedSomething = false;
    if (canCategorise && categoryRuleId === undefined && rule.actions.categoryId !== undefined) {
      categoryRuleId = rule.id;
      if (categoryId !== rule.actions.categoryId) changedSomething = true;
      categoryId = rule.actions.categoryId;
    }
    if (canTag) {
      for (const tag of rule.actions.tags ?? []) {
        if (tagSet.has(tag) || tags.length >= TRANSACTION_LIMITS.maxTags) continue;
        tagSet.add(tag);
        tags.push(tag);
        changedSomething = true;
      }
    }
    if (changedSomething) applied.push(rule.id);
  }

  const changed: ManualField[] = [];
  if (categoryId !== tx.categoryId) changed.push('categoryId');
  if (tags.length !== startTags.length) changed.push('tags');
  const outcome: RuleOutcome = { categoryId, tags, changed, appliedRuleIds: applied, matchedRuleIds: matched };
  if (categoryRuleId !== undefined) outcome.categoryRuleId = categoryRuleId;
  return outcome;
}
