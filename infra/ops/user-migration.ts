/**
 * What the per-user migrations (`npm run migrate-rules`, `npm run migrate-category-index`) share: the users they
 * visit and their command line (`--dry-run`, `--user <sub>`, `--page-size <n>`; TABLE_NAME and credentials as for
 * `npm run repair`).
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
