import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions as manifestFunctions, httpFunctions, queues as manifestQueues, type HttpFunction } from '../../functions/manifest';
import { functionGroup, routeGroup, RUNBOOK } from '../../infra/constructs/operations';
import { buildTestApp, resourcesOf, type Resource, type TestApp } from './app';

interface Dashboard {
  widgets: { type: string; properties: { title?: string; metrics?: unknown[][]; query?: string; alarms?: unknown[] } }[];
}

/** The dashboard body as JSON: tokens (cross-stack imports) written as placeholders. */
function dashboardOf(template: Template): Dashboard {
  const [dashboard] = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
  const body = dashboard?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text) as Dashboard;
}

/** The metric names on the dashboard's graphs, with the widget title each sits in. */
function metricsOf(dashboard: Dashboard): { title: string; namespace: string; metric: string; label?: string }[] {
  return dashboard.widgets.flatMap((w) =>
    (w.properties.metrics ?? []).flatMap((m) => {
      const [namespace, metric] = m as [string, string];
      if (typeof namespace !== 'string' || typeof metric !== 'string' || namespace.startsWith('.')) return [];
      const options = m.find((x) => typeof x === 'object' && x !== null) as { label?: string } | undefined;
      return [{ title: w.properties.title ?? '', namespace, metric, label: options?.label }];
    }),
  );
}

/** The alarms, each with its metric's name and namespace whether given directly or as a labelled metric query. */
function alarmsOf(template: Template): Resource[] {
  return Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((alarm) => {
    const queries = alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[] | undefined;
    const stat = queries?.length === 1 ? queries[0]?.MetricStat?.Metric : undefined;
    return stat ? { ...alarm, Properties: { ...alarm.Properties, MetricName: stat.MetricName, Namespace: stat.Namespace } } : alarm;
  });
}

describe('operations stack', () => {
  let testApp: TestApp;
  let template: Template;
  let dashboard: Dashboard;

  beforeAll(() => {
    // Prepare / Act
    testApp = buildTestApp();
    template = Template.fromStack(testApp.tally.operations);
    dashboard = dashboardOf(template);
  });

  it('groups routes by their first path segment and functions by domain or kind', () => {
    expect(routeGroup('/budgets/{id}')).toBe('budgets');
    expect(routeGroup('/me')).toBe('me');
    expect(routeGroup('$default')).toBe('$default');
    const groups = new Set(manifestFunctions.map(functionGroup));
    expect(groups.has('queue consumers')).toBe(true);
    expect(groups.size).toBeGreaterThan(3);
  });

  it('alarms on every manifest queue’s DLQ and both failure queues at more than 0 messages, to the topic', () => {
    const dlqAlarms = alarmsOf(template).filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(manifestQueues.length + 2);
    for (const def of manifestQueues) {
      const alarm = dlqAlarms.find((a) => String(a.Properties.AlarmDescription).includes(`${def.name}-dlq `));
      expect(alarm, `${def.name}-dlq`).toBeDefined();
      expect(alarm?.Properties.Threshold).toBe(0);
      expect(alarm?.Properties.ComparisonOperator).toBe('GreaterThanThreshold');
      expect(String(alarm?.Properties.AlarmDescription)).toMatch(/Runbook: README\.md#runbook-dead-letter-queue-not-empty/);
    }
  });

  it('gives every function an errors alarm, and puts it on the dashboard (errors, throttles, p99 duration, concurrency)', () => {
    const alarms = alarmsOf(template);
    const metrics = metricsOf(dashboard);
    for (const def of manifestFunctions) {
      expect(
        alarms.filter((a) => a.Properties.MetricName === 'Errors' && String(a.Properties.AlarmDescription).includes(`Function ${def.name} `)),
        `errors alarm of ${def.name}`,
      ).toHaveLength(1);
      for (const metric of ['Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
        const on = metrics.filter((m) => m.namespace === 'AWS/Lambda' && m.metric === metric && m.label === def.name);
        expect(on.map((m) => m.title), `${metric} of ${def.name}`).toEqual([expect.stringContaining(functionGroup(def))]);
      }
    }
  });

  it('has a widget for API requests, 4xx, 5xx, latency, per route group, queue depth and age, DLQ depth, iterator age, pipeline lag, alert latency, emails', () => {
    const metrics = metricsOf(dashboard);
    const has = (namespace: string, metric: string) => metrics.some((m) => m.namespace === namespace && m.metric === metric);
    for (const metric of ['Count', '4xx', '5xx', 'Latency']) expect(has('AWS/ApiGateway', metric), metric).toBe(true);
    for (const metric of ['Send', 'Bounce', 'Reputation.BounceRate']) expect(has('AWS/SES', metric), metric).toBe(true);
    for (const metric of ['PipelineLag', 'AlertLatency']) expect(has('Tally', metric), metric).toBe(true);
    expect(has('AWS/Lambda', 'IteratorAge')).toBe(true);
    for (const def of manifestQueues) {
      const titled = metrics.filter((m) => m.title === `queue ${def.name}: depth and oldest message age`).map((m) => m.metric);
      expect(titled.sort(), def.name).toEqual(['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible']);
    }
    const dlqs = metrics.filter((m) => m.title === 'dead-letter queues: depth').map((m) => m.label);
    expect(dlqs.sort()).toEqual([...manifestQueues.map((q) => `${q.name}-dlq`), 'schedule-failures', 'stream-failures'].sort());
    // Per route group: every group of the manifest's routes is named on the access-log widget.
    const groupWidget = dashboard.widgets.find((w) => w.properties.title?.startsWith('API by route group'));
    expect(groupWidget?.properties.query).toMatch(/stats count\(\*\).*by routeGroup/);
    for (const group of new Set(httpFunctions.flatMap((f: HttpFunction) => f.routes.map((r) => routeGroup(r.path))))) {
      expect(groupWidget?.properties.title, group).toContain(group);
    }
  });

  it('alarms on the API 5xx rate, Lambda throttles, the stream iterator age, pipeline lag, alert latency and the SES bounce rate, each naming its runbook', () => {
    const byDescription = (pattern: RegExp) => alarmsOf(template).filter((a) => pattern.test(String(a.Properties.AlarmDescription)));
    expect(byDescription(/5xx.*Runbook: README\.md#runbook-api-5xx-rate/)).toHaveLength(1);
    const throttles = byDescription(/Runbook: README\.md#runbook-lambda-throttles/);
    expect(throttles.map((a) => [a.Properties.Namespace, a.Properties.MetricName, a.Properties.Dimensions ?? []])).toEqual([['AWS/Lambda', 'Throttles', []]]);
    expect(byDescription(/Runbook: README\.md#runbook-stream-iterator-age/).map((a) => a.Properties.MetricName)).toEqual(['IteratorAge']);
    expect(byDescription(/Runbook: README\.md#runbook-pipeline-lag/).map((a) => [a.Properties.Namespace, a.Properties.MetricName])).toEqual([['Tally', 'PipelineLag']]);
    expect(byDescription(/Runbook: README\.md#runbook-alert-latency/).map((a) => a.Properties.MetricName)).toEqual(['AlertLatency']);
    expect(byDescription(/Runbook: README\.md#runbook-ses-bounce-rate/).map((a) => a.Properties.MetricName)).toEqual(['Reputation.BounceRate']);
    for (const alarm of alarmsOf(template)) expect(String(alarm.Properties.AlarmDescription)).toMatch(/Runbook: README\.md#runbook-/);
  });

  it('sends every alarm (and its recovery) to the one alarm topic, which has no subscription by default and enforces TLS', () => {
    const [topicId] = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'));
    expect(Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))).toHaveLength(1);
    for (const alarm of alarmsOf(template)) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const [policy] = Object.values(resourcesOf(template, 'AWS::SNS::TopicPolicy'));
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('subscribes one email per configured address, and refuses one that is not an address', () => {
    const emails = ['ops@tally.example', 'oncall@tally.example'];
    const configured = Template.fromStack(buildTestApp({ alarmEmails: emails }).tally.operations);
    const subscriptions = Object.values(resourcesOf(configured, 'AWS::SNS::Subscription'));
    expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint]).sort()).toEqual(emails.map((e) => ['email', e]).sort());
    expect(() => buildTestApp({ alarmEmails: ['not-an-address'] })).toThrow(/alarmEmails: "not-an-address"/);
  });

  it('points every alarm at a runbook section the README has (GitHub heading anchors)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const anchors = new Set(
      [...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => `README.md#${(m[1] ?? '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')}`),
    );
    for (const [kind, anchor] of Object.entries(RUNBOOK)) expect(anchors.has(anchor), `${kind}: ${anchor}`).toBe(true);
  });
});
