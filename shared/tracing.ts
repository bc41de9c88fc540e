import type { Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { config } from './config';

/**
 * X-Ray without the X-Ray SDK. Lambda's active tracing (infra/constructs/manifest-function.ts) already records a
 * segment for every invocation, and the AWS SDK puts the invocation's `X-Amzn-Trace-Id` on every AWS call it makes
 * from Lambda, so traces continue through SQS and the services behind it. What the X-Ray SDK (about a quarter of a
 * bundle with its dependencies) added on top is one subsegment per AWS call — the DynamoDB, Cognito, SQS and SES
 * nodes of the service map and each call's time. {@link traced} sends those same subsegments to the Lambda X-Ray
 * daemon over UDP, in about 2 KB. It is inert unless the function runs in Lambda with tracing on.
 */

/** The SDK client surface {@link traced} needs: any v3 client. */
interface TraceableClient {
  middlewareStack: { add: (middleware: never, options: { step: 'finalizeRequest'; name: string; priority: 'high' }) => void };
}

interface HttpRequestLike {
  headers: Record<string, string>;
}
interface SdkContext {
  clientName?: string;
  commandName?: string;
}
interface AttemptOutcome {
  response?: { statusCode?: number; headers?: Record<string, string> };
  output?: { $metadata?: { requestId?: string } };
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  name?: string;
  message?: string;
}

const TRACE_HEADER = 'X-Amzn-Trace-Id';
let socket: Socket | undefined;

/** True when this process is a Lambda function whose invocations X-Ray records (the daemon address is set). */
function tracingOn(): boolean {
  const c = config();
  return Boolean(c.AWS_LAMBDA_FUNCTION_NAME && c.AWS_XRAY_DAEMON_ADDRESS) && c.POWERTOOLS_TRACE_ENABLED !== 'false';
}

/** `Root=…;Parent=…;Sampled=1` as a map (case as sent). */
function parseTraceHeader(value: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return fields;
}

function send(document: Record<string, unknown>): void {
  const [host, port] = (config().AWS_XRAY_DAEMON_ADDRESS ?? '').split(':');
  if (!host || !port) return;
  if (!socket) {
    // node:dgram loads here, at the first subsegment, not when the module loads: with tracing off (the default) it
    // never does, and loading it costs a quarter of a millisecond of every cold start.
    socket = process.getBuiltinModule('node:dgram').createSocket('udp4');
    socket.unref();
    // A lost subsegment never fails the request.
    socket.on('error', () => undefined);
  }
  socket.send(`{"format":"json","version":1}\n${JSON.stringify(document)}`, Number(port), host);
}

/** The subsegment of one AWS call, in the shape the X-Ray SDK's AWS SDK v3 patcher gives it. */
function subsegment(ids: { traceId: string; parentId: string; id: string }, context: SdkContext, input: unknown, started: number, outcome: AttemptOutcome): Record<string, unknown> {
  const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
  const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
  const status = outcome.response?.statusCode ?? outcome.$metadata?.httpStatusCode;
  const requestId = outcome.$metadata?.requestId ?? outcome.output?.$metadata?.requestId ?? outcome.response?.headers?.['x-amzn-requestid'];
  const tableName = (input as { TableName?: unknown } | undefined)?.TableName;
  const aws: Record<string, unknown> = { operation: command, region: config().AWS_REGION, request_id: requestId };
  if (typeof tableName === 'string') aws.table_name = tableName;
  // Batch and transaction calls name their tables per request item, as the X-Ray SDK records them: `table_names`.
  const requestItems = (input as { RequestItems?: unknown } | undefined)?.RequestItems;
  if (requestItems && typeof requestItems === 'object') aws.table_names = Object.keys(requestItems);
  const document: Record<string, unknown> = {
    name: service,
    id: ids.id,
    trace_id: ids.traceId,
    parent_id: ids.parentId,
    type: 'subsegment',
    namespace: 'aws',
    start_time: started,
    end_time: Date.now() / 1000,
    aws,
  };
  if (status !== undefined) document.http = { response: { status } };
  if (status === 429 || /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|TooManyRequests/.test(outcome.name ?? '')) document.throttle = true;
  if (status === undefined ? Boolean(outcome.name) : status >= 500) document.fault = true;
  else if (status !== undefined && status >= 400) document.error = true;
  if (outcome.name && outcome.message !== undefined) document.cause = { exceptions: [{ id: randomBytes(8).toString('hex'), type: outcome.name, message: outcome.message, remote: status !== undefined }] };
  return document;
}

/**
 * Records every call the client makes as an X-Ray subsegment of the current invocation, and names that subsegment
 * as the parent in the trace header the call carries. Without Lambda tracing (the local cloud, tests, an unsampled
 * invocation) the added step only passes the call on.
 *
 * @param client - an AWS SDK v3 client, before its first call
 * @returns the same client
 */
export function traced<C extends TraceableClient>(client: C): C {
  if (!tracingOn()) return client;
  const middleware =
    (next: (args: { request: HttpRequestLike; input: unknown }) => Promise<AttemptOutcome>, context: SdkContext) =>
    async (args: { request: HttpRequestLike; input: unknown }): Promise<AttemptOutcome> => {
      const header = args.request?.headers?.[TRACE_HEADER];
      const fields = header ? parseTraceHeader(header) : undefined;
      const traceId = fields?.get('Root');
      const parentId = fields?.get('Parent');
      if (!fields || !traceId || !parentId || fields.get('Sampled') !== '1') return next(args);
      const id = randomBytes(8).toString('hex');
      fields.set('Parent', id);
      args.request.headers[TRACE_HEADER] = [...fields].map(([k, v]) => `${k}=${v}`).join(';');
      const started = Date.now() / 1000;
      try {
        const result = await next(args);
        send(subsegment({ traceId, parentId, id }, context, args.input, started, result));
        return result;
      } catch (error) {
        send(subsegment({ traceId, parentId, id }, context, args.input, started, (error ?? {}) as AttemptOutcome));
        throw error;
      }
    };
  client.middlewareStack.add(middleware as never, { step: 'finalizeRequest', name: 'tallyXRaySubsegment', priority: 'high' });
  return client;
}
