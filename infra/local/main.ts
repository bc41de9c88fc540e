import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLocalCloud, type LocalCloud } from './cloud';
import { checkJava, JavaMissingError } from './java';
import { REPO_ROOT } from './paths';
import { killAllServices } from './processes';

const USAGE = `Usage: npm start -- [--fresh] [--demo] [--throughput] [--verbose]

Runs Tally on this machine: the API with every function, DynamoDB Local, SQS, Cognito, the pollers, the
scheduler and an email outbox, all on 127.0.0.1.

  --fresh       start empty (forget the table, users, email and checkpoints of earlier runs)
  --demo        load demo data (infra/local/demo.ts)
  --throughput  let DynamoDB Local's JVM compile for sustained load: about 1.8× the write rate once warm
                (large imports, load tests), about half a second more to start
  --verbose     log more (the local cloud at debug level, the functions at INFO)

Environment: PORT (API port, default 3000), TALLY_ADMIN_EMAIL, TALLY_ADMIN_PASSWORD.`;

function parseArgs(argv: string[]): { fresh: boolean; demo: boolean; throughput: boolean; verbose: boolean } {
  const flags = { fresh: false, demo: false, throughput: false, verbose: false };
  for (const arg of argv) {
    if (arg === '--fresh') flags.fresh = true;
    else if (arg === '--demo') flags.demo = true;
    else if (arg === '--throughput') flags.throughput = true;
    else if (arg === '--verbose' || arg === '-v') flags.verbose = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  return flags;
}

function summary(cloud: LocalCloud): string {
  const t = cloud.timings;
  // The process started before startLocalCloud was called: tsx, and loading the first modules.
  const boot = t.startedAt - (Date.now() - process.uptime() * 1000);
  const rows: [string, string][] = [
    ['Web app', cloud.webUrl],
    ['API', cloud.apiUrl],
    ['API reference', cloud.docsUrl],
    ['Console / outbox', cloud.consoleUrl],
    ['DynamoDB Local', `${cloud.endpoints.dynamodb}  (table ${cloud.tableName})`],
    ['SQS (fauxqs)', cloud.endpoints.sqs],
    ['Cognito (cognito-local)', `${cloud.endpoints.cognito}  (pool ${cloud.userPoolId}, client ${cloud.userPoolClientId})`],
    ['Admin', `${cloud.admin.email} / ${cloud.admin.password}`],
    ['Data', cloud.dataDir],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    '',
    `Tally local cloud is up: API healthy ${((boot + t.healthyMs) / 1000).toFixed(2)} s after launch, admin ready at ${((boot + t.readyMs) / 1000).toFixed(2)} s`,
    `(process boot ${Math.round(boot)} ms; then DynamoDB ${t.dynamodbMs} ms, SQS ${t.sqsMs} ms, Cognito ${t.cognitoMs} ms, in parallel)`,
    '',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    'Press Ctrl-C to stop (twice to force).',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const running: { cloud?: LocalCloud } = {};
  let stopping = false;
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const cloud = running.cloud;
    // One Ctrl-C can arrive twice (from the terminal and relayed by tsx): a repeat within 1 s is the same one.
    if (stopping && Date.now() - firstSignalAt < 1000) return;
    if (stopping || !cloud) {
      if (stopping) console.error('\nForced stop.');
      cloud?.kill();
      killAllServices();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    firstSignalAt = Date.now();
    console.log('\nStopping the local cloud… (Ctrl-C again to force)');
    cloud.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        console.error('Stopping failed:', e);
        cloud.kill();
        process.exit(1);
      },
    );
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);

  try {
    await checkJava();
  } catch (e) {
    if (e instanceof JavaMissingError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${process.env.PORT ?? ''}"`);
    process.exit(2);
  }
  const cloud = await startLocalCloud({
    port,
    fresh: flags.fresh,
    dynamoDbJit: flags.throughput ? 'throughput' : 'startup',
    logLevel: flags.verbose ? 'debug' : 'info',
    handlerLogLevel: flags.verbose ? 'INFO' : 'WARN',
  });
  running.cloud = cloud;
  console.log(summary(cloud));

  if (flags.demo) {
    const demoFile = join(REPO_ROOT, 'infra', 'local', 'demo.ts');
    if (!existsSync(demoFile)) console.warn('No infra/local/demo.ts: nothing to load for --demo.');
    else {
      const { loadDemo } = (await import(pathToFileURL(demoFile).href)) as { loadDemo?: (c: LocalCloud) => Promise<void> };
      if (typeof loadDemo !== 'function') console.warn('infra/local/demo.ts exports no loadDemo(handle).');
      else await loadDemo(cloud);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  killAllServices();
  process.exit(1);
});
