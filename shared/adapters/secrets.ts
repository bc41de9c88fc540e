import { config } from '../config';
/**
 * Secrets Manager values at run time, through the AWS Parameters and Secrets Lambda Extension: a layer the CDK app
 * adds to every function, serving `GET /secretsmanager/get` on localhost and caching what it fetched. The function
 * needs no Secrets Manager client in its bundle, and the value never appears in its configuration (only the
 * secret's ARN does). Calls are authenticated with the function's session token, as the extension requires.
 */

/** How long this process reuses a value before asking the extension again (the extension caches too). */
const TTL_MS = 5 * 60_000;

const cache = new Map<string, { value: string; until: number }>();

export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

function extensionUrl(secretId: string, versionId: string | undefined): string {
  const port = config().PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const query = new URLSearchParams({ secretId, ...(versionId ? { versionId } : {}) });
  return `http://localhost:${port}/secretsmanager/get?${query.toString()}`;
}

/** The SecretString of a secret (a version of it when `versionId` is given). */
export async function secretString(secretId: string, versionId?: string, now = Date.now()): Promise<string> {
  const key = `${secretId}\n${versionId ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const token = config().AWS_SESSION_TOKEN;
  if (!token) throw new SecretUnavailableError('AWS_SESSION_TOKEN is not set: the secrets extension accepts only calls from the function.');
  const res = await fetch(extensionUrl(secretId, versionId), { headers: { 'X-Aws-Parameters-Secrets-Token': token }, signal: AbortSignal.timeout(3000) }).catch((e: unknown) => {
    throw new SecretUnavailableError(`The secrets extension did not answer: ${(e as Error).message}`);
  });
  const text = await res.text();
  if (!res.ok) throw new SecretUnavailableError(`The secrets extension answered ${res.status} for ${secretId}: ${text.slice(0, 200)}`);
  let value: unknown;
  try {
    value = (JSON.parse(text) as { SecretString?: unknown }).SecretString;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '') throw new SecretUnavailableError(`The secret ${secretId} has no SecretString.`);
  cache.set(key, { value, until: now + TTL_MS });
  return value;
}

/** Forgets cached values (tests). */
export function clearSecretCache(): void {
  cache.clear();
}
