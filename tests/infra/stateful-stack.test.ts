import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../../functions/manifest';
import { BUILT_IN_GROUPS, indexPartitionKeys, indexSortKeys, TABLE } from '../../infra/table';
import { pascalCase } from '../../infra/constructs/names';
import { PASSWORD_POLICY } from '../../shared/domain/password-policy';
import { buildTestApp, resourcesOf, templatesOf, type Resource } from './app';

/**
 * The logical ids of the stateful resources. Changing one makes CloudFormation create a new resource and delete
 * (or, being retained, orphan) the old one with its data: these must never change.
 */
const STATEFUL_LOGICAL_IDS: Record<string, string> = {
  Table: 'AWS::DynamoDB::Table',
  NotificationsQueue: 'AWS::SQS::Queue',
  NotificationsDlq: 'AWS::SQS::Queue',
  ReportsQueue: 'AWS::SQS::Queue',
  ReportsDlq: 'AWS::SQS::Queue',
  LedgerJobsQueue: 'AWS::SQS::Queue',
  LedgerJobsDlq: 'AWS::SQS::Queue',
  AnalyticsQueue: 'AWS::SQS::Queue',
  AnalyticsDlq: 'AWS::SQS::Queue',
  ImportsQueue: 'AWS::SQS::Queue',
  ImportsDlq: 'AWS::SQS::Queue',
  StreamFailureQueue: 'AWS::SQS::Queue',
  ScheduleFailureQueue: 'AWS::SQS::Queue',
  UserPool: 'AWS::Cognito::UserPool',
  UserPoolClient: 'AWS::Cognito::UserPoolClient',
  AdminGroup: 'AWS::Cognito::UserPoolGroup',
  UserGroup: 'AWS::Cognito::UserPoolGroup',
  UserPoolRiskConfiguration: 'AWS::Cognito::UserPoolRiskConfigurationAttachment',
  EmailIdentity: 'AWS::SES::EmailIdentity',
  CursorSecret: 'AWS::SecretsManager::Secret',
};

describe('StatefulStack', () => {
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    // Prepare
    const testApp = buildTestApp();
    // Act
    template = templatesOf(testApp).stateful;
    resources = template.toJSON().Resources as Record<string, Resource>;
  });

  it('keeps the exact logical id of every stateful resource', () => {
    // Assess
    for (const [logicalId, type] of Object.entries(STATEFUL_LOGICAL_IDS)) {
      expect(resources[logicalId]?.Type, logicalId).toBe(type);
    }
  });

  it('gives every manifest queue and its DLQ the logical ids derived from the queue name', () => {
    for (const q of queues) {
      expect(resources[`${pascalCase(q.name)}Queue`]?.Type, q.name).toBe('AWS::SQS::Queue');
      expect(resources[`${pascalCase(q.name)}Dlq`]?.Type, `${q.name}-dlq`).toBe('AWS::SQS::Queue');
    }
  });

  it('turns on termination protection', () => {
    const { tally } = buildTestApp();
    expect(tally.stateful.terminationProtection).toBe(true);
  });

  it('creates the table of infra/table.ts: keys, GSIs, TTL, stream, PITR, on demand, protected and retained', () => {
    const table = resources.Table;
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: TABLE.stream },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    const gsis = table?.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[]; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[];
    expect(gsis.map((g) => g.IndexName)).toEqual(TABLE.globalSecondaryIndexes.map((g) => g.indexName));
    for (const gsi of TABLE.globalSecondaryIndexes) {
      expect(gsis.find((g) => g.IndexName === gsi.indexName)?.KeySchema).toEqual([
        ...indexPartitionKeys(gsi).map((AttributeName) => ({ AttributeName, KeyType: 'HASH' })),
        ...indexSortKeys(gsi).map((AttributeName) => ({ AttributeName, KeyType: 'RANGE' })),
      ]);
    }
    // Transactions by date: the table's pk, then the date and sk (a multi-attribute sort key), whole items.
    expect(gsis.find((g) => g.IndexName === 'gsi5')?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'date', KeyType: 'RANGE' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    // Transactions by category: the table's pk and the item's categoryId (a multi-attribute partition key), by date.
    expect(gsis.find((g) => g.IndexName === 'gsi6')?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'categoryId', KeyType: 'HASH' },
      { AttributeName: 'date', KeyType: 'RANGE' },
    ]);
    const defined = (table?.Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((a) => `${a.AttributeName}:${a.AttributeType}`);
    expect(defined).toEqual(expect.arrayContaining(['pk:S', 'categoryId:S', 'date:S']));
    // The by-category index keeps only what its readers use (the id comes from sk); the others copy whole items. gsi4,
    // the by-category index before gsi6, stays for this release (one GSI change per stack update), unread.
    expect(gsis.find((g) => g.IndexName === 'gsi6')?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['type', 'fxStatus', 'baseCurrency', 'baseAmount'] });
    expect(gsis.find((g) => g.IndexName === 'gsi4')?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['id', 'type', 'fxStatus', 'baseCurrency', 'baseAmount'] });
    for (const name of ['gsi1', 'gsi2', 'gsi3', 'gsi5']) expect(gsis.find((g) => g.IndexName === name)?.Projection).toEqual({ ProjectionType: 'ALL' });
  });

  it('gives every manifest queue a DLQ with its maxReceiveCount, visibility timeout and DLQ retention; all encrypted and retained', () => {
    for (const q of queues) {
      const queue = resources[`${pascalCase(q.name)}Queue`];
      const dlq = resources[`${pascalCase(q.name)}Dlq`];
      expect(queue?.Properties.RedrivePolicy, q.name).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [`${pascalCase(q.name)}Dlq`, 'Arn'] },
        maxReceiveCount: q.maxReceiveCount,
      });
      expect(queue?.Properties.VisibilityTimeout).toBe(q.visibilityTimeoutSeconds);
      expect(dlq?.Properties.VisibilityTimeout).toBe(q.visibilityTimeoutSeconds);
      expect(dlq?.Properties.MessageRetentionPeriod).toBe(q.dlqRetentionDays * 24 * 3600);
      for (const r of [queue, dlq]) {
        expect(r?.Properties.SqsManagedSseEnabled).toBe(true);
        expect(r?.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('refuses plain-HTTP access to every queue', () => {
    const policies = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'));
    const secured = new Set(
      policies
        .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'))
        .flatMap((p) => (p.Properties.Queues as { Ref: string }[]).map((q) => q.Ref)),
    );
    const queueIds = Object.keys(resourcesOf(template, 'AWS::SQS::Queue'));
    expect(queueIds.length).toBe(queues.length * 2 + 2);
    for (const id of queueIds) expect(secured.has(id), id).toBe(true);
  });

  it('creates the user pool with the password policy of PASSWORD_POLICY, email sign-in, self sign-up, retained', () => {
    expect(resources.UserPool?.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
        },
      },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
    });
  });

  it('uses the Essentials tier without threat protection when asked', () => {
    const stateful = templatesOf(buildTestApp({ threatProtection: false })).stateful;
    stateful.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', UserPoolAddOns: Match.absent() });
    stateful.resourceCountIs('AWS::Cognito::UserPoolRiskConfigurationAttachment', 0);
  });

  it('creates exactly the built-in groups', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...BUILT_IN_GROUPS].sort());
  });

  it('creates an app client without secret or OAuth, with revocation, password and refresh flows, and the token lifetimes', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('generates a 64-character cursor secret, retained', () => {
    expect(resources.CursorSecret?.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
  });

  it('verifies the sender address, or the domain when one is given', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@tally.example' });
    const withDomain = templatesOf(buildTestApp({ emailFromAddress: 'hello@mail.tally.example', emailDomain: 'mail.tally.example' })).stateful;
    withDomain.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.tally.example' });
  });

  it('refuses a sender address outside the verified domain', () => {
    expect(() => buildTestApp({ emailFromAddress: 'hello@elsewhere.example', emailDomain: 'mail.tally.example' })).toThrow(/not on emailDomain/);
  });

  it('outputs the ids a client needs', () => {
    const outputs = Object.keys(template.toJSON().Outputs as Record<string, unknown>);
    expect(outputs).toEqual(expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'TableName', 'Region']));
  });
});
