import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

/** A JSON answer of the API under test. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Calls the local cloud's API over HTTP, as a client would. */
export async function call<T = any>(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const { apiUrl } = inject('cloud');
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.raw;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${apiUrl}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export interface TestUser {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  idToken: string;
}

/** Registers and signs in a fresh user. */
export async function newUser(name = 'Test User'): Promise<TestUser> {
  const email = `u-${randomUUID().slice(0, 12)}@example.com`;
  const password = 'Correct-Horse-42';
  const reg = await call('POST', '/auth/register', { body: { email, password, name } });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.text}`);
  if (reg.body.confirmed === false) {
    // As a person would: the code from the email Cognito sent (the local cloud's outbox).
    const confirmed = await call('POST', '/auth/confirm', { body: { email, code: await emailedCode(email) } });
    if (confirmed.status !== 204) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  }
  const login = await call('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
  return { email, password, userId: reg.body.userId, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken, idToken: login.body.idToken };
}

/** Signs in the bootstrap administrator. */
export async function admin(): Promise<{ accessToken: string }> {
  const { admin } = inject('cloud');
  const login = await call('POST', '/auth/login', { body: admin });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${login.text}`);
  return login.body;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Messages the local email outbox holds for an address. */
export async function outbox(to: string): Promise<{ subject: string; html: string; text: string }[]> {
  const { consoleUrl } = inject('cloud');
  const res = await fetch(`${consoleUrl}/api/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { items: { subject: string; html: string; text: string }[] }).items;
}

/**
 * The newest code Cognito emailed to an address (confirmation or password reset), from the local outbox; with
 * `after`, only a code other than that one (a resent or new code).
 */
export async function emailedCode(to: string, options: { after?: string; timeoutMs?: number } = {}): Promise<string> {
  return eventually(
    async () => {
      for (const m of await outbox(to)) {
        const code = /Your Tally code is (\d{4,8})\b/.exec(m.text ?? '')?.[1];
        if (code) return code === options.after ? undefined : code;
      }
      return undefined;
    },
    options.timeoutMs ?? 10_000,
    `a code emailed to ${to}`,
  );
}
