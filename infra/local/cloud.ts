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
  /** The built web app to serve; default web/dist (`npm run web:build`). */
  webDist?: string;
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
  const s = startupOf(options);
  await mkdir(s.dataDir, { recursive: true });
  const unlock = await lock(s.dataDir);
  const stopAll = async () => {
    for (const stop of s.stops.splice(0).reverse()) {
      await stop().catch((e: unknown) => s.log.error('stopping failed', e));
    }
  };
  try {
    return await bootCloud(s, stopAll, unlock);
  } catch (e) {
    // Whatever started before the failure (or in parallel with it) is stopped.
    await stopAll();
    await unlock();
    throw e;
  }
}

type ServerKey = 'console' | 'dynamodb' | 'sqs' | 'cognito' | 'web';

/** What every part of one start shares: its options, log, folder and ports, and how to stop what has started. */
interface Startup {
  options: LocalCloudOptions;
  /** When the start began (epoch ms): the timings count from it. */
  t0: number;
  log: Log;
  dataDir: string;
  apiPort: number;
  inMemory: boolean;
  /** A server's port: the one asked for, else the API port + `offset` (any free port when the API's is 0). */
  pick: (key: ServerKey, offset: number) => number;
  /** How to stop each part, in the order they started (stopped in reverse). */
  stops: (() => Promise<void>)[];
  /** Immediate kills, for a second Ctrl-C. */
  kills: (() => void)[];
}

function startupOf(options: LocalCloudOptions): Startup {
  const t0 = Date.now();
  const level: LogLevel = parseLevel(options.logLevel, options.quiet ? 'warn' : 'info');
  const log = createLog(level);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const apiPort = options.port ?? 3000;
  return {
    options,
    t0,
    log,
    dataDir,
    apiPort,
    inMemory: options.inMemory ?? false,
    pick: (key, offset) => options.ports?.[key] ?? (apiPort === 0 ? 0 : apiPort + offset),
    stops: [],
    kills: [() => rmSync(join(dataDir, LOCK_FILE), { force: true })],
  };
}

/** The start itself, once the data folder is locked: emulators and servers, functions, pollers, admin account. */
async function bootCloud(s: Startup, stopAll: () => Promise<void>, unlock: () => Promise<void>): Promise<LocalCloud> {
  const saved = await savedState(s);
  // The child processes first: they boot while the modules load.
  const emulators = startEmulators(s, saved.userPoolId);
  const modules = loadModules();
  const baseEnv = prepareHandlers(s.options, saved, modules);
  const services = startServices(s, modules, emulators, saved);
  const up = await servicesUp(services, emulators, modules);
  const adminCredentials = await saveState(s, saved, up);
  const env = handlerEnvironment(baseEnv, {
    userPoolClientId: up.cognito.clientId,
    endpoints: { dynamodb: up.ddb.d.endpoint, sqs: up.sqs.s.endpoint, cognito: up.cognito.c.endpoint, sesv2: up.consoleServer.url },
    queues: up.sqs.queues,
    webUrl: up.web.url,
  });
  Object.assign(process.env, env);
  up.m.config.resetConfig();
  const { functions, gateway } = await startApi(s, up, env, services.late);
  startQueuePollers(s, up, functions);
  await startStreamPollers(s, up, functions);
  const scheduler = up.m.scheduler.startScheduler({ defs: up.m.manifest.scheduleFunctions, functions, log: s.log.child('scheduler') });
  services.late.scheduler = scheduler;
  s.stops.push(async () => scheduler.stop());

  await waitHealthy(gateway.url, s.log);
  const healthyMs = Date.now() - s.t0;
  await checkHandlerSettings(baseEnv, s.log);
  await ensureAdminAccount(s, up, saved.userPoolId, adminCredentials, gateway.url);
  const fxReady = loadFxInBackground(s.log);
  const readyMs = Date.now() - s.t0;
  s.kills.push(() => (emulators.dynamo.now ?? up.ddb.d).service.kill(), () => up.cognito.c.service.kill());
  const [dynamodbMs, sqsMs, cognitoMs] = await Promise.all(services.timings);
  return cloudHandle({
    s, up, emulators, gateway, env, adminCredentials, userPoolId: saved.userPoolId, scheduler, fxReady, stopAll, unlock,
    timings: { startedAt: s.t0, healthyMs, readyMs, dynamodbMs, sqsMs, cognitoMs },
  });
}

/** What earlier runs kept (unless `fresh`): the user pool, whose file must still exist, the cursor secret, the admin. */
async function savedState(s: Startup) {
  if (s.options.fresh) await wipe(s.dataDir);
  const statePath = join(s.dataDir, STATE_FILE);
  const state = await readJson<LocalState>(statePath, {});
  const poolFile = (id: string) => join(s.dataDir, 'cognito', '.cognito', 'db', `${id}.json`);
  const userPoolId = state.userPoolId && existsSync(poolFile(state.userPoolId)) ? state.userPoolId : newUserPoolId();
  const cursorSecret = state.cursorSecret ?? randomBytes(32).toString('hex');
  return { statePath, state, userPoolId, cursorSecret };
}

type SavedState = Awaited<ReturnType<typeof savedState>>;

/** The running DynamoDB Local: replaced when a fault test restarts it. */
class DynamoTracker {
  now: DynamoDb | undefined;
  up = false;

  track(d: DynamoDb): void {
    this.now = d;
    this.up = true;
    void d.service.exited.then(() => {
      if (this.now === d) this.up = false;
    });
  }
}

/** Spawns DynamoDB Local and cognito-local (each stopped with the cloud). */
function startEmulators(s: Startup, userPoolId: string) {
  const dynamoOptions = { dbPath: join(s.dataDir, 'dynamodb'), inMemory: s.inMemory, jit: s.options.dynamoDbJit ?? 'startup', log: s.log.child('dynamodb') } as const;
  const dynamo = new DynamoTracker();
  const dynamoStarting = startDynamoDb({ port: s.pick('dynamodb', 2), ...dynamoOptions }).then((d) => {
    dynamo.track(d);
    s.stops.push(() => (dynamo.now ?? d).stop());
    return d;
  });
  const cognitoStarting = startCognito({ dir: join(s.dataDir, 'cognito'), port: s.pick('cognito', 4), userPoolId, log: s.log.child('cognito') }).then((c) => {
    s.stops.push(c.stop);
    return c;
  });
  return { dynamo, dynamoOptions, dynamoStarting, cognitoStarting };
}

type Emulators = ReturnType<typeof startEmulators>;
type Modules = ReturnType<typeof loadModules>;

/**
 * The handlers' fixed settings now, so the health function (the readiness probe) can be imported meanwhile; answers
 * those settings.
 */
function prepareHandlers(options: LocalCloudOptions, saved: SavedState, modules: Modules): Record<string, string> {
  const baseEnv = baseEnvironment({ tableName: TABLE_NAME, userPoolId: saved.userPoolId, cursorSecret: saved.cursorSecret, powertoolsLogLevel: (options.handlerLogLevel ?? 'WARN').toUpperCase(), autoConfirm: options.autoConfirm ?? true });
  Object.assign(process.env, baseEnv);
  void Promise.all([modules.manifest, modules.lambda])
    .then(([manifest, lambda]) => {
      const health = manifest.httpFunctions.find((f) => f.routes.some((r) => r.method === 'GET' && r.path === '/health'));
      return health ? lambda.loadHandler(health.entry) : undefined;
    })
    .catch(() => undefined);
  return baseEnv;
}

/** SQS (fauxqs) with the manifest's queues. */
async function startSqsService(s: Startup, modules: Modules) {
  const [sqsModule, manifest] = await Promise.all([modules.sqs, modules.manifest]);
  const sqs = await sqsModule.startSqs({ port: s.pick('sqs', 3) });
  s.stops.push(sqs.stop);
  const client = sqsModule.sqsClient(sqs.endpoint);
  return { s: sqs, client, queues: await sqsModule.ensureQueues(client, manifest.queues) };
}

/** What the console and the web server read once the parts they show are up. */
interface LateParts {
  scheduler?: Scheduler;
  sqs?: Awaited<ReturnType<typeof startSqsService>>;
  apiUrl?: string;
}

/**
 * Everything that can start in parallel: the table, SQS, the user pool, the web app and the console, with the
 * milliseconds from the start to each of the first three being ready (-1 when it failed).
 */
function startServices(s: Startup, modules: Modules, emulators: Emulators, saved: SavedState) {
  const dynamoP = Promise.all([emulators.dynamoStarting, modules.table]).then(async ([d, table]) => {
    const streamArn = await table.ensureTable(table.dynamoClient(d.endpoint), TABLE_NAME, s.log.child('dynamodb'), s.inMemory);
    return { d, streamArn };
  });
  const sqsP = startSqsService(s, modules);
  const cognitoP = Promise.all([emulators.cognitoStarting, modules.pool]).then(async ([c, pool]) => {
    const client = pool.cognitoClient(c.endpoint);
    const clientId = await pool.ensurePoolSetup(client, saved.userPoolId, saved.state.userPoolClientId);
    return { c, client, clientId };
  });
  // Filled in as the parts come up; the console starts first and reads them when asked.
  const late: LateParts = {};
  const webP = startWebServer({ port: s.pick('web', 5), apiUrl: () => late.apiUrl, log: s.log.child('web'), ...(s.options.webDist ? { dist: s.options.webDist } : {}) }).then((w) => {
    s.stops.push(w.stop);
    return w;
  });
  const consoleP = startConsoleServer(s, modules, emulators, late);
  const since = (p: Promise<unknown>) => p.then(
    () => Date.now() - s.t0,
    () => -1,
  );
  return { dynamoP, sqsP, cognitoP, webP, consoleP, late, timings: [since(dynamoP), since(sqsP), since(cognitoP)] as const };
}

/** The console with the email outbox (Cognito's code emails included), the scheduler and the queue depths. */
async function startConsoleServer(s: Startup, modules: Modules, emulators: Emulators, late: LateParts): Promise<ConsoleServer> {
  const [email, consoleModule, sqsModule, cognitoEmail] = await Promise.all([modules.email, modules.console, modules.sqs, modules.cognitoEmail]);
  const outbox = await email.Outbox.open(join(s.dataDir, 'outbox'));
  // Cognito's code emails (sign-up, resent code, forgotten password) arrive in the same outbox.
  void emulators.cognitoStarting.then((c) => cognitoEmail.deliverCognitoEmails(c.service, outbox, (e) => s.log.error('could not store a Cognito email', e)), () => undefined);
  const server: ConsoleServer = await consoleModule.startConsole({
    port: s.pick('console', 1),
    outbox,
    scheduler: () => late.scheduler,
    queues: async () => {
      const q = late.sqs;
      if (!q) return [];
      return sqsModule.queueDepths(q.client, q.queues.flatMap((x) => [{ name: x.name, url: x.url }, { name: x.dlq.name, url: x.dlq.url }]));
    },
    log: s.log.child('console'),
  });
  s.stops.push(server.stop);
  return server;
}

/** Waits for every part started in parallel; the first failure fails the start (after all have settled). */
async function servicesUp(services: ReturnType<typeof startServices>, emulators: Emulators, modules: Modules) {
  const { dynamoP, sqsP, cognitoP, consoleP, webP } = services;
  const settled = await Promise.allSettled([dynamoP, sqsP, cognitoP, consoleP, webP, emulators.dynamoStarting, emulators.cognitoStarting, modules.all]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [ddb, sqs, cognito, consoleServer, web, m] = await Promise.all([dynamoP, sqsP, cognitoP, consoleP, webP, modules.all]);
  services.late.sqs = sqs;
  return { ddb, sqs, cognito, consoleServer, web, m };
}

type ServicesUp = Awaited<ReturnType<typeof servicesUp>>;

/** The admin account's credentials (options, environment, the saved ones, or new), saved with the pool and secret. */
async function saveState(s: Startup, saved: SavedState, up: ServicesUp): Promise<Credentials> {
  const { options } = s;
  const adminCredentials: Credentials = {
    email: options.admin?.email ?? process.env.TALLY_ADMIN_EMAIL ?? saved.state.admin?.email ?? 'admin@tally.local',
    password: options.admin?.password ?? process.env.TALLY_ADMIN_PASSWORD ?? saved.state.admin?.password ?? up.m.admin.generatePassword(),
  };
  await writeJson(saved.statePath, { userPoolId: saved.userPoolId, userPoolClientId: up.cognito.clientId, cursorSecret: saved.cursorSecret, admin: adminCredentials } satisfies LocalState);
  return adminCredentials;
}

/** Every manifest function with only its own environment, and the gateway in front of the HTTP ones. */
async function startApi(s: Startup, up: ServicesUp, env: Record<string, string>, late: LateParts) {
  const { m } = up;
  const functions = new Map<string, LambdaFunction>(m.manifest.functions.map((def) => [def.name, m.lambda.manifestFunction(def, functionEnvironment(def, env))]));
  const gateway: Gateway = await m.gateway.startGateway({
    port: s.apiPort,
    routes: new m.routes.RouteTable(m.manifest.httpFunctions),
    functions,
    corsOrigins: process.env.CORS_ORIGINS ?? '*',
    log: s.log.child('api'),
  });
  s.stops.push(gateway.stop);
  late.apiUrl = gateway.url;
  // The gateway's address is known only now that it listens: functions that link to the API in emails get it
  // before anything runs them (the pollers and the scheduler start below; the gateway looks functions up per request).
  const linked = { ...env, PUBLIC_API_URL: process.env.PUBLIC_API_URL ?? gateway.url };
  for (const def of m.manifest.functions) {
    const withUrl = functionEnvironment(def, linked);
    if (withUrl.PUBLIC_API_URL) functions.set(def.name, m.lambda.manifestFunction(def, withUrl));
  }
  return { functions, gateway };
}

function functionNamed(functions: Map<string, LambdaFunction>, name: string): LambdaFunction {
  const fn = functions.get(name);
  if (!fn) throw new Error(`No function ${name}`);
  return fn;
}

/** One poller per queue consumer of the manifest, on its queue. */
function startQueuePollers(s: Startup, up: ServicesUp, functions: Map<string, LambdaFunction>): void {
  const { m, sqs } = up;
  const pollers: Poller[] = m.manifest.queueFunctions.map((def) => {
    const queue = sqs.queues.find((q) => q.name === def.queue);
    if (!queue) throw new Error(`${def.name} reads queue ${def.queue}, which the manifest does not declare`);
    return m.pollers.startQueuePoller({
      client: sqs.client,
      queueUrl: queue.url,
      queueArn: queue.arn,
      fn: functionNamed(functions, def.name),
      batchSize: def.batchSize,
      ...(def.maxBatchingWindowSeconds !== undefined ? { maxBatchingWindowSeconds: def.maxBatchingWindowSeconds } : {}),
      log: s.log.child(def.name),
    });
  });
  s.stops.push(async () => {
    await Promise.all(pollers.map((p) => p.stop()));
  });
}

/** One poller per table-stream function of the manifest, with checkpoints kept in the data folder (unless in memory). */
async function startStreamPollers(s: Startup, up: ServicesUp, functions: Map<string, LambdaFunction>): Promise<void> {
  const { m, ddb } = up;
  const checkpoints = await m.stream.CheckpointStore.open(s.inMemory ? undefined : join(s.dataDir, CHECKPOINT_FILE), ddb.streamArn);
  const streams = m.stream.streamsClient(ddb.d.endpoint);
  const streamOnFailure = await m.sqs.streamFailureDestination(up.sqs.client);
  const streamPollers = m.manifest.streamFunctions.map((def) =>
    m.stream.startStreamPoller({
      client: streams,
      streamArn: ddb.streamArn,
      fn: functionNamed(functions, def.name),
      batchSize: def.batchSize,
      filters: def.filters,
      checkpoints,
      log: s.log.child(def.name),
      onFailure: streamOnFailure,
    }),
  );
  s.stops.push(async () => {
    await Promise.all(streamPollers.map((p) => p.stop()));
  });
}

/** Makes sure the admin account exists; a failure is logged, not fatal. */
async function ensureAdminAccount(s: Startup, up: ServicesUp, userPoolId: string, credentials: Credentials, apiUrl: string): Promise<void> {
  try {
    const admin = await up.m.admin.ensureAdmin({
      apiUrl,
      cognito: up.cognito.client,
      userPoolId,
      clientId: up.cognito.clientId,
      credentials,
      log: s.log.child('admin'),
    });
    s.log.debug(`admin ${credentials.email} ready (${admin.created})`);
  } catch (e) {
    s.log.error(`could not set up the admin account ${credentials.email}`, e);
  }
}

/**
 * The ECB history loads in the background (once per data dir): the API is usable meanwhile, and transactions
 * dated before it finishes are converted when their rates arrive. Tests wait for `fxReady`.
 */
function loadFxInBackground(log: Log): Promise<void> {
  return (async () => {
    // Imported here, not at the top: it reaches shared/, whose Powertools objects read the environment when loaded.
    const { loadFxHistory } = await import('./fx-history');
    const t = Date.now();
    const fx = await loadFxHistory();
    if (!fx.skipped) log.info(`loaded ${fx.days} days of ECB reference rates in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  })().catch((e: unknown) => log.error('could not load the ECB reference rates', e));
}

/** The running cloud's handle, from its parts. */
function cloudHandle(c: {
  s: Startup;
  up: ServicesUp;
  emulators: Emulators;
  gateway: Gateway;
  env: Record<string, string>;
  adminCredentials: Credentials;
  userPoolId: string;
  scheduler: Scheduler;
  fxReady: Promise<void>;
  timings: LocalCloud['timings'];
  stopAll: () => Promise<void>;
  unlock: () => Promise<void>;
}): LocalCloud {
  const { s, gateway, emulators } = c;
  const { ddb, sqs, cognito, consoleServer, web } = c.up;
  let stopping: Promise<void> | undefined;
  return {
    apiUrl: gateway.url,
    consoleUrl: consoleServer.url,
    webUrl: web.url,
    docsUrl: `${web.url}/docs/`,
    env: c.env,
    admin: c.adminCredentials,
    endpoints: { dynamodb: ddb.d.endpoint, sqs: sqs.s.endpoint, cognito: cognito.c.endpoint, sesv2: consoleServer.url },
    ports: { api: gateway.port, console: consoleServer.port, dynamodb: ddb.d.port, sqs: sqs.s.port, cognito: cognito.c.port, web: web.port },
    pids: { main: process.pid, dynamodb: ddb.d.service.pid, cognito: cognito.c.service.pid },
    tableName: TABLE_NAME,
    userPoolId: c.userPoolId,
    userPoolClientId: cognito.clientId,
    queues: sqs.queues,
    dataDir: s.dataDir,
    timings: c.timings,
    fxReady: c.fxReady,
    scheduler: c.scheduler,
    stop: () => {
      stopping ??= c.stopAll().then(c.unlock);
      return stopping;
    },
    kill: () => {
      for (const k of s.kills) k();
    },
    dynamodb: {
      stop: () => (emulators.dynamo.now ?? ddb.d).stop(),
      start: async () => {
        if (!emulators.dynamo.up) emulators.dynamo.track(await startDynamoDb({ port: ddb.d.port, ...emulators.dynamoOptions }));
      },
    },
  };
}
