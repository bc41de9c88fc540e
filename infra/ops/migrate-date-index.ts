/**
 * `npm run migrate-date-index`: removes the old date-index keys (`gsi1pk` `USER#<sub>#TX`, `gsi1sk` `<date>#<id>`)
 * from transactions written before the date index became gsi5 (keyed on the item's own `pk`, `date` and `sk`, so it
 * needs no keys of its own). Until then those transactions are kept twice over (a copy in gsi1 besides gsi5's):
 * nothing reads the gsi1 copy, it only costs storage. Run it once after the deployment that adds gsi5. Pages through
 * every user of the sharded users index, reads each user's transactions that still carry the keys (gsi5, filtered,
 * 500 a page) and removes them in one conditional update each. No ledger event; re-running changes nothing. Table
 * and credentials as for `npm run repair` (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB).
 *
 * Options: `--dry-run` (count only), `--user <sub>` (one user), `--page-size <n>` (profiles per page, default 100).
 */
import { pathToFileURL } from 'node:url';
import { migrateItems, migrationUsers, runMigration, type ItemMigrationDeps, type MigrationOptions } from './user-migration';
import type { HeldIndexKeys } from '../../shared/adapters/index-key-migration';

/** The migration over the table's adapters: every user of the users index, or the one named. */
export async function defaultDeps(options: MigrationOptions = {}): Promise<ItemMigrationDeps<HeldIndexKeys>> {
  const { transactionsHolding, moveIndexKeys, LEGACY_DATE_KEYS } = await import('../../shared/adapters/index-key-migration');
  return { users: migrationUsers(options), found: (userId) => transactionsHolding(userId, LEGACY_DATE_KEYS), rewrite: (item) => moveIndexKeys(item, LEGACY_DATE_KEYS) };
}

/** Removes every user's old date-index keys (see the module comment). */
export const migrateDateIndex = (deps: ItemMigrationDeps<HeldIndexKeys>, options: { dryRun?: boolean } = {}) => migrateItems(deps, options);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMigration(process.argv.slice(2), async (options, dryRun) => migrateDateIndex(await defaultDeps(options), { dryRun }));
