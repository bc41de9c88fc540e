import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Outbox, type OutboxMessage, parseSendEmail, SesRequestError } from './email';
import type { Log } from './log';
import type { Scheduler } from './scheduler';
import type { QueueDepth } from './sqs';

export interface ConsoleOptions {
  port: number;
  outbox: Outbox;
  /** Set once the scheduler runs (the console starts first: handlers send email as soon as they run). */
  scheduler: () => Scheduler | undefined;
  queues: () => Promise<QueueDepth[]>;
  log: Log;
}

export interface ConsoleServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_EMAIL_BYTES = 40 * 1024 * 1024;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; frame-src 'self'; form-action 'self'; base-uri 'none'";

function html(res: ServerResponse, status: number, title: string, body: string): void {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}a{color:#0645ad}
iframe{width:100%;height:32rem;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}
.muted{color:#777}button{cursor:pointer}</style></head><body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  res.end(page);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new SesRequestError('The message is too large', 'MessageRejected'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function indexPage(messages: OutboxMessage[], queues: QueueDepth[] | undefined, scheduler: Scheduler | undefined): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td class="muted">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  const queueRows = (queues ?? [])
    .map((q) => `<tr><td>${escapeHtml(q.name)}</td><td>${q.visible}</td><td>${q.inFlight}</td><td>${q.delayed}</td></tr>`)
    .join('');
  const schedules = (scheduler?.list() ?? [])
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td><code>${escapeHtml(s.expression)}</code><br><span class="muted">${escapeHtml(s.description)}</span></td>` +
        `<td>${escapeHtml(s.next ?? '—')}</td><td>${s.lastRun ? `${s.lastRun.ok ? 'ok' : `failed: ${escapeHtml(s.lastRun.error ?? '')}`} (${escapeHtml(s.lastRun.at)})` : '—'}</td>` +
        `<td><form method="post" action="/schedules/${encodeURIComponent(s.name)}/run"><button>Run now</button></form></td></tr>`,
    )
    .join('');
  return `<h1>Tally local cloud</h1>
<h2>Outbox <span class="muted">(${messages.length})</span></h2>
${messages.length === 0 ? '<p class="muted">No email sent yet.</p>' : `<table><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr>${rows}</table>`}
<h2>Queues</h2><table><tr><th>Queue</th><th>Visible</th><th>In flight</th><th>Delayed</th></tr>${queueRows}</table>
<h2>Schedules</h2><table><tr><th>Function</th><th>Schedule (UTC)</th><th>Next run</th><th>Last run</th><th></th></tr>${schedules}</table>`;
}

function messagePage(m: OutboxMessage): string {
  const field = (name: string, v: string[]) => (v.length > 0 ? `<tr><th>${name}</th><td>${escapeHtml(v.join(', '))}</td></tr>` : '');
  return `<p><a href="/">← Outbox</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<table>${field('From', [m.from])}${field('To', m.to)}${field('Cc', m.cc)}${field('Bcc', m.bcc)}${field('Reply-To', m.replyTo)}
<tr><th>Received</th><td>${escapeHtml(m.receivedAt)}</td></tr><tr><th>Message id</th><td>${escapeHtml(m.id)}</td></tr></table>
${m.html !== undefined ? `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.html)}"></iframe>` : ''}
${m.text !== undefined ? `<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>` : ''}
${m.raw !== undefined ? `<h2>Raw MIME</h2><pre>${escapeHtml(m.raw)}</pre>` : ''}
${m.template ? `<h2>Template ${escapeHtml(m.template.name)}</h2><pre>${escapeHtml(m.template.data)}</pre>` : ''}`;
}

/** One request to the console: what each route reads. */
interface ConsoleRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: string;
  method: string;
}

/** SES v2 SendEmail: the message goes to the outbox, answered as SES answers. */
async function sendEmail(o: ConsoleOptions, { req, res }: ConsoleRequest): Promise<void> {
  try {
    const text = await readBody(req, MAX_EMAIL_BYTES);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new SesRequestError('The request body is not valid JSON');
    }
    const message = parseSendEmail(body);
    await o.outbox.add(message);
    o.log.info(`email "${message.subject}" to ${message.to.join(', ')} (${message.id})`);
    json(res, 200, { MessageId: message.id }, { 'x-amzn-requestid': message.id });
  } catch (e) {
    if (!(e instanceof SesRequestError)) throw e;
    json(res, 400, { message: e.message }, { 'x-amzn-errortype': e.type });
  }
}

/** The outbox pages and the JSON API of messages, queues and health; false when none of them is asked for. */
async function outboxRoutes(o: ConsoleOptions, { res, url, path, method }: ConsoleRequest): Promise<boolean> {
  if (method === 'GET' && path === '/') {
    const queues = await o.queues().catch(() => undefined);
    html(res, 200, 'Tally local cloud', indexPage(o.outbox.list(), queues, o.scheduler()));
    return true;
  }
  const page = path.match(/^\/messages\/([^/]+)$/);
  if (method === 'GET' && page?.[1]) {
    const m = o.outbox.get(decodeURIComponent(page[1]));
    if (!m) html(res, 404, 'Not found', '<p>No such message. <a href="/">Outbox</a></p>');
    else html(res, 200, m.subject, messagePage(m));
    return true;
  }
  if (method === 'GET' && path === '/health') {
    json(res, 200, { status: 'ok' });
    return true;
  }
  if (method === 'GET' && path === '/api/messages') {
    const to = url.searchParams.get('to') ?? undefined;
    json(res, 200, { items: o.outbox.list(to ? { to } : {}) });
    return true;
  }
  const apiMessage = path.match(/^\/api\/messages\/([^/]+)$/);
  if (method === 'GET' && apiMessage?.[1]) {
    const m = o.outbox.get(decodeURIComponent(apiMessage[1]));
    if (m) json(res, 200, m);
    else json(res, 404, { message: 'No such message' });
    return true;
  }
  if (method === 'DELETE' && path === '/api/messages') {
    await o.outbox.clear();
    res.writeHead(204).end();
    return true;
  }
  if (method === 'GET' && path === '/api/queues') {
    json(res, 200, { items: await o.queues() });
    return true;
  }
  return false;
}

/** The schedules: listed, and run now (from the page, or the JSON API, which waits for the outcome). */
async function scheduleRoutes(o: ConsoleOptions, { res, path, method }: ConsoleRequest): Promise<boolean> {
  if (method === 'GET' && path === '/api/schedules') {
    json(res, 200, { items: o.scheduler()?.list() ?? [] });
    return true;
  }
  const run = path.match(/^\/(api\/)?schedules\/([^/]+)\/run$/);
  if (method !== 'POST' || !run?.[2]) return false;
  const name = decodeURIComponent(run[2]);
  const scheduler = o.scheduler();
  if (!run[1]) {
    // The page does not wait for a long job; its result shows under "Last run".
    void scheduler?.run(name);
    res.writeHead(303, { location: '/' }).end();
    return true;
  }
  const outcome = scheduler ? await scheduler.run(name) : undefined;
  if (!outcome) {
    json(res, 404, { message: `No scheduled function ${name}` });
    return true;
  }
  json(
    res,
    200,
    outcome.ok
      ? { name, ok: true, ms: outcome.ms, requestId: outcome.requestId, result: outcome.result ?? null }
      : { name, ok: false, ms: outcome.ms, requestId: outcome.requestId, error: outcome.error.message, timedOut: outcome.timedOut },
  );
  return true;
}

/**
 * The local console on its own port: the SES v2 SendEmail endpoint (AWS_ENDPOINT_URL_SESV2 points the handlers'
 * SESv2Client here) with an outbox to read in the browser, and a small JSON API for tests: messages, queue depths,
 * and running a scheduled function now.
 */
export async function startConsole(o: ConsoleOptions): Promise<ConsoleServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://console');
    const r: ConsoleRequest = { req, res, url, path: url.pathname, method: req.method ?? 'GET' };
    if (r.method === 'POST' && r.path === '/v2/email/outbound-emails') return sendEmail(o, r);
    if ((await outboxRoutes(o, r)) || (await scheduleRoutes(o, r))) return;
    json(res, 404, { message: `Nothing at ${r.method} ${r.path}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      o.log.error(`console ${req.method ?? ''} ${req.url ?? ''} failed`, e);
      if (!res.headersSent) json(res, 500, { message: 'Internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
