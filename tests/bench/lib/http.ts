import { Agent, request } from 'node:http';

/** An answer of the API. */
export interface Reply {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
  ms: number;
}

/**
 * A small HTTP/1.1 client for the local API: keep-alive connections (at most `maxSockets` at once), loopback only,
 * a timeout per request.
 */
export class Client {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(
    baseUrl: string,
    maxSockets = 32,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = new URL(baseUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(this.base.hostname)) throw new Error(`Refusing a non-loopback API: ${baseUrl}`);
    this.agent = new Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 1000 });
  }

  call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const started = performance.now();
    return new Promise<Reply>((resolve, reject) => {
      const req = request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            if ((res.headers['content-type'] ?? '').includes('json') && text) {
              try {
                json = JSON.parse(text);
              } catch {
                json = undefined;
              }
            }
            resolve({ status: res.statusCode ?? 0, text, json, ms });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like `call`, but fails unless the status is the expected one. */
  async expect<T>(status: number, method: string, path: string, options: Parameters<Client['call']>[2] = {}): Promise<T> {
    const r = await this.call(method, path, options);
    if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${r.text.slice(0, 300)}`);
    return r.json as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Outcome of a closed-loop load run. */
export interface LoadResult {
  /** Latency of every successful request (ms). */
  latencies: number[];
  /** Latencies by `group(i)`, when given. */
  byGroup: Record<string, number[]>;
  ok: number;
  failed: number;
  /** Status (or error message) → count, for the failures. */
  failures: Record<string, number>;
  wallMs: number;
  /** Whether the run stopped at its time limit before sending every request. */
  cutShort: boolean;
}

/**
 * Sends `total` requests with `concurrency` in flight (each worker sends its next request when the previous one
 * answered), stopping early at `maxMs`. A request counts as successful when `ok(reply)` holds.
 */
export async function load(o: {
  total: number;
  concurrency: number;
  maxMs: number;
  send: (i: number) => Promise<Reply>;
  ok?: (r: Reply) => boolean;
  group?: (i: number) => string;
}): Promise<LoadResult> {
  const ok = o.ok ?? ((r: Reply) => r.status >= 200 && r.status < 300);
  const latencies: number[] = [];
  const byGroup: Record<string, number[]> = {};
  const failures: Record<string, number> = {};
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + o.maxMs;
  const worker = async () => {
    while (next < o.total && performance.now() < deadline) {
      const i = next++;
      try {
        const r = await o.send(i);
        if (ok(r)) {
          latencies.push(r.ms);
          if (o.group) (byGroup[o.group(i)] ??= []).push(r.ms);
        } else {
          failed++;
          failures[String(r.status)] = (failures[String(r.status)] ?? 0) + 1;
        }
      } catch (e) {
        failed++;
        const key = (e as Error).message.slice(0, 80);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { latencies, byGroup, ok: latencies.length, failed, failures, wallMs: performance.now() - started, cutShort: next < o.total };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
