import type { ServerResponse } from 'node:http';
import { PROBLEM_MEDIA_TYPE, problemKinds, problemType, type Problem } from '../../shared/http/problem';

const EXTRA_TITLES: Record<string, { status: number; title: string }> = {
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  'request-header-fields-too-large': { status: 431, title: 'Request header fields too large' },
};

/** A problem document of one of the API's problem kinds, as the gateway itself answers. */
export function gatewayProblem(kind: string, detail: string, instance?: string): Problem {
  const known = problemKinds().find((k) => k.kind === kind) ?? EXTRA_TITLES[kind];
  if (!known) throw new Error(`Unknown problem kind ${kind}`);
  return { type: problemType(kind), title: known.title, status: known.status, detail, ...(instance ? { instance } : {}) };
}

/** Writes a problem as `application/problem+json`. */
export function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(problem);
  res.writeHead(problem.status, {
    'content-type': PROBLEM_MEDIA_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}
