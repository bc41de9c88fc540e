/**
 * The CDK app. Settings come from context (`-c key=value` or cdk.json) and the CLI's environment; nothing below
 * this file reads `process.env`.
 *
 *   stage                dev (default), prod, …: part of every stack name
 *   emailFrom            address emails are sent from (SES identity); default no-reply@example.com, not deliverable
 *   emailDomain          verify this domain instead of the single address
 *   corsOrigins          browser origins allowed by CORS besides the web app's own CloudFront origin (always allowed)
 *   reserveConcurrency   false: leave out the reserved concurrency of heavy functions (accounts with a concurrency quota ≤ 100)
 *   autoConfirm          true: sign-up needs no emailed code; default false
 *   reportConsumedCapacity true: every DynamoDB call logs its consumed capacity (README, "Capacity and cost"); default false
 *   threatProtection     false: Cognito Essentials tier without threat protection; default true
 *   tracing              true: Lambda active tracing (X-Ray) on every function; default false (README, "Capacity and cost")
 *   cursorSecretVersion  version id of the cursor secret to pin after a manual rotation (README, "Rotating the cursor-signing secret")
 *   alarmEmails          addresses emailed by every alarm: a JSON array in cdk.json or comma-separated with -c; default none
 *   publicApiUrl         base URL emails link to (a custom domain in front of the API); default the API's stage URL
 */
import { Annotations, App } from 'aws-cdk-lib';
import { addTally } from './stacks/tally';

const DEFAULT_EMAIL_FROM = 'no-reply@example.com';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const flag = (key: string): boolean | undefined => {
  const value = context(key);
  return value === undefined ? undefined : value === 'true';
};

const stage = context('stage') ?? 'dev';
if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage "${stage}" must be lower-case letters, digits and dashes.`);
const emailFrom = context('emailFrom');

/** `alarmEmails` as a list, whether cdk.json gives an array or `-c` a comma-separated string. */
function alarmEmails(): string[] {
  const value: unknown = app.node.tryGetContext('alarmEmails');
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return list.map((e) => e.trim()).filter((e) => e.length > 0);
}

const tally = addTally(app, {
  stage,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  emailFromAddress: emailFrom ?? DEFAULT_EMAIL_FROM,
  emailDomain: context('emailDomain'),
  corsOrigins: context('corsOrigins')?.split(',').map((o) => o.trim()).filter((o) => o.length > 0),
  autoConfirm: flag('autoConfirm'),
  reportConsumedCapacity: flag('reportConsumedCapacity'),
  reserveConcurrency: flag('reserveConcurrency'),
  threatProtection: flag('threatProtection'),
  tracing: flag('tracing'),
  cursorSecretVersionId: context('cursorSecretVersion'),
  alarmEmails: alarmEmails(),
  publicApiUrl: context('publicApiUrl'),
});

if (!emailFrom) {
  Annotations.of(tally.stateful).addWarningV2(
    'tally:emailFromMissing',
    `No emailFrom context: emails would be sent from ${DEFAULT_EMAIL_FROM}, which SES cannot verify. Deploy with -c emailFrom=you@your-domain.`,
  );
}
