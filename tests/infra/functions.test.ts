import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, httpFunctions, queueFunctions, queues, scheduleFunctions, streamFunctions } from '../../functions/manifest';
import { effectiveAccess, environmentFor } from '../../functions/environment';
import { TABLE_WRITE_ACTIONS } from '../../infra/constructs/manifest-function';
import { TABLE } from '../../infra/table';
import { queueUrlVariable } from '../../shared/config';
import { actionsOfRole, buildTestApp, functionsByName, inParent, resourcesOf, templatesOf, type Resource, type RoutesTemplate, type Templates } from './app';

type Ref = { Ref: string };
type GetAtt = { 'Fn::GetAtt': [string, string] };

describe('ApiStack and AsyncStack', () => {
  let t: Templates;
  let all: Map<string, { logicalId: string; resource: Resource; template: Template }>;

  beforeAll(() => {
    // Prepare
    const testApp = buildTestApp({ corsOrigins: ['https://app.tally.example'], throttleRateLimit: 42, throttleBurstLimit: 84 });
    // Act
    t = templatesOf(testApp);
    all = new Map();
    for (const template of t.all) {
      for (const [name, fn] of functionsByName(template)) {
        expect(all.has(name), `${name} defined twice`).toBe(false);
        all.set(name, { ...fn, template });
      }
    }
  });

  it('makes exactly one Lambda per manifest function, Node.js 22+ on arm64, with its own log group', () => {
    // Assess
    expect([...all.keys()].sort()).toEqual(functions.map((f) => f.name).sort());
    const lambdaCount = t.all.map((x) => Object.keys(resourcesOf(x, 'AWS::Lambda::Function')).length).reduce((a, b) => a + b);
    expect(lambdaCount).toBe(functions.length);
    for (const [name, { resource }] of all) {
      expect(resource.Properties.Runtime, name).toMatch(/^nodejs(22|24)\.x$/);
      expect(resource.Properties.Architectures, name).toEqual(['arm64']);
      expect((resource.Properties.LoggingConfig as { LogGroup?: Ref }).LogGroup?.Ref, name).toBeDefined();
    }
    // HTTP functions live in the API's nested routes stacks, none in the API stack itself.
    expect(resourcesOf(t.api, 'AWS::Lambda::Function')).toEqual({});
    for (const [domain, { template }] of Object.entries(t.routes)) expect(resourcesOf(template, 'AWS::Lambda::Function'), domain).not.toEqual({});
  });

  /** Each function's tracing mode, and the X-Ray actions the deployment's policies grant. */
  function tracingOf(templates: Templates) {
    const modes = new Map<string, string>();
    const actions: string[] = [];
    for (const template of templates.functions) {
      for (const [name, { resource }] of functionsByName(template)) modes.set(name, (resource.Properties.TracingConfig as { Mode?: string } | undefined)?.Mode ?? 'PassThrough');
      actions.push(...Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap((p) => JSON.stringify(p.Properties.PolicyDocument).match(/xray:[A-Za-z]+/g) ?? []));
    }
    return { modes, actions };
  }

  it('leaves tracing off by default, with no X-Ray permission (at low volume X-Ray would trace every invocation)', () => {
    const { modes, actions } = tracingOf(t);
    expect(modes.size).toBe(functions.length);
    for (const [name, mode] of modes) expect(mode, name).not.toBe('Active');
    expect(actions).toEqual([]);
  });

  it('turns Lambda active tracing on for every function, with its X-Ray permissions, when the deployment says tracing: true', () => {
    const { modes, actions } = tracingOf(templatesOf(buildTestApp({ tracing: true })));
    expect(modes.size).toBe(functions.length);
    for (const [name, mode] of modes) expect(mode, name).toBe('Active');
    expect(new Set(actions)).toEqual(new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
  });

  it('sizes each function from the manifest (256 MB and 10 s for HTTP by default)', () => {
    for (const def of functions) {
      const props = all.get(def.name)?.resource.Properties;
      expect(props?.MemorySize, def.name).toBe(def.memoryMb ?? 256);
      expect(props?.Timeout, def.name).toBe(def.timeoutSeconds ?? (def.kind === 'http' ? 10 : 30));
    }
  });

  it('gives every function exactly environmentFor(def): the same variables, the same literal values, tokens where CDK has references', () => {
    // Sentinel refs: a value that is one of these is a CDK reference in the template; the rest are literals.
    const TOKEN = '<token>';
    const refs = {
      tableName: TOKEN,
      userPoolId: TOKEN,
      userPoolClientId: TOKEN,
      queueUrl: () => TOKEN,
      cursorSecretArn: TOKEN,
      emailFrom: TOKEN,
      // The API stage URL, imported from the API stack (report emails' unsubscribe link).
      publicApiUrl: TOKEN,
      // The web app's CloudFront origin, imported from the web stack (GET /docs redirects to its API reference).
      publicWebUrl: TOKEN,
      // The named origin and the web app's distribution (a reference to the web stack).
      corsOrigins: TOKEN,
      autoConfirm: false,
      powertoolsLogLevel: 'INFO',
      // No NODE_OPTIONS: functions run without --enable-source-maps (infra/bundle/options.ts SOURCE_MAPS_AT_RUNTIME).
      common: {},
    };
    for (const def of functions) {
      const env = (all.get(def.name)?.resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const expected = environmentFor(def, refs);
      // The Parameters and Secrets extension's own settings, added by CDK with the layer (secret:cursor).
      const extension = def.access.includes('secret:cursor') ? /^(PARAMETERS_SECRETS_EXTENSION_|SECRETS_MANAGER_|SSM_PARAMETER_STORE_)/ : /^$/;
      const own = Object.keys(env).filter((k) => !extension.test(k));
      expect(own.sort(), def.name).toEqual(Object.keys(expected).sort());
      for (const [key, value] of Object.entries(expected)) {
        if (value === TOKEN) expect(env[key], `${def.name} ${key}`).toBeDefined();
        else expect(env[key], `${def.name} ${key}`).toBe(value);
      }
      // No secret value in any function's configuration: the cursor key is read at run time.
      expect(env.CURSOR_SECRET, def.name).toBeUndefined();
      // Source maps are read only for a logged error (shared/original-stack.ts), not by Node at every cold start.
      expect(env.NODE_OPTIONS, def.name).toBeUndefined();
      expect(JSON.stringify(env), def.name).not.toContain('{{resolve:secretsmanager:');
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(def.name);
      expect(env.TABLE_NAME !== undefined, `${def.name} TABLE_NAME`).toBe(effectiveAccess(def).some((a) => a.startsWith('table:')));
    }
  });

  it('grants exactly what each access list names, with the variable that locates it', () => {
    for (const def of functions) {
      const fn = all.get(def.name);
      if (!fn) throw new Error(`no function ${def.name}`);
      const role = (fn.resource.Properties.Role as GetAtt)['Fn::GetAtt'][0];
      const granted = actionsOfRole(fn.template, role);
      const actions = new Set(granted.map((g) => g.action));
      const env = (fn.resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const access = new Set<string>(def.access);

      const needsRead = access.has('table:read') || access.has('table:write') || (def.kind === 'http' && def.contract.auth !== 'public');
      expect(actions.has('dynamodb:GetItem'), `${def.name} reads the table`).toBe(needsRead);
      for (const a of TABLE_WRITE_ACTIONS) expect(actions.has(a), `${def.name} ${a}`).toBe(access.has('table:write'));
      const tableResources = JSON.stringify(granted.filter((g) => g.action === 'dynamodb:GetItem').map((g) => g.resource));
      expect(tableResources, def.name).not.toContain('/index/*');
      if (needsRead) for (const gsi of TABLE.globalSecondaryIndexes) expect(tableResources).toContain(`/index/${gsi.indexName}`);

      // Exactly the Cognito operations its access list names, each on the user pool alone.
      const cognito = granted.filter((g) => g.action.startsWith('cognito-idp:'));
      expect(cognito.map((g) => g.action).sort(), def.name).toEqual(
        [...access].filter((a) => a.startsWith('cognito:')).map((a) => `cognito-idp:${a.slice('cognito:'.length)}`).sort(),
      );
      for (const g of cognito) expect(JSON.stringify(g.resource), `${def.name} ${g.action}`).toMatch(/UserPool[A-Za-z0-9]*\.Arn|UserPool.*Arn/);
      expect(actions.has('dynamodb:Scan'), `${def.name} dynamodb:Scan`).toBe(false);
      expect(actions.has('ses:SendEmail'), `${def.name} ses:SendEmail`).toBe(access.has('email:send'));
      const readsCursorKey = access.has('secret:cursor');
      expect(actions.has('secretsmanager:GetSecretValue'), `${def.name} secretsmanager:GetSecretValue`).toBe(readsCursorKey);
      expect(env.CURSOR_SECRET_ARN !== undefined, `${def.name} CURSOR_SECRET_ARN`).toBe(readsCursorKey);
      const layers = JSON.stringify(fn.resource.Properties.Layers ?? []);
      expect(layers.includes('AWS-Parameters-and-Secrets-Lambda-Extension') || layers.includes('ParamsAndSecrets'), `${def.name} secrets extension`).toBe(readsCursorKey);
      if (readsCursorKey) expect(env.PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED, def.name).toBe('true');
      expect(env.EMAIL_FROM !== undefined, `${def.name} EMAIL_FROM`).toBe(access.has('email:send'));

      for (const q of queues) {
        const sends = access.has(`queue:${q.name}`);
        expect(env[queueUrlVariable(q.name)] !== undefined, `${def.name} ${queueUrlVariable(q.name)}`).toBe(sends);
      }
      expect(actions.has('sqs:SendMessage'), `${def.name} sqs:SendMessage`).toBe(
        // Besides queue:<name>: a schedule's DLQ, and a stream mapping's on-failure queue.
        [...access].some((a) => a.startsWith('queue:')) || def.kind === 'schedule' || def.kind === 'stream',
      );
      expect(actions.has('*')).toBe(false);
    }
  });

  it('routes every manifest HTTP route to its function, and everything else to the $default function, with no authorizer anywhere', () => {
    // Routes, integrations and permissions sit in the nested routes stacks; the API in the parent. Functions verify
    // bearer tokens themselves: an authorizer would answer {"message":"Unauthorized"} instead of their problem document.
    const [apiId] = Object.keys(resourcesOf(t.api, 'AWS::ApiGatewayV2::Api'));
    expect(resourcesOf(t.api, 'AWS::ApiGatewayV2::Authorizer')).toEqual({});
    expect(resourcesOf(t.api, 'AWS::ApiGatewayV2::Route')).toEqual({});
    const byKey = new Map<string, { route: Resource; routes: RoutesTemplate }>();
    for (const routes of Object.values(t.routes)) {
      for (const route of Object.values(resourcesOf(routes.template, 'AWS::ApiGatewayV2::Route'))) {
        expect(byKey.has(route.Properties.RouteKey as string), `${route.Properties.RouteKey as string} routed twice`).toBe(false);
        byKey.set(route.Properties.RouteKey as string, { route, routes });
      }
      // One invoke permission per route, scoped to this API.
      const permissions = Object.values(resourcesOf(routes.template, 'AWS::Lambda::Permission'));
      expect(permissions.length).toBe(Object.keys(resourcesOf(routes.template, 'AWS::ApiGatewayV2::Route')).length);
      const apiParameter = Object.keys(routes.parameters).find((k) => JSON.stringify(routes.parameters[k]) === JSON.stringify({ Ref: apiId }));
      expect(apiParameter).toBeDefined();
      for (const p of permissions) expect(JSON.stringify(p.Properties.SourceArn)).toContain(`{"Ref":"${apiParameter}"}`);
    }
    const manifestKeys = httpFunctions.flatMap((f) => [...f.routes.map((r) => `${r.method} ${r.path}`), ...(f.defaultRoute ? ['$default'] : [])]);
    expect(manifestKeys).toContain('$default');
    expect([...byKey.keys()].sort()).toEqual([...manifestKeys].sort());

    for (const def of httpFunctions) {
      const fn = all.get(def.name);
      for (const key of [...def.routes.map((r) => `${r.method} ${r.path}`), ...(def.defaultRoute ? ['$default'] : [])]) {
        const found = byKey.get(key);
        if (!found) throw new Error(`no route ${key}`);
        const { route, routes } = found;
        expect(inParent(routes, route.Properties.ApiId), key).toEqual({ Ref: apiId });
        expect(route.Properties.AuthorizationType ?? 'NONE', key).toBe('NONE');
        expect(route.Properties.AuthorizerId, key).toBeUndefined();
        const integrations = resourcesOf(routes.template, 'AWS::ApiGatewayV2::Integration');
        const target = JSON.stringify(route.Properties.Target);
        const integrationId = Object.keys(integrations).find((id) => target.includes(id));
        const uri = integrations[integrationId ?? '']?.Properties.IntegrationUri as GetAtt | undefined;
        expect(uri?.['Fn::GetAtt'][0], `${key} → ${def.name}`).toBe(fn?.logicalId);
        expect(fn?.template, `${def.name} sits with its route`).toBe(routes.template);
      }
    }
  });

  it('gives every function behind a token the user pool and its app client, which it verifies tokens against', () => {
    for (const def of httpFunctions) {
      const env = (all.get(def.name)?.resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      if (def.contract.auth === 'public') continue;
      expect(JSON.stringify(env.USER_POOL_ID), def.name).toContain('UserPool');
      expect(JSON.stringify(env.USER_POOL_CLIENT_ID), def.name).toContain('UserPoolClient');
    }
  });

  it('throttles and access-logs the default stage, and applies the CORS origins', () => {
    t.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 42, ThrottlingBurstLimit: 84 },
    });
    const [stage] = Object.values(resourcesOf(t.api, 'AWS::ApiGatewayV2::Stage'));
    const logs = stage?.Properties.AccessLogSettings as { DestinationArn: GetAtt; Format: string };
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroup = resourcesOf(t.api, 'AWS::Logs::LogGroup')[logs.DestinationArn['Fn::GetAtt'][0]];
    expect(logGroup?.Properties.RetentionInDays).toBeGreaterThan(0);
    const [api] = Object.values(resourcesOf(t.api, 'AWS::ApiGatewayV2::Api'));
    const origins = (api?.Properties.CorsConfiguration as { AllowOrigins: unknown[] }).AllowOrigins;
    expect(origins).toHaveLength(2);
    expect(origins[0]).toBe('https://app.tally.example');
    expect(JSON.stringify(origins[1])).toContain('Tally-test-Web');
  });

  it('keeps every function log for a bounded time', () => {
    for (const template of t.all) {
      for (const [id, group] of Object.entries(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
        expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
      }
    }
  });

  it('feeds each queue function from its queue with partial batch failures', () => {
    const mappings = Object.values(resourcesOf(t.async, 'AWS::Lambda::EventSourceMapping'));
    for (const def of queueFunctions) {
      const fnId = all.get(def.name)?.logicalId;
      const mapping = mappings.find((m) => (m.Properties.FunctionName as Ref).Ref === fnId);
      expect(mapping?.Properties.FunctionResponseTypes, def.name).toEqual(['ReportBatchItemFailures']);
      expect(mapping?.Properties.BatchSize, def.name).toBe(def.batchSize);
      if (def.maxBatchingWindowSeconds !== undefined) expect(mapping?.Properties.MaximumBatchingWindowInSeconds).toBe(def.maxBatchingWindowSeconds);
      expect(JSON.stringify(mapping?.Properties.EventSourceArn), def.name).toMatch(/QueueArn/);
    }
  });

  it('feeds each stream function from the table stream: filtered, bisecting, retried, with an on-failure queue', () => {
    const mappings = Object.values(resourcesOf(t.async, 'AWS::Lambda::EventSourceMapping'));
    for (const def of streamFunctions) {
      const fnId = all.get(def.name)?.logicalId;
      const mapping = mappings.find((m) => (m.Properties.FunctionName as Ref).Ref === fnId);
      expect(mapping?.Properties.StartingPosition).toBe('TRIM_HORIZON');
      expect(mapping?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping?.Properties.BisectBatchOnFunctionError).toBe(true);
      expect(mapping?.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(mapping?.Properties.BatchSize).toBe(def.batchSize);
      expect(JSON.stringify(mapping?.Properties.EventSourceArn)).toMatch(/TableStreamArn/);
      expect(JSON.stringify(mapping?.Properties.DestinationConfig)).toMatch(/StreamFailureQueueArn/);
      const patterns = (mapping?.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
      expect(patterns).toEqual(
        def.filters.flatMap((f) => ['NewImage', 'OldImage'].map((image) => ({ dynamodb: { [image]: { [f.attribute]: { S: [{ prefix: f.prefix }] } } } }))),
      );
    }
  });

  it('schedules each schedule function with its expression in UTC, a DLQ and a retry policy', () => {
    const schedules = Object.values(resourcesOf(t.async, 'AWS::Scheduler::Schedule'));
    expect(schedules.length).toBe(scheduleFunctions.length);
    for (const def of scheduleFunctions) {
      const fnId = all.get(def.name)?.logicalId;
      const schedule = schedules.find((s) => (s.Properties.Target as { Arn: GetAtt }).Arn['Fn::GetAtt'][0] === fnId);
      expect(schedule?.Properties.ScheduleExpression, def.name).toBe(def.schedule);
      expect(schedule?.Properties.ScheduleExpressionTimezone).toBe('Etc/UTC');
      const target = schedule?.Properties.Target as { DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: { MaximumRetryAttempts: number } };
      expect(JSON.stringify(target.DeadLetterConfig?.Arn)).toMatch(/ScheduleFailureQueueArn/);
      expect(target.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
      const fn = all.get(def.name)?.resource;
      expect(JSON.stringify(fn?.Properties.DeadLetterConfig)).toMatch(/ScheduleFailureQueueArn/);
    }
  });

  it('gives each queue consumer a timeout its queue visibility timeout covers six times', () => {
    for (const def of queueFunctions) {
      const q = queues.find((x) => x.name === def.queue);
      expect(q, def.queue).toBeDefined();
      expect((q?.visibilityTimeoutSeconds ?? 0) / (def.timeoutSeconds ?? 30), def.name).toBeGreaterThanOrEqual(6);
    }
  });

  it('pins the cursor secret version when one is named, so a manual rotation reaches the functions that sign cursors', () => {
    const pinned = templatesOf(buildTestApp({ cursorSecretVersionId: 'f00dcafe-0000-4000-8000-000000000001' }));
    let readers = 0;
    for (const template of pinned.functions) {
      for (const [name, { resource }] of functionsByName(template)) {
        const env = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        if (env.CURSOR_SECRET_ARN === undefined) continue;
        readers++;
        expect(env.CURSOR_SECRET_VERSION_ID, name).toBe('f00dcafe-0000-4000-8000-000000000001');
      }
    }
    expect(readers).toBe(functions.filter((f) => f.access.includes('secret:cursor')).length);
    expect(readers).toBeGreaterThan(0);
  });

  it('grants Cognito operations one by one: only those IAM authorises, only to the functions that call them', () => {
    const adapter = readFileSync(new URL('../../shared/adapters/identity-provider.ts', import.meta.url), 'utf8');
    const imports = /import\s*{([^}]*)}\s*from\s*'@aws-sdk\/client-cognito-identity-provider'/.exec(adapter)?.[1] ?? '';
    const called = new Set([...imports.matchAll(/\b([A-Za-z]+)Command\b/g)].map((m) => m[1] ?? ''));
    // Cognito's public operations: a client calls them with the app client id or its own token, and IAM does not
    // authorise them, so no function is granted them.
    const publicOps = new Set(['SignUp', 'ConfirmSignUp', 'InitiateAuth', 'RevokeToken', 'ForgotPassword', 'ConfirmForgotPassword', 'ResendConfirmationCode', 'ChangePassword', 'GlobalSignOut']);
    const needsIam = [...called].filter((op) => !publicOps.has(op));
    const granted = new Map<string, string[]>();
    for (const def of functions) {
      for (const a of def.access) {
        if (!a.startsWith('cognito:')) continue;
        const op = a.slice('cognito:'.length);
        granted.set(op, [...(granted.get(op) ?? []), def.name]);
      }
    }
    // Every granted operation is one the adapter calls and IAM authorises; every such call is granted somewhere.
    for (const op of granted.keys()) {
      expect(called.has(op), `cognito:${op} is granted but shared/adapters/identity-provider.ts never calls it`).toBe(true);
      expect(publicOps.has(op), `cognito:${op} is a public operation: it needs no grant`).toBe(false);
    }
    expect([...granted.keys()].sort()).toEqual(needsIam.sort());
    // The public sign-in functions hold no Cognito grant at all.
    for (const name of ['auth-login', 'auth-refresh', 'auth-change-password']) {
      const fn = all.get(name);
      if (!fn) throw new Error(`no function ${name}`);
      const role = (fn.resource.Properties.Role as GetAtt)['Fn::GetAtt'][0];
      expect(actionsOfRole(fn.template, role).filter((g) => g.action.startsWith('cognito-idp:')), name).toEqual([]);
    }
  });

  it('grants dynamodb:Scan to no role in any stack', () => {
    for (const template of t.all) {
      for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
        const doc = JSON.stringify(policy.Properties.PolicyDocument);
        expect(doc, id).not.toMatch(/dynamodb:Scan|dynamodb:\*|"dynamodb:[A-Za-z]*\*"/);
      }
    }
  });

  it('throttles each heavy and auth route with the numbers of its manifest entry, and the stage waits for the stacks of those routes', () => {
    const [[stageId, stage]] = Object.entries(resourcesOf(t.api, 'AWS::ApiGatewayV2::Stage')) as [[string, Resource & { DependsOn?: string[] }]];
    const settings = (stage.Properties.RouteSettings ?? {}) as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const throttled = httpFunctions.filter((f) => f.throttle);
    // The heavy routes and every public auth route are among them.
    for (const name of ['imports-create', 'rules-preview', 'transactions-export', 'auth-register', 'auth-login', 'auth-refresh', 'auth-confirm']) {
      expect(throttled.map((f) => f.name), name).toContain(name);
    }
    expect(Object.keys(settings).sort()).toEqual(throttled.flatMap((f) => f.routes.map((r) => `${r.method} ${r.path}`)).sort());
    const deps = new Set(t.api.toJSON().Resources[stageId].DependsOn as string[]);
    for (const def of throttled) {
      for (const r of def.routes) {
        const key = `${r.method} ${r.path}`;
        expect(settings[key], key).toEqual({ ThrottlingRateLimit: def.throttle?.rate, ThrottlingBurstLimit: def.throttle?.burst });
        // Tighter than the stage default (42/84 here is a test value; the default is 100/200).
        expect(def.throttle?.rate, key).toBeLessThanOrEqual(20);
        // The route is in a nested stack: the stage depends on that stack's resource.
        const holder = Object.values(t.routes).find((rt) =>
          Object.values(resourcesOf(rt.template, 'AWS::ApiGatewayV2::Route')).some((route) => route.Properties.RouteKey === key),
        );
        expect(holder && deps.has(holder.logicalId), `the stage depends on the stack of ${key}`).toBe(true);
      }
    }
  });

  it('caps every queue consumer with the maximum concurrency of its manifest entry (2 at least)', () => {
    const mappings = Object.values(resourcesOf(t.async, 'AWS::Lambda::EventSourceMapping'));
    expect(queueFunctions.length).toBeGreaterThan(0);
    for (const def of queueFunctions) {
      const fnId = all.get(def.name)?.logicalId;
      const mapping = mappings.find((m) => (m.Properties.FunctionName as Ref).Ref === fnId);
      expect(def.maxConcurrency, def.name).toBeGreaterThanOrEqual(2);
      expect(mapping?.Properties.ScalingConfig, def.name).toEqual({ MaximumConcurrency: def.maxConcurrency });
    }
  });

  it('reserves the concurrency the manifest names for heavy functions, unless told not to', () => {
    const reserved = functions.filter((f) => f.reservedConcurrency !== undefined);
    expect(reserved.map((f) => f.name)).toEqual(expect.arrayContaining(['imports-create', 'transactions-export', 'rules-preview']));
    for (const def of functions) {
      expect(all.get(def.name)?.resource.Properties.ReservedConcurrentExecutions, def.name).toBe(def.reservedConcurrency);
    }
    const none = templatesOf(buildTestApp({ reserveConcurrency: false }));
    for (const template of none.functions) {
      for (const [name, { resource }] of functionsByName(template)) expect(resource.Properties.ReservedConcurrentExecutions, name).toBeUndefined();
    }
  });

  it('allows only the web app’s origin as a cross-origin browser caller unless the deployment names more, and refuses a malformed origin', () => {
    const plain = templatesOf(buildTestApp());
    const [api] = Object.values(resourcesOf(plain.api, 'AWS::ApiGatewayV2::Api'));
    const origins = (api?.Properties.CorsConfiguration as { AllowOrigins: unknown[] }).AllowOrigins;
    // One origin: https:// and the web stack's CloudFront domain, never `*`.
    expect(origins).toHaveLength(1);
    const web = JSON.stringify(origins[0]);
    expect(web).toContain('https://');
    expect(web).toContain('Tally-test-Web');
    expect(web).not.toContain('*');
    let seen = 0;
    for (const { template } of Object.values(plain.routes)) {
      for (const [name, { resource }] of functionsByName(template)) {
        const env = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(JSON.stringify(env.CORS_ORIGINS), name).toContain('https://');
        seen++;
      }
    }
    expect(seen).toBe(httpFunctions.length);
    expect(() => buildTestApp({ corsOrigins: ['https://app.example.com/path'] })).toThrow(/scheme and host/);
  });

  it('outputs the API URL', () => {
    expect(Object.keys(t.api.toJSON().Outputs as Record<string, unknown>)).toContain('ApiUrl');
  });
});
