/**
 * What the per-user migrations (`npm run migrate-rules`, `npm run migrate-index-keys`) share: the users they visit,
 * the loop of those that rewrite items found per user, and their command line (`--dry-run`, `--user <sub>`,
 * `--page-size <n>`; TABLE_NAME and credentials as for `npm run repair`).
 */

/** Options every per-user migration takes. */
export interface MigrationOptions {
  user?: string | undefined;
  pageSize?: number;
}

/** Pages of user ids: the one named, or every user of the sharded users index, a page at a time. */
export function migrationUsers(options: MigrationOptions): () => AsyncIterable<string[]> {
  const one = options.user;
  if (one)
    return async function* () {
      yield [one];
    };
  return async function* () {
    const { allProfiles } = await import('../../shared/adapters/profiles');
    for await (const page of allProfiles(options.pageSize ?? 100)) yield page.map((p) => p.userId);
  };
}

/** A migration that finds items of each user still in an older form and rewrites each one conditionally. */
export interface ItemMigrationDeps<T> {
  users: () => AsyncIterable<string[]>;
  /** The user's items still in the older form, a page at a time. */
  found: (userId: string) => AsyncIterable<T[]>;
  /** Rewrites one; false when it was saved meanwhile (already in the new form) and is left alone. */
  rewrite: (item: T) => Promise<boolean>;
}

/** What one run of an item migration did. */
export interface ItemMigrationResult {
  users: number;
  found: number;
  /** Rewritten (0 on a dry run). */
  rewritten: number;
  /** Saved meanwhile (already in the new form): left alone. */
  changedMeanwhile: number;
}

/** Visits every user, and rewrites each item found unless `dryRun` (which only counts). */
export async function migrateItems<T>(deps: ItemMigrationDeps<T>, options: { dryRun?: boolean } = {}): Promise<ItemMigrationResult> {
  const result: ItemMigrationResult = { users: 0, found: 0, rewritten: 0, changedMeanwhile: 0 };
  for await (const page of deps.users()) {
    for (const userId of page) {
      result.users++;
      for await (const items of deps.found(userId)) {
        result.found += items.length;
        if (options.dryRun) continue;
        for (const item of items) {
          if (await deps.rewrite(item)) result.rewritten++;
          else result.changedMeanwhile++;
        }
      }
    }
  }
  return result;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Runs a migration from its command line and prints what it did as JSON. */
export async function runMigration(args: string[], run: (options: MigrationOptions, dryRun: boolean) => Promise<unknown>): Promise<void> {
  if (!process.env.TABLE_NAME) {
    console.error('Set TABLE_NAME (and AWS credentials/region, or AWS_ENDPOINT_URL_DYNAMODB for a local table).');
    process.exit(2);
  }
  const pageSize = Number(option(args, '--page-size') ?? 100);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new Error('--page-size must be 1 to 1000');
  const result = await run({ user: option(args, '--user'), pageSize }, args.includes('--dry-run'));
  console.log(JSON.stringify(result, null, 2));
}
