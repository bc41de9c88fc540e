import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PASSWORD_POLICY } from '../../shared/domain/password-policy';
import { LOCAL_REGION } from './aws';
import type { Log } from './log';
import { REPO_ROOT } from './paths';
import { spawnService, waitForLine, type Service } from './processes';
import { writeJson } from './state';

/** The issuer domain of real Cognito in the region, so tokens carry the issuer aws-jwt-verify expects. */
export const ISSUER_DOMAIN = `https://cognito-idp.${LOCAL_REGION}.amazonaws.com`;
const START = join(REPO_ROOT, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
const PRELOAD = pathToFileURL(join(REPO_ROOT, 'infra', 'local', 'cognito-preload.mjs')).href;

export interface Cognito {
  endpoint: string;
  port: number;
  userPoolId: string;
  service: Service;
  stop(): Promise<void>;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A user pool id shaped like AWS's: `us-east-1_` and nine letters or digits. */
export function newUserPoolId(region = LOCAL_REGION): string {
  let id = '';
  for (let i = 0; i < 9; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${region}_${id}`;
}

/**
 * The pool's file as cognito-local stores it. cognito-local's CreateUserPool names pools `local_xxxxxxxx`, which
 * aws-jwt-verify rejects, so the pool is written here, before the emulator starts and loads it.
 */
async function writePool(dbDir: string, userPoolId: string): Promise<void> {
  const file = join(dbDir, `${userPoolId}.json`);
  if (existsSync(file)) return;
  const now = new Date().toISOString();
  await writeJson(file, {
    Users: {},
    Groups: {},
    Options: {
      Id: userPoolId,
      Name: 'tally-local',
      Arn: `arn:aws:cognito-idp:${LOCAL_REGION}:000000000000:userpool/${userPoolId}`,
      CreationDate: now,
      LastModifiedDate: now,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
          TemporaryPasswordValidityDays: 7,
        },
      },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      LambdaConfig: {},
    },
  });
}

/**
 * Starts cognito-local as a child process on 127.0.0.1 with its data in `dir` (it keeps `.cognito/` in its working
 * folder), with the user pool `userPoolId` (created when new). `port` 0 picks a free port.
 */
export async function startCognito(o: { dir: string; port: number; userPoolId: string; log: Log }): Promise<Cognito> {
  const dbDir = join(o.dir, '.cognito', 'db');
  await mkdir(dbDir, { recursive: true });
  await writeJson(join(o.dir, '.cognito', 'config.json'), {
    TokenConfig: { IssuerDomain: ISSUER_DOMAIN },
    UserPoolDefaults: { UsernameAttributes: ['email'] },
  });
  await writePool(dbDir, o.userPoolId);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(o.port),
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    NODE_NO_WARNINGS: '1',
  };
  delete env.DEBUG;
  delete env.COGNITO_LOCAL_DEVMODE;
  const service = spawnService({
    name: 'cognito-local',
    command: process.execPath,
    args: ['--import', PRELOAD, START],
    cwd: o.dir,
    env,
    log: o.log,
  });
  try {
    const m = await waitForLine(service, /Cognito Local running on https?:\/\/[^\s:]+:(\d+)/, 30_000);
    const port = Number(m[1]);
    return { endpoint: `http://127.0.0.1:${port}`, port, userPoolId: o.userPoolId, service, stop: () => service.stop() };
  } catch (e) {
    await service.stop(500);
    throw e;
  }
}
