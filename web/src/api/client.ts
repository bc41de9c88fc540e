import createClient from 'openapi-fetch';
import { clearTokens, getTokens, setTokens } from '../auth/session';
import { loadConfig } from '../config';
import { ApiError, offlineProblem, toProblem } from './problem';
import type { paths } from './schema';

const REFRESH_MARGIN_MS = 30_000;
let refreshing: Promise<boolean> | undefined;

async function apiUrl(): Promise<string> {
  return (await loadConfig()).apiUrl;
}

/** Trades the refresh token for new tokens, once at a time; false (and signed out) when it is no longer valid. */
export function refreshSession(): Promise<boolean> {
  const refreshToken = getTokens()?.refreshToken;
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const r = await fetch(`${await apiUrl()}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
      if (!r.ok) {
        if (r.status === 400 || r.status === 401) clearTokens();
        return false;
      }
      setTokens((await r.json()) as Parameters<typeof setTokens>[0]);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

function withToken(request: Request): Request {
  const t = getTokens();
  if (!t?.accessToken || request.headers.has('authorization')) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${t.accessToken}`);
  return new Request(request, { headers });
}

/** fetch with the access token, refreshed before it expires and once more after a 401. */
async function authedFetch(input: Request): Promise<Response> {
  const t = getTokens();
  if (t?.refreshToken && t.expiresAt - REFRESH_MARGIN_MS < Date.now()) await refreshSession();
  const retry = input.clone();
  const first = await fetch(withToken(input));
  if (first.status !== 401 || !getTokens()?.refreshToken || input.url.includes('/auth/')) return first;
  if (!(await refreshSession())) return first;
  return fetch(withToken(retry));
}

/** The typed client: every path, parameter, body and answer comes from the API's OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: '',
  fetch: async (request: Request) => {
    const base = await apiUrl();
    const url = new URL(request.url);
    // A Request's body is a stream, which cannot be re-sent to another URL as is: read it (bounded by the forms).
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const target = new Request(base + url.pathname + url.search, { method: request.method, headers: request.headers, ...(body ? { body } : {}), signal: request.signal });
    return authedFetch(target);
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError carrying its problem document (or an offline problem when nothing came back). */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, offlineProblem);
  }
  if (!answer.response.ok) throw new ApiError(answer.response.status, toProblem(answer.response.status, answer.error), answer.response.headers);
  return answer.data as T;
}

/** Like ok, with the reply's ETag (the version to send back as If-Match). */
export async function okWithEtag<T>(call: Promise<Answer<T>>): Promise<{ data: T; etag: string | undefined }> {
  let response: Response | undefined;
  const data = await ok(call.then((a) => ((response = a.response), a)));
  return { data, etag: response?.headers.get('etag') ?? undefined };
}

/** The If-Match header for a resource read with this `version`. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** A fresh Idempotency-Key for one create: a retry of the same create sends the same key. */
export function idempotencyKey(): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': crypto.randomUUID() };
}
