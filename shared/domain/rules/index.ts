/** Categorisation rules: conditions → category and tags, in priority order, never over the user's own edits. */
export {
  applyCompiledRules,
  applyRules,
  compileRules,
  compileStoredRules,
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
export { clearPatternCache, compilePattern, regexProblem, RULE_PATTERN_FLAGS, type CompiledPattern } from './pattern';
export { loadProgram, MAX_CLASS_RANGES, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, MAX_STORED_RANGES, type LoadedProgram, type RulePattern } from './program';
