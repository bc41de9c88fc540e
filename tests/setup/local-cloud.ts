import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../infra/local/cloud';
import type { CloudInfo } from './provided';

/**
 * Global setup of the `cloud` test project: one local cloud for the whole run, empty and in memory, on free ports,
 * with its data in a temporary folder. Tests reach it over HTTP and the AWS SDK with `inject('cloud')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tally-cloud-'));
  const cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir }).catch(async (e: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  });
  const info: CloudInfo = {
    apiUrl: cloud.apiUrl,
    consoleUrl: cloud.consoleUrl,
    env: cloud.env,
    admin: cloud.admin,
    ports: cloud.ports,
    pids: cloud.pids,
    tableName: cloud.tableName,
    userPoolId: cloud.userPoolId,
    userPoolClientId: cloud.userPoolClientId,
  };
  project.provide('cloud', info);
  return async () => {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
