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
  subjectText,
  type SubjectText,
} from './rules';
export { clearPatternCache, compilePattern, MAX_CLASS_RANGES, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, regexProblem, RULE_PATTERN_FLAGS, type CompiledPattern, type RulePattern } from './pattern';
