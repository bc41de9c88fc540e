import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Credentials } from './admin';
import { newUserPoolId, startCognito } from './cognito';
import type { ConsoleServer } from './console';
import { startDynamoDb, type DynamoDb, type DynamoDbJit } from './dynamodb';
import type { Gateway } from './gateway';
import type { LambdaFunction } from './lambda';
import { baseEnvironment, functionEnvironment, handlerEnvironment } from './env';
import { createLog, parseLevel, type Log, type LogLevel } from './log';
import { DEFAULT_DATA_DIR } from './paths';
import type { Poller } from './pollers';
import type { Scheduler } from './scheduler';
import type { QueueInfo } from './sqs';
import { readJson, writeJson, type LocalState } from './state';
import { startWebServer } from './web';

/**
 * Everything that needs the AWS SDK, fauxqs or the manifest, each imported on its own (never at the top of this
 * file: a module that reaches shared/observability.ts must load after the handler environment is set): loading starts only after
 * the emulator processes were spawned (the JVM and cognito-local boot meanwhile), and each part of the startup waits
 * only for the modules it uses.
 */
function loadModules() {
  const parts = {
    manifest: import('../../functions/manifest'),
    config: import('../../shared/config'),
    admin: import('./admin'),
    pool: import('./cognito-pool'),
    console: import('./console'),
    table: import('./dynamodb-table'),
    email: import('./email'),
    cognitoEmail: import('./cognito-email'),
    gateway: import('./gateway'),
    lambda: import('./lambda'),
    pollers: import('./pollers'),
    routes: import('./routes'),
    scheduler: import('./scheduler'),
    sqs: import('./sqs'),
    stream: import('./stream-poller'),
  };
  const all = (async () => {
    const entries = await Promise.all(Object.entries(parts).map(async ([k, p]) => [k, await p] as const));
    return Object.fromEntries(entries) as { [K in keyof typeof parts]: Awaited<(typeof parts)[K]> };
  })();
  return { ...parts, all };
}

export const TABLE_NAME = 'tally-local';

export interface LocalCloudOptions {
  /** API port; 0 picks any free port (and then every other port is picked freely too). Default 3000. */
  port?: number;
  /** Console port; default API port + 1. DynamoDB, SQS, Cognito and the web app default to API port + 2, + 3, + 4, + 5. */
  ports?: Partial<{ console: number; dynamodb: number; sqs: number; cognito: number; web: number }>;
  /** Where data is kept between runs; default `<repo>/.local`. */
  dataDir?: string;
  /** Start empty: forget the table, users, outbox and checkpoints of earlier runs. */
  fresh?: boolean;
  /** Keep the table in memory only (tests). */
  inMemory?: boolean;
  /** DynamoDB Local's JIT: quicker to start (default) or faster under sustained load (see ./dynamodb.ts). */
  dynamoDbJit?: DynamoDbJit;
  /** Print errors only. */
  quiet?: boolean;
  /** Level of the local cloud's own log (debug, info, warn, error, silent); default info (warn when quiet). */
  logLevel?: string;
  /** Powertools log level of the handlers; default WARN. */
  handlerLogLevel?: string;
  /** Administrator account; default TALLY_ADMIN_EMAIL / TALLY_ADMIN_PASSWORD or a generated one. */
  admin?: Partial<Credentials>;
  /**
   * Whether sign-up confirms accounts at once (AUTO_CONFIRM), as a deployment with `-c autoConfirm=true` does.
   * Default true; false: accounts stay unconfirmed until `POST /auth/confirm` with the code from the outbox.
   */
  autoConfirm?: boolean;
}

export interface LocalCloud {
  apiUrl: string;
  consoleUrl: string;
  /** The web app (web/dist), served as CloudFront serves it; its API reference is at `${webUrl}/docs/`. */
  webUrl: string;
  docsUrl: string;
  /** The handler environment (also set on this process's `process.env`). */
  env: Record<string, string>;
  admin: Credentials;
  endpoints: { dynamodb: string; sqs: string; cognito: string; sesv2: string };
  /** Every listening port of the cloud. */
  ports: { api: number; console: number; dynamodb: number; sqs: number; cognito: number; web: number };
  /** Process ids: this process and the emulator child processes. */
  pids: { main: number; dynamodb: number; cognito: number };
  tableName: string;
  userPoolId: string;
  userPoolClientId: string;
  queues: QueueInfo[];
  dataDir: string;
  /** When the call started (epoch ms), and milliseconds from it: to a healthy API, to the admin account being ready, and to each emulator being set up. */
  timings: { startedAt: number; healthyMs: number; readyMs: number; dynamodbMs: number; sqsMs: number; cognitoMs: number };
  scheduler: Scheduler;
  /** Settles when the ECB reference-rate history is in the table (loaded in the background at first start). */
  fxReady: Promise<void>;
  /** Stops everything (pollers, servers, emulators) and waits until every child process has exited. */
  stop(): Promise<void>;
  /** Kills the emulator processes at once (a second Ctrl-C). */
  kill(): void;
  /**
   * DynamoDB Local on its own, for fault tests: `stop` ends its process (the rest of the cloud keeps running and
   * sees connection errors), `start` brings it back on the same port and data. Only a cloud that is not `inMemory`
   * keeps its data across the two.
   */
  dynamodb: { stop(): Promise<void>; start(): Promise<void> };
}

const STATE_FILE = 'state.json';
const CHECKPOINT_FILE = 'stream-checkpoints.json';
const LOCK_FILE = 'cloud.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One local cloud per data folder: two would write the same files. */
async function lock(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, LOCK_FILE);
  const other = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (other && other !== process.pid && isAlive(other)) {
    throw new Error(`Another local cloud (pid ${other}) is using ${dataDir}. Stop it, or use another data folder.`);
  }
  await writeFile(file, String(process.pid));
  return () => rm(file, { force: true });
}

/** Removes what a run keeps, and only that (never the folder itself, which may hold other files). */
async function wipe(dataDir: string): Promise<void> {
  for (const name of ['dynamodb', 'cognito', 'outbox', STATE_FILE, CHECKPOINT_FILE]) {
    await rm(join(dataDir, name), { recursive: true, force: true });
  }
}

async function waitHealthy(apiUrl: string, log: Log): Promise<boolean> {
  const r = await fetch(`${apiUrl}/health`).catch((e: unknown) => {
    log.warn(`GET /health failed: ${(e as Error).message}`);
    return undefined;
  });
  if (r?.status === 200) return true;
  if (r) log.warn(`GET /health answered ${r.status}${r.status === 500 ? ' (is functions/http/system/health.ts written yet?)' : ''}`);
  return false;
}

/**
 * Warns when the handlers' Powertools objects were created before their environment was set (something imported
 * shared/ too early): they would log at the default level and publish metrics.
 */
async function checkHandlerSettings(env: Record<string, string>, log: Log): Promise<void> {
  const { logger } = await import('../../shared/observability');
  const level = logger.getLevelName();
  if (level !== env.POWERTOOLS_LOG_LEVEL) {
    log.warn(`the handlers log at ${level}, not ${env.POWERTOOLS_LOG_LEVEL ?? ''}: shared/observability.ts was loaded before the local cloud set their environment`);
  }
}

/**
 * Starts Tally's local cloud: DynamoDB Local, SQS (fauxqs), Cognito (cognito-local), the API gateway, queue and
 * stream pollers, the scheduler, and the console with the email outbox; then makes sure an admin account exists.
 * Servers start in parallel; every one listens on 127.0.0.1 only.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const t0 = Date.now();
  const level: LogLevel = parseLevel(options.logLevel, options.quiet ? 'warn' : 'info');
  const log = createLog(level);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const apiPort = options.port ?? 3000;
  const pick = (key: 'console' | 'dynamodb' | 'sqs' | 'cognito' | 'web', offset: number) => options.ports?.[key] ?? (apiPort === 0 ? 0 : apiPort + offset);
  const inMemory = options.inMemory ?? false;

  await mkdir(dataDir, { recursive: true });
  const unlock = await lock(dataDir);
  const stops: (() => Promise<void>)[] = [];
  const kills: (() => void)[] = [() => rmSync(join(dataDir, LOCK_FILE), { force: true })];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) {
      await s().catch((e: unknown) => log.error('stopping failed', e));
    }
  };

  try {
    if (options.fresh) await wipe(dataDir);
    const statePath = join(dataDir, STATE_FILE);
    const state = await readJson<LocalState>(statePath, {});
    const poolFile = (id: string) => join(dataDir, 'cognito', '.cognito', 'db', `${id}.json`);
    const userPoolId = state.userPoolId && existsSync(poolFile(state.userPoolId)) ? state.userPoolId : newUserPoolId();
    const cursorSecret = state.cursorSecret ?? randomBytes(32).toString('hex');

    // The child processes first: they boot while the modules load.
    const dynamoOptions = { dbPath: join(dataDir, 'dynamodb'), inMemory, jit: options.dynamoDbJit ?? 'startup', log: log.child('dynamodb') } as const;
    // The running DynamoDB Local: replaced when a fault test restarts it.
    let dynamoNow: DynamoDb | undefined;
    let dynamoUp = false;
    const track = (d: DynamoDb) => {
      dynamoNow = d;
      dynamoUp = true;
      void d.service.exited.then(() => {
        if (dynamoNow === d) dynamoUp = false;
      });
    };
    const dynamoStarting = startDynamoDb({ port: pick('dynamodb', 2), ...dynamoOptions }).then((d) => {
      track(d);
      stops.push(() => (dynamoNow ?? d).stop());
      return d;
    });
    const cognitoStarting = startCognito({ dir: join(dataDir, 'cognito'), port: pick('cognito', 4), userPoolId, log: log.child('cognito') }).then((c) => {
      stops.push(c.stop);
      return c;
    });
    const modules = loadModules();
    // The handlers' fixed settings now, so the health function (the readiness probe) can be imported meanwhile.
    const baseEnv = baseEnvironment({ tableName: TABLE_NAME, userPoolId, cursorSecret, powertoolsLogLevel: (options.handlerLogLevel ?? 'WARN').toUpperCase(), autoConfirm: options.autoConfirm ?? true });
    Object.assign(process.env, baseEnv);
    void Promise.all([modules.manifest, modules.lambda])
      .then(([manifest, lambda]) => {
        const health = manifest.httpFunctions.find((f) => f.routes.some((r) => r.method === 'GET' && r.path === '/health'));
        return health ? lambda.loadHandler(health.entry) : undefined;
      })
      .catch(() => undefined);
    const since = (p: Promise<unknown>) => p.then(
      () => Date.now() - t0,
      () => -1,
    );

    const dynamoP = Promise.all([dynamoStarting, modules.table]).then(async ([d, table]) => {
      const streamArn = await table.ensureTable(table.dynamoClient(d.endpoint), TABLE_NAME, log.child('dynamodb'), inMemory);
      return { d, streamArn };
    });
    const sqsP = Promise.all([modules.sqs, modules.manifest]).then(async ([sqsModule, manifest]) => {
      const s = await sqsModule.startSqs({ port: pick('sqs', 3) });
      stops.push(s.stop);
      const client = sqsModule.sqsClient(s.endpoint);
      return { s, client, queues: await sqsModule.ensureQueues(client, manifest.queues) };
    });
    const cognitoP = Promise.all([cognitoStarting, modules.pool]).then(async ([c, pool]) => {
      const client = pool.cognitoClient(c.endpoint);
      const clientId = await pool.ensurePoolSetup(client, userPoolId, state.userPoolClientId);
      return { c, client, clientId };
    });
    // Filled in as the parts come up; the console starts first and reads them when asked.
    const late: { scheduler?: Scheduler; sqs?: Awaited<typeof sqsP>; apiUrl?: string } = {};
    const webP = startWebServer({ port: pick('web', 5), apiUrl: () => late.apiUrl, log: log.child('web') }).then((w) => {
      stops.push(w.stop);
      return w;
    });
    const consoleP = Promise.all([modules.email, modules.console, modules.sqs, modules.cognitoEmail]).then(async ([email, consoleModule, sqsModule, cognitoEmail]) => {
      const outbox = await email.Outbox.open(join(dataDir, 'outbox'));
      // Cognito's code emails (sign-up, resent code, forgotten password) arrive in the same outbox.
      void cognitoStarting.then((c) => cognitoEmail.deliverCognitoEmails(c.service, outbox, (e) => log.error('could not store a Cognito email', e)), () => undefined);
      const server: ConsoleServer = await consoleModule.startConsole({
        port: pick('console', 1),
        outbox,
        scheduler: () => late.scheduler,
        queues: async () => {
          const s = late.sqs;
          if (!s) return [];
          return sqsModule.queueDepths(s.client, s.queues.flatMap((q) => [{ name: q.name, url: q.url }, { name: q.dlq.name, url: q.dlq.url }]));
        },
        log: log.child('console'),
      });
      stops.push(server.stop);
      return server;
    });
    const [dynamodbMs, sqsMs, cognitoMs] = [since(dynamoP), since(sqsP), since(cognitoP)];
    const settled = await Promise.allSettled([dynamoP, sqsP, cognitoP, consoleP, webP, dynamoStarting, cognitoStarting, modules.all]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [ddb, sqs, cognito, consoleServer, web, m] = await Promise.all([dynamoP, sqsP, cognitoP, consoleP, webP, modules.all]);
    late.sqs = sqs;

    const adminCredentials: Credentials = {
      email: options.admin?.email ?? process.env.TALLY_ADMIN_EMAIL ?? state.admin?.email ?? 'admin@tally.local',
      password: options.admin?.password ?? process.env.TALLY_ADMIN_PASSWORD ?? state.admin?.password ?? m.admin.generatePassword(),
    };
    await writeJson(statePath, { userPoolId, userPoolClientId: cognito.clientId, cursorSecret, admin: adminCredentials } satisfies LocalState);

    const env = handlerEnvironment(baseEnv, {
      userPoolClientId: cognito.clientId,
      endpoints: { dynamodb: ddb.d.endpoint, sqs: sqs.s.endpoint, cognito: cognito.c.endpoint, sesv2: consoleServer.url },
      queues: sqs.queues,
      webUrl: web.url,
    });
    Object.assign(process.env, env);
    m.config.resetConfig();

    const functions = new Map<string, LambdaFunction>(m.manifest.functions.map((def) => [def.name, m.lambda.manifestFunction(def, functionEnvironment(def, env))]));
    const lambda = (name: string): LambdaFunction => {
      const fn = functions.get(name);
      if (!fn) throw new Error(`No function ${name}`);
      return fn;
    };
    const gateway: Gateway = await m.gateway.startGateway({
      port: apiPort,
      routes: new m.routes.RouteTable(m.manifest.httpFunctions),
      functions,
      corsOrigins: process.env.CORS_ORIGINS ?? '*',
      log: log.child('api'),
    });
    stops.push(gateway.stop);
    late.apiUrl = gateway.url;
    // The gateway's address is known only now that it listens: functions that link to the API in emails get it
    // before anything runs them (the pollers and the scheduler start below; the gateway looks functions up per request).
    const linked = { ...env, PUBLIC_API_URL: process.env.PUBLIC_API_URL ?? gateway.url };
    for (const def of m.manifest.functions) {
      const withUrl = functionEnvironment(def, linked);
      if (withUrl.PUBLIC_API_URL) functions.set(def.name, m.lambda.manifestFunction(def, withUrl));
    }

    const pollers: Poller[] = m.manifest.queueFunctions.map((def) => {
      const queue = sqs.queues.find((q) => q.name === def.queue);
      if (!queue) throw new Error(`${def.name} reads queue ${def.queue}, which the manifest does not declare`);
      return m.pollers.startQueuePoller({
        client: sqs.client,
        queueUrl: queue.url,
        queueArn: queue.arn,
        fn: lambda(def.name),
        batchSize: def.batchSize,
        ...(def.maxBatchingWindowSeconds !== undefined ? { maxBatchingWindowSeconds: def.maxBatchingWindowSeconds } : {}),
        log: log.child(def.name),
      });
    });
    stops.push(async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    });

    const checkpoints = await m.stream.CheckpointStore.open(inMemory ? undefined : join(dataDir, CHECKPOINT_FILE), ddb.streamArn);
    const streams = m.stream.streamsClient(ddb.d.endpoint);
    const streamOnFailure = await m.sqs.streamFailureDestination(sqs.client);
    const streamPollers = m.manifest.streamFunctions.map((def) =>
      m.stream.startStreamPoller({
        client: streams,
        streamArn: ddb.streamArn,
        fn: lambda(def.name),
        batchSize: def.batchSize,
        filters: def.filters,
        checkpoints,
        log: log.child(def.name),
        onFailure: streamOnFailure,
      }),
    );
    stops.push(async () => {
      await Promise.all(streamPollers.map((p) => p.stop()));
    });

    const runningScheduler = m.scheduler.startScheduler({ defs: m.manifest.scheduleFunctions, functions, log: log.child('scheduler') });
    late.scheduler = runningScheduler;
    stops.push(async () => runningScheduler.stop());

    await waitHealthy(gateway.url, log);
    const healthyMs = Date.now() - t0;
    await checkHandlerSettings(baseEnv, log);

    try {
      const admin = await m.admin.ensureAdmin({
        apiUrl: gateway.url,
        cognito: cognito.client,
        userPoolId,
        clientId: cognito.clientId,
        credentials: adminCredentials,
        log: log.child('admin'),
      });
      log.debug(`admin ${adminCredentials.email} ready (${admin.created})`);
    } catch (e) {
      log.error(`could not set up the admin account ${adminCredentials.email}`, e);
    }
    // The ECB history loads in the background (once per data dir): the API is usable meanwhile, and transactions
    // dated before it finishes are converted when their rates arrive. Tests wait for `fxReady`.
    const fxReady = (async () => {
      // Imported here, not at the top: it reaches shared/, whose Powertools objects read the environment when loaded.
      const { loadFxHistory } = await import('./fx-history');
      const t = Date.now();
      const fx = await loadFxHistory();
      if (!fx.skipped) log.info(`loaded ${fx.days} days of ECB reference rates in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    })().catch((e: unknown) => log.error('could not load the ECB reference rates', e));
    const readyMs = Date.now() - t0;

    let stopping: Promise<void> | undefined;
    kills.push(() => (dynamoNow ?? ddb.d).service.kill(), () => cognito.c.service.kill());
    return {
      apiUrl: gateway.url,
      consoleUrl: consoleServer.url,
      webUrl: web.url,
      docsUrl: `${web.url}/docs/`,
      env,
      admin: adminCredentials,
      endpoints: { dynamodb: ddb.d.endpoint, sqs: sqs.s.endpoint, cognito: cognito.c.endpoint, sesv2: consoleServer.url },
      ports: { api: gateway.port, console: consoleServer.port, dynamodb: ddb.d.port, sqs: sqs.s.port, cognito: cognito.c.port, web: web.port },
      pids: { main: process.pid, dynamodb: ddb.d.service.pid, cognito: cognito.c.service.pid },
      tableName: TABLE_NAME,
      userPoolId,
      userPoolClientId: cognito.clientId,
      queues: sqs.queues,
      dataDir,
      timings: { startedAt: t0, healthyMs, readyMs, dynamodbMs: await dynamodbMs, sqsMs: await sqsMs, cognitoMs: await cognitoMs },
      fxReady,
      scheduler: runningScheduler,
      stop: () => {
        stopping ??= stopAll().then(unlock);
        return stopping;
      },
      kill: () => {
        for (const k of kills) k();
      },
      dynamodb: {
        stop: () => (dynamoNow ?? ddb.d).stop(),
        start: async () => {
          if (!dynamoUp) track(await startDynamoDb({ port: ddb.d.port, ...dynamoOptions }));
        },
      },
    };
  } catch (e) {
    // Whatever started before the failure (or in parallel with it) is stopped.
    await stopAll();
    await unlock();
    throw e;
  }
}
