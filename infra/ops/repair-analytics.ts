/**
 * `npm run repair -- [--user <sub>] [--fix]`: recount monthly rollups from the transactions and report (and with
 * --fix, repair) any drift — one user, or every user. It talks to the table named by TABLE_NAME with the usual AWS
 * credentials and region (AWS_ENDPOINT_URL_DYNAMODB for a local table). The same work runs nightly as the
 * `reconcile-analytics` schedule; in the local cloud, run that now from the console: POST /api/schedules/reconcile-analytics/run.
 */
import { repairUser, reconcileAll } from '../../shared/use-cases/analytics-repair';

const args = process.argv.slice(2);
const fix = args.includes('--fix');
const userAt = args.indexOf('--user');
const user = userAt >= 0 ? args[userAt + 1] : undefined;
if (!process.env.TABLE_NAME) {
  console.error('Set TABLE_NAME (and AWS credentials/region, or AWS_ENDPOINT_URL_DYNAMODB for a local table).');
  process.exit(2);
}
// Only the table is used; the identity settings the shared config requires are not.
process.env.USER_POOL_ID ??= 'unused';
process.env.USER_POOL_CLIENT_ID ??= 'unused';

if (user) {
  const result = await repairUser(user, { fix });
  console.log(JSON.stringify({ user, ...result }, null, 2));
} else if (fix) {
  console.log(JSON.stringify(await reconcileAll(), null, 2));
} else {
  console.error('Without --user, only --fix is supported (the nightly reconciler over every user).');
  process.exit(2);
}
