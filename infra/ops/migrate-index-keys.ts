/**
 * `npm run migrate-index-keys` (also `npm run migrate-date-index`, its former name): removes the index keys
 * transactions carried in older forms, which nothing reads or writes now, and with each pair the transaction's copy
 * in that index (it only costs storage):
 * - `gsi1pk` `USER#<sub>#TX` / `gsi1sk` `<date>#<id>`: the date index before gsi5 (keyed on the item's own `pk`,
 *   `date` and `sk`);
 * - `gsi4pk` `USER#<sub>#CAT#<id>` / `gsi4sk` `<date>[#<id>]`: the by-category index before gsi6 (keyed on the item's
 *   own `pk`, `categoryId` and `date`), and `gsi2pk`/`gsi2sk` with the same values on transactions older still.
 * It also removes a null top-level `categoryId` from any item (budgets covering every category, recurring payments
 * and categoriser records of uncategorised transactions stored one): `categoryId` is a key attribute of gsi6, which
 * refuses any write that leaves a null one on an item, so such an item could not be updated in place any more.
 * Run it once after the deployment that adds gsi6 (gsi5 and gsi6 need no backfill of their own: they index
 * attributes every transaction has); a later release then removes gsi4. Pages through every user of the sharded
 * users index, reads each user's partition filtered to the items to clean (500 read a page) and cleans each in one
 * conditional update: an item saved meanwhile already has the current form and is left alone. No ledger event;
 * re-running changes nothing. Table and credentials as for `npm run repair` (TABLE_NAME,
 * AWS_ENDPOINT_URL_DYNAMODB).
 *
 * Options: `--dry-run` (count only), `--user <sub>` (one user), `--page-size <n>` (profiles per page, default 100).
 */
import { pathToFileURL } from 'node:url';
import { migrateItems, migrationUsers, runMigration, type ItemMigrationDeps, type MigrationOptions } from './user-migration';
import type { HeldIndexKeys } from '../../shared/adapters/index-key-migration';

/** The migration over the table's adapters: every user of the users index, or the one named. */
export async function defaultDeps(options: MigrationOptions = {}): Promise<ItemMigrationDeps<HeldIndexKeys>> {
  const { itemsHoldingStaleKeys, removeIndexKeys } = await import('../../shared/adapters/index-key-migration');
  return { users: migrationUsers(options), found: itemsHoldingStaleKeys, rewrite: removeIndexKeys };
}

/** Removes every user's stale index keys (see the module comment). */
export const migrateIndexKeys = (deps: ItemMigrationDeps<HeldIndexKeys>, options: { dryRun?: boolean } = {}) => migrateItems(deps, options);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMigration(process.argv.slice(2), async (options, dryRun) => migrateIndexKeys(await defaultDeps(options), { dryRun }));
