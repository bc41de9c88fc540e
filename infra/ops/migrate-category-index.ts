/**
 * `npm run migrate-category-index`: moves the by-category keys of transactions written before the category index
 * became gsi4 (which keeps only ids and amounts, infra/table.ts) from gsi2 (which copies whole items) to gsi4. Run it
 * once after the deployment that adds gsi4: until then, those transactions are missing from the category index's
 * readers (the unusual-expense alert's baseline and the above-baseline advice's evidence; deleting a category also
 * reads gsi2 and misses none). Pages through every user of the sharded users index, reads each user's transactions
 * that still carry gsi2 keys (the date index, filtered, 500 a page), and moves each key pair in one conditional
 * update: a transaction saved meanwhile already has the new form and is left alone. The writes change nothing a
 * ledger event holds, so the stream relay emits none. Re-running changes nothing. Table and credentials as for
 * `npm run repair` (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB).
 *
 * Options: `--dry-run` (count only), `--user <sub>` (one user), `--page-size <n>` (profiles per page, default 100).
 */
import { pathToFileURL } from 'node:url';
import { migrateItems, migrationUsers, runMigration, type ItemMigrationDeps, type ItemMigrationResult, type MigrationOptions } from './user-migration';
import type { HeldIndexKeys } from '../../shared/adapters/index-key-migration';

/** What one run did: `found`, transactions with gsi2 category keys; `moved`, moved to gsi4 (0 on a dry run). */
export type MigrateCategoryIndexResult = Omit<ItemMigrationResult, 'rewritten'> & { moved: number };

/** Moves every user's legacy category keys (see the module comment). */
export async function migrateCategoryIndex(deps: ItemMigrationDeps<HeldIndexKeys>, options: { dryRun?: boolean } = {}): Promise<MigrateCategoryIndexResult> {
  const { rewritten, ...rest } = await migrateItems(deps, options);
  return { ...rest, moved: rewritten };
}

/** The migration over the table's adapters: every user of the users index, or the one named. */
export async function defaultDeps(options: MigrationOptions = {}): Promise<ItemMigrationDeps<HeldIndexKeys>> {
  const { transactionsHolding, moveIndexKeys, LEGACY_CATEGORY_KEYS, CATEGORY_KEYS } = await import('../../shared/adapters/index-key-migration');
  return { users: migrationUsers(options), found: (userId) => transactionsHolding(userId, LEGACY_CATEGORY_KEYS), rewrite: (item) => moveIndexKeys(item, LEGACY_CATEGORY_KEYS, CATEGORY_KEYS) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMigration(process.argv.slice(2), async (options, dryRun) => migrateCategoryIndex(await defaultDeps(options), { dryRun }));
