/**
 * Runs one local cloud in its own process for the benchmark, so the load generator never shares an event loop
 * with the gateway and the functions. Started by tests/bench/lib/cloud.ts over an IPC channel: it answers
 * `ready` with the cloud's addresses, and stops the cloud on `stop`, on SIGTERM/SIGINT, or when the parent goes.
 */
import { startLocalCloud, type LocalCloud } from '../../infra/local/cloud';
import { stopWithParent } from '../../infra/local/cloud-process';

const dataDir = process.argv[2];
let cloud: LocalCloud | undefined;
const stop = stopWithParent(() => cloud?.stop());

async function main(): Promise<void> {
  if (!dataDir || !process.send) throw new Error('cloud-host needs a data folder argument and an IPC channel');
  cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir, dynamoDbJit: 'throughput' });
  // Measurements start on a settled cloud: the ECB history load would otherwise compete with them for DynamoDB.
  await cloud.fxReady;
  const fxReadyMs = Date.now() - cloud.timings.startedAt;
  process.send({
    type: 'ready',
    info: {
      apiUrl: cloud.apiUrl,
      consoleUrl: cloud.consoleUrl,
      env: cloud.env,
      admin: cloud.admin,
      endpoints: cloud.endpoints,
      tableName: cloud.tableName,
      pids: cloud.pids,
      timings: { ...cloud.timings, fxReadyMs },
    },
  });
}

main().catch((e: unknown) => {
  process.send?.({ type: 'error', message: (e as Error).stack ?? String(e) });
  void stop(1);
});
