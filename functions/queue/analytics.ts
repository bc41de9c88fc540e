import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../../shared/observability';
import { applyLedgerEvents } from '../../shared/use-cases/analytics-apply';

/** `analytics` queue: ledger events → monthly rollups, each event counted exactly once. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => applyLedgerEvents(event.Records));
