import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics object per function process. Their settings come from the standard Powertools
 * environment variables (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL, …), which CDK
 * sets per function and the local cloud sets for the whole process. Tracing is Lambda's own active tracing plus
 * ./tracing.ts for the AWS calls, not the Powertools tracer: its X-Ray SDK was a quarter of every bundle.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tally' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Tally' });
