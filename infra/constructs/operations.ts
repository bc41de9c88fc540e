import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDef, HttpFunction } from '../../functions/manifest';
import { ALERT_LATENCY_METRIC, PIPELINE_LAG_METRIC } from '../../shared/async/lag';
import { httpDomain } from '../stacks/http-routes-stack';
import type { ManifestFunction } from './manifest-function';
import { pascalCase } from './names';

/** Namespace of the functions' own (Powertools) metrics; functions/environment.ts sets it. */
export const METRICS_NAMESPACE = 'Tally';

/** README section every alarm description points to (`Runbooks` → one subsection per alarm kind). */
export const RUNBOOK = {
  dlq: 'README.md#runbook-dead-letter-queue-not-empty',
  apiErrors: 'README.md#runbook-api-5xx-rate',
  functionErrors: 'README.md#runbook-function-errors',
  throttles: 'README.md#runbook-lambda-throttles',
  iteratorAge: 'README.md#runbook-stream-iterator-age',
  pipelineLag: 'README.md#runbook-pipeline-lag',
  alertLatency: 'README.md#runbook-alert-latency',
  bounceRate: 'README.md#runbook-ses-bounce-rate',
} as const;

export interface OperationsThresholds {
  /** Percent of API requests answered 5xx over 5 minutes (with at least `minRequests` requests). @default 1 */
  readonly api5xxPercent?: number;
  /** Requests under which the 5xx rate does not alarm (one 500 among three requests is not an outage). @default 20 */
  readonly minRequests?: number;
  /** Oldest record the outbox relay has not read (ms). @default 60000 */
  readonly iteratorAgeMs?: number;
  /** p99 of ledger change → rollups written (ms). @default 60000 */
  readonly pipelineLagMs?: number;
  /** p99 of ledger change → alerts stored (ms). @default 120000 */
  readonly alertLatencyMs?: number;
  /** SES account bounce rate (fraction); SES reviews an account at 5 % and may pause it at 10 %. @default 0.03 */
  readonly bounceRate?: number;
}

export interface OperationsProps {
  /** The HTTP API and its stage (API Gateway metrics are per API and stage). */
  readonly api: apigw.IHttpApi;
  readonly stage: apigw.IHttpStage;
  /** The API's access logs, which the per-route-group widgets query. */
  readonly accessLogGroup: logs.ILogGroup;
  /** Every deployed manifest function, by manifest name (HTTP and async). */
  readonly functions: Record<string, ManifestFunction>;
  /** Manifest queues by name. */
  readonly queues: Record<string, sqs.IQueue>;
  /** Their DLQs, by the manifest queue's name. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** Other dead-letter destinations (stream and schedule failures), by a label. */
  readonly failureQueues: Record<string, sqs.IQueue>;
  /** Email addresses subscribed to the alarm topic (each must confirm the subscription). @default - none */
  readonly alarmEmails?: readonly string[];
  readonly thresholds?: OperationsThresholds;
}

const FIVE_MINUTES = Duration.minutes(5);
const ONE_MINUTE = Duration.minutes(1);

/** The first path segment of a route (`/budgets/{id}` → `budgets`); `$default` for the catch-all. */
export function routeGroup(path: string): string {
  return /^\/([^/{}]+)/.exec(path)?.[1] ?? '$default';
}

/** The dashboard's group of a function: its HTTP domain, or its kind for the functions not behind the API. */
export function functionGroup(def: FunctionDef): string {
  switch (def.kind) {
    case 'http':
      return `http: ${httpDomain(def)}`;
    case 'queue':
      return 'queue consumers';
    case 'stream':
      return 'table stream';
    case 'schedule':
      return 'schedules';
  }
}

/**
 * What an operator watches, built from the manifest's functions and queues (so a new function or queue is covered
 * without an edit here): one dashboard, an alarm per dead-letter queue, per function (errors) and on throttles, the
 * API's 5xx rate, the outbox relay's iterator age, the pipeline lag and alert latency, and the SES bounce rate, all
 * to one SNS topic whose email subscribers come from configuration. Each alarm's description names its runbook
 * section in the README.
 */
export class Operations extends Construct {
  public readonly topic: sns.Topic;
  public readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm, by construct id. */
  public readonly alarms: Record<string, cloudwatch.Alarm> = {};

  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const t = props.thresholds ?? {};

    // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS managed SNS key, and alarm messages
    // carry alarm names and states only (no user data).
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Tally alarms', enforceSSL: true });
    for (const email of props.alarmEmails ?? []) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`alarmEmails: "${email}" is not an email address.`);
      this.topic.addSubscription(new EmailSubscription(email));
    }
    this.action = new SnsAction(this.topic);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const functions = Object.values(props.functions);

    this.addHeader();
    this.addApi(props, t);
    this.addFunctions(functions);
    this.addQueues(props);
    this.addStream(functions, t);
    this.addPipeline(functions, t);
    this.addEmail(t);
  }

  private addHeader(): void {
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: '# Tally operations\nEvery alarm below goes to the alarm topic; its description names the README runbook section to follow.',
        width: 24,
        height: 2,
      }),
    );
  }

  private alarm(id: string, metric: cloudwatch.Metric | cloudwatch.MathExpression, props: Omit<cloudwatch.CreateAlarmOptions, 'evaluationPeriods'> & { evaluationPeriods?: number }): cloudwatch.Alarm {
    const alarm = metric.createAlarm(this, id, {
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms[id] = alarm;
    return alarm;
  }

  /** API-wide requests, 4xx, 5xx and latency (stage metrics), then per route group from the access logs. */
  private addApi(props: OperationsProps, t: OperationsThresholds): void {
    const dims = { ApiId: props.api.apiId, Stage: props.stage.stageName };
    const api = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: dims, statistic, period: FIVE_MINUTES, label });
    const requests = api('Count', 'Sum', 'requests');
    const clientErrors = api('4xx', 'Sum', '4xx');
    const serverErrors = api('5xx', 'Sum', '5xx');
    const rate = new cloudwatch.MathExpression({
      expression: `IF(requests >= ${t.minRequests ?? 20}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
      label: '5xx %',
    });
    this.alarm('Api5xxRate', rate, {
      alarmDescription: `More than ${t.api5xxPercent ?? 1} % of API requests answered 5xx in 5 minutes. Runbook: ${RUNBOOK.apiErrors}`,
      threshold: t.api5xxPercent ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });

    // Route groups: the first path segment of every manifest route, queried from the access logs (routeKey is
    // "<METHOD> <path>"), which costs nothing until viewed, unlike per-route detailed metrics (7 custom metrics a route).
    const groups = new Set<string>();
    for (const fn of Object.values(props.functions)) {
      const def = fn.definition;
      if (def.kind !== 'http') continue;
      for (const r of (def as HttpFunction).routes) groups.add(routeGroup(r.path));
    }
    const group = `parse routeKey /^\\S+ \\/(?<group>[^\\/\\s]*)/ | fields coalesce(group, '$default') as routeGroup`;
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API: requests, 4xx, 5xx',
        left: [requests, clientErrors, serverErrors],
        right: [rate],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API: latency',
        left: [api('Latency', 'p50', 'p50'), api('Latency', 'p99', 'p99'), api('IntegrationLatency', 'p99', 'integration p99')],
        leftYAxis: { label: 'ms', showUnits: false },
        width: 8,
      }),
      new cloudwatch.LogQueryWidget({
        title: `API by route group (${[...groups].sort().join(', ')}): requests, p99 latency (ms)`,
        logGroupNames: [props.accessLogGroup.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        queryLines: [
          group,
          'stats count(*) as requests, pct(responseLatency, 99) as p99ms by routeGroup',
          'sort requests desc',
        ],
        width: 8,
      }),
      new cloudwatch.LogQueryWidget({
        title: 'API: requests by route group and status class',
        logGroupNames: [props.accessLogGroup.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.STACKEDAREA,
        queryLines: [group, `fields concat(routeGroup, ' ', substr(status, 0, 1), 'xx') as series`, 'stats count(*) by series, bin(5m)'],
        width: 12,
      }),
      new cloudwatch.LogQueryWidget({
        title: 'API: p99 latency by route group (ms)',
        logGroupNames: [props.accessLogGroup.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.LINE,
        queryLines: [group, 'stats pct(responseLatency, 99) by routeGroup, bin(5m)'],
        width: 12,
      }),
    );
  }

  /** Per group of functions: errors, throttles, p99 duration and concurrency, one line per function; an errors alarm each. */
  private addFunctions(functions: readonly ManifestFunction[]): void {
    const groups = new Map<string, ManifestFunction[]>();
    for (const fn of functions) {
      const g = functionGroup(fn.definition);
      groups.set(g, [...(groups.get(g) ?? []), fn]);
    }
    for (const fn of functions) {
      const name = fn.definition.name;
      const id = pascalCase(name);
      this.alarm(`${id}Errors`, fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), {
        alarmDescription: `Function ${name} failed (an unhandled error or a timeout) in the last 5 minutes. Runbook: ${RUNBOOK.functionErrors}`,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    // Throttles: one alarm on the region's account-wide metric (an alarm costs $0.10 a month per metric, so one per
    // function would double the alarm bill); the per-function throttles widgets below say which function it was.
    this.alarm('LambdaThrottles', new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: FIVE_MINUTES }), {
      alarmDescription: `A Lambda function in this account and region was throttled (its reserved or the account's concurrency is spent); the dashboard's throttles widgets name it. Runbook: ${RUNBOOK.throttles}`,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const lines = (make: (fn: ManifestFunction) => cloudwatch.IMetric) => members.map(make);
      const named = (fn: ManifestFunction, metric: cloudwatch.Metric) => metric.with({ label: fn.definition.name });
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${group}: errors`,
          left: lines((fn) => named(fn, fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }))),
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: `${group}: throttles`,
          left: lines((fn) => named(fn, fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }))),
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: `${group}: duration p99 (ms)`,
          left: lines((fn) => named(fn, fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }))),
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: `${group}: concurrent executions`,
          left: lines((fn) => named(fn, fn.function.metric('ConcurrentExecutions', { period: ONE_MINUTE, statistic: 'Maximum' }))),
          width: 6,
        }),
      );
    }
  }

  /** Per queue: depth and oldest message age; every DLQ's depth on one widget, and an alarm each. */
  private addQueues(props: OperationsProps): void {
    const queueWidgets = Object.entries(props.queues).map(
      ([name, queue]) =>
        new cloudwatch.GraphWidget({
          title: `queue ${name}: depth and oldest message age`,
          left: [queue.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum', label: 'visible' })],
          right: [queue.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE, statistic: 'Maximum', label: 'oldest (s)' })],
          width: 6,
        }),
    );
    this.dashboard.addWidgets(...queueWidgets);

    const dlqs: [string, sqs.IQueue][] = [
      ...Object.entries(props.deadLetterQueues).map(([name, q]): [string, sqs.IQueue] => [`${name}-dlq`, q]),
      ...Object.entries(props.failureQueues),
    ];
    const depth = (label: string, q: sqs.IQueue) => q.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum', label });
    for (const [label, q] of dlqs) {
      this.alarm(`${pascalCase(label)}Depth`, depth(label, q), {
        alarmDescription: `Dead-letter queue ${label} holds messages: events that failed every delivery and were not applied. Runbook: ${RUNBOOK.dlq}`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'dead-letter queues: depth', left: dlqs.map(([label, q]) => depth(label, q)), width: 24 }));
  }

  /** Iterator age of every table-stream reader (the outbox relay): how far behind the table it reads. */
  private addStream(functions: readonly ManifestFunction[], t: OperationsThresholds): void {
    const readers = functions.filter((fn) => fn.definition.kind === 'stream');
    const age = (fn: ManifestFunction) => fn.function.metric('IteratorAge', { period: ONE_MINUTE, statistic: 'Maximum', label: fn.definition.name });
    for (const fn of readers) {
      this.alarm(`${pascalCase(fn.definition.name)}IteratorAge`, age(fn), {
        alarmDescription: `${fn.definition.name} reads the table stream more than ${(t.iteratorAgeMs ?? 60_000) / 1000} s behind for 5 minutes: events reach the queues late, or records are about to expire (24 h). Runbook: ${RUNBOOK.iteratorAge}`,
        threshold: t.iteratorAgeMs ?? 60_000,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
      });
    }
    if (readers.length > 0) {
      this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'table stream: iterator age (ms)', left: readers.map(age), width: 8 }));
    }
  }

  /** The custom metrics the consumers emit (shared/async/lag.ts): pipeline lag and alert latency. */
  private addPipeline(functions: readonly ManifestFunction[], t: OperationsThresholds): void {
    const consumerOf = (queue: string) => functions.find((fn) => fn.definition.kind === 'queue' && fn.definition.queue === queue)?.definition.name;
    const custom = (metricName: string, service: string, statistic: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, statistic, period: FIVE_MINUTES, label: `${metricName} ${statistic}` });
    const widgets: cloudwatch.IWidget[] = [];
    const analytics = consumerOf('analytics');
    if (analytics) {
      this.alarm('PipelineLag', custom(PIPELINE_LAG_METRIC, analytics, 'p99'), {
        alarmDescription: `p99 of ledger change → rollups written above ${(t.pipelineLagMs ?? 60_000) / 1000} s for 15 minutes: summaries and budgets show stale figures. Runbook: ${RUNBOOK.pipelineLag}`,
        threshold: t.pipelineLagMs ?? 60_000,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
      });
      widgets.push(
        new cloudwatch.GraphWidget({
          title: 'pipeline lag: ledger change → rollups (ms)',
          left: [custom(PIPELINE_LAG_METRIC, analytics, 'p50'), custom(PIPELINE_LAG_METRIC, analytics, 'p99')],
          width: 8,
        }),
      );
    }
    const alerts = consumerOf('alerts');
    if (alerts) {
      this.alarm('AlertLatency', custom(ALERT_LATENCY_METRIC, alerts, 'p99'), {
        alarmDescription: `p99 of ledger change → alerts stored above ${(t.alertLatencyMs ?? 120_000) / 1000} s for 15 minutes: users learn of overspends late. Runbook: ${RUNBOOK.alertLatency}`,
        threshold: t.alertLatencyMs ?? 120_000,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
      });
      widgets.push(
        new cloudwatch.GraphWidget({
          title: 'alert latency: ledger change → alerts (ms)',
          left: [custom(ALERT_LATENCY_METRIC, alerts, 'p50'), custom(ALERT_LATENCY_METRIC, alerts, 'p99')],
          width: 8,
        }),
      );
    }
    if (widgets.length > 0) this.dashboard.addWidgets(...widgets);
  }

  /** SES account metrics: sent, delivered, bounced, complaints, and the reputation bounce rate SES acts on. */
  private addEmail(t: OperationsThresholds): void {
    const ses = (metricName: string, statistic: string, label: string, period = FIVE_MINUTES) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic, period, label });
    const bounceRate = ses('Reputation.BounceRate', 'Maximum', 'bounce rate', Duration.hours(1));
    this.alarm('SesBounceRate', bounceRate, {
      alarmDescription: `The SES account's bounce rate is above ${(t.bounceRate ?? 0.03) * 100} % (SES reviews an account at 5 % and may pause sending at 10 %). Runbook: ${RUNBOOK.bounceRate}`,
      threshold: t.bounceRate ?? 0.03,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'email: sent and bounced',
        left: [ses('Send', 'Sum', 'sent'), ses('Delivery', 'Sum', 'delivered'), ses('Bounce', 'Sum', 'bounced'), ses('Complaint', 'Sum', 'complaints')],
        right: [bounceRate],
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({
        title: 'alarms',
        alarms: Object.values(this.alarms),
        width: 12,
        height: Math.min(20, 2 + Math.ceil(Object.keys(this.alarms).length / 4)),
      }),
    );
  }
}
