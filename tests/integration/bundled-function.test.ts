import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { functions } from '../../functions/manifest';
import { ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';
import { buildHttpApiEvent, newRequestId } from '../../infra/local/api-event';
import { stringifyClaims } from '../../infra/local/claims';
import { newUser } from '../support/api';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs a bundle's handler once in a fresh Node process with only the given environment, as Lambda would. */
function invokeBundle(file: string, env: Record<string, string>, event: unknown): Promise<{ code: number | null; out: string; err: string }> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)});
const event = JSON.parse(process.env.TEST_EVENT);
const result = await m.handler(event, { awsRequestId: 'r1', functionName: 'me-get', getRemainingTimeInMillis: () => 10000 });
process.stdout.write(JSON.stringify(result));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...env, TEST_EVENT: JSON.stringify(event) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * A function bundled exactly as the CDK app bundles it (infra/bundle/options.ts), run in a bare process with the
 * environment Lambda gives it: the credential chain is the environment-only one, and it still reaches DynamoDB.
 */
describe('a bundled function', () => {
  let dir = '';
  let file = '';
  let metafile: esbuild.Metafile;
  const def = functions.find((f) => f.name === 'me-get');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tally-bundle-'));
    file = join(dir, 'index.mjs');
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, def?.entry ?? 'missing')],
      outfile: file,
      ...ESBUILD_OPTIONS,
      ...(def ? { alias: bundleAliasesFor(def) } : {}),
      metafile: true,
      logLevel: 'silent',
    });
    metafile = result.metafile;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves the SDK’s default credential chain and its STS/SSO clients out', () => {
    const inputs = Object.keys(metafile.outputs[relative(ROOT, file)]?.inputs ?? {});
    expect(inputs.some((i) => i.includes('infra/bundle/lambda-credentials'))).toBe(true);
    for (const gone of ['credential-provider-node', 'credential-provider-sso', 'credential-provider-ini', 'nested-clients']) {
      expect(inputs.filter((i) => i.includes(gone))).toEqual([]);
    }
  });

  it('holds no tracing SDK, event-stream codec or mnemonist (Lambda traces the invocation; shared/tracing.ts the calls)', () => {
    const inputs = Object.keys(metafile.outputs[relative(ROOT, file)]?.inputs ?? {});
    for (const gone of ['aws-xray-sdk-core', '@aws-lambda-powertools/tracer', 'cls-hooked', 'node_modules/semver', 'submodules/event-streams', 'mnemonist']) {
      expect(inputs.filter((i) => i.includes(gone)), gone).toEqual([]);
    }
    expect(inputs.some((i) => i.includes('shared/tracing'))).toBe(true);
  });

  it('answers GET /me from DynamoDB with environment credentials only', { timeout: 30_000 }, async () => {
    const cloud = inject('cloud');
    const user = await newUser('Bundled Reader');
    const payload = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = new Date();
    const event = buildHttpApiEvent(
      { method: 'GET', url: '/me', rawHeaders: ['Host', '127.0.0.1', 'Authorization', `Bearer ${user.accessToken}`], body: undefined, sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', port: 443 },
      { routeKey: 'GET /me', claims: stringifyClaims(payload), requestId: newRequestId(), now },
    );
    // Lambda's environment: the role's keys in the environment and nothing else to find credentials with, and
    // active tracing's daemon address and trace header (a UDP socket of this test stands in for the daemon).
    const daemon = createSocket('udp4');
    const received: string[] = [];
    daemon.on('message', (m) => received.push(m.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
    const env: Record<string, string> = {
      ...cloud.env,
      PATH: process.env.PATH ?? '',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'session',
      AWS_LAMBDA_FUNCTION_NAME: 'me-get',
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
      _X_AMZN_TRACE_ID: `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`,
      HOME: dir,
    };
    delete env.AWS_PROFILE;
    delete env.POWERTOOLS_TRACE_ENABLED;
    const ok = await invokeBundle(file, env, event);
    expect(ok.err).not.toMatch(/Error/);
    const result = JSON.parse(ok.out) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ userId: user.userId, email: user.email });
    // The request's DynamoDB read (the session allow-list and the profile, read ahead in one BatchGetItem) is a
    // subsegment of the invocation.
    await new Promise((resolve) => setTimeout(resolve, 200));
    daemon.close();
    const subsegments = received.map((m) => JSON.parse(m.split('\n')[1] ?? '{}') as { name: string; trace_id: string; parent_id: string; aws: { operation: string; table_name?: string; table_names?: string[] } });
    expect(subsegments.length).toBeGreaterThanOrEqual(1);
    for (const s of subsegments) {
      expect(s).toMatchObject({ name: 'DynamoDB', trace_id: root, parent_id: '53995c3f42cd8ad8' });
      expect(s.aws.table_name ?? s.aws.table_names?.[0]).toBe(cloud.env.TABLE_NAME);
    }
    expect(subsegments.map((s) => s.aws.operation)).toContain('BatchGetItem');

    // Without the keys there is nowhere else to look: a clean 500, not a hang on instance metadata.
    const bare = { ...env };
    delete bare.AWS_ACCESS_KEY_ID;
    delete bare.AWS_SECRET_ACCESS_KEY;
    delete bare.AWS_SESSION_TOKEN;
    const failed = await invokeBundle(file, bare, event);
    expect(JSON.parse(failed.out)).toMatchObject({ statusCode: 500 });
    expect(failed.err + failed.out).toMatch(/credentials/i);
  });
});
