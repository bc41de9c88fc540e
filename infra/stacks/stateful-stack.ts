import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations, type CfnResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { queues as manifestQueues, type QueueDef } from '../../functions/manifest';
import { CODE_EMAIL } from '../../shared/domain/emails/code-emails';
import { PASSWORD_POLICY } from '../../shared/domain/password-policy';
import { BUILT_IN_GROUPS, indexPartitionKeys, indexSortKeys, projectedAttributes, TABLE } from '../table';
import { pascalCase } from '../constructs/names';

export interface StatefulStackProps extends StackProps {
  /** Address every email is sent from. */
  readonly emailFromAddress: string;
  /**
   * Display name in the From header.
   * @default 'Tally'
   */
  readonly emailFromName?: string;
  /**
   * Verify this whole domain with SES (Easy DKIM records to publish) instead of the single address;
   * `emailFromAddress` must then be on this domain.
   * @default - the address itself is verified (SES emails it a link)
   */
  readonly emailDomain?: string;
  /**
   * Cognito Plus tier with threat protection enforced: sign-up, sign-in and password changes with credentials
   * known to be leaked are blocked. Turning it off selects the Essentials tier (cheaper, no threat protection).
   * @default true
   */
  readonly threatProtection?: boolean;
  /**
   * Queues to create, each with its DLQ `<name>-dlq`.
   * @default - the manifest's `queues`
   */
  readonly queueDefinitions?: QueueDef[];
  /**
   * How long the stream and schedule failure queues keep a record.
   * @default Duration.days(14)
   */
  readonly failureRetention?: Duration;
}

/**
 * Everything that holds data or identity: the table, the queues and their DLQs, the user pool and its client and
 * groups, the SES identity and the cursor-signing secret. Termination protection is on, data is retained on delete,
 * and every resource has a fixed logical id (tests/infra asserts them) so refactoring never replaces one.
 */
export class StatefulStack extends Stack {
  public readonly table: dynamodb.Table;
  /** Manifest queues by name. */
  public readonly queues: Record<string, sqs.Queue> = {};
  /** Their dead-letter queues, by the manifest queue's name. */
  public readonly deadLetterQueues: Record<string, sqs.Queue> = {};
  /** Where the table-stream event source mapping sends batches it gave up on. */
  public readonly streamFailureQueue: sqs.Queue;
  /** Dead letters of schedules: failed deliveries by EventBridge Scheduler and failed asynchronous invocations. */
  public readonly scheduleFailureQueue: sqs.Queue;
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly groups: Record<string, cognito.UserPoolGroup> = {};
  public readonly emailIdentity: ses.EmailIdentity;
  /** EMAIL_FROM: `Name <address>`. */
  public readonly emailFrom: string;
  public readonly cursorSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });

    this.table = this.makeTable();
    for (const def of props.queueDefinitions ?? manifestQueues) this.makeQueue(def);
    const failureRetention = props.failureRetention ?? Duration.days(14);
    this.streamFailureQueue = this.makeFailureQueue('StreamFailureQueue', failureRetention, 'the table stream event source mapping (on-failure destination)');
    this.scheduleFailureQueue = this.makeFailureQueue('ScheduleFailureQueue', failureRetention, 'EventBridge Scheduler and the scheduled functions’ asynchronous invocations');

    ({ pool: this.userPool, client: this.userPoolClient } = this.makeUserPool(props.threatProtection ?? true));

    const address = props.emailFromAddress;
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address)) throw new Error(`emailFromAddress "${address}" is not an email address.`);
    if (props.emailDomain && !address.toLowerCase().endsWith(`@${props.emailDomain.toLowerCase()}`)) {
      throw new Error(`emailFromAddress "${address}" is not on emailDomain "${props.emailDomain}".`);
    }
    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: props.emailDomain ? ses.Identity.domain(props.emailDomain) : ses.Identity.email(address),
    });
    fixLogicalId(this.emailIdentity, 'EmailIdentity');
    this.emailFrom = `${props.emailFromName ?? 'Tally'} <${address}>`;

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'Signs pagination cursors (CURSOR_SECRET)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    fixLogicalId(this.cursorSecret, 'CursorSecret');
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor-signing key has no rotation Lambda: rotating it invalidates every outstanding pagination cursor, so it is rotated by hand when needed (put-secret-value; functions read the current version through the secrets extension, or a version pinned with -c cursorSecretVersion; README "Rotating the cursor-signing secret"), not on a timer.',
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool id' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'Cognito app client id' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table' });
    new CfnOutput(this, 'Region', { value: this.region, description: 'Region of the deployment' });
  }

  private makeTable(): dynamodb.Table {
    const attr = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: attr(TABLE.partitionKey),
      sortKey: attr(TABLE.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: dynamodb.StreamViewType[TABLE.stream],
      // AWS managed key (aws/dynamodb): use of the key shows in CloudTrail, with no key to administer or pay for.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of TABLE.globalSecondaryIndexes) {
      const include = projectedAttributes(gsi.indexName);
      table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        ...(indexPartitionKeys(gsi).length > 1 ? { partitionKeys: indexPartitionKeys(gsi).map(attr) } : { partitionKey: attr(indexPartitionKeys(gsi)[0] as string) }),
        ...(indexSortKeys(gsi).length > 1 ? { sortKeys: indexSortKeys(gsi).map(attr) } : { sortKey: attr(indexSortKeys(gsi)[0] as string) }),
        ...(include ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...include] } : {}),
      });
    }
    fixLogicalId(table, 'Table');
    return table;
  }

  private makeQueue(def: QueueDef): void {
    const visibilityTimeout = Duration.seconds(def.visibilityTimeoutSeconds);
    const base = pascalCase(def.name);
    const dlq = new sqs.Queue(this, `${base}Dlq`, {
      visibilityTimeout,
      retentionPeriod: Duration.days(def.dlqRetentionDays),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    fixLogicalId(dlq, `${base}Dlq`);
    Validations.of(dlq).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: `This is the dead-letter queue of ${def.name} (${def.name}-dlq); a dead-letter queue has no redrive of its own.`,
    });
    const queue = new sqs.Queue(this, `${base}Queue`, {
      visibilityTimeout,
      deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    fixLogicalId(queue, `${base}Queue`);
    this.queues[def.name] = queue;
    this.deadLetterQueues[def.name] = dlq;
  }

  private makeFailureQueue(id: string, retentionPeriod: Duration, of: string): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      retentionPeriod,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    fixLogicalId(queue, id);
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter destination, of ${of}; it is read by operators, never consumed.`,
    });
    Validations.of(queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: `This queue is itself a dead-letter destination, of ${of}; it is read by operators, never consumed.`,
    });
    return queue;
  }

  private makeUserPool(threatProtection: boolean): { pool: cognito.UserPool; client: cognito.UserPoolClient } {
    const p = PASSWORD_POLICY;
    const pool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      // Codes go to addresses nobody confirmed yet: the template holds the code and fixed text, nothing the
      // registrant typed (the local cloud renders the same template into its outbox).
      userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE, emailSubject: CODE_EMAIL.subject, emailBody: CODE_EMAIL.body },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: p.minLength,
        requireLowercase: p.requireLowercase,
        requireUppercase: p.requireUppercase,
        requireDigits: p.requireDigits,
        requireSymbols: p.requireSymbols,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.OFF,
      featurePlan: threatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(threatProtection ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    fixLogicalId(pool, 'UserPool');
    this.protectUserPool(pool, threatProtection);
    const client = this.addUserPoolClient(pool);
    for (const name of BUILT_IN_GROUPS) {
      const id = `${pascalCase(name)}Group`;
      const group = pool.addGroup(id, { groupName: name, description: `Built-in role: ${name}` });
      fixLogicalId(group, id);
      this.groups[name] = group;
    }
    return { pool, client };
  }

  /** Threat protection (or its acknowledged absence) and the cdk-nag findings the pool's settings answer. */
  private protectUserPool(pool: cognito.UserPool, threatProtection: boolean): void {
    const p = PASSWORD_POLICY;
    if (threatProtection) {
      // Sign-in runs server-side (POST /auth/login calls InitiateAuth from Lambda without the caller's context data),
      // so adaptive-authentication risk scores describe Lambda's addresses, not the user's: acting on them would
      // lock people out. Leaked-credential blocking needs no context and is enforced.
      const risk = new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'UserPoolRiskConfiguration', {
        userPoolId: pool.userPoolId,
        clientId: 'ALL',
        compromisedCredentialsRiskConfiguration: {
          eventFilter: ['SIGN_IN', 'SIGN_UP', 'PASSWORD_CHANGE'],
          actions: { eventAction: 'BLOCK' },
        },
        accountTakeoverRiskConfiguration: {
          actions: {
            lowAction: { eventAction: 'NO_ACTION', notify: false },
            mediumAction: { eventAction: 'NO_ACTION', notify: false },
            highAction: { eventAction: 'NO_ACTION', notify: false },
          },
        },
      });
      risk.overrideLogicalId('UserPoolRiskConfiguration');
    } else {
      Validations.of(pool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'Threat protection was turned off for this deployment (threatProtection: false) to stay on the Essentials tier; the API enforces the password policy itself.',
      });
    }
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is off: the API signs users in server-side with USER_PASSWORD_AUTH (POST /auth/login) and has no MFA challenge step yet, so requiring MFA would lock every user out.',
    });
    if (!p.requireSymbols) {
      Validations.of(pool).acknowledge({
        id: 'AwsSolutions-COG1',
        reason: `PASSWORD_POLICY (shared/domain/password-policy.ts) requires ${p.minLength}+ characters with upper case, lower case and digits but no symbol: length over composition, as NIST SP 800-63B advises; registration checks the same rules.`,
      });
    }
  }

  /** The app client: password sign-in from the API only, revocable tokens, no existence hints. */
  private addUserPoolClient(pool: cognito.UserPool): cognito.UserPoolClient {
    const client = pool.addClient('UserPoolClient', {
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    fixLogicalId(client, 'UserPoolClient');
    return client;
  }
}

/** Pins the CloudFormation logical id of an L2's resource so moving the construct never replaces it. */
function fixLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}
