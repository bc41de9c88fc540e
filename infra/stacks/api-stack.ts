import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { httpFunctions, type HttpFunction } from '../../functions/manifest';
import type { FunctionResourcesProps, ManifestFunction } from '../constructs/manifest-function';
import { pascalCase } from '../constructs/names';
import { byDomain, HttpRoutesStack } from './http-routes-stack';

export interface ApiStackProps extends StackProps, FunctionResourcesProps {
  /**
   * Steady-state requests per second the default stage accepts.
   * @default 100
   */
  readonly throttleRateLimit?: number;
  /**
   * Burst of requests the default stage accepts.
   * @default 200
   */
  readonly throttleBurstLimit?: number;
  /**
   * Browser origins allowed by CORS, per deployment: the HTTP API's preflight configuration and the handlers'
   * CORS_ORIGINS. `*` only when named explicitly.
   * @default - none: no cross-origin browser caller (clients that are not browsers are not affected)
   */
  readonly corsOrigins?: string[];
  /**
   * How long API access logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * The HTTP functions to deploy.
   * @default - every `http` entry of the manifest
   */
  readonly functions?: HttpFunction[];
}

/** API Gateway access log fields (HTTP API context variables), one JSON object per request. */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/** The props every function takes, without the stack's own settings. */
function functionResources(props: FunctionResourcesProps): FunctionResourcesProps {
  const { table, userPool, userPoolClient, queues, emailIdentity, emailFrom, cursorSecret, cursorSecretVersionId, autoConfirm, reportConsumedCapacity, tracing, logRetention, tableIndexes, projectRoot, reserveConcurrency, publicWebUrl } = props;
  return { table, userPool, userPoolClient, queues, emailIdentity, emailFrom, cursorSecret, cursorSecretVersionId, autoConfirm, reportConsumedCapacity, tracing, logRetention, tableIndexes, projectRoot, reserveConcurrency, publicWebUrl };
}

/**
 * The HTTP API: one Lambda per manifest HTTP entry and one route per entry route, plus the `$default` route; no
 * authorizer (each function verifies the caller's Cognito access token itself); throttled and access-logged default
 * stage. The functions and routes are
 * grouped by domain into nested stacks (`routeStacks`), each its own template under CloudFormation's resource limit.
 */
export class ApiStack extends Stack {
  public readonly api: apigw.HttpApi;
  public readonly stage: apigw.HttpStage;
  /** Every HTTP function, by manifest name, whichever routes stack holds it. */
  public readonly functions: Record<string, ManifestFunction> = {};
  /** The nested routes stack of each domain. */
  public readonly routeStacks: Record<string, HttpRoutesStack> = {};
  public readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const corsOrigins = props.corsOrigins ?? [];
    checkCorsOrigins(this, corsOrigins);
    this.api = newHttpApi(this, corsOrigins);
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 100, burstLimit: props.throttleBurstLimit ?? 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });
    this.addRouteStacks(props, corsOrigins);
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API' });
  }

  /**
   * The routes and their functions live in one nested stack per domain (infra/stacks/http-routes-stack.ts), so this
   * template holds only the API, its stage and the access logs, whatever the route count. Route-level throttles
   * (heavy and auth routes, from the manifest) go on top of the stage's default.
   */
  private addRouteStacks(props: ApiStackProps, corsOrigins: string[]): void {
    // CfnStage.routeSettings is a JSON map: its values are written as CloudFormation spells them.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const routeKeys = new Set<string>();
    for (const [domain, functions] of byDomain(props.functions ?? httpFunctions)) {
      const routes = new HttpRoutesStack(this, `${pascalCase(domain)}Routes`, {
        ...functionResources(props),
        description: `Tally ${domain} routes and their functions, nested in ${this.stackName}`,
        api: this.api,
        functions,
        corsOrigins,
      });
      this.routeStacks[domain] = routes;
      Object.assign(this.functions, routes.functions);
      for (const { definition: def, method, path, route } of routes.routes) {
        // Routes of different stacks no longer share a construct scope, so a repeated key is caught here, not at deploy.
        if (routeKeys.has(`${method} ${path}`)) throw new Error(`Route ${method} ${path} is declared twice in the manifest (again by "${def.name}").`);
        routeKeys.add(`${method} ${path}`);
        if (!def.throttle) continue;
        routeSettings[`${method} ${path}`] = { ThrottlingRateLimit: def.throttle.rate, ThrottlingBurstLimit: def.throttle.burst };
        // A stage's route settings must name routes that exist when the stage is created or updated: the stage
        // waits for the nested stack that holds the route.
        this.stage.node.addDependency(route);
      }
    }
    if (Object.keys(routeSettings).length > 0) (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;
  }
}

/** CORS origins are a scheme and host each, or `*` (allowed, with a warning). */
function checkCorsOrigins(stack: Stack, corsOrigins: string[]): void {
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s*]+$/.test(origin)) throw new Error(`CORS origin "${origin}" must be a scheme and host (e.g. https://app.example.com), without a path.`);
  }
  if (corsOrigins.includes('*')) {
    Annotations.of(stack).addWarningV2('tally:corsAnyOrigin', 'corsOrigins includes *: any web page may call the API from a browser. Name the app’s origins instead.');
  }
}

/** The HTTP API without a default stage, with the CORS preflight of the allowed origins (none: no preflight). */
function newHttpApi(stack: Stack, corsOrigins: string[]): apigw.HttpApi {
  return new apigw.HttpApi(stack, 'HttpApi', {
    apiName: stack.stackName,
    description: 'Tally HTTP API',
    createDefaultStage: false,
    corsPreflight: corsOrigins.length === 0 ? undefined : {
      allowOrigins: corsOrigins,
      allowMethods: [
        apigw.CorsHttpMethod.GET,
        apigw.CorsHttpMethod.POST,
        apigw.CorsHttpMethod.PUT,
        apigw.CorsHttpMethod.PATCH,
        apigw.CorsHttpMethod.DELETE,
        apigw.CorsHttpMethod.OPTIONS,
      ],
      allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
      exposeHeaders: ['etag', 'location', 'x-correlation-id'],
      maxAge: Duration.hours(1),
    },
  });
}
