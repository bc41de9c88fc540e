import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { logger, metrics } from '../observability';

/**
 * Builds a handler for an EventBridge Scheduler invocation. `now` is the scheduled time when the event carries one
 * (so a retried run covers the same period), otherwise the clock.
 */
export function scheduledJob<R>(job: (now: Date, context: Context) => Promise<R>) {
  return middy<Partial<ScheduledEvent> | undefined, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event, context) => {
      const at = event?.time ? new Date(event.time) : new Date();
      const result = await job(Number.isNaN(at.getTime()) ? new Date() : at, context);
      logger.info('Scheduled job done', { result: result as unknown as Record<string, unknown> });
      return result;
    });
}
