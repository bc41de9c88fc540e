import { Metrics } from '@aws-lambda-powertools/metrics';
import { config } from './config';
import { withConsoleOnFirstWrite } from './observability';

/**
 * The metrics object of the queue, stream and schedule functions (shared/async): records processed and failed,
 * poison messages, pipeline lag and alert latency, which the operations dashboard and alarms read
 * (infra/constructs/operations.ts). HTTP functions publish none of their own: requests, 4xx, 5xx and latency come
 * from API Gateway's metrics (per stage) and access log (per route), errors and duration from Lambda's per function,
 * and cold starts from the `cold_start` field of every log line; their bundles carry no Powertools Metrics.
 */
function leanMetrics(): Metrics {
  class LeanMetrics extends Metrics {}
  withConsoleOnFirstWrite(LeanMetrics);
  return new LeanMetrics({ namespace: config().POWERTOOLS_METRICS_NAMESPACE });
}

// Pure: a bundle that imports this module only through code it never calls (an HTTP function reading through a use
// case whose consumer half publishes metrics) leaves Powertools Metrics out.
export const metrics: Metrics = /* @__PURE__ */ leanMetrics();
