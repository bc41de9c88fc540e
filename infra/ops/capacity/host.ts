/**
 * The capacity run's local cloud, in its own process (started by infra/ops/capacity.ts over IPC): every Lambda
 * handler is loaded through invocation-hooks.mjs (timed and labelled), every DynamoDB call reports its consumed
 * capacity (REPORT_CONSUMED_CAPACITY), and both are summed here. Answers `snapshot` with the running totals; stops
 * on `stop`, on SIGTERM/SIGINT or when the parent goes. Handler logs stay on stdout, where the parent counts bytes.
 */
import { subscribe } from 'node:diagnostics_channel';
import { register } from 'node:module';
import type { ClientRequest } from 'node:http';
import { stopWithParent } from '../../local/cloud-process';
import { addCapacity, addInvocation, addSqsRequest, emptyMeasurements } from './collector';
import { currentInvocation, INVOCATION_CHANNEL, type InvocationRecord } from './invocation-probe';

register('./invocation-hooks.mjs', import.meta.url);
process.env.REPORT_CONSUMED_CAPACITY = 'true';

const dataDir = process.argv[2];
const measurements = emptyMeasurements();
let lastActivity = Date.now();
let stopCloud: (() => Promise<void>) | undefined;
const stop = stopWithParent(() => stopCloud?.());

/**
 * Fires a scheduled function as EventBridge Scheduler does at `at` (its event's `time`): the report schedules send
 * what is due at that instant (07:00 in each user's zone), which the console's "run now" cannot choose.
 */
async function fire(name: string, at: string): Promise<void> {
  const [{ scheduleFunctions }, { scheduledEvent }, { lambdaContext, loadHandler }] = await Promise.all([import('../../../functions/manifest'), import('../../local/scheduler'), import('../../local/lambda')]);
  const def = scheduleFunctions.find((f) => f.name === name);
  if (!def) throw new Error(`No scheduled function ${name}`);
  const handler = await loadHandler(def.entry);
  const timeoutMs = (def.timeoutSeconds ?? 30) * 1000;
  await handler(scheduledEvent(name, new Date(at)), lambdaContext({ name, memoryMb: def.memoryMb ?? 256 }, Date.now() + timeoutMs), () => undefined);
}

process.on('message', (m: { type?: string; name?: string; at?: string }) => {
  if (m?.type === 'snapshot') {
    const cpu = process.cpuUsage();
    process.send?.({ type: 'snapshot', measurements: { ...measurements, cpuMs: (cpu.user + cpu.system) / 1000 }, idleMs: Date.now() - lastActivity });
  }
  if (m?.type === 'fire' && m.name && m.at) {
    fire(m.name, m.at).then(
      () => process.send?.({ type: 'fired', name: m.name }),
      (e: unknown) => process.send?.({ type: 'fired', name: m.name, error: (e as Error).message }),
    );
  }
});

async function main(): Promise<void> {
  if (!dataDir || !process.send) throw new Error('the capacity host needs a data folder argument and an IPC channel');
  const { CONSUMED_CAPACITY_CHANNEL } = await import('../../../shared/adapters/dynamo');
  subscribe(INVOCATION_CHANNEL, (message) => {
    lastActivity = Date.now();
    addInvocation(measurements, message as InvocationRecord);
  });
  subscribe(CONSUMED_CAPACITY_CHANNEL, (message) => {
    lastActivity = Date.now();
    const call = message as Parameters<typeof addCapacity>[1];
    const scope = currentInvocation();
    addCapacity(measurements, { ...call, ...(scope ? { functionName: scope.functionName, label: scope.label } : { label: '(outside an invocation)' }) });
  });
  // SQS requests a function makes (its sends), seen on Node's HTTP client channel inside the invocation's scope.
  subscribe('http.client.request.start', (message) => {
    const request = (message as { request: ClientRequest }).request;
    const target = String(request.getHeader('x-amz-target') ?? '');
    const scope = currentInvocation();
    if (!scope || !target.startsWith('AmazonSQS.')) return;
    addSqsRequest(measurements, { ...scope, bodyBytes: Number(request.getHeader('content-length') ?? 0) });
  });
  const { startLocalCloud } = await import('../../local/cloud');
  // INFO, as the CDK app configures the functions, so the log bytes counted are those CloudWatch would ingest.
  const cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir, dynamoDbJit: 'throughput', handlerLogLevel: 'INFO' });
  stopCloud = () => cloud.stop();
  await cloud.fxReady;
  process.send({ type: 'ready', info: { apiUrl: cloud.apiUrl, consoleUrl: cloud.consoleUrl, endpoints: cloud.endpoints, tableName: cloud.tableName, admin: cloud.admin } });
}

main().catch((e: unknown) => {
  process.send?.({ type: 'error', message: (e as Error).stack ?? String(e) });
  void stop(1);
});
