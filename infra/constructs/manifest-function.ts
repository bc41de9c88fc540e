import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { effectiveAccess, environmentFor, type EnvironmentRefs } from '../../functions/environment';
import type { Access, CognitoAction, FunctionDef } from '../../functions/manifest';
import { TABLE } from '../table';
import { bundleAliasesFor, ESBUILD_TARGET, ESM_REQUIRE_BANNER, SOURCE_MAPS_AT_RUNTIME } from '../bundle/options';

/** The repository root: manifest entries are relative to it, and its package-lock.json pins the bundle. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Node.js runtime of every function; cdk-nag (AwsSolutions-L1, Serverless LambdaLatestVersion) wants the newest. */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * `table:read`: single-item, batch and transactional reads and queries (also on indexes). Never `dynamodb:Scan`:
 * every read, jobs included, is a Query of a known partition (jobs page through the `USERS` index partition).
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

/** `table:write` adds these (TransactWriteItems is authorised per contained action). */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The IAM action of a `cognito:<Operation>` access: `cognito-idp:<Operation>` on the user pool, nothing else. */
export function cognitoIamAction(access: `cognito:${CognitoAction}`): string {
  return `cognito-idp:${access.slice('cognito:'.length)}`;
}

/**
 * The stateful resources a function may be given access to, and settings shared by every function. Stacks that
 * make functions take these same props.
 */
export interface FunctionResourcesProps {
  /** The single table (TABLE_NAME). */
  readonly table: dynamodb.ITable;
  /** The user pool (USER_POOL_ID). */
  readonly userPool: cognito.IUserPool;
  /** The app client (USER_POOL_CLIENT_ID). */
  readonly userPoolClient: cognito.IUserPoolClient;
  /** Every manifest queue, by its manifest name. */
  readonly queues: Readonly<Record<string, sqs.IQueue>>;
  /** The SES identity email is sent from. */
  readonly emailIdentity: ses.IEmailIdentity;
  /** EMAIL_FROM, e.g. `Tally <no-reply@example.com>`; an address the identity covers. */
  readonly emailFrom: string;
  /** The secret that signs pagination cursors (CURSOR_SECRET). */
  readonly cursorSecret: secretsmanager.ISecret;
  /**
   * Version of the cursor secret to use; naming the new version after a manual rotation makes CloudFormation
   * update every function with it.
   * @default - the current version (AWSCURRENT) at the time the function is created or otherwise updated
   */
  readonly cursorSecretVersionId?: string;
  /**
   * Whether sign-up confirms accounts at once (AUTO_CONFIRM), skipping the emailed code.
   * @default false
   */
  readonly autoConfirm?: boolean;
  /**
   * Whether every DynamoDB call logs its consumed capacity (REPORT_CONSUMED_CAPACITY), one JSON line per call, for
   * measuring on AWS what `npm run capacity` measures locally (README, "Capacity and cost").
   * @default false
   */
  readonly reportConsumedCapacity?: boolean;
  /**
   * Lambda active tracing (X-Ray) on the function. Below about one invocation a second, X-Ray's default sampling
   * (a reservoir of one a second, then 5 %) traces nearly every invocation, at more than the rest of the bill per user
   * (README, "Capacity and cost"); so it is off unless a deployment asks for it. Logs carry the correlation id through
   * every hop either way.
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * How long function logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The table's global secondary indexes a `table:*` grant covers.
   * @default - the indexes of infra/table.ts
   */
  readonly tableIndexes?: string[];
  /**
   * Folder the manifest's `entry` paths are relative to.
   * @default - the repository root
   */
  readonly projectRoot?: string;
  /**
   * Apply the manifest's `reservedConcurrency`. A reservation needs the account's concurrency quota to keep 100
   * unreserved executions, which new accounts (quota 10) do not have: deploy there with `-c reserveConcurrency=false`.
   * @default true
   */
  readonly reserveConcurrency?: boolean;
  /**
   * The API's public base URL (PUBLIC_API_URL of functions that send email: the report's unsubscribe link).
   * @default - none: report emails carry no unsubscribe link or List-Unsubscribe headers
   */
  readonly publicApiUrl?: string;
  /**
   * The web app's address (PUBLIC_WEB_URL of functions with `link:web`: GET /docs sends readers to its API reference).
   * @default - none
   */
  readonly publicWebUrl?: string;
}

export interface ManifestFunctionProps extends FunctionResourcesProps {
  /** The manifest entry this function implements. */
  readonly definition: FunctionDef;
  /**
   * Allowed CORS origins, given to HTTP functions as CORS_ORIGINS.
   * @default - none: the handlers allow no cross-origin caller
   */
  readonly corsOrigins?: string[];
  /**
   * Dead-letter queue for asynchronous invocations (schedules); other triggers invoke synchronously.
   * @default - none
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * One Lambda function from one manifest entry: bundled with esbuild (ESM, minified, source maps, AWS SDK inside),
 * arm64, X-Ray, its own log group and role, Powertools settings, and exactly the grants its `access` list names,
 * each granted together with the environment variable that tells the handler where the resource is.
 */
export class ManifestFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly definition: FunctionDef;
  private readonly props: ManifestFunctionProps;
  private readonly tableIndexes: string[];

  constructor(scope: Construct, id: string, props: ManifestFunctionProps) {
    super(scope, id);
    this.props = props;
    const def = props.definition;
    this.definition = def;
    this.tableIndexes = props.tableIndexes ?? TABLE.globalSecondaryIndexes.map((gsi) => gsi.indexName);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: logs only to this function's log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${def.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = this.makeFunction(def, props.projectRoot ?? PROJECT_ROOT, this.functionProps(def, props));
    this.bindConfiguration();
    this.acknowledgeFindings(props.tracing ?? false);
  }

  /** What the function is whether bundled or not: runtime, size, role, logs, tracing, layer and environment. */
  private functionProps(def: FunctionDef, props: ManifestFunctionProps) {
    return {
      description: describe(def),
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: def.memoryMb ?? 256,
      timeout: Duration.seconds(def.timeoutSeconds ?? (def.kind === 'http' ? 10 : 30)),
      role: this.role,
      logGroup: this.logGroup,
      tracing: (props.tracing ?? false) ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      deadLetterQueue: props.deadLetterQueue,
      ...(def.reservedConcurrency !== undefined && (props.reserveConcurrency ?? true) ? { reservedConcurrentExecutions: def.reservedConcurrency } : {}),
      // The AWS Parameters and Secrets Lambda Extension, for functions that read a secret (shared/adapters/secrets.ts).
      ...(def.access.includes('secret:cursor')
        ? { paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, { cacheEnabled: true, logLevel: lambda.ParamsAndSecretsLogLevel.WARN }) }
        : {}),
      environment: environmentFor(def, this.environmentRefs()),
    };
  }

  /** The bundled handler file; without bundling (tests, other stacks' synthesis) a stand-in that cannot serve. */
  private makeFunction(def: FunctionDef, projectRoot: string, common: ReturnType<ManifestFunction['functionProps']>): lambda.Function {
    const entry = join(projectRoot, def.entry);
    if (existsSync(entry)) {
      return new NodejsFunction(this, 'Function', {
        ...common,
        entry,
        handler: 'handler',
        projectRoot,
        depsLockFilePath: join(projectRoot, 'package-lock.json'),
        bundling: {
          format: OutputFormat.ESM,
          target: ESBUILD_TARGET,
          mainFields: ['module', 'main'],
          banner: ESM_REQUIRE_BANNER,
          minify: true,
          sourceMap: true,
          sourceMapMode: SourceMapMode.DEFAULT,
          sourcesContent: false,
          bundleAwsSDK: true,
          esbuildArgs: { '--alias': Object.entries(bundleAliasesFor(def)).map(([from, to]) => `${from}=${to}`) },
        },
      });
    }
    if (Stack.of(this).bundlingRequired) {
      throw new Error(
        `Manifest function "${def.name}": its handler file ${def.entry} does not exist (looked in ${projectRoot}). ` +
          'Write it (exporting `handler`) or remove the entry from functions/manifest.ts.',
      );
    }
    // Synthesis that skips bundling (tests, `cdk synth` of other stacks): a stand-in that can never serve traffic,
    // because deploying this stack always bundles and so always meets the error above first.
    return new lambda.Function(this, 'Function', {
      ...common,
      handler: 'index.handler',
      code: lambda.Code.fromInline(`exports.handler = async () => { throw new Error('${def.entry} was not bundled'); };`),
    });
  }

  /** The resources as CDK tokens, for {@link environmentFor}: the environment is exactly what the grants imply. */
  environmentRefs(): EnvironmentRefs {
    const p = this.props;
    return {
      tableName: p.table.tableName,
      userPoolId: p.userPool.userPoolId,
      userPoolClientId: p.userPoolClient.userPoolClientId,
      queueUrl: (name) => {
        const queue = p.queues[name];
        if (!queue) throw new Error(`Manifest function "${p.definition.name}" asks for queue:${name}, but the manifest has no queue "${name}".`);
        return queue.queueUrl;
      },
      cursorSecretArn: p.cursorSecret.secretArn,
      ...(p.cursorSecretVersionId ? { cursorSecretVersionId: p.cursorSecretVersionId } : {}),
      emailFrom: p.emailFrom,
      ...(p.publicApiUrl ? { publicApiUrl: p.publicApiUrl } : {}),
      ...(p.publicWebUrl ? { publicWebUrl: p.publicWebUrl } : {}),
      corsOrigins: (p.corsOrigins ?? []).join(','),
      autoConfirm: p.autoConfirm ?? false,
      powertoolsLogLevel: 'INFO',
      common: { ...(SOURCE_MAPS_AT_RUNTIME ? { NODE_OPTIONS: '--enable-source-maps' } : {}), ...(p.reportConsumedCapacity ? { REPORT_CONSUMED_CAPACITY: 'true' } : {}) },
    };
  }

  /** Every grant; the variable that names its resource is set by environmentFor. */
  private bindConfiguration(): void {
    const def = this.definition;
    const access = effectiveAccess(def);
    // Every Cognito operation the function calls, in one statement on the user pool.
    const cognitoActions = access.filter((a): a is `cognito:${CognitoAction}` => a.startsWith('cognito:')).map(cognitoIamAction);
    if (cognitoActions.length > 0) {
      this.function.addToRolePolicy(new iam.PolicyStatement({ actions: cognitoActions.sort(), resources: [this.props.userPool.userPoolArn] }));
    }
    for (const a of access) if (!a.startsWith('cognito:')) this.grant(a);
  }

  private grant(access: Access): void {
    const { table, emailIdentity, queues } = this.props;
    const fn = this.function;
    if (access === 'table:read' || access === 'table:write') {
      const write = access === 'table:write';
      // The table and each named index, rather than grantReadData's `<table>/index/*`.
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: write ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS,
          resources: [table.tableArn, ...this.tableIndexes.map((index) => `${table.tableArn}/index/${index}`)],
        }),
      );
      if (write) table.encryptionKey?.grantEncryptDecrypt(fn);
      else table.encryptionKey?.grantDecrypt(fn);
    } else if (access === 'secret:cursor') {
      // Read at run time through the Parameters and Secrets extension (the layer added in the constructor): only
      // the ARN is in the function's configuration, never the key. A version pinned after a manual rotation
      // reaches the function on deploy.
      this.props.cursorSecret.grantRead(fn);
    } else if (access === 'email:send') {
      emailIdentity.grantSendEmail(fn);
    } else if (access === 'link:web') {
      // A link, not a resource: PUBLIC_WEB_URL in the environment (environmentFor) and no grant.
    } else if (access.startsWith('queue:')) {
      const name = access.slice('queue:'.length);
      const queue = queues[name];
      if (!queue) {
        throw new Error(`Manifest function "${this.definition.name}" asks for ${access}, but the manifest has no queue "${name}".`);
      }
      queue.grantSendMessages(fn);
    } else {
      throw new Error(`Manifest function "${this.definition.name}": unknown access "${access}".`);
    }
  }

  private acknowledgeFindings(tracing: boolean): void {
    const def = this.definition;
    // Actions granted on Resource::* because they support no resource-level permissions: X-Ray's, and the
    // dynamodb:ListStreams a table-stream event source (infra/stacks/async-stack.ts) grants.
    const wildcards = [...(tracing ? ['xray:PutTraceSegments and xray:PutTelemetryRecords (X-Ray tracing)'] : []), ...(def.kind === 'stream' ? ['dynamodb:ListStreams (its table-stream event source)'] : [])];
    if (wildcards.length > 0) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${wildcards.join('; ')}: no resource-level permissions, so Resource is *.`,
      });
    }
    if (!tracing) {
      Validations.of(this.function).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason: 'Tracing is off unless the deployment asks for it (-c tracing=true): at low volume X-Ray traces nearly every invocation, at more than the rest of the bill per user; logs carry the correlation id through every hop instead.',
      });
    }
    if (def.kind !== 'schedule') {
      Validations.of(this.function).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: SYNCHRONOUS_REASON[def.kind],
      });
    }
  }
}

const SYNCHRONOUS_REASON: Record<Exclude<FunctionDef['kind'], 'schedule'>, string> = {
  http: 'Invoked synchronously by API Gateway: a dead-letter queue applies only to asynchronous invocations; errors return to the caller.',
  queue: 'Invoked synchronously by its SQS event source mapping: failed messages are redriven to the queue’s own DLQ after maxReceiveCount.',
  stream: 'Invoked synchronously by its DynamoDB stream event source mapping: failed batches go to the mapping’s on-failure SQS destination.',
};

export { effectiveAccess };

function describe(def: FunctionDef): string {
  let text: string;
  switch (def.kind) {
    case 'http':
      text = `${def.routes.map((r) => `${r.method} ${r.path}`).join(', ')}: ${def.contract.summary}`;
      break;
    case 'queue':
      text = `Consumes the ${def.queue} queue`;
      break;
    case 'stream':
      text = `Relays table stream records matching ${def.filters.map((f) => `${f.attribute}^=${f.prefix}`).join(' or ')}`;
      break;
    case 'schedule':
      text = def.description;
      break;
  }
  return text.length > 256 ? `${text.slice(0, 255)}…` : text;
}
