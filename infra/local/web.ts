import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { webSecurityHeaders } from '../web-security';
import type { Log } from './log';
import { REPO_ROOT } from './paths';

/** Where `npm run web:build` puts the app. */
export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface WebServerOptions {
  port: number;
  /** The API's address, once the gateway listens (written into /config.json). */
  apiUrl: () => string | undefined;
  dist?: string;
  log: Log;
}

export interface WebServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The web app as CloudFront serves it: files from web/dist, hashed assets cached for a year, every other path
 * answered with index.html (the app routes in the browser), /config.json naming the API, the same security headers.
 */
export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const dist = resolve(o.dist ?? WEB_DIST);
  const server = createServer((req, res) => {
    serve(dist, o.apiUrl, req, res).catch((e: unknown) => {
      o.log.error('web server failed', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

async function serve(dist: string, apiUrl: () => string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const api = apiUrl() ?? '';
  const headers = webSecurityHeaders(api ? new URL(api).origin : "'none'");
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain' });
    res.end('Method not allowed');
    return;
  }
  const path = decodedPath(req.url);
  if (path === undefined) {
    res.writeHead(400, { ...headers, 'content-type': 'text/plain' });
    res.end('Bad request: the path is not valid percent-encoding');
    return;
  }
  if (path === '/config.json') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ apiUrl: api }));
    return;
  }
  const file = await existingFile(dist, path);
  if (!file) {
    const missing = await existingFile(dist, '/index.html');
    if (!missing) return notBuilt(res, headers);
    // An asset that is not there is a 404; any other path is a route of the app.
    if (path.startsWith('/assets/') || extname(path) !== '') return notFound(res, headers);
    return sendFile(res, missing, headers, 'no-cache', req.method === 'HEAD');
  }
  const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return sendFile(res, file, headers, cache, req.method === 'HEAD');
}

function decodedPath(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return undefined;
  }
}

/** The file under dist for a path (a folder's index.html), never outside dist. */
async function existingFile(dist: string, path: string): Promise<string | undefined> {
  const target = normalize(join(dist, path));
  if (target !== dist && !target.startsWith(dist + sep)) return undefined;
  for (const candidate of [target, join(target, 'index.html')]) {
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return candidate;
  }
  return undefined;
}

async function sendFile(res: ServerResponse, file: string, headers: Record<string, string>, cache: string, head: boolean): Promise<void> {
  const { size } = await stat(file);
  res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(size), 'cache-control': cache });
  if (head) return void res.end();
  createReadStream(file).pipe(res);
}

function notFound(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
  res.end('Not found');
}

function notBuilt(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end('The web app is not built: run `npm run web:build` (npm start does it for you).');
}
