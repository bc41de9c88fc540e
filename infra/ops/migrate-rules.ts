/**
 * `npm run migrate-rules`: stores the compiled program of every pattern rule saved before patterns were compiled on
 * saving. The functions that apply rules to transactions run a pattern only from its stored program (they carry no
 * regex compiler), so until then such a rule is listed as invalid and skipped. Pages through every user of the
 * sharded users index (`allProfiles`, bounded pages), reads each user's rules (a Query of their partition), compiles
 * each pattern without a program as saving does, and stores the program without changing the rule's version; a
 * pattern RE2 refuses (a back-reference or lookaround stored before patterns ran on RE2) is reported, not changed.
 * Re-running changes nothing. Table and credentials as for `npm run repair` (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB).
 *
 * Options: `--dry-run` (report only), `--user <sub>` (one user), `--page-size <n>` (profiles per page, default 100).
 */
import { pathToFileURL } from 'node:url';
import { migrationUsers, runMigration, type MigrationOptions } from './user-migration';
import { compilePattern } from '../../shared/domain/rules';

/** A stored rule as the migration reads it. */
export interface StoredRuleView {
  id: string;
  version: number;
  conditions: { descriptionRegex?: string };
  patternProgram?: unknown;
}

/** What the migration reads and writes; the defaults are the DynamoDB adapters. */
export interface MigrateRulesDeps {
  /** Pages of user ids (every user of the users index, a page at a time). */
  users: () => AsyncIterable<string[]>;
  listRules: (userId: string) => Promise<StoredRuleView[]>;
  storeProgram: (userId: string, rule: { id: string; version: number; pattern: string }, program: string) => Promise<boolean>;
}

/** What one run did. */
export interface MigrateRulesResult {
  users: number;
  /** Pattern rules found without a program. */
  missing: number;
  /** Programs stored (0 on a dry run). */
  stored: number;
  /** Rules changed since they were read (their new save stored a program): left alone. */
  changedMeanwhile: number;
  /** Patterns RE2 refuses: they stay listed as invalid until their owner edits them. */
  refused: { userId: string; ruleId: string; problem: string }[];
}

async function migrateUser(userId: string, deps: MigrateRulesDeps, dryRun: boolean, result: MigrateRulesResult): Promise<void> {
  for (const rule of await deps.listRules(userId)) {
    const pattern = rule.conditions?.descriptionRegex;
    if (typeof pattern !== 'string' || rule.patternProgram !== undefined) continue;
    result.missing++;
    const compiled = compilePattern(pattern);
    if (!compiled.ok) {
      result.refused.push({ userId, ruleId: rule.id, problem: compiled.problem });
      continue;
    }
    if (dryRun) continue;
    if (await deps.storeProgram(userId, { id: rule.id, version: rule.version, pattern }, compiled.program)) result.stored++;
    else result.changedMeanwhile++;
  }
}

/** Stores the missing programs of every user's pattern rules (see the module comment). */
export async function migrateRules(deps: MigrateRulesDeps, options: { dryRun?: boolean } = {}): Promise<MigrateRulesResult> {
  const result: MigrateRulesResult = { users: 0, missing: 0, stored: 0, changedMeanwhile: 0, refused: [] };
  for await (const page of deps.users()) {
    for (const userId of page) {
      result.users++;
      await migrateUser(userId, deps, options.dryRun ?? false, result);
    }
  }
  return result;
}

/** The migration over the table's adapters: every user of the users index, or the one named. */
export async function defaultDeps(options: MigrationOptions = {}): Promise<MigrateRulesDeps> {
  const rules = await import('../../shared/adapters/rules');
  return {
    users: migrationUsers(options),
    listRules: (userId) => rules.listRules(userId) as Promise<StoredRuleView[]>,
    storeProgram: (userId, rule, program) => rules.storeRuleProgram(userId, rule, program),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMigration(process.argv.slice(2), async (options, dryRun) => migrateRules(await defaultDeps(options), { dryRun }));
