/** Categorisation rules: conditions → category and tags, in priority order, never over the user's own edits. */
export {
  applyRules,
  compileRules,
  RULE_LIMITS,
  ruleMatches,
  ruleProblems,
  validateRule,
  type CompiledRule,
  type CompiledRules,
  type ManualField,
  type Rule,
  type RuleActions,
  type RuleConditions,
  type RuleOutcome,
  type RuleSubject,
} from './rules';
export { MAX_PATTERN_LENGTH, regexProblem, RULE_REGEX_FLAGS } from './safe-regex';
