/**
 * `npm run reshard-users`: moves every profile still in the unsharded users partition (`USERS`) to its users-index
 * shard (`USERS#<00..0f>`), so the sharded schedules see it, then puts every profile into its time zone's partition
 * of the by-zone index (`TZ#<zone>#<shard>`) and lists its zone (`TZS`), so the hourly report schedules see it.
 * Run once per table after deploying the sharded index and again after deploying the by-zone report schedule;
 * re-running changes nothing. Table and credentials as for `npm run repair` (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB).
 */
import { indexProfilesByZone, reshardProfiles } from '../../shared/adapters/profiles';

if (!process.env.TABLE_NAME) {
  console.error('Set TABLE_NAME (and AWS credentials/region, or AWS_ENDPOINT_URL_DYNAMODB for a local table).');
  process.exit(2);
}
process.env.USER_POOL_ID ??= 'unused';
process.env.USER_POOL_CLIENT_ID ??= 'unused';
const moved = await reshardProfiles();
console.log(JSON.stringify({ moved, indexedByZone: await indexProfilesByZone() }));
