import { describe, expect, it } from 'vitest';
import { environmentFor, type EnvironmentRefs } from '../../functions/environment';
import { functions, type FunctionDef } from '../../functions/manifest';
import { functionEnvironment } from '../../infra/local/env';
import { queueUrlVariable } from '../../shared/queue-variables';

/** PUBLIC_API_URL (the report email's unsubscribe link) reaches the functions that send email, and only those. */
const refs: EnvironmentRefs = {
  tableName: 't',
  userPoolId: 'p',
  userPoolClientId: 'c',
  queueUrl: (q) => `http://127.0.0.1:9/${q}`,
  cursorSecret: 's'.repeat(40),
  emailFrom: 'Tally <a@b.c>',
  corsOrigins: '',
  autoConfirm: false,
  powertoolsLogLevel: 'WARN',
};

function def(name: string): FunctionDef {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

describe('PUBLIC_API_URL', () => {
  it('is set on every email:send function when the deployment names the API URL, on no other, and absent otherwise', () => {
    const url = 'https://api.example.com/';
    for (const d of functions) {
      const env = environmentFor(d, { ...refs, publicApiUrl: url });
      expect(env.PUBLIC_API_URL, d.name).toBe(d.access.includes('email:send') ? url : undefined);
      expect(environmentFor(d, refs).PUBLIC_API_URL, d.name).toBeUndefined();
    }
    expect(environmentFor(def('send-report'), { ...refs, publicApiUrl: url }).PUBLIC_API_URL).toBe(url);
  });

  it('in the local cloud, comes from the shared environment (the gateway address, set once it listens) per function', () => {
    const shared = { TABLE_NAME: 't', USER_POOL_ID: 'p', USER_POOL_CLIENT_ID: 'c', CURSOR_SECRET: 's'.repeat(40), PUBLIC_API_URL: 'http://127.0.0.1:4321' };
    const queueUrls = Object.fromEntries(functions.flatMap((f) => f.access).filter((a) => a.startsWith('queue:')).map((a) => [queueUrlVariable(a.slice('queue:'.length)), 'q']));
    const env = (name: string) => functionEnvironment(def(name), { ...shared, ...queueUrls });
    expect(env('send-report').PUBLIC_API_URL).toBe('http://127.0.0.1:4321');
    expect(env('schedule-reports').PUBLIC_API_URL).toBeUndefined();
  });
});
