import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildHttpApiEvent, newRequestId } from './api-event';
import { invoke, type Invocation, type LambdaFunction } from './lambda';
import type { Log } from './log';
import { PROBLEM_MEDIA_TYPE } from '../../shared/http/problem';
import { gatewayProblem } from './problem';
import type { RouteTable } from './routes';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway's longest integration timeout for HTTP APIs (30 s; the HTTP functions themselves stop at 10 s). */
export const INTEGRATION_TIMEOUT_MS = 30_000;

/**
 * The answers API Gateway's HTTP API writes itself, never a function: a JSON object with one `message`, and the
 * `apigw-requestid` header. These are not problem documents, and a client must expect them from any route.
 * - 413 `{"message":"Request Entity Too Large"}`: a body over the 10 MB payload limit.
 * - 429 `{"message":"Too Many Requests"}`: the stage's or the route's throttle (token bucket) is empty.
 * - 500 `{"message":"Internal Server Error"}`: the function failed (threw, timed out at its own 10 s) or answered
 *   something API Gateway cannot map to HTTP.
 * - 503 `{"message":"Service Unavailable"}`: no answer within the 30 s integration timeout. Written without a
 *   Content-Type, as observed from execute-api (github.com/cortexlabs/cortex/issues/1225: `content-length: 33`,
 *   `apigw-requestid`, no content type).
 * - 404 `{"message":"Not Found"}`: only when no function takes the `$default` route (Tally's manifest has one).
 * The 401 `{"message":"Unauthorized"}` of a JWT authorizer (docs.aws.amazon.com/apigateway/latest/developerguide/
 * http-api-troubleshooting-jwt.html) is not among them: no route has an authorizer, the functions verify tokens
 * themselves and answer a problem document.
 */
export const GATEWAY_ANSWERS = {
  notFound: { status: 404, body: '{"message":"Not Found"}', json: true },
  tooLarge: { status: 413, body: '{"message":"Request Entity Too Large"}', json: true },
  throttled: { status: 429, body: '{"message":"Too Many Requests"}', json: true },
  internal: { status: 500, body: '{"message":"Internal Server Error"}', json: true },
  timeout: { status: 503, body: '{"message":"Service Unavailable"}', json: false },
} as const;

type GatewayAnswer = (typeof GATEWAY_ANSWERS)[keyof typeof GATEWAY_ANSWERS];

/** Writes one of API Gateway's own answers. */
function sendGatewayAnswer(res: ServerResponse, a: GatewayAnswer, headers: Record<string, string>): void {
  res.writeHead(a.status, { ...(a.json ? { 'content-type': 'application/json' } : {}), 'content-length': String(a.body.length), ...headers });
  res.end(a.body);
}

/** A throttle: steady requests per second and burst, as the stage and its route settings declare them. */
export interface ThrottleSettings {
  rate: number;
  burst: number;
}

/** API Gateway's token bucket: `burst` tokens at most, refilled at `rate` a second; a request takes one. */
class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly t: ThrottleSettings) {
    this.tokens = t.burst;
    this.last = Date.now();
  }
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.t.burst, this.tokens + ((now - this.last) / 1000) * this.t.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface GatewayOptions {
  port: number;
  routes: RouteTable;
  /** The function behind each route, by manifest name. */
  functions: Map<string, LambdaFunction>;
  /** `*` or a comma-separated list of allowed origins (the CORS_ORIGINS setting). */
  corsOrigins: string;
  log: Log;
  maxBodyBytes?: number;
  /** How long the gateway waits for a function; default {@link INTEGRATION_TIMEOUT_MS}. */
  integrationTimeoutMs?: number;
  /**
   * The stage's default throttle (the CDK stage's 100/s, burst 200); routes with a manifest `throttle` get their own
   * bucket. Off when absent: the local cloud does not throttle unless asked (tests and benchmarks send bursts).
   */
  throttle?: ThrottleSettings;
}

export interface Gateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const PREFLIGHT_HEADERS = 'authorization,content-type,idempotency-key,if-match,if-none-match,x-correlation-id';

/** The CORS header of an answer, from the allowed origins (`*` or a comma-separated list), parsed once. */
function corsPolicy(corsOrigins: string): (origin: string | undefined) => Record<string, string> {
  if (corsOrigins.trim() === '*') return () => ({ 'access-control-allow-origin': '*' });
  const allowed = new Set(corsOrigins.split(',').map((o) => o.trim()));
  return (origin): Record<string, string> => (origin && allowed.has(origin) ? { 'access-control-allow-origin': origin, vary: 'origin' } : {});
}

class BodyTooLarge extends Error {}

/** How much of a refused body is read and thrown away, and for how long, before the connection is cut. */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 10_000;

/**
 * After a body is refused, reads and discards the rest of it so the client gets to read the 413: closing the
 * connection mid-upload would reset it under the client (EPIPE) before it sees the answer. A body that goes on
 * past DISCARD_BYTES or DISCARD_MS is cut off.
 */
function discardRest(req: IncomingMessage): void {
  if (req.complete) return;
  let seen = 0;
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_BYTES) req.socket.destroy();
  });
  req.once('end', done);
  req.once('close', done);
  req.resume();
}

/** Reads a body up to `limit` bytes; stops reading (and fails) as soon as it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Written = { status: number };

/**
 * The answer to a request Node's HTTP parser refuses before any route sees it (request line and headers past its
 * 16 KB limit, malformed HTTP, headers sent too slowly): a problem document like every other refusal, where Node
 * alone would write a bare status line.
 */
export function clientErrorResponse(err: NodeJS.ErrnoException): string {
  const problem =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? gatewayProblem('request-header-fields-too-large', 'The request line and headers are larger than the 16 KB the API reads.')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? gatewayProblem('request-timeout', 'The request headers did not arrive in time.')
        : gatewayProblem('validation', `The request is not well-formed HTTP (${err.code ?? 'unreadable'}).`);
  const body = JSON.stringify(problem);
  return `HTTP/1.1 ${problem.status} ${problem.title}\r\ncontent-type: ${PROBLEM_MEDIA_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** Writes a handler's result the way API Gateway maps a payload 2.0 response to HTTP. */
export function toHttpResponse(result: unknown): { status: number; headers: [string, string][]; body: Buffer } | undefined {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as APIGatewayProxyStructuredResultV2;
    const status = r.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries(r.headers ?? {})) {
      if (value === undefined || value === null) continue;
      if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
      headers.push([name.toLowerCase(), String(value)]);
    }
    if (r.cookies !== undefined) {
      if (!Array.isArray(r.cookies)) return undefined;
      for (const c of r.cookies) headers.push(['set-cookie', String(c)]);
    }
    if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return undefined;
    const body = r.body ? Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
    return { status, headers, body };
  }
  // Without a statusCode, API Gateway takes the whole result as a JSON body with status 200.
  const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(text, 'utf8') };
}

/** Invokes a function, or answers undefined when it has not answered within `ms` (API Gateway's integration timeout). */
function invokeWithin(fn: LambdaFunction, event: unknown, ms: number): Promise<Invocation | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([invoke(fn, event), timeout]).finally(() => clearTimeout(timer));
}

/**
 * The local API Gateway (HTTP API): routes from the manifest, and the `$default` route for all the others; CORS
 * preflight; API Gateway's 10 MB payload limit, 30 s integration timeout and (when asked) throttling, each answered
 * with API Gateway's own body ({@link GATEWAY_ANSWERS}); payload 2.0 events to the functions run in this process. No
 * route has an authorizer: the functions verify bearer tokens themselves, as on AWS.
 */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const g = gatewayRuntime(o);
  const logsRequests = o.log.level === 'debug' || o.log.level === 'info';
  const server: Server = createServer((req, res) => {
    const started = Date.now();
    handle(g, req, res)
      .then((w) => {
        if (logsRequests) o.log.info(`${req.method ?? ''} ${req.url ?? ''} ${w.status} ${Date.now() - started}ms${w.fn ? ` ${w.fn}` : ''}`);
      })
      .catch((e: unknown) => {
        o.log.error(`${req.method ?? ''} ${req.url ?? ''} failed in the gateway`, e);
        if (!res.headersSent) sendGatewayAnswer(res, GATEWAY_ANSWERS.internal, {});
        else res.destroy();
      });
  });
  server.on('clientError', onClientError);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  g.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${g.port}`,
    port: g.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a running gateway decides with: its options and limits, its throttle buckets, and the port it listens on. */
interface GatewayRuntime {
  o: GatewayOptions;
  limit: number;
  integrationTimeoutMs: number;
  stageBucket: TokenBucket | undefined;
  /** A bucket per route with its own throttle (only when the stage throttles). */
  routeBuckets: Map<string, TokenBucket>;
  allowedOrigin: (origin: string | undefined) => Record<string, string>;
  /** The listening port (the events' `port`): the asked one until the server listens. */
  port: number;
}

function gatewayRuntime(o: GatewayOptions): GatewayRuntime {
  const routeBuckets = new Map<string, TokenBucket>();
  if (o.throttle) for (const r of o.routes.routes) if (r.fn.throttle) routeBuckets.set(r.routeKey, new TokenBucket(r.fn.throttle));
  return {
    o,
    limit: o.maxBodyBytes ?? MAX_BODY_BYTES,
    integrationTimeoutMs: o.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
    stageBucket: o.throttle ? new TokenBucket(o.throttle) : undefined,
    routeBuckets,
    allowedOrigin: corsPolicy(o.corsOrigins),
    port: o.port,
  };
}

/** As Node's own default: a socket that cannot be written, or whose answer has begun, is just closed. */
function onClientError(err: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }): void {
  if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(err));
}

type Served = Written & { fn?: string };

/** Writes one of API Gateway's own answers with the request's headers, and says what was written. */
function answerWith(res: ServerResponse, a: GatewayAnswer, headers: Record<string, string>, fn?: string): Served {
  sendGatewayAnswer(res, a, headers);
  return { status: a.status, ...(fn ? { fn } : {}) };
}

/** One request: a preflight, or a route's function invoked (or one of API Gateway's own refusals). */
async function handle(g: GatewayRuntime, req: IncomingMessage, res: ServerResponse): Promise<Served> {
  const requestId = newRequestId();
  const now = new Date();
  const url = req.url ?? '/';
  const rawPath = url.split('?')[0] ?? '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const base = { ...g.allowedOrigin(req.headers.origin), 'apigw-requestid': requestId };
  if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(g.o.routes, req, res, rawPath, base);
  const refuse = (a: GatewayAnswer): Served => {
    discardRest(req);
    return answerWith(res, a, base);
  };
  if (Number(req.headers['content-length'] ?? 0) > g.limit) return refuse(GATEWAY_ANSWERS.tooLarge);
  const target = targetOf(g.o.routes, method, rawPath);
  if (!target) return refuse(GATEWAY_ANSWERS.notFound);
  const fn = g.o.functions.get(target.def.name);
  if (!fn) throw new Error(`No function ${target.def.name}`);
  if (g.stageBucket && !(g.routeBuckets.get(target.routeKey) ?? g.stageBucket).take()) return refuse(GATEWAY_ANSWERS.throttled);
  let body: Buffer | undefined;
  try {
    body = await readBody(req, g.limit);
  } catch (e) {
    if (e instanceof BodyTooLarge) return refuse(GATEWAY_ANSWERS.tooLarge);
    throw e;
  }
  const event = buildHttpApiEvent(
    { method, url, rawHeaders: req.rawHeaders, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', protocol: `HTTP/${req.httpVersion}`, port: g.port },
    { routeKey: target.routeKey, ...(target.pathParameters ? { pathParameters: target.pathParameters } : {}), requestId, now },
  );
  return invokeAndAnswer(g, fn, event, res, base);
}

/** A CORS preflight: 204 with the methods the path has (all of them when none matches). */
function preflight(routes: RouteTable, req: IncomingMessage, res: ServerResponse, rawPath: string, base: Record<string, string>): Served {
  const allow = new Set<string>();
  for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const found = routes.match(m, rawPath);
    if (found.kind === 'found') allow.add(m);
  }
  res.writeHead(204, {
    ...base,
    'access-control-allow-methods': [...allow].join(',') || 'GET,POST,PUT,PATCH,DELETE',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? PREFLIGHT_HEADERS,
    'access-control-max-age': '600',
  });
  res.end();
  return { status: 204 };
}

/**
 * The function a request goes to: its route's, else the `$default` route's (404, or 405 with Allow, as problem
 * documents); undefined without one (API Gateway's own 404).
 */
function targetOf(routes: RouteTable, method: string, rawPath: string) {
  const match = routes.match(method, rawPath);
  if (match.kind === 'found') return { def: match.route.fn, routeKey: match.route.routeKey, pathParameters: match.pathParameters };
  return routes.fallback ? { def: routes.fallback, routeKey: '$default', pathParameters: undefined } : undefined;
}

/** Invokes the function within the integration timeout and writes its answer as API Gateway maps it. */
async function invokeAndAnswer(g: GatewayRuntime, fn: LambdaFunction, event: unknown, res: ServerResponse, base: Record<string, string>): Promise<Served> {
  const outcome = await invokeWithin(fn, event, g.integrationTimeoutMs);
  if (!outcome) {
    g.o.log.error(`${fn.name} did not answer within the ${g.integrationTimeoutMs} ms integration timeout`);
    return answerWith(res, GATEWAY_ANSWERS.timeout, base, fn.name);
  }
  if (!outcome.ok) {
    g.o.log.error(`${fn.name} failed (${outcome.requestId})`, outcome.error);
    return answerWith(res, GATEWAY_ANSWERS.internal, base, fn.name);
  }
  const response = toHttpResponse(outcome.result);
  if (!response) {
    g.o.log.error(`${fn.name} returned a response API Gateway cannot map: ${JSON.stringify(outcome.result)?.slice(0, 500) ?? 'undefined'}`);
    return answerWith(res, GATEWAY_ANSWERS.internal, base, fn.name);
  }
  const headers: [string, string][] = response.headers.filter(([n]) => !n.startsWith('access-control-allow-origin') && n !== 'content-length');
  for (const [n, v] of Object.entries(base)) {
    if (n === 'vary' && headers.some(([h]) => h === 'vary')) continue;
    headers.push([n, v]);
  }
  headers.push(['content-length', String(response.body.length)]);
  res.writeHead(response.status, headers.flat());
  res.end(response.body);
  return { status: response.status, fn: fn.name };
}
