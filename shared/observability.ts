import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { config } from './config';

/**
 * One logger and one metrics object per function process. Their settings come from the standard Powertools
 * environment variables (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL, …), which CDK
 * sets per function and the local cloud sets for the whole process. Tracing is Lambda's own active tracing plus
 * ./tracing.ts for the AWS calls, not the Powertools tracer: its X-Ray SDK was a quarter of every bundle.
 */
// The names come through config.ts; the other Powertools settings (POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_DISABLED)
// are read by the Powertools classes themselves, inside the library.
export const logger = new Logger({ serviceName: config().POWERTOOLS_SERVICE_NAME });
export const metrics = new Metrics({ namespace: config().POWERTOOLS_METRICS_NAMESPACE });
