import { fileURLToPath } from 'node:url';
import { type App, type Environment, Validations } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ApiStack } from './api-stack';
import { AsyncStack } from './async-stack';
import { OperationsStack } from './operations-stack';
import { StatefulStack } from './stateful-stack';
import { WebContentStack, WebStack } from './web-stack';

export interface TallyProps {
  /** Deployment stage, part of every stack name (`Tally-<stage>-…`). */
  readonly stage: string;
  /**
   * Account and region.
   * @default - environment-agnostic stacks
   */
  readonly env?: Environment;
  /** Address every email is sent from. */
  readonly emailFromAddress: string;
  /**
   * Verify this domain instead of the single address.
   * @default - the address is verified
   */
  readonly emailDomain?: string;
  /**
   * Browser origins allowed by CORS in this deployment (`*` only when named).
   * @default - none
   */
  readonly corsOrigins?: string[];
  /**
   * Apply the manifest's reserved concurrency of heavy functions (needs an account concurrency quota above 100).
   * @default true
   */
  readonly reserveConcurrency?: boolean;
  /**
   * Confirm sign-ups without the emailed code.
   * @default false
   */
  readonly autoConfirm?: boolean;
  /**
   * Log every DynamoDB call's consumed capacity (REPORT_CONSUMED_CAPACITY), to measure on AWS what `npm run capacity` does locally.
   * @default false
   */
  readonly reportConsumedCapacity?: boolean;
  /**
   * Lambda active tracing (X-Ray) on every function.
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * Cognito Plus tier with threat protection.
   * @default true
   */
  readonly threatProtection?: boolean;
  /**
   * API default-stage rate limit (requests per second).
   * @default 100
   */
  readonly throttleRateLimit?: number;
  /**
   * API default-stage burst limit.
   * @default 200
   */
  readonly throttleBurstLimit?: number;
  /**
   * Function log retention.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Cursor secret version the functions use (after a manual rotation).
   * @default - the current version
   */
  readonly cursorSecretVersionId?: string;
  /**
   * Email addresses subscribed to the alarm topic (each confirms by email).
   * @default - none: alarms change state and show on the dashboard, and nobody is emailed
   */
  readonly alarmEmails?: string[];
  /**
   * Public base URL of the API as emails should link to it (a custom domain in front of the API).
   * @default - the HTTP API's own stage URL, imported from the API stack (the async stack depends on it, one way)
   */
  readonly publicApiUrl?: string;
  /**
   * The built web app to deploy (`npm run web:build` writes it).
   * @default - web/dist in the repository
   */
  readonly webDist?: string;
  /**
   * Run the cdk-nag AwsSolutions and Serverless packs at synthesis.
   * @default true
   */
  readonly checks?: boolean;
}

export interface Tally {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
  readonly async: AsyncStack;
  readonly operations: OperationsStack;
  readonly web: WebStack;
  readonly webContent: WebContentStack;
}

/** What every function's construct is given: the stateful stack's resources and the functions' settings. */
export function functionResources(
  stateful: StatefulStack,
  props: Pick<TallyProps, 'cursorSecretVersionId' | 'autoConfirm' | 'reportConsumedCapacity' | 'tracing' | 'logRetention' | 'reserveConcurrency'> = {},
) {
  return {
    table: stateful.table,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    queues: stateful.queues,
    emailIdentity: stateful.emailIdentity,
    emailFrom: stateful.emailFrom,
    cursorSecret: stateful.cursorSecret,
    cursorSecretVersionId: props.cursorSecretVersionId,
    autoConfirm: props.autoConfirm,
    reportConsumedCapacity: props.reportConsumedCapacity,
    tracing: props.tracing,
    logRetention: props.logRetention,
    reserveConcurrency: props.reserveConcurrency,
  };
}

/** Tally's three stacks for one stage: stateful (data, identity) and two stateless ones wired to it. */
export function addTally(app: App, props: TallyProps): Tally {
  const prefix = `Tally-${props.stage}`;
  const common = { env: props.env, tags: { project: 'tally', stage: props.stage } };

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    ...common,
    description: `Tally (${props.stage}): table, queues, user pool, email identity, secrets`,
    emailFromAddress: props.emailFromAddress,
    emailDomain: props.emailDomain,
    threatProtection: props.threatProtection,
  });

  const resources = functionResources(stateful, props);

  // The web app's hosting comes first: the API allows its origin (CORS), and its files, which name the API, follow.
  const web = new WebStack(app, `${prefix}-Web`, {
    ...common,
    description: `Tally (${props.stage}): the web app's private bucket and CloudFront distribution`,
    stage: props.stage,
    ...(props.publicApiUrl ? { apiOrigins: [new URL(props.publicApiUrl).origin] } : {}),
  });

  const api = new ApiStack(app, `${prefix}-Api`, {
    ...common,
    ...resources,
    description: `Tally (${props.stage}): HTTP API; its routes and functions in one nested stack per domain`,
    corsOrigins: [...(props.corsOrigins ?? []), web.origin],
    publicWebUrl: web.origin,
    throttleRateLimit: props.throttleRateLimit,
    throttleBurstLimit: props.throttleBurstLimit,
  });

  const async = new AsyncStack(app, `${prefix}-Async`, {
    ...common,
    ...resources,
    description: `Tally (${props.stage}): queue consumers, outbox relay, schedules`,
    streamFailureQueue: stateful.streamFailureQueue,
    scheduleFailureQueue: stateful.scheduleFailureQueue,
    // Report emails link to the API's unsubscribe route. Async → Api is a one-way reference (the API stack never
    // refers to the async one), so no cycle; the stage URL's export is stable for the life of the API.
    publicApiUrl: props.publicApiUrl ?? api.stage.url,
  });

  const operations = new OperationsStack(app, `${prefix}-Operations`, {
    ...common,
    description: `Tally (${props.stage}): dashboard, alarms and the alarm topic`,
    api: api.api,
    stage: api.stage,
    accessLogGroup: api.accessLogGroup,
    functions: { ...api.functions, ...async.functions },
    queues: stateful.queues,
    deadLetterQueues: stateful.deadLetterQueues,
    failureQueues: { 'stream-failures': stateful.streamFailureQueue, 'schedule-failures': stateful.scheduleFailureQueue },
    alarmEmails: props.alarmEmails,
  });

  const webContent = new WebContentStack(app, `${prefix}-WebContent`, {
    ...common,
    description: `Tally (${props.stage}): the web app's files and its /config.json`,
    web,
    stage: props.stage,
    apiUrl: props.publicApiUrl ?? api.stage.url,
    dist: props.webDist ?? fileURLToPath(new URL('../../web/dist', import.meta.url)),
  });

  if (props.checks ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }
  return { stateful, api, async, operations, web, webContent };
}
